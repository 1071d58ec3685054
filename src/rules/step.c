/* step.c: the rule the paper pairs with VTEAM, SPEC 7.1 and 8: ask for a
 * state change and drive the voltage that gives it.
 *
 * The desired resistance steps are dR = -lr/G1 te on a post spike and
 * dR = +k lr/G1 to on a pre spike (k = dep-ratio: 0.01 in workload 1, like
 * the ideal rule's An/Ap; 1 in workload 2); an error e asks for -lr/G1 e
 * (e > 0) or +k lr/G1 |e| (e < 0). The device must say how its change per
 * pulse depends on the voltage (device op step_law: drive = -c V^a or
 * c (-V)^a); the voltage inverts that law, V = (step / c)^(1/a), and the
 * drive is the step itself, exactly. */
#include "engine/dispatch.h"
#include <math.h>

#include "engine/vmath.h"
#include "msl/error.h"
#include "rules.h"

typedef struct {
  double lr, k;
  double a_pot, c_pot, a_dep, c_dep;
} law;

/* The voltages from the logs: V = exp((ln(lr/c) + ln t)/a), through the
 * vectorisable exp. */
MSL_KERNEL
static void st_pre(const msl_rule *r, const double *restrict t, const double *restrict lnt,
                   double *restrict v, double *restrict u, int n) {
  const law *m = r->content;
  const double lnc = log(m->lr / m->c_pot), lr = m->lr, inv_a = 1.0 / m->a_pot;
  for (int k = 0; k < n; k++) {
    double x = (lnc + (t[k] > 0.0 ? lnt[k] : 0.0)) * inv_a;
    v[k] = t[k] > 0.0 ? vm_exp(x) : 0.0;
    u[k] = t[k] > 0.0 ? -lr * t[k] : 0.0;
  }
}

MSL_KERNEL
static void st_post(const msl_rule *r, const double *restrict t, const double *restrict lnt,
                    double *restrict v, double *restrict u, int n) {
  const law *m = r->content;
  const double lnc = log(m->k * m->lr / m->c_dep), klr = m->k * m->lr, inv_a = 1.0 / m->a_dep;
  for (int k = 0; k < n; k++) {
    double x = (lnc + (t[k] > 0.0 ? lnt[k] : 0.0)) * inv_a;
    v[k] = t[k] > 0.0 ? -vm_exp(x) : 0.0;
    u[k] = t[k] > 0.0 ? klr * t[k] : 0.0;
  }
}

static double st_err(const msl_rule *r, double e) {
  const law *m = r->content;
  if (e > 0.0) return pow(m->lr * e / m->c_pot, 1.0 / m->a_pot);
  if (e < 0.0) return -pow(m->k * m->lr * -e / m->c_dep, 1.0 / m->a_dep);
  return 0.0;
}

static const msl_rule_ops st_ops = {st_pre, st_post, st_err, NULL};

static const msl_param_decl st_params[] = {
    MSL_PARAM_REAL_DECL("lr", "device_lr", 0.01, 0.01, 0, 1e6, 1,
     "resistance step per unit of trace or error, in units of 1/G1"),
    MSL_PARAM_REAL_DECL("dep-ratio", NULL, 0.01, 1.0, 0, 1e6, 1,
     "depression step relative to potentiation [0.01 stdp, 1 bp]"),
};

static msl_rule *st_create(const msl_params *p, const msl_device *dev) {
  if (!dev->ops->step_law)
    return msl_error_set("rule step: device %s's change per pulse depends on its state; "
                         "the rule needs one that does not (vteam)", dev->ops->name),
           NULL;
  msl_rule *r = msl_rule_alloc(&msl_rule_step, &st_ops, sizeof(law), dev);
  if (!r) return NULL;
  law *m = r->content;
  m->lr = msl_params_get(p, &st_params[0]);
  m->k = msl_params_get(p, &st_params[1]);
  dev->ops->step_law(dev, 1, &m->a_pot, &m->c_pot);
  dev->ops->step_law(dev, 0, &m->a_dep, &m->c_dep);
  return r;
}

const msl_rule_model msl_rule_step = {
    "step", "drive the voltage whose state step is lr times the trace (VTEAM's rule)",
    {st_params, sizeof st_params / sizeof st_params[0]}, st_create};
