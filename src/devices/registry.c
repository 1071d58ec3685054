/* registry.c: the table of device models; a new model adds one line here. */
#include "devices.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msl/error.h"

static const msl_device_model *const models[] = {
    &msl_model_vteam,
    &msl_model_chen15,
    &msl_model_lut,
    &msl_model_curve,
};
enum { N_MODELS = sizeof models / sizeof models[0] };

const msl_device_model *const *msl_device_models(int *n) {
  *n = N_MODELS;
  return models;
}

/* Joined from the table into a per-thread buffer: no data race between
 * threads building networks, and no second list to keep in step. */
const char *msl_device_names(void) {
  static _Thread_local char names[256];
  size_t len = 0;
  names[0] = '\0';
  for (int i = 0; i < N_MODELS && len < sizeof names; i++)
    len += (size_t)snprintf(names + len, sizeof names - len, "%s%s", i ? ", " : "",
                            models[i]->name);
  return names;
}

const msl_device_model *msl_device_model_find(const char *name) {
  for (int i = 0; i < N_MODELS; i++)
    if (strcmp(name, models[i]->name) == 0) return models[i];
  msl_error_set("unknown device model '%s' (known: %s)", name, msl_device_names());
  return NULL;
}

msl_device *msl_device_new(const char *name, const msl_params *p, double g1) {
  const msl_device_model *m = msl_device_model_find(name);
  if (!m) return NULL;
  if (!(g1 > 0.0) || g1 > 1e300)
    return msl_error_set("--g1: must be a positive finite conductance in S, got %g", g1), NULL;
  msl_params none; /* no parameters: every default (workload 1's) */
  if (!p) {
    msl_params_init(&none, 1);
    p = &none;
  }
  if (msl_params_check(p, m->params)) return NULL;
  return m->create(p, g1);
}

void msl_device_free(msl_device *d) {
  if (!d) return;
  if (d->ops && d->ops->destroy) d->ops->destroy(d);
  free(d);
}

msl_device *msl_device_alloc(const msl_device_model *model, const msl_device_ops *ops,
                             size_t content_size, double g1) {
  msl_device *d = calloc(1, sizeof *d);
  void *content = calloc(1, content_size);
  if (!d || !content) {
    free(d);
    free(content);
    msl_error_set("%s: out of memory", model->name);
    return NULL;
  }
  d->ops = ops;
  d->model = model;
  d->content = content;
  d->g1 = g1;
  d->vread = 0.7; /* every model is read at 0.7 V (SPEC 5.2, reference) */
  return d;
}
