/* spikes.c: activity vectors (dense values + active index list). */
#include "msl/spikes.h"

#include <stdlib.h>
#include <string.h>

#include "engine/alloc64.h"

int msl_spikes_init(msl_spikes *s, int n) {
  s->n = n;
  s->nnz = 0;
  s->x = msl_calloc64((size_t)(n > 0 ? n : 1), sizeof *s->x);
  s->idx = msl_calloc64((size_t)(n > 0 ? n : 1), sizeof *s->idx);
  if (!s->x || !s->idx) {
    msl_spikes_free(s);
    return -1;
  }
  return 0;
}

void msl_spikes_free(msl_spikes *s) {
  free(s->x);
  free(s->idx);
  s->x = NULL;
  s->idx = NULL;
  s->n = s->nnz = 0;
}

void msl_spikes_clear(msl_spikes *s) {
  /* Only active entries can be non-zero. */
  for (int k = 0; k < s->nnz; k++) s->x[s->idx[k]] = 0.0f;
  s->nnz = 0;
}

void msl_spikes_reindex(msl_spikes *s) {
  int m = 0;
  for (int j = 0; j < s->n; j++)
    if (s->x[j] != 0.0f) s->idx[m++] = j;
  s->nnz = m;
}

double msl_spikes_sum(const msl_spikes *s) {
  double t = 0.0;
  for (int k = 0; k < s->nnz; k++) t += s->x[s->idx[k]];
  return t;
}

void msl_spikes_accumulate(msl_spikes *acc, const msl_spikes *s) {
  int grew = 0;
  for (int k = 0; k < s->nnz; k++) {
    int j = s->idx[k];
    grew |= acc->x[j] == 0.0f;
    acc->x[j] += s->x[j];
  }
  if (grew) msl_spikes_reindex(acc);
}
