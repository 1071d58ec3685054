/* rng.c: seeding, bounded integers, normals and shuffles for msl_rng. */
#include "msl/rng.h"

#include <math.h>

static uint64_t splitmix64(uint64_t *x) {
  uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

void msl_rng_seed(msl_rng *r, uint64_t seed, uint64_t stream) {
  /* Mix the stream id in through a second splitmix round so that nearby
   * (seed, stream) pairs give unrelated states. */
  uint64_t x = seed;
  uint64_t y = splitmix64(&x) ^ (stream * 0xd1b54a32d192ed03ULL);
  for (int i = 0; i < 4; i++) r->s[i] = splitmix64(&y);
}

int64_t msl_rng_threshold(double p) {
  if (!(p >= 0.0)) return -1;
  if (p >= 1.0) return (int64_t)1 << 53;
  /* k * 2^-53 <= p  <=>  k <= floor(p * 2^53); the scaling is exact. */
  return (int64_t)floor(p * 0x1.0p53);
}

uint64_t msl_rng_below(msl_rng *r, uint64_t n) {
  uint64_t x = msl_rng_u64(r);
  __uint128_t m = (__uint128_t)x * n;
  uint64_t l = (uint64_t)m;
  if (l < n) {
    uint64_t t = -n % n;
    while (l < t) {
      x = msl_rng_u64(r);
      m = (__uint128_t)x * n;
      l = (uint64_t)m;
    }
  }
  return (uint64_t)(m >> 64);
}

double msl_rng_normal(msl_rng *r) {
  /* u1 in (0,1] so log(u1) is finite. */
  double u1 = 1.0 - msl_rng_uniform(r);
  double u2 = msl_rng_uniform(r);
  return sqrt(-2.0 * log(u1)) * cos(2.0 * 3.14159265358979323846 * u2);
}

void msl_rng_shuffle(msl_rng *r, int *a, int n) {
  for (int i = n - 1; i > 0; i--) {
    int j = (int)msl_rng_below(r, (uint64_t)i + 1);
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

void msl_rng_fill_uniform(msl_rng *r, double *out, long n) {
  for (long k = 0; k < n; k++) out[k] = msl_rng_uniform(r);
}

void msl_rng_fill_normal(msl_rng *r, double *out, long n) {
  for (long k = 0; k < n; k++) out[k] = msl_rng_normal(r);
}
