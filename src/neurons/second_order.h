/* second_order.h: state of the conductance-based neuron, shared by the plain
 * (second_order.c) and the adaptive-threshold (adaptive.c) layer types. */
#ifndef MSL_NEURONS_SECOND_ORDER_H
#define MSL_NEURONS_SECOND_ORDER_H

#include "msl/layer.h"

/* float32 like the reference; all constants pre-rounded to float. */
typedef struct so_state {
  float k_v;            /* 1 - exp(-1/tau) */
  float de, di;         /* exp(-1/tau_e), exp(-1/tau_i) */
  float vth, vreset, vrest, v_init, v_off_i, t_refrac;
  float *v, *ge, *gi, *refrac; /* [n] each */
  float *vth_all;               /* [n] copies of vth (one loop for both types) */
} so_state;

/* 0, or -1 with msl_error() set (type names the layer type in the message). */
int msl_so_init(so_state *st, int n, const msl_second_order_params *p, const char *type);
void msl_so_free(so_state *st);
void msl_so_reset(so_state *st, int n);
struct msl_ckpt;
/* Checkpoint state: v, ge, gi, refrac (0 or -1). */
int msl_so_state(so_state *st, int n, struct msl_ckpt *c);
/* One step; vth_each[n] overrides the scalar threshold when not NULL. */
void msl_so_advance(so_state *st, int n, const double *xe, const double *xi,
                const msl_spikes *prev, msl_spikes *out, const float *vth_each);

#endif
