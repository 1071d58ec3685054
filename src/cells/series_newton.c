/* series_newton.c: a batch of series circuits solved by safeguarded Newton
 * (series.h).
 *
 * f(x) = I_mem(x) - I_fet(x) rises monotonically from f(0) = -I_fet(0) < 0
 * to f(a) = I_mem(a) > 0, so [0, a] brackets the root. Every step
 * evaluates f, f' and f'' analytically at x, narrows the bracket by the
 * sign of f, and takes the Newton step dx = -f/f', or goes to the
 * bracket's midpoint when that step leaves the bracket (or is not a
 * number). Newton's error after the step is about |f''/(2 f')| dx^2: a
 * circuit is done when that is at most MSL_SERIES_TOL x (with |dx| <= 1e-4
 * x, where the estimate holds), when dx itself is, or when its bracket is
 * at most twice that wide. All circuits step together, in loops the
 * compiler vectorises, until all are done; a circuit left after 100 steps
 * goes to Brent (series.c). Within a pulse a circuit changes little from
 * one substep to the next: started from the last solution moved by the
 * weight's first-order effect, one step is usually enough. */
#include <math.h>
#include <stdlib.h>

#include "engine/dispatch.h"
#include "engine/vmath.h"
#include "msl/error.h"
#include "series.h"

enum { MAX_STEPS = 100, ARRAYS = 19 };

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
  double **a[ARRAYS] = {&b->w,  &b->x,  &b->i,  &b->a,  &b->z0, &b->q,   &b->c2,
                        &b->isp, &b->lam, &b->i0, &b->wo, &b->jo, &b->fo, &b->lo,
                        &b->hi,  &b->j,  &b->dj, &b->d2j, &b->act};
  for (int k = 0; k < ARRAYS; k++) *a[k] = p + (size_t)k * m;
  b->n = n;
  return 0;
}

void msl_series_batch_free(msl_series_batch *b) {
  free(b->w); /* the first of the arrays: their block */
  free(b->c);
  if (b->brent) gsl_root_fsolver_free(b->brent);
  *b = (msl_series_batch){0};
}

static double softplus(double y) { return y > 30.0 ? y + log1p(exp(-y)) : log1p(exp(y)); }

/* Set: the source at 0 V (forward term constant), the drain at a - x.
 * Reset: the drain at a (reverse term constant), the source at x; the
 * current's sign flips with the roles of the two terms. */
void msl_series_batch_set(msl_series_batch *b, int k, const msl_series *c) {
  const msl_mosfet *t = c->t;
  double ut2 = 2.0 * t->ut, vp = (c->vg - t->vth) / t->n, a = c->a;
  double isp = 2.0 * t->n * t->k * t->ut * t->ut, y;
  b->c[k] = *c;
  b->w[k] = c->w;
  b->x[k] = 0.0;
  b->i[k] = 0.0;
  b->wo[k] = 0.0; /* not solved yet */
  b->a[k] = a;
  b->lam[k] = t->lambda;
  if (c->reset) {
    y = softplus((vp - a) / ut2);
    b->z0[k] = vp / ut2;
    b->q[k] = -1.0 / ut2;
    b->isp[k] = -isp;
  } else {
    y = softplus(vp / ut2);
    b->z0[k] = (vp - a) / ut2;
    b->q[k] = 1.0 / ut2;
    b->isp[k] = isp;
  }
  b->c2[k] = y * y;
  y = softplus(b->z0[k]);
  b->i0[k] = b->isp[k] * (b->c2[k] - y * y) * (1.0 + t->lambda * a);
}

/* Before the steps: degenerate circuits solved outright (no memristor
 * current: x = a, none through the transistor either; no transistor
 * current at 0 V: x = 0), circuits at the last solve's weight left as they
 * are, the others bracketed by [0, a] and started from the prediction
 * x - (w - wo) G1 jo / fo (dx/dw = -(df/dw)/(df/dx)) if it lies inside,
 * else from the last x, or from a if never solved. Returns 1 if any is
 * left to solve. */
MSL_KERNEL
static int start(int n, double g1, const double *restrict w, const double *restrict a,
                 const double *restrict i0, double *restrict wo, const double *restrict jo,
                 const double *restrict fo, double *restrict x, double *restrict i,
                 double *restrict lo, double *restrict hi, double *restrict act) {
  double left = 0.0;
  for (int k = 0; k < n; k++) {
    double xp = x[k] - (w[k] - wo[k]) * g1 * jo[k] / fo[k];
    xp = (xp > 0.0) & (xp < a[k]) ? xp : x[k];
    xp = wo[k] > 0.0 ? xp : a[k];
    double on = (w[k] > 0.0) & (i0[k] > 0.0) & (w[k] != wo[k]) ? 1.0 : 0.0;
    double x0 = i0[k] > 0.0 ? xp : 0.0;
    x0 = w[k] > 0.0 ? x0 : a[k];
    x[k] = x0;
    i[k] = (w[k] > 0.0) & (i0[k] > 0.0) ? i[k] : 0.0;
    wo[k] = (w[k] > 0.0) & (i0[k] > 0.0) ? w[k] : 0.0;
    lo[k] = 0.0;
    hi[k] = a[k];
    act[k] = on;
    left += on;
  }
  return left > 0.0;
}

/* One Newton step of every active circuit (j, dj, d2j: the memristor's
 * current per w G1 at x and its derivatives). ln(1 + t) is log(u)
 * corrected by the rounding of u = 1 + t (accurate for t down to 0, where
 * the transistor's sub-threshold current lives); y' = sig q, y'' = sig (1 -
 * sig) q^2 = t/u^2 q^2. Returns 1 while any is still active. */
MSL_KERNEL
static int step(int n, double g1, const double *restrict w, const double *restrict a,
                const double *restrict z0, const double *restrict q, const double *restrict c2,
                const double *restrict isp, const double *restrict lam,
                const double *restrict j, const double *restrict dj, const double *restrict d2j,
                double *restrict x, double *restrict i, double *restrict jo,
                double *restrict fo, double *restrict lo, double *restrict hi,
                double *restrict act) {
  double left = 0.0; /* a double count (an int one kept the loop scalar) */
  for (int k = 0; k < n; k++) {
    double xk = x[k], z = z0[k] + q[k] * xk, t = vm_exp(-fabs(z)), u = 1.0 + t;
    double y = (z > 0.0 ? z : 0.0) + (vm_log(u) - ((u - 1.0) - t) / u);
    double y1 = (z > 0.0 ? 1.0 : t) / u * q[k], y2 = t / (u * u) * q[k] * q[k];
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
    double xn = (xt >= l) & (xt <= h) ? xt : 0.5 * (l + h);
    double dx = xn - xk, adx = fabs(dx), tol = MSL_SERIES_TOL * xn;
    double done = (xn == xt) & ((adx <= tol) | ((adx <= 1e-4 * xn) &
                                                 (fabs(f2) * dx * dx <= 2.0 * tol * fabs(f1))))
                      ? 1.0
                      : 0.0;
    done = h - l <= tol ? 1.0 : done;
    double on = act[k];
    lo[k] = l;
    hi[k] = h;
    x[k] = on != 0.0 ? xn : xk;
    /* the current, j and f' at xn, to first order */
    i[k] = on != 0.0 ? mem + g * dj[k] * dx : i[k];
    jo[k] = on != 0.0 ? j[k] + dj[k] * dx : jo[k];
    fo[k] = on != 0.0 ? f1 + f2 * dx : fo[k];
    double still = on * (1.0 - done);
    act[k] = still;
    left += still;
  }
  return left > 0.0;
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
  int left = start(n, d->g1, b->w, b->a, b->i0, b->wo, b->jo, b->fo, b->x, b->i, b->lo, b->hi,
                   b->act);
  if (!(d->ops->power && !d->ops->current)) { /* else no derivative: all to Brent */
    for (int s = 0; s < MAX_STEPS && left; s++) {
      current(d, b->x, b->j, b->dj, b->d2j, n);
      left = step(n, d->g1, b->w, b->a, b->z0, b->q, b->c2, b->isp, b->lam, b->j, b->dj,
                  b->d2j, b->x, b->i, b->jo, b->fo, b->lo, b->hi, b->act);
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
