/* state.h: checkpoint state of the engine's objects (ckpt.h): random
 * streams, activity vectors, traces, layers, synapses and networks. Each
 * writes its arrays to a checkpoint writer or reads them back over an
 * object built with the same configuration; 0, or -1 with msl_error(). */
#ifndef MSL_ENGINE_STATE_H
#define MSL_ENGINE_STATE_H

#include "engine/ckpt.h"
#include "msl/layer.h"
#include "msl/net.h"
#include "msl/rng.h"
#include "msl/synapse.h"
#include "msl/trace.h"

int msl_rng_state(msl_ckpt *c, const char *tag, msl_rng *r);
int msl_spikes_state(msl_ckpt *c, const char *tag, msl_spikes *s);
int msl_trace_state(msl_ckpt *c, const char *tag, msl_trace *t);
/* The common part (spike buffers), then ops->state; a type without one
 * cannot be checkpointed (-1). */
int msl_layer_state(msl_ckpt *c, msl_layer *L);
/* Energy and counters, then ops->state (as layers). */
int msl_synapse_state(msl_ckpt *c, msl_synapse *S);
/* The ops->state of synapse types that hold nothing between steps. */
int msl_synapse_state_none(msl_synapse *S, msl_ckpt *c);
/* Every layer and synapse, in the order added. */
int msl_net_state(msl_ckpt *c, msl_net *net);

#endif
