/* exposure.h: the pending half-select changes of a crossbar's cells, for the
 * lazy bias drives (bias.c; docs/array.md, "The lazy path").
 *
 * In a column event every undriven cell of row i sees the same voltage; in
 * a row event every undriven cell of column j does. The change one pulse
 * makes is a smooth function of the cell's state, so each event adds, per
 * row (column event) or per column (row event), that change at M Chebyshev
 * node states, as the coefficients of its Chebyshev interpolant: a part
 * every line shares (the unselected crossings' common voltage) and the
 * excess of the lines with a voltage of their own. A cell
 * catches up by evaluating, at its state, the sum over the events it
 * missed. Sums are running totals per event of an epoch (a few hundred events),
 * so a cell only needs the event it was last current at: the later of its
 * column's and its row's last catch-up. The epoch ends with every cell
 * caught up. Row and column sums of |w| give the undriven cells' energy
 * without visiting them. */
#ifndef MSL_ARRAY_EXPOSURE_H
#define MSL_ARRAY_EXPOSURE_H

#include "msl/array.h"

typedef struct msl_exposure msl_exposure;

enum { MSL_EXPOSURE_NODES = 12 };

/* For the cells of A (no non-idealities); NULL with msl_error(). */
msl_exposure *msl_exposure_new(const msl_cell_array *A);
void msl_exposure_free(msl_exposure *x);
/* Before an event: catch up the cells of columns cols[0..n-1] (rows = 0)
 * or of rows (rows = 1), or every cell when the epoch is full (then a new
 * epoch starts). Their |w| changes go to st->drift_w. */
void msl_exposure_touch(msl_exposure *x, msl_cell_array *A, int rows, const int *lines, int n,
                        msl_syn_stats *st);
/* Catch up every cell and start a new epoch. */
void msl_exposure_flush_all(msl_exposure *x, msl_cell_array *A, msl_syn_stats *st);
/* The energy per G1 dt of an event's undriven cells, from the row sums
 * (rows = 0: a column event on lines = its columns) or the column sums
 * (rows = 1): e with vp^2, iv with pp, where a crossing line's vp and pp
 * are vp[1 + q], pp[1 + q] for the q-th of the nk lines ks (ascending) and
 * vp[0], pp[0] for every other. */
void msl_exposure_energy(msl_exposure *x, const msl_cell_array *A, int rows,
                         const int *lines, int n, const int *ks, int nk, const double *vp,
                         const double *pp, double *e, double *iv);
/* Cell k of column j changed from w0 to w (keeps the sums). */
void msl_exposure_changed(msl_exposure *x, int j, int i, double w0, double w);
/* Every cell of column j changed, from w0[i] to w[i]; returns the sum of
 * w - w0 over the cells with mask[i] == 0 (mask NULL: all), in order. */
double msl_exposure_changed_col(msl_exposure *x, int j, const double *w0, const double *w,
                                const unsigned char *mask);
/* The same for a driven column (mask not NULL), adding to e[0..3] the
 * energy terms of its cells from the weights before: sum of |w0| vs^2 and
 * of |w0| ps over the cells with mask[i] != 0, then the same over the
 * others. These sums (and the drift) are taken in eight interleaved
 * partial sums, added in lane order: the same bits on every machine, not
 * those of a sum in cell order. */
double msl_exposure_changed_col_e(msl_exposure *x, int j, const double *w0, const double *w,
                                  const unsigned char *mask, const double *vs, const double *ps,
                                  double *e);
/* After an event's driven pulses: record the undriven cells' pulse (per
 * row, rows = 0; per column, rows = 1; width dt): drive uk[q] for the q-th
 * of the nk lines ks (ascending), u0 (that of the unselected crossings) for
 * every other. 0, or -1 with msl_error() (the device failed, no memory). */
int msl_exposure_add(msl_exposure *x, const msl_cell_array *A, int rows, const int *lines, int n,
                     const int *ks, int nk, const double *uk, double u0, double dt);

/* Checkpoint state: the epoch's events, running sums and last catch-ups,
 * and the sums of |w|. 0 or -1 (msl_error()). */
struct msl_ckpt;
int msl_exposure_state(msl_exposure *x, struct msl_ckpt *c);

#endif
