/* uniform.c: uniform balance, y_i = c sum_j x_j for every post neuron (SPEC 4). */
#include "scalar.h"

static void uni_fwd(msl_synapse *S, const msl_spikes *pre, double *y) {
  if (pre->nnz == 0) return;
  double v = *(double *)S->content * msl_spikes_sum(pre);
  for (int i = 0; i < S->n_post; i++) y[i] += v;
}

static const msl_synapse_ops uni_ops = {
    .type = "uniform", .forward = uni_fwd, .destroy = scalar_synapse_destroy,
    .state = msl_synapse_state_none};

msl_synapse *msl_uniform_new(int n_pre, int n_post, double c, msl_channel ch) {
  return scalar_synapse_new(&uni_ops, c, n_pre, n_post, ch);
}
