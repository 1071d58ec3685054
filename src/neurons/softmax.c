/* softmax.c: leaky integral softmax (the seed's LeakyIntegralSoftmax).
 * Neuron (l, c) = l * n_ch + c of n_loc locations with n_ch channels. Step:
 *   active_l |= (sum_c x_lc != 0);  steps += 1
 *   m_lc = m_lc e + x_lc, e = exp(-1/tau)
 *   p_lc = exp(m_lc - max_c m_lc);  s_lc = p_lc > thresh_l * sum_c p_lc
 *   thresh_l += (sum_c s_lc - k_l) thresh_step, k_l = 1, or under local_skip
 *   k_l = (sum_c x_lc != 0) (the seed tests the exponentials' sum, never 0:
 *   docs/models.md).
 * Aggregate (msl_lis_aggregate): thresh_l = mean(thresh), plus under
 * global_skip steps * #(locations never active) * thresh_step / n_loc;
 * active, steps and m cleared. Reset: thresholds to thresh_init, state
 * cleared. Excitatory input only. */
#include "msl/layer.h"

#include <math.h>
#include <stdlib.h>

#include "msl/error.h"
#include "neuron_check.h"

typedef struct {
  msl_lis_params p;
  double e;
  int steps;          /* since the last aggregation */
  double *m, *ex;     /* [n] leaky sums, exponentials */
  double *thresh;     /* [n_loc] */
  unsigned char *active; /* [n_loc] */
} lis_state;

static void lis_step(msl_layer *L, const double *xe, const double *xi,
                     const msl_spikes *prev, msl_spikes *out) {
  (void)xi;
  (void)prev;
  lis_state *st = L->content;
  const int nc = st->p.n_ch;
  st->steps++;
  for (int l = 0; l < st->p.n_loc; l++) {
    const double *x = xe + (size_t)l * nc;
    double *m = st->m + (size_t)l * nc, *ex = st->ex + (size_t)l * nc;
    double in = 0.0, mx = -INFINITY, sum = 0.0;
    for (int c = 0; c < nc; c++) {
      in += x[c];
      m[c] = m[c] * st->e + x[c];
      if (m[c] > mx) mx = m[c];
    }
    if (in != 0.0) st->active[l] = 1;
    for (int c = 0; c < nc; c++) sum += (ex[c] = exp(m[c] - mx));
    double bar = st->thresh[l] * sum;
    int fired = 0;
    for (int c = 0; c < nc; c++)
      if (ex[c] > bar) {
        int i = l * nc + c;
        out->x[i] = 1.0f;
        out->idx[out->nnz++] = i;
        fired++;
      }
    int k = st->p.local_skip ? in != 0.0 : 1;
    st->thresh[l] += (fired - k) * st->p.thresh_step;
  }
}

static void clear_state(lis_state *st, int n) {
  st->steps = 0;
  for (int i = 0; i < n; i++) st->m[i] = 0.0;
  for (int l = 0; l < st->p.n_loc; l++) st->active[l] = 0;
}

static void lis_reset(msl_layer *L) {
  lis_state *st = L->content;
  clear_state(st, L->n);
  for (int l = 0; l < st->p.n_loc; l++) st->thresh[l] = st->p.thresh_init;
}

static void lis_destroy(msl_layer *L) {
  lis_state *st = L->content;
  if (!st) return;
  free(st->m);
  free(st->ex);
  free(st->thresh);
  free(st->active);
  free(st);
}

static const msl_layer_ops lis_ops = {"leaky_integral_softmax", lis_step, lis_reset,
                                      lis_destroy, NULL, 0, NULL};

msl_layer *msl_lis_new(const msl_lis_params *p) {
  const char *t = "leaky_integral_softmax";
  if (p->n_loc < 1 || p->n_ch < 1) {
    msl_error_set("%s layer: n_loc and n_ch must be >= 1, got %d and %d", t, p->n_loc, p->n_ch);
    return NULL;
  }
  if ((long long)p->n_loc * p->n_ch > 1 << 30) {
    msl_error_set("%s layer: %d x %d neurons is too many", t, p->n_loc, p->n_ch);
    return NULL;
  }
  if (neuron_bad_tau(t, "tau", p->tau)) return NULL;
  if (!isfinite(p->thresh_init) || !isfinite(p->thresh_step)) {
    msl_error_set("%s layer: thresh_init and thresh_step must be finite", t);
    return NULL;
  }
  int n = p->n_loc * p->n_ch;
  lis_state *st = calloc(1, sizeof *st);
  if (!st) return neuron_no_memory(t, n);
  st->p = *p;
  st->e = exp(-1.0 / p->tau);
  st->m = calloc((size_t)n, sizeof *st->m);
  st->ex = calloc((size_t)n, sizeof *st->ex);
  st->thresh = calloc((size_t)p->n_loc, sizeof *st->thresh);
  st->active = calloc((size_t)p->n_loc, 1);
  msl_layer *L = st->m && st->ex && st->thresh && st->active ? msl_layer_alloc(&lis_ops, st, n)
                                                              : neuron_no_memory(t, n);
  if (!L) {
    msl_layer tmp = {.content = st};
    lis_destroy(&tmp);
    return NULL;
  }
  lis_reset(L);
  return L;
}

int msl_lis_aggregate(msl_layer *L) {
  if (!L || L->ops != &lis_ops)
    return msl_error_set("lis aggregate: not a leaky_integral_softmax layer");
  lis_state *st = L->content;
  const int nl = st->p.n_loc;
  double mean = 0.0;
  int idle = 0;
  for (int l = 0; l < nl; l++) {
    mean += st->thresh[l];
    idle += !st->active[l];
  }
  mean /= nl;
  if (st->p.global_skip) mean += (double)st->steps * idle * st->p.thresh_step / nl;
  for (int l = 0; l < nl; l++) st->thresh[l] = mean;
  clear_state(st, L->n);
  return 0;
}

const double *msl_lis_thresholds(const msl_layer *L) {
  if (!L || L->ops != &lis_ops) return NULL;
  return ((const lis_state *)L->content)->thresh;
}
