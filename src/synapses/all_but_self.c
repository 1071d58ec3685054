/* all_but_self.c: lateral inhibition, y_i = w (sum_j x_j - x_i) (SPEC 4). */
#include "scalar.h"
#include "engine/dispatch.h"

MSL_KERNEL
static void abs_fwd(msl_synapse *S, const msl_spikes *pre, double *y) {
  if (pre->nnz == 0) return; /* adds exactly zero */
  double w = *(double *)S->content;
  double sum = msl_spikes_sum(pre);
  for (int i = 0; i < S->n_post; i++) y[i] += w * (sum - pre->x[i]);
}

static const msl_synapse_ops abs_ops = {
    .type = "all_but_self", .forward = abs_fwd, .destroy = scalar_synapse_destroy,
    .state = msl_synapse_state_none};

msl_synapse *msl_all_but_self_new(int n, double w, msl_channel ch) {
  return scalar_synapse_new(&abs_ops, w, n, n, ch);
}
