/* pool.c: max pooling of accumulated input (the seed's PoolSynapse).
 * A[x, y, c] += pre each step (the padding stays 0); for each window o
 * out_o = max over the window of A (padding included), y_o += out_o - prev_o,
 * prev_o = out_o. Only windows holding an active input change, so a step
 * costs the active inputs' windows, not the whole image. */
#include "msl/synapse.h"

#include <math.h>
#include <stdlib.h>

#include "msl/error.h"

typedef struct {
  int w, h, c, sw, sh, wo, ho;
  double *acc;   /* [w h c] accumulated input (unpadded: padding is 0) */
  double *prev;  /* [wo ho c] last output maxima */
  unsigned *seen; /* [wo ho c] step stamp: window already recomputed */
  unsigned stamp;
} pool;

static double window_max(const pool *P, int ox, int oy, int ch) {
  double mx = -INFINITY;
  int x1 = (ox + 1) * P->sw, y1 = (oy + 1) * P->sh;
  if (x1 > P->w || y1 > P->h) mx = 0.0; /* the window covers padding */
  for (int x = ox * P->sw; x < x1 && x < P->w; x++)
    for (int y = oy * P->sh; y < y1 && y < P->h; y++) {
      double a = P->acc[((size_t)x * P->h + y) * P->c + ch];
      if (a > mx) mx = a;
    }
  return mx;
}

static void pool_fwd(msl_synapse *S, const msl_spikes *pre, double *y) {
  pool *P = S->content;
  if (++P->stamp == 0) { /* wrapped: clear the stamps */
    for (int o = 0; o < S->n_post; o++) P->seen[o] = 0;
    P->stamp = 1;
  }
  for (int k = 0; k < pre->nnz; k++) P->acc[pre->idx[k]] += pre->x[pre->idx[k]];
  for (int k = 0; k < pre->nnz; k++) {
    int j = pre->idx[k], ch = j % P->c, xy = j / P->c;
    int ox = xy / P->h / P->sw, oy = xy % P->h / P->sh;
    int o = (ox * P->ho + oy) * P->c + ch;
    if (P->seen[o] == P->stamp) continue;
    P->seen[o] = P->stamp;
    double m = window_max(P, ox, oy, ch);
    y[o] += m - P->prev[o];
    P->prev[o] = m;
  }
}

static void pool_reset(msl_synapse *S) {
  pool *P = S->content;
  for (int j = 0; j < S->n_pre; j++) P->acc[j] = 0.0;
  for (int o = 0; o < S->n_post; o++) P->prev[o] = 0.0;
}

static void pool_destroy(msl_synapse *S) {
  pool *P = S->content;
  if (!P) return;
  free(P->acc);
  free(P->prev);
  free(P->seen);
  free(P);
}

static const msl_synapse_ops pool_ops = {
    .type = "pool", .forward = pool_fwd, .reset = pool_reset, .destroy = pool_destroy};

msl_synapse *msl_pool_new(int w, int h, int c, int sw, int sh, msl_channel ch) {
  if (w < 1 || h < 1 || c < 1 || sw < 1 || sh < 1) {
    msl_error_set("pool synapse: sizes and strides must be >= 1, got %d x %d x %d, stride %d x %d",
                  w, h, c, sw, sh);
    return NULL;
  }
  if ((long long)w * h * c > 1 << 30) {
    msl_error_set("pool synapse: %d x %d x %d inputs is too many", w, h, c);
    return NULL;
  }
  pool *P = calloc(1, sizeof *P);
  if (!P) {
    msl_error_set("pool synapse: out of memory");
    return NULL;
  }
  *P = (pool){w, h, c, sw, sh, (w + sw - 1) / sw, (h + sh - 1) / sh, NULL, NULL, NULL, 0};
  int n_pre = w * h * c, n_post = P->wo * P->ho * c;
  P->acc = calloc((size_t)n_pre, sizeof *P->acc);
  P->prev = calloc((size_t)n_post, sizeof *P->prev);
  P->seen = calloc((size_t)n_post, sizeof *P->seen);
  msl_synapse *S = NULL;
  if (P->acc && P->prev && P->seen) S = msl_synapse_alloc(&pool_ops, P, n_pre, n_post, ch);
  else msl_error_set("pool synapse: out of memory for %d inputs", n_pre);
  if (!S) {
    msl_synapse tmp = {.content = P};
    pool_destroy(&tmp);
  }
  return S;
}
