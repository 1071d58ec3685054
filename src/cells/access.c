/* access.c: cells with access transistors, 1T1R and 2T1R (docs/devices.md,
 * "Cell circuits").
 *
 * 1T1R (the seed's circuit): the memristor's bottom electrode on the drain
 * of one n-channel transistor (mosfet.h). A potentiating pulse puts the
 * line voltage on the gate, v-set on the top electrode and 0 V on the
 * source line: the gate sets the compliance current. A depressing pulse
 * puts its amplitude |V| on the source line, 0 V on the top electrode and
 * vg-reset on the gate. A read puts the device's read voltage on the top
 * electrode and vg-read on the gate.
 *
 * 2T1R: two transistors on the memristor's bottom node, one for set and
 * read (as 1T1R's) and one for reset, reset-width times wider (its k) and
 * driven with vg-reset; only one conducts at a time. Reset current is no
 * longer limited by the set transistor's small size.
 *
 * A pulse of width dt is forward-Euler substeps, cell-substeps equal ones or,
 * with cell-tol > 0, adaptive ones per cell: in each, the series circuits of
 * its cells are solved together (series.h: Newton from the last substep's
 * solution), the device advances one substep at the memristor's voltage
 * (its own drive and pulse ops), and the supply's energy a I h is added
 * (the gate draws no current). A model with a fixed step per pulse (VTEAM,
 * op step_law) takes one substep. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cells.h"
#include "msl/error.h"
#include "series.h"

/* Chen 2015's temperature (350 K): the thermal voltage of the transistor
 * beside it. */
static const double UT = 1.3806503e-23 * 350.0 / 1.60217663e-19;

enum { P_CELL, P_VTH, P_K, P_N, P_LAMBDA, P_VSET, P_VGRESET, P_VGREAD, P_SUB, P_TOL, P_RW, P_COUNT };

/* Defaults of the transistor, v-set and vg-reset: the fit to the reference
 * HSPICE table (msl lut --ref 1t1r_Paiyu_15.npz --fit, docs/devices.md,
 * "Calibration"); vg-read: a gate fully on. */
static const msl_param_decl params[P_COUNT] = {
    MSL_PARAM_TEXT_DECL("cell", NULL, "1r", NULL, NULL, "1r, 1t1r or 2t1r (docs/devices.md, \"Cell circuits\")"),
    MSL_PARAM_REAL_DECL("mos-vth", NULL, 0.3003, 0.3003, -2, 5, 0,
                        "access transistor: threshold voltage, V"),
    MSL_PARAM_REAL_DECL("mos-k", NULL, 0.01098, 0.01098, 0, 1, 1,
                        "access transistor: mu Cox W/L, A/V^2"),
    MSL_PARAM_REAL_DECL("mos-n", NULL, 1.338, 1.338, 1, 5, 0,
                        "access transistor: sub-threshold slope factor"),
    MSL_PARAM_REAL_DECL("mos-lambda", NULL, 1.727, 1.727, 0, 10, 0,
                        "access transistor: channel-length modulation, 1/V"),
    MSL_PARAM_REAL_DECL("v-set", NULL, 1.967, 1.967, 0, 20, 1,
                        "access cells: top-electrode voltage of potentiating pulses, V"),
    MSL_PARAM_REAL_DECL("vg-reset", NULL, 8.901, 8.901, 0, 20, 1,
                        "access cells: gate voltage of depressing pulses, V"),
    MSL_PARAM_REAL_DECL("vg-read", NULL, 2.5, 2.5, 0, 20, 1,
                        "access cells: gate voltage of reads, V"),
    MSL_PARAM_INT_DECL("cell-substeps", NULL, 20, 20, 1, 100000,
                       "access cells: circuit solves (Euler substeps) per pulse, with cell-tol 0"),
    MSL_PARAM_REAL_DECL("cell-tol", NULL, 0.03, 0.03, 0, 1, 0,
                        "access cells: adaptive substeps, each changing a weight by at most this "
                        "(relative); 0: cell-substeps fixed ones"),
    MSL_PARAM_REAL_DECL("reset-width", NULL, 4, 4, 0, 1000, 1,
                        "2t1r: reset transistor's width, in set transistors"),
};

msl_param_list msl_cell_param_list(void) { return (msl_param_list){params, P_COUNT}; }

const char *msl_cell_name(const msl_params *p) { return msl_params_text(p, &params[P_CELL]); }

typedef struct {
  msl_mosfet set, reset; /* the transistor of each path (1T1R: the same) */
  double v_set, vg_reset, vg_read, tol;
  int substeps;
} access;

void *msl_access_new(const msl_cell_ops *ops, const msl_params *p) {
  msl_params none;
  if (!p) {
    msl_params_init(&none, 1);
    p = &none;
  }
  if (msl_params_check(p, msl_cell_param_list())) return NULL;
  access *a = calloc(1, sizeof *a);
  if (!a) return msl_error_set("cell %s: out of memory", ops->name), NULL;
  a->set = (msl_mosfet){msl_params_get(p, &params[P_VTH]), msl_params_get(p, &params[P_K]),
                        msl_params_get(p, &params[P_N]), msl_params_get(p, &params[P_LAMBDA]),
                        UT};
  a->reset = a->set;
  if (ops == &msl_cell_2t1r) a->reset.k *= msl_params_get(p, &params[P_RW]);
  a->v_set = msl_params_get(p, &params[P_VSET]);
  a->vg_reset = msl_params_get(p, &params[P_VGRESET]);
  a->vg_read = msl_params_get(p, &params[P_VGREAD]);
  a->substeps = (int)msl_params_get(p, &params[P_SUB]);
  a->tol = msl_params_get(p, &params[P_TOL]);
  if (a->tol > 0.0 && msl_params_has(p, params[P_SUB].name)) {
    free(a);
    return msl_error_set("--cell-substeps: fixed substeps go with --cell-tol 0 (--cell-tol %g "
                         "takes adaptive ones)", msl_params_get(p, &params[P_TOL])),
           NULL;
  }
  return a;
}

/* The series circuit of a cell at line voltage v (!= 0) and weight w. */
static msl_series circuit(const access *a, const msl_device *d, double v, double w) {
  msl_series c = {d, v > 0.0 ? &a->set : &a->reset, w, v > 0.0 ? a->v_set : -v,
                  v > 0.0 ? v : a->vg_reset, v < 0.0};
  return c;
}

/* Cells held at a fixed voltage for the rest of a pulse: the device's op
 * pulses (count substeps at one drive) when it has one. */
static int hold(const msl_device *d, double *s, double *w, const ptrdiff_t *id, const double *u,
                int n, double h, int count, msl_pulse_stats *st) {
  if (d->ops->pulses) return d->ops->pulses(d, s, w, id, u, n, h, count, st);
  for (int c = 0; c < count; c++)
    if (d->ops->pulse(d, s, w, id, u, n, h, st)) return -1;
  return 0;
}

/* One pulse's cells, gathered: m circuits in b, states ls and weights lw
 * (their places on[q] in the caller's arrays), and scratch. */
typedef struct {
  msl_series_batch b;
  int m;
  double *vm, *u, *ls, *lw, *xo, *fz, *ds, *wn;
  ptrdiff_t *on, *id;
  int *keep, *left, *len;
  double e_pot, e_dep;
} pulse_cells;

/* The supply's energy a I h of cell q over `times` substeps of h. */
static void add_energy(pulse_cells *p, int q, double h, int times) {
  double e = p->b.a[q] * p->b.i[q] * h * times;
  if (p->b.c[q].reset) p->e_dep += e;
  else p->e_pot += e;
}

/* Solve the circuits at the present weights; their drives into u. */
static int solve(pulse_cells *p, const msl_device *d) {
  for (int q = 0; q < p->m; q++) p->b.w[q] = fabs(p->lw[q]);
  if (msl_series_batch_solve(&p->b, d) < 0) return -1;
  for (int q = 0; q < p->m; q++) p->vm[q] = p->b.c[q].reset ? -p->b.x[q] : p->b.x[q];
  d->ops->drive(d, p->vm, p->u, p->m);
  return 0;
}

/* Write back the cells with keep[q] == 0 and move the others down. */
static void retire(pulse_cells *p, double *s, double *w) {
  int r = 0;
  for (int q = 0; q < p->m; q++) {
    if (!p->keep[q]) {
      s[p->on[q]] = p->ls[q];
      w[p->on[q]] = p->lw[q];
      continue;
    }
    p->ls[r] = p->ls[q], p->lw[r] = p->lw[q], p->u[r] = p->u[q], p->xo[r] = p->xo[q];
    p->on[r] = p->on[q], p->left[r] = p->left[q];
    r++;
  }
  for (int q = 0; q < r; q++) p->id[q] = q;
  msl_series_batch_keep(&p->b, p->keep);
  p->m = r;
}

/* ns fixed substeps of h. A cell whose voltage moved so little in the last
 * substep that, moving so, it would stay within MSL_SERIES_TOL x for the
 * rest of the pulse, takes the remaining substeps at this voltage (its
 * weight's change too small to move the circuit). */
static int fixed_steps(pulse_cells *p, const msl_device *d, double *s, double *w, int ns,
                       double h, msl_pulse_stats *st) {
  int rc = 0;
  for (int sub = 0; sub < ns && p->m && !rc; sub++) {
    if (solve(p, d)) return -1;
    const int left = ns - sub;
    int held = 0;
    for (int q = 0; q < p->m; q++) {
      double x = p->b.x[q];
      p->keep[q] = !(sub > 0 && fabs(x - p->xo[q]) * left <= MSL_SERIES_TOL * x);
      held += !p->keep[q];
      add_energy(p, q, h, p->keep[q] ? 1 : left);
      p->xo[q] = x;
    }
    if (held) { /* the held cells pulsed to the end, then the rest moved down */
      int f = 0;
      for (int q = 0; q < p->m; q++) {
        if (p->keep[q]) continue;
        p->fz[f] = p->u[q];
        p->id[f++] = q;
      }
      rc = hold(d, p->ls, p->lw, p->id, p->fz, f, h, left, st);
      retire(p, s, w);
    }
    if (!rc && p->m) rc = d->ops->pulse(d, p->ls, p->lw, p->id, p->u, p->m, h, st);
  }
  return rc;
}

/* Adaptive substeps (cell-tol > 0, a device with op delta: a change
 * continuous in the pulse's width): a pulse is 2^TICK_BITS ticks; each
 * cell's next substep is the longest power of two of ticks, within its
 * remaining time, over which one Euler step at its present voltage changes
 * its weight by at most tol (relative), estimated from the change over its
 * whole remaining time (linear in the step); one tick at least. Cells with
 * the same substep are pulsed together. The first estimate is the whole
 * pulse itself, on copies: when every cell's change is within tol (most
 * pulses), that is the pulse. */
enum { TICK_BITS = 10 };

static int adaptive_steps(pulse_cells *p, const msl_device *d, double *s, double *w, double dt,
                          double tol, msl_pulse_stats *st) {
  const int T = 1 << TICK_BITS;
  const double tick = dt / T;
  for (int q = 0; q < p->m; q++) p->left[q] = T;
  for (int first = 1; p->m; first = 0) {
    if (solve(p, d)) return -1;
    /* ds, wn: each cell's state and weight after its remaining time */
    if (first) {
      msl_pulse_stats tr = {0};
      memcpy(p->ds, p->ls, (size_t)p->m * sizeof *p->ds);
      memcpy(p->wn, p->lw, (size_t)p->m * sizeof *p->wn);
      if (d->ops->pulse(d, p->ds, p->wn, p->id, p->u, p->m, dt, &tr)) return -1;
      int all = 1;
      for (int q = 0; q < p->m; q++) all &= fabs(p->wn[q] - p->lw[q]) <= tol * fabs(p->lw[q]);
      if (all) { /* (the sums in registers: add_energy's, in the same order) */
        double ep = p->e_pot, ed = p->e_dep;
        for (int q = 0; q < p->m; q++) {
          double e = p->b.a[q] * p->b.i[q] * dt;
          if (p->b.c[q].reset) ed += e;
          else ep += e;
          p->ls[q] = p->ds[q];
          p->lw[q] = p->wn[q];
          p->keep[q] = 0;
        }
        p->e_pot = ep, p->e_dep = ed;
        st->clamped += tr.clamped;
        st->energy_pot_j += tr.energy_pot_j;
        st->energy_dep_j += tr.energy_dep_j;
        retire(p, s, w);
        return 0;
      }
    } else {
      d->ops->delta(d, p->ls, p->u, p->ds, p->m, dt);
      for (int q = 0; q < p->m; q++) p->ds[q] += p->ls[q];
      if (d->ops->read) d->ops->read(d, p->ds, p->wn, p->m);
      else
        for (int q = 0; q < p->m; q++) p->wn[q] = d->ops->s2w(d, p->ds[q]);
    }
    for (int q = 0; q < p->m; q++) {
      double r = fabs(p->wn[q] - p->lw[q]) / fabs(p->lw[q]); /* over T ticks */
      int h = p->left[q];
      if (h & (h - 1)) /* not a power of two: the largest one below */
        for (h = 1; 2 * h <= p->left[q];) h *= 2;
      while (h > 1 && !(r * h <= tol * T)) h /= 2; /* (NaN r: one tick) */
      p->len[q] = h;
      add_energy(p, q, tick, h);
    }
    for (int h = T; h >= 1; h /= 2) {
      int f = 0;
      for (int q = 0; q < p->m; q++)
        if (p->len[q] == h) {
          p->fz[f] = p->u[q];
          p->id[f++] = q;
        }
      if (f && d->ops->pulse(d, p->ls, p->lw, p->id, p->fz, f, h * tick, st)) return -1;
    }
    for (int q = 0; q < p->m; q++) {
      p->left[q] -= p->len[q];
      p->keep[q] = p->left[q] > 0;
    }
    retire(p, s, w);
  }
  return 0;
}

static int acc_pulse(const msl_cell *cell, const msl_device *d, double *s, double *w,
                     const ptrdiff_t *at, const double *v, int n, double dt,
                     msl_pulse_stats *st) {
  const access *a = cell->content;
  if (n <= 0) return 0;
  /* Only the cells at V != 0 are solved and pulsed (the others would be
   * left as they are), their states and weights copied to contiguous
   * arrays while they are being pulsed. */
  pulse_cells p = {0};
  double *buf = malloc(8 * (size_t)n * sizeof *buf);
  p.on = malloc(2 * (size_t)n * sizeof *p.on);
  p.keep = malloc(3 * (size_t)n * sizeof *p.keep);
  if (!buf || !p.on || !p.keep || msl_series_batch_init(&p.b, n)) {
    free(buf);
    free(p.on);
    free(p.keep);
    msl_series_batch_free(&p.b);
    return msl_error_set("cell %s: out of memory for %d cells", cell->ops->name, n), -1;
  }
  p.vm = buf, p.u = p.vm + n, p.ls = p.u + n, p.lw = p.ls + n, p.xo = p.lw + n;
  p.fz = p.xo + n, p.ds = p.fz + n, p.wn = p.ds + n;
  p.id = p.on + n, p.left = p.keep + n, p.len = p.left + n;
  const int adaptive = a->tol > 0.0 && !d->ops->step_law && d->ops->delta;
  for (int k = 0; k < n; k++) {
    if (v[k] == 0.0) continue;
    if (adaptive) { /* circuit()'s supply, gate and orientation, set below all at once */
      p.vm[p.m] = v[k] > 0.0 ? a->v_set : -v[k];
      p.u[p.m] = v[k] > 0.0 ? v[k] : a->vg_reset;
      p.keep[p.m] = v[k] < 0.0;
    } else {
      msl_series c = circuit(a, d, v[k], 0.0);
      msl_series_batch_set(&p.b, p.m, &c);
    }
    p.ls[p.m] = s[at[k]];
    p.lw[p.m] = w[at[k]];
    p.id[p.m] = p.m;
    p.on[p.m++] = at[k];
  }
  p.b.n = p.m;
  if (adaptive) msl_series_batch_set_lines(&p.b, d, &a->set, &a->reset, p.vm, p.u, p.keep, p.m);
  /* A model whose change is a fixed step per pulse (op step_law: VTEAM)
   * ignores dt, so substeps would repeat its step: one solve per pulse. */
  int rc;
  if (adaptive)
    rc = adaptive_steps(&p, d, s, w, dt, a->tol, st);
  else {
    const int ns = d->ops->step_law ? 1 : a->substeps;
    rc = fixed_steps(&p, d, s, w, ns, dt / ns, st);
  }
  for (int q = 0; q < p.m; q++) {
    s[p.on[q]] = p.ls[q];
    w[p.on[q]] = p.lw[q];
  }
  st->energy_pot_j += p.e_pot;
  st->energy_dep_j += p.e_dep;
  msl_series_batch_free(&p.b);
  free(p.keep);
  free(p.on);
  free(buf);
  return rc;
}

/* The read current through the set transistor at vg-read. */
static double acc_read(const msl_cell *cell, const msl_device *d, double w) {
  const access *a = cell->content;
  gsl_root_fsolver *rs = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
  if (!rs || !(w > 0.0) || !(d->vread > 0.0)) {
    if (rs) gsl_root_fsolver_free(rs);
    return 1.0;
  }
  msl_series c = {d, &a->set, w, d->vread, a->vg_read, 0};
  double i;
  msl_series_solve(&c, rs, 0.0, &i);
  gsl_root_fsolver_free(rs);
  return i / (w * d->g1 * d->vread);
}

const msl_cell_ops msl_cell_1t1r = {"1t1r", NULL, NULL, acc_pulse, acc_read};
const msl_cell_ops msl_cell_2t1r = {"2t1r", NULL, NULL, acc_pulse, acc_read};
