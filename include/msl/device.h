/* device.h: the generic memristor model (an object with an operation table).
 *
 * A device model is physics only: its state and the conductance that state
 * reads as, how a voltage across the memristor during dt changes the state,
 * the current it draws at a voltage, its range. It knows nothing of traces,
 * errors, workloads or the circuit around it (those are learning rules,
 * rule.h; cell circuits, cell.h; the array drive, drive.h).
 *
 * A model is ONE source file in src/devices/ that fills an msl_device_ops,
 * declares its parameters (param.h) in an msl_device_model and adds one line
 * to src/devices/registry.c (docs/devices.md, "Adding a device model").
 *
 * Required ops: w2s, s2w, drive, pulse, set_weights, destroy. Optional
 * (NULL: the default named): read (s2w cell by cell), power (ohmic, V^2),
 * current (power/v and its derivatives; the access cells' Newton solve),
 * inert_drive (only a zero drive leaves a cell alone), step_law (the change
 * per pulse depends on the state: rules that target a step cannot use the
 * model), delta (the pulse op on a copy), pulses (pulse, count times),
 * rescale (set_weights of the clamped, scaled weights).
 *
 * Conventions (SPEC 5): a cell has a physical state s (resistance, gap,
 * conductance...); it reads as the weight w = conductance(s) / G1, G1 being
 * the conductance unit the model is built with. A positive voltage
 * potentiates, a negative one depresses, and a cell at exactly 0 V is left
 * unchanged. The ops never modify the device: one device may serve many
 * threads. */
#ifndef MSL_DEVICE_H
#define MSL_DEVICE_H

#include "msl/api.h"

#include <stddef.h>
#include <stdint.h>

#include "msl/param.h"

MSL_BEGIN_DECLS

typedef struct msl_device msl_device;

/* What a pulse reports (counted by the caller; never reset by the device). */
typedef struct msl_pulse_stats {
  uint64_t clamped; /* voltages clamped to a table's edge (SPEC 9.5) */
  /* The supply's energy of potentiating and depressing pulses, J, added by
   * a cell circuit that solves its current (cell.h) or a table that holds
   * energies (device op pulse_energy); untouched otherwise. */
  double energy_pot_j, energy_dep_j;
} msl_pulse_stats;

typedef struct msl_device_ops {
  const char *name;
  /* Weight -> state, clipped into the device's range. */
  double (*w2s)(const msl_device *d, double w);
  /* State -> weight. */
  double (*s2w)(const msl_device *d, double s);
  /* Convert n voltages v[k] across the memristor into the model's drive
   * u[k] (e.g. VTEAM: the resistance step; Chen: V a0/L q/kT); 0 V must
   * give a zero drive.
   * Computed once per voltage vector, then reused for every cell pulsed with it. */
  void (*drive)(const msl_device *d, const double *v, double *u, int n);
  /* One pulse of width dt (s) on n cells: cell k has state s[at[k]], weight
   * w[at[k]] (updated to s2w of the new state) and drive u[k]. A cell with
   * zero drive must be left exactly as it is. Returns 0, or -1 on a fatal
   * condition (message in msl_error(); the published code's table overrun
   * under quirks), counting what it reports into st. */
  int (*pulse)(const msl_device *d, double *s, double *w, const ptrdiff_t *at, const double *u,
               int n, double dt, msl_pulse_stats *st);
  /* For n contiguous cells, s[k] = w2s(w[k]) and then w[k] = s2w(s[k]) (the
   * weight becomes the reachable one). Returns how many w[k] lay outside the
   * device's range (or were NaN) and were clipped to it. */
  size_t (*set_weights)(const msl_device *d, double *s, double *w, size_t n);
  /* Optional: w[k] = s2w(s[k]) for n contiguous cells, as a loop the
   * compiler vectorises (NULL: s2w cell by cell). The non-idealities use it. */
  void (*read)(const msl_device *d, const double *s, double *w, int n);
  /* Optional: p[k], the power drawn at voltage v[k] by a cell of weight 1,
   * per unit of G1 (V^2): a cell of weight w draws w G1 p watts. NULL =
   * ohmic, p = v^2 (SPEC 6). Chen: I ~ sinh(V/V0). */
  void (*power)(const msl_device *d, const double *v, double *p, int n);
  /* Optional: a bound b such that a pulse with |drive| < b leaves every cell
   * in range exactly as it is, state and weight bit for bit. */
  double (*inert_drive)(const msl_device *d);
  /* Optional: the change per pulse is the same in every state and a power
   * law of the voltage: drive = -c V^a for V > 0 (pot = 1) and c (-V)^a for
   * V < 0 (pot = 0), the drive being G1 times the state's change. */
  void (*step_law)(const msl_device *d, int pot, double *a, double *c);
  /* Optional: ds[k], the change of state one pulse of drive u[k] and width
   * dt makes from state s[k], before clipping to the range, for n cells
   * (NULL: the pulse op on a copy, less the state). The lazy bias drives
   * tabulate the half-selected cells' changes with it. */
  void (*delta)(const msl_device *d, const double *s, const double *u, double *ds, int n,
                double dt);
  /* Optional: `count` pulses of width dt on the n cells of pulse, each cell
   * with its own drive u[k] every time: the same bits as count calls of
   * pulse (workload 2's replay gives each cell of a column its pulses at one
   * voltage). NULL: pulse, count times. */
  int (*pulses)(const msl_device *d, double *s, double *w, const ptrdiff_t *at, const double *u,
                int n, double dt, int count, msl_pulse_stats *st);
  /* Optional: for n contiguous cells, what set_weights makes of the weights
   * clamp(w[k], lo, hi) f[k], computed from the states (lnf[k] = ln f[k]),
   * up to rounding: a model whose conductance is exponential in its state
   * shifts the state instead of taking a logarithm per cell (workload 1's
   * normalisation). Returns the count clipped, as set_weights. NULL:
   * set_weights of the scaled weights. */
  size_t (*rescale)(const msl_device *d, double *s, double *w, size_t n, double lo, double hi,
                    const double *f, const double *lnf);
  void (*destroy)(msl_device *d);
  /* Optional: 1 if op pulse adds each pulse's supply energy into
   * msl_pulse_stats (a table with energies); NULL or 0: it does not. */
  int (*pulse_energy)(const msl_device *d);
  /* Optional: for n voltages v[k] >= 0, the current of a cell of weight 1
   * per unit of G1, j[k] (so power = v j), and its first two derivatives
   * dj[k], d2j[k] by v: the access cells' Newton solve
   * (src/cells/series_newton.c) uses them. NULL with power NULL: ohmic, j =
   * v, dj = 1, d2j = 0; NULL with a power op: the access cells solve with a
   * bracketing root finder on power/v. */
  void (*current)(const msl_device *d, const double *v, double *j, double *dj, double *d2j,
                  int n);
} msl_device_ops;

struct msl_device {
  const msl_device_ops *ops;
  const struct msl_device_model *model;
  void *content;
  double g1;    /* the conductance of weight 1, S */
  double vread; /* read voltage, V */
};

/* A registered model: name, parameters (declared once) and constructor. */
typedef struct msl_device_model {
  const char *name;
  const char *doc;        /* one line for --help */
  msl_param_list params;  /* the model's own parameters (g1 is the crossbar's) */
  const char *rule;       /* the learning rule the paper pairs with it (rule.h) */
  /* Build from p (values checked against params before the call). */
  msl_device *(*create)(const msl_params *p, double g1);
} msl_device_model;

/* The registered models, in registry order; n gets their number. */
const msl_device_model *const *msl_device_models(int *n);
/* The model named name, or NULL with msl_error() listing the known ones. */
const msl_device_model *msl_device_model_find(const char *name);
/* Create the model named name with conductance unit g1 (S) and parameters p
 * (unset ones, or all when p is NULL: declared defaults). NULL with msl_error()
 * on failure. */
msl_device *msl_device_new(const char *name, const msl_params *p, double g1);
void msl_device_free(msl_device *d);

/* Convenience wrappers (tests, `msl device`; the array calls the batched
 * ops): one pulse on n cells s[k*stride] with voltages v[k] (0 V cells
 * untouched); the power of a cell of weight 1 at v per unit of G1. */
int msl_device_pulse(const msl_device *d, double *s, double *w, ptrdiff_t stride,
                     const double *v, int n, double dt, msl_pulse_stats *st);
double msl_device_power(const msl_device *d, double v);

/* Comma-separated names of the registered models (a constant string). */
const char *msl_device_names(void);

MSL_END_DECLS

#endif
