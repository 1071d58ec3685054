/* vteam.c: the simplified VTEAM memristor (1R), SPEC 5.1.
 *
 * State: resistance R in [Ron, Roff]; w = 1/(G1 R). A pulse of voltage V
 * changes R by -V^41.95 * 5.28e-8 / G1 (V > 0) or (-V)^39.65 * 9.545e-7 / G1
 * (V < 0), independent of R: the model's simplification that the paper shows
 * overestimates accuracy. Voltages invert the formulas from desired steps
 * dR_pot = -lr/G1 te and dR_dep = k lr/G1 to (k = 0.01 in workload 1, 1 in 2). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "devices.h"
#include "engine/vmath.h"
#include "pulse_batch.h"
#include "engine/dispatch.h"

static const double R_ON = 6697.893598309347, R_OFF = 2250521.504002251;
static const double A_POT = 41.95, C_POT = 5.28e-8; /* dR = -V^A_POT C_POT / G1 */
static const double A_DEP = 39.65, C_DEP = 9.545e-7; /* dR = (-V)^A_DEP C_DEP / G1 */

typedef struct {
  double lr, k;
} vteam;

static double vt_w2s(const msl_device *d, double w) {
  double r = 1.0 / (w * d->g1);
  return r > R_OFF || !(r == r) || w <= 0.0 ? R_OFF : (r < R_ON ? R_ON : r);
}

static double vt_s2w(const msl_device *d, double r) { return 1.0 / d->g1 / r; }

/* x^a for x > 0, through the vectorisable exp/log. */
static inline double vt_pow(double x, double a) { return vm_exp(a * vm_log(x)); }

/* Drive: the resistance step times G1, -V^41.95 C_POT or (-V)^39.65 C_DEP. */
MSL_KERNEL
static void vt_drive(const msl_device *d, const double *restrict v, double *restrict u, int n) {
  (void)d;
  for (int k = 0; k < n; k++) {
    double V = v[k];
    double mag = vt_pow(V > 0.0 ? V : (V < 0.0 ? -V : 1.0), V > 0.0 ? A_POT : A_DEP);
    u[k] = V > 0.0 ? -mag * C_POT : (V < 0.0 ? mag * C_DEP : 0.0);
  }
}

MSL_KERNEL
static void vt_kernel(const msl_device *d, double *restrict s, double *restrict w,
                      const double *restrict u, int m, double dt) {
  (void)dt; /* VTEAM as used in the paper: a fixed change per pulse */
  const double inv_g1 = 1.0 / d->g1;
  for (int k = 0; k < m; k++) {
    double r = s[k] + u[k] * inv_g1;
    r = r < R_ON ? R_ON : (r > R_OFF ? R_OFF : r);
    r = u[k] != 0.0 ? r : s[k]; /* zero drive: untouched */
    w[k] = u[k] != 0.0 ? inv_g1 / r : w[k];
    s[k] = r;
  }
}

/* The kernel adds the step u/G1 to R >= Ron > 4096, whose unit in the last
 * place is at least 2^-40 ohm: a step below 2^-41 rounds back to R, and w is
 * then recomputed as the same 1/(G1 R). |u| < 2^-42 G1 keeps the step below
 * 2^-41 even with the product's rounding. Workload 1's depression drives
 * (0.01 lr to) fall below it some 1,300 steps (G1 = 1e-5, lr = 0.03) after
 * a neuron's last spike, while its voltage is still about 0.45 V. */
static double vt_inert_drive(const msl_device *d) { return 0x1p-42 * d->g1; }

static void vt_pulse(msl_device *d, double *s, double *w, const ptrdiff_t *at, const double *v,
                     int n, double dt) {
  pulse_batch(d, s, w, at, v, n, dt, vt_kernel);
}

/* The voltages invert the power laws, V = (c t)^(1/A) = exp((ln c + ln t)/A);
 * their drives are the desired steps themselves, -lr te and +k lr to (times
 * G1), which is what the power law of the voltage gives back, without
 * evaluating it twice. */
MSL_KERNEL
static void vt_v_pre(const msl_device *d, const double *restrict te, const double *restrict lnte,
                     double *restrict v, double *restrict u, int n) {
  const vteam *m = d->content;
  const double lnc = log(m->lr / C_POT), lr = m->lr;
  for (int k = 0; k < n; k++) {
    double x = (lnc + (te[k] > 0.0 ? lnte[k] : 0.0)) * (1.0 / A_POT);
    v[k] = te[k] > 0.0 ? vm_exp(x) : 0.0;
    u[k] = te[k] > 0.0 ? -lr * te[k] : 0.0;
  }
}

MSL_KERNEL
static void vt_v_post(const msl_device *d, const double *restrict to, const double *restrict lnto,
                      double *restrict v, double *restrict u, int n) {
  const vteam *m = d->content;
  const double lnc = log(m->k * m->lr / C_DEP), klr = m->k * m->lr;
  for (int k = 0; k < n; k++) {
    double x = (lnc + (to[k] > 0.0 ? lnto[k] : 0.0)) * (1.0 / A_DEP);
    v[k] = to[k] > 0.0 ? -vm_exp(x) : 0.0;
    u[k] = to[k] > 0.0 ? klr * to[k] : 0.0;
  }
}

/* Workload 2 (k = 1): potentiation for e > 0, depression for e < 0. */
static double vt_v_err(const msl_device *d, double e) {
  const vteam *m = d->content;
  if (e > 0.0) return pow(m->lr * e / C_POT, 1.0 / A_POT);
  if (e < 0.0) return -pow(m->lr * -e / C_DEP, 1.0 / A_DEP);
  return 0.0;
}

MSL_KERNEL
static size_t vt_set_weights(const msl_device *d, double *restrict s, double *restrict w,
                             size_t n) {
  const double inv_g1 = 1.0 / d->g1;
  /* Three vectorised passes (see ch_set_weights): the unclipped resistance
   * (w <= 0 or NaN: +inf), the count outside [Ron, Roff], clip and read back. */
  for (size_t k = 0; k < n; k++) s[k] = w[k] > 0.0 ? 1.0 / (w[k] * d->g1) : INFINITY;
  size_t out = 0;
  for (size_t k = 0; k < n; k++) out += (size_t)((s[k] < R_ON) | (s[k] > R_OFF));
  for (size_t k = 0; k < n; k++) {
    double r = s[k] < R_ON ? R_ON : (s[k] > R_OFF ? R_OFF : s[k]);
    s[k] = r;
    w[k] = inv_g1 / r;
  }
  return out;
}

static int vt_params(const msl_device *d, const char **names, double *values, int max) {
  const vteam *m = d->content;
  const char *nm[] = {"lr", "k"};
  double val[] = {m->lr, m->k};
  return msl_device_params_copy(names, values, max, nm, val, 2);
}

static void vt_destroy(msl_device *d) { free(d->content); }

static const msl_device_ops vt_ops = {
    .name = "vteam", .w2s = vt_w2s, .s2w = vt_s2w, .drive = vt_drive, .pulse = vt_pulse, .v_pre = vt_v_pre,
    .v_post = vt_v_post, .v_err = vt_v_err, .set_weights = vt_set_weights,
    .inert_drive = vt_inert_drive, .params = vt_params, .destroy = vt_destroy};

msl_device *msl_vteam_create(const msl_device_params *p, char *err, size_t errlen) {
  if (!(p->lr > 0.0) || !isfinite(p->lr)) {
    snprintf(err, errlen, "--lr: VTEAM needs a positive finite learning rate, got %g", p->lr);
    return NULL;
  }
  msl_device *d = msl_device_alloc(&vt_ops, sizeof(vteam), p, err, errlen);
  if (!d) return NULL;
  vteam *m = d->content;
  m->lr = p->lr;
  m->k = p->workload == 2 ? 1.0 : 0.01;
  return d;
}
