/* device.h: the generic memristor cell model (an object with an operation table).
 *
 * A device model is ONE source file in src/devices/ that fills an
 * msl_device_ops and registers a constructor in src/devices/registry.c.
 * The crossbar synapse (src/synapses/crossbar.c) and the workloads only call
 * these ops; they never look inside `content`.
 *
 * Required ops: w2s, s2w, drive, pulse, v_pre, v_post, v_err, set_weights,
 * destroy. Optional: params (NULL = no parameters to report), power (NULL =
 * an ohmic cell), inert_drive (NULL = only a zero drive leaves a cell alone).
 *
 * Conventions (SPEC 5): a cell has a physical state s (resistance, gap,
 * conductance...); its weight is w = conductance(s) / G1. A positive voltage
 * is a potentiating pulse, a negative one a depressing pulse, and a cell whose
 * voltage is exactly 0 is left unchanged. */
#ifndef MSL_DEVICE_H
#define MSL_DEVICE_H

#include <stddef.h>
#include <stdint.h>

#include "msl/api.h"

MSL_BEGIN_DECLS

typedef struct msl_device msl_device;

/* Everything a model may be configured with; each model reads what it needs
 * and validates it (msl_device_new reports what is wrong). */
typedef struct msl_device_params {
  double g1;        /* conductance of weight 1, S (> 0) */
  int workload;     /* 1 = STDP (SPEC 7), 2 = gradient descent (SPEC 8) */
  int quirks;       /* 1 = reproduce the published code (SPEC 9) */
  double lr;        /* VTEAM learning rate */
  double vp;        /* Chen: maximum programming voltage */
  double dv;        /* Chen: volts per decade of trace (0.073) */
  int substeps;     /* Chen: Euler substeps per pulse (>= 1) */
  const char *lut;  /* table file (.npz) */
  double v1p, v1n;  /* table: potentiation / depression voltage at trace 1 */
  double dvp, dvn;  /* table: volts per e-fold of trace */
  /* Crossbar circuit, read by the workloads (the models get dt per pulse):
   * pulse widths, s, of column pulses on pre spikes and of workload 2's
   * replay (dt_pre), and of row pulses on post spikes (dt_post). */
  double dt_pre, dt_post;
} msl_device_params;

/* Defaults: g1 = 1e-5, lr = 0.01, vp = 1.3, dv = 0.073, substeps = 1,
 * dvp = 0.0105, dvn = 0.0333 (workload 1) or 1/95, 1/30 (workload 2),
 * dt_pre = 1e-9, dt_post = 10e-9 (SPEC 7, 8). */
void msl_device_params_default(msl_device_params *p, int workload);

typedef struct msl_device_ops {
  const char *name;
  /* Weight -> state, clipped into the device's range. */
  double (*w2s)(const msl_device *d, double w);
  /* State -> weight. */
  double (*s2w)(const msl_device *d, double s);
  /* Convert n driver voltages v[k] (all non-zero) into the model's drive
   * u[k] (e.g. VTEAM: the resistance step; Chen: V a0/L q/kT). Computed once
   * per voltage vector, then reused for every row or column pulsed with it. */
  void (*drive)(const msl_device *d, const double *v, double *u, int n);
  /* One pulse of width dt (s) on n cells of a row or a column: cell k has
   * state s[at[k]], weight w[at[k]] (updated to s2w of the new state) and
   * drive u[k]. A cell with zero drive (0 V) must be left exactly as it is. */
  void (*pulse)(msl_device *d, double *s, double *w, const ptrdiff_t *at, const double *u,
                int n, double dt);
  /* Workload 1 voltages from traces, for n traces at once: column voltages
   * (>= 0) from the pre traces, row voltages (<= 0) from the post traces,
   * and their drives u (= drive(v), which a model may compute directly from
   * the trace, e.g. VTEAM's resistance step lr t, skipping a power law).
   * The caller passes each trace t[k] >= 0 with its natural log lnt[k]
   * (-inf for t[k] == 0; see msl_trace_keep_log), so no model takes a log. */
  void (*v_pre)(const msl_device *d, const double *te, const double *lnte, double *v, double *u,
                int n);
  void (*v_post)(const msl_device *d, const double *to, const double *lnto, double *v,
                 double *u, int n);
  /* Workload 2: voltage for an error e, with the sign of e (0 for e == 0). */
  double (*v_err)(const msl_device *d, double e);
  /* For n contiguous cells, s[k] = w2s(w[k]) and then w[k] = s2w(s[k]) (the
   * weight becomes the reachable one). Returns how many w[k] lay outside the
   * device's range (or were NaN) and were clipped to it. Every weight set
   * from outside (initialisation, normalisation) goes through here. */
  size_t (*set_weights)(const msl_device *d, double *s, double *w, size_t n);
  /* Optional: p[k], the power drawn at voltage v[k] by a cell of weight 1,
   * per unit of G1 (V^2), for n voltages: a cell of weight w (w = its
   * conductance at Vread / G1) draws w G1 p watts. NULL = ohmic, p = v^2
   * (SPEC 6). Models with a non-linear current-voltage relation (Chen:
   * I ~ sinh(V/V0)) give it here; the crossbar reports the energy it implies
   * next to SPEC 6's. */
  void (*power)(const msl_device *d, const double *v, double *p, int n);
  /* Optional: a bound b such that a pulse with |drive| < b leaves every cell
   * in range exactly as it is, state and weight bit for bit (VTEAM: a step
   * below half a unit in the last place of Ron). The crossbar leaves such
   * cells out of its pulses; their voltages and energy still count. */
  double (*inert_drive)(const msl_device *d);
  /* Optional: up to max (name, value) pairs of the model's parameters. */
  int (*params)(const msl_device *d, const char **names, double *values, int max);
  void (*destroy)(msl_device *d);
} msl_device_ops;

struct msl_device {
  const msl_device_ops *ops;
  void *content;
  double g1;        /* S */
  double vread;     /* read voltage, V */
  int quirks;
  uint64_t clamped; /* voltages clamped to a table's edge (SPEC 9.5) */
  uint64_t set, clipped; /* weights set from outside (set_weights), and how many of
                            them were clipped to the device's range */
  char error[256];  /* set by pulse on a fatal condition (quirks: table overrun) */
};

/* Create a model by name ("vteam", "chen15", "lut"). On failure returns NULL
 * and writes a one-line message into err. Checks g1 and the pulse widths
 * (positive, finite) for every model, then the model's own parameters. */
msl_device *msl_device_new(const char *model, const msl_device_params *p,
                           char *err, size_t errlen);
void msl_device_free(msl_device *d);
/* Convenience wrappers (tests, `msl device`, one-off use; the crossbar calls
 * the batched ops directly): one trace's voltage, and one pulse on n cells
 * s[k*stride] with voltages v[k] (0 V cells untouched). */
double msl_device_v_pre(const msl_device *d, double te);
double msl_device_v_post(const msl_device *d, double to);
void msl_device_pulse(msl_device *d, double *s, double *w, ptrdiff_t stride, const double *v,
                      int n, double dt);
/* The power of a cell of weight 1 at voltage v, per unit of G1: the op
 * power, or v^2 for an ohmic model. */
double msl_device_power(const msl_device *d, double v);

/* Comma-separated list of the registered model names. */
const char *msl_device_names(void);

MSL_END_DECLS

#endif
