/* stdp.c: workload 1, unsupervised STDP on MNIST (Diehl & Cook 2015), SPEC 7.
 *
 * 784 Poisson inputs -> N adaptive excitatory <-> N inhibitory neurons; the
 * input synapse is plastic (ideal or a device crossbar). Samples run in
 * chunks of B; each chunk is scored with the previous chunk's assignment of
 * neurons to labels. With a label pass, one more chunk before the test
 * presents the first training images with learning and adaptation off, and
 * its responses assign the labels the test uses. */
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
#include "engine/state.h"
#include "run_ckpt.h"

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

/* What changes between samples besides the network: the position, the
 * chunk's tallies, the assignment, the order, the random streams and the
 * results so far (everything a checkpoint holds; docs/checkpoints.md). */
typedef struct {
  int N, train, n_chunks, label_pass;
  int ch, s;          /* next: sample s of chunk ch (s == 0: the chunk has not begun) */
  int presented;      /* presentations of sample s so far (0: it has not begun) */
  double f;           /* ... the input rate of its next presentation */
  msl_syn_stats sample_stats; /* ... and its counters so far */
  long done_samples;
  int freq[10], correct;
  double chunk_energy;
  int have_assign, n_assigned[10];
  double *counts;     /* [10 N] */
  int *assign, *order;
  msl_rng rng_shuffle, rng_in;
  double t0, seconds_before; /* this call's start; time of the calls before it */
  msl_net *net;
  msl_stdp_result *r;
} stdp_run;

static int stdp_state(msl_ckpt *c, void *ctx) {
  stdp_run *u = ctx;
  msl_stdp_result *r = u->r;
  int64_t ch = u->ch, s = u->s;
  double t = now_s(), sec = u->seconds_before + (t - u->t0);
  if (msl_ckpt_count(c, "stdp.chunk", &ch, u->n_chunks - 1) ||
      msl_ckpt_count(c, "stdp.sample", &s, INT32_MAX) ||
      msl_ckpt_i32(c, "stdp.presented", &u->presented, 1) ||
      msl_ckpt_f64(c, "stdp.rate", &u->f, 1) ||
      msl_ckpt_f64(c, "stdp.sample_stats", (double *)&u->sample_stats,
                   sizeof u->sample_stats / sizeof(double)) ||
      msl_ckpt_long(c, "stdp.done_samples", &u->done_samples) ||
      msl_ckpt_f64(c, "stdp.seconds", &sec, 1) ||
      msl_rng_state(c, "stdp.rng_shuffle", &u->rng_shuffle) ||
      msl_rng_state(c, "stdp.rng_input", &u->rng_in) ||
      msl_ckpt_i32(c, "stdp.order", u->order, (size_t)u->train) ||
      msl_ckpt_f64(c, "stdp.counts", u->counts, (size_t)10 * u->N) ||
      msl_ckpt_i32(c, "stdp.assign", u->assign, (size_t)u->N) ||
      msl_ckpt_i32(c, "stdp.freq", u->freq, 10) || msl_ckpt_i32(c, "stdp.correct", &u->correct, 1) ||
      msl_ckpt_f64(c, "stdp.chunk_energy", &u->chunk_energy, 1) ||
      msl_ckpt_i32(c, "stdp.have_assign", &u->have_assign, 1) ||
      msl_ckpt_i32(c, "stdp.n_assigned", u->n_assigned, 10) ||
      msl_ckpt_f64(c, "stdp.test_accuracy", &r->test_accuracy, 1) ||
      msl_ckpt_i32(c, "stdp.n_chunks", &r->n_chunks, 1) ||
      msl_ckpt_f64(c, "stdp.chunk_accuracy", r->chunk_accuracy, 256) ||
      msl_ckpt_i32(c, "stdp.n_chunk_energy", &r->n_chunk_energy, 1) ||
      msl_ckpt_f64(c, "stdp.chunk_energy_j", r->chunk_energy_j, 256) ||
      msl_ckpt_long(c, "stdp.presentations", &r->presentations) ||
      msl_ckpt_long(c, "stdp.representations", &r->representations) ||
      msl_ckpt_long(c, "stdp.train_samples", &r->train_samples) ||
      msl_ckpt_f64(c, "stdp.energy_train_j", &r->energy_train_j, 1) ||
      msl_ckpt_f64(c, "stdp.energy_test_j", &r->energy_test_j, 1) ||
      (u->label_pass && msl_ckpt_f64(c, "stdp.energy_label_j", &r->energy_label_j, 1)) ||
      msl_ckpt_f64(c, "stdp.train_stats", (double *)&r->train_stats,
                   sizeof r->train_stats / sizeof(double)) ||
      msl_net_state(c, u->net))
    return -1;
  u->ch = (int)ch;
  u->s = (int)s;
  /* time so far is now in seconds_before: a save restarts the clock (t0 = t),
     a load keeps it running since this call's start */
  u->seconds_before = sec;
  if (!msl_ckpt_loading(c))
    u->t0 = t;
  if (msl_ckpt_loading(c)) {
    /* one energy per chunk done, one accuracy per chunk done after the first */
    int bad = r->n_chunk_energy != u->ch || r->n_chunks != (u->ch > 0 ? u->ch - 1 : 0) ||
              u->have_assign != (u->ch > 0) || u->presented < 0 ||
              (u->presented > 0 && !(u->f > 0.0 && u->f < 1e9));
    for (int i = 0; i < u->N && !bad; i++) bad = u->assign[i] < 0 || u->assign[i] > 9;
    for (int i = 0; i < u->train && !bad; i++) bad = u->order[i] < 0 || u->order[i] >= u->train;
    if (bad) return msl_error_set("checkpoint: workload 1's tallies are out of range");
  }
  return 0;
}

/* The configuration text of a checkpoint: every option that affects the
 * results (not --threads, --out, --save-weights, --quiet), and the data. */
static char *stdp_config_text(const msl_stdp_config *c, const msl_mnist *d) {
  run_config k = {0};
  run_config_add(&k, "workload", "stdp");
  run_config_add(&k, "--neurons", "%d", c->neurons);
  run_config_add(&k, "--epochs", "%d", c->epochs);
  run_config_add(&k, "--train", "%d", c->train);
  run_config_add(&k, "--test", "%d", c->test);
  run_config_add(&k, "--label-window", "%d", c->label_window);
  run_config_add(&k, "--freeze-test", "%d", c->freeze_test);
  if (c->label_pass) /* (absent when off: older checkpoints stay valid) */
    run_config_add(&k, "--label-pass", "%d", c->label_pass);
  run_config_device(&k, c->lr, c->seed, c->quirks, c->device, c->rule, &c->params);
  run_config_data(&k, "train-images", d->train_x, (size_t)c->train * N_IN);
  run_config_data(&k, "train-labels", d->train_y, (size_t)c->train);
  run_config_data(&k, "test-images", d->test_x, (size_t)c->test * N_IN);
  run_config_data(&k, "test-labels", d->test_y, (size_t)c->test);
  return k.text;
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
  if (c->label_pass < 0 || c->label_pass > c->train)
    return msl_error_set("--label-pass: must be 0..%d (--train), got %d", c->train, c->label_pass);
  if ((long)c->epochs * ((c->train + (long)c->label_window - 1) / c->label_window) +
          (c->label_pass > 0) + 1 > 256)
    return msl_error_set("--label-window: too many chunks (at most 255 training chunks, "
                         "the label pass included)");
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

/* At a presentation boundary: a checkpoint when one is due (every
 * presentations since the last, or a stop asked for). 0 to go on,
 * MSL_RUN_STOPPED, or -1 (r->error set). */
static int stdp_boundary(stdp_run *u, const msl_checkpoint_opts *ck, const char *config,
                         long *last_ck, long total_samples) {
  msl_stdp_result *r = u->r;
  const int stop = ck->stop && *ck->stop;
  if (!ck->path || u->ch >= u->n_chunks || !(stop || r->presentations - *last_ck >= ck->every))
    return 0;
  if (msl_ckpt_file_write(ck->path, config, stdp_state, u)) {
    snprintf(r->error, sizeof r->error, "%s", msl_error());
    return -1;
  }
  r->checkpoints++;
  *last_ck = r->presentations;
  if (!stop) return 0;
  snprintf(r->error, sizeof r->error, "stopped after %ld of %ld samples; checkpoint written to "
           "%s (run the same command again to resume)", u->done_samples, total_samples, ck->path);
  return MSL_RUN_STOPPED;
}

enum { CHUNK_TRAIN, CHUNK_LABEL, CHUNK_TEST };

/* Chunk ch: its kind, its first sample and its length. Training chunks
 * (epochs x ceil(train / B)), then the label pass (if any), then the test. */
static int chunk_of(const msl_stdp_config *c, int ch, int n_chunks, int *first, int *size) {
  const int B = c->label_window;
  const int kind = ch == n_chunks - 1 ? CHUNK_TEST
                   : c->label_pass && ch == n_chunks - 2 ? CHUNK_LABEL : CHUNK_TRAIN;
  *first = kind == CHUNK_TRAIN ? ch % ((c->train + B - 1) / B) * B : 0;
  *size = kind == CHUNK_TEST    ? c->test
          : kind == CHUNK_LABEL ? c->label_pass
                                : (*first + B <= c->train ? B : c->train - *first);
  return kind;
}

int msl_stdp_run(const msl_stdp_config *c, const msl_mnist *data, msl_stdp_result *r) {
  memset(r, 0, sizeof *r);
  if (check_config(c, data, r->error, sizeof r->error)) return -1;
  const int N = c->neurons;
  const msl_checkpoint_opts *ck = &c->checkpoint;
  stdp_run u;
  memset(&u, 0, sizeof u);
  u.t0 = now_s();
  u.r = r;
  int rc = -1;
  char *config = NULL;

  /* Initial weights (U[0,1) + 0.01) * 0.3, drawn post-major like the reference. */
  msl_rng rng_init;
  msl_rng_seed(&rng_init, c->seed, MSL_STREAM_INIT);
  msl_rng_seed(&u.rng_shuffle, c->seed, MSL_STREAM_SHUFFLE);
  msl_rng_seed(&u.rng_in, c->seed, MSL_STREAM_INPUT);
  double *W0 = malloc((size_t)N * N_IN * sizeof *W0);
  double *rowsum = malloc((size_t)N * sizeof *rowsum);
  double *total = malloc((size_t)N * sizeof *total);
  u.counts = calloc((size_t)10 * N, sizeof *u.counts);
  u.assign = calloc((size_t)N, sizeof *u.assign);
  u.order = malloc((size_t)c->train * sizeof *u.order);
  msl_encoder *enc = msl_encoder_new(N_IN);
  msl_spikes in, zero;
  int have_in = msl_spikes_init(&in, N_IN) == 0, have_zero = msl_spikes_init(&zero, N_IN) == 0;
  msl_net *net = u.net = msl_net_new();
  if (!W0 || !rowsum || !total || !u.counts || !u.assign || !u.order || !enc || !have_in ||
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
  const int n_chunks = c->epochs * chunks_per_epoch + (c->label_pass > 0) + 1;
  const long total_samples = (long)c->epochs * c->train + c->label_pass + c->test;
  u.N = N;
  u.train = c->train;
  u.n_chunks = n_chunks;
  u.label_pass = c->label_pass;
  for (int i = 0; i < c->train; i++) u.order[i] = i;
  if (ck->path) {
    if (!(config = stdp_config_text(c, data))) {
      snprintf(r->error, sizeof r->error, "out of memory");
      goto done;
    }
    int got = run_ckpt_load(ck->path, config, stdp_state, &u);
    int first, size;
    if (got > 0 && u.s >= (chunk_of(c, u.ch, n_chunks, &first, &size), size))
      got = msl_error_set("%s: checkpoint: sample %d of a chunk of %d", ck->path, u.s, size);
    if (got < 0) {
      snprintf(r->error, sizeof r->error, "%s", msl_error());
      goto done;
    }
    if (got > 0) r->resumed_at = u.done_samples > 0 ? u.done_samples : 1;
  }
  long last_ck = r->presentations;
  int b; /* a boundary's outcome */

  while (u.ch < n_chunks) {
    int first, size;
    const int kind = chunk_of(c, u.ch, n_chunks, &first, &size);
    const int is_test = kind == CHUNK_TEST, is_label = kind == CHUNK_LABEL;
    const int learn = !(is_label || (is_test && c->freeze_test));
    if (u.s == 0 && u.presented == 0) { /* the chunk begins */
      if (kind == CHUNK_TRAIN && u.ch % chunks_per_epoch == 0)
        msl_rng_shuffle(&u.rng_shuffle, u.order, c->train);
      if (exc->ops->set_adapt) exc->ops->set_adapt(exc, learn);
      memset(u.freq, 0, sizeof u.freq);
      u.correct = 0;
      u.chunk_energy = 0.0;
      memset(u.counts, 0, (size_t)10 * N * sizeof *u.counts);
    }
    const int s = u.s;
    /* (the label pass: the first training images in the file's order) */
    const int img_k = is_test || is_label ? s : u.order[first + s];
    const uint8_t *img = (is_test ? data->test_x : data->train_x) + (size_t)img_k * N_IN;
    const int label = is_test ? data->test_y[s] : data->train_y[img_k];
    int minpix = 255; /* the dimmest lit pixel */
    for (int j = 0; j < N_IN; j++)
      if (img[j]) minpix = img[j] < minpix ? img[j] : minpix;
    if (u.presented == 0) { /* the sample begins (else it resumes) */
      u.f = 63.75 * TSTEP;
      memset(&u.sample_stats, 0, sizeof u.sample_stats);
    }
    long out_count;
    for (;;) {
      msl_synapse_stats_reset(plastic); /* (before: a bias drive's catch-up counts) */
      msl_synapse_normalise(plastic, 0.0, 1.0, W_SUM, rowsum); /* SPEC 7 */
      msl_encoder_set_image(enc, img, u.f);
      for (int i = 0; i < N; i++) total[i] = 0.0;
      out_count = 0;
      for (int t = 0; t < STEPS_INPUT; t++) {
        msl_encoder_draw(enc, &u.rng_in, &in);
        if (msl_net_step(net, in_vec, learn)) goto step_error;
        const msl_spikes *o = msl_layer_spikes(exc);
        out_count += o->nnz;
        for (int k = 0; k < o->nnz; k++) total[o->idx[k]] += 1.0;
      }
      for (int t = 0; t < STEPS_REST; t++)
        if (msl_net_step(net, zero_vec, learn)) goto step_error;
      r->presentations++;
      r->representations += u.presented++ > 0;
      if (c->quirks) memset(&u.sample_stats, 0, sizeof u.sample_stats); /* SPEC 9.3 */
      msl_syn_stats_add(&u.sample_stats, &plastic->stats);
      if (out_count >= MIN_SPIKES) break;
      /* Re-present with a higher rate until MIN_SPIKES output spikes, but
       * not past the rate at which every lit input spikes on every step:
       * beyond it the input cannot grow. */
      if (u.f * (minpix / 255.0) >= 1.0) {
        snprintf(r->error, sizeof r->error,
                 "%s image %d: no excitatory neuron fired %d times even with every input "
                 "spiking on every step (%d presentations); the weights are too weak to "
                 "drive the network (%.3g%% of the weights set so far were clipped to the "
                 "device's range)", is_test ? "test" : "training", img_k, MIN_SPIKES, u.presented,
                 plastic->counts.weights_set
                     ? 100.0 * plastic->counts.weights_clipped / plastic->counts.weights_set
                     : 0.0);
        goto done;
      }
      u.f += 32 * TSTEP;
      if ((b = stdp_boundary(&u, ck, config, &last_ck, total_samples))) goto stop;
    }
    u.presented = 0;
    const msl_syn_stats sample_stats = u.sample_stats;

    u.freq[label]++;
    for (int i = 0; i < N; i++) u.counts[label * N + i] += total[i];
    if (u.have_assign && predict(total, u.assign, u.n_assigned, N, c->quirks) == label) u.correct++;
    u.chunk_energy += sample_stats.energy_j;
    if (is_test) r->energy_test_j += sample_stats.energy_j;
    else if (is_label) r->energy_label_j += sample_stats.energy_j; /* (no learning: 0) */
    else {
      r->energy_train_j += sample_stats.energy_j;
      msl_syn_stats_add(&r->train_stats, &sample_stats);
      r->train_samples++;
    }
    u.done_samples++;
    if (c->progress)
      c->progress(c->progress_ctx, u.done_samples, total_samples,
                  u.have_assign ? (double)u.correct / (s + 1) : -1.0,
                  (r->energy_train_j + r->energy_test_j) / u.done_samples * 1e9);
    if (++u.s == size) { /* the chunk ends */
      if (u.have_assign) r->chunk_accuracy[r->n_chunks++] = (double)u.correct / size;
      r->chunk_energy_j[r->n_chunk_energy++] = u.chunk_energy / size;
      if (is_test) r->test_accuracy = u.have_assign ? (double)u.correct / size : 0.0;
      assign_labels(u.counts, u.freq, N, c->quirks, u.assign);
      memset(u.n_assigned, 0, sizeof u.n_assigned);
      for (int i = 0; i < N; i++) u.n_assigned[u.assign[i]]++;
      u.have_assign = 1;
      u.ch++;
      u.s = 0;
    }
    if ((b = stdp_boundary(&u, ck, config, &last_ck, total_samples))) goto stop;
  }
  for (int l = 0; l < 10; l++) r->labels_unassigned += u.n_assigned[l] == 0;
  r->counts = plastic->counts;
  rc = 0;
  /* A failed save keeps the results (status 1): the caller still reports them. */
  if (c->save_weights &&
      msl_npy_save_colmajor(c->save_weights, plastic->ops->weights(plastic), N, N_IN)) {
    snprintf(r->error, sizeof r->error, "%s", msl_error());
    rc = 1;
  }
  goto done;
stop: /* a checkpoint's failure (-1) or a stop (MSL_RUN_STOPPED) */
  rc = b;
  goto done;
step_error:
  snprintf(r->error, sizeof r->error, "%s", msl_error());
  goto done;
net_error:
  snprintf(r->error, sizeof r->error, "building the network: %s", msl_net_error(net));
done:
  r->seconds = u.seconds_before + (now_s() - u.t0);
  msl_net_free(net);
  if (have_in) msl_spikes_free(&in);
  if (have_zero) msl_spikes_free(&zero);
  free(W0);
  free(rowsum);
  free(total);
  free(u.counts);
  free(u.assign);
  free(u.order);
  free(config);
  msl_encoder_free(enc);
  return rc;
}
