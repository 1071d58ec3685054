/* state.c: checkpoint state of the engine's objects (state.h). */
#include "state.h"

#include "msl/error.h"

int msl_rng_state(msl_ckpt *c, const char *tag, msl_rng *r) {
  return msl_ckpt_u64(c, tag, r->s, 4);
}

int msl_spikes_state(msl_ckpt *c, const char *tag, msl_spikes *s) {
  if (msl_ckpt_same(c, "spikes.n", s->n) || msl_ckpt_f32(c, tag, s->x, (size_t)s->n)) return -1;
  if (msl_ckpt_loading(c)) msl_spikes_reindex(s);
  return 0;
}

/* The trace's parameters are the configuration's; its values are state. */
int msl_trace_state(msl_ckpt *c, const char *tag, msl_trace *t) {
  if (msl_ckpt_same(c, "trace.n", t->n) || msl_ckpt_same(c, "trace.kind", t->kind) ||
      msl_ckpt_same(c, "trace.log", t->lnt != NULL) ||
      msl_ckpt_same(c, "trace.age", t->age != NULL) ||
      msl_ckpt_f64(c, tag, t->t, (size_t)t->n))
    return -1;
  if (t->lnt && msl_ckpt_f64(c, "trace.lnt", t->lnt, (size_t)t->n)) return -1;
  if (t->age && msl_ckpt_i32(c, "trace.age", t->age, (size_t)t->n)) return -1;
  return 0;
}

int msl_layer_state(msl_ckpt *c, msl_layer *L) {
  if (!L->ops->state)
    return msl_error_set("checkpoint: layer type '%s' has no checkpoint support", L->ops->type);
  if (msl_ckpt_same(c, "layer.n", L->n) || msl_ckpt_i32(c, "layer.cur", &L->cur, 1)) return -1;
  if (msl_ckpt_loading(c) && L->cur != 0 && L->cur != 1)
    return msl_error_set("checkpoint: layer '%s': bad buffer index %d", L->ops->type, L->cur);
  if (msl_spikes_state(c, "layer.spikes0", &L->buf[0]) ||
      msl_spikes_state(c, "layer.spikes1", &L->buf[1]))
    return -1;
  return L->ops->state(L, c);
}

/* Both structs are arrays of one element type (static asserts). */
_Static_assert(sizeof(msl_syn_stats) % sizeof(double) == 0, "msl_syn_stats: doubles only");
_Static_assert(sizeof(msl_syn_counts) % sizeof(uint64_t) == 0, "msl_syn_counts: uint64 only");

int msl_synapse_state(msl_ckpt *c, msl_synapse *S) {
  if (!S->ops->state)
    return msl_error_set("checkpoint: synapse type '%s' has no checkpoint support", S->ops->type);
  if (msl_ckpt_same(c, "synapse.n_pre", S->n_pre) ||
      msl_ckpt_same(c, "synapse.n_post", S->n_post) ||
      msl_ckpt_f64(c, "synapse.stats", (double *)&S->stats, sizeof S->stats / sizeof(double)) ||
      msl_ckpt_u64(c, "synapse.counts", (uint64_t *)&S->counts,
                   sizeof S->counts / sizeof(uint64_t)))
    return -1;
  return S->ops->state(S, c);
}

int msl_synapse_state_none(msl_synapse *S, msl_ckpt *c) {
  (void)S;
  (void)c;
  return 0;
}
