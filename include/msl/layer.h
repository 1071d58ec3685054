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
/* Advance: flip buffers, clear the new one, call ops->step. */
void msl_layer_step(msl_layer *L, const double *xe, const double *xi);

/* ---- neuron types (src/neurons/) ---- */

/* Integrate-and-fire: v += x; spike at v >= v0; v = 0 after a spike.
 * Excitatory input only (as lif). */
msl_layer *msl_if_new(int n, double v0);

/* Leaky integrate-and-fire with decay exp(-1/tau) and threshold v0. */
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

MSL_END_DECLS

#endif
