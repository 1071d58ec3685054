/* layer.c: the parts of a layer common to every neuron type. */
#include "msl/layer.h"

#include <stdlib.h>

#include "msl/error.h"

msl_layer *msl_layer_alloc(const msl_layer_ops *ops, void *content, int n) {
  const char *type = ops && ops->type ? ops->type : "neuron";
  if (n < 1) {
    msl_error_set("%s layer: size must be >= 1, got %d", type, n);
    return NULL;
  }
  msl_layer *L = calloc(1, sizeof *L);
  if (!L) {
    msl_error_set("%s layer: out of memory", type);
    return NULL;
  }
  L->ops = ops;
  L->content = content;
  L->n = n;
  if (msl_spikes_init(&L->buf[0], n) || msl_spikes_init(&L->buf[1], n)) {
    msl_spikes_free(&L->buf[0]);
    free(L);
    msl_error_set("%s layer: out of memory for %d neurons", type, n);
    return NULL;
  }
  return L;
}

void msl_layer_free(msl_layer *L) {
  if (!L) return;
  if (L->ops && L->ops->destroy) L->ops->destroy(L);
  msl_spikes_free(&L->buf[0]);
  msl_spikes_free(&L->buf[1]);
  free(L);
}

void msl_layer_reset(msl_layer *L) {
  L->ops->reset(L);
  msl_spikes_clear(&L->buf[0]);
  msl_spikes_clear(&L->buf[1]);
}

void msl_layer_step(msl_layer *L, const double *xe, const double *xi) {
  const msl_spikes *prev = &L->buf[L->cur];
  L->cur ^= 1;
  msl_spikes *out = &L->buf[L->cur];
  msl_spikes_clear(out);
  L->ops->step(L, xe, xi, prev, out);
}

int msl_layer_set_adapt(msl_layer *L, int on) {
  if (!L->ops->set_adapt) return msl_error_set("%s layer: has no adaptation to switch", L->ops->type);
  L->ops->set_adapt(L, on);
  return 0;
}
