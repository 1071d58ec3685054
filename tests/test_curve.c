/* test_curve.c: the curve device model (src/devices/curve.c) against points
 * of G(p) = Gmin + B (1 - exp(-p/A)) worked out by hand, its voltage rule
 * n = (dt/t) exp((|V| - v)/v0), the mirrored depression, clipping, the
 * presets and the parameter checks. Defaults: Gmin 1e-6, Gmax 1e-5 S,
 * A = P = 100 pulses both ways, v = 1 V, t = 1e-8 s, v0 = 0.1 V; G1 = 1e-5,
 * so w = G / 1e-5 and B = 9e-6 / (1 - e^-1) = 9e-6 / 0.63212055883 = 1.4237790362e-5 S. */
#include <math.h>
#include <string.h>

#include "check.h"
#include "devices/curve.h"
#include "msl/device.h"
#include "msl/error.h"

#define G1 1e-5

static msl_device *make(const msl_params *p) {
  msl_device *d = msl_device_new("curve", p, G1);
  if (!d) check_fail(__FILE__, __LINE__, "msl_device_new(curve): %s", msl_error());
  return d;
}

/* n pulses of v and width dt on one cell of weight w: the new weight. */
static double pulses(const msl_device *d, double w, double v, double dt, int n) {
  double s = d->ops->w2s(d, w), x = d->ops->s2w(d, s);
  for (int k = 0; k < n; k++) msl_device_pulse(d, &s, &x, 1, &v, 1, dt, NULL);
  CHECK(x == d->ops->s2w(d, s)); /* the weight follows the state */
  return x;
}

int main(void) {
  msl_params p;
  msl_params_init(&p, 1);
  msl_device *d = make(&p);
  if (!d) return check_done();
  const double B = 9e-6 / (1 - exp(-1.0));
  CHECK_NEAR(B, 1.4237790362e-5, 1e-10);
  /* One characterised pulse from Gmin: 1e-6 + B (1 - e^-0.01)
   * = 1e-6 + 1.4237790362e-5 * 0.00995016625 = 1.1416683811e-6 S. */
  CHECK_NEAR(pulses(d, 0.1, 1.0, 1e-8, 1), 0.11416683811, 1e-9);
  /* 50 pulses: 1e-6 + B (1 - e^-0.5) = 1e-6 + B * 0.39346934029 = 6.6021339808e-6. */
  CHECK_NEAR(pulses(d, 0.1, 1.0, 1e-8, 50), 0.66021339808, 1e-9);
  /* P = 100 pulses reach Gmax exactly (then clipped there). */
  CHECK_NEAR(pulses(d, 0.1, 1.0, 1e-8, 100), 1.0, 1e-12);
  CHECK_NEAR(pulses(d, 0.1, 1.0, 1e-8, 130), 1.0, 1e-15);
  /* Depression mirrored: one pulse from Gmax loses what one gained from Gmin. */
  CHECK_NEAR(pulses(d, 1.0, -1.0, 1e-8, 1), 1.0 - 0.01416683811, 1e-9);
  CHECK_NEAR(pulses(d, 1.0, -1.0, 1e-8, 50), 1.0 - 0.56021339808, 1e-9);
  CHECK_NEAR(pulses(d, 1.0, -1.0, 1e-8, 130), 0.1, 1e-15);
  /* The voltage rule: 1.1 V is e^(0.1/0.1) = e pulses:
   * 1e-6 + B (1 - e^-0.0271828183) = 1e-6 + B * 0.0268167 = 1.3818104e-6. */
  CHECK_NEAR(pulses(d, 0.1, 1.1, 1e-8, 1), 0.13818104, 1e-7);
  /* Half the width: half a pulse, B (1 - e^-0.005) = B * 0.0049875208 = 7.1011275680e-8. */
  CHECK_NEAR(pulses(d, 0.1, 1.0, 0.5e-8, 1), 0.1 + 0.0071011275680, 1e-9);
  /* Zero volts: untouched, bit for bit. */
  CHECK(pulses(d, 0.4, 0.0, 1e-8, 1) == d->ops->s2w(d, d->ops->w2s(d, 0.4)));
  /* Weights outside [Gmin, Gmax]/G1 clip; NaN reads as Gmin. */
  CHECK_NEAR(d->ops->s2w(d, d->ops->w2s(d, 2.0)), 1.0, 1e-15);
  CHECK_NEAR(d->ops->s2w(d, d->ops->w2s(d, 0.0)), 0.1, 1e-15);
  CHECK_NEAR(d->ops->s2w(d, d->ops->w2s(d, NAN)), 0.1, 1e-15);
  double s[3], w[3] = {0.5, 7.0, -1.0};
  CHECK(d->ops->set_weights(d, s, w, 3) == 2);
  CHECK(fabs(w[0] - 0.5) < 1e-15 && fabs(w[1] - 1.0) < 1e-15 && fabs(w[2] - 0.1) < 1e-15);
  msl_device_free(d);
  /* The shared formula (msl fit uses it) at the same points. */
  CHECK_NEAR(curve_g(1, 1e-6, 1e-5, 100, 100, 50) / 1e-5, 0.66021339808, 1e-9);
  CHECK_NEAR(curve_g(0, 1e-6, 1e-5, 100, 100, 100) / 1e-5, 0.1, 1e-12);

  /* Nearly linear (A = 1e6 pulses): each of P = 100 pulses is 1 % of the range. */
  msl_params_set(&p, "a-ltp", 1e6);
  d = make(&p);
  if (d) CHECK_NEAR(pulses(d, 0.1, 1.0, 1e-8, 1), 0.1 + 0.009, 1e-5);
  msl_device_free(d);

  /* A preset: Ag:a-Si, gmax = 1/26 MOhm, on/off 12.5; an explicit value wins. */
  msl_params_init(&p, 1);
  msl_params_set_text(&p, "preset", "agsi");
  d = msl_device_new("curve", &p, 3.8462e-8);
  CHECK(d != NULL);
  if (d) CHECK_NEAR(d->ops->s2w(d, d->ops->w2s(d, 0.0)), 3.0769e-9 / 3.8462e-8, 1e-12);
  msl_device_free(d);
  msl_params_set(&p, "gmin", 1e-9);
  d = msl_device_new("curve", &p, 3.8462e-8);
  if (d) CHECK_NEAR(d->ops->s2w(d, d->ops->w2s(d, 0.0)), 1e-9 / 3.8462e-8, 1e-12);
  msl_device_free(d);
  int n;
  const curve_preset *ps = curve_presets(&n);
  CHECK(n == 5);
  for (int k = 0; k < n; k++) CHECK(ps[k].gmin < ps[k].gmax && ps[k].c2c > 0 && ps[k].c2c <= 10);
  /* Bad presets and ranges fail with a message naming the option. */
  msl_params_set_text(&p, "preset", "nosuch");
  CHECK(msl_device_new("curve", &p, G1) == NULL && strstr(msl_error(), "--preset"));
  msl_params_init(&p, 1);
  msl_params_set(&p, "gmin", 2e-5);
  CHECK(msl_device_new("curve", &p, G1) == NULL && strstr(msl_error(), "gmin < gmax"));
  msl_params_set(&p, "gmin", -1.0);
  CHECK(msl_device_new("curve", &p, G1) == NULL && strstr(msl_error(), "--gmin"));
  return check_done();
}
