/* chen_wta.c: a winner-take-all network on libmsl's public API, built
 * against the installed library:
 *
 *   cc examples/chen_wta.c $(pkg-config --cflags --libs msl) -o chen_wta
 *   ./chen_wta [MNIST_DIR]
 *
 * 784 Poisson inputs (the public rate encoder, 63.75 Hz at full intensity)
 * drive 50 conductance-based leaky integrate-and-fire neurons through a
 * crossbar of Chen 2015 memristors that learns by STDP pulses; every neuron
 * inhibits all the others through an all-but-self synapse onto its layer's
 * inhibitory channel (lateral inhibition: the first neurons to fire hold the
 * rest back). It shows 20 MNIST images for 350 steps each (0.5 ms steps),
 * with 150 resting steps between them, and prints each image's spike counts
 * and the crossbar's programming energy.
 *
 * MNIST: the directory given, else $MSL_DATA, else ~/.local/share/msl/mnist
 * (scripts/fetch-mnist.sh). Exit status 77 when it is absent (a skipped test). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <msl/encode.h>
#include <msl/error.h>
#include <msl/mnist.h>
#include <msl/net.h>

enum { N_IN = 784, N = 50, IMAGES = 20, STEPS_ON = 350, STEPS_REST = 150 };

/* The plastic input synapse: a Chen 2015 crossbar at G1 = 1e-4 S (the
 * device's defaults otherwise), pulsed by the pre and post STDP traces. All
 * of the device and crossbar setup is here, in one place. NULL on failure
 * (message printed). */
static msl_synapse *chen_crossbar(const double *W0) {
  msl_params ps; /* parameters by name, as declared by the crossbar's layers */
  msl_params_init(&ps, 1); /* workload 1's defaults (STDP) */
  msl_params_set(&ps, "g1", 1e-4);   /* the crossbar's conductance of weight 1 */
  msl_params_set(&ps, "vp", 1.3);    /* Chen 2015's rule (log10): programming voltage */
  msl_params_set(&ps, "dt-pre", 1e-8); /* 10 ns column pulses */
  msl_trace_params tr = {1.0, 0.9753099120283326 /* exp(-1/40) */, 1.0};
  /* device chen15 with its rule (log10), a 1R cell and the ideal line drive */
  msl_crossbar_params xp = {"chen15", NULL, NULL, NULL, &ps, tr, tr, 1};
  msl_synapse *S = msl_crossbar_new(N_IN, N, W0, &xp, MSL_EXC);
  if (!S) fprintf(stderr, "chen_wta: crossbar: %s\n", msl_error());
  return S;
}

/* The network: input -> exc (crossbar), exc -> exc (all-but-self, inhibitory). */
static msl_net *build(msl_rng *rng) {
  double *W0 = malloc(sizeof(double) * N_IN * N);
  if (!W0) return NULL;
  for (int k = 0; k < N_IN * N; k++) W0[k] = 0.05 + 0.1 * msl_rng_uniform(rng);
  /* tau, vth, vreset, vrest, v_init, t_refrac, tau_e, tau_i, v_off_i (steps, V) */
  msl_second_order_params lif = {100, -0.052, -0.065, -0.065, -0.065, 5, 2, 4, 0.1};
  msl_net *net = msl_net_new();
  msl_synapse *xbar = net ? chen_crossbar(W0) : NULL;
  free(W0);
  if (!xbar || msl_net_add_input(net, "pixels", N_IN) < 0 ||
      msl_net_add_layer(net, "exc", msl_second_order_new(N, &lif)) < 0 ||
      msl_net_add_synapse(net, "exc", xbar, "pixels") < 0 ||
      msl_net_add_synapse(net, "exc", msl_all_but_self_new(N, 10.0, MSL_INH), "exc") < 0) {
    if (msl_error()[0]) fprintf(stderr, "chen_wta: network: %s\n", msl_error());
    if (!net || msl_net_synapse(net, 0) != xbar) msl_synapse_free(xbar);
    msl_net_free(net);
    return NULL;
  }
  return net;
}

int main(int argc, char **argv) {
  char buf[4096];
  const char *dir = msl_mnist_default_dir(argc > 1 ? argv[1] : NULL, buf, sizeof buf);
  struct stat st;
  if (stat(dir, &st) != 0) {
    fprintf(stderr, "chen_wta: no MNIST at %s (scripts/fetch-mnist.sh): skipped\n", dir);
    return 77;
  }
  msl_mnist data;
  if (msl_mnist_load(dir, &data)) {
    fprintf(stderr, "chen_wta: %s\n", msl_error());
    return 1;
  }
  msl_rng rng_w, rng_in;
  msl_rng_seed(&rng_w, 1, MSL_STREAM_INIT);
  msl_rng_seed(&rng_in, 1, MSL_STREAM_INPUT);
  msl_net *net = build(&rng_w);
  msl_encoder *enc = msl_encoder_new(N_IN);
  msl_spikes in, rest;
  if (!net || !enc || msl_spikes_init(&in, N_IN) || msl_spikes_init(&rest, N_IN)) {
    if (!enc) fprintf(stderr, "chen_wta: %s\n", msl_error());
    return 1;
  }
  msl_synapse *xbar = msl_net_synapse(net, 0);
  const msl_layer *exc = msl_net_layer(net, "exc");
  const msl_spikes *on[1] = {&in}, *off[1] = {&rest};
  long total[N] = {0};
  printf("image label spikes winner(count) active_neurons\n");
  for (int s = 0; s < IMAGES; s++) {
    msl_encoder_set_image(enc, data.train_x + (size_t)s * N_IN, 63.75 * 0.0005);
    int count[N] = {0};
    for (int t = 0; t < STEPS_ON; t++) {
      msl_encoder_draw(enc, &rng_in, &in);
      if (msl_net_step(net, on, 1)) break; /* a device's fatal condition: msl_error() */
      const msl_spikes *o = msl_layer_spikes(exc);
      for (int k = 0; k < o->nnz; k++) count[o->idx[k]]++;
    }
    for (int t = 0; t < STEPS_REST; t++) msl_net_step(net, off, 1);
    int sum = 0, best = 0, active = 0;
    for (int i = 0; i < N; i++) {
      sum += count[i];
      active += count[i] > 0;
      if (count[i] > count[best]) best = i;
      total[i] += count[i];
    }
    printf("%5d %5d %6d %6d(%d) %6d\n", s, data.train_y[s], sum, best, count[best], active);
  }
  printf("spikes per neuron over %d images:", IMAGES);
  for (int i = 0; i < N; i++) printf(" %ld", total[i]);
  printf("\nprogramming energy: %.4g nJ in total, %.4g nJ per image (rows %.4g, columns %.4g)\n",
         xbar->stats.energy_j * 1e9, xbar->stats.energy_j * 1e9 / IMAGES,
         xbar->stats.energy_row_j * 1e9, xbar->stats.energy_col_j * 1e9);
  msl_spikes_free(&in);
  msl_spikes_free(&rest);
  msl_encoder_free(enc);
  msl_net_free(net);
  msl_mnist_free(&data);
  return 0;
}
