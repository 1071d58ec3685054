/* dense.c: static dense synapse, y = W x (SPEC 4). */
#include "dense_kernel.h"
#include "msl/synapse.h"

#include <stdlib.h>
#include <string.h>

#include "msl/error.h"
#include "engine/alloc64.h"
#include "engine/dispatch.h"

static void dense_fwd(msl_synapse *S, const msl_spikes *pre, double *y) {
  dense_forward_threads(S->content, S->n_post, pre, y);
}

static double *dense_weights(msl_synapse *S) { return S->content; }

static void dense_destroy(msl_synapse *S) { free(S->content); }

static const msl_synapse_ops dense_ops = {
    .type = "dense", .forward = dense_fwd, .weights = dense_weights, .destroy = dense_destroy};

msl_synapse *msl_dense_new(int n_pre, int n_post, const double *W0, msl_channel ch) {
  if (n_pre < 1 || n_post < 1) return msl_synapse_alloc(&dense_ops, NULL, n_pre, n_post, ch);
  size_t n = (size_t)n_pre * n_post;
  double *W = msl_calloc64(n, sizeof *W);
  if (!W) {
    msl_error_set("dense synapse: out of memory for %d x %d weights", n_pre, n_post);
    return NULL;
  }
  memcpy(W, W0, n * sizeof *W);
  msl_synapse *S = msl_synapse_alloc(&dense_ops, W, n_pre, n_post, ch);
  if (!S) free(W);
  return S;
}
