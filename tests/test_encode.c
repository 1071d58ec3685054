/* test_encode.c: the rate encoder against a plain loop of uniform draws, and its errors. */
#include <string.h>

#include "check.h"
#include "msl/encode.h"
#include "msl/error.h"

enum { N = 300, STEPS = 200 };

/* One step by the definition in encode.h: for each j with px > 0, in
 * ascending j, one uniform draw u, spike iff u <= p_max * (px / 255). */
static void reference_step(const uint8_t *px, double p_max, msl_rng *r, float *x) {
  for (int j = 0; j < N; j++) {
    x[j] = 0.0f;
    if (px[j] && msl_rng_uniform(r) <= p_max * (px[j] / 255.0)) x[j] = 1.0f;
  }
}

static void test_against_reference(double p_max) {
  uint8_t px[N];
  msl_rng gen;
  msl_rng_seed(&gen, 42, 9);
  for (int j = 0; j < N; j++) /* a third zero, and both ends of the range */
    px[j] = j % 3 == 0 ? 0 : j == 1 ? 255 : j == 2 ? 1 : (uint8_t)msl_rng_below(&gen, 256);
  msl_encoder *e = msl_encoder_new(N);
  CHECK(e != NULL);
  CHECK(msl_encoder_set_image(e, px, p_max) == 0);
  int lit = 0;
  for (int j = 0; j < N; j++) lit += px[j] != 0;
  CHECK(msl_encoder_active(e) == lit);
  msl_rng ra, rb;
  msl_rng_seed(&ra, 7, MSL_STREAM_INPUT);
  msl_rng_seed(&rb, 7, MSL_STREAM_INPUT);
  msl_spikes s;
  msl_spikes_init(&s, N);
  float x[N];
  int same = 1, ordered = 1;
  long spikes = 0;
  for (int t = 0; t < STEPS; t++) {
    msl_encoder_draw(e, &ra, &s);
    reference_step(px, p_max, &rb, x);
    int nnz = 0;
    for (int j = 0; j < N; j++) {
      same &= s.x[j] == x[j];
      nnz += x[j] != 0.0f;
    }
    same &= s.nnz == nnz;
    for (int k = 1; k < s.nnz; k++) ordered &= s.idx[k - 1] < s.idx[k];
    spikes += s.nnz;
  }
  CHECK(same);
  CHECK(ordered);
  /* Both generators made the same number of draws: their next outputs agree. */
  CHECK(msl_rng_u64(&ra) == msl_rng_u64(&rb));
  if (p_max == 0.0) CHECK(spikes == 0);
  if (p_max >= 1e9) CHECK(spikes == (long)lit * STEPS); /* probabilities above 1 act as 1 */
  msl_spikes_free(&s);
  msl_encoder_free(e);
}

int main(void) {
  test_against_reference(1.0);            /* workload 2 */
  test_against_reference(63.75 * 0.0005); /* workload 1's first presentation */
  test_against_reference(0.0);
  test_against_reference(1e10);
  msl_encoder_free(NULL);
  CHECK(msl_encoder_new(0) == NULL && strstr(msl_error(), "size must be >= 1") != NULL);
  msl_encoder *e = msl_encoder_new(4);
  const uint8_t px[4] = {0, 10, 0, 20};
  CHECK(msl_encoder_set_image(e, px, -0.5) == -1 && strstr(msl_error(), "p_max") != NULL);
  CHECK(msl_encoder_set_image(e, px, NAN) == -1);
  CHECK(msl_encoder_set_image(e, px, 0.5) == 0 && msl_encoder_active(e) == 2);
  msl_encoder_free(e);
  return check_done();
}
