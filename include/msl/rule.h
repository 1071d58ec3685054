/* rule.h: learning rules, the layer that turns what a plasticity rule wants
 * into the voltages driven on the crossbar's lines (SPEC 7, 8).
 *
 * Workload 1 (STDP): on a post spike its row is pulsed with column voltages
 * from the pre traces (>= 0, potentiation); on a pre spike its column is
 * pulsed with row voltages from the post traces (<= 0, depression).
 * Workload 2 (gradient descent): an error e gives a voltage with e's sign.
 * Each law also gives the device's drive of its voltages (device.h), which
 * a law may know exactly (rule "step": the drive is the step it asked for).
 *
 * A rule is one file in src/rules/ with an msl_rule_ops, its parameters
 * declared (param.h) in an msl_rule_model, and one line in
 * src/rules/registry.c. Rules are owned by the synapse that uses them; they
 * may depend on the workload (params->workload) and quirks, devices may not. */
#ifndef MSL_RULE_H
#define MSL_RULE_H

#include "msl/api.h"

#include "msl/device.h"
#include "msl/param.h"

MSL_BEGIN_DECLS

typedef struct msl_rule msl_rule;

typedef struct msl_rule_ops {
  /* n traces t[k] >= 0 with their natural logs lnt[k] (-inf for 0): the
   * column voltages v[k] >= 0 (pre traces) or row voltages v[k] <= 0 (post
   * traces), and their drives u[k] on the rule's device (0 for 0 V). */
  void (*pre)(const msl_rule *r, const double *t, const double *lnt, double *v, double *u, int n);
  void (*post)(const msl_rule *r, const double *t, const double *lnt, double *v, double *u, int n);
  /* Workload 2: the voltage for an error e, with e's sign (0 for e == 0). */
  double (*err)(const msl_rule *r, double e);
  void (*destroy)(msl_rule *r);
} msl_rule_ops;

struct msl_rule {
  const msl_rule_ops *ops;
  const struct msl_rule_model *model;
  const msl_device *dev; /* not owned */
  void *content;
};

typedef struct msl_rule_model {
  const char *name;
  const char *doc;
  msl_param_list params;
  /* Build for dev from p (values checked against params before the call). */
  msl_rule *(*create)(const msl_params *p, const msl_device *dev);
} msl_rule_model;

const msl_rule_model *const *msl_rule_models(int *n);
const msl_rule_model *msl_rule_model_find(const char *name);
/* The rule named name (NULL: dev's model's default) for dev, which must
 * outlive it; NULL with msl_error() on failure. */
msl_rule *msl_rule_new(const char *name, const msl_params *p, const msl_device *dev);
void msl_rule_free(msl_rule *r);

/* One trace's voltage (convenience for tests and tools). */
double msl_rule_v_pre(const msl_rule *r, double t);
double msl_rule_v_post(const msl_rule *r, double t);

MSL_END_DECLS

#endif
