/* test_trace_kinds.c: the binary, if-recent, constant, manual and
 * accumulating traces step by step (docs/models.md, Traces), and a plastic
 * synapse learning with a replaced trace. */
#include <math.h>
#include <string.h>

#include "check.h"
#include "msl/error.h"
#include "msl/synapse.h"

static void set(msl_spikes *s, const float *v) {
  for (int j = 0; j < s->n; j++) s->x[j] = v[j];
  msl_spikes_reindex(s);
}

static void test_kinds(void) {
  msl_spikes x;
  msl_spikes_init(&x, 2);
  msl_trace tr;
  /* binary: off 0.1, on 0.9 */
  CHECK(msl_trace_init_spec(&tr, 2, &(msl_trace_spec){MSL_TRACE_BINARY, 0, 0, 0, 0.1, 0.9, 0}) == 0);
  CHECK(tr.t[0] == 0.1 && tr.t[1] == 0.1);
  set(&x, (const float[]){1, -1}); /* negative input: not > 0 */
  msl_trace_update(&tr, &x);
  CHECK(tr.t[0] == 0.9 && tr.t[1] == 0.1);
  set(&x, (const float[]){0, 0});
  msl_trace_update(&tr, &x);
  CHECK(tr.t[0] == 0.9); /* stays on */
  msl_trace_reset(&tr);
  CHECK(tr.t[0] == 0.1);
  msl_trace_free(&tr);

  /* if-recent: off 0, on 1, duration 2: on for the spike's update and the next */
  CHECK(msl_trace_init_spec(&tr, 2, &(msl_trace_spec){MSL_TRACE_IF_RECENT, 0, 0, 0, 0, 1, 2}) == 0);
  CHECK(tr.t[0] == 0 && tr.t[1] == 0);
  const float in[5][2] = {{1, 0}, {0, 0}, {0, 1}, {0, 0}, {0, 0}};
  const double want[5][2] = {{1, 0}, {1, 0}, {0, 1}, {0, 1}, {0, 0}};
  int ok = 1;
  for (int t = 0; t < 5; t++) {
    set(&x, in[t]);
    msl_trace_update(&tr, &x);
    ok &= tr.t[0] == want[t][0] && tr.t[1] == want[t][1];
  }
  CHECK(ok);
  CHECK(msl_trace_set(&tr, (const double[]){1, 1}) == -1 && strstr(msl_error(), "only a manual"));
  msl_trace_free(&tr);

  /* constant 0.3: input ignored; manual 0.3 then set */
  CHECK(msl_trace_init_spec(&tr, 2, &(msl_trace_spec){MSL_TRACE_CONSTANT, 0, 0, 0, 0, 0.3, 0}) == 0);
  set(&x, (const float[]){1, 1});
  msl_trace_update(&tr, &x);
  CHECK(tr.t[0] == 0.3 && tr.t[1] == 0.3);
  msl_trace_free(&tr);
  CHECK(msl_trace_init_spec(&tr, 2, &(msl_trace_spec){MSL_TRACE_MANUAL, 0, 0, 0, 0, 0.3, 0}) == 0);
  CHECK(msl_trace_set(&tr, (const double[]){2, -1}) == 0);
  msl_trace_update(&tr, &x);
  CHECK(tr.t[0] == 2 && tr.t[1] == -1);
  msl_trace_reset(&tr);
  CHECK(tr.t[0] == 0.3);
  msl_trace_free(&tr);

  /* accumulate: t += x, no limit */
  CHECK(msl_trace_init_spec(&tr, 2, &(msl_trace_spec){MSL_TRACE_ACCUMULATE, 0, 0, 0, 0, 0, 0}) == 0);
  for (int t = 0; t < 3; t++) {
    set(&x, (const float[]){2, (float)t});
    msl_trace_update(&tr, &x);
  }
  CHECK(tr.t[0] == 6 && tr.t[1] == 3);
  /* a kept log follows every kind */
  CHECK(msl_trace_keep_log(&tr) == 0);
  msl_trace_update(&tr, &x);
  CHECK(tr.t[0] == 8 && tr.lnt[0] == log(8.0) && tr.lnt[1] == log(5.0));
  msl_trace_reset(&tr);
  CHECK(tr.t[0] == 0 && tr.lnt[0] == -INFINITY);
  msl_trace_free(&tr);

  /* exponential through a spec: as msl_trace_init */
  CHECK(msl_trace_init_spec(&tr, 2, &(msl_trace_spec){MSL_TRACE_EXP, 0.5, 0.8, 1.0, 0, 0, 0}) == 0);
  set(&x, (const float[]){1, 0});
  msl_trace_update(&tr, &x);
  msl_trace_update(&tr, &x);
  CHECK(tr.t[0] == 0.5 * 0.8 + 0.5 && tr.t[1] == 0);
  msl_trace_free(&tr);

  CHECK(msl_trace_init_spec(&tr, 2, &(msl_trace_spec){MSL_TRACE_IF_RECENT, 0, 0, 0, 0, 1, -1}) == -1);
  CHECK(strstr(msl_error(), "if-recent trace: duration must be >= 0") != NULL);
  CHECK(msl_trace_init_spec(&tr, 2, &(msl_trace_spec){(msl_trace_kind)9, 0, 0, 0, 0, 1, 0}) == -1);
  CHECK(strstr(msl_error(), "unknown kind 9") != NULL);
  msl_spikes_free(&x);
}

/* An ideal plastic synapse (1 pre, 1 post) whose pre trace is made binary
 * (off 0, on 1): a post spike potentiates by Ap * 1 regardless of timing. */
static void test_replace_in_synapse(void) {
  msl_stdp_params p = {0.1, 0.0, 10.0, 0.0, 1, {1.0, 0.5, 1.0}, {1.0, 0.5, 1.0}};
  double W0[1] = {1.0};
  msl_synapse *S = msl_plastic_new(1, 1, W0, &p, MSL_EXC);
  CHECK(S != NULL);
  if (!S) return;
  msl_trace *te = msl_synapse_trace(S, 0);
  CHECK(msl_trace_replace(te, &(msl_trace_spec){MSL_TRACE_BINARY, 0, 0, 0, 0.0, 1.0, 0}) == 0);
  msl_spikes pre, post;
  msl_spikes_init(&pre, 1);
  msl_spikes_init(&post, 1);
  set(&pre, (const float[]){1});
  CHECK(S->ops->learn(S, &pre, &post) == 0); /* te -> 1; no post spike */
  set(&pre, (const float[]){0});
  for (int t = 0; t < 5; t++) S->ops->learn(S, &pre, &post); /* binary: no decay */
  set(&post, (const float[]){1});
  S->ops->learn(S, &pre, &post);
  CHECK_NEAR(S->ops->weights(S)[0], 1.1, 1e-15); /* 1 + 0.1 * 1 (exponential: 0.5^6) */
  msl_synapse_free(S);
  msl_spikes_free(&pre);
  msl_spikes_free(&post);
}

int main(void) {
  test_kinds();
  test_replace_in_synapse();
  return check_done();
}
