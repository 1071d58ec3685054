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

/* The log law both Chen's and the table's rules use: for n traces t with
 * logs lnt, v = sign * max(c + k ln t, 0), 0 for a zero trace; then their
 * drives. Inline, so each caller's loop stays one vectorised loop. */
static inline void msl_rule_log_law(const msl_rule *r, const double *restrict t,
                                    const double *restrict lnt, double c, double k, int neg,
                                    double *restrict v, double *restrict u, int n) {
  for (int i = 0; i < n; i++) {
    double x = c + (t[i] > 0.0 ? lnt[i] : 0.0) * k;
    v[i] = t[i] > 0.0 && x > 0.0 ? (neg ? -x : x) : 0.0;
  }
  msl_rule_drive(r, v, u, n);
}

#endif
