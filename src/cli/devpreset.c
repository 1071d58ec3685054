/* devpreset.c: --preset and --params expanded into a parameter set
 * (devpreset.h). */
#include "devpreset.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "devices/curve.h"
#include "msl/device.h"
#include "msl/error.h"
#include "msl/nonideal.h"
#include "paramfile.h"

/* Set name to x unless the set already holds it (given, or from a source
 * of higher precedence). */
static void fill(msl_params *ps, const char *name, double x) {
  const msl_param_decl *d = devopts_decl(name);
  if (d && !msl_params_has(ps, d->name)) msl_params_set(ps, d->name, x);
}

static int is_curve_key(const msl_device_model *m, const char *key, const msl_param_decl **out) {
  char buf[64];
  for (int k = 0; k < m->params.n; k++) {
    const msl_param_decl *d = &m->params.decl[k];
    if (d->type != MSL_PARAM_TEXT && strcmp(msl_param_json_key(d, buf, sizeof buf), key) == 0)
      return *out = d, 1;
  }
  if (strcmp(key, "c2c") == 0) return *out = devopts_decl("c2c"), 1;
  return 0;
}

/* The file's numbers (keys as in the JSON results; "device" must be curve;
 * "_sd" companions and the rest of msl fit's line are ignored). */
static int apply_file(devopts *o, const char *cmd, const msl_device_model *m) {
  paramfile pf;
  char err[400];
  if (paramfile_load(o->params_file, &pf, err, sizeof err)) {
    fprintf(stderr, "%s: --params: %s\n", cmd, err);
    return -1;
  }
  static const char *const info[] = {"workload", "points_ltp", "points_ltd", "rms_ltp",
                                     "rms_ltd", "c2c_range", "version", "ltp", "ltd"};
  for (int k = 0; k < pf.n; k++) {
    const paramfile_entry *e = &pf.v[k];
    const msl_param_decl *d = NULL;
    size_t l = strlen(e->key);
    int skip = l > 3 && strcmp(e->key + l - 3, "_sd") == 0;
    for (size_t q = 0; q < sizeof info / sizeof *info; q++) skip |= strcmp(e->key, info[q]) == 0;
    if (skip) continue;
    if (strcmp(e->key, "device") == 0) {
      if (e->is_text && strcmp(e->text, "curve") == 0) continue;
      fprintf(stderr, "%s: --params: %s: line %d: \"device\" must be \"curve\"\n", cmd,
              o->params_file, e->line);
      return -1;
    }
    if (!is_curve_key(m, e->key, &d) || e->is_text) {
      fprintf(stderr, "%s: --params: %s: line %d: \"%s\" is not a number parameter of the "
                      "curve model (nor c2c)\n", cmd, o->params_file, e->line, e->key);
      return -1;
    }
    if (msl_param_valid(d, e->value)) {
      fprintf(stderr, "%s: --params: %s: line %d: %s\n", cmd, o->params_file, e->line,
              msl_error());
      return -1;
    }
    fill(&o->params, d->name, e->value);
  }
  return 0;
}

/* The preset's device values, c2c, and for the ln rule its programming. */
static void apply_preset(devopts *o, const curve_preset *p, int workload) {
  msl_params *ps = &o->params;
  const double v0 = msl_params_get(ps, devopts_decl("v0"));
  fill(ps, "gmin", p->gmin);
  fill(ps, "gmax", p->gmax);
  fill(ps, "a-ltp", p->a_ltp);
  fill(ps, "a-ltd", p->a_ltd);
  fill(ps, "p-ltp", p->p_ltp);
  fill(ps, "p-ltd", p->p_ltd);
  fill(ps, "v-ltp", p->v_ltp);
  fill(ps, "v-ltd", p->v_ltd);
  fill(ps, "t-ltp", p->t_ltp);
  fill(ps, "t-ltd", p->t_ltd);
  fill(ps, "c2c", p->c2c);
  if (workload == 0 || (o->rule && strcmp(o->rule, "ln") != 0)) return;
  /* Trace or error 1 drives the characterised amplitude; dv = v0 makes the
   * pulse count proportional to the trace (docs/devices.md). */
  double vp = msl_params_get(ps, devopts_decl("v-ltp"));
  double vd = msl_params_get(ps, devopts_decl("v-ltd"));
  double tp = msl_params_get(ps, devopts_decl("t-ltp"));
  double td = msl_params_get(ps, devopts_decl("t-ltd"));
  fill(ps, "v1p", vp);
  fill(ps, "dvp", v0);
  fill(ps, "dvn", v0);
  if (workload == 1) {
    fill(ps, "v1n", vd);
    fill(ps, "dt-post", tp);       /* one pulse per unit of pre trace */
    fill(ps, "dt-pre", td / 100);  /* 1/100 of one per unit of post trace (An = Ap/100) */
  } else {
    fill(ps, "v1n", vd - v0 * log(20.0)); /* the rule's 20|e| cancelled */
    fill(ps, "dt-pre", tp / 100);         /* 1/100 of a pulse per unit of error */
  }
}

int devpreset_apply(devopts *o, const char *cmd, int workload) {
  const msl_device_model *m = msl_device_model_find("curve");
  const msl_param_decl *pd = m ? msl_param_find(m->params, "preset") : NULL;
  const char *name = pd ? msl_params_text(&o->params, pd) : NULL;
  int curve = strcmp(o->device, "curve") == 0;
  if (o->params_file && !curve) {
    fprintf(stderr, "%s: --params: applies to --device curve (got --device %s)\n", cmd, o->device);
    return -1;
  }
  if (!curve) return 0;
  if (o->params_file && apply_file(o, cmd, m)) return -1;
  if (!name || strcmp(name, "none") == 0) return 0;
  const curve_preset *p = curve_preset_find(name);
  if (!p) {
    fprintf(stderr, "%s: %s\n", cmd, msl_error());
    return -1;
  }
  apply_preset(o, p, workload);
  return 0;
}
