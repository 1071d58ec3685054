/* series.h: a memristor in series with an access transistor, solved for the
 * memristor's voltage: a batch of circuits by safeguarded Newton
 * (series_newton.c, the cells' pulses), one by GSL's Brent root finder
 * (series.c: the reference, the Newton solve's fallback, and reads).
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

/* The tolerances, relative on x: the Newton solve stops when the error
 * left after its last step, estimated as |f''/(2 f')| dx^2 from that step
 * dx (f the currents' difference), is at most MSL_SERIES_TOL x; Brent when
 * its bracket is MSL_SERIES_BRENT_TOL x wide. */
#define MSL_SERIES_TOL 1e-12
#define MSL_SERIES_BRENT_TOL 1e-13

/* The memristor's current at |voltage| x (>= 0), A: w G1 j(x) with the
 * device's op current, else w G1 power(x)/x (ohmic without a power op). */
double msl_series_mem_current(const msl_device *d, double w, double x);
/* The transistor's current when the memristor takes x. */
double msl_series_fet_current(const msl_series *c, double x);
/* The memristor's voltage magnitude x (to MSL_SERIES_BRENT_TOL), and the current (*i,
 * A); s is a Brent solver the caller allocated (gsl_root_fsolver_alloc),
 * x0 a guess (the last substep's; <= 0: none) that narrows the bracket. */
double msl_series_solve(const msl_series *c, gsl_root_fsolver *s, double x0, double *i);

/* n circuits solved together (series_newton.c), over the substeps of a
 * pulse. The caller sets circuit k once per pulse (msl_series_batch_set),
 * then before each solve its weight w[k]; the solve leaves the memristor's
 * voltage in x[k] and the current in i[k], and starts the next one from
 * there. */
typedef struct {
  int n;
  msl_series *c;
  double *w, *x, *i;
  /* per circuit: the transistor's current I(x) = isp (c2 - y^2) (1 + lam
   * (a - x)), y = ln(1 + e^(z0 + q x)) (mosfet.h, one of its two terms
   * constant), i0 = I(0); from the last solve, its weight wo, the
   * memristor's current per w G1 jo and its derivatives djo, d2jo, f' fo
   * and f'' f2o
   * (f = I_mem - I_fet) and the error estimate eo carried by x; the
   * bracket lo, hi; scratch */
  double *a, *z0, *q, *c2, *isp, *lam, *i0, *wo, *jo, *djo, *d2jo, *fo, *f2o, *eo, *lo, *hi, *j,
      *dj, *d2j, *act;
  gsl_root_fsolver *brent; /* allocated on the first fallback */
  int general; /* 1: the general kernels even in deep inversion (tests: the same bits) */
} msl_series_batch;

/* Room for n circuits; 0, or -1 (out of memory, msl_error()). */
int msl_series_batch_init(msl_series_batch *b, int n);
void msl_series_batch_free(msl_series_batch *b);
/* Keep the circuits k with keep[k] != 0, in order, as circuits 0, 1, ...
 * (n becomes their count). */
void msl_series_batch_keep(msl_series_batch *b, const int *keep);
/* Circuit k is c, not solved yet (its weight: c->w until w[k] is set). */
void msl_series_batch_set(msl_series_batch *b, int k, const msl_series *c);
/* Circuits 0 .. m-1 set at once (n becomes m), not solved yet: circuit k's
 * supply a[k], gate vg[k] and orientation rs[k] (1: reset, through
 * transistor `reset`; 0: set, through `set`); its weight w[k] to be set. Its two softplus terms in one
 * vectorised loop by vm_exp and vm_log: not libm's roundings, so not
 * msl_series_batch_set's bits. */
void msl_series_batch_set_lines(msl_series_batch *b, const msl_device *d, const msl_mosfet *set,
                                const msl_mosfet *reset, const double *a, const double *vg,
                                const int *rs, int m);
/* Solve all n for x and i (docs/devices.md, "Cell circuits"). A circuit
 * solved before starts from the Newton step its weight's change makes from
 * the last solution (no evaluation: that step is the solution if its
 * estimated error allows), a new one from x = a. Then Newton steps with
 * the analytic derivatives of both currents (the device's op current),
 * each kept inside the bracket the signs so far give (bisection
 * otherwise), until the estimated error is at most MSL_SERIES_TOL x; a
 * circuit not converged in 100 steps, or on a device with a power op and
 * no current op, goes to Brent. Returns how many went to Brent, or -1 (out of memory,
 * msl_error()). */
int msl_series_batch_solve(msl_series_batch *b, const msl_device *d);

#endif
