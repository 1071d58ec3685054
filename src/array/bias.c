/* bias.c: the array drives of the V/2 and V/3 bias schemes (docs/array.md).
 *
 * An event drives some lines of one kind (rows: the step's post spikes;
 * columns: its pre spikes, or one replay round) at 0 V, each crossing line k
 * at the voltage v[k] its cells get in the ideal array, and holds the rest
 * at fractions of the event's amplitude V (the v[k] of largest magnitude,
 * with its sign): an unselected crossing line (v[k] = 0) at a V, every
 * undriven line of the driven kind at b V. A cell sees crossing - its line:
 *
 *                        selected crossing (v != 0)   unselected crossing (v = 0)
 *   driven line          v                            a V
 *   undriven line        v - b V                      (a - b) V
 *
 * V/2: a = b = 1/2; V/3: a = 1/3, b = 2/3. Every cell off the selected
 * crossings is half-selected; it changes through the device model at its
 * own voltage and its energy is counted apart (msl_syn_stats.energy_half_j).
 *
 * In the drives "v2" and "v3" the undriven cells are updated lazily
 * (exposure.c): in a column event cell (j, i) sees the same voltage as
 * every undriven cell of row i (in a row event, of column j), so each event
 * adds, per row (column), the change one pulse makes at a few node states,
 * and a cell takes the interpolated sum of the events it missed when its
 * column is next read or pulsed or its row pulsed. "v2-exact" and "v3-exact" pulse every
 * cell at every event instead (the reference the lazy drives are tested
 * against, and the only ones that combine with the non-idealities). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "drives.h"
#include "exposure.h"
#include "msl/error.h"

typedef struct {
  double a, b;
  int lazy;
  int n_pre, n_post;
  double *vs, *us, *vp, *up; /* [max(n_pre, n_post)] per crossing line: voltage and drive on
                                the driven lines (s) and on the undriven ones (p) */
  double *ps, *pp;           /* ... the supply power there per |w| G1 (v^2 for ohmic cells) */
  double u0;                 /* the drive of the undriven lines' unselected crossings */
  double *cv, *cu, *cp;      /* [2 max + 2]: prepare's compacted voltages, drives, powers */
  int *ci, nv;               /* [max]: the nv lines with a voltage */
  double *u;                 /* [n_post] the drives of one column's cells */
  double *w0;                /* [n_post] a column's weights before a pulse */
  double *w0r;               /* [n_pre] a row's */
  ptrdiff_t *iota;           /* [n_post] 0, 1, ... */
  ptrdiff_t *at_row;         /* [n_pre] 0, n_post, 2 n_post, ...: a row's cells */
  unsigned char *sel;        /* [max(n_pre, n_post)] the event's driven lines */
  msl_exposure *ex;          /* lazy drives: the undriven cells' pending changes */
} bias;

int msl_bias_scheme(const char *name, double *a, double *b, int *lazy) {
  static const struct {
    const char *name;
    double a, b;
    int lazy;
  } s[] = {{"v2", 0.5, 0.5, 1}, {"v3", 1.0 / 3, 2.0 / 3, 1},
           {"v2-exact", 0.5, 0.5, 0}, {"v3-exact", 1.0 / 3, 2.0 / 3, 0}};
  for (size_t k = 0; k < sizeof s / sizeof s[0]; k++)
    if (strcmp(name, s[k].name) == 0) {
      *a = s[k].a;
      *b = s[k].b;
      *lazy = s[k].lazy;
      return 0;
    }
  return -1;
}

double msl_bias_amplitude(const double *v, int n) {
  double V = 0.0;
  for (int k = 0; k < n; k++)
    if (fabs(v[k]) > fabs(V)) V = v[k];
  return V;
}

void msl_bias_cell_voltages(double a, double b, double V, const double *v, int n,
                            double *on_driven, double *on_undriven) {
  for (int k = 0; k < n; k++) {
    on_driven[k] = v[k] != 0.0 ? v[k] : a * V;
    on_undriven[k] = v[k] != 0.0 ? v[k] - b * V : (a - b) * V;
  }
}

/* Drives of n memristor voltages through the cell circuit. */
static void drives(const msl_cell_array *A, const double *v, double *u, int n) {
  if (A->cell->ops->across) {
    A->cell->ops->across(A->cell, A->dev, v, u, n);
    A->dev->ops->drive(A->dev, u, u, n);
  } else {
    A->dev->ops->drive(A->dev, v, u, n);
  }
}

static void powers(const msl_cell_array *A, const double *v, double *p, int n) {
  if (!msl_cell_power(A->cell, A->dev, v, p, n))
    for (int k = 0; k < n; k++) p[k] = v[k] * v[k];
}

/* The lines with a voltage (B->ci, B->nv) and the event's amplitude, as
 * msl_bias_amplitude (the others cannot change it). */
static double scan(bias *B, const double *v, int n) {
  int nv = 0;
  for (int k = 0; k < n; k++)
    if (v[k] != 0.0) B->ci[nv++] = k;
  B->nv = nv;
  double V = 0.0;
  for (int q = 0; q < nv; q++)
    if (fabs(v[B->ci[q]]) > fabs(V)) V = v[B->ci[q]];
  return V;
}

/* The event's voltages, drives and powers per crossing line (n of them):
 * on the driven lines (given drives uv of the ideal voltages, from the
 * rule, used where v != 0 for 1R cells) and on the undriven ones. The
 * unselected crossings (v = 0: most lines) share a V and (a - b) V, so the
 * device computes the nv lines with v != 0 (B->ci; their voltages
 * compacted into cv), the two shared values, and the undriven lines'
 * voltages: cv[0, nv) driven, cv[nv] a V, cv[nv + 1] (a - b) V, cv[nv + 2,
 * 2 nv + 2) undriven (drives cu and powers cp alike). Per line: vs, us, ps
 * (the driven lines' pulses and energy) and, for the exact drives, vp, up,
 * pp (the lazy ones take the compacted values). After scan. */
static void prepare(bias *B, const msl_cell_array *A, double V, const double *v,
                    const double *uv, int n) {
  const int nv = B->nv;
  for (int q = 0; q < nv; q++)
    msl_bias_cell_voltages(B->a, B->b, V, v + B->ci[q], 1, B->cv + q, B->cv + nv + 2 + q);
  const double zero = 0.0; /* an unselected crossing */
  msl_bias_cell_voltages(B->a, B->b, V, &zero, 1, B->cv + nv, B->cv + nv + 1);
  const int m = 2 * nv + 2;
  drives(A, B->cv, B->cu, m);
  powers(A, B->cv, B->cp, m);
  const double us0 = B->cu[nv], up0 = B->cu[nv + 1], ps0 = B->cp[nv], pp0 = B->cp[nv + 1];
  const double vs0 = B->cv[nv], vp0 = B->cv[nv + 1];
  B->u0 = up0;
  for (int k = 0; k < n; k++) {
    B->vs[k] = vs0;
    B->us[k] = us0;
    B->ps[k] = ps0;
  }
  for (int q = 0; q < nv; q++) {
    const int k = B->ci[q];
    B->vs[k] = B->cv[q];
    B->us[k] = uv && !A->cell->ops->across ? uv[k] : B->cu[q];
    B->ps[k] = B->cp[q];
  }
  if (B->ex) return;
  for (int k = 0; k < n; k++) {
    B->vp[k] = vp0;
    B->up[k] = up0;
    B->pp[k] = pp0;
  }
  for (int q = 0; q < nv; q++) {
    const int k = B->ci[q];
    B->vp[k] = B->cv[nv + 2 + q];
    B->up[k] = B->cu[nv + 2 + q];
    B->pp[k] = B->cp[nv + 2 + q];
  }
}

/* An event's energy per G1 dt (e: |w| V^2; iv: |w| times the supply power)
 * and its half-selected cell-pulses. */
typedef struct {
  double e_sel, e_half, iv_sel, iv_half, half;
} tally;

/* Pulse column j's cells with drives u (0: untouched); adds to *drift the
 * change of |w| of the cells with mask[i] == 0 (NULL: every cell). A lazy
 * drive given t (and mask) also tallies the column as a driven line, as
 * tally_driven would before the pulse (the weights before are in B->w0). */
static int pulse_column(bias *B, msl_cell_array *A, int j, const double *u,
                        const unsigned char *mask, double dt, double *drift,
                        msl_pulse_stats *ps, msl_syn_counts *cn, tally *t) {
  const int No = A->n_post;
  double *w = A->W + (size_t)j * No;
  memcpy(B->w0, w, (size_t)No * sizeof *w);
  if (msl_array_pulse(A, (size_t)j * No, B->iota, u, No, dt, ps, cn)) return -1;
  if (B->ex && t) { /* the drift, the sums and the energy in one pass */
    double e[4] = {t->e_sel, t->iv_sel, t->e_half, t->iv_half};
    *drift += msl_exposure_changed_col_e(B->ex, j, B->w0, w, mask, B->vs, B->ps, e);
    t->e_sel = e[0];
    t->iv_sel = e[1];
    t->e_half = e[2];
    t->iv_half = e[3];
    return 0;
  }
  if (B->ex) { /* the drift with the sums, in one pass */
    *drift += msl_exposure_changed_col(B->ex, j, B->w0, w, mask);
    return 0;
  }
  double d = 0.0;
  for (int i = 0; i < No; i++) d += (mask && mask[i]) ? 0.0 : w[i] - B->w0[i];
  *drift += d;
  return 0;
}

/* The cells of one driven line: n cells w[k * stride], crossing voltages v
 * (ideal), at the event's driven-line voltages B->vs (powers B->ps). */
static void tally_driven(tally *t, const bias *B, const double *w, ptrdiff_t stride,
                         const double *v, int n) {
  /* in locals: through t the sums would be stored and loaded every cell */
  double es = t->e_sel, is = t->iv_sel, eh = t->e_half, ih = t->iv_half;
  const double *vs = B->vs, *ps = B->ps;
  for (int k = 0; k < n; k++) {
    double x = fabs(w[k * stride]);
    int on = v[k] != 0.0;
    es += on ? x * (vs[k] * vs[k]) : 0.0;
    is += on ? x * ps[k] : 0.0;
    eh += on ? 0.0 : x * (vs[k] * vs[k]);
    ih += on ? 0.0 : x * ps[k];
  }
  t->e_sel = es;
  t->iv_sel = is;
  t->e_half = eh;
  t->iv_half = ih;
}

/* Half-selected cell-pulses of an event of nd driven lines out of nl, with
 * ideal crossing voltages v[0..n-1]: on the driven lines, the unselected
 * crossings (at a V, if not 0); on the others, every non-zero voltage. */
static double half_count(const bias *B, int n, int nd, int nl) {
  const int nv = B->nv, n_zero = n - nv;
  int n_exposed = B->cv[nv + 1] != 0.0 ? n_zero : 0;
  for (int q = 0; q < nv; q++) n_exposed += B->cv[nv + 2 + q] != 0.0;
  return (B->a != 0.0 ? (double)nd * n_zero : 0.0) + (double)(nl - nd) * n_exposed;
}

/* Into the statistics, part being the row or column pulses' energy. */
static void tally_commit(const tally *t, double g1dt, msl_syn_stats *st, double *part) {
  double e = (t->e_sel + t->e_half) * g1dt;
  st->energy_j += e;
  *part += e;
  st->energy_half_j += t->e_half * g1dt;
  st->energy_iv_j += (t->iv_sel + t->iv_half) * g1dt;
  st->half_pulses += t->half;
}

/* Pulse the cells of row i at columns j (stride n_post) with drives u[j];
 * adds to *drift the |w| change of the columns with v[j] == 0 (their cells
 * are half-selected) and keeps the exposure's sums. */
static int pulse_row(bias *B, msl_cell_array *A, int i, const double *u, const double *v,
                     double dt, double *drift, msl_pulse_stats *ps, msl_syn_counts *cn) {
  const int Ne = A->n_pre, No = A->n_post;
  for (int j = 0; j < Ne; j++) B->w0r[j] = A->W[(size_t)j * No + i];
  if (msl_array_pulse(A, (size_t)i, B->at_row, u, Ne, dt, ps, cn)) return -1;
  double d = 0.0;
  for (int j = 0; j < Ne; j++) {
    double w = A->W[(size_t)j * No + i];
    d += v[j] == 0.0 ? w - B->w0r[j] : 0.0;
    if (B->ex) msl_exposure_changed(B->ex, j, i, B->w0r[j], w);
  }
  *drift += d;
  return 0;
}

/* A row event: rows[0..nr-1] driven with column voltages vc (drives uc);
 * the undriven rows' cells lazily (v2, v3) or now (-exact). */
static int row_event(bias *B, msl_cell_array *A, const int *rows, int nr, const double *vc,
                     const double *uc, msl_syn_stats *st, msl_syn_counts *cn,
                     msl_pulse_stats *ps) {
  const int Ne = A->n_pre, No = A->n_post;
  const double V = scan(B, vc, Ne), g1dt = A->dev->g1 * A->dt_post;
  if (V == 0.0) return 0;
  prepare(B, A, V, vc, uc, Ne);
  if (B->ex) msl_exposure_touch(B->ex, A, 1, rows, nr, st);
  memset(B->sel, 0, (size_t)No);
  for (int k = 0; k < nr; k++) B->sel[rows[k]] = 1;
  tally t = {0};
  t.half = half_count(B, Ne, nr, No);
  /* Energy from the weights before the event: the driven rows' cells... */
  for (int k = 0; k < nr; k++) tally_driven(&t, B, A->W + rows[k], No, vc, Ne);
  /* ... and the others'. */
  if (B->ex) {
    double eh, ih;
    msl_exposure_energy(B->ex, A, 1, rows, nr, B->ci, B->nv, B->cv + B->nv + 1,
                        B->cp + B->nv + 1, &eh, &ih);
    t.e_half += eh;
    t.iv_half += ih;
  } else {
    for (int j = 0; j < Ne; j++) {
      const double *w = A->W + (size_t)j * No;
      double off = 0.0;
      for (int i = 0; i < No; i++) off += B->sel[i] ? 0.0 : fabs(w[i]);
      t.e_half += off * (B->vp[j] * B->vp[j]);
      t.iv_half += off * B->pp[j];
    }
  }
  for (int k = 0; k < nr; k++)
    if (pulse_row(B, A, rows[k], B->us, vc, A->dt_post, &st->drift_w, ps, cn)) return -1;
  if (B->ex) {
    if (msl_exposure_add(B->ex, A, 1, rows, nr, B->ci, B->nv, B->cu + B->nv + 2, B->u0,
                         A->dt_post))
      return -1;
  } else {
    for (int j = 0; j < Ne; j++) { /* every undriven row's cell of column j at vp[j] */
      for (int i = 0; i < No; i++) B->u[i] = B->sel[i] ? 0.0 : B->up[j];
      if (pulse_column(B, A, j, B->u, B->sel, A->dt_post, &st->drift_w, ps, cn, NULL))
        return -1;
    }
  }
  tally_commit(&t, g1dt, st, &st->energy_row_j);
  return 0;
}

/* A column event: cols[0..nc-1] driven with row voltages vr (drives ur),
 * width dt; the undriven columns' cells lazily (v2, v3) or now (-exact). */
static int col_event(bias *B, msl_cell_array *A, const int *cols, int nc, const double *vr,
                     const double *ur, double dt, msl_syn_stats *st, msl_syn_counts *cn,
                     msl_pulse_stats *ps) {
  const int Ne = A->n_pre, No = A->n_post;
  const double V = scan(B, vr, No), g1dt = A->dev->g1 * dt;
  if (V == 0.0 || nc == 0) return 0;
  prepare(B, A, V, vr, ur, No);
  if (B->ex) msl_exposure_touch(B->ex, A, 0, cols, nc, st);
  tally t = {0};
  t.half = half_count(B, No, nc, Ne);
  /* Energy from the weights before the event: the driven columns (when
   * lazy: with their pulses, below)... */
  if (!B->ex)
    for (int k = 0; k < nc; k++) tally_driven(&t, B, A->W + (size_t)cols[k] * No, 1, vr, No);
  /* ... and the others (their row sums, when lazy). */
  double eh = 0.0, ih = 0.0;
  if (B->ex) {
    msl_exposure_energy(B->ex, A, 0, cols, nc, B->ci, B->nv, B->cv + B->nv + 1,
                        B->cp + B->nv + 1, &eh, &ih);
  } else {
    memset(B->sel, 0, (size_t)Ne);
    for (int k = 0; k < nc; k++) B->sel[cols[k]] = 1;
    for (int j = 0; j < Ne; j++) {
      if (B->sel[j]) continue;
      const double *w = A->W + (size_t)j * No;
      for (int i = 0; i < No; i++) {
        t.e_half += fabs(w[i]) * (B->vp[i] * B->vp[i]);
        t.iv_half += fabs(w[i]) * B->pp[i];
      }
    }
  }
  /* Pulses: the driven columns, then the others. */
  memset(B->sel, 0, (size_t)No);
  for (int q = 0; q < B->nv; q++) B->sel[B->ci[q]] = 1;
  for (int k = 0; k < nc; k++)
    if (pulse_column(B, A, cols[k], B->us, B->sel, dt, &st->drift_w, ps, cn, B->ex ? &t : NULL))
      return -1;
  if (B->ex) {
    t.e_half += eh; /* after the driven columns' terms, as in the exact drive */
    t.iv_half += ih;
    if (msl_exposure_add(B->ex, A, 0, cols, nc, B->ci, B->nv, B->cu + B->nv + 2, B->u0, dt))
      return -1;
  } else {
    memset(B->sel, 0, (size_t)Ne);
    for (int k = 0; k < nc; k++) B->sel[cols[k]] = 1;
    for (int j = 0; j < Ne; j++)
      if (!B->sel[j] && pulse_column(B, A, j, B->up, NULL, dt, &st->drift_w, ps, cn, NULL))
        return -1;
  }
  tally_commit(&t, g1dt, st, &st->energy_col_j);
  return 0;
}

/* The sum of the listed lines' x (after scan: as over all, whose others
 * are 0) and of their squares. */
static void listed_sums(const bias *B, const double *x, double *s1, double *s2) {
  double a = 0.0, b = 0.0;
  for (int q = 0; q < B->nv; q++) {
    const double v = x[B->ci[q]];
    a += v;
    b += v * v;
  }
  *s1 = a;
  *s2 = b;
}

/* The sum of x[0..n) and of its squares. */
static void line_sums(const double *x, int n, double *s1, double *s2) {
  double a = 0.0, b = 0.0;
  for (int k = 0; k < n; k++) {
    a += x[k];
    b += x[k] * x[k];
  }
  *s1 = a;
  *s2 = b;
}

/* Workload 1: the row event (post spikes), then the column event (pre
 * spikes). Voltage counters as the ideal drive's: the driver voltages of
 * every selected line's pulse. */
static int bi_learn(msl_drive *dr, msl_cell_array *A, const int *rows, int nr, const double *vc,
                    const double *uc, const int *cols, int nc, const double *vr,
                    const double *ur, msl_syn_stats *st, msl_syn_counts *cn) {
  bias *B = dr->content;
  msl_pulse_stats ps = {0};
  int rc = 0;
  double s1, s2; /* each event scans its voltages first */
  if (nr) {
    rc = row_event(B, A, rows, nr, vc, uc, st, cn, &ps);
    listed_sums(B, vc, &s1, &s2);
    st->sum_v_pre += nr * s1;
    st->sum_v2_pre += nr * s2;
  }
  if (nc && !rc) {
    rc = col_event(B, A, cols, nc, vr, ur, A->dt_pre, st, cn, &ps);
    listed_sums(B, vr, &s1, &s2);
    st->sum_v_post += nc * s1;
    st->sum_v2_post += nc * s2;
  }
  cn->clamped += ps.clamped;
  return rc;
}

/* Workload 2: rounds as the ideal drive's, each round one column event of
 * every column whose count exceeds it: the positive voltages' rounds, then
 * the negative ones'. */
static int bi_replay(msl_drive *dr, msl_cell_array *A, const msl_spikes *pre, const double *vpos,
                     const double *vneg, msl_syn_stats *st, msl_syn_counts *cn) {
  bias *B = dr->content;
  const int No = A->n_post;
  double s1, s2;
  line_sums(vpos, No, &s1, &s2);
  st->sum_v_pre += s1;
  st->sum_v2_pre += s2;
  line_sums(vneg, No, &s1, &s2);
  st->sum_v_post += s1;
  st->sum_v2_post += s2;
  int maxc = 0;
  for (int k = 0; k < pre->nnz; k++) {
    int c = (int)pre->x[pre->idx[k]];
    st->in_spikes += 2.0 * pre->x[pre->idx[k]];
    maxc = c > maxc ? c : maxc;
  }
  int *cols = malloc((size_t)(pre->nnz ? pre->nnz : 1) * sizeof *cols);
  if (!cols) return msl_error_set("bias drive: out of memory"), -1;
  msl_pulse_stats ps = {0};
  int rc = 0;
  for (int phase = 0; phase < 2 && !rc; phase++)
    for (int r = 0; r < maxc && !rc; r++) {
      int nc = 0;
      for (int k = 0; k < pre->nnz; k++)
        if ((int)pre->x[pre->idx[k]] > r) cols[nc++] = pre->idx[k];
      rc = col_event(B, A, cols, nc, phase ? vneg : vpos, NULL, A->dt_pre, st, cn, &ps);
    }
  free(cols);
  cn->clamped += ps.clamped;
  return rc;
}

static int bi_sync(msl_drive *dr, msl_cell_array *A, const int *cols, int n, msl_syn_stats *st) {
  bias *B = dr->content;
  if (!B->ex) return 0;
  if (cols)
    msl_exposure_touch(B->ex, A, 0, cols, n, st);
  else
    msl_exposure_flush_all(B->ex, A, st);
  return 0;
}

static void bi_destroy(msl_drive *dr) {
  bias *B = dr->content;
  if (!B) return;
  double *bufs[] = {B->vs, B->us, B->vp, B->up, B->ps, B->pp, B->u, B->w0, B->w0r,
                    B->cv, B->cu, B->cp};
  for (size_t k = 0; k < sizeof bufs / sizeof bufs[0]; k++) free(bufs[k]);
  free(B->iota);
  free(B->ci);
  free(B->at_row);
  free(B->sel);
  msl_exposure_free(B->ex);
  free(B);
}

/* Lazy drives: the pending changes (the rest is scratch). */
static int bi_state(msl_drive *dr, struct msl_ckpt *c) {
  bias *B = dr->content;
  return B->ex ? msl_exposure_state(B->ex, c) : 0;
}

static const msl_drive_ops bias_ops = {"bias", bi_learn, bi_replay, bi_destroy, bi_sync,
                                       bi_state};

msl_drive *msl_bias_drive_new(const char *name, const msl_cell_array *A) {
  double a, b;
  int lazy;
  if (msl_bias_scheme(name, &a, &b, &lazy))
    return msl_error_set("unknown bias scheme '%s'", name), NULL;
  if (lazy && A->ni)
    return msl_error_set("--bias %s: the lazy half-select path does not combine with the "
                         "cells' non-idealities; use --bias %s-exact (every cell pulsed at "
                         "every event: slow)", name, name),
           NULL;
  msl_drive *dr = calloc(1, sizeof *dr);
  bias *B = calloc(1, sizeof *B);
  if (!dr || !B) {
    free(dr);
    free(B);
    return msl_error_set("bias drive: out of memory"), NULL;
  }
  dr->ops = &bias_ops;
  dr->content = B;
  B->a = a;
  B->b = b;
  B->lazy = lazy;
  const size_t nmax = (size_t)(A->n_pre > A->n_post ? A->n_pre : A->n_post);
  int ok = 1;
  double **bufs[] = {&B->vs, &B->us, &B->vp, &B->up, &B->ps, &B->pp};
  for (size_t k = 0; k < sizeof bufs / sizeof bufs[0]; k++)
    ok &= !!(*bufs[k] = malloc(nmax * sizeof(double)));
  ok &= !!(B->u = malloc((size_t)A->n_post * sizeof *B->u));
  ok &= !!(B->w0 = malloc((size_t)A->n_post * sizeof *B->w0));
  ok &= !!(B->w0r = malloc((size_t)A->n_pre * sizeof *B->w0r));
  ok &= !!(B->iota = malloc((size_t)A->n_post * sizeof *B->iota));
  ok &= !!(B->at_row = malloc((size_t)A->n_pre * sizeof *B->at_row));
  ok &= !!(B->sel = malloc(nmax));
  double **cbufs[] = {&B->cv, &B->cu, &B->cp};
  for (size_t k = 0; k < sizeof cbufs / sizeof cbufs[0]; k++)
    ok &= !!(*cbufs[k] = malloc((2 * nmax + 2) * sizeof(double)));
  ok &= !!(B->ci = malloc(nmax * sizeof *B->ci));
  if (!ok) {
    msl_drive_free(dr);
    return msl_error_set("bias drive: out of memory for %zu lines", nmax), NULL;
  }
  for (int i = 0; i < A->n_post; i++) B->iota[i] = i;
  for (int j = 0; j < A->n_pre; j++) B->at_row[j] = (ptrdiff_t)j * A->n_post;
  if (lazy && !(B->ex = msl_exposure_new(A))) {
    msl_drive_free(dr);
    return NULL;
  }
  return dr;
}
