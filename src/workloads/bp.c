/* bp.c: workload 2, approximate gradient descent with spikes (Tavanaei &
 * Maida 2018 style), SPEC 8.
 *
 * 784 Bernoulli inputs -> H integrate-and-fire (v0 = 0.1) -> 10
 * integrate-and-fire (v0 = 1). Every 7 steps the output error
 * e_out = onehot - min(count, 1) and the hidden error
 * e_hid = (e_out (W_out - 0.05)) * (hidden count > 0) are replayed into both
 * plastic synapses with the interval's pre spike counts. */
#include "msl/workload.h"

#include <limits.h>
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
#include "msl/rng.h"
#include "engine/state.h"
#include "run_ckpt.h"

enum { N_IN = 784, N_OUT = 10, T_SAMPLE = 50, INTERVAL = 7 };
static const double BALANCE = -0.05; /* uniform balance synapse weight */

void msl_bp_config_default(msl_bp_config *c) {
  memset(c, 0, sizeof *c);
  c->hidden = 1500;
  c->epochs = 3;
  c->train = 33000;
  c->test = 1000;
  c->test_every = 1000;
  c->lr = 2e-4;
  c->seed = 1;
  c->device = "ideal";
  msl_params_init(&c->params, 2);
}

void msl_bp_result_free(msl_bp_result *r) {
  free(r->curve);
  r->curve = NULL;
}

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

typedef struct {
  msl_net *net;
  msl_layer *hid, *out;
  msl_synapse *w1, *w2;
  msl_spikes in, zero, c_in, c_hid, c_out;
  double *e_hid;
  msl_encoder *enc;
} bp_net;

static int evaluate(bp_net *b, const msl_bp_config *c, const msl_mnist *d, msl_rng *rng) {
  int correct = 0;
  const msl_spikes *inputs[1] = {&b->in};
  for (int s = 0; s < c->test; s++) {
    int idx = c->train + s;
    msl_encoder_set_image(b->enc, d->train_x + (size_t)idx * N_IN, 1.0);
    msl_layer_reset(b->hid);
    msl_layer_reset(b->out);
    int counts[N_OUT] = {0};
    for (int t = 0; t < T_SAMPLE; t++) {
      msl_encoder_draw(b->enc, rng, &b->in);
      msl_net_step(b->net, inputs, 0);
      const msl_spikes *o = msl_layer_spikes(b->out);
      for (int k = 0; k < o->nnz; k++) counts[o->idx[k]]++;
    }
    int best = 0;
    for (int l = 1; l < N_OUT; l++)
      if (counts[l] > counts[best]) best = l;
    correct += best == d->train_y[idx];
  }
  return correct;
}

/* One step of a training sample: forward without learning, then count. */
static void train_step(bp_net *b, const msl_spikes *input) {
  const msl_spikes *inputs[1] = {input};
  msl_net_step(b->net, inputs, 0); /* no learning: cannot fail */
  msl_spikes_accumulate(&b->c_in, input);
  msl_spikes_accumulate(&b->c_hid, msl_layer_spikes(b->hid));
  msl_spikes_accumulate(&b->c_out, msl_layer_spikes(b->out));
}

void msl_bp_errors(const msl_spikes *out_count, int label, const double *W_out,
                   const msl_spikes *hid_count, int n_hidden, double *e_out, double *e_hid) {
  const int n_out = out_count->n;
  for (int i = 0; i < n_out; i++)
    e_out[i] = (i == label ? 1.0 : 0.0) - (out_count->x[i] > 0.0f ? 1.0 : 0.0);
  for (int j = 0; j < n_hidden; j++) e_hid[j] = 0.0;
  for (int k = 0; k < hid_count->nnz; k++) {
    int j = hid_count->idx[k];
    const double *w = W_out + (size_t)j * n_out;
    double e = 0.0;
    for (int i = 0; i < n_out; i++) e += e_out[i] * (w[i] + BALANCE);
    e_hid[j] = e;
  }
}

/* End of an interval: errors from the counts, replay (output synapse
 * first, with the errors computed from the weights before any update),
 * then clear the counts. */
static int learn_interval(bp_net *b, int label, int H) {
  double e_out[N_OUT];
  msl_bp_errors(&b->c_out, label, b->w2->ops->weights(b->w2), &b->c_hid, H, e_out, b->e_hid);
  if (b->w2->ops->replay(b->w2, &b->c_hid, e_out) || b->w1->ops->replay(b->w1, &b->c_in, b->e_hid))
    return -1;
  msl_spikes_clear(&b->c_in);
  msl_spikes_clear(&b->c_hid);
  msl_spikes_clear(&b->c_out);
  return 0;
}

/* layer: 1 (input to hidden) or 2; it keys the crossbar's non-idealities,
 * so the two arrays' cells vary independently. */
static msl_synapse *make_plastic(const msl_bp_config *c, int layer, int n_pre, int n_post,
                                 msl_rng *rng, char *err, size_t errlen) {
  size_t n = (size_t)n_pre * n_post;
  double *W0 = malloc(n * sizeof *W0);
  if (!W0) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  /* clip(N(0,1) + 5, 0, 10) * 0.01, drawn post-major like the reference. */
  for (int i = 0; i < n_post; i++)
    for (int j = 0; j < n_pre; j++) {
      double w = msl_rng_normal(rng) + 5.0;
      w = w < 0.0 ? 0.0 : w > 10.0 ? 10.0 : w;
      W0[(size_t)j * n_post + i] = w * 0.01;
    }
  msl_synapse *S = NULL;
  msl_trace_params none = {0.0, 0.0, 0.0};
  if (strcmp(c->device, "ideal") == 0) {
    msl_stdp_params sp = {0.0, 0.0, 0.1, c->lr, 1, none, none};
    S = msl_plastic_new(n_pre, n_post, W0, &sp, MSL_EXC);
    if (!S) snprintf(err, errlen, "out of memory");
  } else {
    msl_params ps = c->params;
    ps.workload = 2;
    ps.quirks = c->quirks;
    msl_crossbar_params xp = {c->device, c->rule, NULL, NULL, &ps, none, none,
                              layer == 1 ? c->seed : c->seed ^ 0x5bd1e995a5a5a5a5ull};
    S = msl_crossbar_new(n_pre, n_post, W0, &xp, MSL_EXC);
    if (!S) snprintf(err, errlen, "%s", msl_error());
  }
  free(W0);
  return S;
}

/* What changes between samples besides the network (a checkpoint's
 * contents; docs/checkpoints.md). */
typedef struct {
  int epochs, train, test_every;
  int ep, s;                 /* next: sample s of epoch ep */
  long seen, seen_prev, max_curve;
  double energy_prev;
  msl_rng rng_in, rng_test;
  double t0, seconds_before, t_test; /* this call's start; earlier calls' time; testing time */
  msl_net *net;
  msl_bp_result *r;
} bp_run;

static int bp_state(msl_ckpt *c, void *ctx) {
  bp_run *u = ctx;
  msl_bp_result *r = u->r;
  int64_t ep = u->ep, s = u->s, nc = r->n_curve;
  double t = now_s(), sec = u->seconds_before + (t - u->t0);
  if (msl_ckpt_count(c, "bp.epoch", &ep, u->epochs - 1) ||
      msl_ckpt_count(c, "bp.sample", &s, u->train - 1) || msl_ckpt_long(c, "bp.seen", &u->seen) ||
      msl_ckpt_long(c, "bp.seen_prev", &u->seen_prev) ||
      msl_ckpt_f64(c, "bp.energy_prev", &u->energy_prev, 1) ||
      msl_ckpt_f64(c, "bp.seconds", &sec, 1) || msl_ckpt_f64(c, "bp.test_seconds", &u->t_test, 1) ||
      msl_rng_state(c, "bp.rng_input", &u->rng_in) ||
      msl_rng_state(c, "bp.rng_test", &u->rng_test) ||
      msl_ckpt_f64(c, "bp.test_accuracy", &r->test_accuracy, 1) ||
      msl_ckpt_count(c, "bp.n_curve", &nc, u->max_curve) ||
      msl_ckpt_f64(c, "bp.curve", r->curve[0], (size_t)nc * 3) || msl_net_state(c, u->net))
    return -1;
  u->ep = (int)ep;
  u->s = (int)s;
  r->n_curve = (int)nc;
  /* time so far is now in seconds_before: a save restarts the clock (t0 = t),
     a load keeps it running since this call's start */
  u->seconds_before = sec;
  if (!msl_ckpt_loading(c))
    u->t0 = t;
  if (msl_ckpt_loading(c) && (u->seen != (long)u->ep * u->train + u->s ||
                              r->n_curve != u->seen / u->test_every))
    return msl_error_set("checkpoint: workload 2's position is inconsistent");
  return 0;
}

/* The configuration text of a checkpoint (as stdp.c's). */
static char *bp_config_text(const msl_bp_config *c, const msl_mnist *d) {
  run_config k = {0};
  run_config_add(&k, "workload", "bp");
  run_config_add(&k, "--hidden", "%d", c->hidden);
  run_config_add(&k, "--epochs", "%d", c->epochs);
  run_config_add(&k, "--train", "%d", c->train);
  run_config_add(&k, "--test", "%d", c->test);
  run_config_add(&k, "--test-every", "%d", c->test_every);
  run_config_device(&k, c->lr, c->seed, c->quirks, c->device, c->rule, &c->params);
  const size_t n = (size_t)c->train + c->test;
  run_config_data(&k, "train-images", d->train_x, n * N_IN);
  run_config_data(&k, "train-labels", d->train_y, n);
  return k.text;
}

/* ---- configuration checks (the data-free part is public: the CLI calls it
 * before loading MNIST) ---- */
int msl_bp_config_check(const msl_bp_config *c) {
  if (c->hidden < 1 || c->hidden > 1000000)
    return msl_error_set("--hidden: must be 1..1000000, got %d", c->hidden);
  if (c->epochs < 1) return msl_error_set("--epochs: must be >= 1, got %d", c->epochs);
  if (c->train < 1 || c->test < 1)
    return msl_error_set("--train/--test: need train >= 1 and test >= 1, got %d + %d", c->train,
                         c->test);
  if (c->test_every < 1) return msl_error_set("--test-every: must be >= 1, got %d", c->test_every);
  if (!(c->lr > 0.0) || !(c->lr <= MSL_LR_MAX))
    return msl_error_set("--lr: must be in (0, %g], got %g", MSL_LR_MAX, c->lr);
  return 0;
}

size_t msl_bp_memory_bytes(const msl_bp_config *c) {
  const double cells1 = (double)N_IN * c->hidden, cells2 = (double)c->hidden * N_OUT;
  /* weights (and a crossbar's states) of both synapses, plus the initial
   * weights of the larger one while it is built; per neuron: layers, traces,
   * spike vectors, errors, crossbar line buffers (a generous 1 KiB); the
   * curve of evaluations. */
  double per_cell = strcmp(c->device, "ideal") == 0 ? 8.0 : 16.0 + msl_nonideal_bytes_per_cell(&c->params);
  double evals = (double)c->epochs * c->train / c->test_every + 2.0;
  double b = (cells1 + cells2) * per_cell + 8.0 * (cells1 > cells2 ? cells1 : cells2) +
             1024.0 * (c->hidden + N_IN + N_OUT) + 24.0 * evals;
  return b >= (double)SIZE_MAX ? SIZE_MAX : (size_t)b;
}

static int check_config(const msl_bp_config *c, const msl_mnist *d, char *err, size_t n) {
  if (msl_bp_config_check(c)) snprintf(err, n, "%s", msl_error());
  else if ((long)c->train + c->test > d->n_train)
    snprintf(err, n, "--train/--test: need train >= 1, test >= 1 and train + test <= %d "
             "(test images are the training images after the training range), got %d + %d",
             d->n_train, c->train, c->test);
  else if (d->pixels != N_IN)
    snprintf(err, n, "data: images have %d pixels, workload 2 needs 784 (28x28)", d->pixels);
  else
    return 0;
  return -1;
}

int msl_bp_run(const msl_bp_config *c, const msl_mnist *d, msl_bp_result *r) {
  memset(r, 0, sizeof *r);
  if (check_config(c, d, r->error, sizeof r->error)) return -1;
  const int H = c->hidden;
  const msl_checkpoint_opts *ck = &c->checkpoint;
  bp_run u;
  memset(&u, 0, sizeof u);
  u.t0 = now_s();
  u.r = r;
  u.epochs = c->epochs;
  u.train = c->train;
  u.test_every = c->test_every;
  int rc = -1;
  char *config = NULL;
  msl_rng rng_init;
  msl_rng_seed(&rng_init, c->seed, MSL_STREAM_INIT);
  msl_rng_seed(&u.rng_in, c->seed, MSL_STREAM_INPUT);
  msl_rng_seed(&u.rng_test, c->seed, MSL_STREAM_INPUT + 100);

  bp_net b;
  memset(&b, 0, sizeof b);
  long total = (long)c->epochs * c->train;
  long max_curve = total / c->test_every + 2; /* long: epochs x train overflows int */
  if (max_curve > INT_MAX) {
    snprintf(r->error, sizeof r->error,
             "--test-every: %ld evaluations (epochs x train / test-every) are more than a "
             "learning curve can hold (%d)", max_curve - 2, INT_MAX);
    return -1;
  }
  u.max_curve = max_curve;
  r->curve = calloc((size_t)max_curve, sizeof *r->curve);
  b.net = u.net = msl_net_new();
  b.e_hid = calloc((size_t)H, sizeof *b.e_hid);
  b.enc = msl_encoder_new(N_IN);
  int spk_ok = !msl_spikes_init(&b.in, N_IN) && !msl_spikes_init(&b.zero, N_IN) &&
               !msl_spikes_init(&b.c_in, N_IN) && !msl_spikes_init(&b.c_hid, H) &&
               !msl_spikes_init(&b.c_out, N_OUT);
  if (!r->curve || !b.net || !b.e_hid || !b.enc || !spk_ok) {
    snprintf(r->error, sizeof r->error, "out of memory");
    goto done;
  }
  /* Layers first; each plastic synapse is handed to the net (which owns it,
   * even on failure) right after it is made. */
  msl_net_add_input(b.net, "input", N_IN);
  if (msl_net_add_layer(b.net, "hidden", msl_if_new(H, 0.1)) < 0 ||
      msl_net_add_layer(b.net, "output", msl_if_new(N_OUT, 1.0)) < 0) {
    snprintf(r->error, sizeof r->error, "building the network: %s", msl_net_error(b.net));
    goto done;
  }
  if (!(b.w1 = make_plastic(c, 1, N_IN, H, &rng_init, r->error, sizeof r->error))) goto done;
  if (msl_net_add_synapse(b.net, "hidden", b.w1, "input") < 0) goto net_error;
  if (msl_net_add_synapse(b.net, "hidden", msl_uniform_new(N_IN, H, BALANCE, MSL_EXC), "input") < 0)
    goto net_error;
  if (!(b.w2 = make_plastic(c, 2, H, N_OUT, &rng_init, r->error, sizeof r->error))) goto done;
  if (msl_net_add_synapse(b.net, "output", b.w2, "hidden") < 0 ||
      msl_net_add_synapse(b.net, "output", msl_uniform_new(H, N_OUT, BALANCE, MSL_EXC), "hidden") < 0)
    goto net_error;
  b.hid = msl_net_layer(b.net, "hidden");
  b.out = msl_net_layer(b.net, "output");

  if (ck->path) {
    if (!(config = bp_config_text(c, d))) {
      snprintf(r->error, sizeof r->error, "out of memory");
      goto done;
    }
    int got = run_ckpt_load(ck->path, config, bp_state, &u);
    if (got < 0) {
      snprintf(r->error, sizeof r->error, "%s", msl_error());
      goto done;
    }
    if (got > 0) r->resumed_at = u.seen;
  }
  long last_ck = u.seen;
  while (u.ep < c->epochs) {
    const int s = u.s;
    const int label = d->train_y[s];
    msl_encoder_set_image(b.enc, d->train_x + (size_t)s * N_IN, 1.0);
    msl_layer_reset(b.hid);
    msl_layer_reset(b.out);
    msl_spikes_clear(&b.c_in);
    msl_spikes_clear(&b.c_hid);
    msl_spikes_clear(&b.c_out);
    msl_encoder_draw(b.enc, &u.rng_in, &b.in); /* drawn and discarded, as the reference */
    for (int t = 1; t < T_SAMPLE; t++) {
      msl_encoder_draw(b.enc, &u.rng_in, &b.in);
      train_step(&b, &b.in);
      if (t % INTERVAL == 0) {
        train_step(&b, &b.zero);
        if (learn_interval(&b, label, H)) {
          snprintf(r->error, sizeof r->error, "%s", msl_error());
          goto done;
        }
      }
    }
    u.seen++;
    if (u.seen % c->test_every == 0 || u.seen == total) {
      double te = now_s();
      double acc = (double)evaluate(&b, c, d, &u.rng_test) / c->test;
      u.t_test += now_s() - te;
      r->curve[r->n_curve][0] = (double)u.seen;
      r->curve[r->n_curve][1] = acc;
      double energy = b.w1->stats.energy_j + b.w2->stats.energy_j;
      r->curve[r->n_curve][2] = (energy - u.energy_prev) / (double)(u.seen - u.seen_prev);
      u.energy_prev = energy;
      u.seen_prev = u.seen;
      r->n_curve++;
      r->test_accuracy = acc;
    }
    if (c->progress)
      c->progress(c->progress_ctx, u.seen, total, r->test_accuracy > 0 ? r->test_accuracy : -1.0,
                  (b.w1->stats.energy_j + b.w2->stats.energy_j) / u.seen * 1e9);
    if (++u.s == c->train) {
      u.s = 0;
      u.ep++;
    }
    const int stop = ck->stop && *ck->stop;
    if (ck->path && u.ep < c->epochs && (stop || u.seen - last_ck >= ck->every)) {
      if (msl_ckpt_file_write(ck->path, config, bp_state, &u)) {
        snprintf(r->error, sizeof r->error, "%s", msl_error());
        goto done;
      }
      r->checkpoints++;
      last_ck = u.seen;
      if (stop) {
        snprintf(r->error, sizeof r->error, "stopped after %ld of %ld samples; checkpoint written "
                 "to %s (run the same command again to resume)", u.seen, total, ck->path);
        rc = MSL_RUN_STOPPED;
        goto done;
      }
    }
  }
  r->train_samples = u.seen;
  r->stats[0] = b.w1->stats;
  r->stats[1] = b.w2->stats;
  r->counts.clamped = b.w1->counts.clamped + b.w2->counts.clamped;
  r->counts.weights_set = b.w1->counts.weights_set + b.w2->counts.weights_set;
  r->counts.weights_clipped = b.w1->counts.weights_clipped + b.w2->counts.weights_clipped;
  r->counts.weights_stuck = b.w1->counts.weights_stuck + b.w2->counts.weights_stuck;
  r->counts.stuck_off = b.w1->counts.stuck_off + b.w2->counts.stuck_off;
  r->counts.stuck_on = b.w1->counts.stuck_on + b.w2->counts.stuck_on;
  r->counts.worn_cells = b.w1->counts.worn_cells + b.w2->counts.worn_cells;
  r->counts.stuck_pulses = b.w1->counts.stuck_pulses + b.w2->counts.stuck_pulses;
  rc = 0;
  goto done;
net_error:
  snprintf(r->error, sizeof r->error, "building the network: %s", msl_net_error(b.net));
done:
  r->seconds = u.seconds_before + (now_s() - u.t0);
  r->train_seconds = r->seconds - u.t_test;
  msl_net_free(b.net);
  msl_spikes_free(&b.in);
  msl_spikes_free(&b.zero);
  msl_spikes_free(&b.c_in);
  msl_spikes_free(&b.c_hid);
  msl_spikes_free(&b.c_out);
  free(b.e_hid);
  free(config);
  msl_encoder_free(b.enc);
  return rc;
}
