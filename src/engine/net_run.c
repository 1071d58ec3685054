/* net_run.c: many network steps in one call, inputs from generators (net.h),
 * so that a driver in another language pays one call per run, not per step. */
#include "msl/net.h"

#include <stdlib.h>
#include <string.h>

#include "msl/error.h"
#include "msl/generator.h"

/* The vector named name this step: input k's, or a layer's latest spikes. */
typedef struct {
  int input;     /* input index, or -1 */
  msl_layer *L;
} source;

static int check_args(msl_net *net, msl_generator *const *gens, int steps, int n_count,
                      const char *const *names, msl_spikes *const *counts, source *src) {
  int ni = msl_net_n_inputs(net);
  if (steps < 0) return msl_error_set("net run: steps must be >= 0, got %d", steps);
  for (int k = 0; k < ni; k++) {
    if (!gens || !gens[k]) return msl_error_set("net run: input %d has no generator", k);
    if (gens[k]->n != msl_net_input_size(net, k))
      return msl_error_set("net run: input %d has %d entries, its generator %d", k,
                           msl_net_input_size(net, k), gens[k]->n);
  }
  for (int c = 0; c < n_count; c++) {
    src[c].L = msl_net_layer(net, names[c]);
    src[c].input = src[c].L ? -1 : msl_net_input_index(net, names[c]);
    if (!src[c].L && src[c].input < 0)
      return msl_error_set("net run: no input or layer named '%s' to count", names[c]);
    int n = src[c].L ? src[c].L->n : msl_net_input_size(net, src[c].input);
    if (!counts[c] || counts[c]->n != n)
      return msl_error_set("net run: the counts of '%s' need a vector of %d entries", names[c], n);
  }
  return 0;
}

int msl_net_run_counting(msl_net *net, msl_generator *const *gens, msl_rng *rng, int steps,
                         int learn, int n_count, const char *const *names,
                         msl_spikes *const *counts) {
  int ni = msl_net_n_inputs(net);
  if (n_count < 0) return msl_error_set("net run: n_count must be >= 0, got %d", n_count);
  source *src = calloc((size_t)(n_count > 0 ? n_count : 1), sizeof *src);
  msl_spikes *in = calloc((size_t)(ni > 0 ? ni : 1), sizeof *in);
  const msl_spikes **ptr = calloc((size_t)(ni > 0 ? ni : 1), sizeof *ptr);
  int bad = !src || !in || !ptr ? msl_error_set("net run: out of memory") : 0;
  if (!bad) bad = check_args(net, gens, steps, n_count, names, counts, src);
  for (int k = 0; k < ni && !bad; k++) {
    if (msl_spikes_init(&in[k], gens[k]->n)) bad = msl_error_set("net run: out of memory");
    ptr[k] = &in[k];
  }
  for (int t = 0; t < steps && !bad; t++) {
    for (int k = 0; k < ni && !bad; k++) bad = msl_generator_next(gens[k], rng, &in[k]);
    if (!bad) bad = msl_net_step(net, ptr, learn);
    for (int c = 0; c < n_count && !bad; c++)
      msl_spikes_accumulate(counts[c], src[c].L ? msl_layer_spikes(src[c].L) : &in[src[c].input]);
  }
  for (int k = 0; in && k < ni; k++) msl_spikes_free(&in[k]);
  free(in);
  free(ptr);
  free(src);
  return bad ? -1 : 0;
}

int msl_net_run(msl_net *net, msl_generator *const *gens, msl_rng *rng, int steps, int learn,
                const char *count, double *counts) {
  if (!count) return msl_net_run_counting(net, gens, rng, steps, learn, 0, NULL, NULL);
  msl_layer *L = msl_net_layer(net, count);
  if (!L) return msl_error_set("net run: no layer named '%s' to count", count);
  if (!counts) return msl_error_set("net run: no array for the counts of '%s'", count);
  msl_spikes c;
  if (msl_spikes_init(&c, L->n)) return msl_error_set("net run: out of memory");
  msl_spikes *cp = &c;
  int rc = msl_net_run_counting(net, gens, rng, steps, learn, 1, &count, &cp);
  for (int k = 0; k < c.nnz; k++) counts[c.idx[k]] += c.x[c.idx[k]];
  msl_spikes_free(&c);
  return rc;
}
