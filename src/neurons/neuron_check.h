/* neuron_check.h: the argument checks and error messages shared by the
 * neuron constructors (error.h convention: NULL and msl_error()). */
#ifndef MSL_NEURONS_NEURON_CHECK_H
#define MSL_NEURONS_NEURON_CHECK_H

#include "msl/error.h"

/* -1 (message set) unless the layer size n >= 1. */
static inline int neuron_bad_size(const char *type, int n) {
  return n >= 1 ? 0 : msl_error_set("%s layer: size must be >= 1, got %d", type, n);
}

/* -1 (message set) unless the time constant is > 0 (infinity: no decay). */
static inline int neuron_bad_tau(const char *type, const char *name, double tau) {
  return tau > 0.0 ? 0 : msl_error_set("%s layer: %s must be > 0, got %g", type, name, tau);
}

/* Sets the out-of-memory message; returns NULL for the constructor to return. */
static inline void *neuron_no_memory(const char *type, int n) {
  msl_error_set("%s layer: out of memory for %d neurons", type, n);
  return NULL;
}

#endif
