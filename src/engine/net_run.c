/* net_run.c: many network steps in one call, inputs from generators (net.h),
 * so that a driver in another language pays one call per run, not per step. */
#include "msl/net.h"

#include <stdlib.h>

#include "msl/error.h"
#include "msl/generator.h"

int msl_net_run(msl_net *net, msl_generator *const *gens, msl_rng *rng, int steps, int learn,
                const char *count, double *counts) {
  int ni = msl_net_n_inputs(net);
  if (steps < 0) return msl_error_set("net run: steps must be >= 0, got %d", steps);
  msl_layer *L = count ? msl_net_layer(net, count) : NULL;
  if (count && !L) return msl_error_set("net run: no layer named '%s' to count", count);
  if (L && !counts) return msl_error_set("net run: no array for the counts of '%s'", count);
  for (int k = 0; k < ni; k++) {
    if (!gens || !gens[k]) return msl_error_set("net run: input %d has no generator", k);
    else if (gens[k]->n != msl_net_input_size(net, k))
      return msl_error_set("net run: input %d has %d entries, its generator %d", k,
                           msl_net_input_size(net, k), gens[k]->n);
  }
  msl_spikes *in = calloc((size_t)(ni > 0 ? ni : 1), sizeof *in);
  const msl_spikes **ptr = calloc((size_t)(ni > 0 ? ni : 1), sizeof *ptr);
  int bad = !in || !ptr;
  for (int k = 0; k < ni && !bad; k++) {
    bad = msl_spikes_init(&in[k], gens[k]->n);
    ptr[k] = &in[k];
  }
  if (bad) msl_error_set("net run: out of memory");
  for (int t = 0; t < steps && !bad; t++) {
    for (int k = 0; k < ni && !bad; k++) bad = msl_generator_next(gens[k], rng, &in[k]);
    if (!bad) bad = msl_net_step(net, ptr, learn);
    if (!bad && L) {
      const msl_spikes *s = msl_layer_spikes(L);
      for (int m = 0; m < s->nnz; m++) counts[s->idx[m]] += s->x[s->idx[m]];
    }
  }
  for (int k = 0; in && k < ni; k++) msl_spikes_free(&in[k]);
  free(in);
  free(ptr);
  return bad ? -1 : 0;
}
