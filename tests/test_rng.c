/* test_rng.c: msl_rng determinism, ranges, Bernoulli thresholds, bounded ints, shuffles, normals, golden values. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "msl/rng.h"

/* ---- an independent reimplementation of the documented generator ---- */

static uint64_t ref_splitmix64(uint64_t *x) {
  *x += 0x9e3779b97f4a7c15ULL;
  uint64_t z = *x;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static uint64_t ref_rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

/* xoshiro256++ (Blackman & Vigna), reference formulation. */
static uint64_t ref_xoshiro(uint64_t s[4]) {
  const uint64_t result = ref_rotl(s[0] + s[3], 23) + s[0];
  const uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = ref_rotl(s[3], 45);
  return result;
}

/* Seeding as documented in rng.h/rng.c: y = splitmix(seed) ^ stream*C, then
 * the four state words are the next four splitmix outputs from y. */
static void ref_seed(uint64_t s[4], uint64_t seed, uint64_t stream) {
  uint64_t x = seed;
  uint64_t y = ref_splitmix64(&x) ^ (stream * 0xd1b54a32d192ed03ULL);
  for (int i = 0; i < 4; i++) s[i] = ref_splitmix64(&y);
}

static void test_reference_vectors(void) {
  /* splitmix64 from state 0: published first outputs. */
  uint64_t x = 0;
  CHECK(ref_splitmix64(&x) == 0xe220a8397b1dcdafULL);
  CHECK(ref_splitmix64(&x) == 0x6e789e6aa1b965f4ULL);
  CHECK(ref_splitmix64(&x) == 0x06c45d188009454fULL);

  /* xoshiro256++ from state {1,2,3,4}: first output rotl(1+4, 23) + 1 = 5*2^23 + 1. */
  msl_rng r = {{1, 2, 3, 4}};
  CHECK(msl_rng_u64(&r) == 41943041ULL);
  CHECK(msl_rng_u64(&r) == 58720359ULL);
  CHECK(msl_rng_u64(&r) == 3588806011781223ULL);
}

static void test_golden_seed(void) {
  /* First three outputs of msl_rng_seed(&r, 1, 1), computed independently. */
  uint64_t s[4];
  ref_seed(s, 1, 1);
  msl_rng r;
  msl_rng_seed(&r, 1, 1);
  for (int i = 0; i < 4; i++) CHECK(r.s[i] == s[i]);
  for (int i = 0; i < 3; i++) {
    uint64_t want = ref_xoshiro(s);
    uint64_t got = msl_rng_u64(&r);
    CHECK(got == want);
  }
  /* The same three words as literals (pinned from the reimplementation above). */
  const uint64_t golden[3] = {0x90e6dd13dbce31b0ULL, 0x1e81929bb6235623ULL, 0x389166fee3048388ULL};
  msl_rng_seed(&r, 1, 1);
  for (int i = 0; i < 3; i++) CHECK(msl_rng_u64(&r) == golden[i]);
  /* And a few more (seed, stream) pairs, 100 draws each. */
  const uint64_t pairs[][2] = {{0, 0}, {42, MSL_STREAM_SHUFFLE}, {UINT64_MAX, 7}};
  for (int p = 0; p < 3; p++) {
    ref_seed(s, pairs[p][0], pairs[p][1]);
    msl_rng_seed(&r, pairs[p][0], pairs[p][1]);
    int same = 1;
    for (int i = 0; i < 100; i++) same &= msl_rng_u64(&r) == ref_xoshiro(s);
    CHECK(same);
  }
}

static void test_determinism(void) {
  msl_rng a, b, c, d, e;
  msl_rng_seed(&a, 1234, MSL_STREAM_INPUT);
  msl_rng_seed(&b, 1234, MSL_STREAM_INPUT);
  msl_rng_seed(&c, 1234, MSL_STREAM_INIT);  /* other stream */
  msl_rng_seed(&d, 1235, MSL_STREAM_INPUT); /* other seed */
  msl_rng_seed(&e, MSL_STREAM_INPUT, 1234); /* swapped */
  int same = 1, eq_c = 0, eq_d = 0, eq_e = 0;
  for (int i = 0; i < 1000; i++) {
    uint64_t x = msl_rng_u64(&a);
    same &= x == msl_rng_u64(&b);
    eq_c += x == msl_rng_u64(&c);
    eq_d += x == msl_rng_u64(&d);
    eq_e += x == msl_rng_u64(&e);
  }
  CHECK(same);
  CHECK(eq_c == 0);
  CHECK(eq_d == 0);
  CHECK(eq_e == 0);
  /* Neighbouring streams of one seed give different first words. */
  uint64_t first[8];
  for (int k = 0; k < 8; k++) {
    msl_rng r;
    msl_rng_seed(&r, 5, (uint64_t)k);
    first[k] = msl_rng_u64(&r);
  }
  int distinct = 1;
  for (int k = 0; k < 8; k++)
    for (int m = k + 1; m < 8; m++) distinct &= first[k] != first[m];
  CHECK(distinct);
}

static void test_uniform(void) {
  msl_rng a, b;
  msl_rng_seed(&a, 9, 1);
  msl_rng_seed(&b, 9, 1);
  double lo = 1.0, hi = 0.0, sum = 0.0;
  int exact = 1;
  const int n = 100000;
  for (int i = 0; i < n; i++) {
    double u = msl_rng_uniform(&a);
    /* documented: top 53 bits times 2^-53 */
    exact &= u == (double)(msl_rng_u64(&b) >> 11) * 0x1.0p-53;
    if (u < lo) lo = u;
    if (u > hi) hi = u;
    sum += u;
  }
  CHECK(exact);
  CHECK(lo >= 0.0);
  CHECK(hi < 1.0);
  CHECK(lo < 0.001 && hi > 0.999);
  CHECK_NEAR(sum / n, 0.5, 0.01); /* sd of the mean ~ 0.0009 */
  /* The zero word maps to exactly 0. */
  msl_rng z = {{0, 0, 0, 0}}; /* all-zero state outputs 0 forever */
  CHECK(msl_rng_uniform(&z) == 0.0);
}

/* "k <= threshold(p)" must equal "k * 2^-53 <= p" for the 53-bit word k. */
static int agrees(int64_t k, double p) {
  int64_t t = msl_rng_threshold(p);
  double u = (double)k * 0x1.0p-53;
  return (k <= t) == (u <= p);
}

static void test_threshold(void) {
  /* Direct values: floor(p * 2^53), 2^53 for p >= 1, -1 for p < 0. */
  CHECK(msl_rng_threshold(0.0) == 0);
  CHECK(msl_rng_threshold(0.5) == ((int64_t)1 << 52));
  CHECK(msl_rng_threshold(1.0) == ((int64_t)1 << 53));
  CHECK(msl_rng_threshold(2.5) == ((int64_t)1 << 53));
  CHECK(msl_rng_threshold(-0.25) == -1);
  CHECK(msl_rng_threshold(-0.0) == 0); /* -0 >= 0 */
  CHECK(msl_rng_threshold(NAN) == -1);
  CHECK(msl_rng_threshold(0x1.0p-53) == 1);
  CHECK(msl_rng_threshold(0x1.0p-54) == 0);
  CHECK(msl_rng_threshold(nextafter(1.0, 0.0)) == ((int64_t)1 << 53) - 1); /* (1-2^-53)*2^53 */
  CHECK(msl_rng_threshold(0.75) == 3 * ((int64_t)1 << 51));

  /* The words next to each threshold, and the ends of the range. */
  const double ps[] = {0.0, 1.0, 0.5, -0.5, 0.3, 0.1, 1e-9, 0x1.0p-53, 0x1.8p-53, 0.999999,
                       nextafter(1.0, 0.0), nextafter(0.5, 0.0), nextafter(0.5, 1.0), 63.75 * 0.0005};
  const int np = (int)(sizeof ps / sizeof ps[0]);
  int ok = 1;
  for (int q = 0; q < np; q++) {
    int64_t t = msl_rng_threshold(ps[q]);
    for (int64_t dk = -2; dk <= 2; dk++) {
      int64_t k = t + dk;
      if (k >= 0 && k < ((int64_t)1 << 53)) ok &= agrees(k, ps[q]);
    }
    ok &= agrees(0, ps[q]);
    ok &= agrees(((int64_t)1 << 53) - 1, ps[q]);
  }
  CHECK(ok);

  /* Over many random draws: the integer test equals uniform() <= p. */
  msl_rng a, b;
  msl_rng_seed(&a, 77, MSL_STREAM_INPUT);
  msl_rng_seed(&b, 77, MSL_STREAM_INPUT);
  int same = 1;
  long hits0 = 0, hits1 = 0, hits_half = 0, hits_neg = 0;
  const int n = 200000;
  for (int i = 0; i < n; i++) {
    double p = ps[i % np];
    int64_t k = (int64_t)(msl_rng_u64(&a) >> 11);
    int by_int = k <= msl_rng_threshold(p);
    int by_uni = msl_rng_uniform(&b) <= p;
    same &= by_int == by_uni;
    if (p == 0.0) hits0 += by_int;
    if (p == 1.0) hits1 += by_int;
    if (p == 0.5) hits_half += by_int;
    if (p < 0.0) hits_neg += by_int;
  }
  CHECK(same);
  const long per = (n + np - 1) / np; /* draws per p value (14286 or 14285) */
  CHECK(hits0 == 0);                  /* probability 2^-53 of a single hit */
  CHECK(hits1 >= per - 1 && hits1 <= per);
  CHECK(hits_neg == 0);
  CHECK_NEAR((double)hits_half / per, 0.5, 0.02);
  /* Random p too: 1e5 random (p, k) pairs. */
  int same2 = 1;
  for (int i = 0; i < 100000; i++) {
    double p = msl_rng_uniform(&a) * 1.2 - 0.1;
    same2 &= agrees((int64_t)(msl_rng_u64(&a) >> 11), p);
  }
  CHECK(same2);
}

static void test_below(void) {
  msl_rng r;
  msl_rng_seed(&r, 3, 99);
  int ok1 = 1;
  for (int i = 0; i < 1000; i++) ok1 &= msl_rng_below(&r, 1) == 0;
  CHECK(ok1);
  long count[10] = {0};
  int ok = 1;
  const int n = 100000;
  for (int i = 0; i < n; i++) {
    uint64_t v = msl_rng_below(&r, 10);
    ok &= v < 10;
    if (v < 10) count[v]++;
  }
  CHECK(ok);
  for (int v = 0; v < 10; v++) CHECK_NEAR(count[v] / (double)n, 0.1, 0.01); /* sd ~ 0.001 */
  /* Huge bounds: n = 2^63 + 1 (rejection region is nearly half) and UINT64_MAX. */
  const uint64_t big = ((uint64_t)1 << 63) + 1;
  int okb = 1, upper_half = 0;
  for (int i = 0; i < 10000; i++) {
    uint64_t v = msl_rng_below(&r, big);
    okb &= v < big;
    upper_half += v >= ((uint64_t)1 << 62);
    okb &= msl_rng_below(&r, UINT64_MAX) < UINT64_MAX;
  }
  CHECK(okb);
  CHECK(upper_half > 4700 && upper_half < 5300); /* P(v >= 2^62) = (2^63+1-2^62)/(2^63+1) ~ 1/2 */
  /* Deterministic for the same seed. */
  msl_rng a, b;
  msl_rng_seed(&a, 11, 2);
  msl_rng_seed(&b, 11, 2);
  int same = 1;
  for (int i = 0; i < 1000; i++) same &= msl_rng_below(&a, 1000 + (uint64_t)i) == msl_rng_below(&b, 1000 + (uint64_t)i);
  CHECK(same);
}

static void test_shuffle(void) {
  enum { N = 50 };
  int a[N], b[N], c[N], seen[N];
  for (int i = 0; i < N; i++) a[i] = b[i] = c[i] = i;
  msl_rng ra, rb, rc;
  msl_rng_seed(&ra, 2024, MSL_STREAM_SHUFFLE);
  msl_rng_seed(&rb, 2024, MSL_STREAM_SHUFFLE);
  msl_rng_seed(&rc, 2025, MSL_STREAM_SHUFFLE);
  msl_rng_shuffle(&ra, a, N);
  msl_rng_shuffle(&rb, b, N);
  msl_rng_shuffle(&rc, c, N);
  memset(seen, 0, sizeof seen);
  int inrange = 1;
  for (int i = 0; i < N; i++) {
    inrange &= a[i] >= 0 && a[i] < N;
    if (a[i] >= 0 && a[i] < N) seen[a[i]]++;
  }
  CHECK(inrange);
  int perm = 1;
  for (int i = 0; i < N; i++) perm &= seen[i] == 1;
  CHECK(perm);
  CHECK(memcmp(a, b, sizeof a) == 0);
  CHECK(memcmp(a, c, sizeof a) != 0);
  int fixed = 0;
  for (int i = 0; i < N; i++) fixed += a[i] == i;
  CHECK(fixed < N); /* it moved something */

  /* Fisher-Yates as documented: i from n-1 down to 1 swaps a[i] with a[below(i+1)]. */
  int d[N], e[N];
  for (int i = 0; i < N; i++) d[i] = e[i] = 100 + i;
  msl_rng rd, re;
  msl_rng_seed(&rd, 8, 8);
  msl_rng_seed(&re, 8, 8);
  msl_rng_shuffle(&rd, d, N);
  for (int i = N - 1; i > 0; i--) {
    int j = (int)msl_rng_below(&re, (uint64_t)i + 1);
    int t = e[i];
    e[i] = e[j];
    e[j] = t;
  }
  CHECK(memcmp(d, e, sizeof d) == 0);

  /* n = 0 and n = 1 are no-ops that draw nothing. */
  int one = 7;
  msl_rng r0, r1;
  msl_rng_seed(&r0, 1, 1);
  msl_rng_seed(&r1, 1, 1);
  msl_rng_shuffle(&r0, &one, 1);
  msl_rng_shuffle(&r0, NULL, 0);
  CHECK(one == 7);
  CHECK(msl_rng_u64(&r0) == msl_rng_u64(&r1));
}

static void test_normal(void) {
  msl_rng r;
  msl_rng_seed(&r, 31337, MSL_STREAM_INIT);
  const int n = 100000;
  double sum = 0.0, sum2 = 0.0;
  int finite = 1, tails = 0;
  for (int i = 0; i < n; i++) {
    double z = msl_rng_normal(&r);
    finite &= isfinite(z);
    sum += z;
    sum2 += z * z;
    tails += fabs(z) > 1.959964;
  }
  double mean = sum / n, var = sum2 / n - mean * mean;
  CHECK(finite);
  CHECK(fabs(mean) < 0.02);       /* sd of the mean ~ 0.003 */
  CHECK_NEAR(var, 1.0, 0.03);     /* sd of the variance ~ 0.0045 */
  CHECK_NEAR(tails / (double)n, 0.05, 0.005); /* P(|z| > 1.96) = 5% */
  /* Box-Muller as documented: u1 = 1 - uniform, u2 = uniform. */
  msl_rng a, b;
  msl_rng_seed(&a, 4, 4);
  msl_rng_seed(&b, 4, 4);
  double z = msl_rng_normal(&a);
  double u1 = 1.0 - msl_rng_uniform(&b), u2 = msl_rng_uniform(&b);
  CHECK_NEAR(z, sqrt(-2.0 * log(u1)) * cos(2.0 * 3.14159265358979323846 * u2), 1e-12);
}

int main(void) {
  test_reference_vectors();
  test_golden_seed();
  test_determinism();
  test_uniform();
  test_threshold();
  test_below();
  test_shuffle();
  test_normal();
  return check_done();
}
