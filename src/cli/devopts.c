/* devopts.c: device options and device fields of the JSON results. */
#include "devopts.h"

#include <stdio.h>
#include <string.h>

#include "opts.h"

const char *devopts_help =
    "device (synapse) options:\n"
    "  --device NAME      ideal (software baseline), vteam, chen15 or lut [ideal]\n"
    "  --g1 S             conductance of weight 1, siemens [1e-5]\n"
    "  --lr X             learning rate (ideal rule; VTEAM resistance steps)\n"
    "  --vp V             chen15: maximum programming voltage [1.3]\n"
    "  --substeps N       chen15: forward-Euler substeps per pulse [1]\n"
    "  --lut FILE         lut: table file (.npz), e.g. 1t1r_Paiyu_15.npz\n"
    "  --v1p V, --v1n V   lut: potentiation (gate) / depression voltage at trace 1 [1.0]\n"
    "  --dvp V, --dvn V   lut: volts per e-fold of trace [0.0105, 0.0333 (stdp); 1/95, 1/30 (bp)]\n"
    "  --dt-pre S         width of column pulses (pre spikes; bp: every replay pulse) [1e-9]\n"
    "  --dt-post S        width of row pulses (post spikes; stdp only) [1e-8]\n"
    "  --quirks MODE      none, or reference: reproduce the published code (SPEC 9)\n";

int quirks_parse(const char *val, int *quirks) {
  if (strcmp(val, "reference") == 0) *quirks = 1;
  else if (strcmp(val, "none") == 0) *quirks = 0;
  else {
    fprintf(stderr, "msl: --quirks: expected 'reference' or 'none', got '%s'\n", val);
    return -1;
  }
  return 0;
}

int devopts_parse(int argc, char **argv, int *i, msl_device_params *p, const char **device) {
  const char *a = argv[*i], *v;
  long n;
  if (opt_is(a, "--device")) {
    if (!(v = opt_value(argc, argv, i))) return -1;
    *device = v;
    return 1;
  }
  struct { const char *name; double *dst; int positive; } dbl[] = {
      {"--g1", &p->g1, 1},   {"--lr", &p->lr, 1},   {"--vp", &p->vp, 0},
      {"--v1p", &p->v1p, 0}, {"--v1n", &p->v1n, 0}, {"--dvp", &p->dvp, 1},
      {"--dvn", &p->dvn, 1}, {"--dt-pre", &p->dt_pre, 1}, {"--dt-post", &p->dt_post, 1},
  };
  for (size_t k = 0; k < sizeof dbl / sizeof dbl[0]; k++) {
    if (!opt_is(a, dbl[k].name)) continue;
    if (!(v = opt_value(argc, argv, i))) return -1;
    return (dbl[k].positive ? opt_positive(dbl[k].name, v, dbl[k].dst)
                            : opt_double(dbl[k].name, v, dbl[k].dst)) ? -1 : 1;
  }
  if (opt_is(a, "--substeps")) {
    if (!(v = opt_value(argc, argv, i)) || opt_int("--substeps", v, 1, 1000000, &n)) return -1;
    p->substeps = (int)n;
    return 1;
  }
  if (opt_is(a, "--lut")) {
    if (!(v = opt_value(argc, argv, i))) return -1;
    p->lut = v;
    return 1;
  }
  return 0;
}

void devopts_json(json *j, const char *device, const msl_device_params *p,
                  const msl_syn_stats *s, long n_images, unsigned long long clamped,
                  unsigned long long set, unsigned long long clipped) {
  int ideal = strcmp(device, "ideal") == 0;
  double n = n_images > 0 ? (double)n_images : 1.0;
  if (ideal) {
    json_raw(j, "g1", "null");
  } else {
    json_num(j, "g1", p->g1);
    if (strcmp(device, "vteam") == 0) json_num(j, "device_lr", p->lr);
    if (strcmp(device, "chen15") == 0) {
      json_num(j, "vp", p->vp);
      json_int(j, "substeps", p->substeps);
    }
    if (strcmp(device, "lut") == 0) {
      json_str(j, "lut", p->lut ? p->lut : "");
      json_num(j, "v1p", p->v1p);
      json_num(j, "v1n", p->v1n);
      json_num(j, "dvp", p->dvp);
      json_num(j, "dvn", p->dvn);
    }
    json_num(j, "dt_pre", p->dt_pre);
    if (p->workload != 2) json_num(j, "dt_post", p->dt_post);
  }
  json_num(j, "energy_per_image_nj", ideal ? 0.0 : s->energy_j / n * 1e9);
  json_num(j, "energy_row_pulses_per_image_nj", ideal ? 0.0 : s->energy_row_j / n * 1e9);
  json_num(j, "energy_column_pulses_per_image_nj", ideal ? 0.0 : s->energy_col_j / n * 1e9);
  json_num(j, "energy_iv_per_image_nj", ideal ? 0.0 : s->energy_iv_j / n * 1e9);
  json_num(j, "read_power_sum_w", ideal ? 0.0 : s->read_power_w / n);
  json_num(j, "in_spikes_per_image", s->in_spikes / n);
  json_num(j, "out_spikes_per_image", s->out_spikes / n);
  json_num(j, "sum_v_pre_per_image", s->sum_v_pre / n);
  json_num(j, "sum_v2_pre_per_image", s->sum_v2_pre / n);
  json_num(j, "sum_v_post_per_image", s->sum_v_post / n);
  json_num(j, "sum_v2_post_per_image", s->sum_v2_post / n);
  json_int(j, "lut_clamped", (long long)clamped);
  json_int(j, "weights_clipped", (long long)clipped);
  json_num(j, "weights_clipped_fraction", set ? (double)clipped / (double)set : 0.0);
}
