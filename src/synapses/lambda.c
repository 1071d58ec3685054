/* lambda.c: functional synapse (the seed's LambdaSynapse): y += fn(pre),
 * computed by a caller's C function. */
#include "msl/synapse.h"

#include <stdlib.h>

#include "msl/error.h"

typedef struct {
  msl_lambda_fn fn;
  void *ctx; /* not owned */
} lambda;

static void lambda_fwd(msl_synapse *S, const msl_spikes *pre, double *y) {
  lambda *f = S->content;
  f->fn(f->ctx, pre, y, S->n_post);
}

static void lambda_destroy(msl_synapse *S) { free(S->content); }

static const msl_synapse_ops lambda_ops = {
    .type = "lambda", .forward = lambda_fwd, .destroy = lambda_destroy};

msl_synapse *msl_lambda_new(int n_pre, int n_post, msl_lambda_fn fn, void *ctx,
                            msl_channel ch) {
  if (!fn) {
    msl_error_set("lambda synapse: the function must not be NULL");
    return NULL;
  }
  lambda *f = malloc(sizeof *f);
  if (!f) {
    msl_error_set("lambda synapse: out of memory");
    return NULL;
  }
  f->fn = fn;
  f->ctx = ctx;
  msl_synapse *S = msl_synapse_alloc(&lambda_ops, f, n_pre, n_post, ch);
  if (!S) free(f);
  return S;
}
