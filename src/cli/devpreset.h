/* devpreset.h: --preset NAME and --params FILE of the curve device model,
 * expanded into the run's parameter set (docs/devices.md, "Presets").
 *
 * Precedence, highest first: an option given on the command line, a value
 * in the --params file, the preset's value, the declared default. A preset
 * sets the model's parameters and --c2c; for workloads 1 and 2 with the
 * rule ln, also the rule's voltages (v1p = v-ltp, v1n = v-ltd, dvp = dvn =
 * v0) and the pulse widths (docs/devices.md). */
#ifndef MSL_CLI_DEVPRESET_H
#define MSL_CLI_DEVPRESET_H

#include "devopts.h"

/* Expand o's --preset and --params (if any) for workload (0: msl device).
 * 0, or -1 after printing "cmd: ..." (a usage error). */
int devpreset_apply(devopts *o, const char *cmd, int workload);

#endif
