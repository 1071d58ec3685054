/* identity.c: identity neurons (the seed's IdentityLayer): s_i = x_i, the
 * input as it is (rounded to float, like every activity vector); the active
 * list holds the non-zero values. Stateless. Excitatory input only. */
#include "msl/layer.h"

#include <stddef.h>

#include "neuron_check.h"

static void id_step(msl_layer *L, const double *xe, const double *xi,
                    const msl_spikes *prev, msl_spikes *out) {
  (void)xi;
  (void)prev;
  for (int i = 0; i < L->n; i++) {
    float v = (float)xe[i];
    if (v != 0.0f) {
      out->x[i] = v;
      out->idx[out->nnz++] = i;
    }
  }
}

static void id_reset(msl_layer *L) { (void)L; }
static void id_destroy(msl_layer *L) { (void)L; }

static const msl_layer_ops id_ops = {"identity", id_step, id_reset, id_destroy, NULL, 0, NULL};

msl_layer *msl_identity_new(int n) {
  if (neuron_bad_size("identity", n)) return NULL;
  return msl_layer_alloc(&id_ops, NULL, n);
}
