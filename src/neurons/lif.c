/* lif.c: leaky integrate-and-fire neurons (SPEC 2):
 * v = (1 - s_prev) * (a v + b x) with a = exp(-1/tau), b = 1 - a; s = v >= v0. */
#include "msl/layer.h"

#include <math.h>
#include <stdlib.h>

#include "neuron_check.h"
#include "engine/dispatch.h"

typedef struct {
  double a, b, v0;
  double *v; /* [n] */
} lif_state;

MSL_KERNEL
static void lif_step(msl_layer *L, const double *xe, const double *xi,
                     const msl_spikes *prev, msl_spikes *out) {
  (void)xi;
  lif_state *st = L->content;
  for (int i = 0; i < L->n; i++) {
    double v = (1.0 - prev->x[i]) * (st->a * st->v[i] + st->b * xe[i]);
    if (v >= st->v0) {
      out->x[i] = 1.0f;
      out->idx[out->nnz++] = i;
    }
    st->v[i] = v;
  }
}

static void lif_reset(msl_layer *L) {
  lif_state *st = L->content;
  for (int i = 0; i < L->n; i++) st->v[i] = 0.0;
}

static void lif_destroy(msl_layer *L) {
  lif_state *st = L->content;
  if (st) free(st->v);
  free(st);
}

static const msl_layer_ops lif_ops = {"lif", lif_step, lif_reset, lif_destroy, NULL, 0, NULL};

msl_layer *msl_lif_new(int n, double tau, double v0) {
  if (neuron_bad_size("lif", n) || neuron_bad_tau("lif", "tau", tau)) return NULL;
  lif_state *st = calloc(1, sizeof *st);
  if (!st) return neuron_no_memory("lif", n);
  st->a = exp(-1.0 / tau);
  st->b = 1.0 - st->a;
  st->v0 = v0;
  st->v = calloc((size_t)n, sizeof *st->v);
  msl_layer *L = st->v ? msl_layer_alloc(&lif_ops, st, n) : neuron_no_memory("lif", n);
  if (!L) {
    free(st->v);
    free(st);
  }
  return L;
}
