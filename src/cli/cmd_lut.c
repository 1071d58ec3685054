/* cmd_lut.c: `msl lut`: a device model in a cell circuit tabulated into the
 * seed's lookup-table format, with each pulse's supply energy (pot_E,
 * dep_E); optionally compared with, or its transistor fitted to, a
 * reference table (lutgen.h, docs/devices.md "Calibration"). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "devopts.h"
#include "json.h"
#include "lutgen.h"
#include "msl/error.h"
#include "msl/npz.h"
#include "npz_write.h"
#include "opts.h"

static void help(void) {
  printf("usage: msl lut [--device chen15] [--cell 1t1r] [circuit options] --out table.npz\n"
         "               [--ref REF.npz [--fit] [--fit-step K] [--onsets FILE]]\n\n"
         "Tabulate one pulse of the device in the cell circuit from every conductance\n"
         "G and amplitude |V| of the reference's grids (docs/devices.md): pot_dG after a\n"
         "pot_dt = 10 ns potentiating pulse (1T1R: V on the gate), dep_dG after a\n"
         "dep_dt = 1 ns depressing one (1T1R: |V| across the cell), and the supply's\n"
         "energy of each pulse, pot_E and dep_E (J), beside pot_G, pot_V, dep_G, dep_V,\n"
         "gmin, gmax: a table for --device lut (which then counts those energies).\n\n"
         "options:\n"
         "  --out FILE       the table (.npz) to write\n"
         "  --ref FILE       compare with a table on the same grids (e.g. the HSPICE\n"
         "                   1t1r_Paiyu_15.npz): one JSON line with the normalised RMS\n"
         "                   error of dG per table and the transistor's parameters\n"
         "  --fit            first fit mos-vth, mos-k, mos-n, mos-lambda, v-set and\n"
         "                   vg-reset to --ref (GSL least squares, from the given values)\n"
         "  --fit-step K     fit on every K-th conductance and voltage, 1..100 [4]\n"
         "  --onsets FILE    CSV per conductance: the voltage where |dG| first exceeds\n"
         "                   1%% of its row's maximum, in both tables (needs --ref)\n"
         "  --quiet          no fit progress\n"
         "device and circuit options (msl device --help, msl stdp --help): --device\n"
         "NAME [chen15], --cell 1t1r|2t1r|1r [1t1r], the transistor's --mos-* options,\n"
         "--v-set, --vg-reset, --cell-tol, --cell-substeps, --reset-width (2t1r), model options.\n");
}

/* Read one direction of a table file on its own grids. */
static int load_ref(msl_npz *z, const char *pre, lut_table *t) {
  const char *keys[4] = {"G", "V", "dG", "dt"};
  msl_array a[4] = {{0}};
  char name[16];
  for (int k = 0; k < 4; k++) {
    snprintf(name, sizeof name, "%s_%s", pre, keys[k]);
    if (msl_npz_array(z, name, &a[k])) {
      for (int q = 0; q < k; q++) msl_array_free(&a[q]);
      return -1;
    }
  }
  if (a[0].ndim != 1 || a[1].ndim != 1 || a[2].ndim != 2 || a[2].shape[0] != a[0].size ||
      a[2].shape[1] != a[1].size || a[3].size != 1 || a[0].size < 2 || a[1].size < 2) {
    msl_error_set("%s: %s_dG: expected a %s_G x %s_V matrix", msl_npz_path(z), pre, pre, pre);
    for (int q = 0; q < 4; q++) msl_array_free(&a[q]);
    return -1;
  }
  t->G = a[0].data;
  t->V = a[1].data;
  t->dG = a[2].data;
  t->nG = (int)a[0].size;
  t->nV = (int)a[1].size;
  t->dt = a[3].data[0];
  t->E = NULL;
  msl_array_free(&a[3]);
  return 0;
}

/* The first voltage of row i where |dG| exceeds 1% of the row's largest
 * (NaN: a row of zeros). */
static double onset(const lut_table *t, int i) {
  const double *r = t->dG + (size_t)i * t->nV;
  double m = 0.0;
  for (int j = 0; j < t->nV; j++) m = fabs(r[j]) > m ? fabs(r[j]) : m;
  if (!(m > 0.0)) return NAN;
  for (int j = 0; j < t->nV; j++)
    if (fabs(r[j]) > 0.01 * m) return t->V[j];
  return NAN;
}

static int write_onsets(const char *path, const lut_table m[2], const lut_table r[2]) {
  FILE *f = fopen(path, "w");
  if (!f) return msl_error_set("--onsets: %s: cannot write", path), -1;
  fprintf(f, "G,pot_onset_msl,pot_onset_ref,dep_onset_msl,dep_onset_ref\n");
  for (int i = 0; i < m[0].nG; i++)
    fprintf(f, "%.6g,%.6g,%.6g,%.6g,%.6g\n", m[0].G[i], onset(&m[0], i), onset(&r[0], i),
            onset(&m[1], i), onset(&r[1], i));
  return fclose(f) ? -1 : 0;
}

static int write_table(const char *path, const msl_device *d, const lut_table t[2]) {
  double gmin = d->ops->s2w(d, d->ops->w2s(d, 0.0)), gmax = d->ops->s2w(d, d->ops->w2s(d, 1e300));
  double dt[2] = {t[0].dt, t[1].dt};
  npz_member m[12];
  int n = 0;
  const char *pre[2] = {"pot", "dep"};
  char names[2][5][8];
  for (int q = 0; q < 2; q++) {
    const char *k[5] = {"G", "V", "dG", "dt", "E"};
    for (int a = 0; a < 5; a++) snprintf(names[q][a], 8, "%s_%s", pre[q], k[a]);
    size_t g = (size_t)t[q].nG, v = (size_t)t[q].nV;
    m[n++] = (npz_member){names[q][0], t[q].G, 1, {g, 1}};
    m[n++] = (npz_member){names[q][1], t[q].V, 1, {v, 1}};
    m[n++] = (npz_member){names[q][2], t[q].dG, 2, {g, v}};
    m[n++] = (npz_member){names[q][3], &dt[q], 0, {1, 1}};
    m[n++] = (npz_member){names[q][4], t[q].E, 2, {g, v}};
  }
  m[n++] = (npz_member){"gmin", &gmin, 0, {1, 1}};
  m[n++] = (npz_member){"gmax", &gmax, 0, {1, 1}};
  return npz_write(path, m, n);
}

int cmd_lut(int argc, char **argv) {
  devopts o;
  devopts_init(&o, 1);
  o.device = "chen15";
  const char *out = NULL, *ref = NULL, *onsets = NULL;
  int fit = 0, quiet = 0, rc = 1;
  long step = 4;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v;
    int r;
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      help();
      return 0;
    } else if (opt_is(a, "--out") || opt_is(a, "--ref") || opt_is(a, "--onsets")) {
      if (!(v = opt_value(argc, argv, &i))) return 2;
      *(opt_is(a, "--out") ? &out : opt_is(a, "--ref") ? &ref : &onsets) = v;
    } else if (opt_is(a, "--fit-step")) {
      if (!(v = opt_value(argc, argv, &i)) || opt_int("--fit-step", v, 1, 100, &step)) return 2;
    } else if (strcmp(a, "--fit") == 0) {
      fit = 1;
    } else if (strcmp(a, "--quiet") == 0) {
      quiet = 1;
    } else if ((r = devopts_parse(argc, argv, &i, &o)) != 0) {
      if (r < 0) return 2;
    } else {
      fprintf(stderr, "msl lut: unknown option '%s' (msl lut --help)\n", a);
      return 2;
    }
  }
  if (!out) {
    fprintf(stderr, "msl lut: --out: required (the table file to write)\n");
    return 2;
  }
  if ((fit || onsets) && !ref) {
    fprintf(stderr, "msl lut: %s: needs --ref (the table to %s)\n", fit ? "--fit" : "--onsets",
            fit ? "fit to" : "compare with");
    return 2;
  }
  if (strcmp(o.device, "ideal") == 0 || strcmp(o.device, "lut") == 0) {
    fprintf(stderr, "msl lut: --device %s: needs a physical model (chen15, vteam, curve)\n",
            o.device);
    return 2;
  }
  if (!msl_params_has(&o.params, "cell")) msl_params_set_text(&o.params, "cell", "1t1r");
  if (devopts_check(&o, "msl lut", 0)) return 2;
  const char *cell_name = msl_cell_name(&o.params);
  lut_table t[2] = {{0}}, r[2] = {{0}};
  msl_device *d = NULL;
  msl_cell *c = NULL;
  msl_npz *z = NULL;
  if (ref && (!(z = msl_npz_open(ref)) || load_ref(z, "pot", &r[0]) || load_ref(z, "dep", &r[1]))) {
    fprintf(stderr, "msl lut: --ref: %s\n", msl_error());
    goto done;
  }
  if (ref) {
    for (int q = 0; q < 2; q++) { /* the reference's own grids */
      t[q] = r[q];
      t[q].G = malloc((size_t)r[q].nG * sizeof(double));
      t[q].V = malloc((size_t)r[q].nV * sizeof(double));
      t[q].dG = t[q].E = NULL;
      if (!t[q].G || !t[q].V) goto oom;
      memcpy(t[q].G, r[q].G, (size_t)r[q].nG * sizeof(double));
      memcpy(t[q].V, r[q].V, (size_t)r[q].nV * sizeof(double));
    }
  } else if (lutgen_grids(&t[0], &t[1])) {
    goto fail;
  }
  if (fit && lutgen_fit(o.device, cell_name, &o.params, &r[0], &r[1], (int)step, !quiet)) goto fail;
  if (!(d = msl_device_new(o.device, &o.params, 1.0)) || !(c = msl_cell_new(cell_name, &o.params)))
    goto fail;
  for (int q = 0; q < 2; q++)
    if (lutgen_fill(&t[q], d, c, q, 1)) goto fail;
  if (write_table(out, d, t)) goto fail;
  if (onsets && write_onsets(onsets, t, r)) goto fail;
  json j;
  json_begin(&j, stdout);
  json_str(&j, "device", o.device);
  json_str(&j, "cell", cell_name);
  json_str(&j, "out", out);
  msl_param_list cl = msl_cell_param_list();
  for (int k = 1; k < cl.n; k++) {
    char buf[64];
    json_num(&j, msl_param_json_key(&cl.decl[k], buf, sizeof buf),
             msl_params_get(&o.params, &cl.decl[k]));
  }
  if (ref) {
    json_str(&j, "ref", ref);
    json_num(&j, "nrmse_pot", lutgen_nrmse(&t[0], &r[0]));
    json_num(&j, "nrmse_dep", lutgen_nrmse(&t[1], &r[1]));
  }
  json_end(&j);
  rc = 0;
  goto done;
oom:
  msl_error_set("msl lut: out of memory");
fail:
  fprintf(stderr, "msl lut: %s\n", msl_error());
done:
  for (int q = 0; q < 2; q++) {
    lutgen_free(&t[q]);
    lutgen_free(&r[q]);
  }
  msl_npz_close(z);
  msl_cell_free(c);
  msl_device_free(d);
  return rc;
}
