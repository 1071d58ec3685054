/* cmd_device.c: `msl device`, one device model's weight change per pulse as CSV. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "device_cells.h"
#include "msl/cell.h"
#include "devopts.h"
#include "msl/array.h"
#include "devpreset.h"
#include "msl/device.h"
#include "msl/error.h"
#include "msl/nonideal.h"
#include "opts.h"

static void help(void) {
  printf(
      "usage: msl device --model NAME --w LIST --voltage LIST [options]\n\n"
      "Characterise a device model (SPEC 5): for every weight in --w and every\n"
      "voltage in --voltage, map the weight to a device state (clipping it into\n"
      "the device's range), apply --pulses identical pulses and print one CSV row:\n"
      "  model,g1,w_before,voltage,dt,pulses,w_after,dw\n"
      "w_before is the reachable weight (after clipping), dw = w_after - w_before.\n"
      "Numbers are printed with 17 significant digits. With --energy two more\n"
      "columns give the pulses' programming energy, J, from the weight before each\n"
      "pulse: energy_j = sum |w| G1 V^2 dt (SPEC 6) and energy_iv_j = sum V I(V) dt\n"
      "with the model's own current (Chen: sinh; the same for ohmic models).\n\n"
      "Many cells and non-idealities: with --cells K > 1 or any non-ideality\n"
      "option on (--d2d, --c2c, --levels, --stuck-off, --stuck-on, --endurance;\n"
      "docs/devices.md, \"Non-idealities\"), K independent cells drawn from --seed\n"
      "are programmed to each weight and pulsed together, one row per cell and\n"
      "(weight, voltage) pair, every pair starting from the programmed weight:\n"
      "  cell,model,g1,w_before,voltage,dt,pulses,w_after,dw,stuck\n"
      "cell is 0..K-1; w_before is the cell's programmed weight (its d2d scale and\n"
      "levels applied); stuck is the cell's state after the row: 0 working, 1 stuck\n"
      "at the lowest conductance, 2 at the highest, 3 worn out (--endurance). The\n"
      "cells keep their wear and pulse counts from row to row. How many cells were\n"
      "stuck or worn and how many pulses they ignored is reported on stderr.\n"
      "--read-noise is not accepted: msl device reads no weights through an array.\n\n"
      "Bias schemes: with --bias v2 or v3 (docs/array.md) the single-cell rows get\n"
      "two more columns: dw_half, the change the same cell takes from the same\n"
      "pulses as a half-selected cell of a line pulsed at --voltage (V/2, or\n"
      "V/3), and dw_unselected, as a cell on neither line (0 V, or -V/3).\n\n"
      "options:\n"
      "  --model NAME       vteam, chen15 or lut (--device NAME is the same)\n"
      "  --w LIST           comma-separated weights, e.g. 0.1,0.5,0.9\n"
      "  --voltage LIST     comma-separated pulse voltages, V (> 0 potentiates,\n"
      "                     < 0 depresses, 0 leaves the cell alone)\n"
      "  --dt SECONDS       pulse width [1e-9]\n"
      "  --pulses N         pulses per row, >= 1 [1]\n"
      "  --energy           add the columns energy_j,energy_iv_j\n"
      "  --cells K          independent cells, 1..10000000 [1]\n"
      "  --seed S           seed of the cells' non-idealities, 0..2^64-1 [1]\n"
      "  --bias SCHEME      ideal, v2 or v3: add dw_half, dw_unselected [ideal]\n"
      "  --g1 S             conductance of weight 1, siemens [1e-5]\n"
      "  --workload 1|2     which workload's defaults (lut-lookup under quirks) [1]\n"
      "  --quirks MODE      none, or reference: the published code's behaviour\n"
      "                     (lut: workload 1 never depresses; workload 2 swaps\n"
      "                     the tables; a voltage above the table is an error)\n"
      "  --help             this text\n"
      "the device models' parameters and the non-idealities:\n");
  devopts_help(stdout, 0);
  printf("\n"
      "Exit status: 0 ok, 1 runtime error (e.g. a bad table file), 2 bad usage.\n"
      "A voltage above a table's range is clamped to its edge; how often is\n"
      "reported on stderr.\n");
}

/* The cell circuit of --cell (NULL: 1R). */
static const msl_cell *the_cell;

/* Pulse one cell n times, adding up the energy of each pulse from the
 * weight before it (e[0]: G1 V^2, e[1]: the model's power; through an
 * access cell, the supply's energy as its circuit solves it); 0, or -1 if
 * the model reported a fatal error. */
static int run_cell(const msl_device *d, double w, double v, double dt, long n, double *before,
                    double *after, double e[2], msl_pulse_stats *st) {
  double s = d->ops->w2s(d, w), wc = d->ops->s2w(d, s);
  const double p2 = v * v * d->g1 * dt, piv = msl_device_power(d, v) * d->g1 * dt;
  const msl_cell *c = the_cell && the_cell->ops->pulse ? the_cell : NULL;
  *before = wc;
  e[0] = e[1] = 0.0;
  for (long k = 0; k < n && v != 0.0; k++) {
    e[0] += fabs(wc) * p2;
    ptrdiff_t at = 0;
    msl_pulse_stats ps = {0};
    if (!c) e[1] += fabs(wc) * piv;
    if (c ? c->ops->pulse(c, d, &s, &wc, &at, &v, 1, dt, &ps)
          : msl_device_pulse(d, &s, &wc, 1, &v, 1, dt, st))
      return -1;
    e[1] += ps.energy_pot_j + ps.energy_dep_j;
    st->clamped += ps.clamped;
  }
  *after = wc;
  return 0;
}

/* One cell per (weight, voltage) pair, without a cell column (the plain
 * output); 0, or 1 (runtime error, message printed). */
static int run_one(const msl_device *d, const double *ws, int nw, const double *vs, int nv,
                   double dt, long pulses, int energy, const double *bias,
                   msl_pulse_stats *st) {
  printf("model,g1,w_before,voltage,dt,pulses,w_after,dw%s%s\n",
         energy ? ",energy_j,energy_iv_j" : "", bias ? ",dw_half,dw_unselected" : "");
  for (int a = 0; a < nw; a++)
    for (int b = 0; b < nv; b++) {
      double before, after, e[2];
      if (run_cell(d, ws[a], vs[b], dt, pulses, &before, &after, e, st)) {
        fprintf(stderr, "msl: %s\n", msl_error());
        return 1;
      }
      printf("%s,%.17g,%.17g,%.17g,%.17g,%ld,%.17g,%.17g", d->ops->name, d->g1, before, vs[b], dt,
             pulses, after, after - before);
      if (energy) printf(",%.17g,%.17g", e[0], e[1]);
      for (int h = 0; bias && h < 2; h++) { /* bias[0]: half-selected, bias[1]: unselected */
        double b0, b1, eh[2];
        if (run_cell(d, ws[a], bias[h] * vs[b], dt, pulses, &b0, &b1, eh, st)) {
          fprintf(stderr, "msl: %s\n", msl_error());
          return 1;
        }
        printf(",%.17g", b1 - b0);
      }
      putchar('\n');
    }
  return 0;
}

/* The stuck cells' note on stderr (nothing when none was stuck). */
static void report_cells(const msl_nonideal *ni, const msl_syn_counts *cn) {
  uint64_t off, on;
  msl_nonideal_stuck_cells(ni, &off, &on);
  if (off || on || cn->worn_cells || cn->stuck_pulses)
    fprintf(stderr, "msl: note: %llu cells stuck at the lowest conductance and %llu at the highest "
                    "from the start, %llu worn out; %llu pulses reached stuck cells and were "
                    "ignored (column stuck)\n", (unsigned long long)off, (unsigned long long)on,
            (unsigned long long)cn->worn_cells, (unsigned long long)cn->stuck_pulses);
}

int cmd_device(int argc, char **argv) {
  devopts o;
  devopts_init(&o, 1);
  const char *model = NULL;
  double *ws = NULL, *vs = NULL, dt = 1e-9;
  int nw = 0, nv = 0, rc = 2;
  long pulses = 1, workload = 1, cells = 1;
  uint64_t seed = 1;
  int energy = 0;
  const char *bias = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v;
    if (opt_is(a, "--dt-pre") || opt_is(a, "--dt-post")) { /* crossbar options, not a cell's */
      fprintf(stderr, "msl device: %s: pulses here are --dt wide (no crossbar)\n", a);
      goto out;
    }
    if (opt_is(a, "--bias")) { /* the crossbar's option, here a choice of columns */
      if (!(bias = opt_value(argc, argv, &i))) goto out;
      continue;
    }
    int r = opt_is(a, "--rule") ? 0 : devopts_parse(argc, argv, &i, &o); /* --device, --g1, ... */
    if (r < 0) goto out;
    if (r > 0) continue;
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      help();
      rc = 0;
      goto out;
    }
    if (opt_is(a, "--model")) {
      if (!(model = opt_value(argc, argv, &i))) goto out;
    } else if (opt_is(a, "--w") || opt_is(a, "--voltage")) {
      int is_w = opt_is(a, "--w");
      double **list = is_w ? &ws : &vs;
      free(*list);
      *list = NULL;
      if (!(v = opt_value(argc, argv, &i)) ||
          opt_double_list(is_w ? "--w" : "--voltage", v, list, is_w ? &nw : &nv))
        goto out;
    } else if (opt_is(a, "--dt")) {
      if (!(v = opt_value(argc, argv, &i)) || opt_positive("--dt", v, &dt)) goto out;
    } else if (opt_is(a, "--pulses")) {
      if (!(v = opt_value(argc, argv, &i)) || opt_int("--pulses", v, 1, 1000000000, &pulses))
        goto out;
    } else if (opt_is(a, "--cells")) {
      if (!(v = opt_value(argc, argv, &i)) || opt_int("--cells", v, 1, 10000000, &cells)) goto out;
    } else if (opt_is(a, "--seed")) {
      if (!(v = opt_value(argc, argv, &i)) || opt_seed("--seed", v, &seed)) goto out;
    } else if (strcmp(a, "--energy") == 0) {
      energy = 1;
    } else if (opt_is(a, "--workload")) {
      if (!(v = opt_value(argc, argv, &i)) || opt_int("--workload", v, 1, 2, &workload)) goto out;
    } else if (opt_is(a, "--quirks")) {
      if (!(v = opt_value(argc, argv, &i)) || quirks_parse(v, &o.params.quirks)) goto out;
    } else {
      fprintf(stderr, "msl device: unknown option '%s' (see msl device --help)\n", a);
      goto out;
    }
  }
  if (!model && strcmp(o.device, "ideal") != 0) model = o.device;
  if (!model) {
    fprintf(stderr, "msl: --model: required (%s)\n", msl_device_names());
    goto out;
  }
  if (!ws || !vs) {
    fprintf(stderr, "msl: %s: required (comma-separated list)\n", ws ? "--voltage" : "--w");
    goto out;
  }
  o.params.workload = (int)workload;
  o.device = model;
  if (!msl_device_model_find(model)) {
    fprintf(stderr, "msl: --model: %s\n", msl_error());
    goto out;
  }
  if (devopts_check(&o, "msl device", 0) || devpreset_apply(&o, "msl device", 0) ||
      devopts_check(&o, "msl device", 0) || devopts_required(&o, "msl device"))
    goto out;
  double bf[2], *bp = NULL; /* the half-selected and unselected cells' fractions of V */
  if (bias && strcmp(bias, "ideal") != 0) {
    double fa, fb;
    int lazy;
    if (msl_bias_scheme(bias, &fa, &fb, &lazy) || !lazy) {
      fprintf(stderr, "msl device: --bias: expected ideal, v2 or v3, got '%s'\n", bias);
      goto out;
    }
    if (cells > 1 || msl_nonideal_enabled(&o.params)) {
      fprintf(stderr, "msl device: --bias: adds columns to the single-cell rows only (not with "
                      "--cells or the non-idealities)\n");
      goto out;
    }
    bf[0] = 1.0 - fb; /* V - bV: the half-selected cells of a uniform pulse (= a V) */
    bf[1] = fa - fb;
    bp = bf;
  }

  const msl_param_decl *g1 = devopts_decl("g1");
  msl_device *d = msl_device_new(model, &o.params, msl_params_get(&o.params, g1));
  if (!d) {
    /* Constructors start the message with the option when an option is wrong
     * (usage error); anything else (a damaged table file) is a runtime error. */
    const char *err = msl_error();
    fprintf(stderr, "msl: %s\n", err);
    rc = strncmp(err, "--", 2) == 0 ? 2 : 1;
    goto out;
  }
  msl_cell *cell = msl_cell_new(msl_cell_name(&o.params), &o.params);
  if (!cell) {
    fprintf(stderr, "msl: --cell: %s\n", msl_error());
    msl_device_free(d);
    rc = 2;
    goto out;
  }
  if (cell->ops->pulse && cells > 1) {
    fprintf(stderr, "msl device: --cell %s: pulses one cell (--cells 1); the K-cell rows are "
                    "1R's\n", cell->ops->name);
    msl_cell_free(cell);
    msl_device_free(d);
    rc = 2;
    goto out;
  }
  the_cell = cell;
  int err;
  msl_nonideal *ni = msl_nonideal_new(&o.params, d, (size_t)cells, seed, &err);
  if (err) {
    fprintf(stderr, "msl: %s\n", msl_error());
    msl_device_free(d);
    msl_cell_free(cell);
    rc = 1;
    goto out;
  }
  msl_pulse_stats st = {0};
  msl_syn_counts cn = {0};
  rc = 0;
  int clipped = 0; /* --w values outside the model's range (set_weights counts them) */
  for (int a = 0; a < nw; a++) {
    double s, w = ws[a];
    clipped += d->ops->set_weights(d, &s, &w, 1) > 0;
  }
  if (ni || cells > 1) {
    device_cells c = {d, ni, (size_t)cells, ws, vs, nw, nv, dt, pulses, energy};
    if (device_cells_run(&c, &st, &cn)) {
      fprintf(stderr, "msl: %s\n", msl_error());
      rc = 1;
    }
    report_cells(ni, &cn);
  } else {
    rc = run_one(d, ws, nw, vs, nv, dt, pulses, energy, bp, &st);
  }
  msl_nonideal_free(ni);
  msl_cell_free(cell);
  the_cell = NULL;
  if (clipped)
    fprintf(stderr, "msl: note: %d of the --w weights were outside the model's range and were "
                    "clipped to it (w_before is the reachable weight)\n", clipped);
  if (st.clamped)
    fprintf(stderr, "msl: note: %llu pulse voltages were above the table's range and clamped to "
                    "its edge (SPEC 9.5)\n", (unsigned long long)st.clamped);
  msl_device_free(d);
out:
  free(ws);
  free(vs);
  return rc;
}
