/* mosfet.c: the EKV transistor model (mosfet.h). */
#include "mosfet.h"

#include <math.h>

/* ln(1 + e^y) without overflow. */
static double softplus(double y) { return y > 30.0 ? y + log1p(exp(-y)) : log1p(exp(y)); }

double msl_mosfet_current(const msl_mosfet *m, double vg, double vd, double vs) {
  double vp = (vg - m->vth) / m->n, two_ut = 2.0 * m->ut;
  double f = softplus((vp - vs) / two_ut), r = softplus((vp - vd) / two_ut);
  double ispec = 2.0 * m->n * m->k * m->ut * m->ut;
  return ispec * (f * f - r * r) * (1.0 + m->lambda * fabs(vd - vs));
}
