/* exposure_family.c: one family of the lazy bias drive's running sums
 * (exposure_family.h): its storage, an empty epoch, room for more, and its
 * checkpoint records. */
#include "exposure_family.h"

#include <stdlib.h>

#include "msl/error.h"

enum { M = MSL_EXPOSURE_NODES };

int msl_xfam_init(msl_xfam *F, int n_lines, int cap, int events, int nm) {
  F->n_lines = n_lines;
  F->nm = nm;
  F->cap = cap;
  F->slot = malloc((size_t)n_lines * sizeof *F->slot);
  F->line = malloc((size_t)n_lines * sizeof *F->line);
  F->last = malloc((size_t)n_lines * sizeof *F->last);
  F->nact = calloc((size_t)cap + 1, sizeof *F->nact);
  F->off = calloc((size_t)cap + 2, sizeof *F->off);
  F->common = calloc((size_t)(cap + 1) * M, sizeof *F->common);
  F->at = calloc((size_t)events + 1, sizeof *F->at);
  F->size = (size_t)M * n_lines * 8;
  F->own = malloc(F->size * sizeof *F->own);
  if (!F->slot || !F->line || !F->last || !F->nact || !F->off || !F->common || !F->at ||
      !F->own)
    return -1;
  for (int k = 0; k < n_lines; k++) F->slot[k] = -1;
  return 0;
}

void msl_xfam_free(msl_xfam *F) {
  free(F->slot);
  free(F->line);
  free(F->last);
  free(F->nact);
  free(F->off);
  free(F->own);
  free(F->common);
  free(F->at);
}

/* An empty epoch: no events, no active lines. */
void msl_xfam_reset(msl_xfam *F) {
  for (int p = 0; p < F->nact[F->n_ev]; p++) F->slot[F->line[p]] = -1;
  F->n_ev = 0;
  F->nact[0] = 0;
  F->off[0] = 0;
  for (int m = 0; m < M; m++) F->common[m] = 0.0;
  F->at[0] = 0;
}

/* Room in own for n doubles (0, or -1 with msl_error()). */
int msl_xfam_room(msl_xfam *F, size_t n) {
  if (n <= F->size) return 0;
  size_t size = F->size;
  while (size < n) size *= 2;
  double *p = realloc(F->own, size * sizeof *p);
  if (!p) return msl_error_set("bias drive: out of memory for the half-select sums (%.3g MB)",
                               size * 8.0 / 1e6);
  F->own = p;
  F->size = size;
  return 0;
}

/* One family's live part: its event count, the totals up to it and its
 * active lines (slot rebuilt from line on loading). */
int msl_xfam_state(msl_ckpt *c, msl_xfam *F, int ne, int nm) {
  int64_t n_ev = F->n_ev;
  if (msl_ckpt_count(c, "exposure.n_ev", &n_ev, F->cap)) return -1;
  F->n_ev = (int)n_ev;
  const size_t nt = (size_t)F->n_ev + 1;
  if (msl_ckpt_i32(c, "exposure.at", F->at, (size_t)ne + 1) ||
      msl_ckpt_i32(c, "exposure.nact", F->nact, nt))
    return -1;
  const int load = msl_ckpt_loading(c);
  if (load && (F->at[0] != 0 || F->at[ne] != F->n_ev ||
               !msl_xfam_in_range(F->at, (size_t)ne + 1, 0, F->n_ev, 1) || F->nact[0] != 0 ||
               !msl_xfam_in_range(F->nact, nt, 0, F->n_lines, 1)))
    return msl_error_set("checkpoint: bias drive: inconsistent event counts");
  const int na = F->nact[F->n_ev];
  if (!load) F->off[nt] = F->off[F->n_ev] + (size_t)nm * na;
  if (msl_ckpt_i32(c, "exposure.line", F->line, (size_t)na)) return -1;
  if (load) {
    for (int k = 0; k < F->n_lines; k++) F->slot[k] = -1;
    for (int p = 0; p < na; p++) {
      if (F->line[p] < 0 || F->line[p] >= F->n_lines || F->slot[F->line[p]] >= 0)
        return msl_error_set("checkpoint: bias drive: inconsistent active lines");
      F->slot[F->line[p]] = p;
      F->last[F->line[p]] = F->n_ev;
    }
    for (size_t e = 0; e < nt; e++) F->off[e + 1] = F->off[e] + (size_t)nm * F->nact[e];
    if (msl_xfam_room(F, F->off[nt])) return -1;
  }
  return msl_ckpt_f64(c, "exposure.common", F->common, nt * M) ||
                 msl_ckpt_f64(c, "exposure.own_by_line", F->own, F->off[nt])
             ? -1
             : 0;
}

