/* net.c: network assembly and the three-stage step of SPEC 1.
 *
 * No size limits: inputs, layers and synapses are held in arrays that grow
 * as elements are added, and names are copied at any length. */
#include "msl/net.h"

#include <stdlib.h>
#include <string.h>

#include "engine/alloc64.h"
#include "engine/state.h"
#include "msl/error.h"

typedef struct {
  char *name;
  msl_layer *L;
  double *xe, *xi; /* [n] input accumulators of the two channels */
} net_layer;

typedef struct {
  char *name;
  int n;
} net_input;

typedef struct {
  msl_synapse *S;
  int post;        /* layer index */
  int pre_layer;   /* layer index, or -1 when the pre source is an input */
  int pre_input;   /* input index, or -1 */
  const msl_spikes *seen; /* pre vector of stage 1, for stage 3 */
} net_synapse;

struct msl_net {
  int n_inputs, n_layers, n_syn;
  int cap_inputs, cap_layers, cap_syn;
  net_input *input;
  net_layer *layer;
  net_synapse *syn;
};

msl_net *msl_net_new(void) {
  msl_net *net = calloc(1, sizeof(msl_net));
  if (!net) msl_error_set("network: out of memory");
  return net;
}

void msl_net_free(msl_net *net) {
  if (!net) return;
  for (int k = 0; k < net->n_syn; k++) msl_synapse_free(net->syn[k].S);
  for (int k = 0; k < net->n_layers; k++) {
    msl_layer_free(net->layer[k].L);
    free(net->layer[k].xe);
    free(net->layer[k].xi);
    free(net->layer[k].name);
  }
  for (int k = 0; k < net->n_inputs; k++) free(net->input[k].name);
  free(net->input);
  free(net->layer);
  free(net->syn);
  free(net);
}

const char *msl_net_error(const msl_net *net) {
  (void)net;
  return msl_error();
}

/* Room for one more element in *arr (count n, capacity *cap); 0 or -1. */
static int grow(void **arr, int n, int *cap, size_t size) {
  if (n < *cap) return 0;
  int c = *cap ? 2 * *cap : 4;
  void *p = realloc(*arr, (size_t)c * size);
  if (!p) return -1;
  *arr = p;
  *cap = c;
  return 0;
}

static int find_input(const msl_net *net, const char *name) {
  for (int k = 0; k < net->n_inputs; k++)
    if (strcmp(net->input[k].name, name) == 0) return k;
  return -1;
}

static int find_layer(const msl_net *net, const char *name) {
  for (int k = 0; k < net->n_layers; k++)
    if (strcmp(net->layer[k].name, name) == 0) return k;
  return -1;
}

/* A copy of a valid, unused name, or NULL with the error set. */
static char *new_name(const msl_net *net, const char *what, const char *name) {
  if (!name || !name[0]) {
    msl_error_set("%s: the name must not be empty", what);
    return NULL;
  }
  if (find_input(net, name) >= 0 || find_layer(net, name) >= 0) {
    msl_error_set("%s '%s': the name is already used", what, name);
    return NULL;
  }
  size_t len = strlen(name) + 1;
  char *copy = malloc(len);
  if (!copy) msl_error_set("%s '%s': out of memory", what, name);
  else memcpy(copy, name, len);
  return copy;
}

int msl_net_add_input(msl_net *net, const char *name, int n) {
  if (n <= 0) return msl_error_set("input '%s': size must be >= 1, got %d", name ? name : "", n);
  char *copy = new_name(net, "input", name);
  if (!copy) return -1;
  if (grow((void **)&net->input, net->n_inputs, &net->cap_inputs, sizeof *net->input)) {
    free(copy);
    return msl_error_set("input '%s': out of memory", name);
  }
  net->input[net->n_inputs] = (net_input){copy, n};
  return net->n_inputs++;
}

int msl_net_add_layer(msl_net *net, const char *name, msl_layer *L) {
  if (!L) return msl_error_set("layer '%s': %s", name ? name : "", msl_error());
  char *copy = new_name(net, "layer", name);
  double *xe = NULL, *xi = NULL;
  if (copy) {
    xe = msl_calloc64((size_t)L->n, sizeof(double));
    xi = msl_calloc64((size_t)L->n, sizeof(double));
  }
  if (!copy || !xe || !xi ||
      grow((void **)&net->layer, net->n_layers, &net->cap_layers, sizeof *net->layer)) {
    if (copy) msl_error_set("layer '%s': out of memory", name);
    free(copy);
    free(xe);
    free(xi);
    msl_layer_free(L);
    return -1;
  }
  net->layer[net->n_layers] = (net_layer){copy, L, xe, xi};
  return net->n_layers++;
}

/* 0 if S fits between pre (size npre, -1 = unknown) and layer lp, else -1
 * with the error set. */
static int check_synapse(const msl_net *net, const msl_synapse *S, int lp, int npre,
                         const char *pre, const char *post) {
  const char *what = "synapse";
  if (lp < 0) return msl_error_set("%s %s -> %s: unknown post layer", what, pre, post);
  const msl_layer *L = net->layer[lp].L;
  if (npre < 0) return msl_error_set("%s %s -> %s: unknown pre source", what, pre, post);
  if (npre != S->n_pre)
    return msl_error_set("%s %s -> %s: pre size %d does not match the synapse's %d", what, pre,
                         post, npre, S->n_pre);
  if (L->n != S->n_post)
    return msl_error_set("%s %s -> %s: post size %d does not match the synapse's %d", what, pre,
                         post, L->n, S->n_post);
  if (S->channel != MSL_EXC && S->channel != MSL_INH)
    return msl_error_set("%s %s -> %s: unknown channel %d", what, pre, post, (int)S->channel);
  if (S->channel == MSL_INH && !L->ops->inhibitory)
    return msl_error_set("%s %s -> %s: inhibitory (MSL_INH), but layer type '%s' integrates "
                         "excitatory input only", what, pre, post, L->ops->type);
  return 0;
}

int msl_net_add_synapse(msl_net *net, const char *post, msl_synapse *S, const char *pre) {
  if (!post) post = "";
  if (!pre) pre = "";
  if (!S) return msl_error_set("synapse %s -> %s: %s", pre, post, msl_error());
  int lp = find_layer(net, post), li = find_layer(net, pre), ii = find_input(net, pre);
  int npre = li >= 0 ? net->layer[li].L->n : ii >= 0 ? net->input[ii].n : -1;
  int bad = check_synapse(net, S, lp, npre, pre, post);
  if (!bad && grow((void **)&net->syn, net->n_syn, &net->cap_syn, sizeof *net->syn))
    bad = msl_error_set("synapse %s -> %s: out of memory", pre, post);
  if (bad) {
    msl_synapse_free(S);
    return -1;
  }
  net->syn[net->n_syn] = (net_synapse){S, lp, li, li >= 0 ? -1 : ii, NULL};
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

int msl_net_n_inputs(const msl_net *net) { return net->n_inputs; }

int msl_net_input_index(const msl_net *net, const char *name) {
  return name ? find_input(net, name) : -1;
}

int msl_net_input_size(const msl_net *net, int k) {
  return k >= 0 && k < net->n_inputs ? net->input[k].n : -1;
}

msl_layer *msl_net_layer(msl_net *net, const char *name) {
  int k = find_layer(net, name);
  return k >= 0 ? net->layer[k].L : NULL;
}

msl_synapse *msl_net_synapse(msl_net *net, int index) {
  return index >= 0 && index < net->n_syn ? net->syn[index].S : NULL;
}

int msl_net_state(msl_ckpt *c, msl_net *net) {
  if (msl_ckpt_same(c, "net.layers", net->n_layers) || msl_ckpt_same(c, "net.synapses", net->n_syn))
    return -1;
  for (int k = 0; k < net->n_layers; k++)
    if (msl_layer_state(c, net->layer[k].L)) return -1;
  for (int k = 0; k < net->n_syn; k++)
    if (msl_synapse_state(c, net->syn[k].S)) return -1;
  return 0;
}
