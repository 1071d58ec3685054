/* curve.h: the behavioural pulse-curve model (NeuroSim's), shared by the
 * device model `curve` (curve.c), its published presets (curve_presets.c)
 * and `msl fit`.
 *
 * Potentiation from Gmin along G(p) = Gmin + Bp (1 - exp(-p/Ap)), reaching
 * Gmax after Pp pulses: Bp = (Gmax - Gmin) / (1 - exp(-Pp/Ap)). Depression
 * mirrored from Gmax: G(q) = Gmax - Bd (1 - exp(-q/Ad)), Gmin after Pd
 * pulses. From any G, n pulses move along the same curve:
 *   potentiation  G' = G + (Gmin + Bp - G) (1 - exp(-n/Ap)),
 *   depression    G' = G - (G - Gmax + Bd) (1 - exp(-n/Ad)),
 * then clipped to [Gmin, Gmax]. n need not be whole (docs/devices.md). */
#ifndef MSL_DEVICES_CURVE_H
#define MSL_DEVICES_CURVE_H

#include <math.h>

/* B of one direction: the range over 1 - exp(-P/A). */
static inline double curve_b(double gmin, double gmax, double a, double p) {
  return (gmax - gmin) / -expm1(-p / a);
}

/* The conductance after p pulses from the start of one direction's curve
 * (potentiation from Gmin, depression from Gmax). */
static inline double curve_g(int pot, double gmin, double gmax, double a, double p, double x) {
  double b = curve_b(gmin, gmax, a, p), f = -expm1(-x / a);
  return pot ? gmin + b * f : gmax - b * f;
}

/* A published device (curve_presets.c; cited in docs/devices.md). */
typedef struct curve_preset {
  const char *name;
  const char *what;           /* material and reference, one line */
  double gmin, gmax;          /* S */
  double a_ltp, a_ltd;        /* pulses */
  double p_ltp, p_ltd;        /* pulses across the range */
  double v_ltp, v_ltd;        /* characterised amplitudes, V (magnitudes) */
  double t_ltp, t_ltd;        /* characterised widths, s */
  double c2c;                 /* msl's --c2c: relative sd of a pulse's change */
  double c2c_range;           /* as published: sd per pulse / (Gmax - Gmin) */
  int levels;                 /* published number of conductance states */
} curve_preset;

/* The preset named name, or NULL with msl_error() listing the known ones. */
const curve_preset *curve_preset_find(const char *name);
/* The presets, in table order; n gets their number. */
const curve_preset *curve_presets(int *n);

#endif
