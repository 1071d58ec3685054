/* test_seed_neurons.c: latch, identity, normalised LIF and leaky integral
 * softmax layers (the seed's neuron types), step by step against values
 * worked out by hand from their equations (docs/models.md, Neurons). */
#include <math.h>
#include <string.h>

#include "check.h"
#include "msl/layer.h"
#include "msl/error.h"

static int spk(const msl_layer *L, int i) { return msl_layer_spikes(L)->x[i] != 0.0f; }

static void test_latch(void) {
  msl_layer *L = msl_latch_new(3);
  CHECK(L != NULL);
  if (!L) return;
  double z[3] = {0}, x1[3] = {0, 0.5, -1}, x2[3] = {0, 0, 2}, x3[3] = {0, -5, 0};
  msl_layer_step(L, x1, z); /* n1 latches; n2 negative: no */
  CHECK(!spk(L, 0) && spk(L, 1) && !spk(L, 2) && msl_layer_spikes(L)->nnz == 1);
  msl_layer_step(L, x2, z); /* n2 latches, n1 stays */
  CHECK(!spk(L, 0) && spk(L, 1) && spk(L, 2) && msl_layer_spikes(L)->nnz == 2);
  msl_layer_step(L, x3, z); /* negative input does not unlatch */
  CHECK(spk(L, 1) && spk(L, 2));
  msl_layer_reset(L);
  msl_layer_step(L, z, z);
  CHECK(msl_layer_spikes(L)->nnz == 0);
  msl_layer_free(L);
  CHECK(msl_latch_new(0) == NULL && strstr(msl_error(), "latch layer: size must be >= 1"));
}

static void test_identity(void) {
  msl_layer *L = msl_identity_new(4);
  CHECK(L != NULL);
  if (!L) return;
  double z[4] = {0}, x[4] = {0.25, 0, -3, 7};
  msl_layer_step(L, x, z);
  const msl_spikes *s = msl_layer_spikes(L);
  CHECK(s->x[0] == 0.25f && s->x[1] == 0.0f && s->x[2] == -3.0f && s->x[3] == 7.0f);
  CHECK(s->nnz == 3 && s->idx[0] == 0 && s->idx[1] == 2 && s->idx[2] == 3);
  msl_layer_step(L, z, z);
  CHECK(msl_layer_spikes(L)->nnz == 0);
  msl_layer_free(L);
}

static void test_normalized_lif(void) {
  const double tau = 2.0, a = exp(-0.5); /* a = 0.60653066 */
  msl_layer *L = msl_normalized_lif_new(2, tau, 1.0);
  CHECK(L != NULL);
  if (!L) return;
  /* n0: num 0.5, den 4 -> input 0.25 each step: v = .25, .25a + .25 = .4016,
   *     .4016a + .25 = .4936, ... (limit .25 / (1 - a) = .6353 < 1: never fires)
   * n1: num 0.8, den 0 (counts as 1) -> 0.8: v = .8, .8a + .8 = 1.2852 (fires),
   *     then (1 - 1) a v + .8 = .8 (the input is still added after a spike). */
  double num[2] = {0.5, 0.8}, den[2] = {4.0, 0.0};
  double v0 = 0, v1 = 0;
  int s1 = 0, ok = 1;
  for (int t = 0; t < 6; t++) {
    msl_layer_step(L, num, den);
    v0 = a * v0 + 0.25;
    v1 = (1 - s1) * a * v1 + 0.8;
    s1 = v1 >= 1.0;
    ok &= !spk(L, 0) && spk(L, 1) == s1;
  }
  CHECK(ok);
  msl_layer_reset(L);
  msl_layer_step(L, num, den);
  msl_layer_step(L, num, den);
  CHECK(!spk(L, 0) && spk(L, 1)); /* v1 = 0.8 a + 0.8 = 1.2852 at step 2 */
  CHECK_NEAR(0.8 * a + 0.8, 1.2852245, 1e-7);
  msl_layer_free(L);
  CHECK(msl_normalized_lif_new(2, 0.0, 1.0) == NULL && strstr(msl_error(), "tau must be > 0"));
}

/* Leaky integral softmax with 2 locations x 3 channels, tau = 1 (e = 1/e). */
static void test_softmax(void) {
  msl_lis_params p = {2, 3, 1.0, 0.5, 0.1, 0, 0};
  msl_layer *L = msl_lis_new(&p);
  CHECK(L != NULL);
  if (!L) return;
  double z[6] = {0};
  /* Step 1: loc 0 input (2, 0, 0): m = (2, 0, 0), exps (1, e^-2, e^-2), sum 1.2707;
   * thresh 0.5 -> bar 0.6353: only channel 0 fires; thresh += (1 - 1) 0.1 = 0.5.
   * loc 1 no input: m = 0, exps (1, 1, 1), bar 1.5: none; thresh += -0.1 = 0.4. */
  double x1[6] = {2, 0, 0, 0, 0, 0};
  msl_layer_step(L, x1, z);
  CHECK(spk(L, 0) && !spk(L, 1) && !spk(L, 2) && !spk(L, 3) && !spk(L, 4) && !spk(L, 5));
  const double *th = msl_lis_thresholds(L);
  CHECK_NEAR(th[0], 0.5, 1e-15);
  CHECK_NEAR(th[1], 0.4, 1e-15);
  /* Step 2, no input: loc 0 m = (2/e, 0, 0) = (.7358, 0, 0): exps (1, .4791, .4791),
   * sum 1.9583, bar .5 * 1.9583 = .979: channel 0 fires (1 > .979), thresh stays .5.
   * loc 1: bar .4 * 3 = 1.2 > 1: none; thresh 0.3. */
  msl_layer_step(L, z, z);
  CHECK(spk(L, 0) && msl_layer_spikes(L)->nnz == 1);
  CHECK_NEAR(th[0], 0.5, 1e-15);
  CHECK_NEAR(th[1], 0.3, 1e-12);
  /* Step 3: loc 0 m = (2/e^2, 0, 0) = .2707: exps (1, .7629, .7629) sum 2.5258, bar
   * 1.2629: none, thresh .4. loc 1: bar .3 * 3 = .9 < 1: all three fire, thresh
   * += (3 - 1) .1 = .5. */
  msl_layer_step(L, z, z);
  CHECK(!spk(L, 0) && spk(L, 3) && spk(L, 4) && spk(L, 5));
  CHECK_NEAR(th[0], 0.4, 1e-12);
  CHECK_NEAR(th[1], 0.5, 1e-12);
  /* Aggregate: mean (.4 + .5) / 2 = .45 for both (no global skip). */
  CHECK(msl_lis_aggregate(L) == 0);
  CHECK_NEAR(th[0], 0.45, 1e-12);
  CHECK_NEAR(th[1], 0.45, 1e-12);
  msl_layer_free(L);

  /* global_skip and local_skip: loc 1 never gets input. */
  msl_lis_params q = {2, 3, 1.0, 0.5, 0.1, 1, 1};
  L = msl_lis_new(&q);
  CHECK(L != NULL);
  if (!L) return;
  th = msl_lis_thresholds(L);
  msl_layer_step(L, x1, z); /* as step 1: loc 0 fires 1, input: += (1 - 1); loc 1 none,
                               no input (local skip): += (0 - 0) */
  CHECK_NEAR(th[0], 0.5, 1e-15);
  CHECK_NEAR(th[1], 0.5, 1e-15);
  msl_layer_step(L, z, z); /* loc 0 fires ch 0 (as above), no input: += (1 - 0) .1 = .6;
                              loc 1: bar 1.5: none: .5 */
  CHECK_NEAR(th[0], 0.6, 1e-12);
  CHECK_NEAR(th[1], 0.5, 1e-15);
  /* Aggregate: mean .55 + steps 2 * idle 1 * .1 / 2 = .55 + .1 = .65 */
  CHECK(msl_lis_aggregate(L) == 0);
  CHECK_NEAR(th[0], 0.65, 1e-12);
  CHECK_NEAR(th[1], 0.65, 1e-12);
  /* After aggregation the leaky sums are cleared: one step with no input gives
   * uniform exps (bar .65 * 3 > 1): nothing fires. */
  msl_layer_step(L, z, z);
  CHECK(msl_layer_spikes(L)->nnz == 0);
  msl_layer_reset(L);
  CHECK_NEAR(th[0], 0.5, 0);
  msl_layer_free(L);

  msl_lis_params bad = {0, 3, 1.0, 0.5, 0.1, 0, 0};
  CHECK(msl_lis_new(&bad) == NULL && strstr(msl_error(), "n_loc and n_ch must be >= 1"));
  msl_layer *other = msl_latch_new(2);
  CHECK(msl_lis_aggregate(other) == -1 && msl_lis_thresholds(other) == NULL);
  msl_layer_free(other);
}

int main(void) {
  test_latch();
  test_identity();
  test_normalized_lif();
  test_softmax();
  return check_done();
}
