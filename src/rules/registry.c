/* registry.c: the table of learning rules; a new rule adds one line here. */
#include "rules.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msl/error.h"

static const msl_rule_model *const rules[] = {
    &msl_rule_step,
    &msl_rule_log10,
    &msl_rule_ln,
};
enum { N_RULES = sizeof rules / sizeof rules[0] };

const msl_rule_model *const *msl_rule_models(int *n) {
  *n = N_RULES;
  return rules;
}

const msl_rule_model *msl_rule_model_find(const char *name) {
  for (int i = 0; i < N_RULES; i++)
    if (strcmp(name, rules[i]->name) == 0) return rules[i];
  msl_error_set("unknown learning rule '%s' (known: step, log10, ln)", name);
  return NULL;
}

msl_rule *msl_rule_new(const char *name, const msl_params *p, const msl_device *dev) {
  const msl_rule_model *m = msl_rule_model_find(name ? name : dev->model->rule);
  if (!m || msl_params_check(p, m->params)) return NULL;
  return m->create(p, dev);
}

void msl_rule_free(msl_rule *r) {
  if (!r) return;
  if (r->ops->destroy) r->ops->destroy(r);
  free(r->content);
  free(r);
}

msl_rule *msl_rule_alloc(const msl_rule_model *model, const msl_rule_ops *ops,
                         size_t content_size, const msl_device *dev) {
  msl_rule *r = calloc(1, sizeof *r);
  void *content = calloc(1, content_size);
  if (!r || !content) {
    free(r);
    free(content);
    msl_error_set("rule %s: out of memory", model->name);
    return NULL;
  }
  r->ops = ops;
  r->model = model;
  r->dev = dev;
  r->content = content;
  return r;
}

void msl_rule_drive(const msl_rule *r, const double *v, double *u, int n) {
  r->dev->ops->drive(r->dev, v, u, n); /* drive(0 V) = 0 (device.h) */
}

double msl_rule_v_pre(const msl_rule *r, double t) {
  double v, u, l = t > 0.0 ? log(t) : -INFINITY;
  r->ops->pre(r, &t, &l, &v, &u, 1);
  return v;
}

double msl_rule_v_post(const msl_rule *r, double t) {
  double v, u, l = t > 0.0 ? log(t) : -INFINITY;
  r->ops->post(r, &t, &l, &v, &u, 1);
  return v;
}
