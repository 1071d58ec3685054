/* noise.h: counter-based normal deviates for per-cell noise.
 *
 * msl_noise_normal(key, ctr) is a pure function of a stream key and a
 * counter (e.g. cell index and that cell's pulse count), so the noise a cell
 * gets does not depend on the order in which cells are visited, on batching
 * or on threads. Bits: two rounds of the splitmix64 finaliser (Steele et al.
 * 2014) over key and counter; deviate: Box-Muller, z = sqrt(-2 ln u1)
 * cos(2 pi u2), with vm_log and a polynomial cosine below, so that a loop
 * over cells vectorises and gives the same bits on every x86-64 (no libm). */
#ifndef MSL_ENGINE_NOISE_H
#define MSL_ENGINE_NOISE_H

#include <math.h>
#include <stdint.h>

#include "engine/vmath.h"

static inline uint64_t msl_mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

/* A stream key from a seed and a stream number (distinct streams, distinct
 * keys). */
static inline uint64_t msl_noise_key(uint64_t seed, uint64_t stream) {
  return msl_mix64(msl_mix64(seed + 0x9e3779b97f4a7c15ull) ^ (stream * 0xd1b54a32d192ed03ull));
}

/* cos(2 pi u) for u in [0, 1), absolute error below 1e-15: fold to an
 * argument x in [0, pi/4] by the symmetries of the cosine, then the Taylor
 * series of cos x or sin x to degree 16/17 (remainder < 3e-18). */
static inline double vm_cos2pi(double u) {
  double a = u > 0.5 ? 1.0 - u : u;          /* cos(2 pi u) = cos(2 pi (1-u)); a in [0, .5] */
  double sg = a > 0.25 ? -1.0 : 1.0;         /* cos(2 pi a) = -cos(2 pi (.5-a)) */
  double b = a > 0.25 ? 0.5 - a : a;         /* b in [0, .25] */
  int use_sin = b > 0.125;                   /* cos(2 pi b) = sin(2 pi (.25-b)) */
  double x = 6.283185307179586 * (use_sin ? 0.25 - b : b), x2 = x * x;
  double c = 1.0 / 20922789888000.0;         /* 1/16! */
  c = c * x2 - 1.0 / 87178291200.0;          /* 1/14! */
  c = c * x2 + 1.0 / 479001600.0;
  c = c * x2 - 1.0 / 3628800.0;
  c = c * x2 + 1.0 / 40320.0;
  c = c * x2 - 1.0 / 720.0;
  c = c * x2 + 1.0 / 24.0;
  c = c * x2 - 0.5;
  c = c * x2 + 1.0;
  double s = 1.0 / 355687428096000.0;        /* 1/17! */
  s = s * x2 - 1.0 / 1307674368000.0;
  s = s * x2 + 1.0 / 6227020800.0;
  s = s * x2 - 1.0 / 39916800.0;
  s = s * x2 + 1.0 / 362880.0;
  s = s * x2 - 1.0 / 5040.0;
  s = s * x2 + 1.0 / 120.0;
  s = s * x2 - 1.0 / 6.0;
  s = (s * x2 + 1.0) * x;
  return sg * (use_sin ? s : c);
}

/* A uniform deviate in [0, 1), a pure function of (key, ctr). */
static inline double msl_noise_uniform(uint64_t key, uint64_t ctr) {
  uint64_t h = msl_mix64(key ^ msl_mix64(ctr + 0x9e3779b97f4a7c15ull));
  return vm_bits2d(0x3ff0000000000000ull | h >> 12) - 1.0; /* [1, 2) - 1: 52 bits */
}

/* A standard normal deviate, a pure function of (key, ctr). */
static inline double msl_noise_normal(uint64_t key, uint64_t ctr) {
  uint64_t h1 = msl_mix64(key ^ msl_mix64(ctr + 0x9e3779b97f4a7c15ull));
  uint64_t h2 = msl_mix64(h1 + 0x9e3779b97f4a7c15ull);
  /* Uniforms from 52 random bits as the mantissa of a number in [1, 2) (no
   * integer conversion: the loop vectorises): u1 in (0, 1], u2 in [0, 1). */
  double u1 = 2.0 - vm_bits2d(0x3ff0000000000000ull | h1 >> 12);
  double u2 = vm_bits2d(0x3ff0000000000000ull | h2 >> 12) - 1.0;
  return sqrt(-2.0 * vm_log(u1)) * vm_cos2pi(u2);
}

#endif
