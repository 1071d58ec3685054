/* exposure.c: pending half-select changes, caught up lazily (exposure.h).
 *
 * Error: the change of K missed pulses is taken as the sum of single pulses
 * from the state the cell had before them (exact to first order: the
 * half-select changes are tiny), each interpolated in the state on M = 12
 * Chebyshev nodes over the device's range (one node, exact, when the step
 * is the same in every state: op step_law); tests/test_bias.c measures the
 * two together against pulsing every cell (docs/array.md). The sums, one
 * family per kind of event, are exposure_family.c. */
#include "engine/lanes.h"
#include "exposure.h"
#include "exposure_family.h"

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

struct msl_exposure {
  int n_pre, n_post;
  int nm;              /* nodes: M, or 1 for a step the same in every state (exact) */
  int ne;              /* events in this epoch */
  int max_ev;          /* rf.cap + cf.cap */
  int *last_col, *last_row; /* [n_pre], [n_post]: the event each last caught up at */
  msl_xfam rf, cf;      /* per row (column events), per column (row events) */
  double node[M];      /* node states */
  double cheb[M][M];   /* cheb[m][n]: node values -> coefficient m */
  double lo, hi;       /* the state range */
  double *vs, *vw, *vu; /* [M * (max(n_pre, n_post) + 1)] node cells */
  double *vt;          /* [M * (max + 1)]: the own lines' coefficients */
  int *ol;             /* [max]: an event's lines with a drive of their own */
  double *ou;          /* [max]: their drives */
  ptrdiff_t *iota;
  int *rows;           /* [n_post]: 0, 1, ... */
  double *rs, *cs;     /* [n_post], [n_pre]: row and column sums of |w| */
  double *wn;          /* [max] new weights */
  double *cb, *b1, *b2; /* [M * nmax], [nmax], [nmax]: a line's catch-up */
  double *ul, *sg;     /* [nmax], [n_post]: its cells' states on [-1, 1], their new states */
  int *idx;            /* [nmax]: the cells it changes */
  double *sv, *wg;     /* [nmax]: the states and weights of those cells */
  int *touched, n_touched; /* [n_post]: the rows caught up or pulsed this epoch, once each */
  int stale;           /* rs and cs are to be recomputed before their next use */
  /* cb, idx and these hold col_coefs' results for a column without a part of
   * its own in the row events (the same for every such column) caught up
   * since event memo_lc, until the sums or the rows' catch-ups change
   * (memo_lc -1: none). */
  int memo_lc, memo_n, memo_dense;
  double memo_base[M];
  unsigned char *is_touched; /* [n_post] */
};

/* The row and column sums of |w|, each in line order (four columns at a
 * time: their sums are independent chains). */
MSL_KERNEL
static void sums_now(double *restrict rs, double *restrict cs, const double *restrict W,
                     int Ne, int No) {
  for (int i = 0; i < No; i++) rs[i] = 0.0;
  int j = 0;
  for (; j + 4 <= Ne; j += 4) {
    const double *restrict w0 = W + (size_t)j * No, *restrict w1 = w0 + No,
                           *restrict w2 = w1 + No, *restrict w3 = w2 + No;
    double c0 = 0.0, c1 = 0.0, c2 = 0.0, c3 = 0.0;
    for (int i = 0; i < No; i++) {
      double a0 = fabs(w0[i]), a1 = fabs(w1[i]), a2 = fabs(w2[i]), a3 = fabs(w3[i]);
      rs[i] = (((rs[i] + a0) + a1) + a2) + a3;
      c0 += a0;
      c1 += a1;
      c2 += a2;
      c3 += a3;
    }
    cs[j] = c0;
    cs[j + 1] = c1;
    cs[j + 2] = c2;
    cs[j + 3] = c3;
  }
  for (; j < Ne; j++) {
    const double *restrict w = W + (size_t)j * No;
    double c = 0.0;
    for (int i = 0; i < No; i++) {
      rs[i] += fabs(w[i]);
      c += fabs(w[i]);
    }
    cs[j] = c;
  }
}

/* The sums are recomputed at the first use after an epoch's end (the
 * weights may be set between: normalisation), not at every end. */
static void sums(msl_exposure *x, const msl_cell_array *A) {
  if (!x->stale) return;
  sums_now(x->rs, x->cs, A->W, x->n_pre, x->n_post);
  x->stale = 0;
}

msl_exposure *msl_exposure_new(const msl_cell_array *A) {
  msl_exposure *x = calloc(1, sizeof *x);
  if (!x) return msl_error_set("bias drive: out of memory"), NULL;
  const int Ne = A->n_pre, No = A->n_post;
  const size_t nmax = (size_t)(Ne > No ? Ne : No), mn = M * (nmax + 1);
  x->n_pre = Ne;
  x->n_post = No;
  x->nm = A->dev->ops->step_law ? 1 : M;
  x->last_col = calloc((size_t)Ne, sizeof *x->last_col);
  x->last_row = calloc((size_t)No, sizeof *x->last_row);
  x->vs = malloc(mn * sizeof *x->vs);
  x->vw = malloc(mn * sizeof *x->vw);
  x->vu = malloc(mn * sizeof *x->vu);
  x->vt = malloc(mn * sizeof *x->vt);
  x->ol = malloc(nmax * sizeof *x->ol);
  x->ou = malloc(nmax * sizeof *x->ou);
  x->iota = malloc(mn * sizeof *x->iota);
  x->rows = malloc((size_t)No * sizeof *x->rows);
  x->rs = malloc((size_t)No * sizeof *x->rs);
  x->cs = malloc((size_t)Ne * sizeof *x->cs);
  x->wn = malloc(nmax * sizeof *x->wn);
  x->cb = malloc(M * nmax * sizeof *x->cb);
  x->b1 = malloc(nmax * sizeof *x->b1);
  x->b2 = malloc(nmax * sizeof *x->b2);
  x->ul = malloc(nmax * sizeof *x->ul);
  x->sg = malloc((size_t)No * sizeof *x->sg);
  x->idx = malloc(nmax * sizeof *x->idx);
  x->sv = malloc(nmax * sizeof *x->sv);
  x->wg = malloc(nmax * sizeof *x->wg);
  x->touched = malloc((size_t)No * sizeof *x->touched);
  x->is_touched = calloc((size_t)No, 1);
  int rcap = column_events(No), ccap = rcap / 4;
  x->max_ev = rcap + ccap;
  if (!x->last_col || !x->last_row || !x->vs || !x->vw || !x->vu || !x->vt || !x->ol ||
      !x->ou || !x->iota || !x->rows || !x->rs || !x->cs || !x->wn || !x->cb || !x->b1 ||
      !x->b2 || !x->ul || !x->sg || !x->idx || !x->sv || !x->wg || !x->touched || !x->is_touched ||
      msl_xfam_init(&x->rf, No, rcap, x->max_ev, x->nm) ||
      msl_xfam_init(&x->cf, Ne, ccap, x->max_ev, x->nm)) {
    msl_exposure_free(x);
    return msl_error_set("bias drive: out of memory for the half-select sums"), NULL;
  }
  double s0 = A->dev->ops->w2s(A->dev, 0.0), s1 = A->dev->ops->w2s(A->dev, DBL_MAX);
  x->lo = s0 < s1 ? s0 : s1;
  x->hi = s0 < s1 ? s1 : s0;
  const double pi = 3.14159265358979323846;
  const int nm = x->nm;
  for (int n = 0; n < nm; n++) /* first kind: interior, so no node pulse clips */
    x->node[n] = 0.5 * (x->lo + x->hi) + 0.5 * (x->hi - x->lo) * cos((2 * n + 1) * pi / (2 * nm));
  for (int m = 0; m < nm; m++)
    for (int n = 0; n < nm; n++)
      x->cheb[m][n] = (m ? 2.0 : 1.0) / nm * cos(m * (2 * n + 1) * pi / (2 * nm));
  for (size_t k = 0; k < mn; k++) x->iota[k] = (ptrdiff_t)k;
  for (int i = 0; i < No; i++) x->rows[i] = i;
  x->stale = 1;
  x->memo_lc = -1;
  sums(x, A);
  return x;
}

void msl_exposure_free(msl_exposure *x) {
  if (!x) return;
  void *bufs[] = {x->last_col, x->last_row, x->vs, x->vw, x->vu, x->vt, x->ol, x->ou,
                  x->iota, x->rows, x->rs, x->cs, x->wn, x->cb, x->b1, x->b2, x->ul, x->sg,
                  x->idx, x->sv, x->wg, x->touched, x->is_touched};
  for (size_t k = 0; k < sizeof bufs / sizeof bufs[0]; k++) free(bufs[k]);
  msl_xfam_free(&x->rf);
  msl_xfam_free(&x->cf);
  free(x);
}

void msl_exposure_changed(msl_exposure *x, int j, int i, double w0, double w) {
  double d = fabs(w) - fabs(w0);
  x->rs[i] += d;
  x->cs[j] += d;
}

/* The sums' update, and the change of w where mask is 0 (mask NULL: everywhere). */
MSL_KERNEL
static double changed_col(double *restrict rs, const double *restrict w0,
                          const double *restrict w, const unsigned char *restrict mask, int n,
                          double *drift) {
  double c = 0.0, dw = 0.0;
  for (int i = 0; i < n; i++) {
    double d = fabs(w[i]) - fabs(w0[i]);
    rs[i] += d;
    c += d;
    dw += (mask && mask[i]) ? 0.0 : w[i] - w0[i];
  }
  *drift = dw;
  return c;
}

double msl_exposure_changed_col(msl_exposure *x, int j, const double *w0, const double *w,
                                const unsigned char *mask) {
  double drift;
  x->cs[j] += changed_col(x->rs, w0, w, mask, x->n_post, &drift);
  return drift;
}

/* changed_col with the energy terms of bias.c's tally_driven from the
 * weights before, in one pass. These sums only report (energy, drift, the
 * |w| sums the undriven cells' energy comes from), so they are taken in
 * LANES interleaved partial sums (GCC's vector types: the same operations
 * on every machine, engine/lanes.h), added in lane order at the end. */
static double lanes_total(double start, const lanes_d *v) {
  for (int l = 0; l < LANES; l++) start += (*v)[l];
  return start;
}

MSL_KERNEL
static double changed_col_e(double *restrict rs, const double *restrict w0,
                            const double *restrict w, const unsigned char *restrict mask, int n,
                            const double *restrict vs, const double *restrict ps,
                            double *restrict e, double *drift) {
  lanes_d c = {0}, dw = {0}, es = {0}, is = {0}, eh = {0}, ih = {0};
  int i0 = 0;
  for (; i0 + LANES <= n; i0 += LANES) {
    lanes_c mc;
    lanes_d a, a0, v, pw, r;
    LANES_LOAD(mc, mask + i0);
    LANES_LOAD(a, w + i0);
    LANES_LOAD(a0, w0 + i0);
    LANES_LOAD(v, vs + i0);
    LANES_LOAD(pw, ps + i0);
    LANES_LOAD(r, rs + i0);
    const lanes_l on = __builtin_convertvector(mc, lanes_l) != 0, off = ~on;
    const lanes_d x = LANES_ABS(a0), p = x * pw, v2 = x * (v * v), d = LANES_ABS(a) - x;
    r += d;
    LANES_STORE(rs + i0, r);
    c += d;
    dw += LANES_KEEP(a - a0, off);
    es += LANES_KEEP(v2, on);
    is += LANES_KEEP(p, on);
    eh += LANES_KEEP(v2, off);
    ih += LANES_KEEP(p, off);
  }
  for (int l = 0; i0 + l < n; l++) { /* the last n % LANES cells in lanes 0, 1, ... */
    const int i = i0 + l, on = mask[i] != 0;
    double x = fabs(w0[i]), d = fabs(w[i]) - x, v2 = x * (vs[i] * vs[i]), p = x * ps[i];
    rs[i] += d;
    c[l] += d;
    dw[l] += on ? 0.0 : w[i] - w0[i];
    es[l] += on ? v2 : 0.0;
    is[l] += on ? p : 0.0;
    eh[l] += on ? 0.0 : v2;
    ih[l] += on ? 0.0 : p;
  }
  e[0] = lanes_total(e[0], &es);
  e[1] = lanes_total(e[1], &is);
  e[2] = lanes_total(e[2], &eh);
  e[3] = lanes_total(e[3], &ih);
  *drift = lanes_total(0.0, &dw);
  return lanes_total(0.0, &c);
}

double msl_exposure_changed_col_e(msl_exposure *x, int j, const double *w0, const double *w,
                                  const unsigned char *mask, const double *vs, const double *ps,
                                  double *e) {
  double drift;
  x->cs[j] += changed_col_e(x->rs, w0, w, mask, x->n_post, vs, ps, e, &drift);
  return drift;
}

static double w_of(const msl_device *d, double s) { return d->ops->s2w(d, s); }

static const double zeros[M];

/* Coefficient m of the change cell (column j, row i) missed since event t,
 * msl_xfam_diff(rf, now, t, m, i) + msl_xfam_diff(cf, now, t, m, j), into
 * c[m], term by term as msl_xfam_diff computes them, given the totals at
 * now: row i's (rc1, ro1) and column j's (cc1, co1). */
static inline void pend_coefs(const msl_exposure *x, int i, int j, int t, const double *rc1,
                              const double *ro1, const double *cc1, const double *co1,
                              double *c) {
  const msl_xfam *R = &x->rf, *C = &x->cf;
  const int r1 = R->at[x->ne], r0 = R->at[t], c1 = C->at[x->ne], c0 = C->at[t];
  const int rown = R->slot[i] >= 0, cown = C->slot[j] >= 0;
  const double *rc0 = R->common + (size_t)r0 * M, *ro0 = msl_xfam_own_row(R, r0, i, zeros);
  const double *cc0 = C->common + (size_t)c0 * M, *co0 = msl_xfam_own_row(C, c0, j, zeros);
  for (int m = 0; m < x->nm; m++) {
    double a = 0.0, b = 0.0;
    if (r1 != r0) {
      a = rc1[m] - rc0[m];
      if (rown) a = a + (ro1[m] - ro0[m]);
    }
    if (c1 != c0) {
      b = cc1[m] - cc0[m];
      if (cown) b = b + (co1[m] - co0[m]);
    }
    c[m] = a + b;
  }
}

/* Column j's pending changes since event lc: the part every row shares
 * (a common voltage, or row events on column j) into base (returns whether
 * it is not zero), and, for the rows idx[l] that have more, that excess in
 * cb[m][l] (n of them): the active rows' own sums and, for the rows pulsed
 * since lc, the whole change from their own catch-up less base. */
MSL_KERNEL
static int col_coefs(msl_exposure *x, int j, int lc, double *base, int *n_out) {
  const int No = x->n_post, ne = x->ne, nm = x->nm;
  const msl_xfam *R = &x->rf, *C = &x->cf;
  const int a = R->at[ne], b = R->at[lc], ca = C->at[ne], cl = C->at[lc];
  const int *lr = x->last_row;
  double *restrict cb = x->cb;
  int *restrict idx = x->idx;
  int dense = 0;
  for (int m = 0; m < nm; m++) {
    base[m] = (R->common[(size_t)a * M + m] - R->common[(size_t)b * M + m]) +
              msl_xfam_diff(C, ca, cl, m, j);
    dense |= base[m] != 0.0;
  }
  const int na = R->nact[a], nb = R->nact[b];
  const double *oa = R->own + R->off[a], *ob = R->own + R->off[b];
  /* In order, the active rows with an own change since lc that are not
   * current later (below) and whose excess is not zero: the excess of
   * place p is its line's coefficients at total a less those at b (none
   * there if p became active after b). */
  int n = 0;
  for (int p = 0; p < na; p++) {
    const int i = R->line[p];
    if (lr[i] > lc || R->last[i] <= b) continue;
    const double *restrict ra = oa + (size_t)p * nm, *restrict rb = ob + (size_t)p * nm;
    int any = 0;
    if (p < nb)
      for (int m = 0; m < nm; m++) {
        double c = ra[m] - rb[m];
        cb[(size_t)m * No + n] = c;
        any |= c != 0.0;
      }
    else
      for (int m = 0; m < nm; m++) {
        double c = ra[m] - 0.0;
        cb[(size_t)m * No + n] = c;
        any |= c != 0.0;
      }
    if (any) idx[n++] = i;
  }
  const double *rc1 = R->common + (size_t)a * M, *cc1 = C->common + (size_t)ca * M;
  const double *co1 = msl_xfam_own_row(C, ca, j, zeros);
  for (int q = 0; q < x->n_touched; q++) {
    const int i = x->touched[q], t = lr[i];
    if (t <= lc) continue;
    double c[M];
    pend_coefs(x, i, j, t, rc1, msl_xfam_own_row(R, a, i, zeros), cc1, co1, c);
    int any = 0;
    for (int m = 0; m < nm; m++) {
      double d = c[m] - base[m];
      cb[(size_t)m * No + n] = d;
      any |= d != 0.0;
    }
    if (any) idx[n++] = i;
  }
  *n_out = n;
  return dense;
}

/* Clenshaw's recurrence: ds[l] += sum_m c[m][l] T_m(u[l]) for n cells
 * (coefficient stride No), a loop the compiler vectorises. */
MSL_KERNEL
static void clenshaw(const double *restrict cb, int No, int nm, const double *restrict u,
                     double *restrict b1, double *restrict b2, double *restrict ds, int n) {
  for (int l = 0; l < n; l++) b1[l] = b2[l] = 0.0;
  for (int m = nm - 1; m >= 1; m--) {
    const double *restrict c = cb + (size_t)m * No;
    for (int l = 0; l < n; l++) {
      double b = c[l] + 2.0 * u[l] * b1[l] - b2[l];
      b2[l] = b1[l];
      b1[l] = b;
    }
  }
  for (int l = 0; l < n; l++) ds[l] += cb[l] + u[l] * b1[l] - b2[l];
}

/* The same with one coefficient list for every cell (ds set). */
MSL_KERNEL
static void clenshaw_common(const double *restrict base, int nm, const double *restrict u,
                            double *restrict b1, double *restrict b2, double *restrict ds,
                            int n) {
  for (int l = 0; l < n; l++) b1[l] = b2[l] = 0.0;
  for (int m = nm - 1; m >= 1; m--) {
    const double c = base[m];
    for (int l = 0; l < n; l++) {
      double b = c + 2.0 * u[l] * b1[l] - b2[l];
      b2[l] = b1[l];
      b1[l] = b;
    }
  }
  for (int l = 0; l < n; l++) ds[l] = base[0] + u[l] * b1[l] - b2[l];
}

/* Catch up the cells of column j: every row's (dense: a shared part) or
 * only those with a change of their own (V/2). */
MSL_KERNEL
static void catch_col(msl_exposure *x, msl_cell_array *A, int j, msl_syn_stats *st) {
  const int No = x->n_post, ne = x->ne, lc = x->last_col[j], nm = x->nm;
  if (lc == ne) return;
  x->last_col[j] = ne;
  if (x->rf.at[ne] == x->rf.at[lc] && x->cf.at[ne] == x->cf.at[lc]) return;
  double base[M];
  int n, dense;
  if (x->cf.slot[j] < 0 && x->memo_lc == lc) { /* the last such column's coefficients */
    n = x->memo_n;
    dense = x->memo_dense;
    memcpy(base, x->memo_base, sizeof base);
  } else {
    dense = col_coefs(x, j, lc, base, &n);
    x->memo_lc = x->cf.slot[j] < 0 ? lc : -1;
    x->memo_n = n;
    x->memo_dense = dense;
    memcpy(x->memo_base, base, sizeof base);
  }
  if (!dense && n == 0) return;
  double *s = A->s + (size_t)j * No, *restrict w = A->W + (size_t)j * No;
  double *restrict u = x->ul, *restrict g = x->sg, *restrict wn = x->wn;
  double *restrict ds = x->vt, *restrict dl = x->vt + No; /* every row's, the listed rows' */
  const int *restrict idx = x->idx;
  const double lo = x->lo, hi = x->hi, k2 = 2.0 / (hi - lo), mid = 0.5 * (lo + hi);
  const int nc = dense ? No : n; /* the cells changed: every row, or idx[0..n) */
  /* the changed cells' states (dense: the column's own), their weights */
  double *restrict wg = x->wg;
  const double *sv = dense ? s : x->sv;
  if (!dense)
    for (int l = 0; l < n; l++) { /* (both loads in one short loop: they overlap) */
      x->sv[l] = s[idx[l]];
      wg[l] = w[idx[l]];
    }
  for (int l = 0; l < nc; l++) {
    double v = (sv[l] - mid) * k2;
    u[l] = v < -1.0 ? -1.0 : (v > 1.0 ? 1.0 : v);
  }
  if (dense) {
    clenshaw_common(base, nm, u, x->b1, x->b2, ds, No);
    for (int l = 0; l < n; l++) {
      g[l] = u[idx[l]];
      dl[l] = 0.0;
    }
    clenshaw(x->cb, No, nm, g, x->b1, x->b2, dl, n);
    for (int l = 0; l < n; l++) ds[idx[l]] += dl[l];
  } else {
    for (int l = 0; l < n; l++) ds[l] = 0.0;
    clenshaw(x->cb, No, nm, u, x->b1, x->b2, ds, n);
  }
  for (int l = 0; l < nc; l++) {
    double si = sv[l], gi = si + ds[l];
    gi = gi < lo ? lo : (gi > hi ? hi : gi);
    g[l] = ds[l] != 0.0 ? gi : si;
  }
  if (A->dev->ops->read)
    A->dev->ops->read(A->dev, g, wn, nc);
  else
    for (int l = 0; l < nc; l++) wn[l] = w_of(A->dev, g[l]);
  double drift = 0.0, dc = 0.0;
  if (dense) { /* (the sums in lanes, as changed_col_e's) */
    lanes_d dl8 = {0}, dc8 = {0};
    double *restrict rs = x->rs;
    int i0 = 0;
    for (; i0 + LANES <= No; i0 += LANES) {
      lanes_d a, a0, r;
      LANES_LOAD(a, wn + i0);
      LANES_LOAD(a0, w + i0);
      LANES_LOAD(r, rs + i0);
      const lanes_d d = LANES_ABS(a) - LANES_ABS(a0);
      dl8 += a - a0;
      dc8 += d;
      r += d;
      LANES_STORE(rs + i0, r);
    }
    for (int l = 0; i0 + l < No; l++) {
      const int i = i0 + l;
      double d = fabs(wn[i]) - fabs(w[i]);
      dl8[l] += wn[i] - w[i];
      rs[i] += d;
      dc8[l] += d;
    }
    memcpy(s, g, (size_t)No * sizeof *s);
    memcpy(w, wn, (size_t)No * sizeof *w);
    drift = lanes_total(0.0, &dl8);
    dc = lanes_total(0.0, &dc8);
  } else {
    for (int l = 0; l < n; l++) {
      const int i = idx[l];
      double d = fabs(wn[l]) - fabs(wg[l]);
      drift += wn[l] - wg[l];
      x->rs[i] += d;
      dc += d;
      s[i] = g[l];
      w[i] = wn[l];
    }
  }
  x->cs[j] += dc;
  st->drift_w += drift;
}

/* Row i is current at a later event than its columns' catch-ups. */
static void touch_row(msl_exposure *x, int i, int t) {
  x->last_row[i] = t;
  x->memo_lc = -1;
  if (!x->is_touched[i]) {
    x->is_touched[i] = 1;
    x->touched[x->n_touched++] = i;
  }
}

/* Catch up the cells of row i (all columns): the cells not current
 * gathered (a row's cells are a column apart: the loads overlap in a
 * short loop), the pending coefficients of each in column order, the
 * recurrences for all of them together (a vectorised loop), then the
 * cells' changes in column order. */
MSL_KERNEL
static void catch_row(msl_exposure *x, msl_cell_array *A, int i, msl_syn_stats *st) {
  const int No = x->n_post, Ne = x->n_pre, ne = x->ne, nm = x->nm, lri = x->last_row[i];
  if (lri == ne) return;
  const int r1 = x->rf.at[ne], c1 = x->cf.at[ne];
  const double *rc1 = x->rf.common + (size_t)r1 * M;
  const double *ro1 = msl_xfam_own_row(&x->rf, r1, i, zeros);
  const double *cc1 = x->cf.common + (size_t)c1 * M;
  const double lo = x->lo, hi = x->hi;
  double *restrict cb = x->cb, *restrict u = x->ul, *restrict sv = x->sv, *restrict ds = x->vt;
  double *restrict wv = x->wn;
  int *restrict jx = x->idx;
  const int *restrict lcol = x->last_col;
  int n = 0; /* the cells not current: jx[l], their states sv[l] and weights wv[l] */
  for (int j = 0; j < Ne; j++) {
    const size_t k = (size_t)j * No + i;
    jx[n] = j;
    sv[n] = A->s[k];
    wv[n] = A->W[k];
    n += (lcol[j] > lri ? lcol[j] : lri) != ne;
  }
  int nc = 0; /* those with a pending change, in place */
  /* A column without a part of its own in the row events has the
   * coefficients of any other such column current since the same event:
   * kept from the last one (event tk, -1: none). */
  int tk = -1, anyk = 0;
  double ck[M], c[M] = {0};
  for (int l = 0; l < n; l++) {
    const int j = jx[l], t = lcol[j] > lri ? lcol[j] : lri, shared = x->cf.slot[j] < 0;
    int any = 0;
    if (shared && t == tk) {
      memcpy(c, ck, (size_t)nm * sizeof *c);
      any = anyk;
    } else {
      pend_coefs(x, i, j, t, rc1, ro1, cc1, msl_xfam_own_row(&x->cf, c1, j, zeros), c);
      for (int m = 0; m < nm; m++) any |= c[m] != 0.0;
      if (shared) {
        tk = t;
        anyk = any;
        memcpy(ck, c, (size_t)nm * sizeof *c);
      }
    }
    if (!any) continue;
    for (int m = 0; m < nm; m++) cb[(size_t)m * Ne + nc] = c[m];
    const double sj = sv[l];
    double v = (2.0 * sj - (lo + hi)) / (hi - lo);
    u[nc] = v < -1.0 ? -1.0 : (v > 1.0 ? 1.0 : v);
    sv[nc] = sj;
    wv[nc] = wv[l];
    jx[nc++] = j;
  }
  for (int l = 0; l < nc; l++) ds[l] = 0.0; /* (0 + -0 is +0: either is no change) */
  clenshaw(cb, Ne, nm, u, x->b1, x->b2, ds, nc);
  double drift = st->drift_w, ri = x->rs[i];
  for (int l = 0; l < nc; l++) {
    if (ds[l] == 0.0) continue;
    const int j = jx[l];
    const size_t k = (size_t)j * No + i;
    double g = sv[l] + ds[l];
    g = g < lo ? lo : (g > hi ? hi : g);
    const double wn = w_of(A->dev, g), d = fabs(wn) - fabs(wv[l]);
    drift += wn - wv[l];
    ri += d;
    x->cs[j] += d;
    A->s[k] = g;
    A->W[k] = wn;
  }
  st->drift_w = drift;
  x->rs[i] = ri;
  touch_row(x, i, ne);
}

void msl_exposure_flush_all(msl_exposure *x, msl_cell_array *A, msl_syn_stats *st) {
  for (int j = 0; j < x->n_pre; j++) catch_col(x, A, j, st);
  x->ne = 0;
  msl_xfam_reset(&x->rf);
  msl_xfam_reset(&x->cf);
  memset(x->last_col, 0, (size_t)x->n_pre * sizeof *x->last_col);
  memset(x->last_row, 0, (size_t)x->n_post * sizeof *x->last_row);
  for (int q = 0; q < x->n_touched; q++) x->is_touched[x->touched[q]] = 0;
  x->n_touched = 0;
  x->memo_lc = -1;
  x->stale = 1; /* no rounding drift from the running updates: the sums start again */
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

/* Line k's value: v[1 + q] for the q-th listed line, else v[0]. The walks
 * below visit every line in order, as a loop over all of them would. */
void msl_exposure_energy(msl_exposure *x, const msl_cell_array *A, int rows,
                         const int *lines, int n, const int *ks, int nk, const double *vp,
                         const double *pp, double *e, double *iv) {
  sums(x, A); /* every event asks for its energy before its pulses */
  const int No = x->n_post;
  const int nl = rows ? x->n_pre : No;
  const double *sum = rows ? x->cs : x->rs;
  const double *W = A->W;
  double a = 0.0, b = 0.0;
  if (vp[0] == 0.0 && pp[0] == 0.0) { /* V/2: only the listed lines add (exactly: the rest add 0) */
    for (int q = 0; q < nk; q++) {
      const int k = ks[q];
      a += sum[k] * (vp[1 + q] * vp[1 + q]);
      b += sum[k] * pp[1 + q];
    }
    /* less the driven lines' own cells */
    for (int d = 0; d < n; d++)
      for (int q = 0; q < nk; q++) {
        const int k = ks[q];
        double wk = fabs(rows ? W[(size_t)k * No + lines[d]] : W[(size_t)lines[d] * No + k]);
        a -= wk * (vp[1 + q] * vp[1 + q]);
        b -= wk * pp[1 + q];
      }
  } else {
    for (int k = 0, q = 0; k < nl; k++) {
      const int own = q < nk && ks[q] == k, c = own ? 1 + q++ : 0;
      a += sum[k] * (vp[c] * vp[c]);
      b += sum[k] * pp[c];
    }
    for (int d = 0; d < n; d++)
      for (int k = 0, q = 0; k < nl; k++) {
        const int own = q < nk && ks[q] == k, c = own ? 1 + q++ : 0;
        double wk = fabs(rows ? W[(size_t)k * No + lines[d]] : W[(size_t)lines[d] * No + k]);
        a -= wk * (vp[c] * vp[c]);
        b -= wk * pp[c];
      }
  }
  *e = a;
  *iv = b;
}

/* Own lines 1..nc-1's coefficients sum_q cheb[m][q] vt[q][c] (in order
 * of q), eight lines at a time, added to their places in next. */
static inline __attribute__((always_inline)) void own_coefs(const msl_exposure *x,
                                                             const msl_xfam *F,
                                                             double *restrict next,
                                                             const double *restrict vt, int nc,
                                                             int nm) {
  enum { B = 8 };
  for (int c0 = 1; c0 < nc; c0 += B) {
    const int nb = nc - c0 < B ? nc - c0 : B;
    double acc[M][B];
    for (int m = 0; m < nm; m++)
      for (int l = 0; l < B; l++) acc[m][l] = 0.0;
    for (int q = 0; q < nm; q++) {
      double d[B];
      const double *restrict vq = vt + (size_t)q * nc + c0;
      if (nb == B) /* (a whole block: one vector load) */
        for (int l = 0; l < B; l++) d[l] = vq[l];
      else
        for (int l = 0; l < B; l++) d[l] = l < nb ? vq[l] : 0.0;
      for (int m = 0; m < nm; m++) {
        const double hq = x->cheb[m][q];
        for (int l = 0; l < B; l++) acc[m][l] += hq * d[l];
      }
    }
    for (int l = 0; l < nb; l++) {
      double *restrict o = next + (size_t)F->slot[x->ol[c0 + l - 1]] * nm;
      for (int m = 0; m < nm; m++) o[m] += acc[m][l];
    }
  }
}

/* The event's node changes (x->vw[q][c]: column 0 the common drive's, 1..no
 * the own lines') into family F's next total: the common change's
 * coefficients, and each own line's excess over it (a small matrix
 * product, vectorised over lines) added to its place. */
MSL_KERNEL
static int accumulate(msl_exposure *x, msl_xfam *F, int no) {
  const int nm = x->nm, nc = no + 1, e = F->n_ev;
  int na = F->nact[e];
  for (int c = 0; c < no; c++) /* new active lines */
    if (F->slot[x->ol[c]] < 0) {
      F->slot[x->ol[c]] = na;
      F->line[na++] = x->ol[c];
    }
  const int na0 = F->nact[e];
  F->off[e + 1] = F->off[e] + (size_t)nm * na0;
  if (msl_xfam_room(F, F->off[e + 1] + (size_t)nm * na)) return -1;
  const double *restrict prev = F->own + F->off[e];
  double *restrict next = F->own + F->off[e + 1];
  const double *restrict vw = x->vw;
  double *restrict vt = x->vt;
  memcpy(next, prev, (size_t)nm * na0 * sizeof *next);
  memset(next + (size_t)nm * na0, 0, (size_t)nm * (na - na0) * sizeof *next);
  for (int m = 0; m < nm; m++) {
    double h = 0.0;
    for (int q = 0; q < nm; q++) h += x->cheb[m][q] * vw[(size_t)q * nc];
    F->common[(size_t)(e + 1) * M + m] = F->common[(size_t)e * M + m] + h;
  }
  /* The own lines' excess at the nodes (vt[q][c], column 0 unused), then
   * its coefficients. */
  for (int q = 0; q < nm; q++) {
    const double *restrict f = vw + (size_t)q * nc, f0 = f[0];
    double *restrict d = vt + (size_t)q * nc;
    for (int c = 1; c < nc; c++) d[c] = f[c] - f0;
  }
  if (nm == M) /* the constant count lets the compiler keep the blocks in registers */
    own_coefs(x, F, next, vt, nc, M);
  else
    own_coefs(x, F, next, vt, nc, nm);
  for (int c = 0; c < no; c++) F->last[x->ol[c]] = e + 1;
  F->nact[e + 1] = na;
  return 0;
}

int msl_exposure_add(msl_exposure *x, const msl_cell_array *A, int rows, const int *lines, int n,
                     const int *ks, int nk, const double *uk_, double u0, double dt) {
  msl_xfam *F = rows ? &x->cf : &x->rf;
  const int nm = x->nm;
  /* One pulse at every node state with the common drive and with each
   * drive of its own (none below the device's inert drive: those leave a
   * pulsed cell exactly as it is). */
  const msl_device *d = A->dev;
  const double inert = d->ops->inert_drive ? d->ops->inert_drive(d) : 0.0;
  const double sh = fabs(u0) >= inert ? u0 : 0.0;
  int no = 0; /* the unlisted lines have u0, so sh */
  for (int q = 0; q < nk; q++) {
    double uk = fabs(uk_[q]) >= inert ? uk_[q] : 0.0;
    if (uk != sh) {
      x->ol[no] = ks[q];
      x->ou[no++] = uk;
    }
  }
  const int nc = no + 1;
  for (int q = 0; q < nm; q++) {
    double *vs = x->vs + (size_t)q * nc, *vw = x->vw + (size_t)q * nc;
    double *vu = x->vu + (size_t)q * nc;
    for (int c = 0; c < nc; c++) {
      vs[c] = x->node[q];
      vw[c] = 0.0;
    }
    vu[0] = sh;
    memcpy(vu + 1, x->ou, (size_t)no * sizeof *vu);
  }
  if (d->ops->delta) {
    d->ops->delta(d, x->vs, x->vu, x->vw, nm * nc, dt);
  } else {
    msl_pulse_stats ps = {0}; /* the node cells' clamps are not the array's */
    if (d->ops->pulse(d, x->vs, x->vw, x->iota, x->vu, nm * nc, dt, &ps)) return -1;
    for (int q = 0; q < nm; q++)
      for (int c = 0; c < nc; c++)
        x->vw[(size_t)q * nc + c] = x->vs[(size_t)q * nc + c] - x->node[q];
  }
  x->memo_lc = -1;
  if (accumulate(x, F, no)) return -1;
  F->n_ev++;
  x->ne++;
  x->rf.at[x->ne] = x->rf.n_ev;
  x->cf.at[x->ne] = x->cf.n_ev;
  for (int q = 0; q < n; q++)
    if (rows)
      touch_row(x, lines[q], x->ne);
    else
      x->last_col[lines[q]] = x->ne;
  return 0;
}

int msl_exposure_state(msl_exposure *x, msl_ckpt *c) {
  int64_t ne = x->ne;
  if (msl_ckpt_same(c, "exposure.n_pre", x->n_pre) ||
      msl_ckpt_same(c, "exposure.n_post", x->n_post) ||
      msl_ckpt_same(c, "exposure.nodes", x->nm) ||
      msl_ckpt_count(c, "exposure.ne", &ne, x->max_ev))
    return -1;
  x->ne = (int)ne;
  x->memo_lc = -1;
  if (msl_xfam_state(c, &x->rf, x->ne, x->nm) || msl_xfam_state(c, &x->cf, x->ne, x->nm) ||
      msl_ckpt_i32(c, "exposure.last_col", x->last_col, (size_t)x->n_pre) ||
      msl_ckpt_i32(c, "exposure.last_row", x->last_row, (size_t)x->n_post) ||
      msl_ckpt_i32(c, "exposure.stale", &x->stale, 1) ||
      msl_ckpt_f64(c, "exposure.rs", x->rs, (size_t)x->n_post) ||
      msl_ckpt_f64(c, "exposure.cs", x->cs, (size_t)x->n_pre))
    return -1;
  if (msl_ckpt_loading(c) &&
      (x->stale < 0 || x->stale > 1 ||
       !msl_xfam_in_range(x->last_col, (size_t)x->n_pre, 0, x->ne, 0) ||
       !msl_xfam_in_range(x->last_row, (size_t)x->n_post, 0, x->ne, 0)))
    return msl_error_set("checkpoint: bias drive: inconsistent catch-up events");
  if (msl_ckpt_loading(c)) { /* the rows current later than event 0 */
    x->n_touched = 0;
    for (int i = 0; i < x->n_post; i++) {
      x->is_touched[i] = x->last_row[i] > 0;
      if (x->is_touched[i]) x->touched[x->n_touched++] = i;
    }
  }
  return 0;
}
