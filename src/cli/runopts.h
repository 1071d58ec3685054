/* runopts.h: the options every workload command shares (--seed, --data,
 * --out, --quiet, --quirks), loading MNIST with a helpful error, and
 * writing the result line to stdout and --out. */
#ifndef MSL_CLI_RUNOPTS_H
#define MSL_CLI_RUNOPTS_H

#include <stdint.h>
#include <stdio.h>

#include "devopts.h"
#include "msl/mnist.h"

typedef struct runopts {
  const char *data_dir, *out;
  int quiet, quirks;
  uint64_t seed;
} runopts;

/* If argv[*i] is a shared option, parse it (advancing *i) and return 1;
 * 0 if it is not one; -1 on a bad value (message printed). */
int runopts_parse(int argc, char **argv, int *i, runopts *r);

/* runopts_parse, then the device options (devopts_parse): 1 consumed,
 * 0 not one of them, -1 bad value (message printed). */
int runopts_parse_all(int argc, char **argv, int *i, runopts *r, devopts *dev);

/* Load MNIST from --data, $MSL_DATA or the default; 0, or -1 with a message. */
int runopts_load(const runopts *r, msl_mnist *data);

/* The result streams: stdout and, with --out, FILE opened for appending.
 * Returns the number of streams (1 or 2), or -1 with a message. */
int runopts_outputs(const runopts *r, FILE *files[2]);

#endif
