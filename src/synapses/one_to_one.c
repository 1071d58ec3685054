/* one_to_one.c: y_i = w x_i (SPEC 4). */
#include "scalar.h"

static void o2o_fwd(msl_synapse *S, const msl_spikes *pre, double *y) {
  double w = *(double *)S->content;
  for (int k = 0; k < pre->nnz; k++) {
    int j = pre->idx[k];
    y[j] += w * pre->x[j];
  }
}

static const msl_synapse_ops o2o_ops = {
    .type = "one_to_one", .forward = o2o_fwd, .destroy = scalar_synapse_destroy,
    .state = msl_synapse_state_none};

msl_synapse *msl_one_to_one_new(int n, double w, msl_channel ch) {
  return scalar_synapse_new(&o2o_ops, w, n, n, ch);
}
