/* second_order.c: conductance-based second-order neurons (Diehl & Cook), SPEC 2.
 *
 *   ge += xe; gi += xi; refrac = t_refrac where s_prev
 *   v -= ((v - vrest) + v ge + (v + v_off_i) gi) (1 - exp(-1/tau)); v = max(v, vreset)
 *   ge *= exp(-1/tau_e); gi *= exp(-1/tau_i); s = v >= vth
 *   where refractory (refrac > 0 before this step): v = vreset, refrac -= 1, s = 0
 * Conductances are flushed to zero once they decay below FLT_MIN (see below). */
#include "second_order.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "neuron_check.h"
#include "engine/alloc64.h"
#include "engine/dispatch.h"
#include "engine/ckpt.h"

int msl_so_init(so_state *st, int n, const msl_second_order_params *p, const char *type) {
  if (neuron_bad_size(type, n) || neuron_bad_tau(type, "tau", p->tau) ||
      neuron_bad_tau(type, "tau_e", p->tau_e) || neuron_bad_tau(type, "tau_i", p->tau_i))
    return -1;
  st->k_v = (float)(1.0 - exp(-1.0 / p->tau));
  st->de = (float)exp(-1.0 / p->tau_e);
  st->di = (float)exp(-1.0 / p->tau_i);
  st->vth = (float)p->vth;
  st->vreset = (float)p->vreset;
  st->vrest = (float)p->vrest;
  st->v_init = (float)p->v_init;
  st->v_off_i = (float)p->v_off_i;
  st->t_refrac = (float)p->t_refrac;
  st->v = msl_calloc64((size_t)n, sizeof(float));
  st->ge = msl_calloc64((size_t)n, sizeof(float));
  st->gi = msl_calloc64((size_t)n, sizeof(float));
  st->refrac = msl_calloc64((size_t)n, sizeof(float));
  st->vth_all = msl_calloc64((size_t)n, sizeof(float));
  if (!st->v || !st->ge || !st->gi || !st->refrac || !st->vth_all) {
    msl_so_free(st);
    neuron_no_memory(type, n);
    return -1;
  }
  for (int i = 0; i < n; i++) st->vth_all[i] = st->vth;
  msl_so_reset(st, n);
  return 0;
}

void msl_so_free(so_state *st) {
  free(st->v);
  free(st->ge);
  free(st->gi);
  free(st->refrac);
  free(st->vth_all);
  st->v = st->ge = st->gi = st->refrac = st->vth_all = NULL;
}

void msl_so_reset(so_state *st, int n) {
  for (int i = 0; i < n; i++) {
    st->v[i] = st->v_init;
    st->ge[i] = st->gi[i] = st->refrac[i] = 0.0f;
  }
}

MSL_KERNEL
static void so_advance_kernel(so_state *st, int n, const double *restrict xe,
                                         const double *restrict xi, const msl_spikes *prev,
                                         msl_spikes *out, const float *vth_each) {
  float *restrict v = st->v, *restrict ge = st->ge, *restrict gi = st->gi;
  float *restrict rf = st->refrac;
  for (int k = 0; k < prev->nnz; k++) rf[prev->idx[k]] = st->t_refrac;

  const float kv = st->k_v, de = st->de, di = st->di;
  const float vrest = st->vrest, vreset = st->vreset, voff = st->v_off_i;
  /* Membrane update: a plain loop the compiler vectorises. */
  for (int i = 0; i < n; i++) {
    float e = (float)((double)ge[i] + xe[i]);
    float h = (float)((double)gi[i] + xi[i]);
    float u = v[i];
    u -= ((u - vrest) + u * e + (u + voff) * h) * kv;
    u = u > vreset ? u : vreset;
    v[i] = u;
    /* Decayed conductances that fall into float's subnormal range are
     * flushed to zero: subnormal arithmetic is ~100x slower on common CPUs,
     * and doing it here (not with the FPU's FTZ flag) keeps results the same
     * on every machine. The effect on v is below 1e-38 V. */
    e *= de;
    h *= di;
    ge[i] = fabsf(e) < FLT_MIN ? 0.0f : e;
    gi[i] = fabsf(h) < FLT_MIN ? 0.0f : h;
  }
  /* Threshold and refractory handling, written as arithmetic blends (exact
   * for 0/1 masks) so that it vectorises; spike indices are collected only
   * on the steps that have spikes. */
  const float *restrict th = vth_each ? vth_each : st->vth_all;
  float *restrict sx = out->x;
  int any = 0;
  for (int i = 0; i < n; i++) {
    float r = rf[i], u = v[i];
    float m = r > 0.0f ? 1.0f : 0.0f;          /* refractory this step */
    float fire = u >= th[i] ? 1.0f : 0.0f;
    v[i] = m * vreset + (1.0f - m) * u;        /* vreset where refractory */
    rf[i] = r - m;
    float s = fire * (1.0f - m);
    sx[i] = s;
    any |= (int)s;
  }
  if (any)
    for (int i = 0; i < n; i++)
      if (sx[i] != 0.0f) out->idx[out->nnz++] = i;
}

/* The exported name calls the dispatched kernel (an exported target_clones
 * function would export its resolver too). */
void msl_so_advance(so_state *st, int n, const double *xe, const double *xi, const msl_spikes *prev,
                    msl_spikes *out, const float *vth_each) {
  so_advance_kernel(st, n, xe, xi, prev, out, vth_each);
}

int msl_so_state(so_state *st, int n, struct msl_ckpt *c) {
  const size_t k = (size_t)n;
  return msl_ckpt_f32(c, "so.v", st->v, k) || msl_ckpt_f32(c, "so.ge", st->ge, k) ||
                 msl_ckpt_f32(c, "so.gi", st->gi, k) || msl_ckpt_f32(c, "so.refrac", st->refrac, k)
             ? -1
             : 0;
}

static int so_layer_state(msl_layer *L, struct msl_ckpt *c) {
  return msl_so_state(L->content, L->n, c);
}

static void so_step(msl_layer *L, const double *xe, const double *xi,
                    const msl_spikes *prev, msl_spikes *out) {
  msl_so_advance(L->content, L->n, xe, xi, prev, out, NULL);
}

static void so_layer_reset(msl_layer *L) { msl_so_reset(L->content, L->n); }

static void so_destroy(msl_layer *L) {
  msl_so_free(L->content);
  free(L->content);
}

static const msl_layer_ops so_ops = {"second_order", so_step, so_layer_reset,
                                     so_destroy, NULL, 1, so_layer_state};

msl_layer *msl_second_order_new(int n, const msl_second_order_params *p) {
  so_state *st = calloc(1, sizeof *st);
  if (!st) return neuron_no_memory("second_order", n);
  if (msl_so_init(st, n, p, "second_order")) {
    free(st);
    return NULL;
  }
  msl_layer *L = msl_layer_alloc(&so_ops, st, n);
  if (!L) {
    msl_so_free(st);
    free(st);
  }
  return L;
}
