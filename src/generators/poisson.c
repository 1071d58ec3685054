/* poisson.c: Poisson (Bernoulli per step) spike trains: stream i spikes when
 * u <= scale r_i, one draw per stream with scale r_i > 0 in ascending i,
 * tested in integers like msl_encoder (msl_rng_threshold). */
#include "msl/generator.h"

#include <stddef.h>

static void poisson_next(msl_generator *g, msl_rng *rng, msl_spikes *out) {
  for (int i = 0; i < g->n; i++) {
    double p = g->scale * g->r[i];
    if (!(p > 0.0)) continue;
    if ((int64_t)(msl_rng_u64(rng) >> 11) <= msl_rng_threshold(p)) {
      out->x[i] = 1.0f;
      out->idx[out->nnz++] = i;
    }
  }
}

static const msl_generator_ops poisson_ops = {"poisson", poisson_next, NULL, NULL, 1, 1};

msl_generator *msl_poisson_new(int n, const double *r, double scale) {
  return msl_generator_alloc(&poisson_ops, NULL, n, r, scale);
}
