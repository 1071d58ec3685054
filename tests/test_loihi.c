/* test_loihi.c: the Loihi-style general learning rule (loihi.h) and the
 * seed's named rules, step by step against values worked out by hand. */
#include <math.h>
#include <string.h>

#include "check.h"
#include "msl/error.h"
#include "msl/loihi.h"

static void set(msl_spikes *s, const float *v) {
  for (int j = 0; j < s->n; j++) s->x[j] = v[j];
  msl_spikes_reindex(s);
}

static msl_loihi_params base(void) {
  msl_loihi_params p;
  memset(&p, 0, sizeof p);
  p.wlim = 1.0;
  p.tracelim = 10.0;
  p.te = (msl_trace_params){1.0, 0.5, 0};
  p.to = (msl_trace_params){1.0, 0.5, 0};
  return p;
}

static void test_stdp(void) {
  msl_loihi_params p = base();
  p.wrule = msl_loihi_stdp_rule(0.1, 0.05);
  double W0[4] = {0};
  msl_synapse *S = msl_loihi_new(2, 2, W0, &p, MSL_EXC);
  CHECK(S != NULL);
  if (!S) return;
  msl_spikes pre, post;
  msl_spikes_init(&pre, 2);
  msl_spikes_init(&post, 2);
  /* step 1: pre (1, 0), post (0, 1): te = (1, 0), to = (0, 1);
   * dW_ij = .1 xo_i te_j - .05 xe_j to_i: only (j0, i1) = .1 - .05 = .05 */
  set(&pre, (const float[]){1, 0});
  set(&post, (const float[]){0, 1});
  CHECK(S->ops->learn(S, &pre, &post) == 0);
  double *W = S->ops->weights(S); /* W[j n_post + i] */
  CHECK(W[0] == 0 && W[2] == 0 && W[3] == 0);
  CHECK_NEAR(W[1], 0.05, 1e-15);
  /* step 2: pre (0, 1), post (1, 0): te = (.5, 1), to = (1, .5);
   * i0: .1 te = (.05, .1) minus .05 xe to_0 = (0, .05): (.05, .05);
   * i1: minus .05 xe to_1 = (0, .025) */
  set(&pre, (const float[]){0, 1});
  set(&post, (const float[]){1, 0});
  CHECK(S->ops->learn(S, &pre, &post) == 0);
  CHECK_NEAR(W[0], 0.05, 1e-15);
  CHECK_NEAR(W[1], 0.05, 1e-15);
  CHECK_NEAR(W[2], 0.05, 1e-15);
  CHECK_NEAR(W[3], -0.025, 1e-15);
  /* forward is the dense product: pre (1, 1) -> y_i = sum_j W_ji */
  double y[2] = {0};
  set(&pre, (const float[]){1, 1});
  S->ops->forward(S, &pre, y);
  CHECK_NEAR(y[0], 0.1, 1e-15);
  CHECK_NEAR(y[1], 0.025, 1e-15);
  msl_synapse_free(S);
  msl_spikes_free(&pre);
  msl_spikes_free(&post);
}

static void test_mse_and_modulation(void) {
  msl_loihi_params p = base();
  p.wrule = msl_loihi_mse_rule(0.1);
  double W0[4] = {0};
  CHECK(msl_loihi_new(2, 2, W0, &p, MSL_EXC) == NULL); /* uses tm, not given */
  CHECK(strstr(msl_error(), "uses trace tm, which is not given") != NULL);
  p.tm = (msl_trace_params){1.0, 0.5, 0};
  msl_synapse *S = msl_loihi_new(2, 2, W0, &p, MSL_EXC);
  CHECK(S != NULL);
  if (!S) return;
  msl_spikes pre, post;
  msl_spikes_init(&pre, 2);
  msl_spikes_init(&post, 2);
  /* target xm = (1, 0), pre (1, 1), post (0, 1): te = (1, 1), to = (0, 1), tm = (1, 0);
   * dW_ij = .1 te_j (tm_i - to_i): i0 +.1, i1 -.1 for both j */
  CHECK(msl_loihi_modulate(S, (const double[]){1, 0}) == 0);
  set(&pre, (const float[]){1, 1});
  set(&post, (const float[]){0, 1});
  CHECK(S->ops->learn(S, &pre, &post) == 0);
  double *W = S->ops->weights(S);
  CHECK_NEAR(W[0], 0.1, 1e-15);
  CHECK_NEAR(W[1], -0.1, 1e-15);
  CHECK_NEAR(W[2], 0.1, 1e-15);
  CHECK_NEAR(W[3], -0.1, 1e-15);
  CHECK(msl_loihi_trace(S, MSL_LF_TM)->t[0] == 1.0);
  CHECK(msl_loihi_trace(S, MSL_LF_TE2) == NULL);
  msl_synapse_free(S);

  /* modulated STDP by the input xm itself (trace = 0): dW = (.2 xo te - .1 xe to) xm */
  p = base();
  p.wrule = msl_loihi_modulated_stdp_rule(0.2, 0.1, 0);
  S = msl_loihi_new(2, 2, W0, &p, MSL_EXC);
  CHECK(S != NULL);
  if (!S) return;
  CHECK(msl_loihi_modulate(S, (const double[]){0.5, 0}) == 0);
  set(&pre, (const float[]){1, 0});
  set(&post, (const float[]){1, 1});
  CHECK(S->ops->learn(S, &pre, &post) == 0);
  W = S->ops->weights(S);
  /* te = (1, 0), to = (1, 1); i0: (.2 te_j - .1 xe_j) .5 = (.05, 0); i1: xm 0 */
  CHECK_NEAR(W[0], 0.05, 1e-15);
  CHECK(W[1] == 0 && W[2] == 0 && W[3] == 0);
  msl_synapse_free(S);
  msl_spikes_free(&pre);
  msl_spikes_free(&post);
}

/* Factors on W, tag, signs and constants; the tag rule sees the new W. */
static void test_general(void) {
  msl_loihi_params p = base();
  p.wlim = 10.0;
  p.taglim = 0.5;
  p.wrule.n = 1;
  p.wrule.p[0] = (msl_loihi_product){2, {{MSL_LF_CONST, 2.0}, {MSL_LF_W, 1.0}}};
  p.tagrule.n = 2;
  p.tagrule.p[0] = (msl_loihi_product){2, {{MSL_LF_SIGN_W, -1.0}, {MSL_LF_SIGN, -3.0}}};
  p.tagrule.p[1] = (msl_loihi_product){2, {{MSL_LF_TAG, 0.25}, {MSL_LF_SCALE, 2.0}}};
  double W0[1] = {0.5};
  msl_synapse *S = msl_loihi_new(1, 1, W0, &p, MSL_EXC);
  CHECK(S != NULL);
  if (!S) return;
  msl_spikes x;
  msl_spikes_init(&x, 1);
  /* dW = 2 (W + 1) = 3: W = 3.5. dtag = sign(3.5 - 1) sign(-3) + (0 + .25) 2 = -.5: tag -.5.
   * Step 2: dW = 2 (4.5) = 9: W = 12.5 -> 10 (wlim). dtag = -1 + (-.5 + .25) 2 = -1.5:
   * tag = -2 -> -.5 (taglim). */
  CHECK(S->ops->learn(S, &x, &x) == 0);
  CHECK(S->ops->weights(S)[0] == 3.5 && msl_loihi_tag(S)[0] == -0.5);
  CHECK(S->ops->learn(S, &x, &x) == 0);
  CHECK(S->ops->weights(S)[0] == 10.0 && msl_loihi_tag(S)[0] == -0.5);
  msl_synapse_free(S);
  msl_spikes_free(&x);

  p.wrule.p[0].f[1].code = (msl_loihi_code)16;
  CHECK(msl_loihi_new(1, 1, W0, &p, MSL_EXC) == NULL && strstr(msl_error(), "unknown code 16"));
  p.wrule.p[0].n = 0;
  CHECK(msl_loihi_new(1, 1, W0, &p, MSL_EXC) == NULL && strstr(msl_error(), "has 0 factors"));
  p = base();
  p.wlim = -1;
  CHECK(msl_loihi_new(1, 1, W0, &p, MSL_EXC) == NULL && strstr(msl_error(), "wlim must be >= 0"));
  CHECK(msl_loihi_modulate(NULL, W0) == -1 && msl_loihi_tag(NULL) == NULL);
}

int main(void) {
  test_stdp();
  test_mse_and_modulation();
  test_general();
  return check_done();
}
