/* curvefit.h: the curve model (src/devices/curve.h) fitted to a measured
 * potentiation and depression curve by nonlinear least squares (GSL's
 * multifit_nlinear, trust region with Levenberg-Marquardt steps). */
#ifndef MSL_CLI_CURVEFIT_H
#define MSL_CLI_CURVEFIT_H

#include "csv.h"

enum { FIT_GMIN, FIT_GMAX, FIT_ALTP, FIT_ALTD, FIT_PLTP, FIT_PLTD, FIT_N };

typedef struct curve_fit {
  double x[FIT_N], sd[FIT_N]; /* gmin, gmax (S), a_ltp, a_ltd, p_ltp, p_ltd (pulses) */
  double c2c, c2c_sd;         /* msl's --c2c: relative sd of a pulse's change */
  double c2c_range;           /* the same spread over (gmax - gmin), NeuroSim's unit */
  double rms_ltp, rms_ltd;    /* residuals, S */
} curve_fit;

/* Fit both curves (each one's first pulse is its p = 0); 0, or -1 with err. */
int curve_fit_run(const curve_data *ltp, const curve_data *ltd, curve_fit *out, char *err,
                  size_t errlen);

#endif
