/* latch.c: latch neurons (the seed's LatchLayer): v_i = 1 once x_i > 0;
 * s = v on every step; reset v = 0. Excitatory input only. */
#include "msl/layer.h"

#include <stdlib.h>

#include "neuron_check.h"

static void latch_step(msl_layer *L, const double *xe, const double *xi,
                       const msl_spikes *prev, msl_spikes *out) {
  (void)xi;
  (void)prev;
  unsigned char *v = L->content;
  for (int i = 0; i < L->n; i++) {
    if (xe[i] > 0.0) v[i] = 1;
    if (v[i]) {
      out->x[i] = 1.0f;
      out->idx[out->nnz++] = i;
    }
  }
}

static void latch_reset(msl_layer *L) {
  unsigned char *v = L->content;
  for (int i = 0; i < L->n; i++) v[i] = 0;
}

static void latch_destroy(msl_layer *L) { free(L->content); }

static const msl_layer_ops latch_ops = {"latch", latch_step, latch_reset, latch_destroy, NULL, 0,
                                        NULL};

msl_layer *msl_latch_new(int n) {
  if (neuron_bad_size("latch", n)) return NULL;
  unsigned char *v = calloc((size_t)n, 1);
  if (!v) return neuron_no_memory("latch", n);
  msl_layer *L = msl_layer_alloc(&latch_ops, v, n);
  if (!L) free(v);
  return L;
}
