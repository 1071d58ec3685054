/* test_neurons.c: IF, LIF, second-order and adaptive-threshold layers against SPEC 2, step by step. */
#include <float.h>
#include <math.h>
#include <string.h>

#include "check.h"
#include "msl/layer.h"
#include "neurons/second_order.h" /* to read v, ge, gi, refrac of a second-order layer */

/* Spikes of the layer's latest step as 0/1, and consistency of idx/nnz with x. */
static int spiked(const msl_layer *L, int i) { return msl_layer_spikes(L)->x[i] != 0.0f; }

static int spikes_consistent(const msl_layer *L) {
  const msl_spikes *s = msl_layer_spikes(L);
  int m = 0, ok = 1;
  for (int i = 0; i < s->n; i++)
    if (s->x[i] != 0.0f) {
      ok &= m < s->nnz && s->idx[m] == i && s->x[i] == 1.0f;
      m++;
    }
  return ok && m == s->nnz;
}

/* ---------------- integrate-and-fire ---------------- */

static void test_if(void) {
  enum { N = 4, T = 8 };
  const double v0 = 1.0;
  /* Per-neuron input each step:
   *   n0: 0.25 -> v = .25 .5 .75 1.0 (fires, = v0 exactly) 0 -> .25 ... fires at steps 4 and 8
   *   n1: 1.0  -> fires every step
   *   n2: 0.6 -0.3 0.6 0.6 0.6 -0.3 -0.3 0.5 -> v = .6 .3 .9 1.5 (fire: 0) .6 .3 ~0 .5: step 4 only
   *   n3: 0.999 -> v = .999, 1.998 (fire), .999, 1.998 (fire) ... every second step */
  const double x[T][N] = {{0.25, 1, 0.6, 0.999},  {0.25, 1, -0.3, 0.999}, {0.25, 1, 0.6, 0.999},
                          {0.25, 1, 0.6, 0.999},  {0.25, 1, 0.6, 0.999},  {0.25, 1, -0.3, 0.999},
                          {0.25, 1, -0.3, 0.999}, {0.25, 1, 0.5, 0.999}};
  const int want[T][N] = {{0, 1, 0, 0}, {0, 1, 0, 1}, {0, 1, 0, 0}, {1, 1, 1, 1},
                          {0, 1, 0, 0}, {0, 1, 0, 1}, {0, 1, 0, 0}, {1, 1, 0, 1}};
  msl_layer *L = msl_if_new(N, v0);
  CHECK(L != NULL);
  if (!L) return;
  double xi[N] = {0};
  double v[N] = {0}; /* reference model, SPEC 2: v += x; s = v >= v0; v = 0 where s */
  int all_ok = 1, ref_ok = 1;
  for (int t = 0; t < T; t++) {
    msl_layer_step(L, x[t], xi);
    for (int i = 0; i < N; i++) {
      v[i] += x[t][i];
      int s = v[i] >= v0;
      if (s) v[i] = 0.0;
      ref_ok &= s == want[t][i];
      all_ok &= spiked(L, i) == want[t][i];
    }
    CHECK(spikes_consistent(L));
  }
  CHECK(ref_ok); /* the hand table agrees with the formula */
  CHECK(all_ok);
  /* A large inhibitory-channel input must be ignored by a single-channel neuron. */
  msl_layer_reset(L);
  CHECK(msl_layer_spikes(L)->nnz == 0);
  double xe1[N] = {0.5, 0.5, 0.5, 0.5}, xbig[N] = {1e9, 1e9, 1e9, 1e9};
  msl_layer_step(L, xe1, xbig);
  CHECK(msl_layer_spikes(L)->nnz == 0);
  msl_layer_step(L, xe1, xi); /* 0.5 + 0.5 = 1.0 >= 1: reset really restored v = 0 */
  CHECK(msl_layer_spikes(L)->nnz == N);
  msl_layer_free(L);
}

/* ---------------- leaky integrate-and-fire ---------------- */

static void test_lif(void) {
  const double tau = 4.0, v0 = 0.5;
  const double a = exp(-1.0 / tau), b = 1.0 - a; /* a = 0.7788007831, b = 0.2211992169 */
  /* Constant input x: v1 = b x, v2 = (a b + b) x = b (1 + a) x. Choose x so that v2 straddles v0:
   * x* = v0 / (b (1 + a)) = 0.5 / 0.3934693403 = 1.2707470;  n0 gets x*(1+1e-9) -> fires at step 2,
   * n1 gets x*(1-1e-9) -> not at 2 but at step 3 (v3 = b(1+a+a^2)x = 0.5276 x/x*... > v0). */
  enum { N = 4, T = 7 };
  const double xs = v0 / (b * (1.0 + a));
  double x[T][N];
  for (int t = 0; t < T; t++) {
    x[t][0] = xs * (1 + 1e-9);
    x[t][1] = xs * (1 - 1e-9);
    x[t][2] = 0.0;
    x[t][3] = 0.0;
  }
  /* n2: a single huge pulse at step 1 (fires), then 0: step 2 is zeroed (no spike although
   * a v1 = a * b * 100 = 17.2 >= v0 without the reset), step 3 stays 0.
   * n3: pulse of 3 at step 1 (v1 = b*3 = 0.6636 fires), step 2 an even bigger pulse of 100
   *     that is lost in the zeroed step (v2 = 0), step 3 x = 0 -> v3 = a*0 = 0, no spike. */
  x[0][2] = 100.0;
  x[0][3] = 3.0;
  x[1][3] = 100.0;
  /* Expected spike table (hand): n0: v1 = b x < v0, v2 >= v0 fire, v3 = 0, v4 = b x, v5 fire, 0, b x
   * n1: v1, v2 < v0, v3 = b(1+a+a^2)x ~ 0.8894*0.5/0.3935 * ... = 0.6712 fire, 0, b x, v6 < v0?,
   *     v6 = b(1+a)x < v0 -> no, v7 fire.  n2: fire, 0, 0 ...  n3: fire, 0, 0 ... */
  const int want[T][N] = {{0, 0, 1, 1}, {1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 0, 0},
                          {1, 0, 0, 0}, {0, 0, 0, 0}, {0, 1, 0, 0}};
  msl_layer *L = msl_lif_new(N, tau, v0);
  CHECK(L != NULL);
  if (!L) return;
  double xi[N] = {0}, v[N] = {0};
  int sp[N] = {0};
  int all_ok = 1, ref_ok = 1;
  for (int t = 0; t < T; t++) {
    msl_layer_step(L, x[t], xi);
    for (int i = 0; i < N; i++) {
      v[i] = (1 - sp[i]) * (a * v[i] + b * x[t][i]); /* SPEC 2 */
      sp[i] = v[i] >= v0;
      ref_ok &= sp[i] == want[t][i];
      all_ok &= spiked(L, i) == want[t][i];
    }
    CHECK(spikes_consistent(L));
  }
  CHECK(ref_ok);
  CHECK(all_ok);
  /* Reset: v = 0 and s_prev = 0 again; the same input gives the same spikes. */
  msl_layer_reset(L);
  CHECK(msl_layer_spikes(L)->nnz == 0);
  int again = 1;
  for (int t = 0; t < T; t++) {
    msl_layer_step(L, x[t], xi);
    for (int i = 0; i < N; i++) again &= spiked(L, i) == want[t][i];
  }
  CHECK(again);
  msl_layer_free(L);
}

/* ---------------- second-order (conductance-based) ---------------- */

/* Float32 reference of SPEC 2 for one neuron. */
typedef struct {
  float k, de, di, vth, vreset, vrest, voff, trefrac;
  float v, ge, gi, refrac;
  int s;
} ref_so;

static void ref_init(ref_so *r, const msl_second_order_params *p) {
  r->k = (float)(1.0 - exp(-1.0 / p->tau));
  r->de = (float)exp(-1.0 / p->tau_e);
  r->di = (float)exp(-1.0 / p->tau_i);
  r->vth = (float)p->vth;
  r->vreset = (float)p->vreset;
  r->vrest = (float)p->vrest;
  r->voff = (float)p->v_off_i;
  r->trefrac = (float)p->t_refrac;
  r->v = (float)p->v_init;
  r->ge = r->gi = r->refrac = 0.0f;
  r->s = 0;
}

/* One step of SPEC 2 with threshold vth (inputs must be exactly representable in float). */
static void ref_step(ref_so *r, float xe, float xi, float vth) {
  r->ge += xe;
  r->gi += xi;
  if (r->s) r->refrac = r->trefrac;
  int in_ref = r->refrac > 0.0f;
  float v = r->v;
  v -= ((v - r->vrest) + v * r->ge + (v + r->voff) * r->gi) * r->k;
  if (v < r->vreset) v = r->vreset;
  r->ge *= r->de;
  r->gi *= r->di;
  r->s = v >= vth;
  if (in_ref) {
    v = r->vreset;
    r->refrac -= 1.0f;
    r->s = 0;
  }
  r->v = v;
}

static const msl_second_order_params SO = {
    .tau = 10, .vth = -0.050, .vreset = -0.075, .vrest = -0.060, .v_init = -0.070,
    .t_refrac = 3, .tau_e = 2, .tau_i = 4, .v_off_i = 0.1};

static void test_second_order(void) {
  enum { N = 3, T = 16 };
  /* n0: excitatory drive 2.0 on steps 2..T (fires, then 3 refractory steps, fires again)
   * n1: one inhibitory pulse of 8 at step 3: pulled below vreset -> clamped
   * n2: no input: relaxes from v_init towards vrest */
  double xe[T][N], xi[T][N];
  memset(xe, 0, sizeof xe);
  memset(xi, 0, sizeof xi);
  for (int t = 1; t < T; t++) xe[t][0] = 2.0;
  xi[2][1] = 8.0;
  xe[5][1] = 0.5; /* and a small excitatory pulse later */

  msl_layer *L = msl_second_order_new(N, &SO);
  CHECK(L != NULL);
  if (!L) return;
  const so_state *st = L->content;
  /* Starts at v_init, zero conductances. */
  CHECK(st->v[0] == (float)SO.v_init && st->ge[0] == 0.0f && st->gi[0] == 0.0f);

  ref_so r[N];
  for (int i = 0; i < N; i++) ref_init(&r[i], &SO);
  int spike_t[T] = {0}, nsp0 = 0, refr_ok = 1, clamp_seen = 0, above_at_spike = 1;
  int last_spike0 = -100;
  for (int t = 0; t < T; t++) {
    msl_layer_step(L, xe[t], xi[t]);
    for (int i = 0; i < N; i++) {
      ref_step(&r[i], (float)xe[t][i], (float)xi[t][i], r[i].vth);
      CHECK(spiked(L, i) == r[i].s);
      CHECK_NEAR(st->v[i], r[i].v, 1e-7);
      CHECK_NEAR(st->ge[i], r[i].ge, 1e-6);
      CHECK_NEAR(st->gi[i], r[i].gi, 1e-6);
      CHECK(st->refrac[i] == r[i].refrac);
    }
    CHECK(spikes_consistent(L));
    if (spiked(L, 0)) {
      spike_t[nsp0++] = t;
      above_at_spike &= st->v[0] >= (float)SO.vth; /* not reset on the spike step itself */
      refr_ok &= t - last_spike0 > 3; /* at least t_refrac silent steps in between */
      last_spike0 = t;
    }
    /* exactly t_refrac = 3 steps after a spike: v = vreset and no spike */
    if (last_spike0 >= 0 && t > last_spike0 && t <= last_spike0 + 3) {
      refr_ok &= st->v[0] == (float)SO.vreset && !spiked(L, 0);
      refr_ok &= st->refrac[0] == (float)(last_spike0 + 3 - t);
    }
    if (t == 2) clamp_seen = st->v[1] == (float)SO.vreset;
  }
  /* The drive makes n0 fire, and with xe = 2 it fires right after each refractory period. */
  CHECK(nsp0 >= 2);
  CHECK(refr_ok);
  if (nsp0 >= 2) CHECK(spike_t[1] - spike_t[0] == 4); /* spike, 3 refractory steps, spike */
  /* The spike step itself leaves v above threshold (reset happens on the next step). */
  CHECK(above_at_spike);
  /* n1's inhibitory pulse at step 3: v = -0.068 - ((-0.008) + (0.032)*8) k ~ -0.0917 -> vreset */
  CHECK(clamp_seen);

  /* Hand values: n2 with no input, k = 1 - exp(-0.1) = 0.09516258:
   *   v1 = -0.07 - (-0.07 + 0.06) * k = -0.07 + 0.01 k = -0.0690483742 */
  msl_layer_reset(L);
  CHECK(msl_layer_spikes(L)->nnz == 0);
  CHECK(st->v[2] == (float)SO.v_init && st->refrac[0] == 0.0f && st->ge[0] == 0.0f);
  double z[N] = {0, 0, 0};
  double xe1[N] = {0, 0, 0}, xi1[N] = {0, 0, 0};
  xe1[0] = 1.0; /* n0: ge = 1: v1 = v - ((v - vrest) + v*1) k = -0.07 - (-0.01 - 0.07) k
                 *            = -0.07 + 0.08 * 0.09516258 = -0.0623869935, ge -> exp(-1/2) = 0.60653066 */
  xi1[1] = 1.0; /* n1: gi = 1: v1 = -0.07 - (-0.01 + (0.03) * 1) k = -0.07 - 0.02 k = -0.0719032516,
                 *            gi -> exp(-1/4) = 0.77880078 */
  msl_layer_step(L, xe1, xi1);
  CHECK_NEAR(st->v[0], -0.0623869935, 5e-8);
  CHECK_NEAR(st->v[1], -0.0719032516, 5e-8);
  CHECK_NEAR(st->v[2], -0.0690483742, 5e-8);
  CHECK_NEAR(st->ge[0], 0.60653066, 1e-7);
  CHECK_NEAR(st->gi[1], 0.77880078, 1e-7);
  /* step 2, no input, n0: v2 = v1 - ((v1 + 0.06) + v1 * 0.60653066) k
   *                          = -0.0623869935 + (0.0023869935 + 0.0378396323) * 0.09516258... */
  msl_layer_step(L, z, z);
  {
    double v1 = -0.0623869935, g = exp(-0.5), k = 1 - exp(-0.1);
    double v2 = v1 - ((v1 + 0.06) + v1 * g) * k; /* = -0.058783... */
    CHECK_NEAR(st->v[0], v2, 5e-8);
    CHECK_NEAR(st->ge[0], g * g, 1e-7); /* decays once more: exp(-1) */
  }
  msl_layer_free(L);
}

/* ---------------- adaptive threshold ---------------- */

static void test_adaptive(void) {
  enum { N = 2, T = 40 };
  msl_adaptive_params P = {.base = SO, .theta_tau = 10, .theta_delta = 0.004, .theta_init = 0.003};
  P.base.vth = -0.055; /* vth_base */
  msl_layer *L = msl_adaptive_new(N, &P);
  CHECK(L != NULL);
  if (!L) return;
  const float *theta = msl_adaptive_theta(L);
  CHECK(theta != NULL);
  CHECK(theta[0] == (float)0.003 && theta[1] == (float)0.003);
  CHECK(msl_adaptive_theta(NULL) == NULL);
  msl_layer *plain = msl_if_new(1, 1.0);
  CHECK(msl_adaptive_theta(plain) == NULL);
  msl_layer_free(plain);

  /* n0 driven with xe = 1 every step, n1 silent (theta only decays). */
  double xe[N] = {1.0, 0.0}, xi[N] = {0, 0};
  ref_so r[N];
  float th[N];
  const float dec = (float)exp(-1.0 / 10.0), delta = (float)0.004, vb = (float)-0.055;
  for (int i = 0; i < N; i++) {
    ref_init(&r[i], &P.base);
    th[i] = (float)0.003;
  }
  int spikes = 0, between = 0, ok_s = 1, ok_th = 1;
  for (int t = 0; t < T; t++) {
    msl_layer_step(L, xe, xi);
    for (int i = 0; i < N; i++) {
      float vth = th[i] + vb; /* threshold = vth_base + theta, before the step */
      ref_step(&r[i], (float)xe[i], (float)xi[i], vth);
      th[i] *= dec;           /* after the step: decay, then jump on a spike */
      if (r[i].s) th[i] += delta;
      ok_s &= spiked(L, i) == r[i].s;
      ok_th &= fabsf(theta[i] - th[i]) <= 1e-9f;
      /* the scenario has a step where v crossed vth_base but not vth_base + theta */
      between |= i == 0 && r[i].v >= vb && r[i].v < vth;
    }
    spikes += spiked(L, 0);
  }
  CHECK(ok_s);
  CHECK(ok_th);
  CHECK(spikes >= 2);
  CHECK(between);
  /* Hand values for the silent neuron: theta_T = 0.003 * exp(-T/10) (float rounding aside). */
  CHECK_NEAR(theta[1], 0.003 * exp(-T / 10.0), 1e-8);
  CHECK(!spiked(L, 1));

  /* One spike's jump, hand-checked: find a spike step and compare theta before/after. */
  {
    float before = theta[0];
    int fired = 0;
    for (int t = 0; t < 30 && !fired; t++) {
      before = theta[0];
      msl_layer_step(L, xe, xi);
      fired = spiked(L, 0);
      if (!fired) CHECK_NEAR(theta[0], before * exp(-0.1), 1e-8);
    }
    CHECK(fired);
    CHECK_NEAR(theta[0], before * exp(-0.1) + 0.004, 1e-8); /* theta*d + delta */
  }

  /* set_adapt(0): theta frozen, even across spikes. */
  CHECK(L->ops->set_adapt != NULL);
  L->ops->set_adapt(L, 0);
  float frozen[N] = {theta[0], theta[1]};
  int fired = 0;
  for (int t = 0; t < 30; t++) {
    msl_layer_step(L, xe, xi);
    fired += spiked(L, 0);
  }
  CHECK(fired >= 1);
  CHECK(theta[0] == frozen[0] && theta[1] == frozen[1]);

  /* reset restores theta_init (and v_init); with adaptation back on, the run repeats exactly. */
  L->ops->set_adapt(L, 1);
  msl_layer_reset(L);
  CHECK(theta[0] == (float)0.003 && theta[1] == (float)0.003);
  CHECK(msl_layer_spikes(L)->nnz == 0);
  for (int i = 0; i < N; i++) {
    ref_init(&r[i], &P.base);
    th[i] = (float)0.003;
  }
  ok_s = ok_th = 1;
  for (int t = 0; t < T; t++) {
    msl_layer_step(L, xe, xi);
    for (int i = 0; i < N; i++) {
      ref_step(&r[i], (float)xe[i], (float)xi[i], th[i] + vb);
      th[i] *= dec;
      if (r[i].s) th[i] += delta;
      ok_s &= spiked(L, i) == r[i].s;
      ok_th &= fabsf(theta[i] - th[i]) <= 1e-9f;
    }
  }
  CHECK(ok_s);
  CHECK(ok_th);
  msl_layer_free(L);
}

int main(void) {
  test_if();
  test_lif();
  test_second_order();
  test_adaptive();
  return check_done();
}
