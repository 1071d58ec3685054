/* device_cells.c: many cells of one model under `msl device` (device_cells.h).
 *
 * Cells go through in blocks: each block gets all the pulses of a row before
 * the next block starts. That is the same as pulsing all cells at once, as
 * every cell's noise is a function of that cell and its pulse count alone. */
#include "device_cells.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "msl/error.h"

enum { BLOCK = 1024 };

/* Every cell set to weight w: through the non-idealities, or as a single
 * cell is (w2s, then s2w: bit for bit the rows of one cell). */
static void program(const device_cells *c, double *s, double *w, double wt, msl_syn_counts *cn) {
  for (size_t k = 0; k < c->n; k++) w[k] = wt;
  if (c->ni) {
    msl_nonideal_set_weights(c->ni, c->d, s, w, 0, c->n, &cn->weights_stuck);
    return;
  }
  const double s0 = c->d->ops->w2s(c->d, wt), w0 = c->d->ops->s2w(c->d, s0);
  for (size_t k = 0; k < c->n; k++) {
    s[k] = s0;
    w[k] = w0;
  }
}

/* The pulses of one row on cells [base, base + m), the energy of each cell
 * from its weight before every pulse into e (G1 V^2 dt, the model's power). */
static int pulse_block(const device_cells *c, double *s, double *w, size_t base, int m, double v,
                       double e[][2], msl_pulse_stats *st, msl_syn_counts *cn) {
  const msl_device *d = c->d;
  const double p2 = v * v * d->g1 * c->dt, piv = msl_device_power(d, v) * d->g1 * c->dt;
  ptrdiff_t at[BLOCK];
  double u[BLOCK], u0;
  d->ops->drive(d, &v, &u0, 1);
  for (int q = 0; q < m; q++) {
    at[q] = q;
    u[q] = u0;
    e[q][0] = e[q][1] = 0.0;
  }
  for (long p = 0; p < c->pulses && v != 0.0; p++) {
    for (int q = 0; q < m; q++) {
      e[q][0] += fabs(w[base + q]) * p2;
      e[q][1] += fabs(w[base + q]) * piv;
    }
    int r = c->ni ? msl_nonideal_pulse(c->ni, d, s, w, base, at, u, m, c->dt, st, cn)
                  : d->ops->pulse(d, s + base, w + base, at, u, m, c->dt, st);
    if (r) return -1;
  }
  return 0;
}

int device_cells_run(const device_cells *c, msl_pulse_stats *st, msl_syn_counts *cn) {
  double *s = malloc(c->n * sizeof *s), *w = malloc(c->n * sizeof *w);
  int rc = -1;
  if (!s || !w) {
    msl_error_set("--cells %zu: out of memory", c->n);
    goto out;
  }
  printf("cell,model,g1,w_before,voltage,dt,pulses,w_after,dw,stuck%s\n",
         c->energy ? ",energy_j,energy_iv_j" : "");
  double before[BLOCK], e[BLOCK][2];
  for (int a = 0; a < c->nw; a++)
    for (int b = 0; b < c->nv; b++) {
      const double v = c->vs[b];
      program(c, s, w, c->ws[a], cn);
      for (size_t base = 0; base < c->n; base += BLOCK) {
        const int m = c->n - base < BLOCK ? (int)(c->n - base) : BLOCK;
        for (int q = 0; q < m; q++) before[q] = w[base + q];
        if (pulse_block(c, s, w, base, m, v, e, st, cn)) goto out;
        for (int q = 0; q < m; q++) {
          double sc, rp, rd;
          int stuck;
          msl_nonideal_cell(c->ni, base + q, &sc, &rp, &rd, &stuck);
          printf("%zu,%s,%.17g,%.17g,%.17g,%.17g,%ld,%.17g,%.17g,%d", base + q, c->d->ops->name,
                 c->d->g1, before[q], v, c->dt, c->pulses, w[base + q], w[base + q] - before[q],
                 stuck);
          if (c->energy) printf(",%.17g,%.17g", e[q][0], e[q][1]);
          putchar('\n');
        }
      }
    }
  rc = 0;
out:
  free(s);
  free(w);
  return rc;
}
