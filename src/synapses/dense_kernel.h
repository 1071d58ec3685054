/* dense_kernel.h: the event-driven dense matrix-vector product shared by the
 * dense, plastic and crossbar synapses. W[j*n_post + i], pre-major. */
#ifndef MSL_SYNAPSES_DENSE_KERNEL_H
#define MSL_SYNAPSES_DENSE_KERNEL_H

#include <stddef.h>

#include "msl/spikes.h"

/* y[n_post] += sum over active j (ascending) of W[:, j] * x_j. */
static inline void dense_forward(const double *restrict W, int n_post,
                                 const msl_spikes *pre, double *restrict y) {
  for (int k = 0; k < pre->nnz; k++) {
    int j = pre->idx[k];
    const double *restrict col = W + (size_t)j * n_post;
    double xj = pre->x[j];
    if (xj == 1.0f) {
      for (int i = 0; i < n_post; i++) y[i] += col[i];
    } else {
      for (int i = 0; i < n_post; i++) y[i] += col[i] * xj;
    }
  }
}

#endif
