/* vmath.h: exp and log as plain, branch-free C that compilers vectorise.
 *
 * The device models evaluate exp/log for every pulsed cell; libm's scalar
 * calls block vectorisation, and vector libm variants differ between CPUs.
 * These inline versions are deterministic (the same bits on every machine:
 * only +, -, *, /, explicit fma() - correctly rounded by definition, a single
 * instruction where the CPU has FMA and an exact libm call where it has not -
 * and integer bit operations; msl is built with -ffp-contract=off so the
 * compiler adds no other fusions) and accurate to about 1 ulp on the ranges
 * msl uses (tests/test_vmath.c checks them against libm). */
#ifndef MSL_VMATH_H
#define MSL_VMATH_H

#include <math.h>
#include <stdint.h>
#include <string.h>

static inline double vm_bits2d(uint64_t u) {
  double d;
  memcpy(&d, &u, sizeof d);
  return d;
}

static inline uint64_t vm_d2bits(double d) {
  uint64_t u;
  memcpy(&u, &d, sizeof u);
  return u;
}

/* exp(x) for x in [-708, 709]; 0 below -708, +inf above 709.78 (between
 * 709 and 709.78: exp(709), a range msl never uses). */
static inline double vm_exp(double x) {
  const double shift = 0x1.8p52, inv_ln2 = 0x1.71547652b82fep0;
  const double ln2_hi = 0x1.62e42fee00000p-1, ln2_lo = 0x1.a39ef35793c76p-33;
  double xc = x < -708.0 ? -708.0 : (x > 709.0 ? 709.0 : x);
  double t = xc * inv_ln2 + shift;       /* round(x / ln2) in the low bits */
  double n = t - shift;
  double r = (xc - n * ln2_hi) - n * ln2_lo; /* |r| <= ln2 / 2 */
  /* exp(r) by its Taylor series to r^13 (error < 1e-17 for |r| <= 0.347). */
  double p = 1.0 / 6227020800.0;
  p = fma(p, r, 1.0 / 479001600.0);
  p = fma(p, r, 1.0 / 39916800.0);
  p = fma(p, r, 1.0 / 3628800.0);
  p = fma(p, r, 1.0 / 362880.0);
  p = fma(p, r, 1.0 / 40320.0);
  p = fma(p, r, 1.0 / 5040.0);
  p = fma(p, r, 1.0 / 720.0);
  p = fma(p, r, 1.0 / 120.0);
  p = fma(p, r, 1.0 / 24.0);
  p = fma(p, r, 1.0 / 6.0);
  p = fma(p, r, 0.5);
  p = fma(p, r, 1.0);
  p = fma(p, r, 1.0);
  uint64_t k = vm_d2bits(t) - vm_d2bits(shift); /* n as a two's complement integer */
  double scale = vm_bits2d((k + 1023u) << 52);
  double y = p * scale;
  y = x < -708.0 ? 0.0 : y;
  y = x > 709.78 ? vm_bits2d(0x7ff0000000000000ull) : y;
  return y;
}

/* Natural log for positive normal x (x <= 0 and subnormals: not handled;
 * callers pass conductances and traces, which are positive and normal). */
static inline double vm_log(double x) {
  const double ln2_hi = 0x1.62e42fee00000p-1, ln2_lo = 0x1.a39ef35793c76p-33;
  uint64_t u = vm_d2bits(x);
  /* x = m 2^e with m in [1, 2); then fold m into [sqrt(1/2), sqrt(2)). The
   * exponent becomes a double through the bits of 2^52 + (u >> 52), exactly
   * (an integer conversion would keep the loop from vectorising on AVX2). */
  double ed = vm_bits2d(0x4330000000000000ull | (u >> 52)) - 4503599627370496.0 - 1023.0;
  double m = vm_bits2d((u & 0x000fffffffffffffull) | 0x3ff0000000000000ull);
  int big = m > 1.4142135623730951;
  m = big ? m * 0.5 : m;
  ed = big ? ed + 1.0 : ed;
  /* log(m) = 2 atanh(s), s = (m - 1)/(m + 1), |s| <= 0.1716: odd series to s^21. */
  double s = (m - 1.0) / (m + 1.0), s2 = s * s;
  double p = 1.0 / 21.0;
  p = fma(p, s2, 1.0 / 19.0);
  p = fma(p, s2, 1.0 / 17.0);
  p = fma(p, s2, 1.0 / 15.0);
  p = fma(p, s2, 1.0 / 13.0);
  p = fma(p, s2, 1.0 / 11.0);
  p = fma(p, s2, 1.0 / 9.0);
  p = fma(p, s2, 1.0 / 7.0);
  p = fma(p, s2, 1.0 / 5.0);
  p = fma(p, s2, 1.0 / 3.0);
  double lm = 2.0 * s + 2.0 * s * s2 * p;
  return (ed * ln2_hi + lm) + ed * ln2_lo;
}

#endif
