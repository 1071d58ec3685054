/* rules.h: the registered learning rules, and helpers for writing one. */
#ifndef MSL_RULES_RULES_H
#define MSL_RULES_RULES_H

#include "msl/rule.h"

extern const msl_rule_model msl_rule_step, msl_rule_log10, msl_rule_ln;

/* A rule with ops, model, device and a zeroed content block; NULL +
 * msl_error() if out of memory. */
msl_rule *msl_rule_alloc(const msl_rule_model *model, const msl_rule_ops *ops,
                         size_t content_size, const msl_device *dev);

/* u[k] = the device's drive of v[k] (for laws that do not know it exactly). */
void msl_rule_drive(const msl_rule *r, const double *v, double *u, int n);

#endif
