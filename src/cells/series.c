/* series.c: the series circuit's operating point (series.h). */
#include "series.h"

#include <math.h>

#include <gsl/gsl_errno.h>

double msl_series_mem_current(const msl_device *d, double w, double x) {
  if (!(x > 0.0)) return 0.0;
  if (d->ops->current) {
    double j, dj, d2j;
    d->ops->current(d, &x, &j, &dj, &d2j, 1);
    return w * d->g1 * j;
  }
  if (!d->ops->power) return w * d->g1 * x;
  double p;
  d->ops->power(d, &x, &p, 1);
  return w * d->g1 * p / x;
}

double msl_series_fet_current(const msl_series *c, double x) {
  return c->reset ? msl_mosfet_current(c->t, c->vg, c->a, x)
                  : msl_mosfet_current(c->t, c->vg, c->a - x, 0.0);
}

static double mismatch(double x, void *ctx) {
  const msl_series *c = ctx;
  return msl_series_mem_current(c->d, c->w, x) - msl_series_fet_current(c, x);
}

double msl_series_solve(const msl_series *c, gsl_root_fsolver *s, double x0, double *i) {
  /* f(0) = -I_fet <= 0 and f(a) = I_mem(a) >= 0 (the transistor at 0 V). */
  if (!(c->w > 0.0)) { /* no memristor current: the transistor passes none either */
    *i = 0.0;
    return c->a;
  }
  gsl_function f = {mismatch, (void *)c};
  double lo = 0.0, hi = c->a;
  if (x0 > 0.0 && x0 < c->a) { /* a bracket of width 2 d around the guess, if it holds */
    double d = 1e-3 * c->a;
    lo = x0 - d > 0.0 ? x0 - d : 0.0;
    hi = x0 + d < c->a ? x0 + d : c->a;
    if (mismatch(lo, (void *)c) > 0.0) lo = 0.0;
    if (mismatch(hi, (void *)c) < 0.0) hi = c->a;
  }
  if (lo == 0.0 && mismatch(0.0, (void *)c) >= 0.0) {
    *i = 0.0;
    return 0.0;
  }
  gsl_root_fsolver_set(s, &f, lo, hi);
  double x = 0.5 * (lo + hi);
  for (int it = 0; it < 200; it++) {
    if (gsl_root_fsolver_iterate(s)) break;
    x = gsl_root_fsolver_root(s);
    lo = gsl_root_fsolver_x_lower(s);
    hi = gsl_root_fsolver_x_upper(s);
    if (gsl_root_test_interval(lo, hi, 0.0, MSL_SERIES_BRENT_TOL) == GSL_SUCCESS) break;
  }
  *i = msl_series_mem_current(c->d, c->w, x);
  return x;
}
