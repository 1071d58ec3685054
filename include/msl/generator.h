/* generator.h: spike generators (the seed's generators.py), objects with an
 * operation table like layers and synapses: each step a generator writes
 * one activity vector of n streams, to be given as a network input.
 *   poisson:  stream i spikes when u <= scale r_i (one draw per stream with
 *             scale r_i > 0, in ascending i; exactly as msl_encoder draws)
 *   periodic: v_i += scale r_i; spikes where v_i > 1, and those v_i = 0
 *   sequence: column t mod T of an n x T table (values as they are), t += 1
 * A generator type is one file in src/generators/. */
#ifndef MSL_GENERATOR_H
#define MSL_GENERATOR_H

#include "msl/rng.h"
#include "msl/spikes.h"
#include "msl/api.h"

MSL_BEGIN_DECLS

typedef struct msl_generator msl_generator;

typedef struct msl_generator_ops {
  const char *type;
  /* Write the next vector into out (cleared by the caller); rng may be NULL
   * for deterministic types. */
  void (*next)(msl_generator *g, msl_rng *rng, msl_spikes *out);
  void (*reset)(msl_generator *g);
  void (*destroy)(msl_generator *g);
  /* Optional: the rates or the scale changed (recompute what depends on them). */
  void (*changed)(msl_generator *g);
  int rates;  /* 1: msl_generator_set_rates applies */
  int random; /* 1: next needs rng */
} msl_generator_ops;

struct msl_generator {
  const msl_generator_ops *ops;
  void *content;
  int n;
  double scale; /* set with msl_generator_set_scale */
  double *r;    /* [n] rates (types with rates; set with msl_generator_set_rates) */
};

/* Rates r[n] (copied) and a scale; NULL with msl_error() on bad arguments. */
msl_generator *msl_poisson_new(int n, const double *r, double scale);
msl_generator *msl_periodic_new(int n, const double *r, double scale);
/* seq[i T + t]: stream i at step t, T >= 1 steps (copied). */
msl_generator *msl_sequence_new(int n, int T, const double *seq);

/* The next vector into out (out->n == n); a poisson generator needs rng.
 * -1 (msl_error()) on a size mismatch or a missing rng. */
int msl_generator_next(msl_generator *g, msl_rng *rng, msl_spikes *out);
/* New rates r[n] (copied), or a new scale; -1 (msl_error()) for a type
 * without rates or a value that is not finite. */
int msl_generator_set_rates(msl_generator *g, const double *r);
int msl_generator_set_scale(msl_generator *g, double scale);
void msl_generator_reset(msl_generator *g);
void msl_generator_free(msl_generator *g);

/* Common part for the types' constructors: r (may be NULL) copied. */
msl_generator *msl_generator_alloc(const msl_generator_ops *ops, void *content, int n,
                                   const double *r, double scale);

MSL_END_DECLS

#endif
