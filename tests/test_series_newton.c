/* test_series_newton.c: the batched Newton solve of the series circuit
 * (src/cells/series_newton.c) against GSL's Brent on many random operating
 * points (transistor, supply, gate, set or reset, weight; Chen's sinh
 * memristor and the ohmic VTEAM), cold and then warm from a changed weight
 * (the evaluation-free start), to the documented tolerance: |x - x_brent|
 * <= MSL_SERIES_TOL x plus Brent's own MSL_SERIES_BRENT_TOL x. A device
 * with a power op and no current op goes to Brent. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_roots.h>

#include "cells/series.h"
#include "check.h"
#include "msl/device.h"

enum { N = 400, ROUNDS = 25 };

static unsigned long long rng = 12345;
static double uniform(double lo, double hi) {
  rng = rng * 6364136223846793005ull + 1442695040888963407ull;
  return lo + (hi - lo) * (double)(rng >> 11) * 0x1.0p-53;
}

static double worst = 0.0; /* the largest |x - x_brent| / x seen */

/* Batch b against Brent for every circuit, the circuits' weights w. */
static void compare(msl_series_batch *b, const msl_device *d, gsl_root_fsolver *s) {
  CHECK(msl_series_batch_solve(b, d) == 0);
  for (int k = 0; k < b->n; k++) {
    msl_series c = b->c[k];
    c.w = b->w[k];
    double i, x = msl_series_solve(&c, s, 0.0, &i);
    double err = fabs(b->x[k] - x) / x;
    worst = err > worst ? err : worst;
    check_count++;
    if (!(err <= MSL_SERIES_TOL + 2.0 * MSL_SERIES_BRENT_TOL) || !(fabs(b->i[k] - i) <= 1e-10 * i))
      check_fail(__FILE__, __LINE__,
                 "reset %d, a %g, gate %g, w %g: x %.17g vs Brent %.17g, i %.17g vs %.17g",
                 c.reset, c.a, c.vg, c.w, b->x[k], x, b->i[k], i);
  }
}

static void random_points(const char *name, double g1) {
  msl_params p;
  msl_params_init(&p, 1);
  msl_device *d = msl_device_new(name, &p, g1);
  gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
  msl_mosfet *t = malloc(N * sizeof *t);
  msl_series_batch b;
  CHECK(d && s && t && msl_series_batch_init(&b, N) == 0);
  if (!d || !s || !t) return;
  for (int k = 0; k < N; k++) {
    t[k] = (msl_mosfet){uniform(0.2, 0.6), pow(10.0, uniform(-5, -2)), uniform(1.0, 1.6),
                        uniform(0.0, 2.0), 0.0301607};
    double w = d->ops->s2w(d, d->ops->w2s(d, pow(10.0, uniform(-2, 1.5))));
    int reset = k % 2;
    msl_series c = {d, &t[k], w, uniform(0.05, 3.0), reset ? uniform(0.5, 9.0) : uniform(0.0, 2.5),
                    reset};
    msl_series_batch_set(&b, k, &c);
  }
  compare(&b, d, s); /* cold: from x = a */
  for (int r = 0; r < ROUNDS; r++) { /* warm: weights moved by 1e-12 .. 1e-2 */
    for (int k = 0; k < N; k++) {
      double f = 1.0 + pow(10.0, uniform(-12, -2)) * (uniform(0, 1) < 0.5 ? -1 : 1);
      b.w[k] = d->ops->s2w(d, d->ops->w2s(d, b.w[k] * f));
    }
    compare(&b, d, s);
  }
  msl_series_batch_free(&b);
  free(t);
  gsl_root_fsolver_free(s);
  msl_device_free(d);
}

/* Without the op current (a power op only): every circuit to Brent. */
static void no_derivative(void) {
  msl_params p;
  msl_params_init(&p, 1);
  msl_device *d = msl_device_new("chen15", &p, 1e-5);
  CHECK(d != NULL);
  if (!d) return;
  msl_device_ops ops = *d->ops;
  ops.current = NULL;
  const msl_device_ops *keep = d->ops;
  d->ops = &ops;
  msl_mosfet t = {0.3, 1e-3, 1.3, 0.1, 0.0301607};
  msl_series c = {d, &t, 1.0, 1.8, 0.6, 0};
  msl_series_batch b;
  CHECK(msl_series_batch_init(&b, 2) == 0);
  msl_series_batch_set(&b, 0, &c);
  c.reset = 1;
  msl_series_batch_set(&b, 1, &c);
  CHECK(msl_series_batch_solve(&b, d) == 2);
  CHECK(b.x[0] > 0.0 && b.x[0] < 1.8 && b.i[0] > 0.0);
  msl_series_batch_free(&b);
  d->ops = keep;
  msl_device_free(d);
}

int main(void) {
  random_points("chen15", 1e-5);
  random_points("chen15", 1e-4);
  random_points("vteam", 1e-4);
  no_derivative();
  printf("largest |x - x_brent| / x: %.3g\n", worst);
  return check_done();
}
