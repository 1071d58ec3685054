/* series.h: a memristor in series with an access transistor, solved for the
 * memristor's voltage (GSL's Brent root finder).
 *
 * The supply puts a volts across the pair. Potentiation (set): the top
 * electrode at a, the memristor between it and the transistor's drain, the
 * source at 0 V. Depression (reset): the source line at a, the top
 * electrode at 0 V, so the transistor's source is the node between the two
 * (at x, the memristor's voltage magnitude: its body effect). Both ways the
 * memristor takes x in [0, a] where its current equals the transistor's; the
 * difference is monotone in x, so the root is unique. */
#ifndef MSL_CELLS_SERIES_H
#define MSL_CELLS_SERIES_H

#include <gsl/gsl_roots.h>

#include "mosfet.h"
#include "msl/device.h"

typedef struct {
  const msl_device *d;
  const msl_mosfet *t;
  double w;  /* the memristor's weight */
  double a;  /* the supply's voltage across the pair, > 0 */
  double vg; /* the gate's voltage */
  int reset; /* 1: depression (the source at the node), 0: potentiation */
} msl_series;

/* The memristor's current at |voltage| x (>= 0), A: w G1 power(x)/x, the
 * device's own current-voltage relation (ohmic without a power op). */
double msl_series_mem_current(const msl_device *d, double w, double x);
/* The transistor's current when the memristor takes x. */
double msl_series_fet_current(const msl_series *c, double x);
/* The memristor's voltage magnitude x (to 1e-9 V), and the current (*i,
 * A); s is a Brent solver the caller allocated (gsl_root_fsolver_alloc),
 * x0 a guess (the last substep's; <= 0: none) that narrows the bracket. */
double msl_series_solve(const msl_series *c, gsl_root_fsolver *s, double x0, double *i);

#endif
