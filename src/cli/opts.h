/* opts.h: command-line value parsing with errors that name the option.
 * Every parser prints "msl: OPTION: what is wrong" to stderr and returns -1
 * on bad input (leaving the destination as it was), 0 on success. */
#ifndef MSL_CLI_OPTS_H
#define MSL_CLI_OPTS_H

#include <stdint.h>

/* A finite double. */
int opt_double(const char *opt, const char *val, double *out);
/* A finite double > 0. */
int opt_positive(const char *opt, const char *val, double *out);
/* An integer in [lo, hi]. */
int opt_int(const char *opt, const char *val, long lo, long hi, long *out);
/* A seed: an integer 0..2^64-1 (18446744073709551615), digits only. */
int opt_seed(const char *opt, const char *val, uint64_t *out);
/* Whether a comma-separated list has no empty element (no leading,
 * trailing or doubled comma); if it has one, says so ("who: --opt: ...")
 * and returns -1. */
int opt_list_check(const char *who, const char *opt, const char *list);
/* A comma-separated list of finite doubles; *out is malloc'd. */
int opt_double_list(const char *opt, const char *val, double **out, int *n);

/* Fetch the value of option argv[*i] (advancing *i); NULL + message if missing.
 * Accepts both "--opt value" and "--opt=value" (pass the part after '='). */
const char *opt_value(int argc, char **argv, int *i);
/* True when argv[i] is "--name" or "--name=...". */
int opt_is(const char *arg, const char *name);

/* A count option: its name and where its value goes. */
typedef struct {
  const char *name;
  int *dest;
} opt_count;

/* If argv[*i] is one of the n count options, read its value (an integer in
 * [1, 1e8], advancing *i) into the option's dest: returns 1, or -1 with a
 * message on a missing or bad value; 0 when argv[*i] is none of them. */
int opt_counts(int argc, char **argv, int *i, const opt_count *opts, int n);

#endif
