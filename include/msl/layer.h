/* layer.h: the generic neuron layer (an object with an operation table).
 *
 * A neuron type is one file that fills an msl_layer_ops and a constructor.
 * Required ops: step, reset, destroy. Optional: set_adapt (NULL = no
 * adaptation to switch). The engine never looks inside `content`.
 * Constructors return NULL on failure with the reason in msl_error().
 *
 * Spikes are double-buffered: during a network step the synapses read
 * msl_layer_spikes() (the previous step's output); the engine then flips the
 * buffers and calls step(), which writes the new spikes into out and may read
 * the previous ones from prev. The previous vector stays valid until the next
 * step, which is what plastic synapses need in the learning stage. */
#ifndef MSL_LAYER_H
#define MSL_LAYER_H

#include "msl/spikes.h"
#include "msl/api.h"

MSL_BEGIN_DECLS

typedef struct msl_layer msl_layer;
struct msl_ckpt;

typedef struct msl_layer_ops {
  const char *type;
  /* Advance one step with excitatory input xe[n] and inhibitory input xi[n]
   * (xi is all zero for neuron types with a single channel, which must ignore
   * it). Write spikes into out, which the engine has cleared. */
  void (*step)(msl_layer *L, const double *xe, const double *xi,
               const msl_spikes *prev, msl_spikes *out);
  void (*reset)(msl_layer *L);   /* initial state (spike buffers: engine) */
  void (*destroy)(msl_layer *L); /* free content */
  void (*set_adapt)(msl_layer *L, int on); /* optional: homeostasis on/off */
  /* 1 if step() integrates xi, the inhibitory channel (MSL_INH synapses);
   * 0 (the default of an initialiser that leaves it out): excitatory input
   * only, and msl_net_add_synapse refuses an MSL_INH synapse onto the layer. */
  int inhibitory;
  /* Optional: write or read the state that persists between steps through
   * the checkpoint serialiser (src/engine/ckpt.h); 0 or -1 (msl_error()).
   * NULL: the type cannot be checkpointed. */
  int (*state)(msl_layer *L, struct msl_ckpt *c);
} msl_layer_ops;

struct msl_layer {
  const msl_layer_ops *ops;
  void *content;
  int n;
  int cur;              /* index of the current spike buffer */
  msl_spikes buf[2];
};

/* Allocate the common part (spike buffers); constructors call this.
 * NULL (msl_error()) if n < 1 or out of memory. */
msl_layer *msl_layer_alloc(const msl_layer_ops *ops, void *content, int n);
void msl_layer_free(msl_layer *L);
void msl_layer_reset(msl_layer *L);
static inline const msl_spikes *msl_layer_spikes(const msl_layer *L) {
  return &L->buf[L->cur];
}
/* ops->set_adapt; -1 (msl_error()) if the type has no adaptation. */
int msl_layer_set_adapt(msl_layer *L, int on);
/* Advance: flip buffers, clear the new one, call ops->step. */
void msl_layer_step(msl_layer *L, const double *xe, const double *xi);

/* ---- neuron types (src/neurons/) ---- */

/* Integrate-and-fire: v += x; spike at v >= v0; v = 0 after a spike.
 * Excitatory input only (as lif). */
msl_layer *msl_if_new(int n, double v0);

/* Leaky integrate-and-fire with decay exp(-1/tau) and threshold v0: the
 * seed's SpikingLayer, v = (1 - s_prev)(a v + (1 - a) x), s = v >= v0. */
msl_layer *msl_lif_new(int n, double tau, double v0);

/* Conductance-based second-order neuron (Diehl & Cook), SPEC 2: integrates
 * both channels (excitatory conductance ge, inhibitory gi), as adaptive.
 * Time constants tau, tau_e, tau_i must be > 0. */
typedef struct msl_second_order_params {
  double tau, vth, vreset, vrest, v_init, t_refrac, tau_e, tau_i, v_off_i;
} msl_second_order_params;
msl_layer *msl_second_order_new(int n, const msl_second_order_params *p);

/* Second-order neuron with adaptive threshold vth_base + theta, SPEC 2. */
typedef struct msl_adaptive_params {
  msl_second_order_params base; /* base.vth is vth_base */
  double theta_tau, theta_delta, theta_init;
} msl_adaptive_params;
msl_layer *msl_adaptive_new(int n, const msl_adaptive_params *p);
/* Read-only view of theta[n] of an adaptive layer (NULL for other types). */
const float *msl_adaptive_theta(const msl_layer *L);

/* ---- the seed library's other neuron types (docs/models.md, Neurons) ---- */

/* Latch: a neuron whose input was ever > 0 emits 1 on every step until reset. */
msl_layer *msl_latch_new(int n);

/* Identity: emits its input, s_i = x_i (values rounded to float; the active
 * list holds the non-zero ones). Excitatory input only. */
msl_layer *msl_identity_new(int n);

/* Normalised LIF: v = (1 - s_prev) a v + num / sqrt(den) with a = exp(-1/tau),
 * num the excitatory and den the inhibitory channel (MSL_INH synapses carry
 * the denominator; den == 0 counts as 1); s = v >= v0. */
msl_layer *msl_normalized_lif_new(int n, double tau, double v0);

/* Leaky integral softmax over n_loc locations of n_ch channels each (neuron
 * loc * n_ch + ch): per location a leaky sum m = m exp(-1/tau) + x, spikes
 * where exp(m - max m) > thresh * sum exp(m - max m), and a threshold that
 * moves by thresh_step for each spike beyond one per step (one per step per
 * location with input, under local_skip). msl_lis_aggregate equalises the
 * thresholds (global_skip: and raises them for idle locations). */
typedef struct msl_lis_params {
  int n_loc, n_ch;
  double tau, thresh_init, thresh_step;
  int global_skip, local_skip;
} msl_lis_params;
msl_layer *msl_lis_new(const msl_lis_params *p);
/* End of a presentation: thresholds to their mean (see above), leaky sums
 * and activity cleared. -1 (msl_error()) if L is not a softmax layer. */
int msl_lis_aggregate(msl_layer *L);
/* Read-only view of the n_loc thresholds (NULL for other types). */
const double *msl_lis_thresholds(const msl_layer *L);

MSL_END_DECLS

#endif
