/* lutgen.c: tabulating a cell circuit and fitting its transistor
 * (lutgen.h). The fit's unknowns are mos-vth, ln mos-k, ln(mos-n - 1),
 * ln mos-lambda, v-set and vg-reset; its residuals the model's minus the
 * reference's dG at the chosen grid points, each table's divided by its
 * reference's RMS and the square root of its count, so that chi^2 is the sum
 * of the two tables' squared normalised RMS errors. */
#include "lutgen.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_vector.h>

#include "msl/error.h"

/* The reference's grids bit for bit (as numpy makes them): G = linspace(0,
 * 3e-6, 101) then k 6e-7 for k = 6..250; V = (j + 1) (vmax / nV). */
int lutgen_grids(lut_table *pot, lut_table *dep) {
  memset(pot, 0, sizeof *pot);
  memset(dep, 0, sizeof *dep);
  lut_table *t[2] = {pot, dep};
  for (int q = 0; q < 2; q++) {
    t[q]->nG = 346;
    t[q]->nV = q ? 500 : 400;
    t[q]->dt = q ? 1e-9 : 1e-8;
    t[q]->G = malloc(346 * sizeof(double));
    t[q]->V = malloc((size_t)t[q]->nV * sizeof(double));
    if (!t[q]->G || !t[q]->V) return msl_error_set("msl lut: out of memory"), -1;
    for (int i = 0; i < 100; i++) t[q]->G[i] = i * (3e-6 / 100);
    t[q]->G[100] = 3e-6;
    for (int k = 6; k <= 250; k++) t[q]->G[95 + k] = k * 6e-7;
    const double step = (q ? 2.5 : 0.8) / t[q]->nV;
    for (int j = 0; j < t[q]->nV; j++) t[q]->V[j] = (j + 1) * step;
  }
  return 0;
}

void lutgen_free(lut_table *t) {
  free(t->G);
  free(t->V);
  free(t->dG);
  free(t->E);
  memset(t, 0, sizeof *t);
}

/* One pulse at line voltage v on one cell of conductance g: *dg and *e. */
static int one_pulse(const msl_device *d, const msl_cell *c, double g, double v, double dt,
                     double *dg, double *e) {
  double s = d->ops->w2s(d, g), w = d->ops->s2w(d, s), w0 = w;
  msl_pulse_stats ps = {0};
  ptrdiff_t at = 0;
  if (c->ops->pulse) {
    if (c->ops->pulse(c, d, &s, &w, &at, &v, 1, dt, &ps)) return -1;
    *e = ps.energy_pot_j + ps.energy_dep_j;
  } else { /* 1R: the memristor at the line voltage, energy from its current */
    *e = w0 * msl_device_power(d, v) * dt;
    if (msl_device_pulse(d, &s, &w, 1, &v, 1, dt, &ps)) return -1;
  }
  *dg = w - w0;
  return 0;
}

int lutgen_fill(lut_table *t, const msl_device *d, const msl_cell *c, int dep, int step) {
  size_t n = (size_t)t->nG * t->nV;
  if (!t->dG) t->dG = calloc(n, sizeof(double));
  if (!t->E) t->E = calloc(n, sizeof(double));
  if (!t->dG || !t->E) return msl_error_set("msl lut: out of memory"), -1;
  double gmin = d->ops->s2w(d, d->ops->w2s(d, 0.0)), gmax = d->ops->s2w(d, d->ops->w2s(d, 1e300));
  for (int i = 0; i < t->nG; i += step) {
    double g = t->G[i];
    for (int j = 0; j < t->nV; j += step) {
      double *dg = t->dG + (size_t)i * t->nV + j, *e = t->E + (size_t)i * t->nV + j;
      if (g < gmin || g > gmax) { /* outside the device: nothing, as the reference */
        *dg = *e = 0.0;
        continue;
      }
      if (one_pulse(d, c, g, dep ? -t->V[j] : t->V[j], t->dt, dg, e)) return -1;
      /* the table format's signs (Chen's opposite term drifts by < 1e-20 S
       * at the lowest voltages) */
      *dg = dep ? (*dg < 0.0 ? *dg : 0.0) : (*dg > 0.0 ? *dg : 0.0);
    }
  }
  return 0;
}

double lutgen_nrmse(const lut_table *a, const lut_table *r) {
  double num = 0.0, den = 0.0;
  for (size_t k = 0; k < (size_t)r->nG * r->nV; k++) {
    double x = a->dG[k] - r->dG[k];
    num += x * x;
    den += r->dG[k] * r->dG[k];
  }
  return den > 0.0 ? sqrt(num / den) : INFINITY;
}

/* ---- the fit ------------------------------------------------------------ */

enum { NP = 6 };
static const char *const names[NP] = {"mos-vth", "mos-k", "mos-n", "mos-lambda", "v-set",
                                      "vg-reset"};

typedef struct {
  const msl_device *d;
  const char *cell;
  msl_params *p;
  const lut_table *r[2];
  lut_table m[2];
  int step;
  double scale[2]; /* 1 / (RMS of the reference's chosen dG * sqrt(count)) */
  size_t count[2];
  int evals;
} fit_ctx;

static double clamp(double x, double lo, double hi) { return !(x >= lo) ? lo : x > hi ? hi : x; }

/* The parameters of the unknowns, clamped into the options' ranges (the
 * trust region's trial steps may leave them). */
static void unpack(const gsl_vector *t, double x[NP]) {
  x[0] = clamp(gsl_vector_get(t, 0), -2.0, 5.0);
  x[1] = exp(clamp(gsl_vector_get(t, 1), -40.0, 0.0));
  x[2] = 1.0 + exp(clamp(gsl_vector_get(t, 2), -20.0, log(3.99)));
  x[3] = exp(clamp(gsl_vector_get(t, 3), -20.0, log(9.99)));
  x[4] = clamp(gsl_vector_get(t, 4), 1e-3, 20.0);
  x[5] = clamp(gsl_vector_get(t, 5), 1e-3, 20.0);
}

static int set_params(msl_params *p, const double x[NP]) {
  for (int k = 0; k < NP; k++)
    if (msl_params_set(p, names[k], x[k])) return -1;
  return 0;
}

static int residuals(const gsl_vector *t, void *vctx, gsl_vector *f) {
  fit_ctx *c = vctx;
  double x[NP];
  unpack(t, x);
  if (set_params(c->p, x)) return GSL_EBADFUNC;
  msl_cell *cell = msl_cell_new(c->cell, c->p);
  if (!cell) return GSL_EBADFUNC;
  size_t i = 0;
  for (int q = 0; q < 2; q++) {
    if (lutgen_fill(&c->m[q], c->d, cell, q, c->step)) {
      msl_cell_free(cell);
      return GSL_EBADFUNC;
    }
    const lut_table *r = c->r[q];
    for (int a = 0; a < r->nG; a += c->step)
      for (int b = 0; b < r->nV; b += c->step) {
        size_t k = (size_t)a * r->nV + b;
        gsl_vector_set(f, i++, (c->m[q].dG[k] - r->dG[k]) * c->scale[q]);
      }
  }
  msl_cell_free(cell);
  c->evals++;
  return GSL_SUCCESS;
}

static void report(const size_t iter, void *vctx, const gsl_multifit_nlinear_workspace *w) {
  (void)vctx;
  gsl_vector *f = gsl_multifit_nlinear_residual(w), *t = gsl_multifit_nlinear_position(w);
  double x[NP], chi = 0.0;
  unpack(t, x);
  for (size_t k = 0; k < f->size; k++) chi += gsl_vector_get(f, k) * gsl_vector_get(f, k);
  fprintf(stderr, "msl lut: fit iteration %zu: chi^2 %.5f  vth %.4f k %.4g n %.4f lambda %.4g "
                  "v-set %.4f vg-reset %.4f\n", iter, chi, x[0], x[1], x[2], x[3], x[4], x[5]);
}

int lutgen_fit(const char *device, const char *cell, msl_params *p, const lut_table *rpot,
               const lut_table *rdep, int step, int verbose) {
  fit_ctx c = {0};
  c.cell = cell;
  c.p = p;
  c.r[0] = rpot;
  c.r[1] = rdep;
  c.step = step;
  msl_device *d = msl_device_new(device, p, 1.0);
  if (!d) return -1;
  c.d = d;
  size_t n = 0;
  for (int q = 0; q < 2; q++) {
    const lut_table *r = c.r[q];
    double ss = 0.0;
    size_t cnt = 0;
    for (int a = 0; a < r->nG; a += step)
      for (int b = 0; b < r->nV; b += step, cnt++) ss += r->dG[(size_t)a * r->nV + b] * r->dG[(size_t)a * r->nV + b];
    c.count[q] = cnt;
    c.scale[q] = ss > 0.0 ? 1.0 / sqrt(ss) : 1.0;
    n += cnt;
    c.m[q] = *r;
    c.m[q].dG = c.m[q].E = NULL;
  }
  msl_cell *probe = msl_cell_new(cell, p);
  if (!probe) {
    msl_device_free(d);
    return -1;
  }
  msl_cell_free(probe);
  double x0[NP];
  for (int k = 0; k < NP; k++) {
    const msl_param_decl *decl = msl_param_find(msl_cell_param_list(), names[k]);
    x0[k] = msl_params_get(p, decl);
  }
  gsl_vector *t = gsl_vector_alloc(NP);
  gsl_vector_set(t, 0, x0[0]);
  gsl_vector_set(t, 1, log(x0[1]));
  gsl_vector_set(t, 2, log(x0[2] - 1.0 > 1e-6 ? x0[2] - 1.0 : 1e-6));
  gsl_vector_set(t, 3, log(x0[3] > 1e-6 ? x0[3] : 1e-6));
  gsl_vector_set(t, 4, x0[4]);
  gsl_vector_set(t, 5, x0[5]);
  gsl_error_handler_t *old = gsl_set_error_handler_off();
  gsl_multifit_nlinear_fdf fdf = {residuals, NULL, NULL, n, NP, &c, 0, 0, 0};
  gsl_multifit_nlinear_parameters par = gsl_multifit_nlinear_default_parameters();
  par.h_df = 1e-4; /* finite-difference step: the table is piecewise smooth */
  gsl_multifit_nlinear_workspace *w =
      gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &par, n, NP);
  int rc = -1, info;
  if (w && gsl_multifit_nlinear_init(t, &fdf, w) == GSL_SUCCESS) {
    int st = gsl_multifit_nlinear_driver(40, 1e-6, 1e-8, 1e-8, verbose ? report : NULL, NULL,
                                         &info, w);
    double x[NP];
    unpack(gsl_multifit_nlinear_position(w), x);
    set_params(p, x);
    rc = 0;
    if (st != GSL_SUCCESS && st != GSL_EMAXITER)
      fprintf(stderr, "msl lut: the fit stopped: %s (the last parameters are kept)\n",
              gsl_strerror(st));
  } else {
    msl_error_set("msl lut: the fit could not start from the given transistor parameters");
  }
  if (verbose) fprintf(stderr, "msl lut: %d model evaluations\n", c.evals);
  gsl_set_error_handler(old);
  if (w) gsl_multifit_nlinear_free(w);
  gsl_vector_free(t);
  for (int q = 0; q < 2; q++) {
    free(c.m[q].dG);
    free(c.m[q].E);
  }
  msl_device_free(d);
  return rc;
}
