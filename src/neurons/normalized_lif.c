/* normalized_lif.c: normalised leaky integrate-and-fire (the seed's
 * NormalizedLIF): v = (1 - s_prev) a v + num / sqrt(den), a = exp(-1/tau),
 * s = v >= v0. The input is not scaled by 1 - a and is added on the step
 * after a spike too (only the leak term is reset). num is the excitatory,
 * den the inhibitory channel; den == 0 counts as 1. */
#include "msl/layer.h"

#include <math.h>
#include <stdlib.h>

#include "neuron_check.h"

typedef struct {
  double a, v0;
  double *v; /* [n] */
} nlif_state;

static void nlif_step(msl_layer *L, const double *xe, const double *xi,
                      const msl_spikes *prev, msl_spikes *out) {
  nlif_state *st = L->content;
  for (int i = 0; i < L->n; i++) {
    double den = xi[i] == 0.0 ? 1.0 : xi[i];
    double v = (1.0 - prev->x[i]) * st->a * st->v[i] + xe[i] / sqrt(den);
    if (v >= st->v0) {
      out->x[i] = 1.0f;
      out->idx[out->nnz++] = i;
    }
    st->v[i] = v;
  }
}

static void nlif_reset(msl_layer *L) {
  nlif_state *st = L->content;
  for (int i = 0; i < L->n; i++) st->v[i] = 0.0;
}

static void nlif_destroy(msl_layer *L) {
  nlif_state *st = L->content;
  if (st) free(st->v);
  free(st);
}

static const msl_layer_ops nlif_ops = {"normalized_lif", nlif_step, nlif_reset, nlif_destroy,
                                       NULL, 1, NULL};

msl_layer *msl_normalized_lif_new(int n, double tau, double v0) {
  if (neuron_bad_size("normalized_lif", n) || neuron_bad_tau("normalized_lif", "tau", tau))
    return NULL;
  nlif_state *st = calloc(1, sizeof *st);
  if (!st) return neuron_no_memory("normalized_lif", n);
  st->a = exp(-1.0 / tau);
  st->v0 = v0;
  st->v = calloc((size_t)n, sizeof *st->v);
  msl_layer *L = st->v ? msl_layer_alloc(&nlif_ops, st, n) : neuron_no_memory("normalized_lif", n);
  if (!L) {
    free(st->v);
    free(st);
  }
  return L;
}
