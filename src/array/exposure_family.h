/* exposure_family.h: one family of the lazy bias drive's running sums
 * (exposure.c, which holds two: per row for the column events, per column
 * for the row events). Private to src/array. */
#ifndef MSL_ARRAY_EXPOSURE_FAMILY_H
#define MSL_ARRAY_EXPOSURE_FAMILY_H

#include <stddef.h>

#include "engine/ckpt.h"
#include "exposure.h"

/* One family of sums: per line (rows for column events, columns for row
 * events), the running total of Chebyshev coefficients after each of its
 * events, in two parts: the coefficients every line shares (the change at
 * the event's common voltage: the undriven lines at unselected crossings),
 * and, for the lines that had a voltage of their own in some event of the
 * epoch (the active lines, in the order they became active), what they
 * took beyond it. Total e's own part is [place][m] over its nact[e] active
 * lines (a line's coefficients together: a catch-up reads one line's at an
 * old total in one or two cache lines); a line not active in total e has no
 * own part there. Under V/2 the common voltage is
 * 0 and only the lines at selected crossings (recent spikes) are active. */
typedef struct {
  int n_lines, cap, n_ev;
  int nm;         /* coefficients per line and total */
  int *slot;      /* [n_lines]: the line's place among the active ones, or -1 */
  int *line;      /* [n_lines]: place -> line */
  int *last;      /* [n_lines]: the total of an active line's last own change (at loading: the
                     last total, which is never too early) */
  int *nact;      /* [cap + 1]: active lines in each total */
  size_t *off;    /* [cap + 2]: where each total's own part starts in own */
  double *own;    /* [size] */
  size_t size;
  double *common; /* [(cap + 1) * M]: each total's shared part */
  int *at;        /* [events + 1]: at[e], this family's events among the first e of the epoch */
} msl_xfam;

/* For n_lines lines, cap totals (events) and an epoch of `events` events,
 * nm coefficients per line: 0, or -1 (out of memory; msl_xfam_free frees
 * what was allocated). */
int msl_xfam_init(msl_xfam *F, int n_lines, int cap, int events, int nm);
void msl_xfam_free(msl_xfam *F);
/* An empty epoch: no events, no active lines. */
void msl_xfam_reset(msl_xfam *F);
/* Room in own for n doubles (0, or -1 with msl_error()). */
int msl_xfam_room(msl_xfam *F, size_t n);
/* The family's live part to or from a checkpoint (ne: the epoch's events). */
int msl_xfam_state(msl_ckpt *c, msl_xfam *F, int ne, int nm);

/* Whether a[0..n) are all in [lo, hi] (and ascending, if asc). */
static inline int msl_xfam_in_range(const int *a, size_t n, int lo, int hi, int asc) {
  for (size_t k = 0; k < n; k++)
    if (a[k] < lo || a[k] > hi || (asc && k && a[k] < a[k - 1])) return 0;
  return 1;
}

/* Line place p's own coefficient m in total e (0 if not active there). */
static inline double msl_xfam_own_at(const msl_xfam *F, int e, int m, int p) {
  return p < F->nact[e] ? F->own[F->off[e] + (size_t)p * F->nm + m] : 0.0;
}

/* Coefficient m of family F's sum over its events between totals e0 and
 * e1, for line k. */
static inline double msl_xfam_diff(const msl_xfam *F, int e1, int e0, int m, int k) {
  if (e1 == e0) return 0.0;
  const size_t M = MSL_EXPOSURE_NODES;
  double d = F->common[(size_t)e1 * M + m] - F->common[(size_t)e0 * M + m];
  const int p = F->slot[k];
  return p < 0 ? d : d + (msl_xfam_own_at(F, e1, m, p) - msl_xfam_own_at(F, e0, m, p));
}

/* Line k's own coefficients in total e of F, or zeros (msl_xfam_own_at's values). */
static inline const double *msl_xfam_own_row(const msl_xfam *F, int e, int k,
                                             const double *zeros) {
  const int p = F->slot[k];
  return p >= 0 && p < F->nact[e] ? F->own + F->off[e] + (size_t)p * F->nm : zeros;
}

#endif
