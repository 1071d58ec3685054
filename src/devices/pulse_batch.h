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
/* The same with count pulses per cell (the weight read after the last). */
typedef void (*pulses_kernel)(const msl_device *d, double *s, double *w, const double *v, int m,
                              double dt, int count);

/* The shared body: kernel k1 once, or kn with count, on each block. */
static inline void batch_run(const msl_device *d, double *s, double *w, const ptrdiff_t *at,
                             const double *v, int n, double dt, int count, pulse_kernel k1,
                             pulses_kernel kn) {
  if (n <= 0) return;
  if (at[n - 1] - at[0] == n - 1) { /* ascending and contiguous: in place */
    if (kn) kn(d, s + at[0], w + at[0], v, n, dt, count);
    else k1(d, s + at[0], w + at[0], v, n, dt);
    return;
  }
  double bs[PULSE_BLOCK], bw[PULSE_BLOCK];
  for (int k0 = 0; k0 < n; k0 += PULSE_BLOCK) {
    int m = n - k0 < PULSE_BLOCK ? n - k0 : PULSE_BLOCK;
    for (int q = 0; q < m; q++) {
      bs[q] = s[at[k0 + q]];
      bw[q] = w[at[k0 + q]]; /* a zero-drive cell keeps its weight */
    }
    if (kn) kn(d, bs, bw, v + k0, m, dt, count);
    else k1(d, bs, bw, v + k0, m, dt);
    for (int q = 0; q < m; q++) {
      s[at[k0 + q]] = bs[q];
      w[at[k0 + q]] = bw[q];
    }
  }
}

static inline void pulse_batch(const msl_device *d, double *s, double *w, const ptrdiff_t *at,
                               const double *v, int n, double dt, pulse_kernel kernel) {
  batch_run(d, s, w, at, v, n, dt, 1, kernel, NULL);
}

/* count pulses per cell: each block gathered once, pulsed count times,
 * scattered once. */
static inline void pulses_batch(const msl_device *d, double *s, double *w, const ptrdiff_t *at,
                                const double *v, int n, double dt, int count,
                                pulses_kernel kernel) {
  if (count > 0) batch_run(d, s, w, at, v, n, dt, count, NULL, kernel);
}

#endif
