/* periodic.c: deterministic periodic spike trains: v_i += scale r_i; a spike
 * where v_i > 1 (strictly), and v_i = 0 there (the excess is dropped, as in
 * the seed). Reset: v = 0. */
#include "msl/generator.h"

#include <stdlib.h>

#include "msl/error.h"

static void periodic_next(msl_generator *g, msl_rng *rng, msl_spikes *out) {
  (void)rng;
  double *v = g->content;
  for (int i = 0; i < g->n; i++) {
    v[i] += g->scale * g->r[i];
    if (v[i] > 1.0) {
      v[i] = 0.0;
      out->x[i] = 1.0f;
      out->idx[out->nnz++] = i;
    }
  }
}

static void periodic_reset(msl_generator *g) {
  double *v = g->content;
  for (int i = 0; i < g->n; i++) v[i] = 0.0;
}

static void periodic_destroy(msl_generator *g) { free(g->content); }

static const msl_generator_ops periodic_ops = {"periodic", periodic_next, periodic_reset,
                                               periodic_destroy, NULL, 1, 0};

msl_generator *msl_periodic_new(int n, const double *r, double scale) {
  double *v = n >= 1 ? calloc((size_t)n, sizeof *v) : NULL;
  if (n >= 1 && !v) {
    msl_error_set("periodic generator: out of memory for %d streams", n);
    return NULL;
  }
  msl_generator *g = msl_generator_alloc(&periodic_ops, v, n, r, scale);
  if (!g) free(v);
  return g;
}
