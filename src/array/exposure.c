/* exposure.c: pending half-select changes, caught up lazily (exposure.h).
 *
 * Error: the change of K missed pulses is taken as the sum of single pulses
 * from the state the cell had before them (exact to first order: the
 * half-select changes are tiny), each interpolated in the state on M = 12
 * Chebyshev nodes over the device's range; tests/test_bias.c measures the
 * two together against pulsing every cell (docs/array.md). */
#include "exposure.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/ckpt.h"
#include "engine/dispatch.h"
#include "msl/error.h"

enum { M = MSL_EXPOSURE_NODES };

/* An epoch holds at most this many column events (fewer for long rows: the
 * row family's sums stay under about 32 MB) and a quarter as many row
 * events (post spikes are rarer). Each epoch ends by catching up every
 * cell, so longer epochs cost memory and save time. */
static int column_events(int n_post) {
  double cap = 32e6 / ((double)n_post * M * sizeof(double));
  return cap > 1024 ? 1024 : (cap < 16 ? 16 : (int)cap);
}

/* One family of sums: per line (rows for column events, columns for row
 * events), the running total of Chebyshev coefficients after each of its
 * events: sum[k][m][line] (coefficient-major, so that loops over lines
 * vectorise). */
typedef struct {
  int n_lines, n_ev, cap;
  double *sum;  /* [(cap + 1) * n_lines * M] */
  int *at;      /* [events + 1]: at[e], this family's events among the first e of the epoch */
} family;

struct msl_exposure {
  int n_pre, n_post;
  int ne;              /* events in this epoch */
  int max_ev;          /* rf.cap + cf.cap */
  int *last_col, *last_row; /* [n_pre], [n_post]: the event each last caught up at */
  family rf, cf;       /* per row (column events), per column (row events) */
  double node[M];      /* node states */
  double cheb[M][M];   /* cheb[m][n]: node values -> coefficient m */
  double lo, hi;       /* the state range */
  double *vs, *vw, *vu; /* [M * max(n_pre, n_post)] node cells */
  ptrdiff_t *iota;
  double *rs, *cs;     /* [n_post], [n_pre]: row and column sums of |w| */
  double *wn;          /* [max] new weights */
  double *cb, *b1, *b2; /* [M * n_post], [n_post], [n_post]: a column's catch-up */
};

static int family_init(family *F, int n_lines, int cap, int events) {
  F->n_lines = n_lines;
  F->cap = cap;
  F->sum = calloc((size_t)(cap + 1) * n_lines * M, sizeof *F->sum);
  F->at = calloc((size_t)events + 1, sizeof *F->at);
  return F->sum && F->at ? 0 : -1;
}

static void sums(msl_exposure *x, const msl_cell_array *A) {
  const int No = x->n_post;
  memset(x->rs, 0, (size_t)No * sizeof *x->rs);
  for (int j = 0; j < x->n_pre; j++) {
    const double *w = A->W + (size_t)j * No;
    double c = 0.0;
    for (int i = 0; i < No; i++) {
      x->rs[i] += fabs(w[i]);
      c += fabs(w[i]);
    }
    x->cs[j] = c;
  }
}

msl_exposure *msl_exposure_new(const msl_cell_array *A) {
  msl_exposure *x = calloc(1, sizeof *x);
  if (!x) return msl_error_set("bias drive: out of memory"), NULL;
  const int Ne = A->n_pre, No = A->n_post;
  const size_t nmax = (size_t)(Ne > No ? Ne : No), mn = M * nmax;
  x->n_pre = Ne;
  x->n_post = No;
  x->last_col = calloc((size_t)Ne, sizeof *x->last_col);
  x->last_row = calloc((size_t)No, sizeof *x->last_row);
  x->vs = malloc(mn * sizeof *x->vs);
  x->vw = malloc(mn * sizeof *x->vw);
  x->vu = malloc(mn * sizeof *x->vu);
  x->iota = malloc(mn * sizeof *x->iota);
  x->rs = malloc((size_t)No * sizeof *x->rs);
  x->cs = malloc((size_t)Ne * sizeof *x->cs);
  x->wn = malloc(nmax * sizeof *x->wn);
  x->cb = malloc((size_t)M * No * sizeof *x->cb);
  x->b1 = malloc((size_t)No * sizeof *x->b1);
  x->b2 = malloc((size_t)No * sizeof *x->b2);
  int rcap = column_events(No), ccap = rcap / 4;
  x->max_ev = rcap + ccap;
  if (!x->last_col || !x->last_row || !x->vs || !x->vw || !x->vu || !x->iota || !x->rs ||
      !x->cs || !x->wn || !x->cb || !x->b1 || !x->b2 || family_init(&x->rf, No, rcap, x->max_ev) ||
      family_init(&x->cf, Ne, ccap, x->max_ev)) {
    msl_exposure_free(x);
    return msl_error_set("bias drive: out of memory for the half-select sums (%.3g MB)",
                         ((rcap + 1.0) * No + (ccap + 1.0) * Ne) * M * 8.0 / 1e6),
           NULL;
  }
  double s0 = A->dev->ops->w2s(A->dev, 0.0), s1 = A->dev->ops->w2s(A->dev, DBL_MAX);
  x->lo = s0 < s1 ? s0 : s1;
  x->hi = s0 < s1 ? s1 : s0;
  const double pi = 3.14159265358979323846;
  for (int n = 0; n < M; n++) /* first kind: interior, so no node pulse clips */
    x->node[n] = 0.5 * (x->lo + x->hi) + 0.5 * (x->hi - x->lo) * cos((2 * n + 1) * pi / (2 * M));
  for (int m = 0; m < M; m++)
    for (int n = 0; n < M; n++)
      x->cheb[m][n] = (m ? 2.0 : 1.0) / M * cos(m * (2 * n + 1) * pi / (2 * M));
  for (size_t k = 0; k < mn; k++) x->iota[k] = (ptrdiff_t)k;
  sums(x, A);
  return x;
}

void msl_exposure_free(msl_exposure *x) {
  if (!x) return;
  free(x->last_col);
  free(x->last_row);
  free(x->rf.sum);
  free(x->cf.sum);
  free(x->rf.at);
  free(x->cf.at);
  free(x->vs);
  free(x->vw);
  free(x->vu);
  free(x->iota);
  free(x->rs);
  free(x->cs);
  free(x->wn);
  free(x->cb);
  free(x->b1);
  free(x->b2);
  free(x);
}

void msl_exposure_changed(msl_exposure *x, int j, int i, double w0, double w) {
  double d = fabs(w) - fabs(w0);
  x->rs[i] += d;
  x->cs[j] += d;
}

/* Coefficient m of family F's sum over its events between global events
 * t and now, for line k. */
static inline double coef(const msl_exposure *x, const family *F, int t, int m, int k) {
  const int a = F->at[x->ne], b = F->at[t];
  if (a == b) return 0.0;
  const size_t row = (size_t)F->n_lines;
  return F->sum[((size_t)a * M + m) * row + k] - F->sum[((size_t)b * M + m) * row + k];
}

/* The pending change of cell (column j, row i) at state s, last current
 * at event t: Clenshaw's recurrence. */
static inline double pending(const msl_exposure *x, int i, int j, int t, double s) {
  double c[M], any = 0.0;
  for (int m = 0; m < M; m++) {
    c[m] = coef(x, &x->rf, t, m, i) + coef(x, &x->cf, t, m, j);
    any += fabs(c[m]);
  }
  if (any == 0.0) return 0.0;
  double u = (2.0 * s - (x->lo + x->hi)) / (x->hi - x->lo);
  u = u < -1.0 ? -1.0 : (u > 1.0 ? 1.0 : u);
  double b1 = 0.0, b2 = 0.0;
  for (int m = M - 1; m >= 1; m--) {
    double b = c[m] + 2.0 * u * b1 - b2;
    b2 = b1;
    b1 = b;
  }
  return c[0] + u * b1 - b2;
}

static double w_of(const msl_device *d, double s) { return d->ops->s2w(d, s); }

/* Catch up the cells of column j (all rows): the coefficients of each
 * cell's pending change into cb[m][i], then Clenshaw's recurrence for all
 * rows at once (a loop over cells the compiler vectorises). */
MSL_KERNEL
static void catch_col(msl_exposure *x, msl_cell_array *A, int j, msl_syn_stats *st) {
  const int No = x->n_post, ne = x->ne, lc = x->last_col[j];
  if (lc == ne) return;
  double *restrict s = A->s + (size_t)j * No, *restrict w = A->W + (size_t)j * No;
  double *restrict cb = x->cb, *restrict b1 = x->b1, *restrict b2 = x->b2;
  const int *lr = x->last_row;
  /* Every cell as if last current at lc (whole rows of sums at once)... */
  const family *R = &x->rf;
  const int a = R->at[ne], b = R->at[lc];
  for (int m = 0; m < M; m++) {
    const double *r1 = R->sum + ((size_t)a * M + m) * No, *r0 = R->sum + ((size_t)b * M + m) * No;
    double cm = coef(x, &x->cf, lc, m, j);
    double *restrict c = cb + (size_t)m * No;
    for (int i = 0; i < No; i++) c[i] = (r1[i] - r0[i]) + cm;
  }
  int changed = a != b || x->cf.at[ne] != x->cf.at[lc];
  /* ... less, for the cells of rows pulsed since, what they took then. */
  for (int i = 0; i < No; i++) {
    const int t = lr[i];
    if (t <= lc) continue;
    const int ra = R->at[t], ca = x->cf.at[t], cl = x->cf.at[lc];
    for (int m = 0; m < M; m++) {
      double d = (R->sum[((size_t)ra * M + m) * No + i] - R->sum[((size_t)b * M + m) * No + i]);
      if (ca != cl)
        d += x->cf.sum[((size_t)ca * M + m) * x->n_pre + j] -
             x->cf.sum[((size_t)cl * M + m) * x->n_pre + j];
      cb[(size_t)m * No + i] -= d;
    }
  }
  x->last_col[j] = ne;
  if (!changed) return;
  const double lo = x->lo, hi = x->hi, k2 = 2.0 / (hi - lo), mid = 0.5 * (lo + hi);
  double *restrict u = x->wn; /* the states on [-1, 1], then the new weights */
  for (int i = 0; i < No; i++) {
    double v = (s[i] - mid) * k2;
    u[i] = v < -1.0 ? -1.0 : (v > 1.0 ? 1.0 : v);
    b1[i] = 0.0;
    b2[i] = 0.0;
  }
  for (int m = M - 1; m >= 1; m--) {
    const double *restrict c = cb + (size_t)m * No;
    for (int i = 0; i < No; i++) {
      double b = c[i] + 2.0 * u[i] * b1[i] - b2[i];
      b2[i] = b1[i];
      b1[i] = b;
    }
  }
  for (int i = 0; i < No; i++) {
    double ds = cb[i] + u[i] * b1[i] - b2[i];
    double g = s[i] + ds;
    g = g < lo ? lo : (g > hi ? hi : g);
    s[i] = ds != 0.0 ? g : s[i];
  }
  double *wn = x->wn;
  if (A->dev->ops->read)
    A->dev->ops->read(A->dev, s, wn, No);
  else
    for (int i = 0; i < No; i++) wn[i] = w_of(A->dev, s[i]);
  double drift = 0.0, dc = 0.0;
  for (int i = 0; i < No; i++) {
    double d = fabs(wn[i]) - fabs(w[i]);
    drift += wn[i] - w[i];
    x->rs[i] += d;
    dc += d;
    w[i] = wn[i];
  }
  x->cs[j] += dc;
  st->drift_w += drift;
}

/* Catch up the cells of row i (all columns). */
static void catch_row(msl_exposure *x, msl_cell_array *A, int i, msl_syn_stats *st) {
  const int No = x->n_post, ne = x->ne;
  if (x->last_row[i] == ne) return;
  for (int j = 0; j < x->n_pre; j++) {
    int t = x->last_col[j] > x->last_row[i] ? x->last_col[j] : x->last_row[i];
    if (t == ne) continue;
    size_t k = (size_t)j * No + i;
    double ds = pending(x, i, j, t, A->s[k]);
    if (ds == 0.0) continue;
    double g = A->s[k] + ds;
    A->s[k] = g < x->lo ? x->lo : (g > x->hi ? x->hi : g);
    double wn = w_of(A->dev, A->s[k]);
    st->drift_w += wn - A->W[k];
    msl_exposure_changed(x, j, i, A->W[k], wn);
    A->W[k] = wn;
  }
  x->last_row[i] = ne;
}

void msl_exposure_flush_all(msl_exposure *x, msl_cell_array *A, msl_syn_stats *st) {
  for (int j = 0; j < x->n_pre; j++) catch_col(x, A, j, st);
  x->ne = 0;
  x->rf.n_ev = x->cf.n_ev = 0;
  x->rf.at[0] = x->cf.at[0] = 0;
  memset(x->last_col, 0, (size_t)x->n_pre * sizeof *x->last_col);
  memset(x->last_row, 0, (size_t)x->n_post * sizeof *x->last_row);
  sums(x, A); /* no rounding drift from the running updates */
}

void msl_exposure_touch(msl_exposure *x, msl_cell_array *A, int rows, const int *lines, int n,
                        msl_syn_stats *st) {
  if (x->rf.n_ev == x->rf.cap || x->cf.n_ev == x->cf.cap) { /* before the event: room */
    msl_exposure_flush_all(x, A, st);
    return;
  }
  for (int k = 0; k < n; k++)
    if (rows)
      catch_row(x, A, lines[k], st);
    else
      catch_col(x, A, lines[k], st);
}

void msl_exposure_energy(const msl_exposure *x, const msl_cell_array *A, int rows,
                         const int *lines, int n, const double *vp, const double *pp, double *e,
                         double *iv) {
  const int No = x->n_post;
  const int nl = rows ? x->n_pre : No;
  const double *sum = rows ? x->cs : x->rs;
  double a = 0.0, b = 0.0;
  for (int k = 0; k < nl; k++) {
    a += sum[k] * (vp[k] * vp[k]);
    b += sum[k] * pp[k];
  }
  /* less the driven lines' own cells */
  for (int q = 0; q < n; q++)
    for (int k = 0; k < nl; k++) {
      double wk = fabs(rows ? A->W[(size_t)k * No + lines[q]] : A->W[(size_t)lines[q] * No + k]);
      a -= wk * (vp[k] * vp[k]);
      b -= wk * pp[k];
    }
  *e = a;
  *iv = b;
}

/* The event's node changes (x->vw[q][k]) into family F's next running
 * total of coefficients: a small matrix product, vectorised over lines. */
MSL_KERNEL
static void accumulate(msl_exposure *x, family *F, int nl) {
  const double *prev = F->sum + (size_t)F->n_ev * M * nl;
  double *next = F->sum + (size_t)(F->n_ev + 1) * M * nl;
  for (int m = 0; m < M; m++) {
    double *restrict c = next + (size_t)m * nl;
    const double *restrict p = prev + (size_t)m * nl;
    for (int k = 0; k < nl; k++) c[k] = p[k];
    for (int q = 0; q < M; q++) {
      const double h = x->cheb[m][q], *restrict f = x->vw + (size_t)q * nl;
      for (int k = 0; k < nl; k++) c[k] += h * f[k];
    }
  }
}

int msl_exposure_add(msl_exposure *x, const msl_cell_array *A, int rows, const int *lines, int n,
                     const double *up, double dt) {
  family *F = rows ? &x->cf : &x->rf;
  const int nl = F->n_lines;
  /* One pulse at every node state with every line's drive (none below the
   * device's inert drive: those leave a pulsed cell exactly as it is). */
  const msl_device *d = A->dev;
  const double inert = d->ops->inert_drive ? d->ops->inert_drive(d) : 0.0;
  for (int q = 0; q < M; q++)
    for (int k = 0; k < nl; k++) {
      x->vs[(size_t)q * nl + k] = x->node[q];
      x->vw[(size_t)q * nl + k] = 0.0;
      x->vu[(size_t)q * nl + k] = fabs(up[k]) >= inert ? up[k] : 0.0;
    }
  if (d->ops->delta) {
    d->ops->delta(d, x->vs, x->vu, x->vw, M * nl, dt);
  } else {
    msl_pulse_stats ps = {0}; /* the node cells' clamps are not the array's */
    if (d->ops->pulse(d, x->vs, x->vw, x->iota, x->vu, M * nl, dt, &ps)) return -1;
    for (int q = 0; q < M; q++)
      for (int k = 0; k < nl; k++) x->vw[(size_t)q * nl + k] = x->vs[(size_t)q * nl + k] - x->node[q];
  }
  accumulate(x, F, nl);
  F->n_ev++;
  x->ne++;
  x->rf.at[x->ne] = x->rf.n_ev;
  x->cf.at[x->ne] = x->cf.n_ev;
  int *last = rows ? x->last_row : x->last_col;
  for (int q = 0; q < n; q++) last[lines[q]] = x->ne;
  return 0;
}

/* Whether a[0..n) are all in [lo, hi] (and ascending, if asc). */
static int in_range(const int *a, size_t n, int lo, int hi, int asc) {
  for (size_t k = 0; k < n; k++)
    if (a[k] < lo || a[k] > hi || (asc && k && a[k] < a[k - 1])) return 0;
  return 1;
}

/* One family's live part: its event count, the running totals up to it. */
static int family_state(msl_ckpt *c, family *F, int ne) {
  int64_t n_ev = F->n_ev;
  if (msl_ckpt_count(c, "exposure.n_ev", &n_ev, F->cap)) return -1;
  F->n_ev = (int)n_ev;
  if (msl_ckpt_i32(c, "exposure.at", F->at, (size_t)ne + 1) ||
      msl_ckpt_f64(c, "exposure.sum", F->sum, (size_t)(F->n_ev + 1) * F->n_lines * M))
    return -1;
  if (msl_ckpt_loading(c) && (F->at[0] != 0 || F->at[ne] != F->n_ev ||
                              !in_range(F->at, (size_t)ne + 1, 0, F->n_ev, 1)))
    return msl_error_set("checkpoint: bias drive: inconsistent event counts");
  return 0;
}

int msl_exposure_state(msl_exposure *x, msl_ckpt *c) {
  int64_t ne = x->ne;
  if (msl_ckpt_same(c, "exposure.n_pre", x->n_pre) ||
      msl_ckpt_same(c, "exposure.n_post", x->n_post) ||
      msl_ckpt_count(c, "exposure.ne", &ne, x->max_ev))
    return -1;
  x->ne = (int)ne;
  if (family_state(c, &x->rf, x->ne) || family_state(c, &x->cf, x->ne) ||
      msl_ckpt_i32(c, "exposure.last_col", x->last_col, (size_t)x->n_pre) ||
      msl_ckpt_i32(c, "exposure.last_row", x->last_row, (size_t)x->n_post) ||
      msl_ckpt_f64(c, "exposure.rs", x->rs, (size_t)x->n_post) ||
      msl_ckpt_f64(c, "exposure.cs", x->cs, (size_t)x->n_pre))
    return -1;
  if (msl_ckpt_loading(c) && (!in_range(x->last_col, (size_t)x->n_pre, 0, x->ne, 0) ||
                              !in_range(x->last_row, (size_t)x->n_post, 0, x->ne, 0)))
    return msl_error_set("checkpoint: bias drive: inconsistent catch-up events");
  return 0;
}
