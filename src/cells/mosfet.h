/* mosfet.h: the access transistor's compact model (EKV, all regions).
 *
 * An n-channel MOSFET, body at 0 V, source and drain interchangeable:
 *   I = Ispec (F((Vp - Vs)/Ut) - F((Vp - Vd)/Ut)) (1 + lambda |Vd - Vs|),
 *   F(x) = ln^2(1 + e^(x/2)),  Vp = (Vg - Vth)/n,  Ispec = 2 n k Ut^2
 * (Enz, Krummenacher, Vittoz 1995; channel-length modulation as a factor).
 * In strong inversion it is the square law: saturation
 * I = k/(2n) (Vg - Vth - n Vs)^2, and at n = 1 the linear region
 * I = k ((Vgs - Vth) Vds - Vds^2/2); below threshold the current falls by
 * e per n Ut of gate voltage instead of vanishing (docs/devices.md). */
#ifndef MSL_CELLS_MOSFET_H
#define MSL_CELLS_MOSFET_H

typedef struct {
  double vth;    /* threshold voltage, V */
  double k;      /* transconductance parameter mu Cox W/L, A/V^2 */
  double n;      /* sub-threshold slope factor (>= 1) */
  double lambda; /* channel-length modulation, 1/V */
  double ut;     /* thermal voltage kT/q, V */
} msl_mosfet;

/* The current from drain to source, A (negative when vd < vs). */
double msl_mosfet_current(const msl_mosfet *m, double vg, double vd, double vs);

#endif
