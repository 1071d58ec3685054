/* lines.c: the ideal array drive ("lines"), SPEC 4-6: a pulse reaches only
 * the cells of the pulsed row or column; every other cell sees 0 V.
 *
 * A post spike in row i pulses the row's cells for dt_post with the column
 * voltages; a pre spike in column j pulses the column's cells for dt_pre
 * with the row voltages; rows first, then columns. Replay (workload 2)
 * pulses each column c_j times with the positive part of the row voltages,
 * then c_j times with the negative part. Energy is taken from the weights
 * before the step's pulses (SPEC 6): sum |w| G1 V^2 dt, and beside it the
 * energy from the cell's supply power, sum |w| G1 power(V) dt (the same for
 * ohmic cells).
 *
 * Voltage counters (sum_v_*, sum_v2_*) add up the driver voltages of the
 * pulses actually applied: for each row pulse all column voltages, for each
 * column pulse all row voltages (docs/models.md). Cells at exactly 0 V are
 * left out of the pulse lists (they change nothing and cost no energy), and
 * so are cells whose drive is too small to change them (device op
 * inert_drive), though their energy and voltages count. */
#include "engine/dispatch.h"
#include <math.h>
#include <stdlib.h>

#include "drives.h"
#include "engine/lanes.h"
#include "engine/par.h"
#include "msl/error.h"

/* Counts and pulse statistics of a threaded loop: each thread's own, added
 * up afterwards (integers: any order gives the same total). */
#ifdef _OPENMP
#pragma omp declare reduction(counts_add : msl_syn_counts : msl_syn_counts_add(&omp_out, &omp_in)) \
    initializer(omp_priv = (msl_syn_counts){0})
#endif

/* The cells of one row or column that a pulse drives: offsets (relative to
 * the row's or column's first cell), volts, their squares, the cell's power
 * at those volts (pw; when has_pw) and the device's drive. Sparse lists hold
 * only the cells at non-zero voltage; when most cells of a column are
 * driven, the list is dense (every cell, offsets 0..n-1, zero drive for
 * 0 V, which the models leave unchanged) so that the device updates the
 * column in place. */
typedef struct {
  int n;
  int iota;      /* at[] holds 0..capacity-1 (the dense form), left from before */
  int has_pw;    /* pw holds the cell's power (else it is v2: ohmic) */
  ptrdiff_t *at;
  double *v, *v2, *pw, *u;
  double sum_v, sum_v2; /* of the listed voltages, for the counters */
  /* The cells a pulse actually changes: pn cells pat[], pu[] (= n, at, u
   * unless the device has an inert drive; then those with |u| >= it). */
  int pn;
  const ptrdiff_t *pat;
  const double *pu;
  ptrdiff_t *at_live; /* storage for pat, pu when they are a sublist */
  double *u_live;
} volt_list;

enum { REPLAY_BATCH = 4096 };

/* A pulse's energy per (G1 dt) for the cells of a list with weights w: e[0]
 * by SPEC 6 (|w| V^2), e[1] from the cell's power. */
typedef struct {
  double e[2];
} energy2;

typedef struct {
  volt_list row, col, neg; /* a row pulse, a column pulse (replay: + and -) */
  ptrdiff_t *bat;          /* [REPLAY_BATCH] replay batch: cell offsets from the first cell */
  double *bu;              /* [REPLAY_BATCH] and their drives */
  energy2 *en;             /* [max(n_pre, n_post)] each pulsed line's energy */
} lines;

/* Sum of x[0..n-1] in eight fixed lanes (deterministic, and the compiler
 * vectorises the lanes). */
static inline double lane_sum(const double *x, int n) {
  double acc[8] = {0};
  int k = 0;
  for (; k + 8 <= n; k += 8)
    for (int l = 0; l < 8; l++) acc[l] += x[k + l];
  for (; k < n; k++) acc[0] += x[k];
  return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
}

/* The pulse list: every listed cell, or only those whose drive can change
 * them (device op inert_drive). */
MSL_KERNEL
static void volt_live(volt_list *L, const msl_cell_array *a) {
  const msl_device *d = a->dev;
  double b = d->ops->inert_drive && !a->cell->ops->pulse ? d->ops->inert_drive(d) : 0.0;
  L->pn = L->n;
  L->pat = L->at;
  L->pu = L->u;
  if (!(b > 0.0)) return;
  /* Usually few cells are live: skip blocks of eight inert ones with a
   * test the compiler vectorises, compact the rest one by one. */
  int m = 0, k0 = 0;
  for (; k0 + 8 <= L->n; k0 += 8) {
    int live = 0;
    for (int l = 0; l < 8; l++) live |= fabs(L->u[k0 + l]) >= b;
    if (!live) continue;
    for (int k = k0; k < k0 + 8; k++) {
      L->at_live[m] = L->at[k];
      L->u_live[m] = L->u[k];
      m += fabs(L->u[k]) >= b;
    }
  }
  for (int k = k0; k < L->n; k++) {
    L->at_live[m] = L->at[k];
    L->u_live[m] = L->u[k];
    m += fabs(L->u[k]) >= b;
  }
  L->pn = m;
  L->pat = L->at_live;
  L->pu = L->u_live;
}

/* List the cells of a row or column pulse (see volt_list) with their
 * drives: given (u, computed by the rule for the line voltages of a 1R
 * cell), or computed here through the cell circuit and the device. */
MSL_KERNEL
static void volt_prepare(volt_list *L, const msl_cell_array *a, const double *v, const double *u,
                         int n, ptrdiff_t stride) {
  const msl_device *d = a->dev;
  if (a->cell->ops->across || a->cell->ops->pulse)
    u = NULL; /* the rule's drive is of the line voltage */
  int m = 0;
  for (int k = 0; k < n; k++) m += v[k] != 0.0;
  if (stride == 1 && 2 * m >= n) { /* dense: the whole column, in place */
    if (!L->iota)
      for (int k = 0; k < n; k++) L->at[k] = k;
    L->iota = 1;
    for (int k = 0; k < n; k++) L->v[k] = v[k];
    if (u)
      for (int k = 0; k < n; k++) L->u[k] = v[k] != 0.0 ? u[k] : 0.0;
    L->n = n;
  } else {
    /* Compacted a block of eight cells at a time: a mask of the cells not
     * at 0 V (a test the compiler vectorises), then one store per set bit;
     * the rule's voltages are often zero for most lines. */
    m = 0;
    for (int k0 = 0; k0 < n; k0 += 8) {
      int k1 = n - k0 < 8 ? n : k0 + 8;
      unsigned bits = 0;
      for (int k = k0; k < k1; k++) bits |= (unsigned)(v[k] != 0.0) << (k - k0);
      for (; bits; bits &= bits - 1) {
        int k = k0 + __builtin_ctz(bits);
        L->at[m] = k * stride;
        if (u) L->u[m] = u[k];
        L->v[m] = v[k];
        m++;
      }
    }
    L->n = m;
    L->iota = 0;
  }
  for (int k = 0; k < L->n; k++) L->v2[k] = L->v[k] * L->v[k];
  L->has_pw = msl_cell_power(a->cell, d, L->v, L->pw, L->n);
  L->sum_v = lane_sum(L->v, L->n);
  L->sum_v2 = lane_sum(L->v2, L->n);
  if (m && !u && a->cell->ops->pulse) { /* the circuit pulses at the line voltages */
    for (int k = 0; k < L->n; k++) L->u[k] = L->v[k];
  } else if (m && !u) {
    const double *vm = L->v;
    if (a->cell->ops->across) { /* the memristor's voltages, into u, then their drive */
      a->cell->ops->across(a->cell, d, L->v, L->u, L->n);
      vm = L->u;
    }
    d->ops->drive(d, vm, L->u, L->n);
  }
  volt_live(L, a);
}

/* sum over listed cells of |w| c (c = v2 or pw), in eight fixed lanes
 * (deterministic, and the compiler vectorises the lanes). */
MSL_KERNEL
static double weighted_sum(const volt_list *L, const double *w, const double *c) {
  double acc[8] = {0};
  int k = 0;
  if (L->n && L->at[L->n - 1] == L->n - 1) { /* dense list: contiguous cells */
    for (; k + 8 <= L->n; k += 8)
      for (int l = 0; l < 8; l++) acc[l] += fabs(w[k + l]) * c[k + l];
  } else {
    for (; k + 8 <= L->n; k += 8)
      for (int l = 0; l < 8; l++) acc[l] += fabs(w[L->at[k + l]]) * c[k + l];
  }
  for (; k < L->n; k++) acc[0] += fabs(w[L->at[k]]) * c[k];
  return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
}

/* Both sums of weighted_sum, for c = v2 and c = pw, in one pass over the
 * weights (each lane adds the same terms in the same order). */
MSL_KERNEL
static energy2 weighted_sums2(const volt_list *L, const double *w) {
  double a[8] = {0}, b[8] = {0};
  const double *v2 = L->v2, *pw = L->pw;
  int k = 0;
  if (L->n && L->at[L->n - 1] == L->n - 1) { /* dense list: contiguous cells */
    for (; k + 8 <= L->n; k += 8)
      for (int l = 0; l < 8; l++) {
        double x = fabs(w[k + l]);
        a[l] += x * v2[k + l];
        b[l] += x * pw[k + l];
      }
  } else {
    for (; k + 8 <= L->n; k += 8)
      for (int l = 0; l < 8; l++) {
        double x = fabs(w[L->at[k + l]]);
        a[l] += x * v2[k + l];
        b[l] += x * pw[k + l];
      }
  }
  for (; k < L->n; k++) {
    double x = fabs(w[L->at[k]]);
    a[0] += x * v2[k];
    b[0] += x * pw[k];
  }
  return (energy2){{lanes8_total(a), lanes8_total(b)}};
}

static energy2 volt_energy(const volt_list *L, const msl_cell_array *a, const double *w) {
  if (L->has_pw && !msl_array_supply_energy(a)) return weighted_sums2(L, w);
  energy2 r;
  r.e[0] = weighted_sum(L, w, L->v2);
  r.e[1] = msl_array_supply_energy(a) ? 0.0 /* the pulses report it */ : r.e[0];
  return r;
}

/* Add the energy of `count` pulses of width dt, en G1 dt each, to the
 * total, to its part (rows or columns) and to the supply-power total. */
static void add_energy(msl_syn_stats *st, double *part, energy2 en, double count, double g1,
                       double dt) {
  double e = en.e[0] * count * g1 * dt;
  st->energy_j += e;
  *part += e;
  st->energy_iv_j += en.e[1] * count * g1 * dt;
}

/* Add the voltages of `pulses` driver pulses to the counters. */
MSL_KERNEL
static void count_volts(const volt_list *L, double pulses, double *sum, double *sum2) {
  *sum += L->sum_v * pulses;
  *sum2 += L->sum_v2 * pulses;
}

/* The energies en[k] of pulses with list L on lines idx[k] (first cell
 * idx[k] * mul), threaded over the lines; the caller adds them up in line
 * order, so the sums do not depend on the threads. */
static void line_energies(energy2 *restrict en, const volt_list *L, const msl_cell_array *a,
                          const int *idx, int n, size_t mul) {
  MSL_PAR_FOR((double)n * L->n * MSL_COST_STREAM, (),
  for (int k = 0; k < n; k++) en[k] = volt_energy(L, a, a->W + (size_t)idx[k] * mul));
}

/* One pulse with list L on each line idx[k] (first cell idx[k] * mul),
 * threaded over the lines, and when there are few lines over pieces of each
 * line (cells are independent and the pieces disjoint: a step often pulses
 * a single column). */
/* The supply energies the pulses of one item reported (msl_pulse_stats),
 * kept per item in en[] and added up in item order afterwards, so that the
 * totals do not depend on the threads. */
static void supply_add(msl_pulse_stats *ps, const energy2 *en, int n) {
  for (int k = 0; k < n; k++) {
    ps->energy_pot_j += en[k].e[0];
    ps->energy_dep_j += en[k].e[1];
  }
}

/* One pulse with list L on each line idx[k] on one thread, when the list
 * is not contiguous (the device would gather its cells anyway): all the
 * lines' cells in batches of REPLAY_BATCH, one device call per batch
 * rather than one per line (cells are independent, and each sees the same
 * pulse). Only for plain cells: no circuit pulse op, no non-idealities,
 * no supply energies (which are kept per line). */
static int pulse_merged(lines *X, msl_cell_array *a, const volt_list *L, const int *idx, int n,
                        size_t mul, double dt, msl_pulse_stats *ps) {
  const msl_device *d = a->dev;
  ptrdiff_t *restrict bat = X->bat;
  double *restrict bu = X->bu;
  const ptrdiff_t *pat = L->pat;
  const double *pu = L->pu;
  int m = 0, bad = 0;
  for (int k = 0; k < n; k++) {
    ptrdiff_t base = (ptrdiff_t)((size_t)idx[k] * mul);
    for (int q = 0; q < L->pn; q++) {
      bat[m] = base + pat[q];
      bu[m] = pu[q];
      if (++m == REPLAY_BATCH) {
        bad |= !bad && d->ops->pulse(d, a->s, a->W, bat, bu, m, dt, ps) != 0;
        m = 0;
      }
    }
  }
  if (m) bad |= !bad && d->ops->pulse(d, a->s, a->W, bat, bu, m, dt, ps) != 0;
  return bad ? -1 : 0;
}

static int pulse_lines(lines *X, msl_cell_array *a, const volt_list *L, const int *idx, int n,
                       size_t mul, double dt, energy2 *en, msl_pulse_stats *ps,
                       msl_syn_counts *cn) {
  if (!L->pn) return 0;
  const double work = (double)n * L->pn * MSL_COST_PULSE;
  const int T = msl_threads();
  /* (Pulses that sum supply energies keep one item per line, whatever T.) */
  const int supply = msl_array_supply_energy(a);
  if (n > 1 && !supply && !a->ni && !a->cell->ops->pulse && !(T > 1 && MSL_PAR_USE(work)) &&
      L->pat[L->pn - 1] - L->pat[0] != L->pn - 1)
    return pulse_merged(X, a, L, idx, n, mul, dt, ps);
  const int pieces = !supply && MSL_PAR_USE(work) && n < 4 * T ? T : 1, items = n * pieces;
  msl_par_fail fail;
  msl_par_fail_init(&fail, items);
  uint64_t clamped = 0;
  msl_syn_counts c = {0};
  MSL_PAR_FOR(work, (reduction(+ : clamped) reduction(counts_add : c)),
  for (int it = 0; it < items; it++) {
    int k = it / pieces, q0, q1;
    msl_par_block(L->pn, it % pieces, pieces, &q0, &q1);
    msl_pulse_stats p = {0};
    if (q1 > q0 &&
        msl_array_pulse(a, (size_t)idx[k] * mul, L->pat + q0, L->pu + q0, q1 - q0, dt, &p, &c))
      msl_par_fail_note(&fail, it);
    clamped += p.clamped;
    if (supply) en[it] = (energy2){{p.energy_pot_j, p.energy_dep_j}};
  });
  ps->clamped += clamped;
  if (supply) supply_add(ps, en, items);
  msl_syn_counts_add(cn, &c);
  return msl_par_fail_raise(&fail, items);
}

static int li_learn(msl_drive *dr, msl_cell_array *a, const int *rows, int nr, const double *vc,
                    const double *uc, const int *cols, int nc, const double *vr,
                    const double *ur, msl_syn_stats *st, msl_syn_counts *cn) {
  lines *X = dr->content;
  const msl_device *d = a->dev;
  const int No = a->n_post, Ne = a->n_pre;
  const double g1 = d->g1;
  msl_pulse_stats ps = {0};
  int rc = 0;
  /* Voltages and energy, all from the weights before this step's pulses. */
  if (nr) {
    volt_prepare(&X->row, a, vc, uc, Ne, No);
    line_energies(X->en, &X->row, a, rows, nr, 1);
    for (int k = 0; k < nr; k++) add_energy(st, &st->energy_row_j, X->en[k], 1.0, g1, a->dt_post);
    count_volts(&X->row, nr, &st->sum_v_pre, &st->sum_v2_pre);
  }
  if (nc) {
    volt_prepare(&X->col, a, vr, ur, No, 1);
    line_energies(X->en, &X->col, a, cols, nc, (size_t)No);
    for (int k = 0; k < nc; k++) add_energy(st, &st->energy_col_j, X->en[k], 1.0, g1, a->dt_pre);
    count_volts(&X->col, nc, &st->sum_v_post, &st->sum_v2_post);
  }
  /* Rows first, then columns. */
  if (nr) rc = pulse_lines(X, a, &X->row, rows, nr, 1, a->dt_post, X->en, &ps, cn);
  if (nc && !rc) rc = pulse_lines(X, a, &X->col, cols, nc, (size_t)No, a->dt_pre, X->en, &ps, cn);
  cn->clamped += ps.clamped;
  msl_array_add_supply(a, &ps, st);
  return rc;
}

/* Replay pulses in rounds, as the reference does: round r pulses every
 * column whose count exceeds r with the list's voltages, all those cells in
 * large batches (the device kernels vectorise over the batch). Each cell sees
 * the same sequence as column by column: c_j pulses of this list. */
MSL_KERNEL
static int replay_rounds(lines *X, msl_cell_array *a, const msl_spikes *pre, const volt_list *L,
                         msl_pulse_stats *ps, msl_syn_counts *cn) {
  const int No = a->n_post;
  if (!L->pn) return 0;
  int maxc = 0;
  for (int k = 0; k < pre->nnz; k++) {
    int c = (int)pre->x[pre->idx[k]];
    maxc = c > maxc ? c : maxc;
  }
  /* locals: the batch stores cannot alias them */
  ptrdiff_t *restrict bat = X->bat;
  double *restrict bu = X->bu;
  const ptrdiff_t *pat = L->pat;
  const double *pu = L->pu;
  const int pn = L->pn;
  const double dt = a->dt_pre;
  for (int r = 0; r < maxc; r++) {
    int m = 0;
    for (int k = 0; k < pre->nnz; k++) {
      int j = pre->idx[k];
      if ((int)pre->x[j] <= r) continue;
      ptrdiff_t base = (ptrdiff_t)j * No;
      for (int q = 0; q < pn; q++) {
        bat[m] = base + pat[q];
        bu[m] = pu[q];
        if (++m == REPLAY_BATCH) {
          if (msl_array_pulse(a, 0, bat, bu, m, dt, ps, cn)) return -1;
          m = 0;
        }
      }
    }
    if (m && msl_array_pulse(a, 0, bat, bu, m, dt, ps, cn)) return -1;
  }
  return 0;
}

/* The same pulses column by column, when the device pulses a cell several
 * times in one call and the cells follow the model exactly: each column's
 * cells get their c_j positive pulses, then their c_j negative ones, as in
 * the rounds (cells are independent, so only each cell's sequence counts).
 * Not when the pulses report supply energies: their sum would be taken in
 * another order than the rounds'. */
static int replay_columns(msl_cell_array *a, const msl_spikes *pre, const volt_list *pos,
                          const volt_list *neg, msl_pulse_stats *ps) {
  const msl_device *d = a->dev;
  const int No = a->n_post, n = pre->nnz;
  msl_par_fail fail;
  msl_par_fail_init(&fail, n);
  uint64_t clamped = 0;
  /* Threaded over the columns (disjoint cells); counts differ per column. */
  MSL_PAR_FOR_DYN((double)n * (pos->pn + neg->pn) * MSL_COST_PULSE, (reduction(+ : clamped)),
  for (int k = 0; k < n; k++) {
    int j = pre->idx[k], c = (int)pre->x[j];
    size_t base = (size_t)j * No;
    msl_pulse_stats p = {0};
    if ((pos->pn && d->ops->pulses(d, a->s + base, a->W + base, pos->pat, pos->pu, pos->pn,
                                   a->dt_pre, c, &p)) ||
        (neg->pn && d->ops->pulses(d, a->s + base, a->W + base, neg->pat, neg->pu, neg->pn,
                                   a->dt_pre, c, &p)))
      msl_par_fail_note(&fail, k);
    clamped += p.clamped;
  });
  ps->clamped += clamped;
  return msl_par_fail_raise(&fail, n);
}

/* The energies en[k] of active column k's pulses, both lists (one pulse
 * each), threaded over the columns. */
static void replay_energies(energy2 *restrict en, const msl_cell_array *a, const msl_spikes *pre,
                            const volt_list *pos, const volt_list *neg) {
  MSL_PAR_FOR((double)pre->nnz * (pos->n + neg->n) * MSL_COST_STREAM, (),
  for (int k = 0; k < pre->nnz; k++) {
    const double *col = a->W + (size_t)pre->idx[k] * a->n_post; /* before any pulse */
    energy2 p = volt_energy(pos, a, col), q = volt_energy(neg, a, col);
    for (int t = 0; t < 2; t++) p.e[t] += q.e[t];
    en[k] = p;
  });
}

static int li_replay(msl_drive *dr, msl_cell_array *a, const msl_spikes *pre, const double *vpos,
                     const double *vneg, msl_syn_stats *st, msl_syn_counts *cn) {
  lines *X = dr->content;
  const int No = a->n_post;
  volt_prepare(&X->col, a, vpos, NULL, No, 1);
  volt_prepare(&X->neg, a, vneg, NULL, No, 1);
  count_volts(&X->col, 1.0, &st->sum_v_pre, &st->sum_v2_pre);
  count_volts(&X->neg, 1.0, &st->sum_v_post, &st->sum_v2_post);
  const int any = X->col.n || X->neg.n;
  if (any) replay_energies(X->en, a, pre, &X->col, &X->neg);
  for (int k = 0; k < pre->nnz; k++) {
    int j = pre->idx[k];
    st->in_spikes += 2.0 * pre->x[j];
    if (any) add_energy(st, &st->energy_col_j, X->en[k], pre->x[j], a->dev->g1, a->dt_pre);
  }
  msl_pulse_stats ps = {0};
  int rc;
  if (!a->ni && !a->cell->ops->pulse && a->dev->ops->pulses && !msl_array_supply_energy(a)) {
    rc = replay_columns(a, pre, &X->col, &X->neg, &ps);
  } else {
    rc = replay_rounds(X, a, pre, &X->col, &ps, cn); /* positive part of e first, */
    if (!rc) rc = replay_rounds(X, a, pre, &X->neg, &ps, cn); /* then the negative part */
  }
  cn->clamped += ps.clamped;
  msl_array_add_supply(a, &ps, st);
  return rc;
}

static void li_destroy(msl_drive *dr) {
  lines *X = dr->content;
  if (!X) return;
  volt_list *ls[3] = {&X->row, &X->col, &X->neg};
  for (int k = 0; k < 3; k++) {
    free(ls[k]->at);
    free(ls[k]->v);
    free(ls[k]->u);
    free(ls[k]->v2);
    free(ls[k]->pw);
    free(ls[k]->at_live);
    free(ls[k]->u_live);
  }
  free(X->bat);
  free(X->bu);
  free(X->en);
  free(X);
}

static const msl_drive_ops lines_ops = {"lines", li_learn, li_replay, li_destroy, NULL, NULL};

msl_drive *msl_lines_drive_new(const msl_cell_array *a) {
  msl_drive *dr = calloc(1, sizeof *dr);
  lines *X = calloc(1, sizeof *X);
  if (!dr || !X) {
    free(dr);
    free(X);
    return msl_error_set("array drive: out of memory"), NULL;
  }
  dr->ops = &lines_ops;
  dr->content = X;
  size_t nmax = (size_t)(a->n_pre > a->n_post ? a->n_pre : a->n_post);
  volt_list *ls[3] = {&X->row, &X->col, &X->neg};
  int ok = 1;
  for (int k = 0; k < 3; k++) {
    ok &= !!(ls[k]->at = malloc(nmax * sizeof(ptrdiff_t)));
    ok &= !!(ls[k]->v = malloc(nmax * sizeof(double)));
    ok &= !!(ls[k]->u = malloc(nmax * sizeof(double)));
    ok &= !!(ls[k]->v2 = malloc(nmax * sizeof(double)));
    ok &= !!(ls[k]->pw = malloc(nmax * sizeof(double)));
    ok &= !!(ls[k]->at_live = malloc(nmax * sizeof(ptrdiff_t)));
    ok &= !!(ls[k]->u_live = malloc(nmax * sizeof(double)));
  }
  ok &= !!(X->bat = malloc(REPLAY_BATCH * sizeof *X->bat));
  ok &= !!(X->bu = malloc(REPLAY_BATCH * sizeof *X->bu));
  ok &= !!(X->en = malloc(nmax * sizeof *X->en));
  if (!ok) {
    msl_drive_free(dr);
    return msl_error_set("array drive: out of memory for %zu lines", nmax), NULL;
  }
  return dr;
}
