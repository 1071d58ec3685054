/* registry.c: the table of device models; a new model adds one line here. */
#include "msl/device.h"
#include "devices.h"

#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

static const struct {
  const char *name;
  msl_device *(*create)(const msl_device_params *p, char *err, size_t errlen);
} models[] = {
    {"vteam", msl_vteam_create},
    {"chen15", msl_chen15_create},
    {"lut", msl_lut_create},
};

void msl_device_params_default(msl_device_params *p, int workload) {
  memset(p, 0, sizeof *p);
  p->g1 = 1e-5;
  p->workload = workload;
  p->lr = 0.01;
  p->vp = 1.3;
  p->dv = 0.073;
  p->substeps = 1;
  p->v1p = 1.0;
  p->v1n = 1.0;
  p->dvp = workload == 2 ? 1.0 / 95 : 0.0105;
  p->dvn = workload == 2 ? 1.0 / 30 : 0.0333;
  p->dt_pre = 1e-9;
  p->dt_post = 10e-9;
}

msl_device *msl_device_new(const char *model, const msl_device_params *p,
                           char *err, size_t errlen) {
  if (!(p->g1 > 0.0) || p->g1 > 1e300) {
    snprintf(err, errlen, "--g1: must be a positive finite conductance in S, got %g", p->g1);
    return NULL;
  }
  const struct { const char *opt; double dt; } widths[] = {{"--dt-pre", p->dt_pre},
                                                            {"--dt-post", p->dt_post}};
  for (size_t k = 0; k < 2; k++)
    if (!(widths[k].dt > 0.0) || !isfinite(widths[k].dt)) {
      snprintf(err, errlen, "%s: must be a positive finite pulse width (s), got %g",
               widths[k].opt, widths[k].dt);
      return NULL;
    }
  for (size_t i = 0; i < sizeof models / sizeof models[0]; i++)
    if (strcmp(model, models[i].name) == 0) return models[i].create(p, err, errlen);
  snprintf(err, errlen, "unknown device model '%s' (known: %s)", model, msl_device_names());
  return NULL;
}

void msl_device_free(msl_device *d) {
  if (!d) return;
  if (d->ops && d->ops->destroy) d->ops->destroy(d);
  free(d);
}

msl_device *msl_device_alloc(const msl_device_ops *ops, size_t content_size,
                             const msl_device_params *p, char *err, size_t errlen) {
  msl_device *d = calloc(1, sizeof *d);
  void *content = calloc(1, content_size);
  if (!d || !content) {
    free(d);
    free(content);
    snprintf(err, errlen, "%s: out of memory", ops->name);
    return NULL;
  }
  d->ops = ops;
  d->content = content;
  d->g1 = p->g1;
  d->vread = 0.7; /* all three models are read at 0.7 V (SPEC 5.2, reference) */
  d->quirks = p->quirks;
  return d;
}

int msl_device_params_copy(const char **names, double *values, int max,
                           const char *const *nm, const double *val, int n) {
  int k = 0;
  for (; k < n && k < max; k++) {
    names[k] = nm[k];
    values[k] = val[k];
  }
  return k;
}

/* "vteam, chen15, lut": the registered names, joined once from the table. */
const char *msl_device_names(void) {
  static char names[256];
  if (!names[0]) {
    size_t len = 0;
    for (size_t i = 0; i < sizeof models / sizeof models[0] && len < sizeof names; i++)
      len += (size_t)snprintf(names + len, sizeof names - len, "%s%s", i ? ", " : "",
                              models[i].name);
  }
  return names;
}
