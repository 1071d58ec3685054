/* curve.c: the behavioural pulse-curve model (NeuroSim's; curve.h), 1R.
 *
 * State: the conductance G in [gmin, gmax]; w = G/G1. The model is
 * characterised by identical pulses: amplitude v-ltp and width t-ltp move G
 * one pulse along the potentiation curve, v-ltd / t-ltd one pulse along the
 * depression curve. Any other pulse of amplitude |V| and width dt counts as
 *   n = (dt / t) exp((|V| - v) / v0)
 * characterised pulses of its direction (v0: volts per e-fold of pulse
 * count), possibly a fraction of one: the rule for voltages other than the
 * characterised one (docs/devices.md). The current is ohmic. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "curve.h"
#include "devices.h"
#include "engine/dispatch.h"
#include "engine/vmath.h"
#include "msl/error.h"
#include "pulse_batch.h"

typedef struct {
  double gmin, gmax, inv_g1;
  double inf_p, inv_ap; /* potentiation: asymptote Gmin + Bp, 1/Ap */
  double inf_d, inv_ad; /* depression: asymptote Gmax - Bd, 1/Ad */
  double vp, vd, inv_v0, rate_p, rate_d; /* rate: 1/t, pulses per second at v */
} curve;

static double cv_w2s(const msl_device *d, double w) {
  const curve *c = d->content;
  double g = w * d->g1;
  return g > c->gmax ? c->gmax : (g >= c->gmin ? g : c->gmin); /* NaN: gmin */
}

static double cv_s2w(const msl_device *d, double g) { return g * ((const curve *)d->content)->inv_g1; }

/* Drive: the signed number of characterised pulses per second of width. */
MSL_KERNEL
static void cv_drive(const msl_device *d, const double *restrict v, double *restrict u, int n) {
  const curve *c = d->content;
  for (int k = 0; k < n; k++) {
    double V = v[k], a = V < 0.0 ? -V : V;
    double r = vm_exp((a - (V > 0.0 ? c->vp : c->vd)) * c->inv_v0);
    u[k] = V > 0.0 ? r * c->rate_p : (V < 0.0 ? -r * c->rate_d : 0.0);
  }
}

/* 1 - exp(-x) for x >= 0, through the vectorised exp; a series below 1e-5,
 * where the difference would lose digits. */
static inline double one_minus_exp(double x) {
  double s = x * (1.0 - x * (0.5 - x * (1.0 / 6.0)));
  return x < 1e-5 ? s : 1.0 - vm_exp(-x);
}

MSL_KERNEL
static void cv_kernel(const msl_device *d, double *restrict s, double *restrict w,
                      const double *restrict u, int m, double dt) {
  const curve *c = d->content;
  for (int k = 0; k < m; k++) {
    double g = s[k], n = u[k] * dt, pot = n > 0.0;
    double x = (pot ? n * c->inv_ap : -n * c->inv_ad);
    double target = pot ? c->inf_p : c->inf_d;
    double gn = g + (target - g) * one_minus_exp(x);
    gn = gn < c->gmin ? c->gmin : (gn > c->gmax ? c->gmax : gn);
    s[k] = u[k] != 0.0 ? gn : g; /* zero drive: untouched */
    w[k] = u[k] != 0.0 ? gn * c->inv_g1 : w[k];
  }
}

static int cv_pulse(const msl_device *d, double *s, double *w, const ptrdiff_t *at,
                    const double *v, int n, double dt, msl_pulse_stats *st) {
  (void)st;
  pulse_batch(d, s, w, at, v, n, dt, cv_kernel);
  return 0;
}

MSL_KERNEL
static size_t cv_set_weights(const msl_device *d, double *restrict s, double *restrict w,
                             size_t n) {
  const curve *c = d->content;
  size_t out = 0;
  for (size_t k = 0; k < n; k++) {
    double g = w[k] * d->g1;
    out += (size_t)(!(g >= c->gmin) | (g > c->gmax));
    g = g > c->gmax ? c->gmax : (g >= c->gmin ? g : c->gmin); /* NaN: gmin */
    s[k] = g;
    w[k] = g * c->inv_g1;
  }
  return out;
}

MSL_KERNEL
static void cv_read(const msl_device *d, const double *restrict s, double *restrict w, int n) {
  const double inv_g1 = ((const curve *)d->content)->inv_g1;
  for (int k = 0; k < n; k++) w[k] = s[k] * inv_g1;
}

static void cv_destroy(msl_device *d) { free(d->content); }

static const msl_device_ops cv_ops = {
    .name = "curve", .w2s = cv_w2s, .s2w = cv_s2w, .drive = cv_drive, .pulse = cv_pulse,
    .set_weights = cv_set_weights, .read = cv_read, .destroy = cv_destroy};

enum { P_GMIN, P_GMAX, P_ALTP, P_ALTD, P_PLTP, P_PLTD, P_VLTP, P_VLTD, P_TLTP, P_TLTD, P_V0,
       P_PRESET };

static const msl_param_decl cv_params[] = {
    MSL_PARAM_REAL_DECL("gmin", NULL, 1e-6, 1e-6, 0, 1, 0, "minimum conductance, S"),
    MSL_PARAM_REAL_DECL("gmax", NULL, 1e-5, 1e-5, 0, 1, 1, "maximum conductance, S"),
    MSL_PARAM_REAL_DECL("a-ltp", NULL, 100, 100, 0, 1e9, 1,
                        "potentiation nonlinearity A, pulses (large: linear)"),
    MSL_PARAM_REAL_DECL("a-ltd", NULL, 100, 100, 0, 1e9, 1,
                        "depression nonlinearity A, pulses (large: linear)"),
    MSL_PARAM_REAL_DECL("p-ltp", NULL, 100, 100, 0, 1e9, 1,
                        "characterised pulses from gmin to gmax"),
    MSL_PARAM_REAL_DECL("p-ltd", NULL, 100, 100, 0, 1e9, 1,
                        "characterised pulses from gmax to gmin"),
    MSL_PARAM_REAL_DECL("v-ltp", NULL, 1, 1, 0, 100, 1, "characterised potentiation amplitude, V"),
    MSL_PARAM_REAL_DECL("v-ltd", NULL, 1, 1, 0, 100, 1,
                        "characterised depression amplitude (magnitude), V"),
    MSL_PARAM_REAL_DECL("t-ltp", NULL, 1e-8, 1e-8, 0, 1, 1, "characterised potentiation width, s"),
    MSL_PARAM_REAL_DECL("t-ltd", NULL, 1e-8, 1e-8, 0, 1, 1, "characterised depression width, s"),
    MSL_PARAM_REAL_DECL("v0", NULL, 0.1, 0.1, 0, 100, 1,
                        "volts per e-fold of the pulse count away from v-ltp/v-ltd, V"),
    MSL_PARAM_TEXT_DECL("preset", NULL, "none", NULL, NULL,
                        "a published device (docs/devices.md), or none"),
};

/* A parameter: given, else the preset's, else the declared default. */
static double get(const msl_params *p, int k, const curve_preset *ps) {
  const msl_param_decl *d = &cv_params[k];
  if (msl_params_has(p, d->name) || !ps) return msl_params_get(p, d);
  const double v[] = {ps->gmin,  ps->gmax,  ps->a_ltp, ps->a_ltd, ps->p_ltp, ps->p_ltd,
                      ps->v_ltp, ps->v_ltd, ps->t_ltp, ps->t_ltd};
  return k < P_V0 ? v[k] : msl_params_get(p, d);
}

static msl_device *cv_create(const msl_params *p, double g1) {
  const char *name = msl_params_text(p, &cv_params[P_PRESET]);
  const curve_preset *ps = NULL;
  if (name && strcmp(name, "none") != 0 && !(ps = curve_preset_find(name))) return NULL;
  double gmin = get(p, P_GMIN, ps), gmax = get(p, P_GMAX, ps);
  if (!(gmin < gmax))
    return msl_error_set("--gmin, --gmax: need gmin < gmax, got gmin = %g, gmax = %g S", gmin,
                         gmax), NULL;
  msl_device *d = msl_device_alloc(&msl_model_curve, &cv_ops, sizeof(curve), g1);
  if (!d) return NULL;
  curve *c = d->content;
  double ap = get(p, P_ALTP, ps), ad = get(p, P_ALTD, ps);
  c->gmin = gmin;
  c->gmax = gmax;
  c->inv_g1 = 1.0 / g1;
  c->inf_p = gmin + curve_b(gmin, gmax, ap, get(p, P_PLTP, ps));
  c->inf_d = gmax - curve_b(gmin, gmax, ad, get(p, P_PLTD, ps));
  c->inv_ap = 1.0 / ap;
  c->inv_ad = 1.0 / ad;
  c->vp = get(p, P_VLTP, ps);
  c->vd = get(p, P_VLTD, ps);
  c->rate_p = 1.0 / get(p, P_TLTP, ps);
  c->rate_d = 1.0 / get(p, P_TLTD, ps);
  c->inv_v0 = 1.0 / get(p, P_V0, ps);
  return d;
}

const msl_device_model msl_model_curve = {
    "curve", "behavioural pulse curves G(p) = B (1 - exp(-p/A)) + Gmin (NeuroSim's; msl fit)",
    {cv_params, sizeof cv_params / sizeof cv_params[0]}, "ln", cv_create};
