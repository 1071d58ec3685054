/* test_cells.c: the access-transistor cells against hand-computed values:
 * the EKV transistor in strong inversion (the square law), the series
 * circuit's operating point in saturation and in the linear region (set and
 * reset orientations) and its residual with Chen's nonlinear memristor, one
 * pulse's supply energy, 1T1R's compliance (the transistor limits the
 * current), 2T1R's wider reset transistor, the batch solve's deep-inversion
 * kernels bit for bit against the general ones, 1R's unchanged ops, and bad
 * parameters refused by name. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_roots.h>

#include "cells/mosfet.h"
#include "cells/series.h"
#include "check.h"
#include "msl/cell.h"
#include "msl/device.h"
#include "msl/error.h"

/* |a - b| <= tol |b|: relative, for currents and energies far below 1
 * (a failure prints both). */
static int rel(double a, double b, double tol) {
  if (fabs(a - b) <= tol * fabs(b)) return 1;
  fprintf(stderr, "rel: %.17g vs %.17g (%.3g)\n", a, b, (a - b) / b);
  return 0;
}

/* n = 1, lambda = 0.1 or 0, Vth 0.5 V, k 1e-3 A/V^2. */
static msl_mosfet fet(double lambda) { return (msl_mosfet){0.5, 1e-3, 1.0, lambda, 0.0301607}; }

static void transistor(void) {
  msl_mosfet t = fet(0.1);
  /* saturation: k/2 (Vgs - Vth)^2 (1 + lambda Vds) = 5e-4 * 2.25 * 1.2 */
  CHECK(rel(msl_mosfet_current(&t, 2.0, 2.0, 0.0), 1.35e-3, 1e-9));
  /* linear: k ((Vgs - Vth) Vds - Vds^2 / 2) (1 + lambda Vds) = 1e-3 * 0.28 * 1.02 */
  CHECK(rel(msl_mosfet_current(&t, 2.0, 0.2, 0.0), 2.856e-4, 1e-9));
  /* n = 1.5, saturation with the source at 0.3 V: k/(2n) (Vg - Vth - n Vs)^2
   * (1 + lambda Vds) = 1e-3/3 * (2 - 0.5 - 0.45)^2 * 1.27. EKV exceeds the
   * square law by about 2 e^-y / y, y = (Vp - Vs)/(2 Ut) (here 12: 1.6e-6;
   * 17 and 14 in the cells' tests below: 1e-8, 1e-7). */
  msl_mosfet t2 = {0.5, 1e-3, 1.5, 0.1, 0.0301607};
  CHECK(rel(msl_mosfet_current(&t2, 2.0, 3.0, 0.3), 1e-3 / 3.0 * 1.05 * 1.05 * 1.27, 1e-5));
  /* source and drain swap: the current reverses */
  CHECK(check_close(msl_mosfet_current(&t, 2.0, 0.0, 0.2), -msl_mosfet_current(&t, 2.0, 0.2, 0.0), 1e-12));
  /* below threshold: small but not zero, falling by e per n Ut */
  double a = msl_mosfet_current(&t, 0.2, 1.0, 0.0), b = msl_mosfet_current(&t, 0.2 - 0.0301607, 1.0, 0.0);
  CHECK(a > 0.0 && a < 1e-7);
  CHECK_NEAR(a / b, exp(1.0), 0.01);
}

/* The series circuit with VTEAM (ohmic: I = w G1 x) at G = w G1. */
static void operating_points(void) {
  msl_params p;
  msl_params_init(&p, 1);
  msl_device *d = msl_device_new("vteam", &p, 1e-3);
  CHECK(d != NULL);
  if (!d) return;
  msl_mosfet t = fet(0.0);
  gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
  double i;
  /* saturation: 1 kOhm, 3 V, gate 1.5 V: I = k/2 (1)^2 = 0.5 mA, x = 0.5 V
   * (Vds = 2.5 V > Vov = 1 V) */
  msl_series c = {d, &t, 1.0, 3.0, 1.5, 0};
  CHECK_NEAR(msl_series_solve(&c, s, 0.0, &i), 0.5, 1e-6);
  CHECK(rel(i, 5e-4, 1e-8));
  /* the same from a guess (the narrowed bracket) */
  CHECK_NEAR(msl_series_solve(&c, s, 0.4999, &i), 0.5, 1e-6);
  /* linear: 1 V, gate 3 V: x = 2.5 y - y^2/2 with y = 1 - x:
   * y = 3.5 - sqrt(10.25), x = 0.70156... (Vds = y < Vov = 2.5 V) */
  c = (msl_series){d, &t, 1.0, 1.0, 3.0, 0};
  double want = 1.0 - (3.5 - sqrt(10.25));
  CHECK_NEAR(msl_series_solve(&c, s, 0.0, &i), want, 1e-8);
  CHECK(rel(i, 1e-3 * want, 1e-8));
  /* reset: the source at x: x = ((2.5 - x)^2 - 1.5^2)/2, x = 3.5 - sqrt(8.25) */
  c = (msl_series){d, &t, 1.0, 1.0, 3.0, 1};
  CHECK_NEAR(msl_series_solve(&c, s, 0.0, &i), 3.5 - sqrt(8.25), 1e-8);
  gsl_root_fsolver_free(s);
  msl_device_free(d);
}

/* One potentiating pulse of a 1T1R cell of VTEAM at 10 kOhm (w = 1, G1 =
 * 1e-4 S), v-set 1 V, gate 3 V, 10 ns: x = 1 - y, 0.5 y^2 - 2.6 y + 0.1 = 0,
 * energy a I dt = 1 V * 1e-4 x * 1e-8 s (VTEAM moves by ~1e-4 ohm). */
static void pulse_energy(void) {
  msl_params p;
  msl_params_init(&p, 1);
  msl_params_set(&p, "mos-vth", 0.5);
  msl_params_set(&p, "mos-k", 1e-3);
  msl_params_set(&p, "mos-n", 1.0);
  msl_params_set(&p, "mos-lambda", 0.0);
  msl_params_set(&p, "v-set", 1.0);
  msl_device *d = msl_device_new("vteam", &p, 1e-4);
  msl_cell *c = msl_cell_new("1t1r", &p);
  CHECK(d && c && c->ops->pulse);
  if (!d || !c) return;
  double s = d->ops->w2s(d, 1.0), w = d->ops->s2w(d, s), v = 3.0;
  ptrdiff_t at = 0;
  msl_pulse_stats st = {0};
  CHECK(c->ops->pulse(c, d, &s, &w, &at, &v, 1, 1e-8, &st) == 0);
  double x = 1.0 - (2.6 - sqrt(2.6 * 2.6 - 0.2));
  CHECK(rel(st.energy_pot_j, 1e-4 * x * 1e-8, 1e-8));
  CHECK(st.energy_dep_j == 0.0);
  CHECK(w > 1.0 - 1e-6); /* potentiated, barely */
  /* 0 V: untouched, no energy */
  double s0 = s, w0 = w;
  v = 0.0;
  msl_pulse_stats z = {0};
  CHECK(c->ops->pulse(c, d, &s, &w, &at, &v, 1, 1e-8, &z) == 0);
  CHECK(s == s0 && w == w0 && z.energy_pot_j == 0.0);
  /* the read factor: the transistor at vg-read in series lowers the current */
  double r = c->ops->read(c, d, 1.0);
  CHECK(r > 0.9 && r < 1.0);
  msl_cell_free(c);
  msl_device_free(d);
}

/* Chen's memristor (sinh current) behind the transistor: the solution's
 * memristor voltage x and the transistor's drop a - x make up the supply's
 * voltage, and the two currents agree to the solver's 1e-9 V. */
static void residual(void) {
  msl_params p;
  msl_params_init(&p, 1);
  msl_device *d = msl_device_new("chen15", &p, 1.0);
  CHECK(d != NULL);
  if (!d) return;
  msl_mosfet t = {0.3, 4e-4, 1.3, 0.1, 0.0301607};
  gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
  const double g[3] = {5e-6, 5e-5, 1.2e-4}, vg[3] = {0.6, 1.0, 2.5};
  for (int a = 0; a < 3; a++)
    for (int b = 0; b < 3; b++)
      for (int reset = 0; reset < 2; reset++) {
        msl_series c = {d, &t, d->ops->s2w(d, d->ops->w2s(d, g[a])), 1.8, vg[b], reset};
        double i, x = msl_series_solve(&c, s, 0.0, &i);
        double fet = reset ? msl_mosfet_current(&t, vg[b], 1.8, x)
                           : msl_mosfet_current(&t, vg[b], 1.8 - x, 0.0);
        CHECK(x > 0.0 && x < 1.8 && i > 0.0);
        CHECK(rel(msl_series_mem_current(d, c.w, x), i, 1e-12));
        if (!rel(fet, i, 1e-6))
          check_fail(__FILE__, __LINE__, "G %g, gate %g, reset %d: memristor %g A, transistor %g A",
                     g[a], vg[b], reset, i, fet);
        check_count++;
      }
  gsl_root_fsolver_free(s);
  msl_device_free(d);
}

/* A cell of VTEAM (G1 1e-4, so G = w 1e-4 S; a step per pulse: one solve)
 * with a transistor of k 1e-5 A/V^2, Vth 0.5 V, n 1, lambda 0. */
static msl_cell *small_cell(const char *name, msl_params *p) {
  msl_params_init(p, 1);
  msl_params_set(p, "mos-vth", 0.5);
  msl_params_set(p, "mos-k", 1e-5);
  msl_params_set(p, "mos-n", 1.0);
  msl_params_set(p, "mos-lambda", 0.0);
  msl_params_set(p, "v-set", 3.0);
  msl_params_set(p, "vg-reset", 1.5);
  if (strcmp(name, "2t1r") == 0) msl_params_set(p, "reset-width", 4.0);
  return msl_cell_new(name, p);
}

/* One pulse of c at line voltage v on a cell of weight w: the supply's
 * energy (pot + dep) and the weight after. */
static double one_pulse(const msl_cell *c, const msl_device *d, double w, double v, double dt,
                        msl_pulse_stats *st) {
  double s = d->ops->w2s(d, w), wc = d->ops->s2w(d, s);
  ptrdiff_t at = 0;
  *st = (msl_pulse_stats){0};
  CHECK(c->ops->pulse(c, d, &s, &wc, &at, &v, 1, dt, st) == 0);
  return wc;
}

/* 1T1R's compliance: v-set 3 V, gate 1.5 V: the transistor saturates at
 * k/2 (1.5 - 0.5)^2 = 5 uA whatever the memristor (x = 5e-6 / G = 0.05 V
 * at 10 kOhm, 0.1 V at 20 kOhm, Vds > 1 V), so the supply gives 3 V * 5 uA
 * * 10 ns = 1.5e-13 J per pulse, where 1R at 3 V would spend G V^2 dt =
 * 9e-12 J at 10 kOhm (60 times more). */
static void compliance(void) {
  msl_params p;
  msl_cell *c = small_cell("1t1r", &p);
  msl_device *d = msl_device_new("vteam", &p, 1e-4);
  CHECK(c && d);
  if (!c || !d) return;
  msl_pulse_stats st;
  for (int k = 0; k < 2; k++) {
    double w = k ? 0.5 : 1.0;
    one_pulse(c, d, w, 1.5, 1e-8, &st);
    CHECK(rel(st.energy_pot_j, 3.0 * 5e-6 * 1e-8, 3e-8));
    CHECK(st.energy_dep_j == 0.0);
  }
  CHECK(st.energy_pot_j < 1e-4 * 9.0 * 1e-8 / 50.0);
  /* the gate below threshold (0.2 V): the current all but stops */
  one_pulse(c, d, 1.0, 0.2, 1e-8, &st);
  CHECK(st.energy_pot_j > 0.0 && st.energy_pot_j < 1e-3 * 1.5e-13);
  msl_cell_free(c);
  msl_device_free(d);
}

/* Depression through the reset transistor (gate 1.5 V, source line 3 V,
 * its source at the node x; 10 kOhm): 1T1R's, k 1e-5: 1e-4 x = 5e-6 (1 -
 * x)^2, x = 11 - sqrt(120); 2T1R's, 4 times wider: 1e-4 x = 2e-5 (1 - x)^2,
 * x = (7 - sqrt(45))/2; energy 3 V * 1e-4 x * 1 ns. Its set path is
 * 1T1R's. */
static void two_transistors(void) {
  msl_params p1, p2;
  msl_cell *c1 = small_cell("1t1r", &p1), *c2 = small_cell("2t1r", &p2);
  msl_device *d = msl_device_new("vteam", &p1, 1e-4);
  CHECK(c1 && c2 && d);
  if (!c1 || !c2 || !d) return;
  msl_pulse_stats a, b;
  double w1 = one_pulse(c1, d, 1.0, -3.0, 1e-9, &a), w2 = one_pulse(c2, d, 1.0, -3.0, 1e-9, &b);
  CHECK(rel(a.energy_dep_j, 3.0 * 1e-4 * (11.0 - sqrt(120.0)) * 1e-9, 3e-7));
  CHECK(rel(b.energy_dep_j, 3.0 * 1e-4 * (7.0 - sqrt(45.0)) / 2.0 * 1e-9, 3e-7));
  CHECK(a.energy_pot_j == 0.0 && b.energy_pot_j == 0.0);
  CHECK(w2 <= w1 && w1 <= 1.0); /* more voltage across the memristor: at least as much reset */
  one_pulse(c1, d, 1.0, 1.5, 1e-8, &a);
  one_pulse(c2, d, 1.0, 1.5, 1e-8, &b);
  CHECK(a.energy_pot_j == b.energy_pot_j);
  msl_cell_free(c1);
  msl_cell_free(c2);
  msl_device_free(d);
}

/* Chen 2015 (G1 1e-5) behind the default transistor, set explicitly. */
static msl_cell *chen_cell(msl_params *p, double tol, int substeps) {
  msl_params_init(p, 1);
  msl_params_set(p, "mos-vth", 0.3003);
  msl_params_set(p, "mos-k", 0.01098);
  msl_params_set(p, "mos-n", 1.338);
  msl_params_set(p, "mos-lambda", 1.727);
  msl_params_set(p, "v-set", 1.967);
  msl_params_set(p, "cell-tol", tol);
  if (substeps) msl_params_set(p, "cell-substeps", substeps);
  return msl_cell_new("1t1r", p);
}

/* Adaptive substeps (--cell-tol): a pulse that changes the weight by less
 * than tol is one Euler step: the circuit solved at the start (Brent), the
 * device pulsed over the whole width at that voltage, the supply's energy
 * a I dt. One that changes it more converges to many fixed substeps, where
 * 20 fixed ones are far off (a set pulse of 10 ns at a gate of 0.4 V from w
 * 0.3: 4096 substeps give w 2.6714, 20 give 14.93). */
static void adaptive_substeps(void) {
  msl_params p;
  msl_cell *c = chen_cell(&p, 0.03, 0);
  msl_device *d = msl_device_new("chen15", NULL, 1e-5); /* (NULL: the defaults) */
  CHECK(c && d);
  if (!c || !d) return;
  const double UT = 1.3806503e-23 * 350.0 / 1.60217663e-19, dt = 1e-8;
  msl_mosfet t = {0.3003, 0.01098, 1.338, 1.727, UT};
  double s0 = d->ops->w2s(d, 0.3), w0 = d->ops->s2w(d, s0), i, u;
  msl_series sc = {d, &t, w0, 1.967, 0.25, 0};
  gsl_root_fsolver *rs = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
  double x = msl_series_solve(&sc, rs, 0.0, &i);
  gsl_root_fsolver_free(rs);
  d->ops->drive(d, &x, &u, 1);
  double s1 = s0, w1 = w0;
  ptrdiff_t at = 0;
  msl_pulse_stats st = {0};
  CHECK(d->ops->pulse(d, &s1, &w1, &at, &u, 1, dt, &st) == 0);
  double w = one_pulse(c, d, 0.3, 0.25, dt, &st);
  CHECK(fabs(w1 - w0) < 0.03 * w0 && w1 > w0); /* the one-step case */
  CHECK(rel(w - w0, w1 - w0, 1e-8));
  CHECK(rel(st.energy_pot_j, 1.967 * i * dt, 1e-9));
  /* a switching pulse: within 2 % (tol 0.03) and 0.2 % (tol 0.001) of 4096 substeps */
  msl_params p2, p3, p4;
  msl_cell *c2 = chen_cell(&p2, 0.001, 0), *f20 = chen_cell(&p3, 0.0, 20),
           *f4096 = chen_cell(&p4, 0.0, 4096);
  CHECK(c2 && f20 && f4096);
  if (c2 && f20 && f4096) {
    double ref = one_pulse(f4096, d, 0.3, 0.4, dt, &st);
    CHECK(ref > 2.0 * 0.3); /* it switches */
    CHECK(rel(one_pulse(c, d, 0.3, 0.4, dt, &st), ref, 0.02));
    CHECK(rel(one_pulse(c2, d, 0.3, 0.4, dt, &st), ref, 0.002));
    CHECK(one_pulse(f20, d, 0.3, 0.4, dt, &st) > 4.0 * ref); /* 20 fixed: over 4x as far */
  }
  msl_cell_free(c2);
  msl_cell_free(f20);
  msl_cell_free(f4096);
  /* fixed substeps with adaptive ones: refused, named */
  msl_params q;
  msl_params_init(&q, 1);
  msl_params_set(&q, "cell-substeps", 5);
  msl_cell *bad = msl_cell_new("1t1r", &q);
  CHECK(bad == NULL && strstr(msl_error(), "--cell-substeps") && strstr(msl_error(), "--cell-tol 0"));
  msl_params_set(&q, "cell-tol", 0.0);
  CHECK((bad = msl_cell_new("1t1r", &q)) != NULL);
  msl_cell_free(bad);
  msl_cell_free(c);
  msl_device_free(d);
}

/* Deep inversion (the reset gates' 8.9 V): the batch solve's kernels
 * without the softplus terms give the general kernels' bits, through
 * set_lines, a first solve and a second one from the first's
 * solution after the weights moved; and the solution balances the two
 * currents. */
static void deep_inversion(void) {
  msl_device *d = msl_device_new("chen15", NULL, 1e-5);
  CHECK(d != NULL);
  if (!d) return;
  const double UT = 1.3806503e-23 * 350.0 / 1.60217663e-19;
  msl_mosfet t = {0.3003, 0.01098, 1.338, 1.727, UT};
  enum { N = 37 };
  msl_series_batch b[2];
  for (int g = 0; g < 2; g++) {
    CHECK(msl_series_batch_init(&b[g], N) == 0);
    b[g].general = g;
    double a[N], vg[N];
    int rs[N];
    for (int k = 0; k < N; k++) a[k] = 0.5 + 1.1 * k / (N - 1), vg[k] = 8.901, rs[k] = 1;
    msl_series_batch_set_lines(&b[g], d, &t, &t, a, vg, rs, N);
    for (int k = 0; k < N; k++) b[g].w[k] = 0.05 + 0.9 * ((k * 7) % N) / N;
    CHECK(msl_series_batch_solve(&b[g], d) == 0);
    for (int k = 0; k < N; k++) b[g].w[k] *= 1.0 - 1e-3 * (k % 3);
    CHECK(msl_series_batch_solve(&b[g], d) == 0);
  }
  int deep = 1;
  for (int k = 0; k < N; k++) deep &= b[0].z0[k] + b[0].q[k] * b[0].a[k] >= 60.0;
  CHECK(deep); /* the fast kernels' case */
  CHECK(memcmp(b[0].x, b[1].x, N * sizeof(double)) == 0);
  CHECK(memcmp(b[0].i, b[1].i, N * sizeof(double)) == 0);
  CHECK(memcmp(b[0].i0, b[1].i0, N * sizeof(double)) == 0);
  for (int k = 0; k < N; k++) {
    double x = b[0].x[k], fet = msl_mosfet_current(&t, 8.901, b[0].a[k], x);
    CHECK(x > 0.0 && x < b[0].a[k]);
    CHECK(rel(msl_series_mem_current(d, b[0].w[k], x), fet, 1e-7)); /* (fet: c2 - y^2 cancels) */
    CHECK(rel(b[0].i[k], fet, 1e-7));
  }
  msl_series_batch_free(&b[0]);
  msl_series_batch_free(&b[1]);
  msl_device_free(d);
}

static void names(void) {
  msl_params p;
  msl_params_init(&p, 1);
  msl_cell *c = msl_cell_new("1r", &p);
  CHECK(c && !c->ops->pulse && !c->ops->read);
  msl_cell_free(c);
  CHECK(msl_cell_new("3t2r", &p) == NULL && strstr(msl_error(), "1t1r"));
  msl_params_set(&p, "mos-n", 0.5);
  CHECK(msl_cell_new("1t1r", &p) == NULL && strstr(msl_error(), "--mos-n"));
  /* each out-of-range parameter named */
  const char *bad[][2] = {{"mos-k", "0"}, {"mos-lambda", "-1"}, {"v-set", "0"},
                          {"cell-substeps", "0"}, {"reset-width", "-2"}, {"vg-read", "0"}};
  for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
    msl_params q;
    msl_params_init(&q, 1);
    msl_params_set(&q, bad[k][0], atof(bad[k][1]));
    char want[32];
    snprintf(want, sizeof want, "--%s", bad[k][0]);
    msl_cell *c = msl_cell_new("2t1r", &q);
    if (c || !strstr(msl_error(), want))
      check_fail(__FILE__, __LINE__, "--%s %s: accepted or not named (%s)", bad[k][0], bad[k][1],
                 c ? "accepted" : msl_error());
    check_count++;
    msl_cell_free(c);
  }
}

int main(void) {
  transistor();
  operating_points();
  pulse_energy();
  residual();
  compliance();
  two_transistors();
  adaptive_substeps();
  deep_inversion();
  names();
  return check_done();
}
