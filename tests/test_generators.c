/* test_generators.c: the Poisson, periodic and sequence generators and the
 * low-pass and pass-through transforms, against values worked out by hand. */
#include <math.h>
#include <string.h>

#include "check.h"
#include "msl/encode.h"
#include "msl/error.h"
#include "msl/generator.h"
#include "msl/transform.h"

static void test_periodic(void) {
  /* rates (0.3, 0.5, 1.0), scale 1: v_0 = .3 .6 .9 1.2 (spike, 0) .3 ...: every 4th step;
   * v_1 = .5 1.0 (not > 1) 1.5 (spike): every 3rd; v_2 = 1.0, 2.0 (spike): every 2nd. */
  msl_generator *g = msl_periodic_new(3, (const double[]){0.3, 0.5, 1.0}, 1.0);
  CHECK(g != NULL);
  if (!g) return;
  msl_spikes s;
  msl_spikes_init(&s, 3);
  const int want[8][3] = {{0, 0, 0}, {0, 0, 1}, {0, 1, 0}, {1, 0, 1},
                          {0, 0, 0}, {0, 1, 1}, {0, 0, 0}, {1, 0, 1}};
  int ok = 1;
  for (int t = 0; t < 8; t++) {
    CHECK(msl_generator_next(g, NULL, &s) == 0);
    for (int i = 0; i < 3; i++) ok &= (s.x[i] != 0) == want[t][i];
  }
  CHECK(ok);
  msl_generator_reset(g);
  CHECK(msl_generator_set_rates(g, (const double[]){2, 0, 0}) == 0);
  msl_generator_next(g, NULL, &s);
  CHECK(s.nnz == 1 && s.idx[0] == 0); /* 2 > 1 at once */
  msl_spikes_free(&s);
  msl_spikes_init(&s, 2);
  CHECK(msl_generator_next(g, NULL, &s) == -1 && strstr(msl_error(), "output has 2 entries"));
  msl_spikes_free(&s);
  msl_generator_free(g);
}

static void test_sequence(void) {
  /* 2 streams x 3 steps: stream 0 (1, 0, 0.5), stream 1 (0, 1, 0): repeats */
  msl_generator *g = msl_sequence_new(2, 3, (const double[]){1, 0, 0.5, 0, 1, 0});
  CHECK(g != NULL);
  if (!g) return;
  msl_spikes s;
  msl_spikes_init(&s, 2);
  const float want[4][2] = {{1, 0}, {0, 1}, {0.5f, 0}, {1, 0}};
  int ok = 1;
  for (int t = 0; t < 4; t++) {
    msl_generator_next(g, NULL, &s);
    ok &= s.x[0] == want[t][0] && s.x[1] == want[t][1] && s.nnz == 1;
  }
  CHECK(ok);
  CHECK(msl_generator_set_rates(g, (const double[]){1, 1}) == -1 && strstr(msl_error(), "no rates"));
  msl_spikes_free(&s);
  msl_generator_free(g);
  CHECK(msl_sequence_new(2, 0, NULL) == NULL && strstr(msl_error(), "T >= 1"));
}

/* Poisson draws as the encoder does: same seed, same spikes as an image of
 * intensities 255 r with p_max = scale. */
static void test_poisson(void) {
  double r[4] = {0, 1.0, 0.5, 1.0};
  msl_generator *g = msl_poisson_new(4, r, 0.4);
  msl_encoder *e = msl_encoder_new(4);
  CHECK(g && e);
  if (!g || !e) return;
  const uint8_t px[4] = {0, 255, 0, 255};
  msl_encoder_set_image(e, px, 0.4);
  CHECK(msl_generator_set_rates(g, (const double[]){0, 1, 0, 1}) == 0);
  msl_rng a, b;
  msl_rng_seed(&a, 7, 1);
  msl_rng_seed(&b, 7, 1);
  msl_spikes s, t;
  msl_spikes_init(&s, 4);
  msl_spikes_init(&t, 4);
  int same = 1, count = 0;
  for (int k = 0; k < 200; k++) {
    msl_generator_next(g, &a, &s);
    msl_encoder_draw(e, &b, &t);
    same &= memcmp(s.x, t.x, sizeof(float) * 4) == 0 && s.x[0] == 0 && s.x[2] == 0;
    count += s.nnz;
  }
  CHECK(same);
  CHECK(count > 100 && count < 220); /* 400 draws at p = .4: 160 expected */
  CHECK(msl_generator_next(g, NULL, &s) == -1 && strstr(msl_error(), "needs a random"));
  msl_spikes_free(&s);
  msl_spikes_free(&t);
  msl_generator_free(g);
  msl_encoder_free(e);
  CHECK(msl_poisson_new(0, r, 1) == NULL && strstr(msl_error(), "size must be >= 1"));
  CHECK(msl_poisson_new(1, (const double[]){NAN}, 1) == NULL && strstr(msl_error(), "not finite"));
}

static void test_transforms(void) {
  const double b = exp(-0.5); /* tau 2 */
  msl_transform *lp = msl_lowpass_new(1, 2.0, 0), *lpd = msl_lowpass_new(1, 2.0, 1);
  msl_transform *pt = msl_passthrough_new(1, 0), *ptd = msl_passthrough_new(1, 1);
  CHECK(lp && lpd && pt && ptd);
  if (!lp || !lpd || !pt || !ptd) return;
  msl_spikes x, y;
  msl_spikes_init(&x, 1);
  msl_spikes_init(&y, 1);
  const float in[3] = {1, 0, 2};
  double v = 0, prev = 0;
  float prev_x = 0;
  int ok = 1;
  for (int t = 0; t < 3; t++) {
    x.x[0] = in[t];
    msl_spikes_reindex(&x);
    prev = v;
    v = (1 - b) * in[t] + b * v; /* v1 = .3935, v2 = .2387, v3 = .9317 */
    msl_transform_apply(lp, &x, &y);
    ok &= y.x[0] == (float)v;
    msl_transform_apply(lpd, &x, &y);
    ok &= y.x[0] == (float)prev; /* one step late */
    msl_transform_apply(pt, &x, &y);
    ok &= y.x[0] == in[t] && y.nnz == (in[t] != 0);
    msl_transform_apply(ptd, &x, &y);
    ok &= y.x[0] == prev_x;
    prev_x = in[t];
  }
  CHECK(ok);
  CHECK_NEAR(msl_transform_value(lp)[0], ((1 - b) * b + 0) * b + (1 - b) * 2, 1e-15);
  msl_transform_reset(lp);
  CHECK(msl_transform_value(lp)[0] == 0);
  CHECK(msl_transform_apply(lp, &x, &(msl_spikes){2, 0, y.x, y.idx}) == -1);
  CHECK(msl_lowpass_new(1, 0.0, 0) == NULL && strstr(msl_error(), "tau must be > 0"));
  msl_transform_free(lp);
  msl_transform_free(lpd);
  msl_transform_free(pt);
  msl_transform_free(ptd);
  msl_spikes_free(&x);
  msl_spikes_free(&y);
}

int main(void) {
  test_periodic();
  test_sequence();
  test_poisson();
  test_transforms();
  return check_done();
}
