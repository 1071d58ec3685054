/* dense_kernel.h: the event-driven dense matrix-vector product shared by the
 * dense, plastic and crossbar synapses. W[j*n_post + i], pre-major. */
#ifndef MSL_SYNAPSES_DENSE_KERNEL_H
#define MSL_SYNAPSES_DENSE_KERNEL_H

#include <stddef.h>

#include "engine/dispatch.h"
#include "engine/par.h"
#include "msl/spikes.h"

/* y[n_post] += sum over active j of W[:, j] * x_j. Active columns are taken
 * four at a time, y[i] += (c0 + c1) + (c2 + c3), which cuts the loads and
 * stores of y four-fold (the loop is memory-bound); the order is fixed by
 * the active list, so results are deterministic. */
static inline void dense_forward_part(const double *restrict W, size_t stride, int n_post,
                                      const msl_spikes *pre, double *restrict y) {
  const int *idx = pre->idx;
  const float *x = pre->x;
  int k = 0;
  for (; k + 4 <= pre->nnz; k += 4) {
    int j0 = idx[k], j1 = idx[k + 1], j2 = idx[k + 2], j3 = idx[k + 3];
    const double *restrict c0 = W + (size_t)j0 * stride, *restrict c1 = W + (size_t)j1 * stride;
    const double *restrict c2 = W + (size_t)j2 * stride, *restrict c3 = W + (size_t)j3 * stride;
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
    const double *restrict col = W + (size_t)j * stride;
    double xj = x[j];
    if (xj == 1.0f) {
      for (int i = 0; i < n_post; i++) y[i] += col[i];
    } else {
      for (int i = 0; i < n_post; i++) y[i] += col[i] * xj;
    }
  }
}

/* The product for outputs [0, n_post) of a wider matrix (row stride stride). */
static inline void dense_forward(const double *restrict W, int n_post, const msl_spikes *pre,
                                 double *restrict y) {
  dense_forward_part(W, (size_t)n_post, n_post, pre, y);
}

/* W[j*n_post + i] = clamp(W, lo, hi) * f[i] for the n_pre columns. */
static inline void dense_rescale_column(double *restrict col, int n_post, double lo, double hi,
                                        const double *restrict f) {
  for (int i = 0; i < n_post; i++) {
    double w = col[i] < lo ? lo : (col[i] > hi ? hi : col[i]);
    col[i] = w * f[i];
  }
}

/* dense_forward_part for the cache-line-aligned block of outputs of part
 * t of T (a dispatched kernel: the threaded loop's body). */
MSL_KERNEL
static void dense_forward_block(const double *W, int n_post, const msl_spikes *pre, double *y,
                                int t, int T) {
  int i0, i1;
  msl_par_block(n_post, t, T, &i0, &i1);
  if (i1 > i0) dense_forward_part(W + i0, (size_t)n_post, i1 - i0, pre, y + i0);
}

/* dense_forward with the outputs split across the threads (threads.h): each
 * y[i] is summed exactly as on one thread. */
static inline void dense_forward_threads(const double *W, int n_post, const msl_spikes *pre,
                                         double *y) {
  const int T = MSL_PAR_USE((double)pre->nnz * n_post * MSL_COST_STREAM) ? msl_threads() : 1;
  MSL_PAR_FOR((double)pre->nnz * n_post * MSL_COST_STREAM, (),
  for (int t = 0; t < T; t++) dense_forward_block(W, n_post, pre, y, t, T));
}

#endif
