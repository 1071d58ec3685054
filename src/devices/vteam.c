/* vteam.c: the simplified VTEAM memristor (1R), SPEC 5.1.
 *
 * State: resistance R in [Ron, Roff]; w = 1/(G1 R). A pulse of voltage V
 * changes R by -V^41.95 * 5.28e-8 / G1 (V > 0) or (-V)^39.65 * 9.545e-7 / G1
 * (V < 0), independent of R: the model's simplification that the paper shows
 * overestimates accuracy. The step is a power law of V alone (op step_law),
 * so the rule "step" (src/rules/step.c) can ask for a resistance step and
 * get the voltage that gives it. */
#include <math.h>
#include <stdlib.h>

#include "devices.h"
#include "engine/vmath.h"
#include "pulse_batch.h"
#include "engine/dispatch.h"

static const double R_ON = 6697.893598309347, R_OFF = 2250521.504002251;
static const double A_POT = 41.95, C_POT = 5.28e-8; /* dR = -V^A_POT C_POT / G1 */
static const double A_DEP = 39.65, C_DEP = 9.545e-7; /* dR = (-V)^A_DEP C_DEP / G1 */

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

/* count pulses on each cell, the weight read after the last: the same
 * resistances as count calls of vt_kernel, whose weights nothing reads in
 * between. Zero-drive cells are left untouched. */
MSL_KERNEL
static void vt_kernel_n(const msl_device *d, double *restrict s, double *restrict w,
                        const double *restrict u, int m, double dt, int count) {
  (void)dt;
  const double inv_g1 = 1.0 / d->g1;
  for (int p = 0; p < count; p++) /* (a pulse at a time: the loop over k vectorises) */
    for (int k = 0; k < m; k++) {
      double r = s[k] + u[k] * inv_g1;
      r = r < R_ON ? R_ON : (r > R_OFF ? R_OFF : r);
      s[k] = u[k] != 0.0 ? r : s[k];
    }
  for (int k = 0; k < m; k++) w[k] = u[k] != 0.0 && count > 0 ? inv_g1 / s[k] : w[k];
}

/* The kernel adds the step u/G1 to R >= Ron > 4096, whose unit in the last
 * place is at least 2^-40 ohm: a step below 2^-41 rounds back to R, and w is
 * then recomputed as the same 1/(G1 R). |u| < 2^-42 G1 keeps the step below
 * 2^-41 even with the product's rounding. Workload 1's depression drives
 * (0.01 lr to) fall below it some 1,300 steps (G1 = 1e-5, lr = 0.03) after
 * a neuron's last spike, while its voltage is still about 0.45 V. */
static double vt_inert_drive(const msl_device *d) { return 0x1p-42 * d->g1; }

/* The step itself (the same in every state). */
MSL_KERNEL
static void vt_delta(const msl_device *d, const double *restrict s, const double *restrict u,
                     double *restrict ds, int m, double dt) {
  (void)s, (void)dt;
  const double inv_g1 = 1.0 / d->g1;
  for (int k = 0; k < m; k++) ds[k] = u[k] * inv_g1;
}

static int vt_pulse(const msl_device *d, double *s, double *w, const ptrdiff_t *at,
                    const double *v, int n, double dt, msl_pulse_stats *st) {
  (void)st;
  pulse_batch(d, s, w, at, v, n, dt, vt_kernel);
  return 0;
}

static int vt_pulses(const msl_device *d, double *s, double *w, const ptrdiff_t *at,
                     const double *v, int n, double dt, int count, msl_pulse_stats *st) {
  (void)st;
  pulses_batch(d, s, w, at, v, n, dt, count, vt_kernel_n);
  return 0;
}

static void vt_step_law(const msl_device *d, int pot, double *a, double *c) {
  (void)d;
  *a = pot ? A_POT : A_DEP;
  *c = pot ? C_POT : C_DEP;
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

MSL_KERNEL
static void vt_read(const msl_device *d, const double *restrict s, double *restrict w, int n) {
  const double inv_g1 = 1.0 / d->g1;
  for (int k = 0; k < n; k++) w[k] = inv_g1 / s[k];
}

static void vt_destroy(msl_device *d) { free(d->content); }

static const msl_device_ops vt_ops = {
    .name = "vteam", .w2s = vt_w2s, .s2w = vt_s2w, .drive = vt_drive, .pulse = vt_pulse,
    .pulses = vt_pulses,
    .set_weights = vt_set_weights, .read = vt_read, .inert_drive = vt_inert_drive, .step_law = vt_step_law,
    .delta = vt_delta,
    .destroy = vt_destroy};

static msl_device *vt_create(const msl_params *p, double g1) {
  (void)p;
  return msl_device_alloc(&msl_model_vteam, &vt_ops, 1, g1);
}

const msl_device_model msl_model_vteam = {
    "vteam", "simplified VTEAM (resistance steps independent of the state)", {NULL, 0}, "step",
    vt_create};
