/* if.c: integrate-and-fire neurons (SPEC 2): v += x; s = v >= v0; v = 0 on s. */
#include "msl/layer.h"

#include <stdlib.h>

#include "neuron_check.h"
#include "engine/dispatch.h"
#include "engine/ckpt.h"

typedef struct {
  double v0;
  double *v; /* [n] membrane potential */
} if_state;

MSL_KERNEL
static void if_step(msl_layer *L, const double *xe, const double *xi,
                    const msl_spikes *prev, msl_spikes *out) {
  (void)xi;
  (void)prev;
  if_state *st = L->content;
  for (int i = 0; i < L->n; i++) {
    double v = st->v[i] + xe[i];
    if (v >= st->v0) {
      out->x[i] = 1.0f;
      out->idx[out->nnz++] = i;
      v = 0.0;
    }
    st->v[i] = v;
  }
}

static void if_reset(msl_layer *L) {
  if_state *st = L->content;
  for (int i = 0; i < L->n; i++) st->v[i] = 0.0;
}

static void if_destroy(msl_layer *L) {
  if_state *st = L->content;
  if (st) free(st->v);
  free(st);
}

static int if_state_io(msl_layer *L, struct msl_ckpt *c) {
  return msl_ckpt_f64(c, "if.v", ((if_state *)L->content)->v, (size_t)L->n);
}

static const msl_layer_ops if_ops = {"if", if_step, if_reset, if_destroy, NULL, 0, if_state_io};

msl_layer *msl_if_new(int n, double v0) {
  if (neuron_bad_size("if", n)) return NULL;
  if_state *st = calloc(1, sizeof *st);
  if (!st) return neuron_no_memory("if", n);
  st->v0 = v0;
  st->v = calloc((size_t)n, sizeof *st->v);
  msl_layer *L = st->v ? msl_layer_alloc(&if_ops, st, n) : neuron_no_memory("if", n);
  if (!L) {
    free(st->v);
    free(st);
  }
  return L;
}
