/* device_util.c: model-independent conveniences over the device ops. */
#include "msl/device.h"

double msl_device_power(const msl_device *d, double v) {
  double p = v * v;
  if (d->ops->power) d->ops->power(d, &v, &p, 1);
  return p;
}

int msl_device_pulse(const msl_device *d, double *s, double *w, ptrdiff_t stride,
                     const double *v, int n, double dt, msl_pulse_stats *st) {
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
      if (d->ops->pulse(d, s, w, at, u, m, dt, st)) return -1;
      m = 0;
    }
  }
  return 0;
}
