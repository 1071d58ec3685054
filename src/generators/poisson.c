/* poisson.c: Poisson (Bernoulli per step) spike trains: stream i spikes when
 * u <= scale r_i, one draw per stream with scale r_i > 0 in ascending i,
 * tested in integers like msl_encoder (msl_rng_threshold). The streams that
 * can spike and their thresholds are computed when the rates or the scale
 * change, not on every step. */
#include "msl/generator.h"

#include <stdlib.h>

#include "msl/error.h"

typedef struct {
  int nlit;     /* streams with scale r_i > 0 */
  int *lit;     /* [n] their indices, ascending */
  int64_t *thr; /* [n] their thresholds */
} poisson;

static void poisson_changed(msl_generator *g) {
  poisson *P = g->content;
  P->nlit = 0;
  for (int i = 0; i < g->n; i++) {
    double p = g->scale * g->r[i];
    if (!(p > 0.0)) continue;
    P->thr[P->nlit] = msl_rng_threshold(p);
    P->lit[P->nlit++] = i;
  }
}

static void poisson_next(msl_generator *g, msl_rng *rng, msl_spikes *out) {
  const poisson *P = g->content;
  for (int k = 0; k < P->nlit; k++)
    if ((int64_t)(msl_rng_u64(rng) >> 11) <= P->thr[k]) {
      out->x[P->lit[k]] = 1.0f;
      out->idx[out->nnz++] = P->lit[k];
    }
}

static void poisson_destroy(msl_generator *g) {
  poisson *P = g->content;
  if (!P) return;
  free(P->lit);
  free(P->thr);
  free(P);
}

static const msl_generator_ops poisson_ops = {"poisson", poisson_next, NULL, poisson_destroy,
                                              poisson_changed, 1, 1};

msl_generator *msl_poisson_new(int n, const double *r, double scale) {
  poisson *P = n >= 1 ? calloc(1, sizeof *P) : NULL;
  if (P) {
    P->lit = malloc((size_t)n * sizeof *P->lit);
    P->thr = malloc((size_t)n * sizeof *P->thr);
  }
  if (n >= 1 && (!P || !P->lit || !P->thr)) {
    msl_generator tmp = {.content = P};
    poisson_destroy(&tmp);
    msl_error_set("poisson generator: out of memory for %d streams", n);
    return NULL;
  }
  msl_generator *g = msl_generator_alloc(&poisson_ops, P, n, r, scale);
  if (!g) {
    msl_generator tmp = {.content = P};
    poisson_destroy(&tmp);
    return NULL;
  }
  poisson_changed(g);
  return g;
}
