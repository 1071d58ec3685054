/* one_to_one.c: y_i = w x_i (SPEC 4). */
#include "msl/synapse.h"

#include <stdlib.h>

static void o2o_fwd(msl_synapse *S, const msl_spikes *pre, double *y) {
  double w = *(double *)S->content;
  for (int k = 0; k < pre->nnz; k++) {
    int j = pre->idx[k];
    y[j] += w * pre->x[j];
  }
}

static void o2o_destroy(msl_synapse *S) { free(S->content); }

static const msl_synapse_ops o2o_ops = {
    .type = "one_to_one", .forward = o2o_fwd, .destroy = o2o_destroy};

msl_synapse *msl_one_to_one_new(int n, double w, msl_channel ch) {
  double *c = malloc(sizeof *c);
  if (!c) return NULL;
  *c = w;
  msl_synapse *S = msl_synapse_alloc(&o2o_ops, c, n, n, ch);
  if (!S) free(c);
  return S;
}
