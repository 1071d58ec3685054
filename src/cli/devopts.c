/* devopts.c: device options and the device fields of the JSON results,
 * derived from the parameter declarations (devopts.h). */
#include "devopts.h"

#include <stdio.h>
#include <string.h>

#include "msl/array.h"
#include "msl/cell.h"
#include "msl/device.h"
#include "msl/error.h"
#include "msl/nonideal.h"
#include "msl/rule.h"
#include "devpreset.h"
#include "opts.h"

void devopts_init(devopts *o, int workload) {
  memset(o, 0, sizeof *o);
  o->device = "ideal";
  msl_params_init(&o->params, workload);
}

/* Calls f(list, owner kind, owner name) for the crossbar's list, then every
 * model's, then every rule's, then the non-idealities' (kind "cells", for
 * every model), then the cell circuits' (kind "circuit"); stops when f
 * returns non-zero. */
typedef int (*list_fn)(msl_param_list l, const char *kind, const char *owner, void *ctx);

static int each_list(list_fn f, void *ctx) {
  int n, r;
  if ((r = f(msl_crossbar_param_list(), "crossbar", "crossbar", ctx))) return r;
  const msl_device_model *const *m = msl_device_models(&n);
  for (int k = 0; k < n; k++)
    if ((r = f(m[k]->params, "device", m[k]->name, ctx))) return r;
  const msl_rule_model *const *ru = msl_rule_models(&n);
  for (int k = 0; k < n; k++)
    if ((r = f(ru[k]->params, "rule", ru[k]->name, ctx))) return r;
  if ((r = f(msl_nonideal_param_list(), "cells", "non-idealities", ctx))) return r;
  return f(msl_cell_param_list(), "circuit", "cell circuits", ctx);
}

typedef struct {
  const char *name;
  const msl_param_decl *decl;
  const char *kind, *owner;
} find_ctx;

static int find_in(msl_param_list l, const char *kind, const char *owner, void *ctx) {
  find_ctx *c = ctx;
  const msl_param_decl *d = msl_param_find(l, c->name);
  if (!d) return 0;
  c->decl = d;
  c->kind = kind;
  c->owner = owner;
  return 1;
}

const msl_param_decl *devopts_decl(const char *name) {
  find_ctx c = {name, NULL, NULL, NULL};
  each_list(find_in, &c);
  return c.decl;
}

/* The rule a run uses: --rule, or the device's default. */
static const char *rule_of(const char *device, const char *rule) {
  const msl_device_model *m = rule ? NULL : msl_device_model_find(device);
  return rule ? rule : m ? m->rule : NULL;
}

/* msl device pulses cells and reads none: read noise is not one of its options. */
static int is_read_noise(const char *name) { return strcmp(name, "read-noise") == 0; }

/* Where name is declared for this device and rule: 1 crossbar, 2 device,
 * 3 rule, 4 the non-idealities (every model), 5 the cell circuits; 0 not. */
static int declared_for(const char *name, const char *device, const char *rule) {
  const msl_device_model *m = msl_device_model_find(device);
  if (!m) return 0;
  const msl_rule_model *r = msl_rule_model_find(rule_of(device, rule));
  if (msl_param_find(msl_crossbar_param_list(), name)) return 1;
  if (msl_param_find(m->params, name)) return 2;
  if (r && msl_param_find(r->params, name)) return 3;
  if (msl_param_find(msl_nonideal_param_list(), name)) return 4;
  if (msl_param_find(msl_cell_param_list(), name)) return 5;
  return 0;
}

int devopts_applies(const char *name, const char *device) {
  if (!devopts_decl(name)) return 1;                 /* not a device parameter */
  if (strcmp(name, "lr") == 0 && strcmp(device, "ideal") == 0) return 1; /* the ideal rule's */
  if (!msl_device_model_find(device)) return strcmp(device, "ideal") != 0; /* unknown: the run says */
  return declared_for(name, device, NULL) != 0;
}

/* --cell names a circuit, its transistor options go with an access cell,
 * and an access cell with a device model, the ideal drive and no
 * non-idealities; 0, or -1 (message printed). */
static int cell_check(const devopts *o, const char *cmd, int ideal) {
  const char *cell = msl_cell_name(&o->params);
  msl_cell *c = msl_cell_new(cell, &o->params);
  if (!c) {
    fprintf(stderr, "%s: --cell: %s\n", cmd, msl_error());
    return -1;
  }
  int access = c->ops->pulse != NULL;
  msl_cell_free(c);
  msl_param_list cl = msl_cell_param_list();
  for (int k = 1; k < cl.n && !access; k++)
    if (msl_params_has(&o->params, cl.decl[k].name)) {
      fprintf(stderr, "%s: --%s: a parameter of the access-transistor cells (--cell 1t1r or "
                      "2t1r), not of --cell %s\n", cmd, cl.decl[k].name, cell);
      return -1;
    }
  if (msl_params_has(&o->params, "reset-width") && strcmp(cell, "2t1r")) {
    fprintf(stderr, "%s: --reset-width: a parameter of --cell 2t1r (its reset transistor)\n", cmd);
    return -1;
  }
  if (!access) return 0;
  const char *bias = msl_params_text(&o->params, msl_param_find(msl_crossbar_param_list(), "bias"));
  if (ideal) {
    fprintf(stderr, "%s: --cell %s: needs a memristor model (--device chen15, vteam, ...); the "
                    "ideal device has no cell\n", cmd, cell);
    return -1;
  }
  if (strcmp(o->device, "lut") == 0) {
    fprintf(stderr, "%s: --cell %s: a lookup table already holds its circuit (msl lut makes "
                    "one from a circuit); use --cell 1r with --device lut\n", cmd, cell);
    return -1;
  }
  if (strcmp(bias, "ideal")) {
    fprintf(stderr, "%s: --bias %s: the bias schemes model a passive (1R) array's "
                    "half-selected cells; with --cell %s the access transistors deselect them "
                    "(use --bias ideal)\n", cmd, bias, cell);
    return -1;
  }
  if (msl_nonideal_enabled(&o->params)) {
    fprintf(stderr, "%s: --cell %s: the non-idealities apply to 1R cells only\n", cmd, cell);
    return -1;
  }
  return 0;
}

int devopts_check(const devopts *o, const char *cmd, int workload) {
  const int ideal = strcmp(o->device, "ideal") == 0;
  if (!ideal && !msl_device_model_find(o->device)) {
    fprintf(stderr, "%s: --device: %s\n", cmd, msl_error());
    return -1;
  }
  if (o->rule && (ideal || !msl_rule_model_find(o->rule))) {
    fprintf(stderr, "%s: --rule: %s\n", cmd,
            ideal ? "the ideal device has its own rule (SPEC 4)" : msl_error());
    return -1;
  }
  if (cell_check(o, cmd, ideal)) return -1; /* the circuit's options, checked there */
  for (int k = 0; k < o->params.n; k++) {
    const char *name = o->params.v[k].name;
    if (msl_param_find(msl_cell_param_list(), name)) continue;
    find_ctx c = {name, NULL, NULL, NULL};
    each_list(find_in, &c);
    int where = ideal ? 0 : declared_for(name, o->device, o->rule);
    if (workload == 0 && where != 2 && where != 4 && where != 5 && strcmp(name, "g1") != 0)
      where = 0; /* msl device */
    if (workload == 0 && where && is_read_noise(name)) {
      fprintf(stderr, "%s: --%s: a non-ideality of the forward pass's reads; msl device reads "
                      "no weights through an array (it applies to msl stdp and msl bp)\n", cmd, name);
      return -1;
    }
    if (workload == 2 && strcmp(name, "dt-post") == 0) {
      fprintf(stderr, "%s: --dt-post: workload 2 has no row pulses (its replay pulses "
                      "columns: --dt-pre)\n", cmd);
      return -1;
    }
    if (where || (ideal && strcmp(name, "lr") == 0)) continue;
    if (workload == 0 && strcmp(c.kind, "device") && strcmp(c.kind, "cells"))
      fprintf(stderr, "%s: --%s: a parameter of the %s %s, not of a device model (msl device "
                      "drives the memristor with --voltage directly)\n", cmd, name, c.kind,
              c.owner);
    else
      fprintf(stderr, "%s: --%s: does not apply to --device %s%s%s (it is a parameter of the %s "
                      "%s)\n", cmd, name, o->device, ideal ? "" : ", rule ",
              ideal ? "" : rule_of(o->device, o->rule), c.kind, c.owner);
    return -1;
  }
  const char *bias = msl_params_text(&o->params, msl_param_find(msl_crossbar_param_list(), "bias"));
  double ba, bb;
  int lazy;
  if (strcmp(bias, "ideal") && msl_bias_scheme(bias, &ba, &bb, &lazy)) {
    fprintf(stderr, "%s: --bias: expected one of %s, got '%s'\n", cmd, msl_drive_names(), bias);
    return -1;
  }
  if (!ideal && lazy && strcmp(bias, "ideal") && msl_nonideal_enabled(&o->params)) {
    fprintf(stderr, "%s: --bias %s: the lazy half-select path does not combine with the cells' "
                    "non-idealities; use --bias %s-exact (every cell pulsed at every event: "
                    "slow)\n", cmd, bias, bias);
    return -1;
  }
  if (!ideal && msl_nonideal_check(&o->params)) {
    fprintf(stderr, "%s: %s\n", cmd, msl_error());
    return -1;
  }
  return 0;
}

int devopts_required(const devopts *o, const char *cmd) {
  const msl_device_model *m = strcmp(o->device, "ideal") ? msl_device_model_find(o->device) : NULL;
  for (int k = 0; m && k < m->params.n; k++) {
    const msl_param_decl *d = &m->params.decl[k];
    if (d->type == MSL_PARAM_TEXT && !d->text_def && !msl_params_has(&o->params, d->name)) {
      fprintf(stderr, "%s: --%s: required by the %s model (%s)\n", cmd, d->name, o->device,
              d->doc);
      return -1;
    }
  }
  return 0;
}

int devopts_finish(devopts *o, const char *cmd, int workload, double *lr,
                   const char **device, const char **rule, msl_params *params) {
  if (devopts_check(o, cmd, workload) || devpreset_apply(o, cmd, workload) ||
      devopts_check(o, cmd, workload) || devopts_required(o, cmd))
    return -1;
  if (msl_params_has(&o->params, "lr")) *lr = msl_params_get(&o->params, devopts_decl("lr"));
  *device = o->device;
  *rule = o->rule;
  *params = o->params;
  return 0;
}

/* ---- help ---------------------------------------------------------------- */

typedef struct {
  FILE *f;
  int workload;
} help_ctx;

static int help_list(msl_param_list l, const char *kind, const char *owner, void *ctx) {
  help_ctx *h = ctx;
  if (h->workload == 0 && strcmp(kind, "device") && strcmp(kind, "cells") && strcmp(kind, "circuit"))
    return 0;
  for (int k = 0; k < l.n; k++) {
    const msl_param_decl *d = &l.decl[k];
    if (h->workload == 0 && is_read_noise(d->name)) continue;
    char opt[64], def[64];
    snprintf(opt, sizeof opt, "--%s %s", d->name, d->type == MSL_PARAM_TEXT ? "TEXT" : "X");
    if (d->type == MSL_PARAM_TEXT) snprintf(def, sizeof def, "%s", d->text_def ? d->text_def : "required");
    else if (h->workload == 0 || d->def[0] == d->def[1]) snprintf(def, sizeof def, "%g", d->def[0]);
    else snprintf(def, sizeof def, "%g", d->def[h->workload - 1]);
    int own = strcmp(kind, "crossbar") && strcmp(kind, "cells") &&
              strcmp(kind, "circuit"); /* "vteam device: ..." */
    fprintf(h->f, "  %-18s %s%s%s: %s [%s]\n", opt, own ? owner : "", own ? " " : "", kind,
            d->doc, def);
  }
  return 0;
}

void devopts_help(FILE *f, int workload) {
  if (workload) {
    int n;
    const msl_device_model *const *m = msl_device_models(&n);
    fprintf(f, "device (synapse) options:\n"
               "  --device NAME      ideal (software baseline) or a device model [ideal]:\n");
    for (int k = 0; k < n; k++)
      fprintf(f, "                       %-8s %s (rule %s)\n", m[k]->name, m[k]->doc, m[k]->rule);
    fprintf(f, "  --rule NAME        learning rule: step, log10 or ln [the device's]\n"
               "  --params FILE      curve device: parameters from a file (msl fit --out)\n"
               "  --lr X             learning rate (the ideal rule; the step rule's steps)\n");
  } else {
    fprintf(f, "  --params FILE      curve device: parameters from a file (msl fit --out)\n");
  }
  help_ctx h = {f, workload};
  each_list(help_list, &h);
  if (workload)
    fprintf(f, "  --quirks MODE      none, or reference: reproduce the published code (SPEC 9)\n");
}

/* ---- parsing ------------------------------------------------------------- */

int quirks_parse(const char *val, int *quirks) {
  if (strcmp(val, "reference") == 0) *quirks = 1;
  else if (strcmp(val, "none") == 0) *quirks = 0;
  else {
    fprintf(stderr, "msl: --quirks: expected 'reference' or 'none', got '%s'\n", val);
    return -1;
  }
  return 0;
}

int devopts_parse(int argc, char **argv, int *i, devopts *o) {
  const char *a = argv[*i], *v;
  if (opt_is(a, "--device") || opt_is(a, "--rule") || opt_is(a, "--params")) {
    if (!(v = opt_value(argc, argv, i))) return -1;
    *(opt_is(a, "--device") ? &o->device : opt_is(a, "--rule") ? &o->rule : &o->params_file) = v;
    return 1;
  }
  if (strncmp(a, "--", 2) != 0) return 0;
  char name[64];
  size_t len = strcspn(a + 2, "=");
  if (len >= sizeof name) return 0;
  memcpy(name, a + 2, len);
  name[len] = '\0';
  const msl_param_decl *d = devopts_decl(name);
  if (!d) return 0;
  if (!(v = opt_value(argc, argv, i))) return -1;
  if (msl_params_parse(&o->params, d, v)) {
    fprintf(stderr, "msl: %s\n", msl_error());
    return -1;
  }
  return 1;
}

/* ---- JSON ---------------------------------------------------------------- */

static void json_params(json *j, const msl_params *ps, msl_param_list l) {
  for (int k = 0; k < l.n; k++) {
    const msl_param_decl *d = &l.decl[k];
    char buf[64];
    const char *key = msl_param_json_key(d, buf, sizeof buf);
    if (d->type == MSL_PARAM_TEXT) {
      const char *t = msl_params_text(ps, d);
      json_str(j, key, t ? t : "");
    } else if (d->type == MSL_PARAM_INT) {
      json_int(j, key, (long long)msl_params_get(ps, d));
    } else {
      json_num(j, key, msl_params_get(ps, d));
    }
  }
}

void devopts_json(json *j, const devopts *o, const msl_syn_stats *s, long n_images,
                  const msl_syn_counts *c) {
  const int ideal = strcmp(o->device, "ideal") == 0;
  const msl_params *ps = &o->params;
  double n = n_images > 0 ? (double)n_images : 1.0;
  msl_param_list xb = msl_crossbar_param_list();
  if (ideal) {
    json_raw(j, "g1", "null");
  } else {
    const msl_device_model *m = msl_device_model_find(o->device);
    const msl_rule_model *r = msl_rule_model_find(rule_of(o->device, o->rule));
    json_num(j, "g1", msl_params_get(ps, msl_param_find(xb, "g1")));
    json_str(j, "rule", r->name);
    json_params(j, ps, m->params);
    json_params(j, ps, r->params);
    json_num(j, "dt_pre", msl_params_get(ps, msl_param_find(xb, "dt-pre")));
    if (ps->workload != 2) json_num(j, "dt_post", msl_params_get(ps, msl_param_find(xb, "dt-post")));
    json_params(j, ps, msl_nonideal_param_list());
    json_str(j, "bias", msl_params_text(ps, msl_param_find(xb, "bias")));
    const char *cell = msl_cell_name(ps);
    json_str(j, "cell", cell);
    if (strcmp(cell, "1r")) {
      msl_param_list cl = msl_cell_param_list();
      json_params(j, ps, (msl_param_list){cl.decl + 1, cl.n - (strcmp(cell, "2t1r") ? 2 : 1)});
    }
  }
  json_num(j, "energy_per_image_nj", ideal ? 0.0 : s->energy_j / n * 1e9);
  json_num(j, "energy_row_pulses_per_image_nj", ideal ? 0.0 : s->energy_row_j / n * 1e9);
  json_num(j, "energy_column_pulses_per_image_nj", ideal ? 0.0 : s->energy_col_j / n * 1e9);
  json_num(j, "energy_iv_per_image_nj", ideal ? 0.0 : s->energy_iv_j / n * 1e9);
  json_num(j, "energy_selected_per_image_nj",
           ideal ? 0.0 : (s->energy_j - s->energy_half_j) / n * 1e9);
  json_num(j, "energy_half_selected_per_image_nj", ideal ? 0.0 : s->energy_half_j / n * 1e9);
  json_num(j, "half_selected_pulses_per_image", s->half_pulses / n);
  json_num(j, "disturb_dw_per_image", s->drift_w / n);
  if (!ideal && (s->energy_pot_j != 0.0 || s->energy_dep_j != 0.0)) {
    json_num(j, "energy_supply_pot_per_image_nj", s->energy_pot_j / n * 1e9);
    json_num(j, "energy_supply_dep_per_image_nj", s->energy_dep_j / n * 1e9);
  }
  json_num(j, "read_power_sum_w", ideal ? 0.0 : s->read_power_w / n);
  json_num(j, "in_spikes_per_image", s->in_spikes / n);
  json_num(j, "out_spikes_per_image", s->out_spikes / n);
  json_num(j, "sum_v_pre_per_image", s->sum_v_pre / n);
  json_num(j, "sum_v2_pre_per_image", s->sum_v2_pre / n);
  json_num(j, "sum_v_post_per_image", s->sum_v_post / n);
  json_num(j, "sum_v2_post_per_image", s->sum_v2_post / n);
  json_int(j, "lut_clamped", (long long)c->clamped);
  json_int(j, "weights_clipped", (long long)c->weights_clipped);
  json_num(j, "weights_clipped_fraction",
           c->weights_set ? (double)c->weights_clipped / (double)c->weights_set : 0.0);
  json_int(j, "stuck_off_cells", (long long)c->stuck_off);
  json_int(j, "stuck_on_cells", (long long)c->stuck_on);
  json_int(j, "worn_cells", (long long)c->worn_cells);
  json_int(j, "stuck_pulses", (long long)c->stuck_pulses);
  json_int(j, "weights_stuck", (long long)c->weights_stuck);
}
