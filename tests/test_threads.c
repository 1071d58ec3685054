/* test_threads.c: the thread count (threads.h) and the threaded loops: a
 * crossbar's forward pass, replay, learning step and normalisation give the
 * same bits with 1 and 3 threads (the CLI test compares whole runs). */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "msl/error.h"
#include "msl/spikes.h"
#include "msl/synapse.h"
#include "msl/threads.h"

enum { NE = 300, NO = 200 };

/* One crossbar of device dev, put through every threaded operation with T
 * threads; its weights and energy into W, e. */
static void run(const char *dev, int workload, double g1, double x, int T, double *W, double *e) {
  CHECK(msl_set_threads(T) == 0);
  double *W0 = malloc(sizeof(double) * NE * NO);
  for (int k = 0; k < NE * NO; k++) W0[k] = 0.05 + 0.9 * (double)((k * 7919) % 1000) / 1000.0;
  msl_synapse *S = check_crossbar(dev, workload, g1, x, (msl_trace_params){1.0, 0.9, 1.0}, NE, NO, W0);
  msl_spikes pre, post;
  CHECK(msl_spikes_init(&pre, NE) == 0 && msl_spikes_init(&post, NO) == 0);
  double *y = calloc(NO, sizeof *y), *err = malloc(NO * sizeof *err), *sum = malloc(NO * sizeof *sum);
  for (int j = 0; j < NE; j += 2) pre.x[j] = (float)(1 + j % 3); /* counts 1..3 */
  msl_spikes_reindex(&pre);
  for (int i = 0; i < NO; i += 3) post.x[i] = 1.0f;
  msl_spikes_reindex(&post);
  for (int i = 0; i < NO; i++) err[i] = 0.3 * (double)((i * 37) % 11 - 5) / 5.0;
  if (S) {
    S->ops->forward(S, &pre, y);
    if (workload == 2) CHECK(msl_synapse_replay(S, &pre, err) == 0);
    else CHECK(S->ops->learn(S, &pre, &post) == 0);
    CHECK(msl_synapse_normalise(S, 0.0, 1.0, 78.0, sum) == 0);
    memcpy(W, msl_synapse_weights(S), sizeof(double) * NE * NO);
    e[0] = S->stats.energy_j;
    e[1] = S->stats.read_power_w;
    e[2] = y[NO / 2];
    e[3] = (double)S->counts.weights_clipped;
  }
  msl_synapse_free(S);
  msl_spikes_free(&pre);
  msl_spikes_free(&post);
  free(W0);
  free(y);
  free(err);
  free(sum);
}

static void same_bits(const char *dev, int workload, double g1, double x) {
  double *W1 = malloc(sizeof(double) * NE * NO), *W3 = malloc(sizeof(double) * NE * NO);
  double e1[4] = {0}, e3[4] = {0};
  run(dev, workload, g1, x, 1, W1, e1);
  run(dev, workload, g1, x, 3, W3, e3);
  CHECK(memcmp(W1, W3, sizeof(double) * NE * NO) == 0);
  CHECK(memcmp(e1, e3, sizeof e1) == 0);
  CHECK(e1[0] > 0.0 && e1[1] > 0.0);
  free(W1);
  free(W3);
}

int main(void) {
  setenv("MSL_PAR_MIN", "1", 1); /* every threaded loop taken, however small */
  CHECK(msl_set_threads(0) == -1 && strstr(msl_error(), "must be 1..256"));
  CHECK(msl_set_threads(MSL_THREADS_MAX + 1) == -1);
  CHECK(msl_set_threads(2) == 0 && msl_threads() == (msl_threads_enabled() ? 2 : 1));
  CHECK(msl_threads_available() >= 1);
  /* 300 x 200 cells, 150 active columns. */
  same_bits("chen15", 1, 1e-4, 1.3);
  same_bits("chen15", 2, 7e-5, 1.3);
  same_bits("vteam", 1, 1e-5, 0.03);
  same_bits("vteam", 2, 1e-5, 0.03);
  return check_done();
}
