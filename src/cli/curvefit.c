/* curvefit.c: least-squares fit of the curve model (curvefit.h).
 *
 * Unknowns: gmin and gmax in units of the largest measured conductance, and
 * the logs of A and P of each direction (positive, and of any scale). The
 * residuals are the measured minus the model conductances of both curves,
 * in the same unit. Standard errors from the covariance (J^T J)^-1 scaled
 * by the residual variance chi^2 / (n - 6); for A and P through d(ln x) =
 * dx / x. The cycle-to-cycle spread from the one-pulse-ahead residuals:
 * every measured step against the model's step from the measured state,
 * c2c = sqrt(sum (measured - model)^2 / sum model^2) (docs/devices.md). */
#include "curvefit.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_vector.h>

#include "devices/curve.h"

typedef struct {
  const curve_data *c[2]; /* ltp, ltd */
  double scale;           /* S per unit */
} fit_data;

/* The model's parameters from the unknowns. */
static void unpack(const gsl_vector *t, double scale, double x[FIT_N]) {
  x[FIT_GMIN] = gsl_vector_get(t, 0) * scale;
  x[FIT_GMAX] = gsl_vector_get(t, 1) * scale;
  for (int k = 2; k < FIT_N; k++) x[k] = exp(gsl_vector_get(t, (size_t)k));
}

static int residuals(const gsl_vector *t, void *ctx, gsl_vector *f) {
  const fit_data *d = ctx;
  double x[FIT_N];
  unpack(t, d->scale, x);
  size_t i = 0;
  for (int q = 0; q < 2; q++) {
    const curve_data *c = d->c[q];
    double a = x[q ? FIT_ALTD : FIT_ALTP], p = x[q ? FIT_PLTD : FIT_PLTP];
    for (int k = 0; k < c->n; k++) {
      double m = curve_g(!q, x[FIT_GMIN], x[FIT_GMAX], a, p, c->pulse[k] - c->pulse[0]);
      gsl_vector_set(f, i++, (c->g[k] - m) / d->scale);
    }
  }
  return GSL_SUCCESS;
}

/* Fit from one start; the final chi^2 (HUGE_VAL if it failed). */
static double solve(fit_data *d, const double start[FIT_N], gsl_vector *best, gsl_matrix *cov) {
  size_t n = (size_t)(d->c[0]->n + d->c[1]->n);
  gsl_multifit_nlinear_fdf fdf = {residuals, NULL, NULL, n, FIT_N, d, 0, 0, 0};
  gsl_multifit_nlinear_parameters par = gsl_multifit_nlinear_default_parameters();
  gsl_multifit_nlinear_workspace *w =
      gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &par, n, FIT_N);
  if (!w) return HUGE_VAL;
  gsl_vector *t = gsl_vector_alloc(FIT_N);
  gsl_vector_set(t, 0, start[FIT_GMIN] / d->scale);
  gsl_vector_set(t, 1, start[FIT_GMAX] / d->scale);
  for (int k = 2; k < FIT_N; k++) gsl_vector_set(t, (size_t)k, log(start[k]));
  int info;
  double chi2 = HUGE_VAL;
  if (gsl_multifit_nlinear_init(t, &fdf, w) == GSL_SUCCESS) {
    int st = gsl_multifit_nlinear_driver(500, 1e-12, 1e-12, 1e-12, NULL, NULL, &info, w);
    gsl_vector *r = gsl_multifit_nlinear_residual(w);
    double c;
    gsl_blas_ddot(r, r, &c);
    if ((st == GSL_SUCCESS || st == GSL_EMAXITER) && isfinite(c)) {
      chi2 = c;
      gsl_vector_memcpy(best, gsl_multifit_nlinear_position(w));
      gsl_multifit_nlinear_covar(gsl_multifit_nlinear_jac(w), 0.0, cov);
    }
  }
  gsl_vector_free(t);
  gsl_multifit_nlinear_free(w);
  return chi2;
}

/* The model's step from measured state g by dx pulses of one direction. */
static double model_step(int pot, const double x[FIT_N], double g, double dx) {
  double a = x[pot ? FIT_ALTP : FIT_ALTD], p = x[pot ? FIT_PLTP : FIT_PLTD];
  double b = curve_b(x[FIT_GMIN], x[FIT_GMAX], a, p), f = -expm1(-dx / a);
  double target = pot ? x[FIT_GMIN] + b : x[FIT_GMAX] - b;
  return (target - g) * f;
}

int curve_fit_run(const curve_data *ltp, const curve_data *ltd, curve_fit *out, char *err,
                  size_t errlen) {
  memset(out, 0, sizeof *out);
  gsl_set_error_handler_off();
  fit_data d = {{ltp, ltd}, 0.0};
  for (int q = 0; q < 2; q++)
    for (int k = 0; k < d.c[q]->n; k++) d.scale = fmax(d.scale, d.c[q]->g[k]);
  double span_p = ltp->pulse[ltp->n - 1] - ltp->pulse[0];
  double span_d = ltd->pulse[ltd->n - 1] - ltd->pulse[0];
  gsl_vector *t = gsl_vector_alloc(FIT_N), *best = gsl_vector_alloc(FIT_N);
  gsl_matrix *cov = gsl_matrix_alloc(FIT_N, FIT_N), *bcov = gsl_matrix_alloc(FIT_N, FIT_N);
  if (!t || !best || !cov || !bcov) {
    snprintf(err, errlen, "out of memory");
    gsl_vector_free(t), gsl_vector_free(best), gsl_matrix_free(cov), gsl_matrix_free(bcov);
    return -1;
  }
  /* Starts: the measured ends, each curve's span of pulses, and A from
   * nearly linear to strongly saturating; the best chi^2 wins. */
  static const double a_frac[] = {0.2, 0.5, 2.0};
  double chi2 = HUGE_VAL;
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++) {
      double s[FIT_N] = {ltp->g[0], ltd->g[0], a_frac[i] * span_p, a_frac[j] * span_d,
                         span_p, span_d};
      double c = solve(&d, s, t, cov);
      if (c < chi2) {
        chi2 = c;
        gsl_vector_memcpy(best, t);
        gsl_matrix_memcpy(bcov, cov);
      }
    }
  int n = ltp->n + ltd->n, rc = 0;
  if (!isfinite(chi2)) {
    snprintf(err, errlen, "the fit did not converge from any start");
    rc = -1;
  } else {
    unpack(best, d.scale, out->x);
    double var = chi2 / (n - FIT_N);
    for (int k = 0; k < FIT_N; k++) {
      double s = sqrt(fmax(gsl_matrix_get(bcov, (size_t)k, (size_t)k) * var, 0.0));
      out->sd[k] = k < 2 ? s * d.scale : s * out->x[k];
    }
    if (!(out->x[FIT_GMIN] >= 0.0 && out->x[FIT_GMIN] < out->x[FIT_GMAX])) {
      snprintf(err, errlen, "the fit gives gmin = %g S, gmax = %g S: not a device (need "
                            "0 <= gmin < gmax)", out->x[FIT_GMIN], out->x[FIT_GMAX]);
      rc = -1;
    }
    double se = 0, sm = 0, rr[2] = {0, 0};
    int steps = 0;
    for (int q = 0; q < 2 && rc == 0; q++) {
      const curve_data *c = d.c[q];
      for (int k = 0; k < c->n; k++) {
        double m = curve_g(!q, out->x[FIT_GMIN], out->x[FIT_GMAX],
                           out->x[q ? FIT_ALTD : FIT_ALTP], out->x[q ? FIT_PLTD : FIT_PLTP],
                           c->pulse[k] - c->pulse[0]);
        rr[q] += (c->g[k] - m) * (c->g[k] - m);
        if (k == 0) continue;
        double ms = model_step(!q, out->x, c->g[k - 1], c->pulse[k] - c->pulse[k - 1]);
        double e = (c->g[k] - c->g[k - 1]) - ms;
        se += e * e;
        sm += ms * ms;
        steps++;
      }
    }
    out->rms_ltp = sqrt(rr[0] / ltp->n);
    out->rms_ltd = sqrt(rr[1] / ltd->n);
    out->c2c = sm > 0 ? sqrt(se / sm) : 0.0;
    out->c2c_sd = steps > 1 ? out->c2c / sqrt(2.0 * steps) : 0.0;
    out->c2c_range = steps > 0 ? sqrt(se / steps) / (out->x[FIT_GMAX] - out->x[FIT_GMIN]) : 0.0;
  }
  gsl_vector_free(t), gsl_vector_free(best), gsl_matrix_free(cov), gsl_matrix_free(bcov);
  return rc;
}
