/* series_newton.c: a batch of series circuits solved by safeguarded Newton
 * (series.h).
 *
 * f(x) = I_mem(x) - I_fet(x) rises monotonically from f(0) = -I_fet(0) < 0
 * to f(a) = I_mem(a) > 0, so [0, a] brackets the root. Every step
 * evaluates f, f' and f'' analytically at x, narrows the bracket by the
 * sign of f, and takes the Newton step dx = -f/f', or goes to the
 * bracket's midpoint when that step leaves the bracket (or is not a
 * number). Newton's error after the step is about e = |f''/(2 f')| dx^2: a
 * circuit is done when that is at most MSL_SERIES_TOL x (with |dx| <= 1e-4
 * x, where the estimate holds), when dx itself is, or when its bracket is
 * that narrow. All circuits step together, in loops the compiler
 * vectorises, until all are done; a circuit left after 100 steps goes to
 * Brent (series.c).
 *
 * Within a pulse a circuit changes little from one substep to the next,
 * only through the weight: the solve starts from the Newton step that the
 * new weight makes from the last solution, computed from the last one's
 * currents and derivatives without evaluating anything. When that step's
 * error estimate, added to the estimates carried since the last evaluated
 * step, stays within MSL_SERIES_TOL x, it is the solution; otherwise
 * Newton steps follow from there. */
#include <math.h>
#include <stdlib.h>

#include "engine/dispatch.h"
#include "engine/vmath.h"
#include "msl/error.h"
#include "series.h"

enum { MAX_STEPS = 100, ARRAYS = 23 };

/* A transistor term ln(1 + e^z) at z >= Z_STRONG is z to the last bit (deep
 * inversion: the reset gates' 8.9 V gives z of 80 and more). */
#define Z_STRONG 60.0

/* The batch's per-circuit arrays, w first (its block's start). */
static void arrays(msl_series_batch *b, double **a[ARRAYS]) {
  double **l[ARRAYS] = {&b->w,  &b->x,   &b->i,  &b->a,   &b->z0, &b->q,  &b->c2, &b->isp,
                        &b->lam, &b->i0, &b->wo, &b->jo,  &b->djo, &b->d2jo, &b->fo, &b->f2o, &b->eo,
                        &b->lo, &b->hi, &b->j,  &b->dj,  &b->d2j, &b->act};
  for (int r = 0; r < ARRAYS; r++) a[r] = l[r];
}

int msl_series_batch_init(msl_series_batch *b, int n) {
  *b = (msl_series_batch){0};
  size_t m = n > 0 ? (size_t)n : 1;
  double *p = malloc(ARRAYS * m * sizeof *p);
  b->c = malloc(m * sizeof *b->c);
  if (!p || !b->c) {
    free(p);
    free(b->c);
    b->c = NULL;
    return msl_error_set("series circuits: out of memory for %d cells", n), -1;
  }
  double **a[ARRAYS];
  arrays(b, a);
  for (int k = 0; k < ARRAYS; k++) *a[k] = p + (size_t)k * m;
  b->n = n;
  return 0;
}

void msl_series_batch_keep(msl_series_batch *b, const int *keep) {
  double **a[ARRAYS];
  arrays(b, a);
  int m = 0;
  for (int k = 0; k < b->n; k++) {
    if (!keep[k]) continue;
    for (int r = 0; r < ARRAYS; r++) (*a[r])[m] = (*a[r])[k];
    b->c[m++] = b->c[k];
  }
  b->n = m;
}

void msl_series_batch_free(msl_series_batch *b) {
  free(b->w); /* the first of the arrays: their block */
  free(b->c);
  if (b->brent) gsl_root_fsolver_free(b->brent);
  *b = (msl_series_batch){0};
}

static double softplus(double y) { return y > 30.0 ? y + log1p(exp(-y)) : log1p(exp(y)); }

/* Circuit k's constants but the two that need a softplus, from its supply
 * a, gate vg and orientation (t: its transistor); returns the argument of
 * c2's, z0 + q a (y at x = a). Set: the source at 0 V (forward term
 * constant), the drain at a - x. Reset: the drain at a (reverse term
 * constant), the source at x; the current's sign flips with the roles of
 * the two terms. */
static inline double set_raw(msl_series_batch *b, int k, const msl_mosfet *t, double a,
                             double vg, int reset) {
  double ut2 = 2.0 * t->ut, vp = (vg - t->vth) / t->n;
  double isp = 2.0 * t->n * t->k * t->ut * t->ut;
  b->x[k] = 0.0;
  b->i[k] = 0.0;
  b->wo[k] = 0.0; /* not solved yet */
  b->jo[k] = b->djo[k] = b->d2jo[k] = b->fo[k] = b->f2o[k] = b->eo[k] = 0.0;
  b->a[k] = a;
  b->lam[k] = t->lambda;
  if (reset) {
    b->z0[k] = vp / ut2;
    b->q[k] = -1.0 / ut2;
    b->isp[k] = -isp;
    return (vp - a) / ut2;
  }
  b->z0[k] = (vp - a) / ut2;
  b->q[k] = 1.0 / ut2;
  b->isp[k] = isp;
  return vp / ut2;
}

void msl_series_batch_set(msl_series_batch *b, int k, const msl_series *c) {
  b->c[k] = *c;
  b->w[k] = c->w;
  double y = softplus(set_raw(b, k, c->t, c->a, c->vg, c->reset));
  b->c2[k] = y * y;
  y = softplus(b->z0[k]);
  b->i0[k] = b->isp[k] * (b->c2[k] - y * y) * (1.0 + b->lam[k] * b->a[k]);
}

/* ln(1 + e^y) as step's y: ln(1 + t) is log(u) corrected by the rounding of u = 1 + t. */
static inline double softplus_v(double y) {
  double t = vm_exp(-fabs(y)), u = 1.0 + t;
  return (y > 0.0 ? y : 0.0) + (vm_log(u) - ((u - 1.0) - t) / u);
}

/* c2 (holding its softplus's argument) and i0 of all n circuits, in one
 * vectorised loop. */
MSL_KERNEL
static void prepare(msl_series_batch *b) {
  double *restrict c2 = b->c2, *restrict i0 = b->i0;
  const double *restrict z0 = b->z0, *restrict isp = b->isp, *restrict lam = b->lam,
                         *restrict a = b->a;
  const int n = b->n;
  double weak = 0.0; /* both arguments at least Z_STRONG: softplus_v(y) = y + e^-y = y */
  for (int k = 0; k < n; k++) weak += ((c2[k] >= Z_STRONG) & (z0[k] >= Z_STRONG)) ? 0.0 : 1.0;
  if (weak == 0.0 && !b->general) {
    for (int k = 0; k < n; k++) {
      double y = c2[k];
      c2[k] = y * y;
      i0[k] = isp[k] * (c2[k] - z0[k] * z0[k]) * (1.0 + lam[k] * a[k]);
    }
    return;
  }
  for (int k = 0; k < n; k++) {
    double y = softplus_v(c2[k]), y0 = softplus_v(z0[k]);
    c2[k] = y * y;
    i0[k] = isp[k] * (c2[k] - y0 * y0) * (1.0 + lam[k] * a[k]);
  }
}

void msl_series_batch_set_lines(msl_series_batch *b, const msl_device *d, const msl_mosfet *set,
                                const msl_mosfet *reset, const double *a, const double *vg,
                                const int *rs, int m) {
  for (int k = 0; k < m; k++) {
    const msl_mosfet *t = rs[k] ? reset : set;
    b->c[k] = (msl_series){d, t, 0.0, a[k], vg[k], rs[k]};
    b->w[k] = 0.0;
    b->c2[k] = set_raw(b, k, t, a[k], vg[k], rs[k]); /* the argument, until prepare */
  }
  b->n = m;
  prepare(b);
}

/* Before the steps: degenerate circuits solved outright (no memristor
 * current: x = a, none through the transistor either; no transistor
 * current at 0 V: x = 0). A circuit solved before takes the Newton step of
 * the weight's change D = (w - wo) G1 from its solution (f grew by D jo,
 * f' by D djo): if its error estimate keeps the carried one eo within
 * MSL_SERIES_TOL x, that is the solution (j moved to second order, its
 * derivatives to first); else it is where the steps start (the last x if
 * it leaves [0, a]). A circuit never solved starts from a. Returns 1 if
 * any is left to step. */
MSL_KERNEL
static int start(int n, double g1, const double *restrict w, const double *restrict a,
                 const double *restrict i0, double *restrict wo, double *restrict jo,
                 double *restrict djo, const double *restrict d2jo, double *restrict fo,
                 const double *restrict f2o,
                 double *restrict eo, double *restrict x, double *restrict i,
                 double *restrict lo, double *restrict hi, double *restrict act) {
  double left = 0.0;
  for (int k = 0; k < n; k++) {
    double dw = (w[k] - wo[k]) * g1, f1 = fo[k] + dw * djo[k];
    double dx = -dw * jo[k] / f1, xp = x[k] + dx, adx = fabs(dx);
    double e = eo[k] + fabs(f2o[k]) * dx * dx / (2.0 * fabs(f1));
    int inside = (xp > 0.0) & (xp < a[k]);
    int old = wo[k] > 0.0, ok = (w[k] > 0.0) & (i0[k] > 0.0);
    int took = ok & old & inside & (adx <= 1e-4 * xp) & (e <= MSL_SERIES_TOL * xp);
    double x0 = inside ? xp : x[k];
    x0 = old ? x0 : a[k];
    x0 = i0[k] > 0.0 ? x0 : 0.0;
    x0 = w[k] > 0.0 ? x0 : a[k];
    x[k] = x0;
    double jn = jo[k] + (djo[k] + 0.5 * d2jo[k] * dx) * dx;
    i[k] = took ? w[k] * g1 * jn : (ok ? i[k] : 0.0);
    jo[k] = took ? jn : jo[k];
    djo[k] = took ? djo[k] + d2jo[k] * dx : djo[k];
    fo[k] = took ? f1 + f2o[k] * dx : fo[k];
    eo[k] = took ? e : eo[k];
    wo[k] = ok ? w[k] : 0.0;
    lo[k] = 0.0;
    hi[k] = a[k];
    double on = (ok & !took) ? 1.0 : 0.0;
    act[k] = on;
    left += on;
  }
  return left > 0.0;
}

/* One Newton step of every active circuit (j, dj, d2j: the memristor's
 * current per w G1 at x and its derivatives). ln(1 + t) is log(u)
 * corrected by the rounding of u = 1 + t (accurate for t down to 0, where
 * the transistor's sub-threshold current lives); y' = sig q, y'' = sig (1 -
 * sig) q^2 = t/u^2 q^2. A circuit done leaves its current and j (to
 * second order), dj, d2j, f' and f'' at the new x (dj, f' to first order) and its error estimate for the next
 * solve's start. Returns 1 while any is still active. */
#define STEP_ARGS                                                                          \
  int n, double g1, const double *restrict w, const double *restrict a,                     \
      const double *restrict z0, const double *restrict q, const double *restrict c2,       \
      const double *restrict isp, const double *restrict lam, const double *restrict j,     \
      const double *restrict dj, const double *restrict d2j, double *restrict x,            \
      double *restrict i, double *restrict jo, double *restrict djo, double *restrict d2jo, \
      double *restrict fo, double *restrict f2o, double *restrict eo, double *restrict lo,  \
      double *restrict hi, double *restrict act
#define STEP_PASS n, g1, w, a, z0, q, c2, isp, lam, j, dj, d2j, x, i, jo, djo, d2jo, fo, f2o, eo, lo, hi, act

/* strong: every circuit has z >= Z_STRONG at every x in [0, a] (strong()),
 * where the softplus terms are y = z, y' = q, y'' = 0 to the last bit:
 * t = e^-z < 2^-86 leaves u = 1, y = z + t = z and y y'' = z t q^2 below
 * half an ulp of q^2 (the test checks both kernels bit for bit). */
static inline __attribute__((always_inline)) int step_body(STEP_ARGS, const int strong) {
  double left = 0.0; /* a double count (an int one kept the loop scalar) */
  for (int k = 0; k < n; k++) {
    double xk = x[k], z = z0[k] + q[k] * xk, y = z, y1 = q[k], y2 = 0.0;
    if (!strong) {
      double t = vm_exp(-fabs(z)), u = 1.0 + t;
      y = (z > 0.0 ? z : 0.0) + (vm_log(u) - ((u - 1.0) - t) / u);
      y1 = (z > 0.0 ? 1.0 : t) / u * q[k], y2 = t / (u * u) * q[k] * q[k];
    }
    double m = 1.0 + lam[k] * (a[k] - xk), dif = c2[k] - y * y;
    double dif1 = -2.0 * y * y1, dif2 = -2.0 * (y1 * y1 + y * y2);
    double fet = isp[k] * dif * m, fet1 = isp[k] * (dif1 * m - lam[k] * dif);
    double fet2 = isp[k] * (dif2 * m - 2.0 * lam[k] * dif1);
    double g = w[k] * g1, mem = g * j[k], f = mem - fet, f1 = g * dj[k] - fet1;
    double f2 = g * d2j[k] - fet2;
    double l = f < 0.0 ? xk : lo[k], h = f > 0.0 ? xk : hi[k];
    double xt = f == 0.0 ? xk : xk - f / f1;
    /* selects on comparisons only (an int or a double made from one kept
     * the loop scalar) */
    double xn = ((xt >= l) & (xt <= h)) ? xt : 0.5 * (l + h);
    double dx = xn - xk, adx = fabs(dx), tol = MSL_SERIES_TOL * xn;
    double e = fabs(f2) * dx * dx / (2.0 * fabs(f1));
    double done = (xn == xt) & ((adx <= tol) | ((adx <= 1e-4 * xn) & (e <= tol))) ? 1.0 : 0.0;
    e = ((xn == xt) | (h - l > tol)) ? e : tol; /* a bisection: the bracket's width */
    done = h - l <= tol ? 1.0 : done;
    double on = act[k];
    lo[k] = l;
    hi[k] = h;
    x[k] = on != 0.0 ? xn : xk;
    double jn = j[k] + (dj[k] + 0.5 * d2j[k] * dx) * dx;
    i[k] = on != 0.0 ? g * jn : i[k];
    jo[k] = on != 0.0 ? jn : jo[k];
    djo[k] = on != 0.0 ? dj[k] + d2j[k] * dx : djo[k];
    d2jo[k] = on != 0.0 ? d2j[k] : d2jo[k];
    fo[k] = on != 0.0 ? f1 + f2 * dx : fo[k];
    f2o[k] = on != 0.0 ? f2 : f2o[k];
    eo[k] = on != 0.0 ? e : eo[k];
    double still = on * (1.0 - done);
    act[k] = still;
    left += still;
  }
  return left > 0.0;
}

MSL_KERNEL static int step(STEP_ARGS) { return step_body(STEP_PASS, 0); }
MSL_KERNEL static int step_strong(STEP_ARGS) { return step_body(STEP_PASS, 1); }

/* 1 if every circuit's z0 + q x is at least Z_STRONG over [0, a]. */
MSL_KERNEL
static int strong(int n, const double *restrict z0, const double *restrict q,
                  const double *restrict a) {
  double weak = 0.0;
  for (int k = 0; k < n; k++) {
    double zmin = q[k] < 0.0 ? z0[k] + q[k] * a[k] : z0[k];
    weak += zmin >= Z_STRONG ? 0.0 : 1.0;
  }
  return weak == 0.0;
}

/* The memristor's current per w G1 and its derivatives at x. */
static void current(const msl_device *d, const double *x, double *j, double *dj, double *d2j,
                    int n) {
  if (d->ops->current) {
    d->ops->current(d, x, j, dj, d2j, n);
    return;
  }
  for (int k = 0; k < n; k++) {
    j[k] = x[k];
    dj[k] = 1.0;
    d2j[k] = 0.0;
  }
}

int msl_series_batch_solve(msl_series_batch *b, const msl_device *d) {
  const int n = b->n;
  int left = start(n, d->g1, b->w, b->a, b->i0, b->wo, b->jo, b->djo, b->d2jo, b->fo, b->f2o,
                   b->eo, b->x, b->i, b->lo, b->hi, b->act);
  if (!(d->ops->power && !d->ops->current)) { /* else no derivative: all to Brent */
    int (*const st)(STEP_ARGS) =
        !b->general && left && strong(n, b->z0, b->q, b->a) ? step_strong : step;
    for (int s = 0; s < MAX_STEPS && left; s++) {
      current(d, b->x, b->j, b->dj, b->d2j, n);
      left = st(n, d->g1, b->w, b->a, b->z0, b->q, b->c2, b->isp, b->lam, b->j, b->dj, b->d2j,
                b->x, b->i, b->jo, b->djo, b->d2jo, b->fo, b->f2o, b->eo, b->lo, b->hi, b->act);
    }
    if (!left) return 0;
  }
  int brent = 0;
  for (int k = 0; k < n; k++) {
    if (b->act[k] == 0.0) continue;
    if (!b->brent && !(b->brent = gsl_root_fsolver_alloc(gsl_root_fsolver_brent)))
      return msl_error_set("series circuits: out of memory for the root finder"), -1;
    b->c[k].w = b->w[k];
    b->x[k] = msl_series_solve(&b->c[k], b->brent, 0.0, &b->i[k]);
    b->wo[k] = 0.0; /* no slope known: the next solve starts from x */
    brent++;
  }
  return brent;
}
