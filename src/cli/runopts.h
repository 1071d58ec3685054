/* runopts.h: the options every workload command shares (--seed, --data,
 * --out, --quiet, --quirks, --threads), the checks before a run (outputs writable,
 * memory), loading MNIST with a helpful error, and writing the result line
 * to stdout and --out, checked. */
#ifndef MSL_CLI_RUNOPTS_H
#define MSL_CLI_RUNOPTS_H

#include <stdint.h>
#include <stdio.h>

#include "ckptopts.h"
#include "devopts.h"
#include "json.h"
#include "msl/mnist.h"

typedef struct runopts {
  const char *data_dir, *out;
  int quiet, quirks;
  int threads;        /* --threads (0: $MSL_THREADS or every processor) */
  uint64_t seed;
  FILE *out_file;     /* --out, opened by runopts_prepare */
  int out_created;    /* runopts_prepare created it */
  ckptopts ck;        /* --checkpoint, --checkpoint-every */
} runopts;

/* If argv[*i] is a shared option, parse it (advancing *i) and return 1;
 * 0 if it is not one; -1 on a bad value (message printed). */
int runopts_parse(int argc, char **argv, int *i, runopts *r);

/* runopts_parse, then the device options (devopts_parse): 1 consumed,
 * 0 not one of them, -1 bad value (message printed). */
int runopts_parse_all(int argc, char **argv, int *i, runopts *r, devopts *dev);

/* Load MNIST from --data, $MSL_DATA or the default; 0, or -1 with a message. */
int runopts_load(const runopts *r, msl_mnist *data);

/* Before loading data: the thread count is set (--threads, else
 * $MSL_THREADS, else every processor: msl_set_threads), --save-weights (NULL:
 * none) and --checkpoint must be writable and --out is opened for appending.
 * 0, or -1 with a message naming the option
 * and path (a usage error: exit 2). */
int runopts_prepare(const char *who, runopts *r, const char *save_weights);

/* A run failed: close --out (removing it if runopts_prepare created it). */
void runopts_abandon(runopts *r);

/* Write the result line with emit(j, ctx) to stdout, then to --out, and
 * close --out. Returns the exit status: 0, or 1 when a write failed or the
 * result held a NaN or infinity (listed in "nonfinite_fields"; a warning
 * on stderr). */
int runopts_emit(const char *who, runopts *r, void (*emit)(json *j, const void *ctx),
                 const void *ctx);

#endif
