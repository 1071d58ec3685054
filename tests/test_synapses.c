/* test_synapses.c: traces (SPEC 3) and the static and ideal plastic synapses (SPEC 4, 8) with hand values. */
#include <float.h>
#include <math.h>
#include <string.h>

#include "check.h"
#include "msl/synapse.h"

/* Fill an activity vector from values and rebuild its active list. */
static void set_spikes(msl_spikes *s, const float *v) {
  for (int j = 0; j < s->n; j++) s->x[j] = v[j];
  msl_spikes_reindex(s);
}

/* ---------------- traces ---------------- */

static void test_trace(void) {
  msl_trace tr;
  CHECK(msl_trace_init(&tr, 3, 0.5, 0.8, 1.0) == 0); /* a = 0.5, d = 0.8, lim = 1 */
  msl_spikes x;
  msl_spikes_init(&x, 3);
  const float in[4][3] = {{1, 0, 2}, {1, 1, 0}, {1, 0, 1}, {0, 0, 0}};
  /* t = min(t*d + a*x, lim):
   * step 1: [0.5, 0, min(1.0, 1) = 1]
   * step 2: [0.4+0.5 = 0.9, 0.5, 0.8]
   * step 3: [min(0.72+0.5, 1) = 1, 0.4, min(0.64+0.5, 1) = 1]
   * step 4: [0.8, 0.32, 0.8] */
  const double want[4][3] = {{0.5, 0, 1}, {0.9, 0.5, 0.8}, {1, 0.4, 1}, {0.8, 0.32, 0.8}};
  double ref[3] = {0, 0, 0};
  { /* ln t on demand: -inf for 0, vectorised log to ~1 ulp otherwise */
    double ln[3];
    tr.t[0] = 0.25;
    msl_trace_ln(&tr, ln);
    CHECK_NEAR(ln[0], log(0.25), 1e-15);
    CHECK(isinf(ln[1]) && ln[1] < 0);
    tr.t[0] = 0.0;
  }
  CHECK(msl_trace_keep_log(&tr) == 0); /* ln t alongside: -inf while t = 0 */
  CHECK(isinf(tr.lnt[0]) && tr.lnt[0] < 0);
  for (int t = 0; t < 4; t++) {
    set_spikes(&x, in[t]);
    msl_trace_update(&tr, &x);
    for (int j = 0; j < 3; j++) {
      ref[j] = fmin(ref[j] * 0.8 + 0.5 * in[t][j], 1.0);
      CHECK_NEAR(tr.t[j], want[t][j], 1e-15);
      CHECK_NEAR(tr.t[j], ref[j], 1e-15);
      if (want[t][j] > 0)
        CHECK_NEAR(tr.lnt[j], log(want[t][j]), 1e-14);
      else
        CHECK(isinf(tr.lnt[j]) && tr.lnt[j] < 0);
    }
  }
  /* step 4 decayed column 1 without input: ln 0.32 = ln 0.4 + ln 0.8 */
  CHECK_NEAR(tr.lnt[1], log(0.4) + log(0.8), 1e-15);
  msl_trace_reset(&tr);
  CHECK(tr.t[0] == 0 && tr.t[1] == 0 && tr.t[2] == 0);
  CHECK(isinf(tr.lnt[2]) && tr.lnt[2] < 0);
  msl_trace_free(&tr);

  /* Counting-style gain and a limit above one: a = 1, d = 1, lim = 3 -> 2, 3 (= min(4, 3)), 3. */
  CHECK(msl_trace_init(&tr, 1, 1.0, 1.0, 3.0) == 0);
  msl_spikes y;
  msl_spikes_init(&y, 1);
  const float two[1] = {2};
  const double cw[3] = {2, 3, 3};
  for (int t = 0; t < 3; t++) {
    set_spikes(&y, two);
    msl_trace_update(&tr, &y);
    CHECK(tr.t[0] == cw[t]);
  }
  msl_trace_free(&tr);

  /* Decay into the subnormal range is flushed to zero: 1e-300 * 1e-10 < DBL_MIN. */
  CHECK(msl_trace_init(&tr, 1, 1.0, 1e-10, 1.0) == 0);
  tr.t[0] = 1e-300;
  CHECK(msl_trace_keep_log(&tr) == 0 && tr.lnt[0] == log(1e-300));
  const float zero[1] = {0};
  set_spikes(&y, zero);
  msl_trace_update(&tr, &y);
  CHECK(tr.t[0] == 0.0 && isinf(tr.lnt[0]) && tr.lnt[0] < 0); /* flushed together */
  tr.t[0] = 1e-290; /* 1e-300 stays normal */
  msl_trace_update(&tr, &y);
  CHECK_REL(tr.t[0], 1e-300, 1e-12);
  msl_trace_free(&tr);
  msl_spikes_free(&x);
  msl_spikes_free(&y);
}

/* ---------------- static synapses ---------------- */

static void test_dense(void) {
  /* W (post x pre) = [[1, 2, 3], [4, 5, 6]], stored pre-major W0[j*n_post + i]. */
  const double W0[6] = {1, 4, 2, 5, 3, 6};
  double Wn[6];
  memcpy(Wn, W0, sizeof Wn);
  Wn[0] = Wn[1] = NAN; /* column 0 is never active below: must never be touched */
  msl_synapse *S = msl_dense_new(3, 2, Wn, MSL_EXC);
  CHECK(S != NULL);
  if (!S) return;
  CHECK(S->n_pre == 3 && S->n_post == 2 && S->channel == MSL_EXC);
  CHECK(msl_synapse_trace(S, 0) == NULL && S->ops->learn == NULL);
  double *W = S->ops->weights(S);
  CHECK(W != Wn && W[2] == 2 && W[3] == 5); /* a copy, in the documented layout */
  msl_spikes x;
  msl_spikes_init(&x, 3);
  const float xv[3] = {0, 2.5f, 1};
  set_spikes(&x, xv);
  double y[2] = {100, 200};
  S->ops->forward(S, &x, y);
  /* y += W x: [100 + 2*2.5 + 3, 200 + 5*2.5 + 6] = [108, 218.5] */
  CHECK_NEAR(y[0], 108.0, 1e-15);
  CHECK_NEAR(y[1], 218.5, 1e-15);
  /* Nothing active: y unchanged. */
  const float z[3] = {0, 0, 0};
  set_spikes(&x, z);
  S->ops->forward(S, &x, y);
  CHECK(y[0] == 108.0 && y[1] == 218.5);
  /* Weight changes through the view are used. */
  W[4] = 10; /* W[post 0, pre 2] */
  const float e2[3] = {0, 0, 1};
  set_spikes(&x, e2);
  y[0] = y[1] = 0;
  S->ops->forward(S, &x, y);
  CHECK(y[0] == 10 && y[1] == 6);
  msl_synapse_free(S);
  msl_spikes_free(&x);

  /* Many active columns (the kernel takes them four at a time), mixed values:
   * n_pre = 7, n_post = 3, W[i][j] = (i+1) * 10 + j. */
  enum { NE = 7, NO = 3 };
  double W7[NE * NO];
  for (int j = 0; j < NE; j++)
    for (int i = 0; i < NO; i++) W7[j * NO + i] = (i + 1) * 10.0 + j;
  msl_synapse *D = msl_dense_new(NE, NO, W7, MSL_INH);
  CHECK(D != NULL && D->channel == MSL_INH);
  if (!D) return;
  msl_spikes s7;
  msl_spikes_init(&s7, NE);
  const float ones[NE] = {1, 1, 0, 1, 1, 1, 1};   /* six active, all 1 */
  const float mixed[NE] = {1, 0.5f, 1, 0, 3, 1, 1}; /* six active, two not 1 */
  const float *cases[2] = {ones, mixed};
  for (int c = 0; c < 2; c++) {
    set_spikes(&s7, cases[c]);
    double yy[NO] = {0, 0, 0};
    D->ops->forward(D, &s7, yy);
    for (int i = 0; i < NO; i++) {
      double want = 0;
      for (int j = 0; j < NE; j++) want += ((i + 1) * 10.0 + j) * cases[c][j];
      CHECK_NEAR(yy[i], want, 1e-14);
    }
  }
  /* ones: sum_j over {0,1,3,4,5,6} of (10(i+1) + j) = 60(i+1) + 19 -> row 0: 79 */
  set_spikes(&s7, ones);
  double y0[NO] = {0, 0, 0};
  D->ops->forward(D, &s7, y0);
  CHECK(y0[0] == 79 && y0[1] == 139 && y0[2] == 199);
  msl_synapse_free(D);
  msl_spikes_free(&s7);
}

static void test_one_to_one_all_but_self_uniform(void) {
  msl_spikes x;
  msl_spikes_init(&x, 4);
  const float xv[4] = {1, 0, 3, 1};
  set_spikes(&x, xv);

  /* one-to-one, w = 0.7: y_i += 0.7 x_i -> [0.7, 0, 2.1, 0.7] on top of [1, 1, 1, 1] */
  msl_synapse *O = msl_one_to_one_new(4, 0.7, MSL_EXC);
  CHECK(O != NULL && O->n_pre == 4 && O->n_post == 4 && O->channel == MSL_EXC);
  double y[4] = {1, 1, 1, 1};
  O->ops->forward(O, &x, y);
  CHECK_NEAR(y[0], 1.7, 1e-15);
  CHECK(y[1] == 1.0);
  CHECK_NEAR(y[2], 1 + 0.7 * 3, 1e-15);
  CHECK_NEAR(y[3], 1.7, 1e-15);
  CHECK(msl_synapse_trace(O, 1) == NULL);
  msl_synapse_free(O);

  /* all-but-self, w = 2: sum = 5, y_i = 2 (5 - x_i) = [8, 10, 4, 8] */
  msl_synapse *A = msl_all_but_self_new(4, 2.0, MSL_INH);
  CHECK(A != NULL && A->channel == MSL_INH);
  double ya[4] = {0, 0, 0, 0};
  A->ops->forward(A, &x, ya);
  CHECK(ya[0] == 8 && ya[1] == 10 && ya[2] == 4 && ya[3] == 8);
  const float none[4] = {0, 0, 0, 0};
  msl_spikes z;
  msl_spikes_init(&z, 4);
  set_spikes(&z, none);
  A->ops->forward(A, &z, ya); /* no activity adds nothing */
  CHECK(ya[0] == 8 && ya[1] == 10 && ya[2] == 4 && ya[3] == 8);
  msl_synapse_free(A);

  /* uniform balance 4 -> 2, c = -0.05: y_i += -0.05 * 5 = -0.25 for every post neuron */
  msl_synapse *U = msl_uniform_new(4, 2, -0.05, MSL_EXC);
  CHECK(U != NULL && U->n_pre == 4 && U->n_post == 2);
  double yu[2] = {1, 0};
  U->ops->forward(U, &x, yu);
  CHECK_NEAR(yu[0], 0.75, 1e-15);
  CHECK_NEAR(yu[1], -0.25, 1e-15);
  U->ops->forward(U, &z, yu);
  CHECK_NEAR(yu[0], 0.75, 1e-15);
  msl_synapse_free(U);
  msl_spikes_free(&x);
  msl_spikes_free(&z);
}

/* ---------------- ideal plastic synapse ---------------- */

enum { NE = 3, NO = 2 }; /* 3 pre, 2 post */

/* Independent reference of SPEC 3-4 in the natural layout R[i][j] (post i, pre j). */
typedef struct {
  double R[NO][NE], te[NE], to[NO];
  msl_stdp_params p;
} ref_pl;

static void ref_learn(ref_pl *r, const float *xe, const float *xo) {
  for (int j = 0; j < NE; j++) r->te[j] = fmin(r->te[j] * r->p.pre.d + r->p.pre.a * xe[j], r->p.pre.lim);
  for (int i = 0; i < NO; i++) r->to[i] = fmin(r->to[i] * r->p.post.d + r->p.post.a * xo[i], r->p.post.lim);
  for (int i = 0; i < NO; i++)
    if (xo[i] != 0)
      for (int j = 0; j < NE; j++) r->R[i][j] += xo[i] * r->p.ap * r->te[j];
  for (int j = 0; j < NE; j++)
    if (xe[j] != 0)
      for (int i = 0; i < NO; i++) r->R[i][j] -= r->p.an * r->to[i] * xe[j];
  for (int i = 0; i < NO; i++)
    if (xo[i] != 0)
      for (int j = 0; j < NE; j++) r->R[i][j] = fmin(r->R[i][j], r->p.wlim);
  const double lo = r->p.exc ? 0.0 : -r->p.wlim;
  for (int j = 0; j < NE; j++)
    if (xe[j] != 0)
      for (int i = 0; i < NO; i++) r->R[i][j] = fmax(r->R[i][j], lo);
}

/* The learn sequence: (pre xe, post xo) per call; values 2 exercise non-binary entries. */
static const float SEQ_XE[5][NE] = {{0, 0, 0}, {0, 1, 0}, {0, 0, 2}, {1, 0, 0}, {0, 1, 1}};
static const float SEQ_XO[5][NO] = {{0, 1}, {1, 0}, {1, 1}, {2, 0}, {0, 1}};
static const double W_INIT[NO][NE] = {{0.5, 0.2, 0.95}, {0.3, 0.01, 0.6}};

static msl_synapse *make_plastic(const msl_stdp_params *p) {
  double W0[NE * NO];
  for (int i = 0; i < NO; i++)
    for (int j = 0; j < NE; j++) W0[j * NO + i] = W_INIT[i][j]; /* pre-major */
  return msl_plastic_new(NE, NO, W0, p, MSL_EXC);
}

#define WIJ(W, i, j) ((W)[(j) * NO + (i)])

/* Run the sequence on a fresh synapse and the reference; check after every call. */
static void run_against_reference(const msl_stdp_params *p, double out[5][NO][NE]) {
  msl_synapse *S = make_plastic(p);
  CHECK(S != NULL);
  if (!S) return;
  ref_pl r;
  memcpy(r.R, W_INIT, sizeof r.R);
  memset(r.te, 0, sizeof r.te);
  memset(r.to, 0, sizeof r.to);
  r.p = *p;
  msl_spikes xe, xo;
  msl_spikes_init(&xe, NE);
  msl_spikes_init(&xo, NO);
  const double *W = S->ops->weights(S);
  int ok = 1;
  for (int c = 0; c < 5; c++) {
    set_spikes(&xe, SEQ_XE[c]);
    set_spikes(&xo, SEQ_XO[c]);
    S->ops->learn(S, &xe, &xo);
    ref_learn(&r, SEQ_XE[c], SEQ_XO[c]);
    for (int i = 0; i < NO; i++)
      for (int j = 0; j < NE; j++) {
        ok &= fabs(WIJ(W, i, j) - r.R[i][j]) <= 1e-12;
        out[c][i][j] = WIJ(W, i, j);
      }
    const msl_trace *te = msl_synapse_trace(S, 0), *to = msl_synapse_trace(S, 1);
    for (int j = 0; j < NE; j++) ok &= fabs(te->t[j] - r.te[j]) <= 1e-15;
    for (int i = 0; i < NO; i++) ok &= fabs(to->t[i] - r.to[i]) <= 1e-15;
  }
  CHECK(ok);
  msl_synapse_free(S);
  msl_spikes_free(&xe);
  msl_spikes_free(&xo);
}

static void test_plastic(void) {
  /* Ap = 0.1, An = 0.05, Wlim = 1, traces a = 1, d = 0.5, lim = 1. */
  msl_stdp_params p = {.ap = 0.1, .an = 0.05, .wlim = 1.0, .err_lr = 0.1, .exc = 1,
                       .pre = {1.0, 0.5, 1.0}, .post = {1.0, 0.5, 1.0}};
  double w[5][NO][NE];
  run_against_reference(&p, w);
  /* Hand values, exc (W = [[.5 .2 .95] [.3 .01 .6]]):
   * call 1: xe = 0, xo = [0 1]: te = 0, to = [0 1]; row 1 += 0.1 * te = 0 -> unchanged */
  CHECK(w[0][0][0] == 0.5 && w[0][1][1] == 0.01);
  /* call 2: xe = [0 1 0], xo = [1 0]: te = [0 1 0], to = [1, 0.5]
   *   row 0 += 0.1 te -> W01 = 0.3; col 1 -= 0.05 to -> W01 = 0.25, W11 = 0.01 - 0.025 = -0.015 -> 0 */
  CHECK_NEAR(w[1][0][1], 0.25, 1e-12);
  CHECK(w[1][1][1] == 0.0);
  CHECK(w[1][0][0] == 0.5 && w[1][0][2] == 0.95);
  /* call 3: xe = [0 0 2], xo = [1 1]: te = [0, 0.5, min(2, 1) = 1], to = [min(1.5,1), min(1.25,1)] = [1 1]
   *   rows += 0.1 te = [0 .05 .1]: row 0 = [.5 .3 1.05], row 1 = [.3 .05 .7]
   *   col 2 -= 0.05 * to * 2 = 0.1: W02 = 0.95, W12 = 0.6; then the upper clamp (after depression!)
   *   leaves 0.95 (clamping first would give 0.9) */
  CHECK_NEAR(w[2][0][2], 0.95, 1e-12);
  CHECK_NEAR(w[2][1][2], 0.6, 1e-12);
  CHECK_NEAR(w[2][0][1], 0.3, 1e-12);
  CHECK_NEAR(w[2][1][1], 0.05, 1e-12);
  /* call 4: xe = [1 0 0], xo = [2 0]: te = [1, .25, .5], to = [min(.5+2, 1) = 1, .5]
   *   row 0 += 2 * 0.1 * te = [.2 .05 .1] -> [.7 .35 1.05]; col 0 -= 0.05 to = [.05 .025]
   *   -> W00 = .65, W10 = .275; row 0 clamp: W02 = min(1.05, 1) = 1 */
  CHECK_NEAR(w[3][0][0], 0.65, 1e-12);
  CHECK_NEAR(w[3][1][0], 0.275, 1e-12);
  CHECK_NEAR(w[3][0][1], 0.35, 1e-12);
  CHECK(w[3][0][2] == 1.0);
  /* call 5: xe = [0 1 1], xo = [0 1]: te = [.5, min(.125+1, 1), min(.25+1, 1)] = [.5 1 1],
   *   to = [.5, min(.25+1, 1) = 1]; row 1 += 0.1 te = [.05 .1 .1] -> [.325 .15 .7]
   *   cols 1, 2 -= 0.05 to = [.025 .05]: W01 = .325, W11 = .1, W02 = .975, W12 = .65 */
  CHECK_NEAR(w[4][1][0], 0.325, 1e-12);
  CHECK_NEAR(w[4][0][1], 0.325, 1e-12);
  CHECK_NEAR(w[4][1][1], 0.1, 1e-12);
  CHECK_NEAR(w[4][0][2], 0.975, 1e-12);
  CHECK_NEAR(w[4][1][2], 0.65, 1e-12);

  /* Untyped (exc = 0): the lower bound is -Wlim, so call 2 leaves W11 = -0.015. */
  p.exc = 0;
  run_against_reference(&p, w);
  CHECK_NEAR(w[1][1][1], -0.015, 1e-12);
  /* call 3 then adds 0.1 * 0.5: W11 = 0.035 */
  CHECK_NEAR(w[2][1][1], 0.035, 1e-12);
  /* Strong depression An = 3: call 2: col 1 -= 3 * [1, .5] -> [0.3 - 3, 0.01 - 1.5] -> clamped to -1 */
  p.an = 3.0;
  run_against_reference(&p, w);
  CHECK(w[1][0][1] == -1.0 && w[1][1][1] == -1.0);
  CHECK(w[1][0][0] == 0.5); /* other columns untouched */

  /* Traces and reset: after calls 1 and 2, te = [0 1 0], to = [1 0.5]; reset zeroes them, keeps W. */
  p = (msl_stdp_params){.ap = 0.1, .an = 0.05, .wlim = 1.0, .err_lr = 0.1, .exc = 1,
                        .pre = {1.0, 0.5, 1.0}, .post = {1.0, 0.5, 1.0}};
  msl_synapse *S = make_plastic(&p);
  msl_spikes xe, xo;
  msl_spikes_init(&xe, NE);
  msl_spikes_init(&xo, NO);
  for (int c = 0; c < 2; c++) {
    set_spikes(&xe, SEQ_XE[c]);
    set_spikes(&xo, SEQ_XO[c]);
    S->ops->learn(S, &xe, &xo);
  }
  msl_trace *te = msl_synapse_trace(S, 0), *to = msl_synapse_trace(S, 1);
  CHECK(te != NULL && to != NULL && te != to && te->n == NE && to->n == NO);
  CHECK(te->t[0] == 0 && te->t[1] == 1 && te->t[2] == 0);
  CHECK(to->t[0] == 1 && to->t[1] == 0.5);
  /* forward uses the learned weights: x = [1 1 1] -> y = column sums of rows */
  const float all[NE] = {1, 1, 1};
  set_spikes(&xe, all);
  double y[NO] = {0, 0};
  S->ops->forward(S, &xe, y);
  CHECK_NEAR(y[0], 0.5 + 0.25 + 0.95, 1e-12);
  CHECK_NEAR(y[1], 0.3 + 0.0 + 0.6, 1e-12);
  S->ops->reset(S);
  CHECK(te->t[1] == 0 && to->t[0] == 0 && to->t[1] == 0);
  CHECK_NEAR(WIJ(S->ops->weights(S), 0, 1), 0.25, 1e-12);
  msl_synapse_free(S);

  /* Replay (SPEC 8): W[:, j] += err_lr * e_i * c_j for c_j > 0, then max(W, 0) on those columns
   * (no upper clamp). c = [2 0 3], e = [1, -0.5], err_lr = 0.1:
   *   col 0 += [0.2, -0.1] -> [0.7, 0.2]; col 1 untouched; col 2 += [0.3, -0.15] -> [1.25, 0.45] */
  S = make_plastic(&p);
  const float cnt[NE] = {2, 0, 3};
  set_spikes(&xe, cnt);
  const double e[NO] = {1.0, -0.5};
  S->ops->replay(S, &xe, e);
  const double *W = S->ops->weights(S);
  CHECK_NEAR(WIJ(W, 0, 0), 0.7, 1e-12);
  CHECK_NEAR(WIJ(W, 1, 0), 0.2, 1e-12);
  CHECK(WIJ(W, 0, 1) == 0.2 && WIJ(W, 1, 1) == 0.01);
  CHECK_NEAR(WIJ(W, 0, 2), 1.25, 1e-12);
  CHECK_NEAR(WIJ(W, 1, 2), 0.45, 1e-12);
  /* c = [0 1 0], e = [-1 -1]: col 1 += -0.1 -> [0.1, -0.09 -> 0] */
  const float c1[NE] = {0, 1, 0};
  set_spikes(&xe, c1);
  const double em[NO] = {-1.0, -1.0};
  S->ops->replay(S, &xe, em);
  CHECK_NEAR(WIJ(W, 0, 1), 0.1, 1e-12);
  CHECK(WIJ(W, 1, 1) == 0.0);
  /* replay does not touch the traces */
  CHECK(msl_synapse_trace(S, 0)->t[1] == 0.0);
  msl_synapse_free(S);

  /* Untyped replay clamps at -Wlim: c = [1 0 0], e = [-30 0] -> 0.5 - 3 = -2.5 -> -1 */
  p.exc = 0;
  S = make_plastic(&p);
  const float c0[NE] = {1, 0, 0};
  set_spikes(&xe, c0);
  const double eneg[NO] = {-30.0, 0.0};
  S->ops->replay(S, &xe, eneg);
  W = S->ops->weights(S);
  CHECK(WIJ(W, 0, 0) == -1.0);
  CHECK(WIJ(W, 1, 0) == 0.3);
  msl_synapse_free(S);
  msl_spikes_free(&xe);
  msl_spikes_free(&xo);
}

int main(void) {
  test_trace();
  test_dense();
  test_one_to_one_all_but_self_uniform();
  test_plastic();
  return check_done();
}
