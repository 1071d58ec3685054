/* lut.c: data-driven device from a lookup table (1R or 1T1R), SPEC 5.3; the state is the conductance G.
 *
 * A pulse of magnitude |V| and width dt changes G by
 *   (dt / table_dt) * bilinear(table, G, |V|)
 * with the potentiation table for V > 0 and the depression table for V < 0;
 * |V| below the table's lowest voltage does nothing, above its highest is
 * clamped to the edge (counted in d->clamped, SPEC 9.5); G outside the
 * table's G grid is clamped for the lookup only; then G is clipped to
 * [gmin, gmax].
 *
 * With quirks (--quirks reference, SPEC 9) the published code's behaviour:
 *   9.1 workload 1: a negative voltage never depresses (the published code
 *       looks a negative voltage up in a table indexed by positive ones);
 *   9.2 workload 2: both signs use the depression table at the voltage
 *       max(v1n + ln(20|e|) dvn, 0): a positive error decreases G by it, a
 *       negative error increases G by it (v_err returns that voltage with the
 *       error's sign, pulse maps the sign);
 *   9.5 a voltage above the table's range is fatal: pulse writes d->error and
 *       leaves the cell unchanged (the workload stops). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "devices.h"
#include "engine/vmath.h"
#include "msl/npz.h"
#include "engine/dispatch.h"

/* Finds a value's cell in a grid without a search: the range is cut into
 * buckets no wider than the grid's narrowest step, so a bucket holds at most
 * one grid point and start[b] (the cell where bucket b begins) is right or
 * one cell short. Works for uniform and non-uniform grids alike. */
typedef struct {
  int *start;   /* [nb] */
  int nb;
  double inv_w; /* buckets per unit */
} grid_index;

/* One table: dG[iG * nV + iV] on the grid G[nG] x V[nV]. */
typedef struct {
  const char *name;   /* "potentiation" or "depression" */
  double *G, *V, *dG;
  int nG, nV;
  double dt;          /* pulse width the table was measured with, s */
  double vmin, vmax;
  grid_index gi, vi;
} table;

typedef struct {
  table pot, dep;
  double gmin, gmax, g1, inv_g1; /* w = G * inv_g1: a multiply, vectorised cheaply */
  double v1p, v1n, dvp, dvn;
  int workload;
  char path[200];
} lut;

/* ---- lookup ------------------------------------------------------------ */

/* Index i in [0, n-2] with x[i] <= v < x[i+1] (or i = n-2 at the top) for v
 * in [x[0], x[n-1]]. */
static inline int locate(const double *x, int n, const grid_index *ix, double v) {
  int b = (int)((v - x[0]) * ix->inv_w);
  b = b < 0 ? 0 : b >= ix->nb ? ix->nb - 1 : b;
  int i = ix->start[b];
  while (i < n - 2 && x[i + 1] <= v) i++;
  while (i > 0 && x[i] > v) i--; /* only on rounding at a bucket edge */
  return i;
}

/* Bilinear interpolation of t at (g, v), v inside the V grid. */
static double bilinear(const table *t, double g, double v) {
  g = g < t->G[0] ? t->G[0] : g > t->G[t->nG - 1] ? t->G[t->nG - 1] : g;
  int i = locate(t->G, t->nG, &t->gi, g);
  int j = locate(t->V, t->nV, &t->vi, v);
  double a = (g - t->G[i]) / (t->G[i + 1] - t->G[i]);
  double b = (v - t->V[j]) / (t->V[j + 1] - t->V[j]);
  const double *r0 = t->dG + (size_t)i * t->nV + j, *r1 = r0 + t->nV;
  return (1.0 - a) * ((1.0 - b) * r0[0] + b * r0[1]) + a * ((1.0 - b) * r1[0] + b * r1[1]);
}

/* ---- ops --------------------------------------------------------------- */

static double lut_s2w(const msl_device *d, double g) { return g * ((const lut *)d->content)->inv_g1; }

static double lut_w2s(const msl_device *d, double w) {
  const lut *m = d->content;
  double g = w * m->g1;
  return g > m->gmin ? (g < m->gmax ? g : m->gmax) : m->gmin; /* NaN -> gmin */
}

/* Drive: the voltage itself (the table is indexed by |V|). */
MSL_KERNEL
static void lut_drive(const msl_device *d, const double *v, double *u, int n) {
  (void)d;
  for (int k = 0; k < n; k++) u[k] = v[k];
}

static void lut_pulse(msl_device *d, double *s, double *w, const ptrdiff_t *at, const double *v,
                      int n, double dt) {
  const lut *m = d->content;
  const int mirror = d->quirks && m->workload == 2;  /* SPEC 9.2 */
  const int no_dep = d->quirks && m->workload != 2;  /* SPEC 9.1 */
  const double scale_pot = dt / m->pot.dt, scale_dep = dt / m->dep.dt;
  for (int k = 0; k < n; k++) {
    double vk = v[k];
    if (vk == 0.0 || (no_dep && vk < 0.0)) continue;
    const table *t = (vk > 0.0 && !mirror) ? &m->pot : &m->dep;
    /* mirror: V > 0 applies the depression table as is, V < 0 its negation */
    double sign = mirror && vk < 0.0 ? -1.0 : 1.0;
    double a = fabs(vk);
    if (a < t->vmin) continue;
    if (a > t->vmax) {
      if (d->quirks) { /* SPEC 9.5: the published code stops */
        if (!d->error[0])
          snprintf(d->error, sizeof d->error,
                   "%.100s: voltage %.6g V above the %s table's range (max %g V); the published "
                   "code stops here (--quirks reference)", m->path, a, t->name, t->vmax);
        continue;
      }
      a = t->vmax;
      d->clamped++;
    }
    double g = s[at[k]];
    g += sign * (t == &m->pot ? scale_pot : scale_dep) * bilinear(t, g, a);
    g = g > m->gmin ? (g < m->gmax ? g : m->gmax) : m->gmin;
    s[at[k]] = g;
    w[at[k]] = g * m->inv_g1;
  }
}

/* max(v1 + ln(x) * dv, 0) for x > 0, else 0 (ln(0) = -inf). */
static double amplitude(double v1, double dv, double x) {
  if (!(x > 0.0)) return 0.0;
  double a = v1 + log(x) * dv;
  return a > 0.0 ? a : 0.0;
}

/* The batched forms of amplitude(), from the traces' logs. */
MSL_KERNEL
static void lut_v_pre(const msl_device *d, const double *restrict te, const double *restrict lnte,
                      double *restrict v, double *restrict u, int n) {
  const lut *m = d->content;
  const double v1 = m->v1p, dv = m->dvp; /* locals: the stores cannot alias them */
  for (int k = 0; k < n; k++) {
    double a = v1 + (te[k] > 0.0 ? lnte[k] : 0.0) * dv;
    v[k] = te[k] > 0.0 && a > 0.0 ? a : 0.0;
    u[k] = v[k]; /* the drive is the voltage */
  }
}

MSL_KERNEL
static void lut_v_post(const msl_device *d, const double *restrict to, const double *restrict lnto,
                       double *restrict v, double *restrict u, int n) {
  const lut *m = d->content;
  const double v1 = m->v1n, dv = m->dvn;
  for (int k = 0; k < n; k++) {
    double a = v1 + (to[k] > 0.0 ? lnto[k] : 0.0) * dv;
    v[k] = to[k] > 0.0 && a > 0.0 ? -a : 0.0;
    u[k] = v[k];
  }
}

MSL_KERNEL
static size_t lut_set_weights(const msl_device *d, double *restrict s, double *restrict w,
                              size_t n) {
  const lut *m = d->content;
  const double g1 = m->g1, inv_g1 = m->inv_g1, gmin = m->gmin, gmax = m->gmax;
  size_t out = 0;
  for (size_t k = 0; k < n; k++) {
    double g = w[k] * g1;
    out += (size_t)!((g >= gmin) & (g <= gmax)); /* bitwise: no branch */
    g = g > gmin ? (g < gmax ? g : gmax) : gmin; /* NaN -> gmin */
    s[k] = g;
    w[k] = g * inv_g1;
  }
  return out;
}

/* Workload 2: gate voltage for e > 0, top-terminal voltage for e < 0. With
 * quirks (SPEC 9.2) the published code uses the top-terminal formula for both. */
static double lut_v_err(const msl_device *d, double e) {
  const lut *m = d->content;
  if (e > 0.0)
    return d->quirks && m->workload == 2 ? amplitude(m->v1n, m->dvn, 20.0 * e)
                                         : amplitude(m->v1p, m->dvp, e);
  if (e < 0.0) return -amplitude(m->v1n, m->dvn, -20.0 * e) + 0.0;
  return 0.0;
}

static int lut_params(const msl_device *d, const char **names, double *values, int max) {
  const lut *m = d->content;
  const char *nm[] = {"v1p", "v1n", "dvp", "dvn", "gmin", "gmax"};
  double val[] = {m->v1p, m->v1n, m->dvp, m->dvn, m->gmin, m->gmax};
  return msl_device_params_copy(names, values, max, nm, val, 6);
}

static void lut_destroy(msl_device *d) {
  lut *m = d->content;
  if (!m) return;
  table *ts[] = {&m->pot, &m->dep};
  for (int k = 0; k < 2; k++) {
    free(ts[k]->G);
    free(ts[k]->V);
    free(ts[k]->dG);
    free(ts[k]->gi.start);
    free(ts[k]->vi.start);
  }
  free(m);
}

static const msl_device_ops lut_ops = {
    .name = "lut", .w2s = lut_w2s, .s2w = lut_s2w, .drive = lut_drive, .pulse = lut_pulse, .v_pre = lut_v_pre,
    .v_post = lut_v_post, .set_weights = lut_set_weights, .v_err = lut_v_err, .params = lut_params, .destroy = lut_destroy};

/* ---- loading and validation -------------------------------------------- */

/* Each loader returns 0, or -1 with "FILE: FIELD: problem" in err. */

static int load_scalar(msl_npz *z, const char *name, double *x, char *err, size_t errlen) {
  msl_array a;
  if (msl_npz_array(z, name, &a, err, errlen)) return -1;
  int ok = a.size == 1 && isfinite(a.data[0]);
  if (a.size != 1)
    snprintf(err, errlen, "%s: %s: expected a scalar, got %zu values", msl_npz_path(z), name, a.size);
  else if (!ok)
    snprintf(err, errlen, "%s: %s: not a finite number (%g)", msl_npz_path(z), name, a.data[0]);
  else
    *x = a.data[0];
  msl_array_free(&a);
  return ok ? 0 : -1;
}

/* A 1-d grid of >= 2 finite, strictly increasing values; takes the data. */
static int load_grid(msl_npz *z, const char *name, double **x, int *n, char *err, size_t errlen) {
  msl_array a;
  if (msl_npz_array(z, name, &a, err, errlen)) return -1;
  const char *path = msl_npz_path(z);
  int bad = 1;
  if (a.ndim != 1 || a.size < 2 || a.size > 10000000)
    snprintf(err, errlen, "%s: %s: expected a 1-d grid of at least 2 values, got %d-d with %zu",
             path, name, a.ndim, a.size);
  else {
    size_t k = 0;
    while (k < a.size && isfinite(a.data[k]) && (k == 0 || a.data[k] > a.data[k - 1])) k++;
    if (k == a.size) bad = 0;
    else if (!isfinite(a.data[k]))
      snprintf(err, errlen, "%s: %s: not finite at index %zu (%g)", path, name, k, a.data[k]);
    else
      snprintf(err, errlen, "%s: %s: not strictly increasing at index %zu (%.17g after %.17g)",
               path, name, k, a.data[k], a.data[k - 1]);
  }
  if (bad) {
    msl_array_free(&a);
    return -1;
  }
  *x = a.data;
  *n = (int)a.size;
  return 0;
}

/* Build locate()'s bucket index for a strictly increasing grid (at most
 * 2^20 buckets; a wilder grid just takes a few more correction steps). */
static int grid_index_build(const double *x, int n, grid_index *ix) {
  double range = x[n - 1] - x[0], step = range;
  for (int k = 1; k < n; k++)
    if (x[k] - x[k - 1] < step) step = x[k] - x[k - 1];
  double nb = ceil(range / step);
  ix->nb = nb < 1 ? 1 : nb > (1 << 20) ? (1 << 20) : (int)nb;
  ix->inv_w = ix->nb / range;
  if (!(ix->start = malloc((size_t)ix->nb * sizeof *ix->start))) return -1;
  int i = 0;
  for (int b = 0; b < ix->nb; b++) {
    double lo = x[0] + b / ix->inv_w;
    while (i < n - 2 && x[i + 1] <= lo) i++;
    ix->start[b] = i;
  }
  return 0;
}

static int load_table(msl_npz *z, const char *pre, table *t, char *err, size_t errlen) {
  char name[16];
  const char *path = msl_npz_path(z);
  snprintf(name, sizeof name, "%s_G", pre);
  if (load_grid(z, name, &t->G, &t->nG, err, errlen)) return -1;
  snprintf(name, sizeof name, "%s_V", pre);
  if (load_grid(z, name, &t->V, &t->nV, err, errlen)) return -1;
  snprintf(name, sizeof name, "%s_dt", pre);
  if (load_scalar(z, name, &t->dt, err, errlen)) return -1;
  if (!(t->dt > 0.0)) {
    snprintf(err, errlen, "%s: %s: pulse width must be positive, got %g", path, name, t->dt);
    return -1;
  }
  snprintf(name, sizeof name, "%s_dG", pre);
  msl_array a;
  if (msl_npz_array(z, name, &a, err, errlen)) return -1;
  t->dG = a.data;
  if (a.ndim != 2 || a.shape[0] != (size_t)t->nG || a.shape[1] != (size_t)t->nV) {
    snprintf(err, errlen, "%s: %s: shape must be len(%s_G) x len(%s_V) = (%d, %d), got %d-d %zu x %zu",
             path, name, pre, pre, t->nG, t->nV, a.ndim, a.shape[0], a.ndim > 1 ? a.shape[1] : 1);
    return -1;
  }
  int dep = pre[0] == 'd';
  for (size_t k = 0; k < a.size; k++) {
    if (!isfinite(a.data[k]) || (dep && a.data[k] > 0.0)) {
      snprintf(err, errlen, "%s: %s: %s at [%zu, %zu] (%g)%s", path, name,
               isfinite(a.data[k]) ? "positive entry" : "not finite", k / (size_t)t->nV,
               k % (size_t)t->nV, a.data[k],
               isfinite(a.data[k]) ? ": a depression table needs dG <= 0" : "");
      return -1;
    }
  }
  t->name = dep ? "depression" : "potentiation";
  t->vmin = t->V[0];
  t->vmax = t->V[t->nV - 1];
  if (grid_index_build(t->G, t->nG, &t->gi) || grid_index_build(t->V, t->nV, &t->vi)) {
    snprintf(err, errlen, "%s: out of memory", path);
    return -1;
  }
  return 0;
}

static int load(lut *m, const char *file, char *err, size_t errlen) {
  msl_npz *z = msl_npz_open(file, err, errlen);
  if (!z) return -1;
  int rc = -1;
  if (load_scalar(z, "gmin", &m->gmin, err, errlen) ||
      load_scalar(z, "gmax", &m->gmax, err, errlen))
    goto done;
  if (!(m->gmin >= 0.0 && m->gmin < m->gmax)) {
    snprintf(err, errlen, "%s: gmin, gmax: need 0 <= gmin < gmax, got gmin = %g, gmax = %g", file,
             m->gmin, m->gmax);
    goto done;
  }
  if (load_table(z, "pot", &m->pot, err, errlen) || load_table(z, "dep", &m->dep, err, errlen))
    goto done;
  rc = 0;
done:
  msl_npz_close(z);
  return rc;
}

msl_device *msl_lut_create(const msl_device_params *p, char *err, size_t errlen) {
  if (!p->lut || !p->lut[0]) {
    snprintf(err, errlen, "--lut: the lut model needs a table file (.npz)");
    return NULL;
  }
  const struct { const char *opt; double v; } vs[] = {
      {"--v1p", p->v1p}, {"--v1n", p->v1n}, {"--dvp", p->dvp}, {"--dvn", p->dvn}};
  for (int k = 0; k < 4; k++)
    if (!isfinite(vs[k].v)) {
      snprintf(err, errlen, "%s: must be finite, got %g", vs[k].opt, vs[k].v);
      return NULL;
    }
  msl_device *d = msl_device_alloc(&lut_ops, sizeof(lut), p, err, errlen);
  if (!d) return NULL;
  lut *m = d->content;
  m->g1 = p->g1;
  m->inv_g1 = 1.0 / p->g1;
  m->v1p = p->v1p;
  m->v1n = p->v1n;
  m->dvp = p->dvp;
  m->dvn = p->dvn;
  m->workload = p->workload;
  snprintf(m->path, sizeof m->path, "%s", p->lut);
  if (load(m, p->lut, err, errlen)) {
    msl_device_free(d);
    return NULL;
  }
  return d;
}
