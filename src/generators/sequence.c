/* sequence.c: a repeating table of activity: step t emits column t mod T of
 * an n x T table seq[i T + t] (values as they are, rounded to float). Reset:
 * back to column 0. */
#include "msl/generator.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "msl/error.h"

typedef struct {
  int T, t;
  double *seq; /* [n T] */
} sequence;

static void sequence_next(msl_generator *g, msl_rng *rng, msl_spikes *out) {
  (void)rng;
  sequence *s = g->content;
  for (int i = 0; i < g->n; i++) {
    float v = (float)s->seq[(size_t)i * s->T + s->t];
    if (v != 0.0f) {
      out->x[i] = v;
      out->idx[out->nnz++] = i;
    }
  }
  if (++s->t == s->T) s->t = 0;
}

static void sequence_reset(msl_generator *g) { ((sequence *)g->content)->t = 0; }

static void sequence_destroy(msl_generator *g) {
  sequence *s = g->content;
  free(s->seq);
  free(s);
}

static const msl_generator_ops sequence_ops = {"sequence", sequence_next, sequence_reset,
                                               sequence_destroy, NULL, 0, 0};

msl_generator *msl_sequence_new(int n, int T, const double *seq) {
  if (n < 1 || T < 1 || (long long)n * T > 1 << 28) {
    msl_error_set("sequence generator: needs n >= 1 streams and T >= 1 steps, got %d x %d", n, T);
    return NULL;
  }
  size_t len = (size_t)n * T;
  for (size_t k = 0; k < len; k++)
    if (!isfinite(seq[k])) {
      msl_error_set("sequence generator: entry %zu is not finite", k);
      return NULL;
    }
  sequence *s = calloc(1, sizeof *s);
  if (s) s->seq = malloc(len * sizeof *s->seq);
  if (!s || !s->seq) {
    free(s);
    msl_error_set("sequence generator: out of memory for %d x %d", n, T);
    return NULL;
  }
  memcpy(s->seq, seq, len * sizeof *seq);
  s->T = T;
  msl_generator *g = msl_generator_alloc(&sequence_ops, s, n, NULL, 1.0);
  if (!g) {
    free(s->seq);
    free(s);
  }
  return g;
}
