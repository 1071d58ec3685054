/* conv.c: convolutional STDP with shared kernels (the seed's
 * PlasticConvSynapse); the equations are in synapse.h. Forward and both
 * learning sums are event-driven: each active input (or output) visits the
 * kernel positions it meets. The learning sums are accumulated in dK first
 * and then scaled and added, K += ap dK, as the seed does. */
#include "msl/synapse.h"

#include <stdlib.h>
#include <string.h>

#include "msl/error.h"

typedef struct {
  msl_conv_params p;
  int w_out, h_out, px, py; /* output size, input offset in the padding */
  int nk;                   /* kernel length */
  double *K, *dK;           /* [nk] */
  double *m;                /* [c_out] */
  int *kk, *pix;            /* [w_k h_k] taps of one pixel (scratch) */
  msl_trace te, to;
} conv;

int msl_conv_out_size(int in, int k, int same) { return same ? in : in - k + 1; }

/* The kernel positions kk = kx h_k + ky at which input pixel xy = x h_in + y
 * meets an output pixel, and those pixels o = ox h_out + oy; their number. */
static int input_taps(const conv *C, int xy, int *kk, int *o) {
  const msl_conv_params *p = &C->p;
  int x = xy / p->h_in, yy = xy % p->h_in, n = 0;
  for (int kx = 0; kx < p->w_k; kx++) {
    int ox = x + C->px - kx;
    if (ox < 0 || ox >= C->w_out) continue;
    for (int ky = 0; ky < p->h_k; ky++) {
      int oy = yy + C->py - ky;
      if (oy < 0 || oy >= C->h_out) continue;
      kk[n] = kx * p->h_k + ky;
      o[n++] = ox * C->h_out + oy;
    }
  }
  return n;
}

/* ... and the input pixels xy that output pixel o sees through kk. */
static int output_taps(const conv *C, int o, int *kk, int *xy) {
  const msl_conv_params *p = &C->p;
  int ox = o / C->h_out, oy = o % C->h_out, n = 0;
  for (int kx = 0; kx < p->w_k; kx++) {
    int x = ox + kx - C->px;
    if (x < 0 || x >= p->w_in) continue;
    for (int ky = 0; ky < p->h_k; ky++) {
      int yy = oy + ky - C->py;
      if (yy < 0 || yy >= p->h_in) continue;
      kk[n] = kx * p->h_k + ky;
      xy[n++] = x * p->h_in + yy;
    }
  }
  return n;
}

static void conv_fwd(msl_synapse *S, const msl_spikes *pre, double *y) {
  conv *C = S->content;
  const int ci_n = C->p.c_in, co_n = C->p.c_out;
  for (int n = 0; n < pre->nnz; n++) {
    int j = pre->idx[n], ci = j % ci_n;
    double v = pre->x[j];
    int m = input_taps(C, j / ci_n, C->kk, C->pix);
    for (int t = 0; t < m; t++) {
      const double *k = C->K + ((size_t)C->kk[t] * ci_n + ci) * co_n;
      double *out = y + (size_t)C->pix[t] * co_n;
      for (int co = 0; co < co_n; co++) out[co] += k[co] * v;
    }
  }
}

/* dK[k, ci, co] = sum_o a(o + k, ci) b(o, co) over the active entries of one
 * side: post = 1: active outputs, b their values, a the pre trace;
 * post = 0: active inputs, a their values, b the post trace. */
static void conv_sum(conv *C, const msl_spikes *s, int post) {
  const int ci_n = C->p.c_in, co_n = C->p.c_out;
  memset(C->dK, 0, (size_t)C->nk * sizeof *C->dK);
  for (int n = 0; n < s->nnz; n++) {
    int j = s->idx[n];
    double v = s->x[j];
    if (post) {
      int co = j % co_n, m = output_taps(C, j / co_n, C->kk, C->pix);
      for (int t = 0; t < m; t++) {
        const double *te = C->te.t + (size_t)C->pix[t] * ci_n;
        double *d = C->dK + (size_t)C->kk[t] * ci_n * co_n + co;
        for (int ci = 0; ci < ci_n; ci++) d[(size_t)ci * co_n] += te[ci] * v;
      }
    } else {
      int ci = j % ci_n, m = input_taps(C, j / ci_n, C->kk, C->pix);
      for (int t = 0; t < m; t++) {
        const double *to = C->to.t + (size_t)C->pix[t] * co_n;
        double *d = C->dK + ((size_t)C->kk[t] * ci_n + ci) * co_n;
        for (int co = 0; co < co_n; co++) d[co] += v * to[co];
      }
    }
  }
}

static void scale_by_m(conv *C) {
  int co_n = C->p.c_out;
  for (int k = 0; k < C->nk; k++) C->K[k] *= 1.0 - C->m[k % co_n];
}

static int conv_learn(msl_synapse *S, const msl_spikes *pre, const msl_spikes *post) {
  conv *C = S->content;
  const msl_conv_params *p = &C->p;
  msl_trace_update(&C->te, pre);
  msl_trace_update(&C->to, post);
  if ((p->ap != 0.0 || p->mmp != 0.0) && post->nnz) {
    for (int co = 0; co < p->c_out; co++) C->m[co] = 0.0;
    for (int n = 0; n < post->nnz; n++) C->m[post->idx[n] % p->c_out] += post->x[post->idx[n]];
    for (int co = 0; co < p->c_out; co++) C->m[co] = p->mmp * C->m[co] * 0.5;
    conv_sum(C, post, 1);
    scale_by_m(C);
    for (int k = 0; k < C->nk; k++) C->K[k] += p->ap * C->dK[k];
    scale_by_m(C);
  }
  if (p->an != 0.0 && pre->nnz) {
    conv_sum(C, pre, 0);
    for (int k = 0; k < C->nk; k++) C->K[k] -= p->an * C->dK[k];
  }
  const double lo = p->exc ? 0.0 : -p->wlim;
  for (int k = 0; k < C->nk; k++) {
    double w = C->K[k] > p->wlim ? p->wlim : C->K[k];
    C->K[k] = w < lo ? lo : w;
  }
  return 0;
}

static void conv_reset(msl_synapse *S) {
  conv *C = S->content;
  msl_trace_reset(&C->te);
  msl_trace_reset(&C->to);
}

static msl_trace *conv_trace(msl_synapse *S, int post) {
  conv *C = S->content;
  return post ? &C->to : &C->te;
}

static void conv_destroy(msl_synapse *S) {
  conv *C = S->content;
  if (!C) return;
  free(C->K);
  free(C->dK);
  free(C->m);
  free(C->kk);
  free(C->pix);
  msl_trace_free(&C->te);
  msl_trace_free(&C->to);
  free(C);
}

static const msl_synapse_ops conv_ops = {.type = "plastic_conv", .forward = conv_fwd,
                                         .learn = conv_learn, .reset = conv_reset,
                                         .trace = conv_trace, .destroy = conv_destroy};

static int conv_check(const msl_conv_params *p) {
  const char *t = "plastic_conv synapse";
  if (p->w_in < 1 || p->h_in < 1 || p->c_in < 1 || p->w_k < 1 || p->h_k < 1 || p->c_out < 1)
    return msl_error_set("%s: sizes must be >= 1, got input %d x %d x %d, kernel %d x %d, %d maps",
                         t, p->w_in, p->h_in, p->c_in, p->w_k, p->h_k, p->c_out);
  if (p->same != 0 && p->same != 1) return msl_error_set("%s: same must be 0 or 1", t);
  if (!p->same && (p->w_k > p->w_in || p->h_k > p->h_in))
    return msl_error_set("%s: kernel %d x %d is larger than the input %d x %d (valid mode)", t,
                         p->w_k, p->h_k, p->w_in, p->h_in);
  if ((long long)p->w_in * p->h_in * p->c_in > 1 << 28 ||
      (long long)p->w_in * p->h_in * p->c_out > 1 << 28 ||
      (long long)p->w_k * p->h_k * p->c_in * p->c_out > 1 << 28)
    return msl_error_set("%s: too large", t);
  if (!(p->wlim >= 0.0)) return msl_error_set("%s: wlim must be >= 0, got %g", t, p->wlim);
  return 0;
}

msl_synapse *msl_plastic_conv_new(const msl_conv_params *p, const double *K0, msl_channel ch) {
  if (conv_check(p)) return NULL;
  conv *C = calloc(1, sizeof *C);
  if (!C) {
    msl_error_set("plastic_conv synapse: out of memory");
    return NULL;
  }
  C->p = *p;
  C->w_out = msl_conv_out_size(p->w_in, p->w_k, p->same);
  C->h_out = msl_conv_out_size(p->h_in, p->h_k, p->same);
  C->px = p->same ? p->w_k / 2 : 0;
  C->py = p->same ? p->h_k / 2 : 0;
  C->nk = p->w_k * p->h_k * p->c_in * p->c_out;
  int n_pre = p->w_in * p->h_in * p->c_in, n_post = C->w_out * C->h_out * p->c_out;
  C->K = malloc((size_t)C->nk * sizeof *C->K);
  C->dK = malloc((size_t)C->nk * sizeof *C->dK);
  C->m = calloc((size_t)p->c_out, sizeof *C->m);
  C->kk = malloc((size_t)p->w_k * p->h_k * sizeof *C->kk);
  C->pix = malloc((size_t)p->w_k * p->h_k * sizeof *C->pix);
  int bad = !C->K || !C->dK || !C->m || !C->kk || !C->pix ||
            msl_trace_init(&C->te, n_pre, p->pre.a, p->pre.d, p->pre.lim) ||
            msl_trace_init(&C->to, n_post, p->post.a, p->post.d, p->post.lim);
  msl_synapse *S = NULL;
  if (bad) msl_error_set("plastic_conv synapse: out of memory");
  else S = msl_synapse_alloc(&conv_ops, C, n_pre, n_post, ch);
  if (!S) {
    msl_synapse tmp = {.content = C};
    conv_destroy(&tmp);
    return NULL;
  }
  memcpy(C->K, K0, (size_t)C->nk * sizeof *C->K);
  return S;
}

double *msl_conv_kernel(msl_synapse *S, int *len) {
  if (!S || S->ops != &conv_ops) return NULL;
  conv *C = S->content;
  if (len) *len = C->nk;
  return C->K;
}
