/* test_cells.c: the access-transistor cells against hand-computed values:
 * the EKV transistor in strong inversion (the square law), the series
 * circuit's operating point in saturation and in the linear region (set and
 * reset orientations), one pulse's supply energy, and 1R's unchanged ops. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_roots.h>

#include "cells/mosfet.h"
#include "cells/series.h"
#include "check.h"
#include "msl/cell.h"
#include "msl/device.h"
#include "msl/error.h"

/* n = 1, lambda = 0.1 or 0, Vth 0.5 V, k 1e-3 A/V^2. */
static msl_mosfet fet(double lambda) { return (msl_mosfet){0.5, 1e-3, 1.0, lambda, 0.0301607}; }

static void transistor(void) {
  msl_mosfet t = fet(0.1);
  /* saturation: k/2 (Vgs - Vth)^2 (1 + lambda Vds) = 5e-4 * 2.25 * 1.2 */
  CHECK(check_close(msl_mosfet_current(&t, 2.0, 2.0, 0.0), 1.35e-3, 1e-6));
  /* linear: k ((Vgs - Vth) Vds - Vds^2 / 2) (1 + lambda Vds) = 1e-3 * 0.28 * 1.02 */
  CHECK(check_close(msl_mosfet_current(&t, 2.0, 0.2, 0.0), 2.856e-4, 1e-6));
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
  CHECK(check_close(i, 5e-4, 1e-5));
  /* the same from a guess (the narrowed bracket) */
  CHECK_NEAR(msl_series_solve(&c, s, 0.4999, &i), 0.5, 1e-6);
  /* linear: 1 V, gate 3 V: x = 2.5 y - y^2/2 with y = 1 - x:
   * y = 3.5 - sqrt(10.25), x = 0.70156... (Vds = y < Vov = 2.5 V) */
  c = (msl_series){d, &t, 1.0, 1.0, 3.0, 0};
  double want = 1.0 - (3.5 - sqrt(10.25));
  CHECK_NEAR(msl_series_solve(&c, s, 0.0, &i), want, 1e-8);
  CHECK(check_close(i, 1e-3 * want, 1e-7));
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
  CHECK(check_close(st.energy_pot_j, 1e-4 * x * 1e-8, 1e-6));
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

static void names(void) {
  msl_params p;
  msl_params_init(&p, 1);
  msl_cell *c = msl_cell_new("1r", &p);
  CHECK(c && !c->ops->pulse && !c->ops->read);
  msl_cell_free(c);
  CHECK(msl_cell_new("3t2r", &p) == NULL && strstr(msl_error(), "1t1r"));
  msl_params_set(&p, "mos-n", 0.5);
  CHECK(msl_cell_new("1t1r", &p) == NULL && strstr(msl_error(), "--mos-n"));
}

int main(void) {
  transistor();
  operating_points();
  pulse_energy();
  names();
  return check_done();
}
