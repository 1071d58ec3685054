/* net.c: network assembly and the three-stage step of SPEC 1. */
#include "msl/net.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MSL_NAME_MAX 32
#define MSL_NET_MAX 16

typedef struct {
  char name[MSL_NAME_MAX];
  msl_layer *L;
  double *xe, *xi; /* [n] input accumulators of the two channels */
} net_layer;

typedef struct {
  msl_synapse *S;
  int post;        /* layer index */
  int pre_layer;   /* layer index, or -1 when the pre source is an input */
  int pre_input;   /* input index, or -1 */
  const msl_spikes *seen; /* pre vector of stage 1, for stage 3 */
} net_synapse;

struct msl_net {
  int n_inputs, n_layers, n_syn;
  char input_name[MSL_NET_MAX][MSL_NAME_MAX];
  int input_n[MSL_NET_MAX];
  net_layer layer[MSL_NET_MAX];
  net_synapse syn[MSL_NET_MAX];
  char err[160];
};

msl_net *msl_net_new(void) { return calloc(1, sizeof(msl_net)); }

void msl_net_free(msl_net *net) {
  if (!net) return;
  for (int k = 0; k < net->n_syn; k++) msl_synapse_free(net->syn[k].S);
  for (int k = 0; k < net->n_layers; k++) {
    msl_layer_free(net->layer[k].L);
    free(net->layer[k].xe);
    free(net->layer[k].xi);
  }
  free(net);
}

const char *msl_net_error(const msl_net *net) { return net->err; }

static int find_input(const msl_net *net, const char *name) {
  for (int k = 0; k < net->n_inputs; k++)
    if (strcmp(net->input_name[k], name) == 0) return k;
  return -1;
}

static int find_layer(const msl_net *net, const char *name) {
  for (int k = 0; k < net->n_layers; k++)
    if (strcmp(net->layer[k].name, name) == 0) return k;
  return -1;
}

static int check_name(msl_net *net, const char *name) {
  if (strlen(name) == 0 || strlen(name) >= MSL_NAME_MAX) {
    snprintf(net->err, sizeof net->err, "name '%s' must have 1 to %d characters", name,
             MSL_NAME_MAX - 1);
    return -1;
  }
  if (find_input(net, name) >= 0 || find_layer(net, name) >= 0) {
    snprintf(net->err, sizeof net->err, "name '%s' is already used", name);
    return -1;
  }
  return 0;
}

int msl_net_add_input(msl_net *net, const char *name, int n) {
  if (check_name(net, name)) return -1;
  if (net->n_inputs == MSL_NET_MAX || n <= 0) {
    snprintf(net->err, sizeof net->err, "input '%s': too many inputs or size %d", name, n);
    return -1;
  }
  strcpy(net->input_name[net->n_inputs], name);
  net->input_n[net->n_inputs] = n;
  return net->n_inputs++;
}

int msl_net_add_layer(msl_net *net, const char *name, msl_layer *L) {
  if (!L) {
    snprintf(net->err, sizeof net->err, "layer '%s': could not be created", name);
    return -1;
  }
  if (check_name(net, name) || net->n_layers == MSL_NET_MAX) {
    if (net->n_layers == MSL_NET_MAX) snprintf(net->err, sizeof net->err, "too many layers");
    msl_layer_free(L);
    return -1;
  }
  net_layer *nl = &net->layer[net->n_layers];
  nl->xe = calloc((size_t)L->n, sizeof(double));
  nl->xi = calloc((size_t)L->n, sizeof(double));
  if (!nl->xe || !nl->xi) {
    free(nl->xe);
    free(nl->xi);
    msl_layer_free(L);
    snprintf(net->err, sizeof net->err, "layer '%s': out of memory", name);
    return -1;
  }
  strcpy(nl->name, name);
  nl->L = L;
  return net->n_layers++;
}

int msl_net_add_synapse(msl_net *net, const char *post, msl_synapse *S, const char *pre) {
  if (!S) {
    snprintf(net->err, sizeof net->err, "synapse %s -> %s: could not be created", pre, post);
    return -1;
  }
  int lp = find_layer(net, post), li = find_layer(net, pre), ii = find_input(net, pre);
  int npre = li >= 0 ? net->layer[li].L->n : ii >= 0 ? net->input_n[ii] : -1;
  const char *why = NULL;
  if (net->n_syn == MSL_NET_MAX) why = "too many synapses";
  else if (lp < 0) why = "unknown post layer";
  else if (npre < 0) why = "unknown pre source";
  else if (npre != S->n_pre) why = "pre size does not match the synapse";
  else if (net->layer[lp].L->n != S->n_post) why = "post size does not match the synapse";
  if (why) {
    snprintf(net->err, sizeof net->err, "synapse %s -> %s: %s", pre, post, why);
    msl_synapse_free(S);
    return -1;
  }
  net_synapse *ns = &net->syn[net->n_syn];
  ns->S = S;
  ns->post = lp;
  ns->pre_layer = li;
  ns->pre_input = li >= 0 ? -1 : ii;
  return net->n_syn++;
}

int msl_net_step(msl_net *net, const msl_spikes *const *inputs, int learn) {
  for (int k = 0; k < net->n_layers; k++) {
    net_layer *nl = &net->layer[k];
    memset(nl->xe, 0, (size_t)nl->L->n * sizeof(double));
    memset(nl->xi, 0, (size_t)nl->L->n * sizeof(double));
  }
  /* Stage 1: synapse outputs from inputs or last step's spikes. */
  for (int k = 0; k < net->n_syn; k++) {
    net_synapse *ns = &net->syn[k];
    const msl_spikes *pre = ns->pre_layer >= 0 ? msl_layer_spikes(net->layer[ns->pre_layer].L)
                                               : inputs[ns->pre_input];
    net_layer *post = &net->layer[ns->post];
    ns->seen = pre;
    ns->S->ops->forward(ns->S, pre, ns->S->channel == MSL_INH ? post->xi : post->xe);
  }
  /* Stage 2: layers advance in insertion order (flipping their buffers,
   * so the vectors seen in stage 1 stay intact for stage 3). */
  for (int k = 0; k < net->n_layers; k++)
    msl_layer_step(net->layer[k].L, net->layer[k].xe, net->layer[k].xi);
  /* Stage 3: plasticity. */
  if (!learn) return 0;
  for (int k = 0; k < net->n_syn; k++) {
    net_synapse *ns = &net->syn[k];
    if (ns->S->ops->learn &&
        ns->S->ops->learn(ns->S, ns->seen, msl_layer_spikes(net->layer[ns->post].L)))
      return -1;
  }
  return 0;
}

void msl_net_reset(msl_net *net) {
  for (int k = 0; k < net->n_layers; k++) msl_layer_reset(net->layer[k].L);
  for (int k = 0; k < net->n_syn; k++)
    if (net->syn[k].S->ops->reset) net->syn[k].S->ops->reset(net->syn[k].S);
}

msl_layer *msl_net_layer(msl_net *net, const char *name) {
  int k = find_layer(net, name);
  return k >= 0 ? net->layer[k].L : NULL;
}

msl_synapse *msl_net_synapse(msl_net *net, int index) {
  return index >= 0 && index < net->n_syn ? net->syn[index].S : NULL;
}
