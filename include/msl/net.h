/* net.h: a network of layers and synapses connected by name (SPEC 1).
 *
 * msl_net_step(inputs, learn):
 *   1. every synapse reads its pre source (a network input given for this
 *      step, or the spikes its pre layer produced in the previous step) and
 *      adds its output into its post layer's excitatory or inhibitory input;
 *   2. every layer, in insertion order, advances one step with its inputs;
 *   3. if learn, every plastic synapse updates from the pre vector it saw in
 *      stage 1 and its post layer's new spikes.
 * The network owns the layers and synapses added to it. */
#ifndef MSL_NET_H
#define MSL_NET_H

#include "msl/layer.h"
#include "msl/synapse.h"
#include "msl/api.h"

MSL_BEGIN_DECLS

typedef struct msl_net msl_net;

msl_net *msl_net_new(void);
void msl_net_free(msl_net *net);

/* Each returns the new element's index, or -1 with a message in
 * msl_net_error() (duplicate or unknown name, size mismatch, no memory).
 * On failure the net frees the layer/synapse passed in. */
int msl_net_add_input(msl_net *net, const char *name, int n);
int msl_net_add_layer(msl_net *net, const char *name, msl_layer *L);
int msl_net_add_synapse(msl_net *net, const char *post, msl_synapse *S, const char *pre);
const char *msl_net_error(const msl_net *net);

/* inputs[k] is the vector of the k-th input (in the order added). Returns
 * 0, or -1 with msl_error() if a plastic synapse failed (its device's fatal
 * condition); the step is then incomplete. */
int msl_net_step(msl_net *net, const msl_spikes *const *inputs, int learn);
void msl_net_reset(msl_net *net);

/* Run `steps` steps with input k drawn from gens[k] each step (one
 * generator per input, in the order added; rng for the random ones), learning
 * if learn. If count names a layer, counts[n] += its spikes every step.
 * 0, or -1 with msl_error() (bad arguments, a device's fatal condition). */
struct msl_generator;
struct msl_rng;
int msl_net_run(msl_net *net, struct msl_generator *const *gens, struct msl_rng *rng, int steps,
                int learn, const char *count, double *counts);
/* The same, counting n_count named inputs or layers: counts[c] (an activity
 * vector of that size, not cleared) += the vector of names[c] every step,
 * its active list kept ascending. The counts are float (exact to 2^24). */
int msl_net_run_counting(msl_net *net, struct msl_generator *const *gens, struct msl_rng *rng,
                         int steps, int learn, int n_count, const char *const *names,
                         msl_spikes *const *counts);
int msl_net_n_inputs(const msl_net *net);
/* Size of input k (-1: no such input); index of the input named name (-1). */
int msl_net_input_size(const msl_net *net, int k);
int msl_net_input_index(const msl_net *net, const char *name);

msl_layer *msl_net_layer(msl_net *net, const char *name);
msl_synapse *msl_net_synapse(msl_net *net, int index);

MSL_END_DECLS

#endif
