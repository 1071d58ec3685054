/* lutgen.h: `msl lut`'s tables: a device in a cell circuit tabulated into the
 * seed's lookup-table format (SPEC 5.3) with each pulse's supply energy,
 * and the fit of the circuit's transistor to a reference table. */
#ifndef MSL_CLI_LUTGEN_H
#define MSL_CLI_LUTGEN_H

#include "msl/cell.h"
#include "msl/device.h"

/* One direction's table: dG[iG * nV + iV] (S) and E (J) of one pulse of
 * width dt at |V| = V[iV] from G = G[iG]. */
typedef struct {
  double *G, *V, *dG, *E;
  int nG, nV;
  double dt;
} lut_table;

/* The reference's grids (1t1r_Paiyu_15.npz): G 0..3e-6 S in 3e-8 steps and
 * on to 1.5e-4 in 6e-7 steps; potentiation 0.002..0.8 V in 0.002, depression
 * 0.005..2.5 V in 0.005. 0, or -1 out of memory. */
int lutgen_grids(lut_table *pot, lut_table *dep);
/* Fill t's dG and E (allocated here when NULL) for the device d (g1 = 1 S,
 * so w is G in S) in the circuit c, every step-th G and V only (others
 * left as they are; step 1: all). Rows outside the device's range are zero,
 * as in the reference. dep: depressing pulses. 0, or -1 with msl_error(). */
int lutgen_fill(lut_table *t, const msl_device *d, const msl_cell *c, int dep, int step);
void lutgen_free(lut_table *t);

/* The normalised RMS error of a's dG against the reference r's over r's
 * grid (same grids): sqrt(sum (a - r)^2 / sum r^2). */
double lutgen_nrmse(const lut_table *a, const lut_table *r);

/* Fit the transistor (mos-vth, mos-k, mos-n, mos-lambda, v-set, vg-reset)
 * in p to the reference tables (their grids, every step-th point) by
 * GSL's nonlinear least squares, from p's values; p receives the fit.
 * Progress on stderr when verbose. 0, or -1 with msl_error(). */
int lutgen_fit(const char *device, const char *cell, msl_params *p, const lut_table *rpot,
               const lut_table *rdep, int step, int verbose);

#endif
