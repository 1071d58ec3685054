/* encode.h: input encoders, images of 8-bit intensities as spike trains.
 *
 * Rate coding as both workloads use it (SPEC 7, 8): in every step each input
 * j spikes independently with probability p_j = p_max * (px_j / 255), one
 * draw of the generator per input with px_j > 0 (inputs of intensity 0 never
 * spike and draw nothing), in ascending j. With p_max = rate * dt this is a
 * Poisson spike train of rate * px_j / 255 (workload 1: 63.75 Hz, dt 0.5 ms);
 * with p_max = 1 the Bernoulli input of workload 2. Probabilities above 1
 * act as 1. A draw is exactly `msl_rng_uniform(rng) <= p_j`, computed in
 * integers (msl_rng_threshold), so results are the same on every machine. */
#ifndef MSL_ENCODE_H
#define MSL_ENCODE_H

#include <stdint.h>

#include "msl/rng.h"
#include "msl/spikes.h"
#include "msl/api.h"

MSL_BEGIN_DECLS

typedef struct msl_encoder msl_encoder;

/* An encoder for images of n pixels; NULL (msl_error()) if n < 1 or out of
 * memory. */
msl_encoder *msl_encoder_new(int n);
void msl_encoder_free(msl_encoder *e);
/* Present image px[n] (not kept) with maximum probability p_max >= 0 per step;
 * -1 (msl_error()) if p_max is negative or NaN. */
int msl_encoder_set_image(msl_encoder *e, const uint8_t *px, double p_max);
/* One step's spikes into out (out->n == n; cleared first). */
void msl_encoder_draw(const msl_encoder *e, msl_rng *rng, msl_spikes *out);
/* Number of pixels of the image with non-zero intensity. */
int msl_encoder_active(const msl_encoder *e);

MSL_END_DECLS

#endif
