/* array.h: the crossbar array as it is driven (the array-drive layer).
 *
 * An msl_cell_array is the cells: their states and weights, the device model and
 * the cell circuit they share, and the pulse widths. An msl_drive decides
 * which cells a row or column pulse reaches and with what voltage, applies
 * the pulses through the cell circuit to the device, and counts the energy
 * and voltages. The drive "lines" (src/array/lines.c) is the ideal array:
 * a pulse reaches the cells of the pulsed line only, every other cell stays
 * at 0 V. The bias drives (src/array/bias.c: v2, v3 and their -exact
 * references) hold the other lines at fractions of the event's amplitude,
 * so every cell sees a voltage (docs/array.md).
 *
 * Layout: cell (pre j, post i) is at j * n_post + i (one column, the cells
 * of one pre-synaptic input, contiguous). */
#ifndef MSL_ARRAY_H
#define MSL_ARRAY_H

#include "msl/api.h"

#include "msl/cell.h"
#include "msl/device.h"
#include "msl/nonideal.h"
#include "msl/spikes.h"
#include "msl/synapse.h"

MSL_BEGIN_DECLS

typedef struct msl_cell_array {
  const msl_device *dev;
  const msl_cell *cell;
  int n_pre, n_post;
  double *s, *W;          /* [n_pre * n_post] states and weights */
  double dt_pre, dt_post; /* widths of column (pre-spike, replay) and row pulses, s */
  msl_nonideal *ni;       /* how the cells differ from the model (NULL: they do not) */
} msl_cell_array;

/* One pulse of width dt on the cells base + at[k] with drives u[k]: the
 * device's pulse op, through the non-idealities when there are any; for a
 * circuit with a pulse op (cell.h), u[k] are the line voltages and the
 * circuit pulses (the crossbar gives such circuits neither non-idealities
 * nor bias drives). */
static inline int msl_array_pulse(msl_cell_array *a, size_t base, const ptrdiff_t *at,
                                  const double *u, int n, double dt, msl_pulse_stats *ps,
                                  msl_syn_counts *cn) {
  if (a->cell->ops->pulse)
    return a->cell->ops->pulse(a->cell, a->dev, a->s + base, a->W + base, at, u, n, dt, ps);
  if (!a->ni) return a->dev->ops->pulse(a->dev, a->s + base, a->W + base, at, u, n, dt, ps);
  return msl_nonideal_pulse(a->ni, a->dev, a->s, a->W, base, at, u, n, dt, ps, cn);
}

/* Whether the pulses report the supply's energy themselves (a circuit with
 * a pulse op, a table with energies): then msl_syn_stats.energy_iv_j is
 * theirs, split into energy_pot_j and energy_dep_j. */
static inline int msl_array_supply_energy(const msl_cell_array *a) {
  return a->cell->ops->pulse || (a->dev->ops->pulse_energy && a->dev->ops->pulse_energy(a->dev));
}

/* Add what pulses reported in ps to st (when msl_array_supply_energy). */
static inline void msl_array_add_supply(const msl_cell_array *a, const msl_pulse_stats *ps,
                                        msl_syn_stats *st) {
  if (!msl_array_supply_energy(a)) return;
  st->energy_iv_j += ps->energy_pot_j + ps->energy_dep_j;
  st->energy_pot_j += ps->energy_pot_j;
  st->energy_dep_j += ps->energy_dep_j;
}

typedef struct msl_drive msl_drive;
struct msl_ckpt;

typedef struct msl_drive_ops {
  const char *name;
  /* One workload-1 step: rows[0..nr-1] (post spikes) pulsed for dt_post
   * with column voltages vc[j] and drives uc[j], j < n_pre; then
   * cols[0..nc-1] (pre spikes) for dt_pre with row voltages vr[i] and
   * drives ur[i], i < n_post. The energy is from the weights before any of
   * the step's pulses. Returns 0, or -1 (msl_error()) if the device failed. */
  int (*learn)(msl_drive *dr, msl_cell_array *a, const int *rows, int nr, const double *vc,
               const double *uc, const int *cols, int nc, const double *vr, const double *ur,
               msl_syn_stats *st, msl_syn_counts *cn);
  /* Workload 2: every column j of pre (count c_j = pre->x[j]) gets c_j pulses
   * of width dt_pre with row voltages vpos[i] (>= 0), then c_j with vneg[i]
   * (<= 0); energy from the weights before. 0 or -1 as learn. */
  int (*replay)(msl_drive *dr, msl_cell_array *a, const msl_spikes *pre, const double *vpos,
                const double *vneg, msl_syn_stats *st, msl_syn_counts *cn);
  void (*destroy)(msl_drive *dr);
  /* Optional (NULL: the cells are always current): bring the cells of
   * columns cols[0..n-1] (cols NULL: every column) up to date before they
   * are read or set; changes they catch up count in st. 0 or -1. */
  int (*sync)(msl_drive *dr, msl_cell_array *a, const int *cols, int n, msl_syn_stats *st);
  /* Optional (NULL: nothing persists between events): checkpoint state
   * through the serialiser (src/engine/ckpt.h); 0 or -1 (msl_error()). */
  int (*state)(msl_drive *dr, struct msl_ckpt *c);
} msl_drive_ops;

struct msl_drive {
  const msl_drive_ops *ops;
  void *content;
};

/* The drive named name for a, sized for it: "lines" (NULL, or "ideal") or
 * a bias scheme (msl_drive_names()); NULL with msl_error(). */
msl_drive *msl_drive_new(const char *name, const msl_cell_array *a);
void msl_drive_free(msl_drive *dr);
/* Comma-separated names the --bias option accepts. */
const char *msl_drive_names(void);
/* Bring columns up to date (drive op sync; no-op without one). 0 or -1. */
int msl_drive_sync(msl_drive *dr, msl_cell_array *a, const int *cols, int n, msl_syn_stats *st);
/* Checkpoint state (drive op state; nothing without one). 0 or -1. */
int msl_drive_state(msl_drive *dr, struct msl_ckpt *c);

/* Bias schemes (bias.c): the fractions a (unselected crossing lines) and b
 * (undriven lines) of the event's amplitude, and whether the drive is the
 * lazy one; -1 if name is not a scheme. */
int msl_bias_scheme(const char *name, double *a, double *b, int *lazy);
/* An event's amplitude: the v[k] of largest magnitude, with its sign. */
double msl_bias_amplitude(const double *v, int n);
/* The voltage of the cells at crossing lines k (ideal voltages v[k]) on a
 * driven line and on an undriven one, with amplitude V. */
void msl_bias_cell_voltages(double a, double b, double V, const double *v, int n,
                            double *on_driven, double *on_undriven);

MSL_END_DECLS

#endif
