/* ckptopts.h: --checkpoint FILE and --checkpoint-every N of `msl stdp` and
 * `msl bp` (docs/checkpoints.md): parsing, the checks before a run, the
 * SIGINT/SIGTERM handlers that ask the run to stop at the next sample
 * boundary, and removing the file once the results are out. */
#ifndef MSL_CLI_CKPTOPTS_H
#define MSL_CLI_CKPTOPTS_H

#include <stdio.h>

#include "msl/workload.h"

typedef struct ckptopts {
  const char *path;  /* NULL: no checkpoints */
  long every;        /* 0: not given (MSL_CHECKPOINT_EVERY) */
  int locked;        /* FILE.lock is held (lock_fd open, flock) */
  int lock_fd;
} ckptopts;

/* If argv[*i] is one of the two options, parse it (advancing *i): 1; 0 if it
 * is not; -1 on a bad value (message printed). */
int ckptopts_parse(int argc, char **argv, int *i, ckptopts *o);
/* The help lines; unit: "presentations" or "samples". */
void ckptopts_help(FILE *f, const char *unit);
/* Checks (FILE.tmp writable; --checkpoint-every needs --checkpoint): 0, or
 * -1 with a message (a usage error). */
int ckptopts_check(const char *who, const ckptopts *o);
/* Fill the run's options and, with a path, take FILE.lock (flock, held
 * until the process exits: another run on the same FILE is refused) and
 * install the signal handlers. 0, or -1 with a message (FILE in use). */
int ckptopts_start(const char *who, ckptopts *o, msl_checkpoint_opts *run);
/* The run stopped at a signal (message from the run): print it; the exit
 * status 128 + the signal. */
int ckptopts_stopped(const char *who, const char *msg);
/* The results are out: remove the file and its lock (a failure is
 * reported, status 1). */
int ckptopts_finish(const char *who, ckptopts *o);

#endif
