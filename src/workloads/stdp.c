/* stdp.c: workload 1, unsupervised STDP on MNIST (Diehl & Cook 2015), SPEC 7.
 *
 * 784 Poisson inputs -> N adaptive excitatory <-> N inhibitory neurons; the
 * input synapse is plastic (ideal or a device crossbar). Samples run in
 * chunks of B; each chunk is scored with the previous chunk's assignment of
 * neurons to labels. */
#include "msl/workload.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "msl/encode.h"
#include "msl/error.h"
#include "msl/nonideal.h"
#include "msl/net.h"
#include "msl/npy.h"
#include "msl/rng.h"

enum { N_IN = 784, STEPS_INPUT = 700, STEPS_REST = 300, MIN_SPIKES = 5 };
static const double TSTEP = 0.0005;      /* s per step */
static const double W_SUM = 78.0;        /* target of each neuron's incoming weights */

void msl_stdp_config_default(msl_stdp_config *c) {
  memset(c, 0, sizeof *c);
  c->neurons = 400;
  c->epochs = 1;
  c->train = 60000;
  c->test = 10000;
  c->label_window = 10000;
  c->lr = 0.01;
  c->seed = 1;
  c->device = "ideal";
  msl_params_init(&c->params, 1);
}

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Labels for neurons from spike counts per label (SPEC 7 and 9.4). */
static void assign_labels(const double *counts, const int *freq, int N, int quirks, int *assign) {
  for (int i = 0; i < N; i++) {
    int best = -1;
    double bv = 0.0;
    for (int l = 0; l < 10; l++) {
      double rate;
      if (freq[l] == 0) {
        if (!quirks) continue; /* rate undefined: skip the label */
        /* numpy: x/0 is inf, 0/0 is nan, and argmax picks the first nan */
        if (counts[l * N + i] == 0.0) {
          best = l;
          break;
        }
        rate = INFINITY;
      } else {
        rate = counts[l * N + i] / freq[l];
      }
      if (best < 0 || rate > bv) {
        best = l;
        bv = rate;
      }
    }
    assign[i] = best < 0 ? 0 : best;
  }
}

/* Predicted label from spike totals (mean count of each label's neurons). */
static int predict(const double *total, const int *assign, const int *n_assigned, int N,
                   int quirks) {
  double score[10] = {0};
  for (int i = 0; i < N; i++) score[assign[i]] += total[i];
  int best = -1;
  double bv = 0.0;
  for (int l = 0; l < 10; l++) {
    if (n_assigned[l] == 0) {
      if (quirks) return l; /* published code: 0/0 = nan wins argmax */
      continue;
    }
    double s = score[l] / n_assigned[l];
    if (best < 0 || s > bv) {
      best = l;
      bv = s;
    }
  }
  return best < 0 ? 0 : best;
}

/* ---- configuration checks (the data-free part is public: the CLI calls it
 * before loading MNIST) ---- */
int msl_stdp_config_check(const msl_stdp_config *c) {
  if (c->neurons < 1 || c->neurons > 100000)
    return msl_error_set("--neurons: must be 1..100000, got %d", c->neurons);
  if (c->epochs < 1) return msl_error_set("--epochs: must be >= 1, got %d", c->epochs);
  if (c->train < 1) return msl_error_set("--train: must be >= 1, got %d", c->train);
  if (c->test < 1) return msl_error_set("--test: must be >= 1, got %d", c->test);
  if (c->label_window < 1)
    return msl_error_set("--label-window: must be >= 1, got %d", c->label_window);
  if ((long)c->epochs * ((c->train + (long)c->label_window - 1) / c->label_window) + 1 > 256)
    return msl_error_set("--label-window: too many chunks (at most 255 training chunks)");
  if (!(c->lr > 0.0) || !(c->lr <= MSL_LR_MAX))
    return msl_error_set("--lr: must be in (0, %g], got %g", MSL_LR_MAX, c->lr);
  return 0;
}

size_t msl_stdp_memory_bytes(const msl_stdp_config *c) {
  const double cells = (double)c->neurons * N_IN;
  /* plastic weights (and a crossbar's states), the initial weights while the
   * synapse is built; per neuron: layers, traces, spike vectors, counts,
   * crossbar line buffers (a generous 1 KiB); the training order. */
  double per_cell = (strcmp(c->device, "ideal") == 0 ? 8.0 : 16.0 + msl_nonideal_bytes_per_cell(&c->params)) + 8.0;
  double b = cells * per_cell + 1024.0 * (c->neurons + N_IN) + 4.0 * c->train;
  return b >= (double)SIZE_MAX ? SIZE_MAX : (size_t)b;
}

static int check_config(const msl_stdp_config *c, const msl_mnist *d, char *err, size_t n) {
  if (msl_stdp_config_check(c)) snprintf(err, n, "%s", msl_error());
  else if (c->train > d->n_train)
    snprintf(err, n, "--train: must be 1..%d (training images available), got %d", d->n_train,
             c->train);
  else if (c->test > d->n_test)
    snprintf(err, n, "--test: must be 1..%d (test images available), got %d", d->n_test, c->test);
  else if (d->pixels != N_IN)
    snprintf(err, n, "data: images have %d pixels, workload 1 needs 784 (28x28)", d->pixels);
  else
    return 0;
  return -1;
}

int msl_stdp_run(const msl_stdp_config *c, const msl_mnist *data, msl_stdp_result *r) {
  memset(r, 0, sizeof *r);
  if (check_config(c, data, r->error, sizeof r->error)) return -1;
  const int N = c->neurons;
  const double t0 = now_s();
  int rc = -1;

  /* Initial weights (U[0,1) + 0.01) * 0.3, drawn post-major like the reference. */
  msl_rng rng_init, rng_shuffle, rng_in;
  msl_rng_seed(&rng_init, c->seed, MSL_STREAM_INIT);
  msl_rng_seed(&rng_shuffle, c->seed, MSL_STREAM_SHUFFLE);
  msl_rng_seed(&rng_in, c->seed, MSL_STREAM_INPUT);
  double *W0 = malloc((size_t)N * N_IN * sizeof *W0);
  double *rowsum = malloc((size_t)N * sizeof *rowsum);
  double *total = malloc((size_t)N * sizeof *total);
  double *counts = malloc((size_t)10 * N * sizeof *counts);
  int *assign = malloc((size_t)N * sizeof *assign);
  int *order = malloc((size_t)c->train * sizeof *order);
  msl_encoder *enc = msl_encoder_new(N_IN);
  msl_spikes in, zero;
  int have_in = msl_spikes_init(&in, N_IN) == 0, have_zero = msl_spikes_init(&zero, N_IN) == 0;
  msl_net *net = msl_net_new();
  if (!W0 || !rowsum || !total || !counts || !assign || !order || !enc || !have_in ||
      !have_zero || !net) {
    snprintf(r->error, sizeof r->error, "out of memory");
    goto done;
  }
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N_IN; j++) W0[(size_t)j * N + i] = (msl_rng_uniform(&rng_init) + 0.01) * 0.3;

  /* The network of SPEC 7. */
  msl_adaptive_params ep = {{200, -0.072, -0.065, -0.065, -0.105, 10, 2, 4, 0.1}, 2e7, 5e-5, 0.02};
  msl_second_order_params ip = {20, -0.040, -0.045, -0.060, -0.100, 4, 2, 4, 0.085};
  msl_trace_params tr = {1.0, exp(-1.0 / 40.0), 1.0};
  msl_synapse *plastic;
  if (strcmp(c->device, "ideal") == 0) {
    msl_stdp_params sp = {c->lr, 0.01 * c->lr, 1.0, 0.0, 1, tr, tr};
    plastic = msl_plastic_new(N_IN, N, W0, &sp, MSL_EXC);
  } else {
    msl_params ps = c->params;
    ps.workload = 1;
    ps.quirks = c->quirks;
    msl_crossbar_params xp = {c->device, c->rule, NULL, NULL, &ps, tr, tr, c->seed};
    plastic = msl_crossbar_new(N_IN, N, W0, &xp, MSL_EXC);
  }
  if (!plastic) {
    snprintf(r->error, sizeof r->error, "%s", msl_error());
    goto done;
  }
  /* The net owns each element once added (and frees it if adding fails);
   * until then this function does. */
  msl_net_add_input(net, "input", N_IN);
  if (msl_net_add_layer(net, "exc", msl_adaptive_new(N, &ep)) < 0 ||
      msl_net_add_layer(net, "inh", msl_second_order_new(N, &ip)) < 0) {
    msl_synapse_free(plastic);
    goto net_error;
  }
  if (msl_net_add_synapse(net, "exc", plastic, "input") < 0 ||
      msl_net_add_synapse(net, "inh", msl_one_to_one_new(N, 10.4, MSL_EXC), "exc") < 0 ||
      msl_net_add_synapse(net, "exc", msl_all_but_self_new(N, 17.0, MSL_INH), "inh") < 0)
    goto net_error;
  msl_layer *exc = msl_net_layer(net, "exc");
  const msl_spikes *in_vec[1] = {&in}, *zero_vec[1] = {&zero};

  const int B = c->label_window;
  const int chunks_per_epoch = (c->train + B - 1) / B;
  const int n_chunks = c->epochs * chunks_per_epoch + 1;
  const long total_samples = (long)c->epochs * c->train + c->test;
  long done_samples = 0;
  int have_assign = 0, n_assigned[10] = {0};
  for (int i = 0; i < c->train; i++) order[i] = i;

  for (int ch = 0; ch < n_chunks; ch++) {
    const int is_test = ch == n_chunks - 1;
    const int e_chunk = is_test ? 0 : ch % chunks_per_epoch;
    if (!is_test && e_chunk == 0) msl_rng_shuffle(&rng_shuffle, order, c->train);
    const int first = is_test ? 0 : e_chunk * B;
    const int size = is_test ? c->test : (first + B <= c->train ? B : c->train - first);
    const int learn = !(is_test && c->freeze_test);
    double chunk_energy = 0.0;
    if (exc->ops->set_adapt) exc->ops->set_adapt(exc, learn);
    int freq[10] = {0}, correct = 0;
    memset(counts, 0, (size_t)10 * N * sizeof *counts);

    for (int s = 0; s < size; s++) {
      const uint8_t *img = is_test ? data->test_x + (size_t)s * N_IN
                                   : data->train_x + (size_t)order[first + s] * N_IN;
      const int label = is_test ? data->test_y[s] : data->train_y[order[first + s]];
      int minpix = 255; /* the dimmest lit pixel */
      for (int j = 0; j < N_IN; j++)
        if (img[j]) minpix = img[j] < minpix ? img[j] : minpix;
      double f = 63.75 * TSTEP;
      msl_syn_stats sample_stats = {0};
      long out_count;
      int presented = 0;
      do {
        msl_synapse_stats_reset(plastic); /* (before: a bias drive's catch-up counts) */
        msl_synapse_normalise(plastic, 0.0, 1.0, W_SUM, rowsum); /* SPEC 7 */
        msl_encoder_set_image(enc, img, f);
        for (int i = 0; i < N; i++) total[i] = 0.0;
        out_count = 0;
        for (int t = 0; t < STEPS_INPUT; t++) {
          msl_encoder_draw(enc, &rng_in, &in);
          if (msl_net_step(net, in_vec, learn)) goto step_error;
          const msl_spikes *o = msl_layer_spikes(exc);
          out_count += o->nnz;
          for (int k = 0; k < o->nnz; k++) total[o->idx[k]] += 1.0;
        }
        for (int t = 0; t < STEPS_REST; t++)
          if (msl_net_step(net, zero_vec, learn)) goto step_error;
        r->presentations++;
        r->representations += presented++ > 0;
        if (c->quirks) memset(&sample_stats, 0, sizeof sample_stats); /* SPEC 9.3 */
        msl_syn_stats_add(&sample_stats, &plastic->stats);
        /* Re-present with a higher rate until MIN_SPIKES output spikes, but
         * not past the rate at which every lit input spikes on every step:
         * beyond it the input cannot grow. */
        if (out_count < MIN_SPIKES && f * (minpix / 255.0) >= 1.0) {
          snprintf(r->error, sizeof r->error,
                   "%s image %d: no excitatory neuron fired %d times even with every input "
                   "spiking on every step (%d presentations); the weights are too weak to "
                   "drive the network (%.3g%% of the weights set so far were clipped to the "
                   "device's range)", is_test ? "test" : "training",
                   is_test ? s : order[first + s], MIN_SPIKES, presented,
                   plastic->counts.weights_set
                       ? 100.0 * plastic->counts.weights_clipped / plastic->counts.weights_set
                       : 0.0);
          goto done;
        }
        f += 32 * TSTEP;
      } while (out_count < MIN_SPIKES);

      freq[label]++;
      for (int i = 0; i < N; i++) counts[label * N + i] += total[i];
      if (have_assign && predict(total, assign, n_assigned, N, c->quirks) == label) correct++;
      chunk_energy += sample_stats.energy_j;
      if (is_test) r->energy_test_j += sample_stats.energy_j;
      else {
        r->energy_train_j += sample_stats.energy_j;
        msl_syn_stats_add(&r->train_stats, &sample_stats);
        r->train_samples++;
      }
      done_samples++;
      if (c->progress)
        c->progress(c->progress_ctx, done_samples, total_samples,
                    have_assign ? (double)correct / (s + 1) : -1.0,
                    (r->energy_train_j + r->energy_test_j) / done_samples * 1e9);
    }
    if (have_assign) r->chunk_accuracy[r->n_chunks++] = (double)correct / size;
    r->chunk_energy_j[r->n_chunk_energy++] = chunk_energy / size;
    if (is_test) r->test_accuracy = have_assign ? (double)correct / size : 0.0;
    assign_labels(counts, freq, N, c->quirks, assign);
    memset(n_assigned, 0, sizeof n_assigned);
    for (int i = 0; i < N; i++) n_assigned[assign[i]]++;
    have_assign = 1;
  }
  for (int l = 0; l < 10; l++) r->labels_unassigned += n_assigned[l] == 0;
  r->counts = plastic->counts;
  rc = 0;
  /* A failed save keeps the results (status 1): the caller still reports them. */
  if (c->save_weights &&
      msl_npy_save_colmajor(c->save_weights, plastic->ops->weights(plastic), N, N_IN)) {
    snprintf(r->error, sizeof r->error, "%s", msl_error());
    rc = 1;
  }
  goto done;
step_error:
  snprintf(r->error, sizeof r->error, "%s", msl_error());
  goto done;
net_error:
  snprintf(r->error, sizeof r->error, "building the network: %s", msl_net_error(net));
done:
  r->seconds = now_s() - t0;
  msl_net_free(net);
  if (have_in) msl_spikes_free(&in);
  if (have_zero) msl_spikes_free(&zero);
  free(W0);
  free(rowsum);
  free(total);
  free(counts);
  free(assign);
  free(order);
  msl_encoder_free(enc);
  return rc;
}
