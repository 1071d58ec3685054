/* generator.c: the parts of a spike generator common to every type. */
#include "msl/generator.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "msl/error.h"

msl_generator *msl_generator_alloc(const msl_generator_ops *ops, void *content, int n,
                                   const double *r, double scale) {
  if (n < 1) {
    msl_error_set("%s generator: size must be >= 1, got %d", ops->type, n);
    return NULL;
  }
  if (!isfinite(scale)) {
    msl_error_set("%s generator: scale must be finite, got %g", ops->type, scale);
    return NULL;
  }
  for (int i = 0; r && i < n; i++)
    if (!isfinite(r[i])) {
      msl_error_set("%s generator: rate %d is not finite", ops->type, i);
      return NULL;
    }
  msl_generator *g = calloc(1, sizeof *g);
  if (g && r) g->r = malloc((size_t)n * sizeof *g->r);
  if (!g || (r && !g->r)) {
    free(g);
    msl_error_set("%s generator: out of memory for %d streams", ops->type, n);
    return NULL;
  }
  if (r) memcpy(g->r, r, (size_t)n * sizeof *r);
  g->ops = ops;
  g->content = content;
  g->n = n;
  g->scale = scale;
  return g;
}

int msl_generator_next(msl_generator *g, msl_rng *rng, msl_spikes *out) {
  if (out->n != g->n)
    return msl_error_set("%s generator: output has %d entries, the generator %d", g->ops->type,
                         out->n, g->n);
  if (!rng && g->ops->random)
    return msl_error_set("%s generator: needs a random number generator", g->ops->type);
  msl_spikes_clear(out);
  g->ops->next(g, rng, out);
  return 0;
}

int msl_generator_set_rates(msl_generator *g, const double *r) {
  if (!g->ops->rates) return msl_error_set("%s generator: has no rates to set", g->ops->type);
  for (int i = 0; i < g->n; i++)
    if (!isfinite(r[i])) return msl_error_set("%s generator: rate %d is not finite", g->ops->type, i);
  memcpy(g->r, r, (size_t)g->n * sizeof *r);
  if (g->ops->changed) g->ops->changed(g);
  return 0;
}

int msl_generator_set_scale(msl_generator *g, double scale) {
  if (!g->ops->rates) return msl_error_set("%s generator: has no rates to scale", g->ops->type);
  if (!isfinite(scale)) return msl_error_set("%s generator: scale must be finite, got %g", g->ops->type, scale);
  g->scale = scale;
  if (g->ops->changed) g->ops->changed(g);
  return 0;
}

void msl_generator_reset(msl_generator *g) {
  if (g->ops->reset) g->ops->reset(g);
}

void msl_generator_free(msl_generator *g) {
  if (!g) return;
  if (g->ops->destroy) g->ops->destroy(g);
  free(g->r);
  free(g);
}
