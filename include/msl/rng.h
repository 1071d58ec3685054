/* rng.h: msl's seedable random number generator (xoshiro256++).
 *
 * One generator per purpose (weight init, shuffling, Poisson input) derived
 * from (seed, stream) with splitmix64, so changing how often one consumer draws
 * never shifts another's stream. Integer-only core: the same seed gives the
 * same numbers on every machine. */
#ifndef MSL_RNG_H
#define MSL_RNG_H

#include <stdint.h>

#include "msl/api.h"

MSL_BEGIN_DECLS

typedef struct msl_rng {
  uint64_t s[4];
} msl_rng;

/* Named streams used by the workloads (any other value is allowed too). */
enum { MSL_STREAM_INIT = 1, MSL_STREAM_SHUFFLE = 2, MSL_STREAM_INPUT = 3 };

void msl_rng_seed(msl_rng *r, uint64_t seed, uint64_t stream);

static inline uint64_t msl_rng_rotl_(uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

/* Next 64 random bits (xoshiro256++, Blackman & Vigna 2019). */
static inline uint64_t msl_rng_u64(msl_rng *r) {
  uint64_t *s = r->s;
  uint64_t out = msl_rng_rotl_(s[0] + s[3], 23) + s[0];
  uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = msl_rng_rotl_(s[3], 45);
  return out;
}

/* Uniform double in [0,1): k * 2^-53 with k the top 53 bits. */
static inline double msl_rng_uniform(msl_rng *r) {
  return (double)(msl_rng_u64(r) >> 11) * (1.0 / 9007199254740992.0); /* 2^-53 */
}

/* Threshold for Bernoulli(p) draws: (int64_t)(u64 >> 11) <= msl_rng_threshold(p) is
 * exactly "uniform() <= p". Returns -1 (never) for p < 0. */
int64_t msl_rng_threshold(double p);

/* Uniform integer in [0, n), n > 0 (Lemire's unbiased method). */
uint64_t msl_rng_below(msl_rng *r, uint64_t n);

/* Standard normal deviate (Box-Muller, one value per call). */
double msl_rng_normal(msl_rng *r);

/* Fisher-Yates shuffle of an int array. */
void msl_rng_shuffle(msl_rng *r, int *a, int n);
/* out[k] = msl_rng_uniform(r), k = 0..n-1 (for callers outside C). */
void msl_rng_fill_uniform(msl_rng *r, double *out, long n);
/* out[k] = msl_rng_normal(r), k = 0..n-1. */
void msl_rng_fill_normal(msl_rng *r, double *out, long n);

MSL_END_DECLS

#endif
