/* device_cells.h: `msl device --cells K` and the non-idealities: K cells of
 * one device model, programmed and pulsed together, one CSV row per cell. */
#ifndef MSL_CLI_DEVICE_CELLS_H
#define MSL_CLI_DEVICE_CELLS_H

#include <stddef.h>

#include "msl/device.h"
#include "msl/nonideal.h"
#include "msl/synapse.h"

/* What to run: every (weight, voltage) pair of ws[nw] x vs[nv]. */
typedef struct device_cells {
  const msl_device *d;
  msl_nonideal *ni; /* the cells' non-idealities (NULL: n identical ideal cells) */
  size_t n;         /* cells */
  const double *ws, *vs;
  int nw, nv;
  double dt;
  long pulses;
  int energy; /* add energy_j, energy_iv_j */
} device_cells;

/* Print the CSV header (cell,model,g1,w_before,voltage,dt,pulses,w_after,dw,
 * stuck[,energy_j,energy_iv_j]), then for every pair: program the n cells to the weight (through their
 * non-idealities), apply the pulses to all of them and print one row per
 * cell. Counts into st and cn; 0, or -1 with msl_error() (the model's fatal
 * condition, or out of memory). */
int device_cells_run(const device_cells *c, msl_pulse_stats *st, msl_syn_counts *cn);

#endif
