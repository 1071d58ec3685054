/* synapse.h: the generic synapse (an object with an operation table).
 *
 * A synapse type is one file in src/synapses/ that fills an msl_synapse_ops.
 * Required ops: forward, destroy. Optional ops (NULL when not applicable):
 *   learn   - plastic synapses: update from the pre vector seen in forward
 *             and the post layer's new spikes (SPEC 1 stage 3);
 *   reset   - restore traces and other transient state;
 *   weights - mutable view of the weight matrix (dense types);
 *   commit  - after the caller changed the weights through the view, make
 *             them consistent (a crossbar maps each to a device state);
 *   rescale - clamp and scale each post neuron's weights, then commit;
 *   trace   - the pre/post traces of a plastic synapse;
 *   state   - checkpoints: save or load what persists between steps.
 * Energy and counters (SPEC 6) accumulate in msl_synapse.stats.
 * The engine only calls forward, learn and reset.
 *
 * Dense weight layout (the hot loops' access pattern, event-driven on the
 * pre side): W[j * n_post + i] is the weight from pre j to post i, so one
 * pre-synaptic neuron's outgoing weights are contiguous. */
#ifndef MSL_SYNAPSE_H
#define MSL_SYNAPSE_H

#include <stdint.h>

#include "msl/device.h"
#include "msl/spikes.h"
#include "msl/trace.h"
#include "msl/api.h"

MSL_BEGIN_DECLS

typedef struct msl_synapse msl_synapse;
struct msl_ckpt;

typedef enum { MSL_EXC = 0, MSL_INH = 1 } msl_channel;

/* Counters of SPEC 6, accumulated until msl_synapse_stats_reset. */
typedef struct msl_syn_stats {
  double energy_j;      /* programming energy, J: the sum of the two below */
  double energy_row_j;  /* of row pulses (post spikes, potentiation in workload 1) */
  double energy_col_j;  /* of column pulses (pre spikes; all of workload 2's replay) */
  double energy_iv_j;   /* programming energy from the device's own current-voltage
                           relation (device op power; = energy_j for ohmic models) */
  double energy_half_j; /* of it, the half-selected cells' (bias drives; array.h) */
  double half_pulses;   /* cell-pulses of half-selected cells at a non-zero voltage */
  double drift_w;       /* sum of |w| changes of half-selected cells (bias drives) */
  double read_power_w;  /* read power summed over forward steps, W x steps */
  double in_spikes, out_spikes;
  double sum_v_pre, sum_v2_pre, sum_v_post, sum_v2_post;
  /* When the pulses report the supply's energy (array.h: a circuit that
   * solves its current, a table with energies; else 0): energy_iv_j of
   * potentiating and of depressing pulses. */
  double energy_pot_j, energy_dep_j;
} msl_syn_stats;

/* What a crossbar's device and array report, over the synapse's life
 * (msl_synapse_stats_reset leaves them). */
typedef struct msl_syn_counts {
  uint64_t clamped;         /* voltages clamped to a table's edge (SPEC 9.5) */
  uint64_t weights_set;     /* weights set from outside (initialisation, normalisation) */
  uint64_t weights_clipped; /* ... of which lay outside the device's range, clipped to it */
  /* Non-idealities (nonideal.h): */
  uint64_t weights_stuck;   /* ... of which belonged to stuck or worn cells, not set */
  uint64_t stuck_off, stuck_on; /* cells stuck at the lowest / highest conductance from the start */
  uint64_t worn_cells;      /* cells worn out (stuck) during the run */
  uint64_t stuck_pulses;    /* cell-pulses that reached a stuck or worn cell (ignored) */
} msl_syn_counts;

typedef struct msl_synapse_ops {
  const char *type;
  /* y[n_post] += output for the pre vector (SPEC 4). */
  void (*forward)(msl_synapse *S, const msl_spikes *pre, double *y);
  /* Returns 0, or -1 with msl_error() (a device's fatal condition). */
  int (*learn)(msl_synapse *S, const msl_spikes *pre, const msl_spikes *post);
  void (*reset)(msl_synapse *S);
  /* Workload 2 (SPEC 8): error-driven update of the columns with pre counts
   * c = pre->x (active entries only) from post errors e[n_post]; 0 or -1 as learn. */
  int (*replay)(msl_synapse *S, const msl_spikes *pre, const double *e);
  double *(*weights)(msl_synapse *S);
  void (*commit)(msl_synapse *S);
  /* Dense types: W[:, i] = clamp(W[:, i], lo, hi) * f[i] for every post
   * neuron i, then commit - one pass over memory (workload 1's normalisation). */
  void (*rescale)(msl_synapse *S, double lo, double hi, const double *f);
  /* The pre (post = 0) or post (post = 1) trace of a plastic synapse. */
  msl_trace *(*trace)(msl_synapse *S, int post);
  void (*destroy)(msl_synapse *S);
  /* Write or read the state that persists between steps (weights, device
   * states, traces) through the checkpoint serialiser (src/engine/ckpt.h);
   * 0 or -1 (msl_error()). NULL: the type cannot be checkpointed. */
  int (*state)(msl_synapse *S, struct msl_ckpt *c);
} msl_synapse_ops;

struct msl_synapse {
  const msl_synapse_ops *ops;
  void *content;
  int n_pre, n_post;
  msl_channel channel;  /* which input of the post layer it drives */
  msl_syn_stats stats;
  msl_syn_counts counts;
};

msl_synapse *msl_synapse_alloc(const msl_synapse_ops *ops, void *content,
                               int n_pre, int n_post, msl_channel ch);
void msl_synapse_free(msl_synapse *S);
void msl_synapse_stats_reset(msl_synapse *S);
/* a += b, member by member. */
void msl_syn_stats_add(msl_syn_stats *a, const msl_syn_stats *b);
void msl_syn_counts_add(msl_syn_counts *a, const msl_syn_counts *b);

/* ---- static synapse types ---- */

/* y = W x over active columns; W0[n_pre*n_post] in the layout above (copied). */
msl_synapse *msl_dense_new(int n_pre, int n_post, const double *W0, msl_channel ch);
/* y_i = w x_i (n_pre == n_post). */
msl_synapse *msl_one_to_one_new(int n, double w, msl_channel ch);
/* y_i = w (sum_j x_j - x_i), lateral inhibition (n_pre == n_post). */
msl_synapse *msl_all_but_self_new(int n, double w, msl_channel ch);
/* y_i = c sum_j x_j for every post neuron. */
msl_synapse *msl_uniform_new(int n_pre, int n_post, double c, msl_channel ch);

/* Functional synapse (the seed's LambdaSynapse): fn adds into y[n_post] any
 * function of the pre vector. ctx is passed through and not owned. The
 * fixed connection patterns above (one_to_one, all_but_self, uniform) stay
 * as their own fast types; each is one such function. */
typedef void (*msl_lambda_fn)(void *ctx, const msl_spikes *pre, double *y, int n_post);
msl_synapse *msl_lambda_new(int n_pre, int n_post, msl_lambda_fn fn, void *ctx,
                            msl_channel ch);

/* Max pooling of accumulated input (the seed's PoolSynapse). The pre vector
 * is a w x h x c image (index (x h + y) c + ch), zero-padded to multiples of
 * the strides sw, sh; the post vector is (w/sw) x (h/sh) x c (rounded up).
 * Each step adds the input into per-pixel sums A and outputs, per window,
 * the increase of max(A over the window) since the previous step. */
msl_synapse *msl_pool_new(int w, int h, int c, int sw, int sh, msl_channel ch);

/* ---- plastic synapse types ---- */

typedef struct msl_trace_params {
  double a, d, lim; /* gain, decay per step, limit (SPEC 3) */
} msl_trace_params;

/* Ideal (software) STDP, SPEC 4: rows with post spikes += Ap * te, columns
 * with pre spikes -= An * to, then clamp to Wlim above / 0 (exc) or -Wlim
 * (untyped) below. */
typedef struct msl_stdp_params {
  double ap, an, wlim;
  double err_lr;  /* workload 2 replay: W[:,j] += err_lr * e_i * c_j */
  int exc;  /* 1: lower bound 0; 0: lower bound -wlim */
  msl_trace_params pre, post;
} msl_stdp_params;
msl_synapse *msl_plastic_new(int n_pre, int n_post, const double *W0,
                             const msl_stdp_params *p, msl_channel ch);

/* Device-aware crossbar, SPEC 4-6: weights are a view of the cells' states;
 * learning pulses rows on post spikes (dt-post) and columns on pre spikes
 * (dt-pre) with the voltages the learning rule gives for the traces.
 * Replay (workload 2): column j gets c_j pulses of width dt-pre with the
 * rule's voltages of the positive part of e, then c_j with the negative part.
 * The layers are named; each takes its parameters from `params`. */
typedef struct msl_crossbar_params {
  const char *device;        /* device model (device.h), e.g. "chen15" */
  const char *rule;          /* learning rule (rule.h); NULL: the device's default */
  const char *cell;          /* cell circuit (cell.h); NULL: "1r" */
  const char *drive;         /* array drive (array.h); NULL: the bias parameter's */
  const msl_params *params;  /* g1, dt-pre, dt-post and the layers' parameters */
  msl_trace_params pre, post;
  uint64_t seed;             /* the run's seed: the non-idealities' random streams */
} msl_crossbar_params;
/* NULL with msl_error() on failure (bad parameter, no memory). */
msl_synapse *msl_crossbar_new(int n_pre, int n_post, const double *W0,
                              const msl_crossbar_params *p, msl_channel ch);
/* The crossbar's own parameters: g1, dt-pre, dt-post, bias. */
msl_param_list msl_crossbar_param_list(void);
/* The device and rule of a crossbar synapse (NULL for other types). */
const msl_device *msl_crossbar_device(const msl_synapse *S);
struct msl_rule;
const struct msl_rule *msl_crossbar_rule(const msl_synapse *S);
/* The device states of a crossbar synapse, in the weights' layout (NULL for
 * other types); read-only, for tests and inspection. */
const double *msl_crossbar_states(const msl_synapse *S);

/* Convolutional STDP with shared kernels (the seed's PlasticConvSynapse).
 * Pre: a w_in x h_in x c_in image, post: w_out x h_out x c_out maps (index
 * (x h + y) c + ch, both), kernel K[((kx h_k + ky) c_in + ci) c_out + co];
 * "valid" (same = 0): w_out = w_in - w_k + 1; "same": w_out = w_in, the input
 * offset by w_k / 2 in zero padding. y[o, co] += sum K[k, ci, co] X[o + k, ci].
 * Learning, with X the padded pre trace te (potentiation) or pre vector
 * (depression) and m_co = mmp / 2 * sum_o xo[o, co]:
 *   if post spikes (and ap or mmp != 0): K *= 1 - m; K += ap sum_o te[o + k] xo[o];
 *     K *= 1 - m;
 *   if pre spikes (and an != 0): K -= an sum_o xe[o + k] to[o];
 *   then every K clamped to [0 (exc) or -wlim, wlim]. */
typedef struct msl_conv_params {
  int w_in, h_in, c_in, w_k, h_k, c_out;
  int same;              /* 0: "valid", 1: "same" */
  double ap, an, mmp, wlim;
  int exc;               /* 1: lower bound 0; 0: lower bound -wlim */
  msl_trace_params pre, post;
} msl_conv_params;
/* K0[w_k h_k c_in c_out] (copied); NULL with msl_error() on bad sizes. */
msl_synapse *msl_plastic_conv_new(const msl_conv_params *p, const double *K0, msl_channel ch);
/* The kernel of a conv synapse (mutable) and its length (NULL for other types). */
double *msl_conv_kernel(msl_synapse *S, int *len);
/* Its output size for an input size, kernel size and mode (< 1: invalid). */
int msl_conv_out_size(int in, int k, int same);

/* The ops' weights and commit for callers outside C (NULL / nothing when the
 * type has none). */
double *msl_synapse_weights(msl_synapse *S);
void msl_synapse_commit(msl_synapse *S);
/* ops->rescale; -1 (msl_error()) if the type has none. */
int msl_synapse_rescale(msl_synapse *S, double lo, double hi, const double *f);
void msl_synapse_reset(msl_synapse *S); /* ops->reset, if any */
/* ops->replay (workload 2's error-driven update); -1 (msl_error()) for a type
 * without it or a device's fatal condition. */
int msl_synapse_replay(msl_synapse *S, const msl_spikes *pre, const double *e);
/* Diehl & Cook's normalisation (workload 1, SPEC 7): each post neuron's
 * incoming weights clipped to [lo, hi] and scaled to sum to target, the sums
 * taken in pre order into sum[n_post] (which ends holding the factors); then
 * commit. -1 (msl_error()) for a type without dense weights. */
int msl_synapse_normalise(msl_synapse *S, double lo, double hi, double target, double *sum);

/* Traces of a plastic synapse, NULL for static types. */
msl_trace *msl_synapse_trace(msl_synapse *S, int post);

MSL_END_DECLS

#endif
