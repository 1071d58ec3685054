/* loihi.c: the Loihi-style general learning rule (loihi.h). Each product is
 * evaluated element by element in its factors' order, starting from 1, and
 * the products are added in order: the seed's arithmetic exactly. Each
 * factor is first resolved to a vector over pre (j) or post (i) neurons, the
 * weight or tag matrix, or a constant, so the inner loop has no lookup. */
#include "msl/loihi.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dense_kernel.h"
#include "msl/error.h"

enum { T_TE, T_TE2, T_TO, T_TO2, T_TO3, T_TM, N_TRACES };

typedef struct {
  double *W, *tag, *dW;     /* [n_pre n_post] */
  double *xe, *xo;          /* [n_pre], [n_post] this step's activity as doubles */
  double *xmd;              /* [n_post] modulatory input as doubles */
  msl_spikes xm;            /* the modulatory input, for its trace */
  msl_loihi_params p;
  msl_trace tr[N_TRACES];
  int has[N_TRACES];
} loihi;

/* A factor resolved: value = (src ? src[index] : 0) + v, or sign of it. */
typedef struct {
  const double *src;
  int by;   /* 0: pre index j, 1: post index i, 2: matrix j n_post + i, 3: constant */
  int sign;
  double v;
} factor;

static int trace_of(msl_loihi_code c) {
  switch (c) {
  case MSL_LF_TE: return T_TE;
  case MSL_LF_TE2: return T_TE2;
  case MSL_LF_TO: return T_TO;
  case MSL_LF_TO2: return T_TO2;
  case MSL_LF_TO3: return T_TO3;
  case MSL_LF_TM: return T_TM;
  default: return -1;
  }
}

static factor resolve(loihi *L, const msl_loihi_factor *f, const double *M) {
  factor r = {NULL, 3, 0, f->value};
  int t = trace_of(f->code);
  switch (f->code) {
  case MSL_LF_XE: r = (factor){L->xe, 0, 0, f->value}; break;
  case MSL_LF_XO: r = (factor){L->xo, 1, 0, f->value}; break;
  case MSL_LF_XM: r = (factor){L->xmd, 1, 0, f->value}; break;
  case MSL_LF_W: r = (factor){L->W, 2, 0, f->value}; break;
  case MSL_LF_TAG: r = (factor){M, 2, 0, f->value}; break;
  case MSL_LF_SIGN_W: r = (factor){L->W, 2, 1, f->value}; break;
  case MSL_LF_SIGN_TAG: r = (factor){M, 2, 1, f->value}; break;
  case MSL_LF_SIGN: r.sign = 1; break;
  default:
    if (t >= 0) r = (factor){L->tr[t].t, t == T_TE || t == T_TE2 ? 0 : 1, 0, f->value};
    break; /* 10, 15: the constant v */
  }
  return r;
}

static double sgn(double x) { return x > 0.0 ? 1.0 : x < 0.0 ? -1.0 : x; }

/* dW = the rule's sum of products, for all (j, i). */
static void apply_rule(loihi *L, const msl_loihi_rule *rule, int Ne, int No) {
  size_t n = (size_t)Ne * No;
  memset(L->dW, 0, n * sizeof *L->dW);
  for (int q = 0; q < rule->n; q++) {
    const msl_loihi_product *pr = &rule->p[q];
    factor f[MSL_LOIHI_FACTORS];
    for (int k = 0; k < pr->n; k++) f[k] = resolve(L, &pr->f[k], L->tag);
    for (int j = 0; j < Ne; j++)
      for (int i = 0; i < No; i++) {
        size_t m = (size_t)j * No + i;
        double d = 1.0;
        for (int k = 0; k < pr->n; k++) {
          double x = f[k].v;
          if (f[k].by != 3) x = f[k].src[f[k].by == 0 ? (size_t)j : f[k].by == 1 ? (size_t)i : m] + x;
          d = d * (f[k].sign ? sgn(x) : x);
        }
        L->dW[m] += d;
      }
  }
}

static void add_clamped(double *A, const double *d, size_t n, double lim) {
  for (size_t m = 0; m < n; m++) {
    double w = A[m] + d[m];
    A[m] = w > lim ? lim : w < -lim ? -lim : w;
  }
}

static void lo_forward(msl_synapse *S, const msl_spikes *pre, double *y) {
  dense_forward(((loihi *)S->content)->W, S->n_post, pre, y);
}

static int lo_learn(msl_synapse *S, const msl_spikes *pre, const msl_spikes *post) {
  loihi *L = S->content;
  const int Ne = S->n_pre, No = S->n_post;
  const msl_spikes *src[N_TRACES] = {pre, pre, post, post, post, &L->xm};
  for (int t = 0; t < N_TRACES; t++)
    if (L->has[t]) msl_trace_update(&L->tr[t], src[t]);
  for (int j = 0; j < Ne; j++) L->xe[j] = pre->x[j];
  for (int i = 0; i < No; i++) L->xo[i] = post->x[i];
  size_t n = (size_t)Ne * No;
  apply_rule(L, &L->p.wrule, Ne, No);
  add_clamped(L->W, L->dW, n, L->p.wlim);
  if (L->p.tagrule.n) {
    apply_rule(L, &L->p.tagrule, Ne, No);
    add_clamped(L->tag, L->dW, n, L->p.taglim);
  }
  return 0;
}

static void lo_reset(msl_synapse *S) {
  loihi *L = S->content;
  for (int t = 0; t < N_TRACES; t++)
    if (L->has[t]) msl_trace_reset(&L->tr[t]);
  msl_spikes_clear(&L->xm);
  for (int i = 0; i < S->n_post; i++) L->xmd[i] = 0.0;
}

static double *lo_weights(msl_synapse *S) { return ((loihi *)S->content)->W; }

static msl_trace *lo_trace(msl_synapse *S, int post) {
  return &((loihi *)S->content)->tr[post ? T_TO : T_TE];
}

static void lo_destroy(msl_synapse *S) {
  loihi *L = S->content;
  if (!L) return;
  free(L->W);
  free(L->tag);
  free(L->dW);
  free(L->xe);
  free(L->xo);
  free(L->xmd);
  msl_spikes_free(&L->xm);
  for (int t = 0; t < N_TRACES; t++) msl_trace_free(&L->tr[t]);
  free(L);
}

static const msl_synapse_ops lo_ops = {.type = "loihi", .forward = lo_forward, .learn = lo_learn,
                                       .reset = lo_reset, .weights = lo_weights,
                                       .trace = lo_trace, .destroy = lo_destroy};

static const char *trace_names[N_TRACES] = {"te", "te2", "to", "to2", "to3", "tm"};

static int check_rule(const msl_loihi_rule *r, const char *what, const int *has) {
  if (r->n < 0 || r->n > MSL_LOIHI_PRODUCTS)
    return msl_error_set("loihi synapse: %s has %d products (0..%d)", what, r->n,
                         MSL_LOIHI_PRODUCTS);
  for (int q = 0; q < r->n; q++) {
    const msl_loihi_product *p = &r->p[q];
    if (p->n < 1 || p->n > MSL_LOIHI_FACTORS)
      return msl_error_set("loihi synapse: %s product %d has %d factors (1..%d)", what, q, p->n,
                           MSL_LOIHI_FACTORS);
    for (int k = 0; k < p->n; k++) {
      int c = (int)p->f[k].code, t = trace_of(p->f[k].code);
      if (c < 0 || c > MSL_LF_SCALE)
        return msl_error_set("loihi synapse: %s product %d factor %d: unknown code %d", what, q,
                             k, c);
      if (!isfinite(p->f[k].value))
        return msl_error_set("loihi synapse: %s product %d factor %d: value is not finite",
                             what, q, k);
      if (t >= 0 && !has[t])
        return msl_error_set("loihi synapse: %s product %d uses trace %s, which is not given",
                             what, q, trace_names[t]);
    }
  }
  return 0;
}

static int check_params(const msl_loihi_params *p, const int *has) {
  if (!(p->wlim >= 0.0)) return msl_error_set("loihi synapse: wlim must be >= 0, got %g", p->wlim);
  if (p->tagrule.n && !(p->taglim >= 0.0))
    return msl_error_set("loihi synapse: taglim must be >= 0, got %g", p->taglim);
  if (!(p->tracelim > 0.0))
    return msl_error_set("loihi synapse: tracelim must be > 0, got %g", p->tracelim);
  return check_rule(&p->wrule, "wrule", has) || check_rule(&p->tagrule, "tagrule", has) ? -1 : 0;
}

msl_synapse *msl_loihi_new(int n_pre, int n_post, const double *W0, const msl_loihi_params *p,
                           msl_channel ch) {
  if (n_pre < 1 || n_post < 1 || (long long)n_pre * n_post > 1 << 28) {
    msl_error_set("loihi synapse: sizes must be >= 1 (and not too large), got %d x %d", n_pre,
                  n_post);
    return NULL;
  }
  const msl_trace_params *tp[N_TRACES] = {&p->te, &p->te2, &p->to, &p->to2, &p->to3, &p->tm};
  int has[N_TRACES];
  for (int t = 0; t < N_TRACES; t++)
    has[t] = t == T_TE || t == T_TO || tp[t]->a != 0.0 || tp[t]->d != 0.0;
  if (check_params(p, has)) return NULL;
  loihi *L = calloc(1, sizeof *L);
  if (!L) {
    msl_error_set("loihi synapse: out of memory");
    return NULL;
  }
  size_t n = (size_t)n_pre * n_post;
  L->p = *p;
  memcpy(L->has, has, sizeof has);
  L->W = malloc(n * sizeof *L->W);
  L->tag = calloc(n, sizeof *L->tag);
  L->dW = malloc(n * sizeof *L->dW);
  L->xe = calloc((size_t)n_pre, sizeof *L->xe);
  L->xo = calloc((size_t)n_post, sizeof *L->xo);
  L->xmd = calloc((size_t)n_post, sizeof *L->xmd);
  int bad = !L->W || !L->tag || !L->dW || !L->xe || !L->xo || !L->xmd ||
            msl_spikes_init(&L->xm, n_post);
  for (int t = 0; t < N_TRACES && !bad; t++)
    if (has[t])
      bad = msl_trace_init(&L->tr[t], t == T_TE || t == T_TE2 ? n_pre : n_post, tp[t]->a,
                           tp[t]->d, p->tracelim);
  msl_synapse *S = NULL;
  if (bad) msl_error_set("loihi synapse: out of memory for %d x %d weights", n_pre, n_post);
  else S = msl_synapse_alloc(&lo_ops, L, n_pre, n_post, ch);
  if (!S) {
    msl_synapse tmp = {.content = L};
    lo_destroy(&tmp);
    return NULL;
  }
  memcpy(L->W, W0, n * sizeof *L->W);
  return S;
}

int msl_loihi_modulate(msl_synapse *S, const double *xm) {
  if (!S || S->ops != &lo_ops) return msl_error_set("loihi modulate: not a loihi synapse");
  loihi *L = S->content;
  for (int i = 0; i < S->n_post; i++) {
    L->xm.x[i] = (float)xm[i];
    L->xmd[i] = L->xm.x[i];
  }
  msl_spikes_reindex(&L->xm);
  return 0;
}

double *msl_loihi_tag(msl_synapse *S) {
  return S && S->ops == &lo_ops ? ((loihi *)S->content)->tag : NULL;
}

msl_trace *msl_loihi_trace(msl_synapse *S, msl_loihi_code code) {
  if (!S || S->ops != &lo_ops) return NULL;
  loihi *L = S->content;
  int t = trace_of(code);
  return t >= 0 && L->has[t] ? &L->tr[t] : NULL;
}

/* ---- the seed's named rules ---- */

static msl_loihi_product product(int n, const msl_loihi_factor *f) {
  msl_loihi_product p = {n, {{0, 0}}};
  memcpy(p.f, f, (size_t)n * sizeof *f);
  return p;
}

msl_loihi_rule msl_loihi_stdp_rule(double ap, double ad) {
  msl_loihi_rule r = {2, {{0, {{0, 0}}}}};
  r.p[0] = product(3, (msl_loihi_factor[]){{MSL_LF_SCALE, ap}, {MSL_LF_XO, 0}, {MSL_LF_TE, 0}});
  r.p[1] = product(3, (msl_loihi_factor[]){{MSL_LF_SCALE, -ad}, {MSL_LF_XE, 0}, {MSL_LF_TO, 0}});
  return r;
}

msl_loihi_rule msl_loihi_modulated_stdp_rule(double ap, double ad, int trace) {
  msl_loihi_rule r = msl_loihi_stdp_rule(ap, ad);
  msl_loihi_factor m = {trace ? MSL_LF_TM : MSL_LF_XM, 0};
  r.p[0].f[r.p[0].n++] = m;
  r.p[1].f[r.p[1].n++] = m;
  return r;
}

msl_loihi_rule msl_loihi_mse_rule(double lr) {
  msl_loihi_rule r = {2, {{0, {{0, 0}}}}};
  r.p[0] = product(3, (msl_loihi_factor[]){{MSL_LF_SCALE, lr}, {MSL_LF_TE, 0}, {MSL_LF_TM, 0}});
  r.p[1] = product(3, (msl_loihi_factor[]){{MSL_LF_SCALE, -lr}, {MSL_LF_TE, 0}, {MSL_LF_TO, 0}});
  return r;
}
