/* dense_kernel.h: the event-driven dense matrix-vector product shared by the
 * dense, plastic and crossbar synapses. W[j*n_post + i], pre-major. */
#ifndef MSL_SYNAPSES_DENSE_KERNEL_H
#define MSL_SYNAPSES_DENSE_KERNEL_H

#include <stddef.h>

#include "msl/spikes.h"

/* y[n_post] += sum over active j of W[:, j] * x_j. Active columns are taken
 * four at a time, y[i] += (c0 + c1) + (c2 + c3), which cuts the loads and
 * stores of y four-fold (the loop is memory-bound); the order is fixed by
 * the active list, so results are deterministic. */
static inline void dense_forward(const double *restrict W, int n_post,
                                 const msl_spikes *pre, double *restrict y) {
  const int *idx = pre->idx;
  const float *x = pre->x;
  int k = 0;
  for (; k + 4 <= pre->nnz; k += 4) {
    int j0 = idx[k], j1 = idx[k + 1], j2 = idx[k + 2], j3 = idx[k + 3];
    const double *restrict c0 = W + (size_t)j0 * n_post, *restrict c1 = W + (size_t)j1 * n_post;
    const double *restrict c2 = W + (size_t)j2 * n_post, *restrict c3 = W + (size_t)j3 * n_post;
    if (x[j0] == 1.0f && x[j1] == 1.0f && x[j2] == 1.0f && x[j3] == 1.0f) {
      for (int i = 0; i < n_post; i++) y[i] += (c0[i] + c1[i]) + (c2[i] + c3[i]);
    } else {
      double x0 = x[j0], x1 = x[j1], x2 = x[j2], x3 = x[j3];
      for (int i = 0; i < n_post; i++)
        y[i] += (c0[i] * x0 + c1[i] * x1) + (c2[i] * x2 + c3[i] * x3);
    }
  }
  for (; k < pre->nnz; k++) {
    int j = idx[k];
    const double *restrict col = W + (size_t)j * n_post;
    double xj = x[j];
    if (xj == 1.0f) {
      for (int i = 0; i < n_post; i++) y[i] += col[i];
    } else {
      for (int i = 0; i < n_post; i++) y[i] += col[i] * xj;
    }
  }
}

/* W[j*n_post + i] = clamp(W, lo, hi) * f[i] for the n_pre columns. */
static inline void dense_rescale_column(double *restrict col, int n_post, double lo, double hi,
                                        const double *restrict f) {
  for (int i = 0; i < n_post; i++) {
    double w = col[i] < lo ? lo : (col[i] > hi ? hi : col[i]);
    col[i] = w * f[i];
  }
}

#endif
