/* pulse_batch.h: the shared driver of the models' pulse op. It gathers the
 * listed cells into small contiguous blocks, lets the model's kernel update
 * them with a plain loop the compiler vectorises, and scatters the results
 * back; a contiguous list (a whole column) is updated in place. */
#ifndef MSL_DEVICES_PULSE_BATCH_H
#define MSL_DEVICES_PULSE_BATCH_H

#include <stddef.h>

#include "msl/device.h"

enum { PULSE_BLOCK = 128 };

/* Update m cells: state s[k], weight w[k] (out), drive u[k]. */
typedef void (*pulse_kernel)(const msl_device *d, double *s, double *w, const double *v, int m,
                             double dt);

static inline void pulse_batch(const msl_device *d, double *s, double *w, const ptrdiff_t *at,
                               const double *v, int n, double dt, pulse_kernel kernel) {
  if (n > 0 && at[n - 1] - at[0] == n - 1) { /* ascending and contiguous: in place */
    kernel(d, s + at[0], w + at[0], v, n, dt);
    return;
  }
  double bs[PULSE_BLOCK], bw[PULSE_BLOCK];
  for (int k0 = 0; k0 < n; k0 += PULSE_BLOCK) {
    int m = n - k0 < PULSE_BLOCK ? n - k0 : PULSE_BLOCK;
    for (int q = 0; q < m; q++) bs[q] = s[at[k0 + q]];
    kernel(d, bs, bw, v + k0, m, dt);
    for (int q = 0; q < m; q++) {
      s[at[k0 + q]] = bs[q];
      w[at[k0 + q]] = bw[q];
    }
  }
}

#endif
