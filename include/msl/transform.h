/* transform.h: input transforms (the seed's transforms.py), filters of an
 * activity vector applied before a synapse.
 *   low-pass:     v = (1 - b) x + b v, b = exp(-1/tau); output v
 *   pass-through: v = x; output v
 * With delay the output is v before the update (one step late). Values are
 * kept in double and output rounded to float, like every activity vector.
 * msl_transformed_new puts one in front of a synapse: the synapse sees the
 * transformed pre vector in forward and in learning (its pre trace). */
#ifndef MSL_TRANSFORM_H
#define MSL_TRANSFORM_H

#include "msl/synapse.h"
#include "msl/api.h"

MSL_BEGIN_DECLS

typedef struct msl_transform msl_transform;

/* NULL with msl_error() on bad arguments (n < 1, tau <= 0). */
msl_transform *msl_lowpass_new(int n, double tau, int delay);
msl_transform *msl_passthrough_new(int n, int delay);
/* out (size n) = the transform of in (size n); -1 (msl_error()) on sizes. */
int msl_transform_apply(msl_transform *T, const msl_spikes *in, msl_spikes *out);
void msl_transform_reset(msl_transform *T);
void msl_transform_free(msl_transform *T);
/* Its size n and state v[n] (read-only). */
int msl_transform_size(const msl_transform *T);
const double *msl_transform_value(const msl_transform *T);

/* S with T in front (n == S->n_pre); takes both (frees both on failure).
 * Weights, traces and statistics are S's. */
msl_synapse *msl_transformed_new(msl_transform *T, msl_synapse *S);

MSL_END_DECLS

#endif
