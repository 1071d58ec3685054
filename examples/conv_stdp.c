/* conv_stdp.c: a convolutional STDP network on libmsl's public API (the C
 * twin of examples/python/conv_stdp.py), built against the installed library:
 *
 *   cc examples/conv_stdp.c $(pkg-config --cflags --libs msl) -o conv_stdp
 *   ./conv_stdp [MNIST_DIR [UNSUP TRAIN TEST]]     (default 300 1000 300)
 *
 *   img 28x28 (Poisson generator, 21 steps per image)
 *     --plastic conv 5x5 x 8 maps (STDP, shared kernels)--> conv
 *   conv: leaky integral softmax, 24x24 positions x 8 maps (the maps compete)
 *     --pool 2x2--> pool: identity, 12x12 x 8
 *     --ideal plastic readout (error replay), uniform balance--> out: 10 IF neurons
 *
 * Phase 1 learns the kernels on UNSUP images; phase 2 trains the readout on
 * TRAIN images, replaying e = onehot(label) - min(out count, 1) with the
 * pool's counts every 7 steps (workload 2's output-layer rule); phase 3
 * prints the accuracy on TEST test images. Exit status 77 without MNIST. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <msl/error.h>
#include <msl/generator.h>
#include <msl/mnist.h>
#include <msl/net.h>

enum { W = 28, K = 5, MAPS = 8, WC = W - K + 1, N_POOL = (WC / 2) * (WC / 2) * MAPS,
       STEPS = 21, INTERVAL = 7 };

static int fail(const char *what) {
  fprintf(stderr, "conv_stdp: %s: %s\n", what, msl_error());
  return 1;
}

int main(int argc, char **argv) {
  char buf[4096];
  const char *dir = msl_mnist_default_dir(argc > 1 ? argv[1] : NULL, buf, sizeof buf);
  int unsup = argc > 4 ? atoi(argv[2]) : 300, train = argc > 4 ? atoi(argv[3]) : 1000,
      test = argc > 4 ? atoi(argv[4]) : 300;
  struct stat st;
  if (stat(dir, &st) != 0) {
    fprintf(stderr, "conv_stdp: no MNIST in %s (scripts/fetch-mnist.sh)\n", dir);
    return 77;
  }
  msl_mnist d;
  if (msl_mnist_load(dir, &d)) return fail("MNIST");
  if (unsup < 0 || train < 0 || test < 1 || unsup + train > d.n_train || test > d.n_test) {
    fprintf(stderr, "conv_stdp: UNSUP + TRAIN <= %d and 1 <= TEST <= %d\n", d.n_train, d.n_test);
    msl_mnist_free(&d);
    return 2;
  }
  /* Initial kernels U(0.2, 0.8), readout clip(N(5, 1), 0, 10) * 0.002, from msl's RNG. */
  msl_rng rng;
  msl_rng_seed(&rng, 1, 1);
  double K0[K * K * MAPS], *W0 = malloc(sizeof(double) * N_POOL * 10);
  for (int k = 0; k < K * K * MAPS; k++) K0[k] = 0.2 + 0.6 * msl_rng_uniform(&rng);
  for (int k = 0; W0 && k < N_POOL * 10; k++) {
    double w = msl_rng_normal(&rng) + 5.0;
    W0[k] = (w < 0 ? 0 : w > 10 ? 10 : w) * 0.002;
  }
  msl_trace_params tr = {1.0, 0.8, 10.0}, none = {0, 0, 0};
  msl_conv_params cp = {W, W, 1, K, K, MAPS, 0, 0.004, 0.003, 0.0, 1.0, 1, tr, tr};
  msl_lis_params lp = {WC * WC, MAPS, 5.0, 0.5, 0.001, 0, 1};
  msl_stdp_params rp = {0.0, 0.0, 1.0, 2e-4, 1, none, none};
  msl_net *net = msl_net_new();
  msl_synapse *pool = msl_pool_new(WC, WC, MAPS, 2, 2, MSL_EXC), *ro = NULL;
  int bad = !net || !W0 || !pool || msl_net_add_input(net, "img", W * W) < 0 ||
            msl_net_add_layer(net, "conv", msl_lis_new(&lp)) < 0 ||
            msl_net_add_layer(net, "pool", msl_identity_new(N_POOL)) < 0 ||
            msl_net_add_layer(net, "out", msl_if_new(10, 1.0)) < 0 ||
            msl_net_add_synapse(net, "conv", msl_plastic_conv_new(&cp, K0, MSL_EXC), "img") < 0 ||
            msl_net_add_synapse(net, "pool", pool, "conv") < 0 ||
            msl_net_add_synapse(net, "out", ro = msl_plastic_new(N_POOL, 10, W0, &rp, MSL_EXC),
                                "pool") < 0 ||
            msl_net_add_synapse(net, "out", msl_uniform_new(N_POOL, 10, -0.01, MSL_EXC),
                                "pool") < 0;
  free(W0);
  if (bad) {
    msl_net_free(net);
    msl_mnist_free(&d);
    return fail("building the network");
  }
  msl_layer *conv = msl_net_layer(net, "conv"), *out = msl_net_layer(net, "out");
  double r[W * W] = {0};
  msl_generator *gen = msl_poisson_new(W * W, r, 0.5);
  msl_spikes c_pool, c_out;
  msl_spikes *counts[2] = {&c_pool, &c_out};
  const char *names[2] = {"pool", "out"};
  if (!gen || msl_spikes_init(&c_pool, N_POOL) || msl_spikes_init(&c_out, 10)) return fail("memory");
  msl_rng_seed(&rng, 1, 3);
  int correct = 0;
  for (int s = 0; s < unsup + train + test && !bad; s++) {
    int phase = s < unsup ? 1 : s < unsup + train ? 2 : 3, k = phase == 3 ? s - unsup - train : s;
    const uint8_t *img = (phase == 3 ? d.test_x : d.train_x) + (size_t)k * W * W;
    int label = (phase == 3 ? d.test_y : d.train_y)[k];
    for (int j = 0; j < W * W; j++) r[j] = img[j] / 255.0;
    msl_generator_set_rates(gen, r);
    msl_synapse_reset(pool);
    msl_layer_reset(out);
    double total[10] = {0};
    for (int t = 0; t < STEPS / INTERVAL && !bad; t++) {
      msl_spikes_clear(&c_pool);
      msl_spikes_clear(&c_out);
      bad = msl_net_run_counting(net, &gen, &rng, INTERVAL, phase == 1, phase == 1 ? 0 : 2,
                                 names, counts);
      double e[10];
      for (int i = 0; i < 10; i++) {
        total[i] += c_out.x[i];
        e[i] = (i == label) - (c_out.x[i] > 0);
      }
      if (phase == 2 && !bad) bad = msl_synapse_replay(ro, &c_pool, e);
    }
    msl_lis_aggregate(conv);
    if (phase == 3) {
      int best = 0;
      for (int i = 1; i < 10; i++) best = total[i] > total[best] ? i : best;
      correct += best == label;
    }
  }
  if (!bad)
    printf("conv_stdp: %d unsupervised, %d readout training images; test accuracy %.4f on %d\n",
           unsup, train, (double)correct / test, test);
  else
    fail("running");
  msl_spikes_free(&c_pool);
  msl_spikes_free(&c_out);
  msl_generator_free(gen);
  msl_net_free(net);
  msl_mnist_free(&d);
  return bad ? 1 : 0;
}
