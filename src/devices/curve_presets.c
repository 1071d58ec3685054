/* curve_presets.c: published devices for the curve model, from NeuroSim's
 * benchmark table (MLP+NeuroSim V3.0 user manual, Table II; P.-Y. Chen and
 * S. Yu, IEEE Design & Test 2019) and its reference code (Cell.cpp:
 * Ag:a-Si's conductances and 97/100 pulses). Sources and conversions in
 * docs/devices.md, "Presets":
 *   A = (NeuroSim's normalised A for the published nonlinearity label) x P,
 *       the normalised A read from NeuroSim's table documents/Nonlinearity-NormA;
 *   gmax = 1/Ron, gmin = gmax / (on/off ratio);
 *   c2c (msl's, relative to the mean step) = published sd (a fraction of
 *       the range per pulse) x the mean of P_ltp and P_ltd. */
#include <string.h>

#include "curve.h"
#include "msl/error.h"

/* name, what, gmin, gmax, a_ltp, a_ltd, p_ltp, p_ltd, v_ltp, v_ltd, t_ltp, t_ltd,
 * c2c, c2c_range, levels */
static const curve_preset presets[] = {
    {"agsi", "Ag:a-Si (Jo et al., Nano Lett. 2010)", 3.0769e-9, 3.8462e-8, 0.4992 * 97,
     0.2003 * 100, 97, 100, 3.2, 2.8, 300e-6, 300e-6, 0.035 * 98.5, 0.035, 97},
    {"taox", "TaOx/HfOx (Wu et al., VLSI 2018)", 1e-6, 1e-5, 31.5668 * 128, 1.9973 * 128, 128,
     128, 1.6, 1.6, 50e-9, 50e-9, 0.037 * 128, 0.037, 128},
    {"pcmo", "PCMO (Park et al., IEDM 2013)", 4.3478e-8 / 6.84, 4.3478e-8, 0.3006 * 50,
     0.1003 * 50, 50, 50, 2.0, 2.0, 1e-3, 1e-3, 0.01 * 50, 0.01, 50},
    {"alox", "AlOx/HfO2 (Woo et al., EDL 2016)", 5.9172e-5 / 4.43, 5.9172e-5, 0.6292 * 40,
     2.0633 * 40, 40, 40, 0.9, 1.0, 100e-6, 100e-6, 0.05 * 40, 0.05, 40},
    {"epiram", "EpiRAM, Ag:SiGe (Choi et al., Nat. Mater. 2018)", 1.2346e-5 / 50.2, 1.2346e-5,
     2.5199 * 64, 2.5199 * 64, 64, 64, 5.0, 3.0, 5e-6, 5e-6, 0.02 * 64, 0.02, 64},
};
enum { N_PRESETS = sizeof presets / sizeof presets[0] };

const curve_preset *curve_presets(int *n) {
  *n = N_PRESETS;
  return presets;
}

const curve_preset *curve_preset_find(const char *name) {
  for (int k = 0; k < N_PRESETS; k++)
    if (strcmp(name, presets[k].name) == 0) return &presets[k];
  msl_error_set("--preset: unknown device '%s' (known: none, agsi, taox, pcmo, alox, epiram)",
                name);
  return NULL;
}
