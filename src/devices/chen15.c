/* chen15.c: Chen 2015 HfOx compact model (1R), SPEC 5.2; the state is the filament gap g (m).
 *
 *   w = I0/Vread * sinh(Vread/V0) / G1 * exp(-g/g0)
 *   gamma = gamma0 - beta * (g/g1)^3
 *   dg/dt = -Vel0 * (exp(-q Eag/kT) exp(gamma V a0/L q/kT) - exp(-q Ear/kT) exp(-gamma V a0/L q/kT))
 *   n forward-Euler substeps of dt/n, then g is clipped to [gap_min, gap_max]. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "devices.h"

#define G0 2.7505e-10
#define I0 6.14e-5
#define VREAD 0.7
#define V0 0.43
#define GAMMA0 16.5
#define BETA 1.25
#define GAP1 1e-9 /* SPEC's g1 (a length), not the conductance G1 */
#define VEL0 150.0
#define Q 1.60217663e-19
#define EAG 1.501
#define EAR 1.5
#define KB 1.3806503e-23
#define TEMP 350.0
#define A0 0.25e-9
#define LEN 5e-9
#define GAP_MIN 0.1e-9
#define GAP_MAX 1.7e-9

typedef struct {
  double vp, dv;
  int n;            /* Euler substeps */
  double a, g1;     /* I0/Vread * sinh(Vread/V0) (A) and G1, for w2s */
  double wscale;    /* a / G1: weight at g = 0 */
  double cg, cr;    /* Vel0 * exp(-q Eag/kT), Vel0 * exp(-q Ear/kT), m/s */
  double alpha;     /* a0/L * q/kT, 1/V */
} chen;

static double ch_s2w(const msl_device *d, double g) {
  return ((const chen *)d->content)->wscale * exp(-g / G0);
}

static double ch_w2s(const msl_device *d, double w) {
  const chen *m = d->content;
  if (!(w > 0.0)) return GAP_MAX; /* log(0) = -inf: the widest gap */
  double g = -log(w / m->a * m->g1) * G0;
  return g < GAP_MIN ? GAP_MIN : g > GAP_MAX ? GAP_MAX : g;
}

static void ch_pulse(msl_device *d, double *s, double *w, ptrdiff_t stride, const double *v, int n,
                     double dt) {
  const chen *m = d->content;
  const double h = dt / m->n;
  /* Per cell, the voltage-dependent factors are constant over the substeps,
   * only gamma(g) changes: exp(-gamma a V) = 1/exp(gamma a V) saves an exp. */
  const double kg = -m->cg * h, kr = m->cr * h;
  for (int k = 0; k < n; k++) {
    double vk = v[k];
    if (vk == 0.0) continue;
    double g = s[k * stride];
    const double av = m->alpha * vk;
    for (int i = 0; i < m->n; i++) {
      double x = g * (1.0 / GAP1);
      double gamma = GAMMA0 - BETA * (x * x * x);
      double e = exp(gamma * av);
      g += kg * e + kr / e;
    }
    g = g < GAP_MIN ? GAP_MIN : g > GAP_MAX ? GAP_MAX : g;
    s[k * stride] = g;
    w[k * stride] = m->wscale * exp(-g / G0);
  }
}

/* max(vp + decades*dv, 0). Traces <= 0 give 0 V (log10(0) = -inf). */
static double amplitude(const chen *m, double decades) {
  double a = m->vp + decades * m->dv;
  return a > 0.0 ? a : 0.0;
}

static double ch_v_pre(const msl_device *d, double te) {
  return te > 0.0 ? amplitude(d->content, log10(te)) : 0.0;
}

/* One decade less than the pre side: the post trace needs 10x the activity. */
static double ch_v_post(const msl_device *d, double to) {
  return to > 0.0 ? -amplitude(d->content, log10(to) - 1.0) + 0.0 : 0.0; /* + 0.0: no -0 */
}

static double ch_v_err(const msl_device *d, double e) {
  if (!(e > 0.0) && !(e < 0.0)) return 0.0; /* 0 or NaN */
  double a = amplitude(d->content, log10(2.0 * fabs(e)));
  return e > 0.0 ? a : -a + 0.0;
}

static int ch_params(const msl_device *d, const char **names, double *values, int max) {
  const chen *m = d->content;
  const char *nm[] = {"vp", "dv", "substeps"};
  double val[] = {m->vp, m->dv, m->n};
  return msl_device_params_copy(names, values, max, nm, val, 3);
}

static void ch_destroy(msl_device *d) { free(d->content); }

static const msl_device_ops chen_ops = {
    .name = "chen15", .w2s = ch_w2s, .s2w = ch_s2w, .pulse = ch_pulse, .v_pre = ch_v_pre,
    .v_post = ch_v_post, .v_err = ch_v_err, .params = ch_params, .destroy = ch_destroy};

msl_device *msl_chen15_create(const msl_device_params *p, char *err, size_t errlen) {
  if (p->substeps < 1) {
    snprintf(err, errlen, "--substeps: chen15 needs at least 1 Euler substep, got %d", p->substeps);
    return NULL;
  }
  if (!isfinite(p->vp) || p->vp < 0.0) {
    snprintf(err, errlen, "--vp: must be a finite voltage >= 0, got %g", p->vp);
    return NULL;
  }
  if (!isfinite(p->dv) || p->dv < 0.0) {
    snprintf(err, errlen, "dv: must be a finite voltage step >= 0, got %g", p->dv);
    return NULL;
  }
  msl_device *d = msl_device_alloc(&chen_ops, sizeof(chen), p, err, errlen);
  if (!d) return NULL;
  chen *m = d->content;
  m->vp = p->vp;
  m->dv = p->dv;
  m->n = p->substeps;
  m->a = I0 / VREAD * sinh(VREAD / V0);
  m->g1 = p->g1;
  m->wscale = m->a / p->g1;
  m->cg = VEL0 * exp(-Q * EAG / KB / TEMP);
  m->cr = VEL0 * exp(-Q * EAR / KB / TEMP);
  m->alpha = A0 / LEN * Q / KB / TEMP;
  return d;
}
