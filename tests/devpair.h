/* devpair.h: tests of a device model with the learning rule the paper pairs
 * with it, set up from the flat parameter struct the tests were written
 * with (each field becomes a declared parameter). */
#ifndef MSL_TESTS_DEVPAIR_H
#define MSL_TESTS_DEVPAIR_H

#include <math.h>
#include <string.h>

#include "check.h"
#include "msl/device.h"
#include "msl/error.h"
#include "msl/rule.h"

typedef struct {
  double g1, lr, vp, dv;
  int substeps;
  const char *lut;
  double v1p, v1n, dvp, dvn;
  int workload, quirks;
} tparams;

static inline void tparams_default(tparams *p, int workload) {
  memset(p, 0, sizeof *p);
  p->g1 = 1e-5;
  p->lr = 0.01;
  p->vp = 1.3;
  p->dv = 0.073;
  p->substeps = 1;
  p->v1p = p->v1n = 1.0;
  p->dvp = workload == 2 ? 1.0 / 95 : 0.0105;
  p->dvn = workload == 2 ? 1.0 / 30 : 0.0333;
  p->workload = workload;
}

static inline void tparams_set(const tparams *p, msl_params *ps) {
  msl_params_init(ps, p->workload);
  ps->quirks = p->quirks;
  msl_params_set(ps, "lr", p->lr);
  msl_params_set(ps, "vp", p->vp);
  msl_params_set(ps, "dv", p->dv);
  msl_params_set(ps, "substeps", p->substeps);
  msl_params_set(ps, "v1p", p->v1p);
  msl_params_set(ps, "v1n", p->v1n);
  msl_params_set(ps, "dvp", p->dvp);
  msl_params_set(ps, "dvn", p->dvn);
  if (p->lut) msl_params_set_text(ps, "lut", p->lut);
}

/* The device and rule made last (the tests use one pair at a time). */
enum { PAIRS = 8 };
static struct {
  const msl_device *d;
  msl_rule *r;
  msl_params ps;
  msl_pulse_stats st;
  int failed; /* the last pulse returned -1 */
} pairs[PAIRS];

static inline int pair_of(const msl_device *d) {
  for (int k = 0; k < PAIRS; k++)
    if (pairs[k].d == d) return k;
  check_fail(__FILE__, __LINE__, "device without a rule");
  return 0;
}

/* Device and rule; NULL with msl_error() if either fails. */
static inline msl_device *pair_new(const char *model, const tparams *p) {
  int k = 0;
  while (k < PAIRS && pairs[k].d) k++;
  if (k == PAIRS) return NULL;
  tparams_set(p, &pairs[k].ps);
  msl_device *d = msl_device_new(model, &pairs[k].ps, p->g1);
  if (!d) return NULL;
  msl_rule *r = msl_rule_new(NULL, &pairs[k].ps, d);
  if (!r) {
    msl_device_free(d);
    return NULL;
  }
  pairs[k].d = d;
  pairs[k].r = r;
  memset(&pairs[k].st, 0, sizeof pairs[k].st);
  pairs[k].failed = 0;
  return d;
}

static inline void pair_free(msl_device *d) {
  if (!d) return;
  int k = pair_of(d);
  msl_rule_free(pairs[k].r);
  memset(&pairs[k], 0, sizeof pairs[k]);
  msl_device_free(d);
}

static inline const msl_rule *rule_of(const msl_device *d) { return pairs[pair_of(d)].r; }
static inline msl_pulse_stats *stats_of(const msl_device *d) { return &pairs[pair_of(d)].st; }
static inline int failed(const msl_device *d) { return pairs[pair_of(d)].failed; }

static inline double tv_pre(const msl_device *d, double t) { return msl_rule_v_pre(rule_of(d), t); }
static inline double tv_post(const msl_device *d, double t) { return msl_rule_v_post(rule_of(d), t); }
static inline double tv_err(const msl_device *d, double e) {
  const msl_rule *r = rule_of(d);
  return r->ops->err(r, e);
}

/* n cells s[k*stride] pulsed with voltages v[k], counting into the pair. */
static inline void tpulse(const msl_device *d, double *s, double *w, ptrdiff_t stride,
                          const double *v, int n, double dt) {
  int k = pair_of(d);
  pairs[k].failed = msl_device_pulse(d, s, w, stride, v, n, dt, &pairs[k].st) != 0;
}

/* The parameter name of d or its rule holds want. */
static inline void check_param(const msl_device *d, const char *name, double want) {
  int k = pair_of(d);
  const msl_param_decl *p = msl_param_find(d->model->params, name);
  if (!p) p = msl_param_find(pairs[k].r->model->params, name);
  if (!p) {
    check_fail(__FILE__, __LINE__, "%s: no parameter '%s'", d->ops->name, name);
    return;
  }
  CHECK_REL(msl_params_get(&pairs[k].ps, p), want, 1e-15);
}

#endif
