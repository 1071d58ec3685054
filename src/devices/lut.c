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
 * The parameter lut-lookup selects how the table is read (SPEC 9; the
 * published code read it differently in each workload, which --quirks
 * reference reproduces through the declaration's quirk values):
 *   plain    as above;
 *   signed   9.1: the table is indexed by the signed voltage, so a negative
 *            voltage never depresses; and 9.5;
 *   mirrored 9.2: both signs use the depression table, a positive voltage
 *            decreasing G by it and a negative one increasing G by it
 *            (the rule gives both signs the depression amplitude); and 9.5.
 *   9.5: a voltage above the table's range is fatal (the pulse returns -1
 *        with the message in msl_error(); the workload stops). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices.h"
#include "engine/vmath.h"
#include "msl/error.h"
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
  double *E;          /* [nG * nV] the supply's energy per pulse, J (NULL: none; msl lut) */
  int nG, nV;
  double dt;          /* pulse width the table was measured with, s */
  double vmin, vmax;
  grid_index gi, vi;
} table;

typedef struct {
  table pot, dep;
  double gmin, gmax, g1, inv_g1; /* w = G * inv_g1: a multiply, vectorised cheaply */
  int mirror, no_dep, strict; /* lut-lookup: mirrored, signed, either */
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

/* Bilinear interpolation of t's dG at (g, v) given v's cell j of the V grid
 * and its fraction b there, and of its energies E into *e at the same point
 * when e is not NULL. */
static inline double bilinear_at(const table *t, double g, int j, double b, double *e) {
  g = g < t->G[0] ? t->G[0] : g > t->G[t->nG - 1] ? t->G[t->nG - 1] : g;
  int i = locate(t->G, t->nG, &t->gi, g);
  double a = (g - t->G[i]) / (t->G[i + 1] - t->G[i]);
  const size_t at = (size_t)i * t->nV + j;
  const double *r0 = t->dG + at, *r1 = r0 + t->nV;
  if (e) {
    const double *q0 = t->E + at, *q1 = q0 + t->nV;
    *e = (1.0 - a) * ((1.0 - b) * q0[0] + b * q0[1]) + a * ((1.0 - b) * q1[0] + b * q1[1]);
  }
  return (1.0 - a) * ((1.0 - b) * r0[0] + b * r0[1]) + a * ((1.0 - b) * r1[0] + b * r1[1]);
}

/* v's cell j of t's V grid and its fraction b there, v inside the grid. */
static inline int v_cell(const table *t, double v, double *b) {
  int j = locate(t->V, t->nV, &t->vi, v);
  *b = (v - t->V[j]) / (t->V[j + 1] - t->V[j]);
  return j;
}

/* ---- ops --------------------------------------------------------------- */

static double lut_s2w(const msl_device *d, double g) { return g * ((const lut *)d->content)->inv_g1; }

MSL_KERNEL
static void lut_read(const msl_device *d, const double *restrict s, double *restrict w, int n) {
  const double inv_g1 = ((const lut *)d->content)->inv_g1;
  for (int k = 0; k < n; k++) w[k] = s[k] * inv_g1;
}

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

/* What a pulse op reads of the model, in locals (stores to the states
 * could otherwise alias the fields, and each cell would reload them). */
typedef struct {
  const table *pot, *dep;
  double scale_pot, scale_dep, gmin, gmax, inv_g1;
  int mirror, no_dep, strict;
  const char *path;
} lut_pulse_k;

static lut_pulse_k pulse_k(const lut *m, double dt) {
  return (lut_pulse_k){&m->pot, &m->dep, dt / m->pot.dt, dt / m->dep.dt, m->gmin, m->gmax,
                       m->inv_g1, m->mirror, m->no_dep, m->strict, m->path};
}

/* The table a pulse at voltage vk reads and the magnitude it reads it at
 * (*a), with the factor of its step (*ss: the sign, the pulse width over
 * the table's); NULL when the pulse does nothing. *over: |V| lay above the
 * table's range and *a is its edge. */
static inline const table *pulse_table(const lut_pulse_k *K, double vk, double *a, double *ss,
                                       int *over) {
  if (vk == 0.0 || (K->no_dep && vk < 0.0)) return NULL;
  const table *t = (vk > 0.0 && !K->mirror) ? K->pot : K->dep;
  /* mirror: V > 0 applies the depression table as is, V < 0 its negation */
  double sign = K->mirror && vk < 0.0 ? -1.0 : 1.0;
  *a = fabs(vk);
  if (*a < t->vmin) return NULL;
  *over = *a > t->vmax;
  if (*over) *a = t->vmax;
  *ss = sign * (t == K->pot ? K->scale_pot : K->scale_dep);
  return t;
}

/* A cell's new state from g: one step of table t (V cell j, fraction b,
 * factor ss), clipped to the device's range; its energy into *e when e. */
static inline double step_cell(const lut_pulse_k *K, const table *t, double g, int j, double b,
                               double ss, double *e) {
  g += ss * bilinear_at(t, g, j, b, e);
  return g > K->gmin ? (g < K->gmax ? g : K->gmax) : K->gmin;
}

/* One pulse on n cells: state s[at[k]] (s[k] when at is NULL: contiguous),
 * voltage v[k]; each pulse's table energy into e_sum by the voltage's
 * sign. Returns 0, or -1 (SPEC 9.5, strict). */
static inline int pulse_cells(const lut_pulse_k *K, double *restrict s, double *restrict w,
                              const ptrdiff_t *at, const double *v, int n,
                              double e_sum[2], uint64_t *clamped) {
  for (int k = 0; k < n; k++) {
    double a, ss, b, e;
    int over;
    const table *t = pulse_table(K, v[k], &a, &ss, &over);
    if (!t) continue;
    if (over) {
      if (K->strict) /* SPEC 9.5: the published code stops */
        return msl_error_set("%.100s: voltage %.6g V above the %s table's range (max %g V); the "
                             "published code stops here (--quirks reference)",
                             K->path, fabs(v[k]), t->name, t->vmax);
      ++*clamped;
    }
    const ptrdiff_t c = at ? at[k] : k;
    int j = v_cell(t, a, &b);
    double g = step_cell(K, t, s[c], j, b, ss, t->E ? &e : NULL);
    /* the table's energy, by the voltage's sign (ss * e: |ss| is the scale) */
    if (t->E) e_sum[v[k] < 0.0] += fabs(ss) * e;
    s[c] = g;
    w[c] = g * K->inv_g1;
  }
  return 0;
}

/* pulse_cells, its counts added into st (the energies only on success). */
static int pulse_once(const lut_pulse_k *K, double *s, double *w, const ptrdiff_t *at,
                      const double *v, int n, msl_pulse_stats *st) {
  double e_sum[2] = {0.0, 0.0}; /* potentiating, depressing pulses' energy */
  uint64_t clamped = 0;
  int rc = pulse_cells(K, s, w, at, v, n, e_sum, &clamped);
  st->clamped += clamped;
  if (rc) return rc;
  st->energy_pot_j += e_sum[0];
  st->energy_dep_j += e_sum[1];
  return 0;
}

static int lut_pulses(const msl_device *d, double *s, double *w, const ptrdiff_t *at,
                      const double *v, int n, double dt, int count, msl_pulse_stats *st);

/* One pulse: the block kernel of lut_pulses, or pulse_once when it would
 * take the pulses one by one anyway. */
static int lut_pulse(const msl_device *d, double *s, double *w, const ptrdiff_t *at,
                     const double *v, int n, double dt, msl_pulse_stats *st) {
  const lut *m = d->content;
  if (!m->pot.E && !m->dep.E && !m->strict) return lut_pulses(d, s, w, at, v, n, dt, 1, st);
  const lut_pulse_k K = pulse_k(m, dt);
  return pulse_once(&K, s, w, at, v, n, st);
}

/* count pulses. A cell's voltage is the same at every pulse, so its table,
 * its cell of the V grid and the fraction there are found once, for blocks
 * of cells, which then take their count pulses each (table_steps); a
 * contiguous list is updated in place. Tables with energies, and the strict
 * mode (whose error stops partway through a pulse), take the pulses one by
 * one instead, as count calls of pulse_once, so that the energies add up in
 * its order. */
enum { PULSES_BLOCK = 256 };

/* count pulses of table t on m cells: state g[q] (in place), V cell j[q],
 * fraction b[q] there, factor ss[q]. step_cell's arithmetic as loops the
 * compiler vectorises. The first pulse finds each cell's G cell as locate()
 * does but without its loops (the bucket's start or the next cell), and
 * gathers the cell's corners from the table; later pulses reuse them while
 * the state stays in that cell. A lane where either is not the cell locate()
 * finds (a bucket edge's rounding, a bucket holding more than one grid
 * point, a state that moved on) keeps its state, and cell_redo() does it. */
typedef struct {
  ptrdiff_t i[PULSES_BLOCK];                  /* the G cell */
  double x0[PULSES_BLOCK], x1[PULSES_BLOCK];  /* its ends */
  double r00[PULSES_BLOCK], r01[PULSES_BLOCK]; /* dG at (i, j), (i, j + 1) */
  double r10[PULSES_BLOCK], r11[PULSES_BLOCK]; /* and at row i + 1 */
  int redo[PULSES_BLOCK];
} cell_cache;

/* Lane q of a pulse, one cell at a time: locate() its G cell, keep it in
 * the cache, and step as step_cell does. */
static void cell_redo(const lut_pulse_k *K, const table *t, cell_cache *C, double *g,
                      const int *j, const double *b, const double *ss, int q) {
  double x = g[q], v = x < t->G[0] ? t->G[0] : x > t->G[t->nG - 1] ? t->G[t->nG - 1] : x;
  int i = locate(t->G, t->nG, &t->gi, v);
  const double *r0 = t->dG + (size_t)i * t->nV + j[q], *r1 = r0 + t->nV;
  C->i[q] = i, C->x0[q] = t->G[i], C->x1[q] = t->G[i + 1];
  C->r00[q] = r0[0], C->r01[q] = r0[1], C->r10[q] = r1[0], C->r11[q] = r1[1];
  g[q] = step_cell(K, t, x, j[q], b[q], ss[q], NULL);
}

MSL_KERNEL
static void table_steps(const lut_pulse_k *K, const table *t, double *restrict g,
                        const int *restrict j, const double *restrict b,
                        const double *restrict ss, int m, int count, cell_cache *restrict C) {
  const double *restrict G = t->G, *restrict dG = t->dG;
  const int *restrict start = t->gi.start;
  const int n2 = t->nG - 2, nb1 = t->gi.nb - 1;
  const ptrdiff_t nV = t->nV;
  const double g_lo = G[0], g_hi = G[t->nG - 1], inv_w = t->gi.inv_w;
  const double gmin = K->gmin, gmax = K->gmax;
  for (int p = 0; p < count; p++) {
    int any = 0;
    if (p == 0) {
      for (int q = 0; q < m; q++) {
        double x = g[q], v = x < g_lo ? g_lo : (x > g_hi ? g_hi : x);
        int bi = (int)((v - g_lo) * inv_w);
        ptrdiff_t bk = bi < 0 ? 0 : (bi > nb1 ? nb1 : bi); /* signed 64-bit indices: gathers */
        ptrdiff_t i = start[bk];
        i += (i < n2) & (G[i + 1] <= v);
        double x0 = G[i], x1 = G[i + 1];
        int ok = ((i == n2) | (x1 > v)) & ((i == 0) | (x0 <= v));
        const ptrdiff_t at = i * nV + j[q];
        double q00 = dG[at], q01 = dG[at + 1], q10 = dG[at + nV], q11 = dG[at + nV + 1];
        C->i[q] = i, C->x0[q] = x0, C->x1[q] = x1;
        C->r00[q] = q00, C->r01[q] = q01, C->r10[q] = q10, C->r11[q] = q11;
        double a = (v - x0) / (x1 - x0), bq = b[q];
        double d = (1.0 - a) * ((1.0 - bq) * q00 + bq * q01) + a * ((1.0 - bq) * q10 + bq * q11);
        double y = x + ss[q] * d;
        y = y > gmin ? (y < gmax ? y : gmax) : gmin;
        g[q] = ok ? y : x;
        C->redo[q] = !ok;
        any |= !ok;
      }
    } else {
      for (int q = 0; q < m; q++) {
        double x = g[q], v = x < g_lo ? g_lo : (x > g_hi ? g_hi : x);
        ptrdiff_t i = C->i[q];
        double x0 = C->x0[q], x1 = C->x1[q];
        int ok = ((i == n2) | (x1 > v)) & ((i == 0) | (x0 <= v));
        double a = (v - x0) / (x1 - x0), bq = b[q];
        double d = (1.0 - a) * ((1.0 - bq) * C->r00[q] + bq * C->r01[q]) +
                   a * ((1.0 - bq) * C->r10[q] + bq * C->r11[q]);
        double y = x + ss[q] * d;
        y = y > gmin ? (y < gmax ? y : gmax) : gmin;
        g[q] = ok ? y : x;
        C->redo[q] = !ok;
        any |= !ok;
      }
    }
    if (any)
      for (int q = 0; q < m; q++)
        if (C->redo[q]) cell_redo(K, t, C, g, j, b, ss, q);
  }
}

/* v_cell for m magnitudes inside t's V grid: the cell into j[q] and the
 * fraction there in place of the magnitude ab[q]. As a loop the compiler
 * vectorises, one step from the bucket's start as in table_steps; lanes
 * where that is not locate()'s cell are redone by v_cell. */
MSL_KERNEL
static void v_cells(const table *t, double *restrict ab, int *restrict j, int m) {
  const double *restrict V = t->V;
  const int *restrict start = t->vi.start;
  const int n2 = t->nV - 2, nb1 = t->vi.nb - 1;
  const double v_lo = V[0], inv_w = t->vi.inv_w;
  int redo[PULSES_BLOCK], any = 0;
  for (int q = 0; q < m; q++) {
    double v = ab[q];
    int bi = (int)((v - v_lo) * inv_w);
    ptrdiff_t bk = bi < 0 ? 0 : (bi > nb1 ? nb1 : bi);
    ptrdiff_t i = start[bk];
    i += (i < n2) & (V[i + 1] <= v);
    double x0 = V[i], x1 = V[i + 1];
    int ok = ((i == n2) | (x1 > v)) & ((i == 0) | (x0 <= v));
    j[q] = (int)i;
    ab[q] = ok ? (v - x0) / (x1 - x0) : v;
    redo[q] = !ok;
    any |= !ok;
  }
  if (any)
    for (int q = 0; q < m; q++)
      if (redo[q]) {
        double v = ab[q];
        j[q] = v_cell(t, v, &ab[q]);
      }
}

static int lut_pulses(const msl_device *d, double *s, double *w, const ptrdiff_t *at,
                      const double *v, int n, double dt, int count, msl_pulse_stats *st) {
  const lut *m = d->content;
  const lut_pulse_k K = pulse_k(m, dt);
  const int in_place = n > 0 && at[n - 1] - at[0] == n - 1;
  double *restrict s0 = in_place ? s + at[0] : s, *restrict w0 = in_place ? w + at[0] : w;
  const ptrdiff_t *a0 = in_place ? NULL : at;
  if (m->pot.E || m->dep.E || m->strict) {
    for (int p = 0; p < count; p++)
      if (pulse_once(&K, s0, w0, a0, v, n, st)) return -1;
    return 0;
  }
  /* each block's cells split by table (cells are independent) */
  int jk[2][PULSES_BLOCK], mq[2];
  double bk[2][PULSES_BLOCK], ssk[2][PULSES_BLOCK], gk[2][PULSES_BLOCK];
  ptrdiff_t ck[2][PULSES_BLOCK];
  cell_cache C;
  for (int k0 = 0; k0 < n && count > 0; k0 += PULSES_BLOCK) {
    mq[0] = mq[1] = 0; /* the block's cells that a pulse changes, per table */
    for (int k = k0; k < n && k < k0 + PULSES_BLOCK; k++) {
      double a, ss;
      int over;
      const table *t = pulse_table(&K, v[k], &a, &ss, &over);
      if (!t) continue;
      if (over) st->clamped += (uint64_t)count; /* at each pulse */
      const int x = t == K.dep, q = mq[x]++;
      ck[x][q] = a0 ? a0[k] : k;
      bk[x][q] = a; /* v_cells: its V cell and fraction */
      ssk[x][q] = ss;
      gk[x][q] = s0[ck[x][q]];
    }
    for (int x = 0; x < 2; x++) {
      if (!mq[x]) continue;
      v_cells(x ? K.dep : K.pot, bk[x], jk[x], mq[x]);
      table_steps(&K, x ? K.dep : K.pot, gk[x], jk[x], bk[x], ssk[x], mq[x], count, &C);
      for (int q = 0; q < mq[x]; q++) {
        s0[ck[x][q]] = gk[x][q];
        w0[ck[x][q]] = gk[x][q] * K.inv_g1;
      }
    }
  }
  return 0;
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

static void lut_destroy(msl_device *d) {
  lut *m = d->content;
  if (!m) return;
  table *ts[] = {&m->pot, &m->dep};
  for (int k = 0; k < 2; k++) {
    free(ts[k]->G);
    free(ts[k]->V);
    free(ts[k]->dG);
    free(ts[k]->E);
    free(ts[k]->gi.start);
    free(ts[k]->vi.start);
  }
  free(m);
}

static int lut_pulse_energy(const msl_device *d) {
  const lut *m = d->content;
  return m->pot.E && m->dep.E;
}

static const msl_device_ops lut_ops = {
    .name = "lut", .w2s = lut_w2s, .s2w = lut_s2w, .drive = lut_drive, .pulse = lut_pulse,
    .pulses = lut_pulses, .set_weights = lut_set_weights, .read = lut_read, .destroy = lut_destroy,
    .pulse_energy = lut_pulse_energy};

/* ---- loading and validation -------------------------------------------- */

/* Each loader returns 0, or -1 with "FILE: FIELD: problem" as msl_error(). */

static int load_scalar(msl_npz *z, const char *name, double *x) {
  msl_array a;
  if (msl_npz_array(z, name, &a)) return -1;
  int ok = a.size == 1 && isfinite(a.data[0]);
  if (a.size != 1)
    msl_error_set("%s: %s: expected a scalar, got %zu values", msl_npz_path(z), name, a.size);
  else if (!ok)
    msl_error_set("%s: %s: not a finite number (%g)", msl_npz_path(z), name, a.data[0]);
  else
    *x = a.data[0];
  msl_array_free(&a);
  return ok ? 0 : -1;
}

/* A 1-d grid of >= 2 finite, strictly increasing values whose range (and so
 * every step) is finite as a double: finite values can still span an
 * infinite range, [-1e308, 1e308], which would make the bucket index NaN.
 * Takes the data. */
static int load_grid(msl_npz *z, const char *name, double **x, int *n) {
  msl_array a;
  if (msl_npz_array(z, name, &a)) return -1;
  const char *path = msl_npz_path(z);
  int bad = 1;
  if (a.ndim != 1 || a.size < 2 || a.size > 10000000)
    msl_error_set("%s: %s: expected a 1-d grid of at least 2 values, got %d-d with %zu", path, name,
                  a.ndim, a.size);
  else {
    size_t k = 0;
    while (k < a.size && isfinite(a.data[k]) && (k == 0 || a.data[k] > a.data[k - 1])) k++;
    double range = a.data[a.size - 1] - a.data[0]; /* every step is finite if this is */
    if (k < a.size && !isfinite(a.data[k]))
      msl_error_set("%s: %s: not finite at index %zu (%g)", path, name, k, a.data[k]);
    else if (k < a.size)
      msl_error_set("%s: %s: not strictly increasing at index %zu (%.17g after %.17g)", path, name,
                    k, a.data[k], a.data[k - 1]);
    else if (!isfinite(range))
      msl_error_set("%s: %s: range %.17g .. %.17g is too wide (its width overflows a double)",
                    path, name, a.data[0], a.data[a.size - 1]);
    else
      bad = 0;
  }
  if (bad) {
    msl_array_free(&a);
    return -1;
  }
  *x = a.data;
  *n = (int)a.size;
  return 0;
}

/* Build locate()'s bucket index for a strictly increasing grid with a
 * finite range and step (load_grid checks; at most 2^20 buckets; a wilder
 * grid just takes a few more correction steps). */
static int grid_index_build(const double *x, int n, grid_index *ix) {
  double range = x[n - 1] - x[0], step = range;
  for (int k = 1; k < n; k++)
    if (x[k] - x[k - 1] < step) step = x[k] - x[k - 1];
  double nb = ceil(range / step);
  ix->nb = !(nb >= 1) ? 1 : nb > (1 << 20) ? (1 << 20) : (int)nb;
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

static int load_table(msl_npz *z, const char *pre, table *t) {
  char name[16];
  const char *path = msl_npz_path(z);
  snprintf(name, sizeof name, "%s_G", pre);
  if (load_grid(z, name, &t->G, &t->nG)) return -1;
  snprintf(name, sizeof name, "%s_V", pre);
  if (load_grid(z, name, &t->V, &t->nV)) return -1;
  snprintf(name, sizeof name, "%s_dt", pre);
  if (load_scalar(z, name, &t->dt)) return -1;
  if (!(t->dt > 0.0))
    return msl_error_set("%s: %s: pulse width must be positive, got %g", path, name, t->dt);
  snprintf(name, sizeof name, "%s_dG", pre);
  msl_array a;
  if (msl_npz_array(z, name, &a)) return -1;
  t->dG = a.data;
  if (a.ndim != 2 || a.shape[0] != (size_t)t->nG || a.shape[1] != (size_t)t->nV)
    return msl_error_set(
        "%s: %s: shape must be len(%s_G) x len(%s_V) = (%d, %d), got %d-d %zu x %zu", path, name,
        pre, pre, t->nG, t->nV, a.ndim, a.shape[0], a.ndim > 1 ? a.shape[1] : 1);
  int dep = pre[0] == 'd';
  for (size_t k = 0; k < a.size; k++) {
    if (!isfinite(a.data[k]) || (dep && a.data[k] > 0.0))
      return msl_error_set("%s: %s: %s at [%zu, %zu] (%g)%s", path, name,
                           isfinite(a.data[k]) ? "positive entry" : "not finite",
                           k / (size_t)t->nV, k % (size_t)t->nV, a.data[k],
                           isfinite(a.data[k]) ? ": a depression table needs dG <= 0" : "");
  }
  snprintf(name, sizeof name, "%s_E", pre); /* optional: msl lut's energies */
  if (msl_npz_has(z, name)) {
    msl_array e;
    if (msl_npz_array(z, name, &e)) return -1;
    t->E = e.data;
    if (e.ndim != 2 || e.shape[0] != (size_t)t->nG || e.shape[1] != (size_t)t->nV)
      return msl_error_set("%s: %s: shape must be that of %s_dG, (%d, %d)", path, name, pre,
                           t->nG, t->nV);
    for (size_t k = 0; k < e.size; k++)
      if (!isfinite(e.data[k]) || e.data[k] < 0.0)
        return msl_error_set("%s: %s: %s at [%zu, %zu] (%g): energies are >= 0", path, name,
                             isfinite(e.data[k]) ? "negative entry" : "not finite",
                             k / (size_t)t->nV, k % (size_t)t->nV, e.data[k]);
  }
  t->name = dep ? "depression" : "potentiation";
  t->vmin = t->V[0];
  t->vmax = t->V[t->nV - 1];
  if (grid_index_build(t->G, t->nG, &t->gi) || grid_index_build(t->V, t->nV, &t->vi))
    return msl_error_set("%s: out of memory", path);
  return 0;
}

/* Load the table file into m; 0, or -1 with msl_error(). */
static int load(lut *m, const char *file) {
  msl_npz *z = msl_npz_open(file);
  int rc = -1;
  if (!z || load_scalar(z, "gmin", &m->gmin) || load_scalar(z, "gmax", &m->gmax))
    goto done;
  if (!(m->gmin >= 0.0 && m->gmin < m->gmax)) {
    msl_error_set("%s: gmin, gmax: need 0 <= gmin < gmax, got gmin = %g, gmax = %g", file,
                  m->gmin, m->gmax);
    goto done;
  }
  if (load_table(z, "pot", &m->pot) || load_table(z, "dep", &m->dep)) goto done;
  rc = 0;
done:
  msl_npz_close(z);
  return rc;
}

static const msl_param_decl lut_params[] = {
    MSL_PARAM_TEXT_DECL("lut", NULL, NULL, NULL, NULL, "table file (.npz), e.g. 1t1r_Paiyu_15.npz"),
    MSL_PARAM_TEXT_DECL("lut-lookup", NULL, "plain", "signed", "mirrored",
                        "how the table is read: plain, signed or mirrored (docs/devices.md)"),
};

static msl_device *lut_create(const msl_params *p, double g1) {
  const char *file = msl_params_text(p, &lut_params[0]);
  const char *mode = msl_params_text(p, &lut_params[1]);
  if (!file || !file[0])
    return msl_error_set("--lut: the lut model needs a table file (.npz)"), NULL;
  int mirror = strcmp(mode, "mirrored") == 0, no_dep = strcmp(mode, "signed") == 0;
  if (!mirror && !no_dep && strcmp(mode, "plain") != 0)
    return msl_error_set("--lut-lookup: expected plain, signed or mirrored, got '%s'", mode), NULL;
  msl_device *d = msl_device_alloc(&msl_model_lut, &lut_ops, sizeof(lut), g1);
  if (!d) return NULL;
  lut *m = d->content;
  m->g1 = g1;
  m->inv_g1 = 1.0 / g1;
  m->mirror = mirror;
  m->no_dep = no_dep;
  m->strict = mirror || no_dep;
  snprintf(m->path, sizeof m->path, "%s", file);
  if (load(m, file)) {
    msl_device_free(d);
    return NULL;
  }
  return d;
}

const msl_device_model msl_model_lut = {
    "lut", "lookup table of dG(G, |V|) per pulse, e.g. a 1T1R cell from HSPICE",
    {lut_params, sizeof lut_params / sizeof lut_params[0]}, "ln", lut_create};
