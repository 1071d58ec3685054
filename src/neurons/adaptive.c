/* adaptive.c: second-order neurons with an adaptive threshold (homeostasis),
 * SPEC 2: vth = vth_base + theta before the step; after it
 * theta *= exp(-1/theta_tau); theta += theta_delta * s. float32 like the
 * reference (note: exp(-1/2e7) rounds to 1 - 2^-24 in float32). */
#include "second_order.h"

#include <math.h>
#include <stdlib.h>

#include "neuron_check.h"
#include "engine/alloc64.h"
#include "engine/dispatch.h"
#include "engine/ckpt.h"

typedef struct {
  so_state so;
  float vth_base, theta_decay, theta_delta, theta_init;
  int adapt;           /* homeostasis on (1) or frozen (0) */
  float *theta, *vth;  /* [n] */
} ad_state;

MSL_KERNEL
static void ad_step(msl_layer *L, const double *xe, const double *xi,
                    const msl_spikes *prev, msl_spikes *out) {
  ad_state *st = L->content;
  int n = L->n;
  for (int i = 0; i < n; i++) st->vth[i] = st->theta[i] + st->vth_base;
  msl_so_advance(&st->so, n, xe, xi, prev, out, st->vth);
  if (!st->adapt) return;
  for (int i = 0; i < n; i++) st->theta[i] *= st->theta_decay;
  for (int k = 0; k < out->nnz; k++) st->theta[out->idx[k]] += st->theta_delta;
}

static void ad_reset(msl_layer *L) {
  ad_state *st = L->content;
  msl_so_reset(&st->so, L->n);
  for (int i = 0; i < L->n; i++) st->theta[i] = st->theta_init;
}

static void ad_destroy(msl_layer *L) {
  ad_state *st = L->content;
  msl_so_free(&st->so);
  free(st->theta);
  free(st->vth);
  free(st);
}

static void ad_set_adapt(msl_layer *L, int on) {
  ((ad_state *)L->content)->adapt = on;
}

/* theta and whether it adapts (vth is recomputed every step). */
static int ad_state_io(msl_layer *L, struct msl_ckpt *c) {
  ad_state *st = L->content;
  return msl_so_state(&st->so, L->n, c) || msl_ckpt_i32(c, "adaptive.adapt", &st->adapt, 1) ||
                 msl_ckpt_f32(c, "adaptive.theta", st->theta, (size_t)L->n)
             ? -1
             : 0;
}

static const msl_layer_ops ad_ops = {"adaptive", ad_step, ad_reset, ad_destroy,
                                     ad_set_adapt, 1, ad_state_io};

msl_layer *msl_adaptive_new(int n, const msl_adaptive_params *p) {
  if (neuron_bad_tau("adaptive", "theta_tau", p->theta_tau)) return NULL;
  ad_state *st = calloc(1, sizeof *st);
  if (!st) return neuron_no_memory("adaptive", n);
  if (msl_so_init(&st->so, n, &p->base, "adaptive")) {
    free(st);
    return NULL;
  }
  st->vth_base = (float)p->base.vth;
  st->theta_decay = (float)exp(-1.0 / p->theta_tau);
  st->theta_delta = (float)p->theta_delta;
  st->theta_init = (float)p->theta_init;
  st->adapt = 1;
  st->theta = msl_calloc64((size_t)n, sizeof(float));
  st->vth = msl_calloc64((size_t)n, sizeof(float));
  msl_layer *L =
      (st->theta && st->vth) ? msl_layer_alloc(&ad_ops, st, n) : neuron_no_memory("adaptive", n);
  if (!L) {
    msl_so_free(&st->so);
    free(st->theta);
    free(st->vth);
    free(st);
    return NULL;
  }
  for (int i = 0; i < n; i++) st->theta[i] = st->theta_init;
  return L;
}

const float *msl_adaptive_theta(const msl_layer *L) {
  if (!L || L->ops != &ad_ops) return NULL;
  return ((const ad_state *)L->content)->theta;
}
