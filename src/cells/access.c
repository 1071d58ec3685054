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
 * A pulse of width dt is cell-substeps forward-Euler substeps: in each, the
 * series circuits of its cells are solved together (series.h: Newton from
 * the last substep's solution), the device advances
 * one substep at the memristor's voltage (its own drive and pulse ops), and
 * the supply's energy a I h is added (the gate draws no current). A model
 * with a fixed step per pulse (VTEAM, op step_law) takes one substep. */
#include <math.h>
#include <stdlib.h>

#include "cells.h"
#include "msl/error.h"
#include "series.h"

/* Chen 2015's temperature (350 K): the thermal voltage of the transistor
 * beside it. */
static const double UT = 1.3806503e-23 * 350.0 / 1.60217663e-19;

enum { P_CELL, P_VTH, P_K, P_N, P_LAMBDA, P_VSET, P_VGRESET, P_VGREAD, P_SUB, P_RW, P_COUNT };

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
                       "access cells: circuit solves (Euler substeps) per pulse"),
    MSL_PARAM_REAL_DECL("reset-width", NULL, 4, 4, 0, 1000, 1,
                        "2t1r: reset transistor's width, in set transistors"),
};

msl_param_list msl_cell_param_list(void) { return (msl_param_list){params, P_COUNT}; }

const char *msl_cell_name(const msl_params *p) { return msl_params_text(p, &params[P_CELL]); }

typedef struct {
  msl_mosfet set, reset; /* the transistor of each path (1T1R: the same) */
  double v_set, vg_reset, vg_read;
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

static int acc_pulse(const msl_cell *cell, const msl_device *d, double *s, double *w,
                     const ptrdiff_t *at, const double *v, int n, double dt,
                     msl_pulse_stats *st) {
  const access *a = cell->content;
  if (n <= 0) return 0;
  /* Only the m cells at V != 0 are solved and pulsed (the others would be
   * left as they are), their states and weights copied to contiguous
   * arrays (ls, lw; s[on[q]] their places) while they are being pulsed. */
  double *buf = malloc(6 * (size_t)n * sizeof *buf);
  double *vm = buf, *u = vm + n, *ls = u + n, *lw = ls + n, *xo = lw + n, *fz = xo + n;
  ptrdiff_t *on = malloc(2 * (size_t)n * sizeof *on), *id = on + n;
  int *keep = malloc((size_t)n * sizeof *keep), m = 0;
  msl_series_batch b = {0};
  if (!buf || !on || !keep || msl_series_batch_init(&b, n)) {
    free(buf);
    free(on);
    free(keep);
    return msl_error_set("cell %s: out of memory for %d cells", cell->ops->name, n), -1;
  }
  for (int k = 0; k < n; k++) {
    if (v[k] == 0.0) continue;
    msl_series c = circuit(a, d, v[k], 0.0);
    msl_series_batch_set(&b, m, &c);
    ls[m] = s[at[k]];
    lw[m] = w[at[k]];
    id[m] = m;
    on[m++] = at[k];
  }
  b.n = m;
  /* A model whose change is a fixed step per pulse (op step_law: VTEAM)
   * ignores dt, so substeps would repeat its step: one solve per pulse. */
  const int ns = d->ops->step_law ? 1 : a->substeps;
  const double h = dt / ns;
  double e_pot = 0.0, e_dep = 0.0;
  int rc = 0;
  for (int sub = 0; sub < ns && m && !rc; sub++) {
    for (int q = 0; q < m; q++) b.w[q] = fabs(lw[q]);
    if (msl_series_batch_solve(&b, d) < 0) {
      rc = -1;
      break;
    }
    /* A cell whose voltage moved so little in the last substep that,
     * moving so, it would stay within MSL_SERIES_TOL x for the rest of the
     * pulse, takes the remaining substeps at this voltage (its weight's
     * change too small to move the circuit). */
    const int left = ns - sub;
    int held = 0;
    for (int q = 0; q < m; q++) {
      double e = b.a[q] * b.i[q] * h, x = b.x[q];
      keep[q] = !(sub > 0 && fabs(x - xo[q]) * left <= MSL_SERIES_TOL * x);
      held += !keep[q];
      e *= keep[q] ? 1 : left;
      vm[q] = b.c[q].reset ? -x : x;
      xo[q] = x;
      if (b.c[q].reset) e_dep += e;
      else e_pot += e;
    }
    d->ops->drive(d, vm, u, m);
    if (held) { /* the held cells pulsed to the end, then the rest moved down */
      int f = 0, r = 0;
      for (int q = 0; q < m; q++) {
        if (keep[q]) continue;
        fz[f] = u[q];
        id[f++] = q;
      }
      rc = hold(d, ls, lw, id, fz, f, h, left, st);
      for (int q = 0; q < m; q++) {
        if (!keep[q]) {
          s[on[q]] = ls[q];
          w[on[q]] = lw[q];
          continue;
        }
        ls[r] = ls[q], lw[r] = lw[q], u[r] = u[q], xo[r] = xo[q], on[r] = on[q];
        r++;
      }
      for (int q = 0; q < r; q++) id[q] = q;
      msl_series_batch_keep(&b, keep);
      m = r;
    }
    if (!rc && m) rc = d->ops->pulse(d, ls, lw, id, u, m, h, st);
  }
  for (int q = 0; q < m; q++) {
    s[on[q]] = ls[q];
    w[on[q]] = lw[q];
  }
  st->energy_pot_j += e_pot;
  st->energy_dep_j += e_dep;
  msl_series_batch_free(&b);
  free(keep);
  free(on);
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
