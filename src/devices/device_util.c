/* device_util.c: model-independent conveniences over the device ops. */
#include "msl/device.h"

#include <math.h>

double msl_device_v_pre(const msl_device *d, double te) {
  double v, u, l = te > 0.0 ? log(te) : -INFINITY;
  d->ops->v_pre(d, &te, &l, &v, &u, 1);
  return v;
}

double msl_device_v_post(const msl_device *d, double to) {
  double v, u, l = to > 0.0 ? log(to) : -INFINITY;
  d->ops->v_post(d, &to, &l, &v, &u, 1);
  return v;
}

double msl_device_power(const msl_device *d, double v) {
  double p = v * v;
  if (d->ops->power) d->ops->power(d, &v, &p, 1);
  return p;
}

void msl_device_pulse(msl_device *d, double *s, double *w, ptrdiff_t stride, const double *v,
                      int n, double dt) {
  enum { B = 64 };
  ptrdiff_t at[B];
  double vb[B], u[B];
  int m = 0;
  for (int k = 0; k < n; k++) {
    if (v[k] != 0.0) {
      at[m] = k * stride;
      vb[m++] = v[k];
    }
    if (m == B || (k == n - 1 && m > 0)) {
      d->ops->drive(d, vb, u, m);
      d->ops->pulse(d, s, w, at, u, m, dt);
      m = 0;
    }
  }
}
