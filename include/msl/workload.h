/* workload.h: the two MNIST workloads of the paper, as library calls.
 * Each fills a result struct; the CLI turns it into the JSON line. */
#ifndef MSL_WORKLOAD_H
#define MSL_WORKLOAD_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "msl/mnist.h"
#include "msl/param.h"
#include "msl/synapse.h"
#include "msl/api.h"

MSL_BEGIN_DECLS

/* Called after every sample: samples done of total, the running accuracy of
 * the current chunk or test (< 0: none yet) and the programming energy per
 * image so far, nJ (0 on the ideal device). */
typedef void (*msl_progress_fn)(void *ctx, long done, long total, double acc, double nj);

/* Largest learning rate either workload accepts: larger steps saturate every
 * weight in one update and overflow the energy and voltage sums. */
#define MSL_LR_MAX 1e6

/* Checkpoints (docs/checkpoints.md), the same in both workloads. With a
 * path, a run resumes from the file if it exists (refusing one that is
 * damaged or of another configuration), writes it atomically every `every`
 * presentations (workload 1) or samples (workload 2), at such a boundary,
 * and when *stop becomes non-zero (a signal handler's flag) writes it at the
 * next boundary and returns MSL_RUN_STOPPED. The file stays when the
 * run ends; the caller removes it once the results are out. */
typedef struct msl_checkpoint_opts {
  const char *path;                /* NULL: no checkpoints */
  long every;                      /* >= 1 */
  const volatile sig_atomic_t *stop; /* NULL: never */
} msl_checkpoint_opts;
enum { MSL_RUN_STOPPED = 2 };
/* Default `every` of the CLI: presentations or samples between checkpoints. */
enum { MSL_CHECKPOINT_EVERY = 1000 };

/* ---- Workload 1: unsupervised STDP (SPEC 7) ---- */
typedef struct msl_stdp_config {
  int neurons;        /* N excitatory = N inhibitory (400) */
  int epochs;         /* 1 */
  int train, test;    /* first `train` training images (60000), `test` test images (10000) */
  int label_window;   /* B (10000) */
  int label_pass;     /* > 0: after training, label by the first label_pass training images
                         with learning and adaptation off (Diehl & Cook's protocol); 0: off */
  double lr;          /* ideal rule: Ap = lr, An = 0.01 lr */
  uint64_t seed;
  int freeze_test;    /* no learning / adaptation during the test chunk */
  int quirks;         /* SPEC 9 items 3, 4 (and the device's and rule's) */
  const char *device; /* "ideal" or a device model name */
  const char *rule;   /* learning rule (rule.h); NULL: the device's default */
  msl_params params;  /* crossbar, device and rule parameters (workload 1) */
  const char *save_weights; /* write final weights here (NULL: don't) */
  msl_progress_fn progress;
  void *progress_ctx;
  msl_checkpoint_opts checkpoint; /* execution options: not part of the configuration */
} msl_stdp_config;

typedef struct msl_stdp_result {
  double test_accuracy;
  double chunk_accuracy[256]; /* accuracy of every chunk that had an assignment */
  int n_chunks;
  double chunk_energy_j[256]; /* programming energy per image of every chunk, the first
                                 and the test chunk included; [n_chunk_energy] */
  int n_chunk_energy;
  long presentations;         /* including repeated presentations */
  long representations;       /* presentations beyond the first of each sample */
  long train_samples;         /* training samples presented (epochs x train) */
  double seconds;
  double energy_train_j;      /* programming energy over all training samples */
  double energy_test_j;       /* ... over the test chunk (learning on unless frozen) */
  double energy_label_j;      /* ... over the label pass (learning off: none) */
  msl_syn_stats train_stats;  /* counters summed over training samples */
  msl_syn_counts counts;      /* the plastic synapse's, over the whole run */
  int labels_unassigned;      /* labels with no neuron at the final assignment */
  long resumed_at;            /* samples done when the run resumed from a checkpoint (0: none) */
  long checkpoints;           /* checkpoints written by this call */
  char error[256];            /* non-empty on failure */
} msl_stdp_result;

void msl_stdp_config_default(msl_stdp_config *c);
/* The checks that need no data (sizes, counts, --lr): 0, or -1 with a
 * message naming the option (msl_error()). msl_stdp_run repeats them and adds
 * those against the images available. */
int msl_stdp_config_check(const msl_stdp_config *c);
/* About how many bytes a run of c allocates at its peak (the data aside). */
size_t msl_stdp_memory_bytes(const msl_stdp_config *c);
/* Returns 0; -1 with r->error set (bad parameters, device error, a refused
 * or unwritable checkpoint); 1 when the run finished but c->save_weights
 * could not be written (r->error says why; every result field is valid); or
 * MSL_RUN_STOPPED (checkpoint written; the results are partial). */
int msl_stdp_run(const msl_stdp_config *c, const msl_mnist *data, msl_stdp_result *r);

/* ---- Workload 2: approximate gradient descent (SPEC 8) ---- */
typedef struct msl_bp_config {
  int hidden;         /* 1500 */
  int epochs;         /* 3 */
  int train;          /* training images 0..train-1, in order (33000) */
  int test;           /* test on training images train..train+test-1 (1000) */
  int test_every;     /* evaluate every K training samples (1000) */
  double lr;          /* ideal: W[:,j] += lr e_i c_j (2e-4) */
  uint64_t seed;
  int quirks;
  const char *device; /* "ideal" or a device model name */
  const char *rule;   /* learning rule; NULL: the device's default */
  msl_params params;  /* crossbar, device and rule parameters (workload 2) */
  msl_progress_fn progress;
  void *progress_ctx;
  msl_checkpoint_opts checkpoint; /* execution options: not part of the configuration */
} msl_bp_config;

typedef struct msl_bp_result {
  double test_accuracy;       /* last evaluation */
  double (*curve)[3];         /* [n_curve] (training samples seen, accuracy, programming
                                 energy per training image since the previous evaluation,
                                 joules); malloc'd */
  int n_curve;
  long train_samples;         /* epochs x train */
  double seconds, train_seconds;
  msl_syn_stats stats[2];     /* input->hidden and hidden->output, all training */
  msl_syn_counts counts;      /* both plastic synapses', summed */
  long resumed_at;            /* samples done when the run resumed (0: none) */
  long checkpoints;           /* checkpoints written by this call */
  char error[256];
} msl_bp_result;

/* The errors of one interval (SPEC 8): e_out[i] = (i == label) - min(out_count_i, 1),
 * e_hid[j] = sum_i e_out[i] (W_out[i,j] - 0.05) for hidden j with a count,
 * 0 otherwise. W_out is pre-major (hidden j's n_out weights contiguous). */
void msl_bp_errors(const msl_spikes *out_count, int label, const double *W_out,
                   const msl_spikes *hid_count, int n_hidden, double *e_out, double *e_hid);

void msl_bp_config_default(msl_bp_config *c);
/* As msl_stdp_config_check / msl_stdp_memory_bytes, for workload 2. */
int msl_bp_config_check(const msl_bp_config *c);
size_t msl_bp_memory_bytes(const msl_bp_config *c);
/* Returns 0, -1 with r->error set, or MSL_RUN_STOPPED (as msl_stdp_run). */
int msl_bp_run(const msl_bp_config *c, const msl_mnist *data, msl_bp_result *r);
void msl_bp_result_free(msl_bp_result *r);

MSL_END_DECLS

#endif
