/* second_order.c: conductance-based second-order neurons (Diehl & Cook), SPEC 2.
 *
 *   ge += xe; gi += xi; refrac = t_refrac where s_prev
 *   v -= ((v - vrest) + v ge + (v + v_off_i) gi) (1 - exp(-1/tau)); v = max(v, vreset)
 *   ge *= exp(-1/tau_e); gi *= exp(-1/tau_i); s = v >= vth
 *   where refractory (refrac > 0 before this step): v = vreset, refrac -= 1, s = 0 */
#include "second_order.h"

#include <math.h>
#include <stdlib.h>

int so_init(so_state *st, int n, const msl_second_order_params *p) {
  st->k_v = (float)(1.0 - exp(-1.0 / p->tau));
  st->de = (float)exp(-1.0 / p->tau_e);
  st->di = (float)exp(-1.0 / p->tau_i);
  st->vth = (float)p->vth;
  st->vreset = (float)p->vreset;
  st->vrest = (float)p->vrest;
  st->v_init = (float)p->v_init;
  st->v_off_i = (float)p->v_off_i;
  st->t_refrac = (float)p->t_refrac;
  st->v = malloc((size_t)n * sizeof(float));
  st->ge = malloc((size_t)n * sizeof(float));
  st->gi = malloc((size_t)n * sizeof(float));
  st->refrac = malloc((size_t)n * sizeof(float));
  if (!st->v || !st->ge || !st->gi || !st->refrac) {
    so_free(st);
    return -1;
  }
  so_reset(st, n);
  return 0;
}

void so_free(so_state *st) {
  free(st->v);
  free(st->ge);
  free(st->gi);
  free(st->refrac);
  st->v = st->ge = st->gi = st->refrac = NULL;
}

void so_reset(so_state *st, int n) {
  for (int i = 0; i < n; i++) {
    st->v[i] = st->v_init;
    st->ge[i] = st->gi[i] = st->refrac[i] = 0.0f;
  }
}

void so_advance(so_state *st, int n, const double *xe, const double *xi,
                const msl_spikes *prev, msl_spikes *out, const float *vth_each) {
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
    ge[i] = e * de;
    gi[i] = h * di;
  }
  /* Threshold and refractory handling, collecting spike indices. */
  for (int i = 0; i < n; i++) {
    if (rf[i] > 0.0f) {
      v[i] = vreset;
      rf[i] -= 1.0f;
      continue;
    }
    float th = vth_each ? vth_each[i] : st->vth;
    if (v[i] >= th) {
      out->x[i] = 1.0f;
      out->idx[out->nnz++] = i;
    }
  }
}

static void so_step(msl_layer *L, const double *xe, const double *xi,
                    const msl_spikes *prev, msl_spikes *out) {
  so_advance(L->content, L->n, xe, xi, prev, out, NULL);
}

static void so_layer_reset(msl_layer *L) { so_reset(L->content, L->n); }

static void so_destroy(msl_layer *L) {
  so_free(L->content);
  free(L->content);
}

static const msl_layer_ops so_ops = {"second_order", so_step, so_layer_reset,
                                     so_destroy, NULL};

msl_layer *msl_second_order_new(int n, const msl_second_order_params *p) {
  so_state *st = calloc(1, sizeof *st);
  if (!st || so_init(st, n, p)) {
    free(st);
    return NULL;
  }
  msl_layer *L = msl_layer_alloc(&so_ops, st, n);
  if (!L) {
    so_free(st);
    free(st);
  }
  return L;
}
