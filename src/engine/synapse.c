/* synapse.c: the parts of a synapse common to every synapse type. */
#include "msl/synapse.h"

#include <stdlib.h>
#include <string.h>

#include "engine/dispatch.h"
#include "engine/par.h"
#include "msl/error.h"

msl_synapse *msl_synapse_alloc(const msl_synapse_ops *ops, void *content,
                               int n_pre, int n_post, msl_channel ch) {
  const char *type = ops && ops->type ? ops->type : "synapse";
  if (n_pre < 1 || n_post < 1) {
    msl_error_set("%s synapse: sizes must be >= 1, got %d x %d", type, n_pre, n_post);
    return NULL;
  }
  if (ch != MSL_EXC && ch != MSL_INH) {
    msl_error_set("%s synapse: unknown channel %d", type, (int)ch);
    return NULL;
  }
  msl_synapse *S = calloc(1, sizeof *S);
  if (!S) {
    msl_error_set("%s synapse: out of memory", type);
    return NULL;
  }
  S->ops = ops;
  S->content = content;
  S->n_pre = n_pre;
  S->n_post = n_post;
  S->channel = ch;
  return S;
}

void msl_synapse_free(msl_synapse *S) {
  if (!S) return;
  if (S->ops && S->ops->destroy) S->ops->destroy(S);
  free(S);
}

void msl_synapse_stats_reset(msl_synapse *S) { memset(&S->stats, 0, sizeof S->stats); }

msl_trace *msl_synapse_trace(msl_synapse *S, int post) {
  return S->ops->trace ? S->ops->trace(S, post) : NULL;
}

void msl_syn_stats_add(msl_syn_stats *a, const msl_syn_stats *b) {
  a->energy_j += b->energy_j;
  a->energy_row_j += b->energy_row_j;
  a->energy_col_j += b->energy_col_j;
  a->energy_iv_j += b->energy_iv_j;
  a->energy_half_j += b->energy_half_j;
  a->half_pulses += b->half_pulses;
  a->drift_w += b->drift_w;
  a->read_power_w += b->read_power_w;
  a->in_spikes += b->in_spikes;
  a->out_spikes += b->out_spikes;
  a->sum_v_pre += b->sum_v_pre;
  a->sum_v2_pre += b->sum_v2_pre;
  a->sum_v_post += b->sum_v_post;
  a->sum_v2_post += b->sum_v2_post;
  a->energy_pot_j += b->energy_pot_j;
  a->energy_dep_j += b->energy_dep_j;
}

void msl_syn_counts_add(msl_syn_counts *a, const msl_syn_counts *b) {
  a->clamped += b->clamped;
  a->weights_set += b->weights_set;
  a->weights_clipped += b->weights_clipped;
  a->weights_stuck += b->weights_stuck;
  a->stuck_off += b->stuck_off;
  a->stuck_on += b->stuck_on;
  a->worn_cells += b->worn_cells;
  a->stuck_pulses += b->stuck_pulses;
}

double *msl_synapse_weights(msl_synapse *S) { return S->ops->weights ? S->ops->weights(S) : NULL; }

void msl_synapse_commit(msl_synapse *S) {
  if (S->ops->commit) S->ops->commit(S);
}

int msl_synapse_rescale(msl_synapse *S, double lo, double hi, const double *f) {
  if (!S->ops->rescale) return msl_error_set("%s synapse: cannot rescale its weights", S->ops->type);
  S->ops->rescale(S, lo, hi, f);
  return 0;
}

void msl_synapse_reset(msl_synapse *S) {
  if (S->ops->reset) S->ops->reset(S);
}

/* sum[i] = sum over j in pre order of clamp(W[j, i], lo, hi), for the
 * outputs of block t of T (cache-line aligned). */
MSL_KERNEL
static void clipped_sums(const double *W, int Ne, int No, double lo, double hi, double *sum,
                         int t, int T) {
  int i0, i1;
  msl_par_block(No, t, T, &i0, &i1);
  double *restrict s = sum;
  for (int i = i0; i < i1; i++) s[i] = 0.0;
  for (int j = 0; j < Ne; j++) {
    const double *restrict col = W + (size_t)j * No;
    for (int i = i0; i < i1; i++) s[i] += col[i] < lo ? lo : col[i] > hi ? hi : col[i];
  }
}

int msl_synapse_normalise(msl_synapse *S, double lo, double hi, double target, double *sum) {
  const double *W = msl_synapse_weights(S);
  if (!W || !S->ops->rescale)
    return msl_error_set("%s synapse: has no weights to normalise", S->ops->type);
  const int No = S->n_post, Ne = S->n_pre;
  /* A read-only pass for the sums, in pre order, the outputs split across
   * the threads. */
  const int T = MSL_PAR_USE((double)Ne * No * MSL_COST_STREAM) ? msl_threads() : 1;
  MSL_PAR_FOR((double)Ne * No * MSL_COST_STREAM, (),
  for (int t = 0; t < T; t++) clipped_sums(W, Ne, No, lo, hi, sum, t, T));
  for (int i = 0; i < No; i++) sum[i] = target / sum[i];
  S->ops->rescale(S, lo, hi, sum);
  return 0;
}

int msl_synapse_replay(msl_synapse *S, const msl_spikes *pre, const double *e) {
  if (!S->ops->replay) return msl_error_set("%s synapse: has no error replay", S->ops->type);
  return S->ops->replay(S, pre, e);
}
