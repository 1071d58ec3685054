/* nonideal.h: how the cells of a real array differ from the device model
 * (the non-ideality layer, between the array drive and the device).
 *
 * Device-to-device variation (d2d), cycle-to-cycle noise (c2c), read noise,
 * finite levels, stuck cells and wear, for every device model: they act on
 * what the model computes (its change of state, its range, its conductance),
 * so a new model gets them without code of its own. Each is drawn from its
 * own random stream of the run's seed; c2c and read noise are counter-based
 * (engine/noise.h: a pure function of the cell and its pulse count, or of
 * the read and the line), so they do not depend on the order of the cells.
 * The exact distributions are in docs/devices.md ("Non-idealities").
 *
 * An array with every option off has no msl_nonideal (NULL): the drive then
 * calls the device directly, bit for bit as without this layer. */
#ifndef MSL_NONIDEAL_H
#define MSL_NONIDEAL_H

#include "msl/api.h"

#include <stddef.h>
#include <stdint.h>

#include "msl/device.h"
#include "msl/param.h"
#include "msl/synapse.h"

MSL_BEGIN_DECLS

typedef struct msl_nonideal msl_nonideal;

/* The declared parameters: d2d, c2c, read-noise, levels, stuck-off,
 * stuck-on, endurance, endurance-sd (all off by default). */
msl_param_list msl_nonideal_param_list(void);
/* Whether p turns any of them on. */
int msl_nonideal_enabled(const msl_params *p);
/* Checks across parameters (stuck-off + stuck-on <= 1); 0 or -1 (msl_error()). */
int msl_nonideal_check(const msl_params *p);
/* Bytes per cell the options of p add to a crossbar (for memory estimates). */
double msl_nonideal_bytes_per_cell(const msl_params *p);

/* The non-idealities of p for n_cells cells of device d, drawn from seed
 * (d2d factors, stuck positions, endurances: once, here). NULL when p turns
 * none on (no error: msl_error() is not set) or on failure (*err = -1 and
 * msl_error()). */
msl_nonideal *msl_nonideal_new(const msl_params *p, const msl_device *d, size_t n_cells,
                               uint64_t seed, int *err);
void msl_nonideal_free(msl_nonideal *v);

/* Program cells [base, base + n) of the arrays s, w from the weights in
 * w[base..] (the device's set_weights through each cell's variation and
 * levels; stuck and worn cells keep their state). Returns how many weights
 * lay outside their cell's range and were clipped; *stuck_set counts the
 * weights of stuck cells that were not programmed. */
size_t msl_nonideal_set_weights(const msl_nonideal *v, const msl_device *d, double *s, double *w,
                                size_t base, size_t n, uint64_t *stuck_set);

/* One pulse of width dt on cells base + at[k] with drives u[k] (the device's
 * pulse op, then each cell's variation, noise, levels and wear; stuck cells
 * are left out and counted). s, w: the whole array. 0, or -1 as the device's
 * pulse. */
int msl_nonideal_pulse(msl_nonideal *v, const msl_device *d, double *s, double *w, size_t base,
                       const ptrdiff_t *at, const double *u, int n, double dt,
                       msl_pulse_stats *ps, msl_syn_counts *cn);

/* Read noise (0: none). A forward pass whose output currents are
 * y_i = sum_j x_j W_ji adds to each y_i the exact sum of independent
 * per-cell fluctuations W_ji (1 + S z_ji), x_j (S W_ji z_ji): a normal
 * deviate of standard deviation S sqrt(q_i), q_i = sum_j x_j^2 W_ji^2.
 * msl_nonideal_read adds it to y[0..n-1] from q and counts one read. */
double msl_nonideal_read_noise(const msl_nonideal *v);
void msl_nonideal_read(msl_nonideal *v, const double *q, double *y, int n);

/* Cell i's d2d factors (1 without d2d): conductance scale, rate of
 * potentiation and of depression; its stuck state (0 none, 1 stuck at the
 * lowest conductance, 2 at the highest, 3 worn out). */
void msl_nonideal_cell(const msl_nonideal *v, size_t i, double *scale, double *rate_pot,
                       double *rate_dep, int *stuck);
/* Checkpoint state: what pulses change (stuck and worn cells, pulse
 * counts, endurance used, reads); the rest is drawn from the seed. 0 or -1. */
struct msl_ckpt;
int msl_nonideal_state(msl_nonideal *v, struct msl_ckpt *c);
/* Cells stuck from the start (off, on). */
void msl_nonideal_stuck_cells(const msl_nonideal *v, uint64_t *off, uint64_t *on);

MSL_END_DECLS

#endif
