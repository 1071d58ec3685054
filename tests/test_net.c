/* test_net.c: the network step order of SPEC 1 (delays, layer order, learning's pre vector), reset and errors. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "msl/error.h"
#include "msl/net.h"
#include "neurons/second_order.h"

static void set_spikes(msl_spikes *s, const float *v) {
  for (int j = 0; j < s->n; j++) s->x[j] = v[j];
  msl_spikes_reindex(s);
}

static int spiked(msl_net *net, const char *layer, int i) {
  return msl_layer_spikes(msl_net_layer(net, layer))->x[i] != 0.0f;
}

/* ---- a probe layer: logs the order of its steps and the inputs it received ---- */

enum { PN = 3 };
typedef struct {
  int id;
  int steps;
  double xe[PN], xi[PN];
} probe;

static int order_log[256], order_len;

static void probe_step(msl_layer *L, const double *xe, const double *xi, const msl_spikes *prev,
                       msl_spikes *out) {
  (void)prev;
  (void)out; /* never fires */
  probe *p = L->content;
  if (order_len < 256) order_log[order_len++] = p->id;
  p->steps++;
  memcpy(p->xe, xe, sizeof p->xe);
  memcpy(p->xi, xi, sizeof p->xi);
}
static void probe_reset(msl_layer *L) { ((probe *)L->content)->steps = 0; }
static void probe_destroy(msl_layer *L) { free(L->content); }
static const msl_layer_ops probe_ops = {"probe", probe_step, probe_reset, probe_destroy, NULL, 1, NULL};

static msl_layer *probe_new(int id) {
  probe *p = calloc(1, sizeof *p);
  p->id = id;
  msl_layer *L = msl_layer_alloc(&probe_ops, p, PN);
  if (!L) free(p);
  return L;
}

/* ---------------- delays: input -> A -> B, and C added before A ---------------- */

static void test_chain_delay(void) {
  msl_net *net = msl_net_new();
  CHECK(net != NULL);
  /* IF with v0 = 1 and one-to-one weight 1: every incoming spike makes the neuron fire. */
  CHECK(msl_net_add_input(net, "in", 3) == 0);
  CHECK(msl_net_add_layer(net, "C", msl_if_new(3, 1.0)) == 0); /* added before A, reads A */
  CHECK(msl_net_add_layer(net, "A", msl_if_new(3, 1.0)) == 1);
  CHECK(msl_net_add_layer(net, "B", msl_if_new(3, 1.0)) == 2);
  CHECK(msl_net_add_synapse(net, "B", msl_one_to_one_new(3, 1.0, MSL_EXC), "A") == 0);
  CHECK(msl_net_add_synapse(net, "A", msl_one_to_one_new(3, 1.0, MSL_EXC), "in") == 1);
  CHECK(msl_net_add_synapse(net, "C", msl_one_to_one_new(3, 1.0, MSL_EXC), "A") == 2);
  msl_spikes in;
  msl_spikes_init(&in, 3);
  const msl_spikes *inputs[1] = {&in};
  enum { T = 7 };
  const float x[T][3] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 0}, {1, 0, 1}, {0, 0, 0}, {0, 1, 1}, {0, 0, 0}};
  int a_ok = 1, b_ok = 1, c_ok = 1;
  for (int run = 0; run < 2; run++) { /* the second run after msl_net_reset must repeat the first */
    for (int t = 0; t < T; t++) {
      set_spikes(&in, x[t]);
      msl_net_step(net, inputs, 0);
      for (int i = 0; i < 3; i++) {
        int prev_in = t > 0 ? x[t - 1][i] != 0 : 0;
        a_ok &= spiked(net, "A", i) == (x[t][i] != 0); /* input synapse: same step */
        b_ok &= spiked(net, "B", i) == prev_in;        /* layer synapse: one step later */
        c_ok &= spiked(net, "C", i) == prev_in;        /* also when stepped before A */
      }
    }
    CHECK(a_ok);
    CHECK(b_ok);
    CHECK(c_ok);
    /* Last step: A silent, B and C fired from A's step-6 spikes [0 1 1]. */
    CHECK(msl_layer_spikes(msl_net_layer(net, "A"))->nnz == 0);
    CHECK(msl_layer_spikes(msl_net_layer(net, "B"))->nnz == 2);
    msl_net_reset(net);
    CHECK(msl_layer_spikes(msl_net_layer(net, "B"))->nnz == 0);
    CHECK(msl_layer_spikes(msl_net_layer(net, "C"))->nnz == 0);
  }
  /* After reset, a spike of A in the previous step must not leak: first step with empty input. */
  const float one[3] = {0, 0, 1};
  set_spikes(&in, one);
  msl_net_step(net, inputs, 0);
  msl_net_reset(net);
  const float none[3] = {0, 0, 0};
  set_spikes(&in, none);
  msl_net_step(net, inputs, 0);
  CHECK(msl_layer_spikes(msl_net_layer(net, "B"))->nnz == 0);
  msl_spikes_free(&in);
  msl_net_free(net);
}

/* ---------------- stage 1 sums, channels and stage 2 order ---------------- */

static void test_order_and_channels(void) {
  msl_net *net = msl_net_new();
  CHECK(msl_net_add_input(net, "x", PN) == 0);
  CHECK(msl_net_add_layer(net, "second_name", probe_new(7)) == 0); /* inserted first */
  CHECK(msl_net_add_layer(net, "first_name", probe_new(3)) == 1);  /* inserted second */
  /* Synapses added "backwards": into the later layer first. */
  CHECK(msl_net_add_synapse(net, "first_name", msl_one_to_one_new(PN, 1.0, MSL_EXC), "x") == 0);
  CHECK(msl_net_add_synapse(net, "second_name", msl_one_to_one_new(PN, 0.5, MSL_EXC), "x") == 1);
  CHECK(msl_net_add_synapse(net, "second_name", msl_all_but_self_new(PN, 2.0, MSL_INH), "x") == 2);
  CHECK(msl_net_add_synapse(net, "second_name", msl_uniform_new(PN, PN, -0.05, MSL_EXC), "x") == 3);
  msl_spikes in;
  msl_spikes_init(&in, PN);
  const msl_spikes *inputs[1] = {&in};
  const float xv[PN] = {1, 0, 2};
  set_spikes(&in, xv);
  order_len = 0;
  for (int t = 0; t < 3; t++) msl_net_step(net, inputs, 1);
  /* Layers advance in insertion order every step: 7, 3, 7, 3, 7, 3. */
  CHECK(order_len == 6);
  int ord = 1;
  for (int k = 0; k < order_len; k++) ord &= order_log[k] == (k % 2 == 0 ? 7 : 3);
  CHECK(ord);
  /* Inputs of "second_name": sum x = 3;
   *   xe_i = 0.5 x_i - 0.05 * 3 = [0.35, -0.15, 0.85];  xi_i = 2 (3 - x_i) = [4, 6, 2]
   * recomputed from zero every step (not accumulated over the 3 steps). */
  const probe *p = msl_net_layer(net, "second_name")->content;
  CHECK(p->steps == 3);
  CHECK_NEAR(p->xe[0], 0.35, 1e-15);
  CHECK_NEAR(p->xe[1], -0.15, 1e-15);
  CHECK_NEAR(p->xe[2], 0.85, 1e-15);
  CHECK(p->xi[0] == 4 && p->xi[1] == 6 && p->xi[2] == 2);
  const probe *q = msl_net_layer(net, "first_name")->content;
  CHECK(q->xe[0] == 1 && q->xe[1] == 0 && q->xe[2] == 2);
  CHECK(q->xi[0] == 0 && q->xi[1] == 0 && q->xi[2] == 0);
  msl_net_reset(net);
  CHECK(p->steps == 0 && q->steps == 0);
  msl_spikes_free(&in);
  msl_net_free(net);
}

/* ---------------- learning sees the stage-1 pre vector ---------------- */

/* in(2) -> A (IF, v0 = 1, one-to-one 1) -> B (IF, v0 = 0.5) through a plastic synapse,
 * plus a plastic synapse in -> D (IF, v0 = 100: never fires) to see an input-sourced pre. */
static msl_net *build_plastic_net(void) {
  msl_net *net = msl_net_new();
  msl_net_add_input(net, "in", 2);
  msl_net_add_layer(net, "A", msl_if_new(2, 1.0));
  msl_net_add_layer(net, "B", msl_if_new(2, 0.5));
  msl_net_add_layer(net, "D", msl_if_new(2, 100.0));
  msl_net_add_synapse(net, "A", msl_one_to_one_new(2, 1.0, MSL_EXC), "in");
  /* W (post x pre) = [[0.6, 0.2], [0.1, 0.3]] stored pre-major */
  const double W0[4] = {0.6, 0.1, 0.2, 0.3};
  msl_stdp_params p = {.ap = 0.1, .an = 0.05, .wlim = 1.0, .exc = 1,
                       .pre = {1.0, 0.5, 1.0}, .post = {1.0, 0.5, 1.0}};
  msl_net_add_synapse(net, "B", msl_plastic_new(2, 2, W0, &p, MSL_EXC), "A");     /* index 1 */
  const double Wd[4] = {0.0, 0.0, 0.0, 0.0};
  msl_net_add_synapse(net, "D", msl_plastic_new(2, 2, Wd, &p, MSL_EXC), "in");    /* index 2 */
  return net;
}

static void test_learning_pre(void) {
  msl_net *net = build_plastic_net();
  msl_synapse *S = msl_net_synapse(net, 1), *SD = msl_net_synapse(net, 2);
  CHECK(S != NULL && SD != NULL && msl_net_synapse(net, 3) == NULL && msl_net_synapse(net, -1) == NULL);
  if (!S || !SD) return;
  const msl_trace *te = msl_synapse_trace(S, 0), *to = msl_synapse_trace(S, 1);
  const msl_trace *ted = msl_synapse_trace(SD, 0);
  const double *W = S->ops->weights(S);
  msl_spikes in;
  msl_spikes_init(&in, 2);
  const msl_spikes *inputs[1] = {&in};

  /* Step 1, input [1 0]: A fires [1 0] in stage 2, but the A->B synapse saw A's previous
   * spikes [0 0] in stage 1, so its pre trace stays [0 0] (it would be [1 0] if learning used
   * the new vector). The input-sourced synapse sees the current input: te_D = [1 0]. */
  const float x1[2] = {1, 0};
  set_spikes(&in, x1);
  msl_net_step(net, inputs, 1);
  CHECK(spiked(net, "A", 0) && !spiked(net, "B", 0));
  CHECK(te->t[0] == 0.0 && te->t[1] == 0.0);
  CHECK(to->t[0] == 0.0 && to->t[1] == 0.0);
  CHECK(ted->t[0] == 1.0 && ted->t[1] == 0.0);
  CHECK(W[0] == 0.6 && W[1] == 0.1 && W[2] == 0.2 && W[3] == 0.3);

  /* Step 2, input [0 0]: stage 1 sees A = [1 0]: B gets W[:,0] = [0.6, 0.1] -> B fires [1 0].
   * Learn with xe = [1 0], xo = [1 0]: te = [1 0], to = [1 0];
   *   row 0 += 0.1 te -> W00 = 0.7; col 0 -= 0.05 to -> W00 = 0.65, W10 = 0.1. */
  const float x0[2] = {0, 0};
  set_spikes(&in, x0);
  msl_net_step(net, inputs, 1);
  CHECK(spiked(net, "B", 0) && !spiked(net, "B", 1) && !spiked(net, "A", 0));
  CHECK(te->t[0] == 1.0 && te->t[1] == 0.0);
  CHECK(to->t[0] == 1.0 && to->t[1] == 0.0);
  CHECK_NEAR(W[0], 0.65, 1e-12);
  CHECK(W[1] == 0.1 && W[2] == 0.2 && W[3] == 0.3);
  CHECK(ted->t[0] == 0.5); /* input-sourced: decayed, no new input */

  /* Step 3, input [0 0]: A was silent -> te = [0.5 0], to = [0.5 0], no rows/cols change. */
  msl_net_step(net, inputs, 1);
  CHECK(te->t[0] == 0.5 && to->t[0] == 0.5);
  CHECK_NEAR(W[0], 0.65, 1e-12);

  /* Reset: layers and traces back to zero, learned weights kept. */
  msl_net_reset(net);
  CHECK(te->t[0] == 0.0 && to->t[0] == 0.0 && ted->t[0] == 0.0);
  CHECK_NEAR(W[0], 0.65, 1e-12);
  CHECK(msl_layer_spikes(msl_net_layer(net, "A"))->nnz == 0);

  /* learn = 0: the same two steps change neither weights nor traces. */
  double before[4];
  memcpy(before, W, sizeof before);
  set_spikes(&in, x1);
  msl_net_step(net, inputs, 0);
  set_spikes(&in, x0);
  msl_net_step(net, inputs, 0);
  CHECK(spiked(net, "B", 0)); /* B still fires through 0.65 >= 0.5 */
  CHECK(memcmp(before, W, sizeof before) == 0);
  CHECK(te->t[0] == 0.0 && to->t[0] == 0.0 && ted->t[0] == 0.0);
  msl_spikes_free(&in);
  msl_net_free(net);
}

/* ---------------- reset of neuron state ---------------- */

static void test_reset_state(void) {
  msl_net *net = msl_net_new();
  msl_net_add_input(net, "in", 1);
  msl_net_add_layer(net, "A", msl_if_new(1, 1.0));
  msl_net_add_synapse(net, "A", msl_one_to_one_new(1, 0.6, MSL_EXC), "in");
  msl_spikes in;
  msl_spikes_init(&in, 1);
  const msl_spikes *inputs[1] = {&in};
  const float one[1] = {1};
  set_spikes(&in, one);
  msl_net_step(net, inputs, 0); /* v = 0.6 */
  CHECK(!spiked(net, "A", 0));
  msl_net_reset(net);           /* v = 0 */
  msl_net_step(net, inputs, 0); /* v = 0.6 < 1 (would be 1.2 without the reset) */
  CHECK(!spiked(net, "A", 0));
  msl_net_step(net, inputs, 0); /* v = 1.2 >= 1 */
  CHECK(spiked(net, "A", 0));
  msl_spikes_free(&in);
  msl_net_free(net);
}

/* ---------------- errors ---------------- */

static int has(const msl_net *net, const char *s) {
  const char *e = msl_net_error(net);
  return e && strstr(e, s) != NULL;
}

static void test_errors(void) {
  msl_net_free(NULL);
  msl_net *net = msl_net_new();
  CHECK(msl_net_add_input(net, "in", 4) == 0);
  CHECK(msl_net_add_input(net, "in2", 2) == 1);
  CHECK(msl_net_add_layer(net, "L", msl_if_new(3, 1.0)) == 0);
  CHECK(msl_net_add_layer(net, "M", msl_lif_new(4, 5.0, 1.0)) == 1);

  /* Duplicate names, across inputs and layers (the rejected layer is freed: ASan checks). */
  CHECK(msl_net_add_input(net, "in", 4) == -1);
  CHECK(has(net, "in"));
  CHECK(msl_net_add_input(net, "L", 3) == -1);
  CHECK(has(net, "L"));
  CHECK(msl_net_add_layer(net, "L", msl_if_new(3, 1.0)) == -1);
  CHECK(has(net, "L"));
  CHECK(msl_net_add_layer(net, "in2", msl_if_new(2, 1.0)) == -1);
  CHECK(has(net, "in2"));
  /* Bad names and sizes. */
  CHECK(msl_net_add_layer(net, "", msl_if_new(2, 1.0)) == -1);
  CHECK(msl_net_error(net)[0] != '\0');
  CHECK(has(net, "empty"));
  CHECK(msl_net_add_input(net, "zero", 0) == -1);
  CHECK(has(net, "zero"));
  CHECK(msl_net_add_layer(net, "nolayer", NULL) == -1);
  CHECK(has(net, "nolayer"));
  /* A failed constructor's reason is kept in the net's message. */
  CHECK(msl_net_add_layer(net, "bad", msl_if_new(0, 1.0)) == -1);
  CHECK(has(net, "bad") && has(net, "size must be >= 1"));
  /* msl_net_error is an alias of the per-thread msl_error(). */
  CHECK(msl_net_error(net) == msl_error());

  /* Unknown names (the rejected synapse is freed). */
  CHECK(msl_net_add_synapse(net, "nowhere", msl_one_to_one_new(4, 1.0, MSL_EXC), "in") == -1);
  CHECK(has(net, "nowhere"));
  CHECK(msl_net_add_synapse(net, "M", msl_one_to_one_new(4, 1.0, MSL_EXC), "ghost") == -1);
  CHECK(has(net, "ghost"));
  CHECK(msl_net_add_synapse(net, "M", NULL, "in") == -1);
  CHECK(msl_net_error(net)[0] != '\0');
  CHECK(msl_net_add_synapse(net, "M", msl_one_to_one_new(0, 1.0, MSL_EXC), "in") == -1);
  CHECK(has(net, "in -> M") && has(net, "one_to_one synapse: sizes must be >= 1"));
  /* Inhibitory synapses onto layers that integrate excitatory input only
   * (if, lif) are refused instead of silently doing nothing. */
  CHECK(msl_net_add_synapse(net, "L", msl_all_but_self_new(3, 1.0, MSL_INH), "L") == -1);
  CHECK(has(net, "inhibitory") && has(net, "'if'"));
  CHECK(msl_net_add_synapse(net, "M", msl_one_to_one_new(4, 1.0, MSL_INH), "in") == -1);
  CHECK(has(net, "inhibitory") && has(net, "'lif'"));
  /* Size mismatches: pre (input of 2 into a 4x4 one-to-one) and post (4 -> layer of 3). */
  CHECK(msl_net_add_synapse(net, "M", msl_one_to_one_new(4, 1.0, MSL_EXC), "in2") == -1);
  CHECK(has(net, "in2"));
  CHECK(msl_net_add_synapse(net, "L", msl_one_to_one_new(4, 1.0, MSL_EXC), "in") == -1);
  CHECK(has(net, "L"));
  double W[12] = {0};
  CHECK(msl_net_add_synapse(net, "L", msl_dense_new(3, 4, W, MSL_EXC), "M") == -1); /* pre 4 != 3 */
  /* Lookups of unknown names. */
  CHECK(msl_net_layer(net, "nope") == NULL);
  CHECK(msl_net_layer(net, "in") == NULL); /* an input is not a layer */
  CHECK(msl_net_synapse(net, 0) == NULL);

  /* The net still works after the failures: M -> L dense 4 -> 3 and in -> M. */
  CHECK(msl_net_add_synapse(net, "L", msl_dense_new(4, 3, W, MSL_EXC), "M") == 0);
  CHECK(msl_net_add_synapse(net, "M", msl_one_to_one_new(4, 1.0, MSL_EXC), "in") == 1);
  msl_spikes a, b;
  msl_spikes_init(&a, 4);
  msl_spikes_init(&b, 2);
  const msl_spikes *inputs[2] = {&a, &b};
  msl_net_step(net, inputs, 1);
  CHECK(msl_layer_spikes(msl_net_layer(net, "L"))->nnz == 0);
  msl_spikes_free(&a);
  msl_spikes_free(&b);
  msl_net_free(net);
}

/* ---------------- no size limits: many elements, long names ---------------- */

/* A chain in -> L0 -> L1 -> ... -> L(K-1) of IF neurons (v0 = 1, one-to-one
 * weight 1): a spike given at step 0 reaches L(k) at step k, so after K steps
 * exactly the last layer fires; more layers and synapses than the old fixed
 * limit of 16, and names far longer than its 31 characters. */
static void test_no_limits(void) {
  enum { K = 40 };
  msl_net *net = msl_net_new();
  char name[K][80], prev[80] = "input_with_a_name_much_longer_than_thirty_one_characters";
  CHECK(msl_net_add_input(net, prev, 1) == 0);
  int ok = 1;
  for (int k = 0; k < K; k++) {
    snprintf(name[k], sizeof name[k], "layer_number_%02d_with_a_name_longer_than_thirty_one", k);
    ok &= msl_net_add_layer(net, name[k], msl_if_new(1, 1.0)) == k;
    ok &= msl_net_add_synapse(net, name[k], msl_one_to_one_new(1, 1.0, MSL_EXC), prev) == k;
    memcpy(prev, name[k], sizeof prev);
  }
  CHECK(ok);
  CHECK(msl_net_synapse(net, K - 1) != NULL && msl_net_synapse(net, K) == NULL);
  msl_spikes in;
  msl_spikes_init(&in, 1);
  const msl_spikes *inputs[1] = {&in};
  int reached = 1;
  for (int t = 0; t < K; t++) {
    in.x[0] = t == 0 ? 1.0f : 0.0f;
    msl_spikes_reindex(&in);
    msl_net_step(net, inputs, 0);
    for (int k = 0; k < K; k++) reached &= spiked(net, name[k], 0) == (k == t);
  }
  CHECK(reached);
  msl_spikes_free(&in);
  msl_net_free(net);
}

/* ---------------- inhibition reaches layers that integrate it ---------------- */

/* A second-order neuron at rest (v = vrest = 0) with tau = 1: the update is
 * v -= ((v - vrest) + v ge + (v + voff) gi)(1 - 1/e). From v = 0 an inhibitory
 * input gi = 1 gives v = -voff (1 - 1/e) < 0, no input leaves v at 0: the
 * MSL_INH synapse is accepted and reaches the layer's inhibitory channel. */
static void test_inhibitory_channel(void) {
  msl_second_order_params p = {.tau = 1, .vth = 1, .vreset = -10, .vrest = 0, .v_init = 0,
                               .t_refrac = 0, .tau_e = 1, .tau_i = 1, .v_off_i = 0.5};
  msl_net *net = msl_net_new();
  CHECK(msl_net_add_input(net, "in", 2) == 0);
  CHECK(msl_net_add_layer(net, "so", msl_second_order_new(2, &p)) == 0);
  CHECK(msl_net_add_synapse(net, "so", msl_one_to_one_new(2, 1.0, MSL_INH), "in") == 0);
  msl_spikes in;
  msl_spikes_init(&in, 2);
  const float x[2] = {1, 0};
  set_spikes(&in, x);
  const msl_spikes *inputs[1] = {&in};
  msl_net_step(net, inputs, 0);
  const float *v = ((const so_state *)msl_net_layer(net, "so")->content)->v;
  float kv = (float)(1.0 - exp(-1.0));
  CHECK(v[0] == 0.0f - ((0.0f - 0.0f) + 0.0f * 0.0f + (0.0f + 0.5f) * 1.0f) * kv);
  CHECK(v[0] < 0.0f && v[1] == 0.0f);
  msl_spikes_free(&in);
  msl_net_free(net);
}

/* ---------------- constructors report why they failed ---------------- */

static int err_has(const char *s) { return strstr(msl_error(), s) != NULL; }

static void test_constructor_errors(void) {
  msl_second_order_params so = {20, -0.04, -0.045, -0.06, -0.1, 4, 2, 4, 0.085};
  msl_adaptive_params ad = {so, 2e7, 5e-5, 0.02};
  double W[4] = {0};
  msl_error_clear();
  CHECK(msl_if_new(0, 1.0) == NULL && err_has("if layer: size must be >= 1, got 0"));
  CHECK(msl_lif_new(-3, 5.0, 1.0) == NULL && err_has("lif layer: size"));
  CHECK(msl_lif_new(3, 0.0, 1.0) == NULL && err_has("lif layer: tau must be > 0"));
  CHECK(msl_lif_new(3, NAN, 1.0) == NULL && err_has("tau must be > 0, got nan"));
  so.tau_e = -1;
  CHECK(msl_second_order_new(3, &so) == NULL && err_has("second_order layer: tau_e"));
  so.tau_e = 2;
  CHECK(msl_second_order_new(0, &so) == NULL && err_has("second_order layer: size"));
  ad.base.tau_i = 0;
  CHECK(msl_adaptive_new(3, &ad) == NULL && err_has("adaptive layer: tau_i"));
  ad.base.tau_i = 4;
  ad.theta_tau = 0;
  CHECK(msl_adaptive_new(3, &ad) == NULL && err_has("adaptive layer: theta_tau"));
  CHECK(msl_dense_new(0, 2, W, MSL_EXC) == NULL && err_has("dense synapse: sizes must be >= 1"));
  CHECK(msl_one_to_one_new(-1, 1.0, MSL_EXC) == NULL && err_has("one_to_one synapse: sizes"));
  CHECK(msl_all_but_self_new(0, 1.0, MSL_INH) == NULL && err_has("all_but_self synapse: sizes"));
  CHECK(msl_uniform_new(2, 0, 1.0, MSL_EXC) == NULL && err_has("uniform synapse: sizes"));
  CHECK(msl_uniform_new(2, 2, 1.0, (msl_channel)7) == NULL && err_has("unknown channel 7"));
  /* Valid arguments still construct. */
  msl_layer *L = msl_adaptive_new(3, &(msl_adaptive_params){so, 2e7, 5e-5, 0.02});
  CHECK(L != NULL);
  msl_layer_free(L);
}

int main(void) {
  test_chain_delay();
  test_order_and_channels();
  test_learning_pre();
  test_reset_state();
  test_errors();
  test_no_limits();
  test_inhibitory_channel();
  test_constructor_errors();
  return check_done();
}
