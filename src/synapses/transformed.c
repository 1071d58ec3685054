/* transformed.c: a synapse with an input transform in front (transform.h):
 * forward transforms the pre vector and hands it to the inner synapse; its
 * learning sees that same transformed vector. Everything else is the inner
 * synapse's (statistics are copied back after each call). */
#include "msl/transform.h"

#include <stdlib.h>

#include "msl/error.h"

typedef struct {
  msl_transform *T;
  msl_synapse *S;
  msl_spikes x; /* the transformed pre vector of this step */
} transformed;

static void tf_forward(msl_synapse *S, const msl_spikes *pre, double *y) {
  transformed *t = S->content;
  msl_transform_apply(t->T, pre, &t->x); /* sizes checked at construction */
  t->S->ops->forward(t->S, &t->x, y);
  S->stats = t->S->stats;
}

static int tf_learn(msl_synapse *S, const msl_spikes *pre, const msl_spikes *post) {
  (void)pre;
  transformed *t = S->content;
  int r = t->S->ops->learn(t->S, &t->x, post);
  S->stats = t->S->stats;
  S->counts = t->S->counts;
  return r;
}

static void tf_reset(msl_synapse *S) {
  transformed *t = S->content;
  msl_transform_reset(t->T);
  msl_spikes_clear(&t->x);
  if (t->S->ops->reset) t->S->ops->reset(t->S);
}

static double *tf_weights(msl_synapse *S) {
  transformed *t = S->content;
  return t->S->ops->weights ? t->S->ops->weights(t->S) : NULL;
}

static void tf_commit(msl_synapse *S) {
  transformed *t = S->content;
  if (t->S->ops->commit) t->S->ops->commit(t->S);
}

static msl_trace *tf_trace(msl_synapse *S, int post) {
  return msl_synapse_trace(((transformed *)S->content)->S, post);
}

static void tf_destroy(msl_synapse *S) {
  transformed *t = S->content;
  if (!t) return;
  msl_transform_free(t->T);
  msl_synapse_free(t->S);
  msl_spikes_free(&t->x);
  free(t);
}

/* Two tables: learn only where the inner synapse learns (the engine tests
 * ops->learn for NULL). */
static const msl_synapse_ops tf_ops = {.type = "transformed", .forward = tf_forward,
                                       .reset = tf_reset, .weights = tf_weights,
                                       .commit = tf_commit, .trace = tf_trace,
                                       .destroy = tf_destroy};
static const msl_synapse_ops tf_plastic_ops = {
    .type = "transformed", .forward = tf_forward, .learn = tf_learn, .reset = tf_reset,
    .weights = tf_weights, .commit = tf_commit, .trace = tf_trace, .destroy = tf_destroy};

msl_synapse *msl_transformed_new(msl_transform *T, msl_synapse *S) {
  transformed *t = NULL;
  msl_synapse *R = NULL;
  if (!S) msl_error_set("transformed synapse: %s", msl_error());
  else if (!T) msl_error_set("transformed synapse: no transform");
  else if (msl_transform_size(T) != S->n_pre)
    msl_error_set("transformed synapse: transform of %d for a synapse of %d inputs",
                  msl_transform_size(T), S->n_pre);
  else if (!(t = calloc(1, sizeof *t)) || msl_spikes_init(&t->x, S->n_pre))
    msl_error_set("transformed synapse: out of memory");
  else {
    t->T = T;
    t->S = S;
    R = msl_synapse_alloc(S->ops->learn ? &tf_plastic_ops : &tf_ops, t, S->n_pre, S->n_post,
                          S->channel);
  }
  if (!R) {
    if (t) msl_spikes_free(&t->x);
    free(t);
    msl_transform_free(T);
    msl_synapse_free(S);
  }
  return R;
}
