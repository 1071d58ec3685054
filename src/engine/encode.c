/* encode.c: rate-coded input from 8-bit images (encode.h). */
#include "msl/encode.h"

#include <stdlib.h>

#include "msl/error.h"

struct msl_encoder {
  int n;
  int nlit;      /* pixels with px > 0 */
  int *lit;      /* [n] their indices, ascending (first nlit valid) */
  int64_t *thr;  /* [n] their Bernoulli thresholds (msl_rng_threshold) */
};

msl_encoder *msl_encoder_new(int n) {
  if (n < 1) {
    msl_error_set("encoder: size must be >= 1, got %d", n);
    return NULL;
  }
  msl_encoder *e = calloc(1, sizeof *e);
  if (e) {
    e->n = n;
    e->lit = malloc((size_t)n * sizeof *e->lit);
    e->thr = malloc((size_t)n * sizeof *e->thr);
  }
  if (!e || !e->lit || !e->thr) {
    msl_encoder_free(e);
    msl_error_set("encoder: out of memory for %d inputs", n);
    return NULL;
  }
  return e;
}

void msl_encoder_free(msl_encoder *e) {
  if (!e) return;
  free(e->lit);
  free(e->thr);
  free(e);
}

int msl_encoder_set_image(msl_encoder *e, const uint8_t *px, double p_max) {
  if (!(p_max >= 0.0)) return msl_error_set("encoder: p_max must be >= 0, got %g", p_max);
  e->nlit = 0;
  for (int j = 0; j < e->n; j++)
    if (px[j]) {
      /* p_max * (px / 255), in this order: the workloads' bits depend on it. */
      e->thr[e->nlit] = msl_rng_threshold(p_max * (px[j] / 255.0));
      e->lit[e->nlit++] = j;
    }
  return 0;
}

void msl_encoder_draw(const msl_encoder *e, msl_rng *rng, msl_spikes *out) {
  msl_spikes_clear(out);
  for (int k = 0; k < e->nlit; k++)
    if ((int64_t)(msl_rng_u64(rng) >> 11) <= e->thr[k]) {
      out->x[e->lit[k]] = 1.0f;
      out->idx[out->nnz++] = e->lit[k];
    }
}

int msl_encoder_active(const msl_encoder *e) { return e->nlit; }
