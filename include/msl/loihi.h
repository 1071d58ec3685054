/* loihi.h: the Loihi-style general learning rule (the seed's loihi.py).
 *
 * A synapse with dense weights W (synapse.h's layout, W[j n_post + i]) that
 * learns by a rule written as a sum of products: dW_ij = sum over products
 * of prod over factors, each factor one of the quantities below plus a
 * constant (code, value). After the traces are updated on a learning step:
 *   W += dW(wrule), clamped to [-wlim, wlim];
 *   then, with a tag rule, tag += dW(tagrule) (with the new W), clamped to
 *   [-taglim, taglim].
 * The modulatory input xm[n_post] is given per step by msl_loihi_modulate
 * (it stays until changed; 0 at first and after reset). */
#ifndef MSL_LOIHI_H
#define MSL_LOIHI_H

#include "msl/synapse.h"
#include "msl/api.h"

MSL_BEGIN_DECLS

/* Factor codes, as the seed numbers them (v: the factor's value). */
typedef enum {
  MSL_LF_XE = 0,    /* xe_j + v   pre activity */
  MSL_LF_TE = 1,    /* te_j + v   pre trace */
  MSL_LF_TE2 = 2,   /* te2_j + v  second pre trace */
  MSL_LF_XO = 3,    /* xo_i + v   post spikes */
  MSL_LF_TO = 4,    /* to_i + v   post trace */
  MSL_LF_TO2 = 5,   /* to2_i + v */
  MSL_LF_TO3 = 6,   /* to3_i + v */
  MSL_LF_XM = 7,    /* xm_i + v   modulatory input */
  MSL_LF_TM = 8,    /* tm_i + v   modulatory trace */
  MSL_LF_W = 9,     /* W_ij + v */
  MSL_LF_CONST = 10, /* v */
  MSL_LF_TAG = 11,  /* tag_ij + v */
  MSL_LF_SIGN_W = 12,   /* sign(W_ij + v) */
  MSL_LF_SIGN = 13,     /* sign(v) */
  MSL_LF_SIGN_TAG = 14, /* sign(tag_ij + v) */
  MSL_LF_SCALE = 15     /* v (same as 10) */
} msl_loihi_code;

enum { MSL_LOIHI_FACTORS = 8, MSL_LOIHI_PRODUCTS = 8 };

typedef struct msl_loihi_factor {
  msl_loihi_code code;
  double value;
} msl_loihi_factor;

typedef struct msl_loihi_product {
  int n; /* factors used, 1..MSL_LOIHI_FACTORS */
  msl_loihi_factor f[MSL_LOIHI_FACTORS];
} msl_loihi_product;

typedef struct msl_loihi_rule {
  int n; /* products, 0 (no rule) .. MSL_LOIHI_PRODUCTS */
  msl_loihi_product p[MSL_LOIHI_PRODUCTS];
} msl_loihi_rule;

/* Exponential traces (a, d) with the common limit tracelim; the optional
 * ones (te2, to2, to3, tm) must be given (a or d != 0) when a rule uses them. */
typedef struct msl_loihi_params {
  msl_loihi_rule wrule, tagrule;
  double wlim, taglim, tracelim;
  msl_trace_params te, to, te2, to2, to3, tm; /* lim ignored: tracelim */
} msl_loihi_params;

/* W0[n_pre n_post] copied; NULL with msl_error() on a bad rule or size. */
msl_synapse *msl_loihi_new(int n_pre, int n_post, const double *W0, const msl_loihi_params *p,
                           msl_channel ch);
/* Set the modulatory input xm[n_post]; -1 (msl_error()) if S is not loihi. */
int msl_loihi_modulate(msl_synapse *S, const double *xm);
/* The tag matrix (same layout as W; mutable), NULL for other types. */
double *msl_loihi_tag(msl_synapse *S);
/* The trace of a factor code (MSL_LF_TE ... MSL_LF_TM), NULL if absent. */
msl_trace *msl_loihi_trace(msl_synapse *S, msl_loihi_code code);

/* The seed's named rules as wrule (docs/models.md: intended semantics):
 * STDP           dW = ap xo_i te_j - ad xe_j to_i
 * modulated STDP dW = (ap xo_i te_j - ad xe_j to_i) m_i, m = tm (trace = 1) or xm
 * MSE            dW = lr te_j (tm_i - to_i) (the target as modulatory trace) */
msl_loihi_rule msl_loihi_stdp_rule(double ap, double ad);
msl_loihi_rule msl_loihi_modulated_stdp_rule(double ap, double ad, int trace);
msl_loihi_rule msl_loihi_mse_rule(double lr);

MSL_END_DECLS

#endif
