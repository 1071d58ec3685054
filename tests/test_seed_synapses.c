/* test_seed_synapses.c: the functional (lambda), pool, plastic conv and
 * transformed synapses against values worked out by hand from their
 * equations (docs/models.md, Synapses). */
#include <math.h>
#include <string.h>

#include "check.h"
#include "msl/error.h"
#include "msl/synapse.h"
#include "msl/transform.h"

static void set(msl_spikes *s, const float *v) {
  for (int j = 0; j < s->n; j++) s->x[j] = v[j];
  msl_spikes_reindex(s);
}

/* all-but-self as a function: y_i += w (sum_j x_j - x_i), w in ctx */
static void abs_fn(void *ctx, const msl_spikes *pre, double *y, int n_post) {
  double w = *(double *)ctx, sum = msl_spikes_sum(pre);
  for (int i = 0; i < n_post; i++) y[i] += w * (sum - pre->x[i]);
}

static void test_lambda(void) {
  double w = -0.5;
  msl_synapse *F = msl_lambda_new(3, 3, abs_fn, &w, MSL_EXC);
  msl_synapse *A = msl_all_but_self_new(3, w, MSL_EXC);
  CHECK(F && A);
  if (!F || !A) return;
  msl_spikes x;
  msl_spikes_init(&x, 3);
  set(&x, (const float[]){1, 0, 2});
  double yf[3] = {1, 1, 1}, ya[3] = {1, 1, 1};
  F->ops->forward(F, &x, yf);
  A->ops->forward(A, &x, ya);
  /* sum 3: y = 1 + -.5 (3 - x) = (0, -0.5, 0.5) */
  CHECK(yf[0] == 0.0 && yf[1] == -0.5 && yf[2] == 0.5);
  CHECK(memcmp(yf, ya, sizeof yf) == 0);
  CHECK(F->ops->learn == NULL);
  msl_synapse_free(F);
  msl_synapse_free(A);
  msl_spikes_free(&x);
  CHECK(msl_lambda_new(2, 2, NULL, NULL, MSL_EXC) == NULL && strstr(msl_error(), "NULL"));
}

static void test_pool(void) {
  /* 3 x 3 image, 1 channel, stride 2: padded to 4 x 4, output 2 x 2. Pixel
   * (x, y) is index 3x + y; window (0,0) holds pixels (0,0) (0,1) (1,0) (1,1),
   * window (0,1) pixels (0,2) (1,2) and padding, window (1,1) pixel (2,2). */
  msl_synapse *S = msl_pool_new(3, 3, 1, 2, 2, MSL_EXC);
  CHECK(S && S->n_pre == 9 && S->n_post == 4);
  if (!S) return;
  msl_spikes x;
  msl_spikes_init(&x, 9);
  double y[4] = {0};
  /* step 1: (0,0) and (1,1) spike: window 0 max 1 -> +1; (2,2): window 3 -> +1 */
  set(&x, (const float[]){1, 0, 0, 0, 1, 0, 0, 0, 1});
  S->ops->forward(S, &x, y);
  CHECK(y[0] == 1 && y[1] == 0 && y[2] == 0 && y[3] == 1);
  /* step 2: (1,1) again: A(1,1) = 2, window 0 max 2 -> +1; (0,2) -> window 1 +1 */
  memset(y, 0, sizeof y);
  set(&x, (const float[]){0, 0, 1, 0, 1, 0, 0, 0, 0});
  S->ops->forward(S, &x, y);
  CHECK(y[0] == 1 && y[1] == 1 && y[2] == 0 && y[3] == 0);
  /* step 3: (0,0) again: A(0,0) = 2 = max already: +0 */
  memset(y, 0, sizeof y);
  set(&x, (const float[]){1, 0, 0, 0, 0, 0, 0, 0, 0});
  S->ops->forward(S, &x, y);
  CHECK(y[0] == 0 && y[1] == 0 && y[2] == 0 && y[3] == 0);
  /* a negative input in a window with padding: max(A, 0 padding) stays 0 */
  memset(y, 0, sizeof y);
  set(&x, (const float[]){0, 0, 0, 0, 0, 0, -1, 0, 0}); /* (2,0): window (1,0) */
  S->ops->forward(S, &x, y);
  CHECK(y[2] == 0);
  S->ops->reset(S);
  memset(y, 0, sizeof y);
  set(&x, (const float[]){1, 0, 0, 0, 0, 0, 0, 0, 0});
  S->ops->forward(S, &x, y);
  CHECK(y[0] == 1); /* accumulations restarted */
  msl_synapse_free(S);
  msl_spikes_free(&x);
  /* two channels: index (x h + y) c + ch */
  S = msl_pool_new(2, 1, 2, 2, 1, MSL_EXC);
  CHECK(S && S->n_pre == 4 && S->n_post == 2);
  msl_spikes_init(&x, 4);
  double y2[2] = {0};
  set(&x, (const float[]){0, 3, 0, 1}); /* ch 1 of both pixels: max 3 */
  S->ops->forward(S, &x, y2);
  CHECK(y2[0] == 0 && y2[1] == 3);
  msl_synapse_free(S);
  msl_spikes_free(&x);
  CHECK(msl_pool_new(3, 3, 1, 0, 2, MSL_EXC) == NULL && strstr(msl_error(), "strides"));
}

static void test_conv(void) {
  /* valid: 3 x 3 x 1 input, 2 x 2 kernel, 1 map: output 2 x 2.
   * K[kx][ky] = (1, 2; 3, 4). */
  msl_trace_params tr = {1.0, 0.5, 10.0};
  msl_conv_params p = {3, 3, 1, 2, 2, 1, 0, 0.1, 0.05, 0.0, 10.0, 0, tr, tr};
  double K0[4] = {1, 2, 3, 4};
  msl_synapse *S = msl_plastic_conv_new(&p, K0, MSL_EXC);
  CHECK(S && S->n_pre == 9 && S->n_post == 4);
  if (!S) return;
  msl_spikes x, o;
  msl_spikes_init(&x, 9);
  msl_spikes_init(&o, 4);
  /* input pixel (1,1) = 1 alone: y[ox,oy] = K[1-ox][1-oy]: y(0,0) = K11 = 4,
   * y(0,1) = K10 = 3, y(1,0) = K01 = 2, y(1,1) = K00 = 1 */
  set(&x, (const float[]){0, 0, 0, 0, 1, 0, 0, 0, 0});
  double y[4] = {0};
  S->ops->forward(S, &x, y);
  CHECK(y[0] == 4 && y[1] == 3 && y[2] == 2 && y[3] == 1);
  /* pixel (0,0) = 2: only y(0,0) += K00 * 2 = 2 */
  set(&x, (const float[]){2, 0, 0, 0, 0, 0, 0, 0, 0});
  memset(y, 0, sizeof y);
  S->ops->forward(S, &x, y);
  CHECK(y[0] == 2 && y[1] == 0 && y[2] == 0 && y[3] == 0);
  /* Learning with pre (1,1) = 1 and post (0,0) = 1 on the same step: traces
   * te = 1 at (1,1), to = 1 at (0,0). Potentiation: dK[k] = te[(0,0) + k] xo:
   * only k = (1,1) meets te: K11 += .1 -> 4.1. Depression: dK[k] = xe[o + k] to[o]
   * over o = (0,0) only: k = (1,1): K11 -= .05 -> 4.05. */
  set(&x, (const float[]){0, 0, 0, 0, 1, 0, 0, 0, 0});
  set(&o, (const float[]){1, 0, 0, 0});
  CHECK(S->ops->learn(S, &x, &o) == 0);
  int len = 0;
  double *K = msl_conv_kernel(S, &len);
  CHECK(len == 4 && K[0] == 1 && K[1] == 2 && K[2] == 3);
  CHECK_NEAR(K[3], 4.05, 1e-15);
  /* Next step: post (1,1) spikes alone. te decays to .5 at (1,1); dK[k] = te[(1,1)+k]:
   * k = (0,0) meets (1,1): K00 += .1 * .5 = 1.05. No pre spikes: no depression. */
  set(&x, (const float[]){0, 0, 0, 0, 0, 0, 0, 0, 0});
  set(&o, (const float[]){0, 0, 0, 1});
  CHECK(S->ops->learn(S, &x, &o) == 0);
  CHECK_NEAR(K[0], 1.05, 1e-15);
  CHECK_NEAR(K[3], 4.05, 1e-15);
  /* Clamp: wlim 10 and lower bound -10 (exc = 0); set K01 = 20, learn nothing. */
  K[1] = 20;
  CHECK(S->ops->learn(S, &x, &o) == 0); /* post (1,1) again */
  CHECK(K[1] == 10.0);
  msl_synapse_free(S);
  msl_spikes_free(&x);
  msl_spikes_free(&o);

  /* same: 2 x 2 input, 3 x 3 kernel, offset 1; 2 maps; mmp. K[k][co]: map 0 all 1,
   * map 1 all 0.5. Output (0,0) of map 0 = sum over inputs in the 3x3 window centred at
   * (0,0): all four inputs. */
  msl_conv_params q = {2, 2, 1, 3, 3, 2, 1, 1.0, 0.0, 0.5, 100.0, 1, tr, tr};
  double K1[18];
  for (int k = 0; k < 9; k++) K1[2 * k] = 1, K1[2 * k + 1] = 0.5;
  S = msl_plastic_conv_new(&q, K1, MSL_EXC);
  CHECK(S && S->n_pre == 4 && S->n_post == 8);
  if (!S) return;
  msl_spikes_init(&x, 4);
  msl_spikes_init(&o, 8);
  set(&x, (const float[]){1, 1, 1, 1});
  double y8[8] = {0};
  S->ops->forward(S, &x, y8);
  int ok = 1;
  for (int k = 0; k < 4; k++) ok &= y8[2 * k] == 4 && y8[2 * k + 1] == 2;
  CHECK(ok);
  /* Learn: input (0,0) spikes, output (0,0) map 0 spikes. te(0,0) = 1.
   * m_0 = .5 * 1 * .5 = .25, m_1 = 0. Map 0: K *= .75; potentiation dK[k] =
   * te[(0,0) + k - 1]: only k = (1,1) (the centre) meets (0,0): += 1; K *= .75.
   * So K[centre][0] = (.75 + 1) .75 = 1.3125, the others .5625; map 1 unchanged. */
  set(&x, (const float[]){1, 0, 0, 0});
  set(&o, (const float[]){1, 0, 0, 0, 0, 0, 0, 0});
  CHECK(S->ops->learn(S, &x, &o) == 0);
  K = msl_conv_kernel(S, &len);
  CHECK(len == 18);
  ok = 1;
  for (int k = 0; k < 9; k++)
    ok &= K[2 * k] == (k == 4 ? 1.3125 : 0.5625) && K[2 * k + 1] == 0.5;
  CHECK(ok);
  msl_synapse_free(S);
  msl_spikes_free(&x);
  msl_spikes_free(&o);

  msl_conv_params bad = p;
  bad.w_k = 4;
  CHECK(msl_plastic_conv_new(&bad, K0, MSL_EXC) == NULL && strstr(msl_error(), "larger than the input"));
  CHECK(msl_conv_out_size(5, 3, 0) == 3 && msl_conv_out_size(5, 3, 1) == 5);
  CHECK(msl_conv_kernel(NULL, NULL) == NULL);
}

static void test_transformed(void) {
  /* A low-pass (tau = 1, b = 1/e) in front of a one-to-one synapse of weight 2. */
  msl_transform *T = msl_lowpass_new(2, 1.0, 0);
  msl_synapse *S = msl_transformed_new(T, msl_one_to_one_new(2, 2.0, MSL_EXC));
  CHECK(S != NULL);
  if (!S) return;
  const double b = exp(-1.0);
  msl_spikes x;
  msl_spikes_init(&x, 2);
  set(&x, (const float[]){1, 0});
  double y[2] = {0};
  S->ops->forward(S, &x, y); /* v = (1 - b) 1 = .632: y = 2 (float) v */
  CHECK_NEAR(y[0], 2.0 * (float)(1 - b), 1e-15);
  CHECK(y[1] == 0);
  set(&x, (const float[]){0, 0});
  y[0] = 0;
  S->ops->forward(S, &x, y); /* v = b (1 - b) */
  CHECK_NEAR(y[0], 2.0 * (float)(b * (1 - b)), 1e-15);
  CHECK(S->ops->learn == NULL);
  msl_synapse_free(S);
  msl_spikes_free(&x);
  /* size mismatch: both freed, message names the sizes */
  CHECK(msl_transformed_new(msl_passthrough_new(3, 0), msl_one_to_one_new(2, 1, MSL_EXC)) == NULL);
  CHECK(strstr(msl_error(), "transform of 3 for a synapse of 2 inputs") != NULL);
}

int main(void) {
  test_lambda();
  test_pool();
  test_conv();
  test_transformed();
  return check_done();
}
