/* cmd_fit.c: `msl fit`: the curve device model fitted to a measured
 * potentiation and depression curve (curvefit.h); the parameters as a JSON
 * line, and a parameter file for --device curve --params. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "csv.h"
#include "curvefit.h"
#include "json.h"
#include "opts.h"

#ifndef MSL_VERSION
#define MSL_VERSION "dev"
#endif

static void help(void) {
  printf("usage: msl fit --ltp FILE --ltd FILE [--out device.json]\n\n"
         "Fit the behavioural curve model (NeuroSim's; docs/devices.md) to measured\n"
         "curves under identical pulses: CSV files with a header naming the columns\n"
         "pulse and conductance (siemens; other columns ignored), one potentiation\n"
         "curve (rising from gmin) and one depression curve (falling from gmax).\n"
         "Prints gmin, gmax (S), a_ltp, a_ltd, p_ltp, p_ltd (pulses) and c2c (msl's\n"
         "--c2c), each with its standard error (_sd), as one JSON line.\n\n"
         "options:\n"
         "  --ltp FILE    the potentiation curve\n"
         "  --ltd FILE    the depression curve\n"
         "  --out FILE    write the parameters for msl stdp/bp/device --device curve --params FILE\n");
}

static const char *const keys[FIT_N] = {"gmin", "gmax", "a_ltp", "a_ltd", "p_ltp", "p_ltd"};

/* The --c2c option's range ends at 10. */
static double c2c_option(double c) { return c > 10.0 ? 10.0 : c; }

static int write_params(const char *path, const curve_fit *r) {
  FILE *f = fopen(path, "w");
  if (!f) return -1;
  json j;
  json_begin(&j, f);
  json_str(&j, "device", "curve");
  for (int k = 0; k < FIT_N; k++) json_num(&j, keys[k], r->x[k]);
  json_num(&j, "c2c", c2c_option(r->c2c));
  json_end(&j);
  return fclose(f);
}

int cmd_fit(int argc, char **argv) {
  const char *ltp = NULL, *ltd = NULL, *out = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      help();
      return 0;
    }
    const char **dst = opt_is(a, "--ltp") ? &ltp : opt_is(a, "--ltd") ? &ltd
                       : opt_is(a, "--out") ? &out : NULL;
    if (!dst) {
      fprintf(stderr, "msl fit: unknown option '%s' (see msl fit --help)\n", a);
      return 2;
    }
    if (!(*dst = opt_value(argc, argv, &i))) return 2;
    if (!**dst) {
      fprintf(stderr, "msl fit: %s: needs a file name\n", a);
      return 2;
    }
  }
  if (!ltp || !ltd) {
    fprintf(stderr, "msl fit: %s: required (a CSV file with columns pulse,conductance)\n",
            ltp ? "--ltd" : "--ltp");
    return 2;
  }
  char err[512];
  curve_data up, down;
  if (csv_curve_load(ltp, 1, &up, err, sizeof err)) {
    fprintf(stderr, "msl fit: --ltp: %s\n", err);
    return 1;
  }
  if (csv_curve_load(ltd, 0, &down, err, sizeof err)) {
    fprintf(stderr, "msl fit: --ltd: %s\n", err);
    curve_data_free(&up);
    return 1;
  }
  curve_fit r;
  int rc = curve_fit_run(&up, &down, &r, err, sizeof err);
  int n_up = up.n, n_down = down.n;
  curve_data_free(&up);
  curve_data_free(&down);
  if (rc) {
    fprintf(stderr, "msl fit: %s, %s: %s\n", ltp, ltd, err);
    return 1;
  }
  if (r.c2c > 10.0)
    fprintf(stderr, "msl fit: warning: c2c %g is beyond --c2c's range; the parameter file "
                    "holds 10\n", r.c2c);
  json j;
  json_begin(&j, stdout);
  json_str(&j, "device", "curve");
  for (int k = 0; k < FIT_N; k++) {
    char sd[16];
    snprintf(sd, sizeof sd, "%s_sd", keys[k]);
    json_num(&j, keys[k], r.x[k]);
    json_num(&j, sd, r.sd[k]);
  }
  json_num(&j, "c2c", r.c2c);
  json_num(&j, "c2c_sd", r.c2c_sd);
  json_num(&j, "c2c_range", r.c2c_range);
  json_num(&j, "rms_ltp", r.rms_ltp);
  json_num(&j, "rms_ltd", r.rms_ltd);
  json_int(&j, "points_ltp", n_up);
  json_int(&j, "points_ltd", n_down);
  json_str(&j, "ltp", ltp);
  json_str(&j, "ltd", ltd);
  json_str(&j, "version", MSL_VERSION);
  json_end(&j);
  if (out && write_params(out, &r)) {
    fprintf(stderr, "msl fit: --out: %s: cannot write the parameter file\n", out);
    return 1;
  }
  return 0;
}
