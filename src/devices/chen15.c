/* chen15.c: the Chen 2015 HfOx compact model (semi-empirical, 1R), SPEC 5.2.
 *
 * State: filament gap g in [0.1, 1.7] nm; w = I0/Vread sinh(Vread/V0)/G1
 * exp(-g/g0). A pulse integrates
 *   dg/dt = -Vel0 (exp(-q Eag/kT) exp(gamma V a0/L q/kT)
 *                  - exp(-q Ear/kT) exp(-gamma V a0/L q/kT)),
 *   gamma = gamma0 - beta (g/g1)^3,
 * with n forward-Euler substeps. The rate depends on g itself, so one voltage
 * changes different cells by different amounts: the switching non-uniformity
 * the paper is about. */
#include <math.h>
#include <stdlib.h>

#include "devices.h"
#include "engine/vmath.h"
#include "pulse_batch.h"
#include "engine/dispatch.h"

static const double G0 = 2.7505e-10, I0 = 6.14e-5, VREAD = 0.7, V0 = 0.43;
static const double GAMMA0 = 16.5, BETA = 1.25, GAP1 = 1e-9, VEL0 = 150.0;
static const double Q = 1.60217663e-19, EAG = 1.501, EAR = 1.5, KB = 1.3806503e-23;
static const double TEMP = 350.0, A0 = 0.25e-9, LEN = 5e-9;
static const double GAP_MIN = 0.1e-9, GAP_MAX = 1.7e-9;

typedef struct {
  int substeps;
  double k_w;     /* I0/Vread sinh(Vread/V0) / G1: w = k_w exp(-g/g0) */
  double eag, ear; /* exp(-q Eag/kT), exp(-q Ear/kT) */
  double alqkt;   /* a0/L q/kT */
} chen;

static double ch_w2s(const msl_device *d, double w) {
  const chen *c = d->content;
  double g = -log(w / c->k_w) * G0;
  return g > GAP_MAX || !(g == g) ? GAP_MAX : (g < GAP_MIN ? GAP_MIN : g);
}

static double ch_s2w(const msl_device *d, double g) {
  const chen *c = d->content;
  return c->k_w * exp(-g / G0);
}

/* Drive: V a0/L q/kT, the exponent's factor next to gamma. */
MSL_KERNEL
static void ch_drive(const msl_device *d, const double *restrict v, double *restrict u, int n) {
  const double alqkt = ((const chen *)d->content)->alqkt;
  for (int k = 0; k < n; k++) u[k] = v[k] * alqkt;
}

/* count pulses on each cell: per pulse the Euler substeps, then the gap
 * clipped into the range; the weight, which nothing reads in between,
 * after the last. Zero-drive cells are left untouched. */
MSL_KERNEL
static void ch_kernel_n(const msl_device *d, double *restrict s, double *restrict w,
                        const double *restrict u, int m, double dt, int count) {
  const chen *c = d->content;
  const double h = dt / c->substeps, eag = c->eag, ear = c->ear, k_w = c->k_w;
  for (int p = 0; p < count; p++) {
    for (int n = 0; n < c->substeps; n++)
      for (int k = 0; k < m; k++) {
        double g = s[k], r = g / GAP1;
        double gamma = GAMMA0 - BETA * (r * r * r);
        double e = vm_exp(gamma * u[k]);
        double dgdt = -VEL0 * (eag * e - ear / e);
        s[k] = u[k] != 0.0 ? g + dgdt * h : g;
      }
    for (int k = 0; k < m; k++) {
      double g = s[k], gc = g < GAP_MIN ? GAP_MIN : (g > GAP_MAX ? GAP_MAX : g);
      s[k] = u[k] != 0.0 ? gc : g;
    }
  }
  for (int k = 0; k < m; k++) w[k] = u[k] != 0.0 ? k_w * vm_exp(-s[k] / G0) : w[k];
}

static void ch_kernel(const msl_device *d, double *s, double *w, const double *u, int m,
                      double dt) {
  ch_kernel_n(d, s, w, u, m, dt, 1);
}

/* The kernel's change of gap without the clip and the weight: the
 * increment itself for one substep (not a difference of gaps), else the
 * substeps' sum. */
static inline double ch_rate(const chen *c, double g, double u) {
  double r = g / GAP1, gamma = GAMMA0 - BETA * (r * r * r);
  double e = vm_exp(gamma * u);
  return -VEL0 * (c->eag * e - c->ear / e);
}

MSL_KERNEL
static void ch_delta(const msl_device *d, const double *restrict s, const double *restrict u,
                     double *restrict ds, int m, double dt) {
  const chen *c = d->content;
  const double h = dt / c->substeps;
  /* the rate computed everywhere and selected (a conditional call would
   * keep the loop scalar: the division might trap) */
  for (int k = 0; k < m; k++) {
    double r = ch_rate(c, s[k], u[k]) * h;
    ds[k] = u[k] != 0.0 ? r : 0.0;
  }
  for (int n = 1; n < c->substeps; n++)
    for (int k = 0; k < m; k++) {
      double r = ch_rate(c, s[k] + ds[k], u[k]) * h;
      ds[k] += u[k] != 0.0 ? r : 0.0;
    }
}

static int ch_pulse(const msl_device *d, double *s, double *w, const ptrdiff_t *at,
                    const double *v, int n, double dt, msl_pulse_stats *st) {
  (void)st;
  pulse_batch(d, s, w, at, v, n, dt, ch_kernel);
  return 0;
}

static int ch_pulses(const msl_device *d, double *s, double *w, const ptrdiff_t *at,
                     const double *v, int n, double dt, int count, msl_pulse_stats *st) {
  (void)st;
  pulses_batch(d, s, w, at, v, n, dt, count, ch_kernel_n);
  return 0;
}

MSL_KERNEL
static size_t ch_set_weights(const msl_device *d, double *restrict s, double *restrict w,
                             size_t n) {
  const chen *c = d->content;
  const double inv_k = 1.0 / c->k_w;
  /* Three passes, each one a loop the compiler vectorises (a count inside the
   * log/exp loop kept it scalar, 2.8x slower): the unclipped gap (w <= 0 or
   * NaN: +inf), the count of gaps outside the range, then clip and read back. */
  for (size_t k = 0; k < n; k++) {
    double x = w[k] * inv_k;
    s[k] = x > 0.0 ? -vm_log(x > 1e-300 ? x : 1e-300) * G0 : INFINITY;
  }
  size_t out = 0;
  for (size_t k = 0; k < n; k++) out += (size_t)((s[k] < GAP_MIN) | (s[k] > GAP_MAX));
  for (size_t k = 0; k < n; k++) {
    double g = s[k] < GAP_MIN ? GAP_MIN : (s[k] > GAP_MAX ? GAP_MAX : s[k]);
    s[k] = g;
    w[k] = c->k_w * vm_exp(-g / G0);
  }
  return out;
}

/* Rescaling by f: w = k_w exp(-g/g0), so w f is the gap g - g0 ln f (the
 * weight is the scaled one, the exact view of the new gap up to rounding);
 * cells clamped to lo or hi start from that bound's gap. A gap that leaves
 * the range is clipped to the bound, whose weight, as set_weights reads it
 * back, is a constant: one pass of selects (so that it vectorises), without
 * a logarithm or an exponential per cell. */
MSL_KERNEL
static size_t ch_rescale(const msl_device *d, double *restrict s, double *restrict w, size_t n,
                         double lo, double hi, const double *restrict f,
                         const double *restrict lnf) {
  const chen *c = d->content;
  const double g_hi = hi > 0.0 ? -log(hi / c->k_w) * G0 : INFINITY;
  const double g_lo = lo > 0.0 ? -log(lo / c->k_w) * G0 : INFINITY;
  const double w_gmin = c->k_w * vm_exp(-GAP_MIN / G0), w_gmax = c->k_w * vm_exp(-GAP_MAX / G0);
  size_t out = 0;
  for (size_t k = 0; k < n; k++) {
    double x = w[k], g = s[k];
    g = x > hi ? g_hi : g;
    g = x < lo ? g_lo : g;
    g = x != x ? INFINITY : g; /* NaN: no gap, clipped to the top as set_weights does */
    double wc = x > hi ? hi : x;
    wc = x < lo ? lo : wc;
    g = g - G0 * lnf[k];
    int below = g < GAP_MIN, in = (g >= GAP_MIN) & (g <= GAP_MAX); /* NaN (inf - inf): the top */
    s[k] = in ? g : (below ? GAP_MIN : GAP_MAX);
    w[k] = in ? wc * f[k] : (below ? w_gmin : w_gmax);
    out += (size_t)!in;
  }
  return out;
}

MSL_KERNEL
static void ch_read(const msl_device *d, const double *restrict s, double *restrict w, int n) {
  const double k_w = ((const chen *)d->content)->k_w;
  for (int k = 0; k < n; k++) w[k] = k_w * vm_exp(-s[k] / G0);
}

/* The model's current I = I0 exp(-g/g0) sinh(V/V0) = w G1 Vread
 * sinh(V/V0)/sinh(Vread/V0), so a pulse at V draws V I = w G1 power(V):
 * Vread^2 at the read voltage, 2.26 times V^2 at 1.3 V. sinh through the
 * vectorised exp (the difference loses a few ulps near 0 V, where the power
 * itself vanishes). */
MSL_KERNEL
static void ch_power(const msl_device *d, const double *restrict v, double *restrict p, int n) {
  const double c = VREAD / sinh(VREAD / V0) * 0.5;
  (void)d;
  for (int k = 0; k < n; k++) {
    double a = fabs(v[k]), e = vm_exp(a * (1.0 / V0)); /* V sinh(V/V0) is even */
    p[k] = c * a * (e - 1.0 / e);
  }
}

/* The current per unit of G1 of a cell of weight 1, j = Vread
 * sinh(v/V0)/sinh(Vread/V0) (power's current), dj/dv and d2j/dv2 = j/V0^2,
 * for v >= 0. sinh
 * by its odd Taylor series to y^15 below y = v/V0 = 0.5 (error < 1e-19
 * relative), where (e - 1/e)/2 would lose digits to cancellation: a Newton
 * solve near 0 V needs the current's relative accuracy. */
MSL_KERNEL
static void ch_current(const msl_device *d, const double *restrict v, double *restrict j,
                       double *restrict dj, double *restrict d2j, int n) {
  const double c = VREAD / sinh(VREAD / V0);
  (void)d;
  for (int k = 0; k < n; k++) {
    double y = v[k] * (1.0 / V0), e = vm_exp(y), ie = 1.0 / e, y2 = y * y;
    double t = 1.0 + y2 / 210.0;
    t = 1.0 + y2 / 156.0 * t;
    t = 1.0 + y2 / 110.0 * t;
    t = 1.0 + y2 / 72.0 * t;
    t = 1.0 + y2 / 42.0 * t;
    t = 1.0 + y2 / 20.0 * t;
    t = 1.0 + y2 / 6.0 * t;
    double sh = y < 0.5 ? y * t : 0.5 * (e - ie);
    j[k] = c * sh;
    dj[k] = c * (1.0 / V0) * 0.5 * (e + ie);
    d2j[k] = c * (1.0 / (V0 * V0)) * sh;
  }
}

static void ch_destroy(msl_device *d) { free(d->content); }

static const msl_device_ops ch_ops = {
    .name = "chen15", .w2s = ch_w2s, .s2w = ch_s2w, .drive = ch_drive, .pulse = ch_pulse,
    .pulses = ch_pulses, .set_weights = ch_set_weights, .read = ch_read, .power = ch_power,
    .current = ch_current,
    .delta = ch_delta, .rescale = ch_rescale, .destroy = ch_destroy};

static const msl_param_decl ch_params[] = {
    MSL_PARAM_INT_DECL("substeps", NULL, 1, 1, 1, 1e6, "forward-Euler substeps per pulse"),
};

static msl_device *ch_create(const msl_params *p, double g1) {
  msl_device *d = msl_device_alloc(&msl_model_chen15, &ch_ops, sizeof(chen), g1);
  if (!d) return NULL;
  chen *c = d->content;
  c->substeps = (int)msl_params_get(p, &ch_params[0]);
  c->k_w = I0 / VREAD * sinh(VREAD / V0) / g1;
  c->eag = exp(-Q * EAG / KB / TEMP);
  c->ear = exp(-Q * EAR / KB / TEMP);
  c->alqkt = A0 / LEN * Q / KB / TEMP;
  return d;
}

const msl_device_model msl_model_chen15 = {
    "chen15", "Chen 2015 HfOx compact model (filament gap, sinh current)",
    {ch_params, sizeof ch_params / sizeof ch_params[0]}, "log10", ch_create};
