/* vteam.c: simplified VTEAM memristor (1R), SPEC 5.1; the state is the resistance R.
 *
 * dR per pulse: V > 0: -V^41.95 * 5.28e-8 / G1;  V < 0: (-V)^39.65 * 9.545e-7 / G1;
 * then R is clipped to [Ron, Roff]. The published fit gives the change per
 * pulse, so the pulse width dt does not enter. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "devices.h"

#define RON 6697.893598309347
#define ROFF 2250521.504002251
#define A_POT 41.95
#define K_POT 5.28e-8
#define A_DEP 39.65
#define K_DEP 9.545e-7

typedef struct {
  double lr, k;          /* learning rate; depression factor (0.01 wl 1, 1 wl 2) */
  double kpot, kdep;     /* K_POT / G1, K_DEP / G1: ohm per V^a */
  double g1, inv_g1;
} vteam;

static double vt_w2s(const msl_device *d, double w) {
  const vteam *m = d->content;
  /* w <= 0 (or NaN) would be an infinite or negative resistance: the device's
   * lowest weight is Roff. */
  if (!(w > 0.0)) return ROFF;
  double r = 1.0 / (w * m->g1);
  return r < RON ? RON : r > ROFF ? ROFF : r;
}

static double vt_s2w(const msl_device *d, double r) { return ((const vteam *)d->content)->inv_g1 / r; }

static void vt_pulse(msl_device *d, double *s, double *w, ptrdiff_t stride, const double *v, int n,
                     double dt) {
  const vteam *m = d->content;
  (void)dt;
  for (int k = 0; k < n; k++) {
    double vk = v[k];
    if (vk == 0.0) continue;
    double *r = s + k * stride;
    double dr = vk > 0.0 ? -pow(vk, A_POT) * m->kpot : pow(-vk, A_DEP) * m->kdep;
    double x = *r + dr;
    x = x < RON ? RON : x > ROFF ? ROFF : x;
    *r = x;
    w[k * stride] = m->inv_g1 / x;
  }
}

/* Voltage of a potentiating pulse giving dR = -lr/G1 * te (G1 cancels). */
static double pot_volts(const vteam *m, double te) {
  return te > 0.0 ? pow(m->lr * te / K_POT, 1.0 / A_POT) : 0.0;
}

/* Voltage (negative) of a depressing pulse giving dR = k*lr/G1 * to. */
static double dep_volts(const vteam *m, double k, double to) {
  return to > 0.0 ? -pow(k * m->lr * to / K_DEP, 1.0 / A_DEP) : 0.0;
}

static double vt_v_pre(const msl_device *d, double te) { return pot_volts(d->content, te); }

static double vt_v_post(const msl_device *d, double to) {
  const vteam *m = d->content;
  return dep_volts(m, m->k, to);
}

/* Workload 2 uses k = 1 for both signs (the published bp example). */
static double vt_v_err(const msl_device *d, double e) {
  const vteam *m = d->content;
  return e > 0.0 ? pot_volts(m, e) : e < 0.0 ? dep_volts(m, 1.0, -e) : 0.0;
}

static int vt_params(const msl_device *d, const char **names, double *values, int max) {
  const vteam *m = d->content;
  const char *nm[] = {"lr", "k"};
  double val[] = {m->lr, m->k};
  return msl_device_params_copy(names, values, max, nm, val, 2);
}

static void vt_destroy(msl_device *d) { free(d->content); }

static const msl_device_ops vteam_ops = {
    .name = "vteam", .w2s = vt_w2s, .s2w = vt_s2w, .pulse = vt_pulse, .v_pre = vt_v_pre,
    .v_post = vt_v_post, .v_err = vt_v_err, .params = vt_params, .destroy = vt_destroy};

msl_device *msl_vteam_create(const msl_device_params *p, char *err, size_t errlen) {
  if (!(p->lr > 0.0) || !isfinite(p->lr)) {
    snprintf(err, errlen, "--lr: vteam needs a positive finite learning rate, got %g", p->lr);
    return NULL;
  }
  msl_device *d = msl_device_alloc(&vteam_ops, sizeof(vteam), p, err, errlen);
  if (!d) return NULL;
  vteam *m = d->content;
  m->lr = p->lr;
  m->k = p->workload == 2 ? 1.0 : 0.01;
  m->kpot = K_POT / p->g1;
  m->kdep = K_DEP / p->g1;
  m->g1 = p->g1;
  m->inv_g1 = 1.0 / p->g1;
  return d;
}
