/* devopts.h: the device options shared by `msl stdp` and `msl bp`, and the
 * device part of their JSON results. */
#ifndef MSL_CLI_DEVOPTS_H
#define MSL_CLI_DEVOPTS_H

#include "json.h"
#include "msl/device.h"
#include "msl/synapse.h"

/* Help text for the device options. */
extern const char *devopts_help;

/* If argv[*i] is a device option, parse it into p (advancing *i) and return 1;
 * return 0 if it is not one, -1 on a bad value (message printed). */
int devopts_parse(int argc, char **argv, int *i, msl_device_params *p, const char **device);

/* --quirks reference|none */
int quirks_parse(const char *val, int *quirks);

/* Device parameters, per-image counters (stats summed over n images) and the
 * run's totals of clamped voltages and clipped weights. */
void devopts_json(json *j, const char *device, const msl_device_params *p,
                  const msl_syn_stats *s, long n_images, unsigned long long clamped,
                  unsigned long long set, unsigned long long clipped);

#endif
