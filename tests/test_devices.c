/* test_devices.c: the three device models against values worked out by hand
 * from SPEC 5 (the formula is written next to every expected value), their
 * voltage mappings, clipping, quirks (SPEC 9) and table validation. The
 * lookup-table tests write their own small table. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "msl/device.h"
#include "msl/synapse.h"
#include "devpair.h"
#include "npz_write.h"

#define G1 1e-5
#define REL 1e-12

static char dir[256];

static msl_device *make(const char *model, tparams *p) {
  msl_device *d = pair_new(model, p);
  if (!d) check_fail(__FILE__, __LINE__, "msl_device_new(%s): %s", model, msl_error());
  return d;
}

/* One cell, one pulse: the new state. */
static double pulse1(msl_device *d, double s, double v, double dt) {
  double w = d->ops->s2w(d, s);
  tpulse(d, &s, &w, 1, &v, 1, dt);
  CHECK(w == d->ops->s2w(d, s)); /* the weight follows the state */
  return s;
}

/* Creating must fail with a one-line message containing `what`. */
static void expect_fail(const char *model, const tparams *p, const char *what,
                        const char *what2) {
  msl_device *d = pair_new(model, p);
  const char *err = msl_error();
  CHECK(d == NULL);
  pair_free(d);
  CHECK(strchr(err, '\n') == NULL);
  if (!strstr(err, what) || (what2 && !strstr(err, what2)))
    check_fail(__FILE__, __LINE__, "message '%s' lacks '%s'%s%s", err, what, what2 ? " or " : "",
               what2 ? what2 : "");
}

/* w2s(s2w(s)) == s for states inside the range. */
static void check_roundtrip(const msl_device *d, double lo, double hi) {
  for (int k = 0; k <= 10; k++) {
    double s = lo + (hi - lo) * k / 10.0;
    CHECK_REL(d->ops->w2s(d, d->ops->s2w(d, s)), s, 1e-13);
  }
}

/* A model's inert drive b: drives just below b (either sign) leave states
 * across [lo, hi] and their weights bit for bit as they are; 4 b moves the
 * state at lo up (the bound is not needlessly small: 4 b is one ulp there). */
static void check_inert(msl_device *d, double lo, double hi) {
  CHECK(d->ops->inert_drive != NULL);
  if (!d->ops->inert_drive) return;
  const double b = d->ops->inert_drive(d);
  CHECK(b > 0.0);
  enum { M = 8 };
  double s[M], w[M], u[M];
  ptrdiff_t at[M];
  for (int k = 0; k < M; k++) {
    s[k] = k == 0 ? lo : k == M - 1 ? hi : lo * pow(hi / lo, k / (M - 1.0));
    w[k] = d->ops->s2w(d, s[k]);
    u[k] = (k % 2 ? -1.0 : 1.0) * nextafter(b, 0.0);
    at[k] = k;
  }
  double s0[M], w0[M];
  memcpy(s0, s, sizeof s);
  memcpy(w0, w, sizeof w);
  d->ops->pulse(d, s, w, at, u, M, 1e-9, stats_of(d));
  CHECK(memcmp(s, s0, sizeof s) == 0 && memcmp(w, w0, sizeof w) == 0);
  u[0] = 4.0 * b * (d->ops->s2w(d, lo) > d->ops->s2w(d, hi) ? 1.0 : -1.0); /* away from lo */
  d->ops->pulse(d, s, w, at, u, 1, 1e-9, stats_of(d));
  CHECK(s[0] != s0[0]);
}

/* Every required op (include/msl/device.h) is there. */
static void check_ops(const msl_device *d) {
  const msl_device_ops *o = d->ops;
  CHECK(o->name && o->w2s && o->s2w && o->drive && o->pulse && o->set_weights && o->destroy);
}

/* set_weights on weights inside [lo, hi] (unchanged), outside it, 0, negative
 * and NaN: those five are clipped to the nearest bound (NaN and w <= 0 to lo)
 * and counted; the count goes with the states written. */
static void check_set_weights(const msl_device *d, double lo, double hi) {
  double w[8] = {sqrt(lo * hi), lo * 1.001, hi * 0.999, lo * 0.5, hi * 2.0, 0.0, -1.0, NAN};
  const double want[8] = {w[0], w[1], w[2], lo, hi, lo, lo, lo};
  double s[8];
  CHECK(d->ops->set_weights(d, s, w, 8) == 5);
  for (int k = 0; k < 8; k++) {
    CHECK_REL(w[k], want[k], 1e-12);
    CHECK(w[k] == d->ops->s2w(d, s[k]));
  }
}

/* rescale (workload 1's normalisation, clamp to [0, 1] then times f) against
 * its definition, set_weights of the clamped, scaled weights: the same
 * states and weights up to rounding and the same count of clipped cells, on
 * cells across the range (weight bounds lo_w, hi_w), some above the clamp,
 * some scaled out of the range, and a NaN. */
static void check_rescale(const msl_device *d, double lo_w, double hi_w) {
  enum { N = 64 };
  double s[N], w[N], s2[N], w2[N], f[N], lnf[N];
  for (int k = 0; k < N; k++) {
    w[k] = lo_w * pow(hi_w / lo_w, (k + 0.5) / N); /* from the bottom to the top */
    f[k] = k % 3 == 0 ? 1.7 : (k % 3 == 1 ? 0.6 : 1.0);
    lnf[k] = log(f[k]);
  }
  f[5] = 1e-9, lnf[5] = log(f[5]); /* far below the range */
  f[6] = 1e9, lnf[6] = log(f[6]);  /* far above it */
  d->ops->set_weights(d, s, w, N);
  w[7] = NAN;
  memcpy(s2, s, sizeof s);
  memcpy(w2, w, sizeof w);
  size_t n = d->ops->rescale(d, s, w, N, 0.0, 1.0, f, lnf);
  for (int k = 0; k < N; k++) w2[k] = (w2[k] > 1.0 ? 1.0 : (w2[k] < 0.0 ? 0.0 : w2[k])) * f[k];
  size_t n2 = d->ops->set_weights(d, s2, w2, N);
  CHECK(n == n2 && n >= 3);
  for (int k = 0; k < N; k++) {
    CHECK_REL(w[k], w2[k], 1e-13);
    CHECK_REL(s[k], s2[k], 1e-13);
    CHECK_REL(w[k], d->ops->s2w(d, s[k]), 1e-13); /* the weight is the state's view */
  }
}

/* pulses (count pulses per cell in one call) against count calls of pulse,
 * bit for bit: on a contiguous list and on a scattered one, with cells at
 * zero drive, potentiating and depressing, one pulse and several. */
static void check_pulses(const msl_device *d, double lo_w, double hi_w) {
  enum { N = 40 };
  for (int scattered = 0; scattered < 2; scattered++)
    for (int count = 0; count <= 5; count += 1 + 2 * (count > 0)) {
      double s[2 * N], w[2 * N], s2[2 * N], w2[2 * N], v[N], u[N];
      ptrdiff_t at[N];
      for (int k = 0; k < 2 * N; k++) w[k] = lo_w * pow(hi_w / lo_w, (k + 0.5) / (2 * N));
      d->ops->set_weights(d, s, w, 2 * N);
      for (int k = 0; k < N; k++) {
        at[k] = scattered ? 2 * k : k;
        v[k] = k % 5 == 0 ? 0.0 : (k % 2 ? 1.2 : -1.3) * (0.6 + 0.01 * k);
      }
      d->ops->drive(d, v, u, N);
      memcpy(s2, s, sizeof s);
      memcpy(w2, w, sizeof w);
      double s0[2 * N];
      memcpy(s0, s, sizeof s);
      msl_pulse_stats st = {0}, st2 = {0};
      CHECK(d->ops->pulses(d, s, w, at, u, N, 1e-9, count, &st) == 0);
      for (int c = 0; c < count; c++) CHECK(d->ops->pulse(d, s2, w2, at, u, N, 1e-9, &st2) == 0);
      CHECK(memcmp(s, s2, sizeof s) == 0 && memcmp(w, w2, sizeof w) == 0);
      CHECK(st.clamped == st2.clamped);
      CHECK(st.energy_pot_j == st2.energy_pot_j && st.energy_dep_j == st2.energy_dep_j);
      int changed = 0; /* (the pulses must do something for the check to mean anything) */
      for (int k = 0; k < 2 * N; k++) changed += s[k] != s0[k];
      CHECK(count == 0 ? changed == 0 : changed > N / 2);
    }
}

/* ---- VTEAM (SPEC 5.1) ---------------------------------------------------- */

#define RON 6697.893598309347
#define ROFF 2250521.504002251

static void test_vteam(void) {
  tparams p;
  tparams_default(&p, 1);
  p.g1 = G1;
  p.lr = 0.01;
  msl_device *d = make("vteam", &p);
  if (!d) return;
  CHECK(d->g1 == G1 && d->vread == 0.7);
  check_param(d, "lr", 0.01);
  check_param(d, "dep-ratio", 0.01);
  /* w = 1/(G1 R) */
  CHECK_REL(d->ops->s2w(d, 2e5), 1.0 / (G1 * 2e5), 1e-15); /* 0.5 */
  CHECK_REL(d->ops->w2s(d, 0.5), 2e5, 1e-15);              /* R = 1/(0.5 * 1e-5) */
  CHECK(d->ops->w2s(d, 100.0) == RON);                      /* 1/(100 G1) = 1000 < Ron */
  CHECK(d->ops->w2s(d, 1e-3) == ROFF);                      /* 1e8 > Roff */
  CHECK(d->ops->w2s(d, 0.0) == ROFF && d->ops->w2s(d, -1.0) == ROFF);
  check_roundtrip(d, RON, ROFF);
  check_set_weights(d, 1.0 / (G1 * ROFF), 1.0 / (G1 * RON));
  check_ops(d);
  CHECK(d->ops->pulses != NULL);
  check_pulses(d, 1.0 / (G1 * ROFF), 1.0 / (G1 * RON));
  CHECK(d->ops->power == NULL && msl_device_power(d, -1.5) == 2.25); /* a linear resistor */

  /* V > 0: R += -V^41.95 * 5.28e-8 / G1 */
  CHECK_REL(pulse1(d, 2e5, 1.2, 1e-8), 2e5 - pow(1.2, 41.95) * 5.28e-8 / G1, REL);
  CHECK_REL(pulse1(d, 1e6, 1.05, 1e-9), 1e6 - pow(1.05, 41.95) * 5.28e-8 / G1, REL);
  /* V < 0: R += (-V)^39.65 * 9.545e-7 / G1 */
  CHECK_REL(pulse1(d, 2e5, -1.1, 1e-9), 2e5 + pow(1.1, 39.65) * 9.545e-7 / G1, REL);
  CHECK_REL(pulse1(d, 1e4, -0.9, 1e-9), 1e4 + pow(0.9, 39.65) * 9.545e-7 / G1, REL);
  /* clipping at both bounds */
  CHECK(pulse1(d, 1e4, 2.0, 1e-9) == RON);   /* 2^41.95 * 5.28 = 2e13 ohm down */
  CHECK(pulse1(d, 2e6, -2.0, 1e-9) == ROFF); /* 2^39.65 * 95.45 = 8e13 ohm up */
  CHECK(pulse1(d, 2e5, 0.0, 1e-9) == 2e5);   /* 0 V: unchanged */
  check_inert(d, RON, ROFF);

  /* Voltages invert dR_pot = -lr/G1 te and dR_dep = k lr/G1 to (k = 0.01). */
  CHECK_REL(tv_pre(d, 0.5), pow(0.01 * 0.5 / 5.28e-8, 1 / 41.95), REL);
  CHECK_REL(tv_post(d, 0.3), -pow(0.01 * 0.01 * 0.3 / 9.545e-7, 1 / 39.65), REL);
  CHECK(tv_pre(d, 0.0) == 0.0 && tv_post(d, 0.0) == 0.0);
  CHECK(tv_err(d, 0.0) == 0.0);
  /* so a pulse at v_pre(te) moves R by exactly -lr/G1 te = -500 ohm for te = 0.5 */
  CHECK_REL(pulse1(d, 2e5, tv_pre(d, 0.5), 1e-8), 2e5 - 0.01 / G1 * 0.5, REL);
  /* and at v_post(to) by +k lr/G1 to = +3 ohm for to = 0.3 */
  CHECK_REL(pulse1(d, 2e5, tv_post(d, 0.3), 1e-9), 2e5 + 0.01 * 0.01 / G1 * 0.3, REL);
  /* v_err: v_pre for e > 0, depression with the step k lr |e| for e < 0
   * (workload 1's k = 0.01 here; workload 2's k = 1 below) */
  CHECK_REL(tv_err(d, 0.4), pow(0.01 * 0.4 / 5.28e-8, 1 / 41.95), REL);
  CHECK_REL(tv_err(d, -0.4), -pow(0.01 * 0.01 * 0.4 / 9.545e-7, 1 / 39.65), REL);

  /* A strided row: cells 0, 2, 4 of s; the middle one at 0 V stays. */
  double s[5] = {2e5, -1, 3e5, -1, 4e5}, w[5] = {0}, v[3] = {1.2, 0.0, -1.1};
  tpulse(d, s, w, 2, v, 3, 1e-9);
  CHECK_REL(s[0], 2e5 - pow(1.2, 41.95) * 5.28e-8 / G1, REL);
  CHECK(s[2] == 3e5 && w[2] == 0.0 && s[1] == -1 && s[3] == -1); /* untouched */
  CHECK_REL(s[4], 4e5 + pow(1.1, 39.65) * 9.545e-7 / G1, REL);
  CHECK_REL(w[4], 1.0 / (G1 * s[4]), 1e-15);
  pair_free(d);

  /* Workload 2: k = 1 */
  tparams_default(&p, 2);
  p.lr = 0.02;
  d = make("vteam", &p);
  if (d) {
    check_param(d, "dep-ratio", 1.0);
    CHECK_REL(tv_post(d, 0.3), -pow(0.02 * 0.3 / 9.545e-7, 1 / 39.65), REL);
    CHECK_REL(tv_err(d, -0.4), -pow(0.02 * 0.4 / 9.545e-7, 1 / 39.65), REL);
    pair_free(d);
  }
  p.lr = 0.0;
  expect_fail("vteam", &p, "--lr", NULL);
}

/* ---- Chen 2015 (SPEC 5.2) ---------------------------------------------- */

#define Q 1.60217663e-19
#define KB 1.3806503e-23
#define GAP_MIN 0.1e-9
#define GAP_MAX 1.7e-9

/* dg/dt = -Vel0 (exp(-q Eag/kT) exp(gamma V a0/L q/kT) - exp(-q Ear/kT) exp(-gamma V a0/L q/kT)),
 * gamma = gamma0 - beta (g/g1)^3, with SPEC 5.2's constants. */
static double chen_rate(double g, double V) {
  double kT = KB * 350.0;
  double gamma = 16.5 - 1.25 * pow(g / 1e-9, 3);
  double x = gamma * V * 0.25e-9 / 5e-9 * Q / kT;
  return -150.0 * (exp(-Q * 1.501 / kT) * exp(x) - exp(-Q * 1.5 / kT) * exp(-x));
}

static double clip(double x, double lo, double hi) { return x < lo ? lo : x > hi ? hi : x; }

static void test_chen(void) {
  tparams p;
  tparams_default(&p, 1);
  p.g1 = G1;
  p.vp = 1.3;
  p.substeps = 1;
  msl_device *d = make("chen15", &p);
  if (!d) return;
  CHECK(d->vread == 0.7);
  check_param(d, "vp", 1.3);
  check_param(d, "dv", 0.073);
  check_param(d, "substeps", 1);
  /* w = I0/Vread sinh(Vread/V0) / G1 exp(-g/g0) */
  const double A = 6.14e-5 / 0.7 * sinh(0.7 / 0.43);
  CHECK_REL(d->ops->s2w(d, 1e-9), A / G1 * exp(-1e-9 / 2.7505e-10), REL);
  CHECK_REL(d->ops->w2s(d, 0.5), -2.7505e-10 * log(0.5 * G1 / A), REL);
  CHECK(d->ops->w2s(d, 1e6) == GAP_MIN);   /* g would be < 0 */
  CHECK(d->ops->w2s(d, 1e-6) == GAP_MAX);  /* g would be 3.5 nm */
  CHECK(d->ops->w2s(d, 0.0) == GAP_MAX);
  check_roundtrip(d, GAP_MIN, GAP_MAX);
  check_set_weights(d, A / G1 * exp(-GAP_MAX / 2.7505e-10), A / G1 * exp(-GAP_MIN / 2.7505e-10));
  CHECK(d->ops->rescale != NULL);
  check_rescale(d, A / G1 * exp(-GAP_MAX / 2.7505e-10), A / G1 * exp(-GAP_MIN / 2.7505e-10));
  CHECK(d->ops->pulses != NULL);
  check_pulses(d, A / G1 * exp(-GAP_MAX / 2.7505e-10), A / G1 * exp(-GAP_MIN / 2.7505e-10));
  p.substeps = 3; /* several Euler substeps, each pulse clipped after its last */
  msl_device *d3 = make("chen15", &p);
  if (d3) check_pulses(d3, A / G1 * exp(-GAP_MAX / 2.7505e-10), A / G1 * exp(-GAP_MIN / 2.7505e-10));
  msl_device_free(d3);
  p.substeps = 1;
  check_ops(d);
  /* power(V) = V I(V) / (w G1) with I = I0 exp(-g/g0) sinh(V/V0): Vread^2 at
   * Vread; V sinh(V/V0) is even, so a depressing pulse draws as much. */
  CHECK(d->ops->power != NULL);
  CHECK_REL(msl_device_power(d, 0.7), 0.49, REL);
  for (double v = 0.1; v < 2.0; v += 0.3)
    CHECK_REL(msl_device_power(d, v), 0.7 * v * sinh(v / 0.43) / sinh(0.7 / 0.43), REL);
  CHECK_REL(msl_device_power(d, 1e-3), 0.7 * 1e-3 * sinh(1e-3 / 0.43) / sinh(0.7 / 0.43), 1e-10);
  CHECK(msl_device_power(d, -1.3) == msl_device_power(d, 1.3));
  CHECK(msl_device_power(d, 0.0) == 0.0);

  /* One Euler step: g + dg/dt(g, V) dt */
  const double g = 1.2e-9, dt = 1e-7;
  double one = g + chen_rate(g, 1.5) * dt;
  CHECK_REL(pulse1(d, g, 1.5, dt), one, REL);
  CHECK(one < g - 5e-12); /* potentiation narrows the gap noticeably */
  CHECK_REL(pulse1(d, 0.6e-9, -1.2, 1e-8), 0.6e-9 + chen_rate(0.6e-9, -1.2) * 1e-8, REL);
  CHECK(pulse1(d, 0.6e-9, -1.2, 1e-8) > 0.6e-9);
  CHECK_REL(pulse1(d, 1.6e-9, 0.9, 1e-9), 1.6e-9 + chen_rate(1.6e-9, 0.9) * 1e-9, REL);
  /* clipping at both bounds */
  CHECK(pulse1(d, 0.2e-9, 3.0, 1e-6) == GAP_MIN);
  CHECK(pulse1(d, 1.5e-9, -3.0, 1e-3) == GAP_MAX);
  CHECK(pulse1(d, 1e-9, 0.0, 1e-6) == 1e-9); /* 0 V: unchanged (SPEC 4) */
  /* Switching non-uniformity: the same pulse moves different gaps differently. */
  double w_lo = d->ops->s2w(d, 1.5e-9), w_hi = d->ops->s2w(d, 0.5e-9);
  double dw_lo = d->ops->s2w(d, pulse1(d, 1.5e-9, 1.3, 1e-8)) - w_lo;
  double dw_hi = d->ops->s2w(d, pulse1(d, 0.5e-9, 1.3, 1e-8)) - w_hi;
  CHECK(dw_lo > 0 && dw_hi > 0 && fabs(dw_hi / dw_lo - 1.0) > 0.1);

  /* Voltages: ve = max(Vp + log10(te) dv, 0), vo = -max(Vp + (log10(to) - 1) dv, 0) */
  CHECK_REL(tv_pre(d, 0.5), 1.3 + log10(0.5) * 0.073, REL);
  CHECK_REL(tv_post(d, 0.5), -(1.3 + (log10(0.5) - 1) * 0.073), REL);
  CHECK(tv_pre(d, 0.0) == 0.0 && tv_post(d, 0.0) == 0.0);
  CHECK(tv_pre(d, 1e-30) == 0.0); /* 1.3 - 30 * 0.073 < 0 */
  CHECK(!signbit(tv_post(d, 0.0)) && !signbit(tv_post(d, 1e-30)));
  /* v_err(e) = sign(e) max(Vp + log10(2|e|) dv, 0) */
  CHECK_REL(tv_err(d, 0.25), 1.3 + log10(0.5) * 0.073, REL);
  CHECK_REL(tv_err(d, -3.0), -(1.3 + log10(6.0) * 0.073), REL);
  CHECK(tv_err(d, 0.0) == 0.0);
  pair_free(d);

  /* Three substeps, computed step by step: g_{k+1} = g_k + dg/dt(g_k, V) dt/3 */
  p.substeps = 3;
  d = make("chen15", &p);
  if (d) {
    check_param(d, "substeps", 3);
    double g1 = g + chen_rate(g, 1.5) * dt / 3;
    double g2 = g1 + chen_rate(g1, 1.5) * dt / 3;
    double g3 = g2 + chen_rate(g2, 1.5) * dt / 3;
    double three = pulse1(d, g, 1.5, dt);
    CHECK_REL(three, clip(g3, GAP_MIN, GAP_MAX), REL);
    CHECK(fabs(three - one) > 1e-3 * fabs(one - g)); /* substeps matter here */
    /* depressing, three substeps */
    double h1 = 1e-9 + chen_rate(1e-9, -1.4) * 1e-8 / 3;
    double h2 = h1 + chen_rate(h1, -1.4) * 1e-8 / 3;
    double h3 = h2 + chen_rate(h2, -1.4) * 1e-8 / 3;
    CHECK_REL(pulse1(d, 1e-9, -1.4, 1e-8), h3, REL);
    pair_free(d);
  }
  p.substeps = 0;
  expect_fail("chen15", &p, "--substeps", NULL);
  p.substeps = 1;
  p.vp = NAN;
  expect_fail("chen15", &p, "--vp", NULL);
}

/* ---- lookup table (SPEC 5.3) -------------------------------------------- */

/* The synthetic table: gmin 1e-6, gmax 9e-6;
 * potentiation on G {2, 3, 5, 8} uS (non-uniform) x V {0.5, 1.0, 1.5}, 10 ns;
 * depression on G {0, 10} uS x V {0.2 .. 1.0 step 0.2}, 1 ns. */
static const double T_POT_G[4] = {2e-6, 3e-6, 5e-6, 8e-6}, T_POT_V[3] = {0.5, 1.0, 1.5};
static const double T_POT_DG[12] = {1e-7,   2e-7, 4e-7,  /* G = 2 uS */
                                    1e-7,   3e-7, 5e-7,  /* G = 3 uS */
                                    0.5e-7, 2e-7, 6e-7,  /* G = 5 uS */
                                    0,      1e-7, 2e-6}; /* G = 8 uS */
static const double T_DEP_G[2] = {0, 1e-5}, T_DEP_V[5] = {0.2, 0.4, 0.6, 0.8, 1.0};
static const double T_DEP_DG[10] = {0,     -1e-8, -2e-8, -4e-8, -8e-8,
                                    -1e-8, -1e-7, -3e-7, -6e-7, -1e-6};

enum { T_GOOD, T_NO_DEP_DT, T_SHAPE, T_NONMONO, T_NAN, T_INF_V, T_GMIN_GMAX, T_DEP_POS,
       T_GMIN_VEC, T_1D_DG, T_ENERGY /* good, with energies (pot_E, dep_E) */ };

/* Write the table, or one damaged variant of it; returns the path. */
static const char *write_table(int variant) {
  static char path[512];
  snprintf(path, sizeof path, "%s/table%d.npz", dir, variant);
  zip_t *za = npzw_open(path);
  double gmin[2] = {1e-6, 2e-6}, gmax = variant == T_GMIN_GMAX ? 1e-6 : 9e-6;
  double pot_g[4], pot_dg[12], dep_v[5], dep_dg[10];
  memcpy(pot_g, T_POT_G, sizeof pot_g);
  memcpy(pot_dg, T_POT_DG, sizeof pot_dg);
  memcpy(dep_v, T_DEP_V, sizeof dep_v);
  memcpy(dep_dg, T_DEP_DG, sizeof dep_dg);
  if (variant == T_NONMONO) pot_g[2] = 3e-6;
  if (variant == T_NAN) pot_dg[7] = NAN;
  if (variant == T_INF_V) dep_v[4] = INFINITY;
  if (variant == T_DEP_POS) dep_dg[6] = 1e-9;
  double pot_dt = 1e-8, dep_dt = 1e-9;
  CHECK(npzw_f8(za, "gmin", variant == T_GMIN_VEC ? "(2,)" : "()", gmin,
                variant == T_GMIN_VEC ? 2 : 1, 0) == 0);
  CHECK(npzw_f8(za, "gmax", "()", &gmax, 1, 0) == 0);
  CHECK(npzw_f8(za, "pot_G", "(4,)", pot_g, 4, 0) == 0);
  CHECK(npzw_f8(za, "pot_V", "(3,)", T_POT_V, 3, 0) == 0);
  CHECK(npzw_f8(za, "pot_dG", variant == T_SHAPE ? "(3, 4)" : variant == T_1D_DG ? "(12,)" : "(4, 3)",
                pot_dg, 12, 1) == 0); /* deflated */
  CHECK(npzw_f8(za, "pot_dt", "()", &pot_dt, 1, 0) == 0);
  CHECK(npzw_f8(za, "dep_G", "(2,)", T_DEP_G, 2, 0) == 0);
  CHECK(npzw_f8(za, "dep_V", "(5,)", dep_v, 5, 0) == 0);
  CHECK(npzw_f8(za, "dep_dG", "(2, 5)", dep_dg, 10, 0) == 0);
  if (variant != T_NO_DEP_DT) CHECK(npzw_f8(za, "dep_dt", "()", &dep_dt, 1, 0) == 0);
  if (variant == T_ENERGY) { /* energies per pulse, J: any non-negative values */
    double pot_e[12], dep_e[10];
    for (int k = 0; k < 12; k++) pot_e[k] = 1e-12 * (1 + k);
    for (int k = 0; k < 10; k++) dep_e[k] = 3e-13 * (1 + k * k);
    CHECK(npzw_f8(za, "pot_E", "(4, 3)", pot_e, 12, 0) == 0);
    CHECK(npzw_f8(za, "dep_E", "(2, 5)", dep_e, 10, 0) == 0);
  }
  CHECK(npzw_close(za) == 0);
  return path;
}

static msl_device *make_lut_table(int workload, int quirks, int variant) {
  tparams p;
  tparams_default(&p, workload);
  p.g1 = G1;
  p.quirks = quirks;
  p.lut = write_table(variant);
  p.v1p = 1.0;
  p.v1n = 0.5;
  return make("lut", &p);
}

static msl_device *make_lut(int workload, int quirks) {
  return make_lut_table(workload, quirks, T_GOOD);
}

static void test_lut(void) {
  msl_device *d = make_lut(1, 0);
  if (!d) return;
  CHECK(d->vread == 0.7);
  check_param(d, "v1p", 1.0);
  check_param(d, "v1n", 0.5);
  check_param(d, "dvp", 0.0105);
  check_param(d, "dvn", 0.0333);
  /* w = G/G1, w2s clips to [gmin, gmax] */
  CHECK_REL(d->ops->s2w(d, 4e-6), 0.4, 1e-15);
  CHECK_REL(d->ops->w2s(d, 0.5), 5e-6, 1e-15);
  CHECK(d->ops->w2s(d, 0.05) == 1e-6 && d->ops->w2s(d, 2.0) == 9e-6);
  CHECK(d->ops->w2s(d, -1.0) == 1e-6);
  check_roundtrip(d, 1e-6, 9e-6);
  check_set_weights(d, 1e-6 / d->g1, 9e-6 / d->g1);
  check_ops(d);
  check_pulses(d, 1e-6 / d->g1, 9e-6 / d->g1); /* both tables, clamped voltages too */
  CHECK(d->ops->power == NULL); /* no current in the table: ohmic approximation (SPEC 6) */

  /* Bilinear, G = 4 uS in [3, 5] (a = 0.5), V = 1.2 in [1.0, 1.5] (b = 0.4):
   * dG = 0.5 (0.6*3e-7 + 0.4*5e-7) + 0.5 (0.6*2e-7 + 0.4*6e-7) = 3.7e-7; dt = table dt */
  CHECK_REL(pulse1(d, 4e-6, 1.2, 1e-8), 4e-6 + 3.7e-7, REL);
  /* half the table's pulse width: half the change */
  CHECK_REL(pulse1(d, 4e-6, 1.2, 5e-9), 4e-6 + 0.5 * 3.7e-7, REL);
  /* G = 3.5 uS (a = 0.25), V = 0.6 in [0.5, 1.0] (b = 0.2):
   * 0.75 (0.8*1e-7 + 0.2*3e-7) + 0.25 (0.8*0.5e-7 + 0.2*2e-7) = 1.05e-7 + 0.2e-7 = 1.25e-7 */
  CHECK_REL(pulse1(d, 3.5e-6, 0.6, 1e-8), 3.5e-6 + 1.25e-7, REL);
  /* V exactly the lowest voltage applies: G = 4 uS, V = 0.5: 0.5*1e-7 + 0.5*0.5e-7 = 0.75e-7 */
  CHECK_REL(pulse1(d, 4e-6, 0.5, 1e-8), 4e-6 + 0.75e-7, REL);
  /* G below the grid (1.5 uS < 2 uS): looked up at 2 uS; V = 0.75 (b = 0.5):
   * 0.5*1e-7 + 0.5*2e-7 = 1.5e-7 */
  CHECK_REL(pulse1(d, 1.5e-6, 0.75, 1e-8), 1.5e-6 + 1.5e-7, REL);
  /* G above the grid (8.5 uS): row 8 uS; V = 1.25: 0.5*1e-7 + 0.5*2e-6 = 1.05e-6;
   * 9.55 uS is clipped to gmax */
  CHECK(pulse1(d, 8.5e-6, 1.25, 1e-8) == 9e-6);
  /* below the lowest voltage: nothing */
  CHECK(pulse1(d, 4e-6, 0.4999, 1e-8) == 4e-6);
  CHECK(pulse1(d, 4e-6, -0.1, 1e-9) == 4e-6);
  CHECK(pulse1(d, 4e-6, 0.0, 1e-9) == 4e-6);
  CHECK(stats_of(d)->clamped == 0);
  /* above the highest voltage: clamped to 1.5 V and counted (SPEC 9.5):
   * 0.5*5e-7 + 0.5*6e-7 = 5.5e-7 */
  CHECK_REL(pulse1(d, 4e-6, 2.0, 1e-8), 4e-6 + 5.5e-7, REL);
  CHECK(stats_of(d)->clamped == 1 && !failed(d));

  /* Depression at |V|: G = 4 uS in [0, 10] (a = 0.4), V = -0.5, |V| in [0.4, 0.6] (b = 0.5):
   * 0.6 (0.5*-1e-8 + 0.5*-2e-8) + 0.4 (0.5*-1e-7 + 0.5*-3e-7) = -0.9e-8 - 0.8e-7 = -8.9e-8 */
  CHECK_REL(pulse1(d, 4e-6, -0.5, 1e-9), 4e-6 - 8.9e-8, REL);
  /* G = 1.05 uS (a = 0.105), V = -1.0 (top of the grid), 10 table widths:
   * 10 (0.895*-8e-8 + 0.105*-1e-6) = -1.766e-6, clipped at gmin */
  CHECK(pulse1(d, 1.05e-6, -1.0, 1e-8) == 1e-6);
  /* G = 9 uS (a = 0.9), V = -0.9 (b = 0.5): 0.1 (-6e-8) + 0.9 (-8e-7) = -7.26e-7 */
  CHECK_REL(pulse1(d, 9e-6, -0.9, 1e-9), 9e-6 - 7.26e-7, REL);
  CHECK(pulse1(d, 4e-6, -5.0, 1e-9) < 4e-6 && stats_of(d)->clamped == 2);

  /* A row of 4 cells with stride 3, one at 0 V. */
  double s[12], w[12];
  for (int k = 0; k < 12; k++) s[k] = w[k] = -1.0;
  s[0] = 4e-6, s[3] = 4e-6, s[6] = 4e-6, s[9] = 4e-6;
  double v[4] = {1.2, 0.0, -0.5, 0.3};
  tpulse(d, s, w, 3, v, 4, 1e-8);
  CHECK_REL(s[0], 4e-6 + 3.7e-7, REL);
  CHECK_REL(w[0], (4e-6 + 3.7e-7) / G1, REL);
  CHECK(s[3] == 4e-6 && w[3] == -1.0);              /* 0 V */
  CHECK_REL(s[6], 4e-6 - 10 * 8.9e-8, REL);          /* 10 ns / 1 ns */
  CHECK(s[9] == 4e-6 && w[9] == -1.0 && s[1] == -1.0); /* 0.3 V < 0.5 V; gaps untouched */

  /* Voltages, workload 1: ve = max(v1p + ln(te) dvp, 0), vo = -max(v1n + ln(to) dvn, 0) */
  CHECK_REL(tv_pre(d, 0.5), 1.0 + log(0.5) * 0.0105, REL);
  CHECK_REL(tv_post(d, 0.2), -(0.5 + log(0.2) * 0.0333), REL);
  CHECK(tv_pre(d, 0.0) == 0.0 && tv_post(d, 0.0) == 0.0);
  CHECK(tv_post(d, 1e-20) == 0.0); /* 0.5 - 46 * 0.0333 < 0 */
  pair_free(d);

  /* Workload 2: e > 0: max(v1p + ln(e) dvp, 0) (gate), e < 0: -max(v1n + ln(20|e|) dvn, 0) */
  d = make_lut(2, 0);
  if (d) {
    check_param(d, "dvp", 1.0 / 95);
    check_param(d, "dvn", 1.0 / 30);
    CHECK_REL(tv_err(d, 0.5), 1.0 + log(0.5) / 95, REL);
    CHECK_REL(tv_err(d, -0.5), -(0.5 + log(10.0) / 30), REL);
    CHECK(tv_err(d, 0.0) == 0.0);
    /* positive voltage potentiates with the potentiation table (as workload 1) */
    CHECK_REL(pulse1(d, 4e-6, 1.2, 1e-8), 4e-6 + 3.7e-7, REL);
    CHECK_REL(pulse1(d, 4e-6, -0.5, 1e-9), 4e-6 - 8.9e-8, REL);
    pair_free(d);
  }

  /* A table with energies: a pulse reports the bilinear energy at its point,
   * G = 4 uS, V = 1.2 as above: 0.5 (0.6*5 + 0.4*6) + 0.5 (0.6*8 + 0.4*9)
   * pJ = 6.9 pJ; and count pulses at once report what count pulses do. */
  d = make_lut_table(1, 0, T_ENERGY);
  if (d) {
    CHECK(d->ops->pulse_energy && d->ops->pulse_energy(d) == 1);
    double s = 4e-6, w = 0.0, v = 1.2;
    ptrdiff_t at = 0;
    msl_pulse_stats st = {0};
    CHECK(d->ops->pulse(d, &s, &w, &at, &v, 1, 1e-8, &st) == 0);
    CHECK_REL(st.energy_pot_j, 6.9e-12, REL);
    CHECK(st.energy_dep_j == 0.0);
    check_pulses(d, 1e-6 / d->g1, 9e-6 / d->g1);
    pair_free(d);
  }
}

/* A finer table with an irregular G grid, written with energies or without.
 * Without, the pulse ops take their vectorised block kernels (the G cell one
 * step from its bucket, kept from pulse to pulse); with energies, the plain
 * loop of one step_cell per cell and pulse: the reference. */
enum { FINE_NG = 61 };

static void fine_grid(double *g) {
  g[0] = 0.0;
  for (int i = 1; i < FINE_NG; i++) g[i] = g[i - 1] + 1e-7 * (1 + (i * 7) % 5) / 3.0; /* steps vary 3x */
}

/* The cell of the fine grid holding x. */
static int fine_cell(double x) {
  double g[FINE_NG];
  fine_grid(g);
  int i = 0;
  while (i < FINE_NG - 2 && g[i + 1] <= x) i++;
  return i;
}

static const char *write_fine_table(int energies) {
  enum { NG = FINE_NG, NV = 41 };
  static char path[512];
  snprintf(path, sizeof path, "%s/fine%d.npz", dir, energies);
  double g[NG], pv[NV], dv[NV], pdg[NG * NV], ddg[NG * NV], e[NG * NV];
  fine_grid(g);
  for (int k = 0; k < NV; k++) pv[k] = 0.1 + 0.01 * k, dv[k] = 0.3 + 0.03 * k;
  for (int i = 0; i < NG; i++)
    for (int k = 0; k < NV; k++) {
      double x = g[i] / g[NG - 1], y = (double)k / (NV - 1);
      pdg[i * NV + k] = 4e-7 * (1.0 - x) * y * y + 1e-9 * ((i + k) % 3);
      ddg[i * NV + k] = -5e-7 * x * y - 1e-9 * ((i * k) % 4);
      e[i * NV + k] = 1e-12 * (1 + i + k);
    }
  double gmin = 5e-8, gmax = g[NG - 1] - 1e-8, pdt = 1e-8, ddt = 1e-8;
  zip_t *za = npzw_open(path);
  CHECK(npzw_f8(za, "gmin", "()", &gmin, 1, 0) == 0);
  CHECK(npzw_f8(za, "gmax", "()", &gmax, 1, 0) == 0);
  CHECK(npzw_f8(za, "pot_G", "(61,)", g, NG, 0) == 0);
  CHECK(npzw_f8(za, "pot_V", "(41,)", pv, NV, 0) == 0);
  CHECK(npzw_f8(za, "pot_dG", "(61, 41)", pdg, NG * NV, 0) == 0);
  CHECK(npzw_f8(za, "pot_dt", "()", &pdt, 1, 0) == 0);
  CHECK(npzw_f8(za, "dep_G", "(61,)", g, NG, 0) == 0);
  CHECK(npzw_f8(za, "dep_V", "(41,)", dv, NV, 0) == 0);
  CHECK(npzw_f8(za, "dep_dG", "(61, 41)", ddg, NG * NV, 0) == 0);
  CHECK(npzw_f8(za, "dep_dt", "()", &ddt, 1, 0) == 0);
  if (energies) {
    CHECK(npzw_f8(za, "pot_E", "(61, 41)", e, NG * NV, 0) == 0);
    CHECK(npzw_f8(za, "dep_E", "(61, 41)", e, NG * NV, 0) == 0);
  }
  CHECK(npzw_close(za) == 0);
  return path;
}

/* The block kernels against the reference loop, bit for bit: states on and
 * between the grid's points, voltages on and between the V grids' points,
 * below and above them, zero; contiguous and scattered lists longer than a
 * block; one pulse and many (cells cross G cells on the way). */
static void test_lut_kernels(void) {
  enum { N = 600 };
  tparams p;
  tparams_default(&p, 2);
  p.g1 = 1e-5;
  p.v1p = 1.0;
  p.v1n = 0.5;
  p.lut = write_fine_table(0);
  msl_device *d = make("lut", &p);
  p.lut = write_fine_table(1);
  msl_device *r = make("lut", &p);
  if (!d || !r) return;
  CHECK(!d->ops->pulse_energy(d) && r->ops->pulse_energy(r));
  static double s[2 * N], w[2 * N], s2[2 * N], w2[2 * N], s3[2 * N], w3[2 * N], s0[2 * N], v[N];
  static ptrdiff_t at[N];
  int changed = 0, moved = 0; /* (the pulses must change states, and move some across cells) */
  for (int scattered = 0; scattered < 2; scattered++)
    for (int count = 1; count <= 40; count += 13) {
      for (int k = 0; k < 2 * N; k++) { /* every 3rd state a grid point of dep_G */
        double x = (k % 97) / 96.0;
        s[k] = k % 3 ? 5e-8 + x * 4.9e-6 : 1e-7 * (k % 29) * 0.9;
        w[k] = s[k] / p.g1;
      }
      for (int k = 0; k < N; k++) {
        at[k] = scattered ? 2 * k + (k % 2) : k;
        double x = ((k * 37) % 101) / 100.0;
        v[k] = k % 11 == 0 ? 0.0 : k % 4 == 0 ? 0.1 + 0.01 * (k % 45) /* pot grid, some above */
             : k % 4 == 1 ? -(0.3 + 0.03 * (k % 43)) : k % 4 == 2 ? 0.05 + 0.5 * x : -(0.2 + 1.3 * x);
      }
      memcpy(s2, s, sizeof s), memcpy(w2, w, sizeof w);
      memcpy(s3, s, sizeof s), memcpy(w3, w, sizeof w);
      memcpy(s0, s, sizeof s);
      msl_pulse_stats a = {0}, b = {0}, c = {0};
      CHECK(d->ops->pulses(d, s, w, at, v, N, 1e-8, count, &a) == 0);
      CHECK(r->ops->pulses(r, s2, w2, at, v, N, 1e-8, count, &b) == 0);
      for (int q = 0; q < count; q++) CHECK(d->ops->pulse(d, s3, w3, at, v, N, 1e-8, &c) == 0);
      CHECK(memcmp(s, s2, sizeof s) == 0 && memcmp(w, w2, sizeof w) == 0);
      CHECK(memcmp(s, s3, sizeof s) == 0 && memcmp(w, w3, sizeof w) == 0);
      CHECK(a.clamped == b.clamped && a.clamped == c.clamped && a.clamped > 0);
      for (int k = 0; k < N; k++) {
        changed += s[at[k]] != s0[at[k]];
        moved += fine_cell(s[at[k]]) != fine_cell(s0[at[k]]);
      }
    }
  CHECK(changed > 4 * N && moved > N);
  pair_free(d);
  pair_free(r);
  remove(write_fine_table(0));
  remove(write_fine_table(1));
}

/* SPEC 9: the published code's behaviour under quirks. */
static void test_lut_quirks(void) {
  msl_device *d = make_lut(1, 1);
  if (!d) return;
  /* 9.1: a negative voltage never depresses in workload 1 */
  CHECK(pulse1(d, 4e-6, -0.5, 1e-9) == 4e-6);
  CHECK(pulse1(d, 4e-6, -5.0, 1e-9) == 4e-6 && !failed(d));
  CHECK_REL(pulse1(d, 4e-6, 1.2, 1e-8), 4e-6 + 3.7e-7, REL); /* potentiation as usual */
  /* 9.5: above the table's range is fatal: message, cell unchanged, no clamping */
  CHECK(pulse1(d, 4e-6, 1.6, 1e-8) == 4e-6);
  CHECK(failed(d) && strstr(msl_error(), "table") && stats_of(d)->clamped == 0);
  CHECK(strchr(msl_error(), '\n') == NULL);
  pair_free(d);

  /* 9.2: workload 2 uses max(v1n + ln(20|e|) dvn, 0) for both signs ... */
  d = make_lut(2, 1);
  if (!d) return;
  CHECK_REL(tv_err(d, 0.5), 0.5 + log(10.0) / 30, REL);
  CHECK_REL(tv_err(d, -0.5), -(0.5 + log(10.0) / 30), REL);
  /* ... and the depression table: V > 0 decreases G by it, V < 0 increases it.
   * G = 4 uS, |V| = 0.5: dep = -8.9e-8 (see above), dt = dep_dt */
  CHECK_REL(pulse1(d, 4e-6, 0.5, 1e-9), 4e-6 - 8.9e-8, REL);
  CHECK_REL(pulse1(d, 4e-6, -0.5, 1e-9), 4e-6 + 8.9e-8, REL);
  CHECK(pulse1(d, 4e-6, 0.1, 1e-9) == 4e-6); /* below 0.2 V: nothing */
  CHECK(!failed(d));
  CHECK(pulse1(d, 4e-6, -1.2, 1e-9) == 4e-6 && failed(d)); /* above 1 V: fatal */
  pair_free(d);
}

static void test_lut_validation(void) {
  tparams p;
  tparams_default(&p, 1);
  p.g1 = G1;
  const struct { int variant; const char *field, *why; } bad[] = {
      {T_NO_DEP_DT, "dep_dt", "missing"},    {T_SHAPE, "pot_dG", "shape"},
      {T_1D_DG, "pot_dG", "shape"},          {T_NONMONO, "pot_G", "increasing"},
      {T_NAN, "pot_dG", "finite"},           {T_INF_V, "dep_V", "finite"},
      {T_GMIN_GMAX, "gmin", "gmax"},         {T_DEP_POS, "dep_dG", "positive"},
      {T_GMIN_VEC, "gmin", "scalar"},
  };
  for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
    p.lut = write_table(bad[k].variant);
    char want[600];
    snprintf(want, sizeof want, "%s: %s", p.lut, bad[k].field);
    expect_fail("lut", &p, want, NULL);
    expect_fail("lut", &p, bad[k].why, NULL);
    remove(p.lut);
  }
  char missing[512];
  snprintf(missing, sizeof missing, "%s/none.npz", dir);
  p.lut = missing;
  expect_fail("lut", &p, missing, NULL);
  p.lut = NULL;
  expect_fail("lut", &p, "--lut", NULL);
  p.lut = write_table(T_GOOD);
  p.v1p = NAN;
  expect_fail("lut", &p, "--v1p", NULL);
}

static void test_registry(void) {
  tparams p;
  tparams_default(&p, 1);
  expect_fail("memristor9", &p, "unknown", "vteam, chen15, lut");
  p.g1 = -1e-5;
  expect_fail("vteam", &p, "--g1", NULL);
  p.g1 = NAN;
  expect_fail("chen15", &p, "--g1", NULL);
  /* pulse widths are the crossbar's parameters, checked by their declaration */
  msl_params ps;
  msl_params_init(&ps, 1);
  msl_params_set(&ps, "dt-pre", 0.0);
  CHECK(msl_params_check(&ps, msl_crossbar_param_list()) == -1 && strstr(msl_error(), "--dt-pre"));
  msl_params_init(&ps, 2);
  msl_params_set(&ps, "dt-post", INFINITY);
  CHECK(msl_params_check(&ps, msl_crossbar_param_list()) == -1 && strstr(msl_error(), "--dt-post"));
  msl_params_set(&ps, "dt-post", 2e-8);
  CHECK(msl_params_check(&ps, msl_crossbar_param_list()) == 0);
  msl_device_free(NULL);
}

int main(void) {
  if (npzw_tmpdir(dir, sizeof dir, "devices")) return 1;
  test_vteam();
  test_chen();
  test_lut();
  test_lut_kernels();
  test_lut_quirks();
  test_lut_validation();
  test_registry();
  remove(write_table(T_GOOD));
  remove(write_table(T_ENERGY));
  rmdir(dir);
  return check_done();
}
