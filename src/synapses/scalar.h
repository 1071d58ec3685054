/* scalar.h: construction of the static synapse types whose only parameter is
 * one number (one_to_one, all_but_self, uniform). */
#ifndef MSL_SYNAPSES_SCALAR_H
#define MSL_SYNAPSES_SCALAR_H

#include <stdlib.h>

#include "msl/error.h"
#include "msl/synapse.h"
#include "engine/state.h"

/* A synapse of the given ops whose content is a copy of value; NULL with
 * msl_error() set on bad sizes, channel or memory. */
static inline msl_synapse *scalar_synapse_new(const msl_synapse_ops *ops, double value, int n_pre,
                                              int n_post, msl_channel ch) {
  double *c = malloc(sizeof *c);
  if (!c) {
    msl_error_set("%s synapse: out of memory", ops->type);
    return NULL;
  }
  *c = value;
  msl_synapse *S = msl_synapse_alloc(ops, c, n_pre, n_post, ch);
  if (!S) free(c);
  return S;
}

/* The ops' destroy for all of them. */
static inline void scalar_synapse_destroy(msl_synapse *S) { free(S->content); }

#endif
