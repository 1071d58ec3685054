/* ln.c: the rule the paper pairs with lookup tables (1T1R), SPEC 7.3 and 8.
 *
 * Column (gate) voltages max(v1p + dvp ln(te), 0), row (top electrode)
 * voltages -max(v1n + dvn ln(to), 0). An error e > 0 gives the gate voltage
 * max(v1p + dvp ln(e), 0), e < 0 the top-electrode voltage
 * -max(v1n + dvn ln(20|e|), 0). With quirks in workload 2 (SPEC 9.2) a
 * positive error takes the top-electrode amplitude too, as the published
 * code does (the table device then reads it as lut-lookup mirrored). */
#include "engine/dispatch.h"
#include <math.h>

#include "rules.h"

typedef struct {
  double v1p, v1n, dvp, dvn;
  int pos_as_neg; /* SPEC 9.2 */
} law;

/* max(v1 + ln(x) * dv, 0) for x > 0, else 0 (ln(0) = -inf). */
static double amplitude(double v1, double dv, double x) {
  if (!(x > 0.0)) return 0.0;
  double a = v1 + log(x) * dv;
  return a > 0.0 ? a : 0.0;
}

MSL_KERNEL
static void ln_pre(const msl_rule *r, const double *t, const double *lnt, double *v, double *u,
                   int n) {
  const law *m = r->content;
  msl_rule_log_law(r, t, lnt, m->v1p, m->dvp, 0, v, u, n);
}

MSL_KERNEL
static void ln_post(const msl_rule *r, const double *t, const double *lnt, double *v, double *u,
                    int n) {
  const law *m = r->content;
  msl_rule_log_law(r, t, lnt, m->v1n, m->dvn, 1, v, u, n);
}

static double ln_err(const msl_rule *r, double e) {
  const law *m = r->content;
  if (e > 0.0)
    return m->pos_as_neg ? amplitude(m->v1n, m->dvn, 20.0 * e) : amplitude(m->v1p, m->dvp, e);
  if (e < 0.0) return -amplitude(m->v1n, m->dvn, -20.0 * e) + 0.0;
  return 0.0;
}

static const msl_rule_ops ln_ops = {ln_pre, ln_post, ln_err, NULL};

static const msl_param_decl ln_params[] = {
    MSL_PARAM_REAL_DECL("v1p", NULL, 1.0, 1.0, -100, 100, 0,
     "potentiation (gate) voltage at trace or error 1, V"),
    MSL_PARAM_REAL_DECL("v1n", NULL, 1.0, 1.0, -100, 100, 0,
     "depression (top electrode) voltage at trace 1 or error 1/20, V"),
    MSL_PARAM_REAL_DECL("dvp", NULL, 0.0105, 1.0 / 95, 0, 100, 1,
     "potentiation volts per e-fold of trace or error, V"),
    MSL_PARAM_REAL_DECL("dvn", NULL, 0.0333, 1.0 / 30, 0, 100, 1,
     "depression volts per e-fold of trace or error, V"),
};

static msl_rule *ln_create(const msl_params *p, const msl_device *dev) {
  msl_rule *r = msl_rule_alloc(&msl_rule_ln, &ln_ops, sizeof(law), dev);
  if (!r) return NULL;
  law *m = r->content;
  m->v1p = msl_params_get(p, &ln_params[0]);
  m->v1n = msl_params_get(p, &ln_params[1]);
  m->dvp = msl_params_get(p, &ln_params[2]);
  m->dvn = msl_params_get(p, &ln_params[3]);
  m->pos_as_neg = p->quirks && p->workload == 2;
  return r;
}

const msl_rule_model msl_rule_ln = {
    "ln", "V = v1 + dv ln(trace) (the lookup table's rule)",
    {ln_params, sizeof ln_params / sizeof ln_params[0]}, ln_create};
