/* devopts.h: the device options shared by `msl stdp`, `msl bp`, `msl device`
 * and `msl sweep`, and the device part of the JSON results, all derived from
 * the parameter declarations of the crossbar, the device models and the
 * learning rules (param.h): a new model's options need nothing here. */
#ifndef MSL_CLI_DEVOPTS_H
#define MSL_CLI_DEVOPTS_H

#include <stdio.h>

#include "json.h"
#include "msl/param.h"
#include "msl/synapse.h"

/* The options of a device-aware run. */
typedef struct devopts {
  const char *device; /* "ideal" or a device model */
  const char *rule;   /* --rule (NULL: the device's default) */
  const char *params_file; /* --params FILE (curve; devpreset.h), or NULL */
  msl_params params;
} devopts;

void devopts_init(devopts *o, int workload);

/* Print the device options' help lines (workload 1 or 2; 0 = msl device). */
void devopts_help(FILE *f, int workload);

/* If argv[*i] is --device, --rule, --params or a declared parameter, parse it into o
 * (advancing *i) and return 1; 0 if it is none; -1 on a bad value
 * (message printed). */
int devopts_parse(int argc, char **argv, int *i, devopts *o);

/* Every parameter given applies to the chosen device and rule (`msl device`:
 * workload 0, to the device or its cells, --read-noise excepted); otherwise print which do not and why, and
 * return -1 (a usage error). `cmd` names the command in the message. */
int devopts_check(const devopts *o, const char *cmd, int workload);

/* The device model's required parameters (text ones declared without a
 * default, e.g. lut's --lut) were given; otherwise print which is missing
 * and return -1 (a usage error). */
int devopts_required(const devopts *o, const char *cmd);

/* After parsing: devopts_check, --preset and --params expanded into o's
 * parameters (devpreset.h), devopts_required, then hand the run its device, rule and
 * parameters (--lr also sets the workload's rate *lr); 0, or -1 (usage). */
int devopts_finish(devopts *o, const char *cmd, int workload, double *lr,
                   const char **device, const char **rule, msl_params *params);

/* The declaration of the parameter called name (crossbar, any model or
 * rule), or NULL. */
const msl_param_decl *devopts_decl(const char *name);
/* Whether the parameter name is one of device's (or its rule's, or the
 * crossbar's); names that are not device parameters apply everywhere. */
int devopts_applies(const char *name, const char *device);

/* --quirks reference|none */
int quirks_parse(const char *val, int *quirks);

/* Device parameters (from the declarations), per-image counters (stats
 * summed over n images) and the run's counts of clamped voltages and
 * clipped weights. */
void devopts_json(json *j, const devopts *o, const msl_syn_stats *s, long n_images,
                  const msl_syn_counts *c);

#endif
