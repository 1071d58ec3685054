/* log10.c: the rule the paper pairs with Chen 2015, SPEC 7.2 and 8.
 *
 * Column voltages ve = max(Vp + dv log10(te), 0), row voltages
 * vo = -max(Vp + dv (log10(to) - 1), 0); an error gives
 * sign(e) max(Vp + dv log10(2|e|), 0). A zero trace gives 0 V. */
#include "engine/dispatch.h"
#include <math.h>

#include "rules.h"

typedef struct {
  double vp, dv;
} law;

MSL_KERNEL
static void lg_pre(const msl_rule *r, const double *t, const double *lnt, double *v, double *u,
                   int n) {
  const law *c = r->content;
  msl_rule_log_law(r, t, lnt, c->vp, c->dv / 2.302585092994046 /* per e-fold */, 0, v, u, n);
}

MSL_KERNEL
static void lg_post(const msl_rule *r, const double *t, const double *lnt, double *v, double *u,
                    int n) {
  const law *c = r->content;
  msl_rule_log_law(r, t, lnt, c->vp - c->dv, c->dv / 2.302585092994046, 1, v, u, n);
}

static double lg_err(const msl_rule *r, double e) {
  const law *c = r->content;
  if (e == 0.0) return 0.0;
  double v = c->vp + log10(2.0 * fabs(e)) * c->dv;
  v = v > 0.0 ? v : 0.0;
  return e > 0.0 ? v : -v;
}

static const msl_rule_ops lg_ops = {lg_pre, lg_post, lg_err, NULL};

static const msl_param_decl lg_params[] = {
    MSL_PARAM_REAL_DECL("vp", NULL, 1.3, 1.3, 0, 10, 0, "maximum programming voltage, V"),
    MSL_PARAM_REAL_DECL("dv", NULL, 0.073, 0.073, 0, 10, 1, "volts per decade of trace, V"),
};

static msl_rule *lg_create(const msl_params *p, const msl_device *dev) {
  msl_rule *r = msl_rule_alloc(&msl_rule_log10, &lg_ops, sizeof(law), dev);
  if (!r) return NULL;
  law *c = r->content;
  c->vp = msl_params_get(p, &lg_params[0]);
  c->dv = msl_params_get(p, &lg_params[1]);
  return r;
}

const msl_rule_model msl_rule_log10 = {
    "log10", "V = Vp + dv log10(trace) (Chen 2015's rule)",
    {lg_params, sizeof lg_params / sizeof lg_params[0]}, lg_create};
