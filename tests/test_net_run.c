/* test_net_run.c: msl_net_run (many steps with generator inputs) and the
 * seed layer types inside a network (the normalised LIF's two channels). */
#include <string.h>

#include "check.h"
#include "msl/error.h"
#include "msl/generator.h"
#include "msl/net.h"

static void test_run(void) {
  msl_net *net = msl_net_new();
  CHECK(msl_net_add_input(net, "in", 2) == 0);
  CHECK(msl_net_add_layer(net, "id", msl_identity_new(2)) == 0);
  CHECK(msl_net_add_synapse(net, "id", msl_one_to_one_new(2, 3.0, MSL_EXC), "in") == 0);
  /* periodic rates (1, .5): stream 0 spikes on steps 2, 4, 6 (v = 1 is not > 1),
   * stream 1 on steps 3, 6. The identity layer emits 3 per input spike, on the
   * same step (an input's synapse is read in the step it is given). */
  msl_generator *g = msl_periodic_new(2, (const double[]){1.0, 0.5}, 1.0);
  double counts[2] = {0, 0};
  CHECK(msl_net_run(net, &g, NULL, 6, 0, "id", counts) == 0);
  CHECK(counts[0] == 9.0 && counts[1] == 6.0);
  CHECK(msl_net_run(net, &g, NULL, 1, 0, "nope", counts) == -1);
  CHECK(strstr(msl_error(), "no layer named 'nope'") != NULL);
  msl_generator *small = msl_periodic_new(3, (const double[]){1, 1, 1}, 1.0);
  CHECK(msl_net_run(net, &small, NULL, 1, 0, NULL, NULL) == -1);
  CHECK(strstr(msl_error(), "input 0 has 2 entries, its generator 3") != NULL);
  msl_generator *p = msl_poisson_new(2, (const double[]){1, 1}, 1.0);
  CHECK(msl_net_run(net, &p, NULL, 1, 0, NULL, NULL) == -1);
  CHECK(strstr(msl_error(), "needs a random number generator") != NULL);
  msl_generator_free(g);
  msl_generator_free(small);
  msl_generator_free(p);
  msl_net_free(net);
}

static void test_channels(void) {
  msl_net *net = msl_net_new();
  CHECK(msl_net_add_input(net, "num", 1) == 0 && msl_net_add_input(net, "den", 1) == 1);
  CHECK(msl_net_add_layer(net, "n", msl_normalized_lif_new(1, 1.0, 1.0)) == 0);
  CHECK(msl_net_add_layer(net, "latch", msl_latch_new(1)) == 1);
  CHECK(msl_net_add_synapse(net, "n", msl_one_to_one_new(1, 1.0, MSL_EXC), "num") == 0);
  CHECK(msl_net_add_synapse(net, "n", msl_one_to_one_new(1, 1.0, MSL_INH), "den") == 1);
  CHECK(msl_net_add_synapse(net, "latch", msl_one_to_one_new(1, 1.0, MSL_INH), "den") == -1);
  CHECK(strstr(msl_error(), "integrates excitatory input only") != NULL);
  /* num 1.5, den 4: v = 1.5 / 2 = .75 (no spike); num 1.5, den 0: v = .75/e + 1.5 (spike) */
  msl_spikes a, b;
  msl_spikes_init(&a, 1);
  msl_spikes_init(&b, 1);
  a.x[0] = 1.5f;
  b.x[0] = 4.0f;
  msl_spikes_reindex(&a);
  msl_spikes_reindex(&b);
  const msl_spikes *in[2] = {&a, &b};
  CHECK(msl_net_step(net, in, 0) == 0);
  CHECK(msl_layer_spikes(msl_net_layer(net, "n"))->nnz == 0);
  msl_spikes_clear(&b);
  CHECK(msl_net_step(net, in, 0) == 0);
  CHECK(msl_layer_spikes(msl_net_layer(net, "n"))->nnz == 1);
  msl_spikes_free(&a);
  msl_spikes_free(&b);
  msl_net_free(net);
}

int main(void) {
  test_run();
  test_channels();
  return check_done();
}
