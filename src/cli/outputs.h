/* outputs.h: checking output files before a run (so that a long run's result
 * is not lost to an unwritable path) and checking every write after it (so
 * that a full disk is an error, not a silent loss). */
#ifndef MSL_CLI_OUTPUTS_H
#define MSL_CLI_OUTPUTS_H

#include <stdio.h>

/* Open path for appending (creating it); NULL with "who: OPT: cannot append
 * to PATH: why" on stderr. */
FILE *out_open_append(const char *who, const char *opt, const char *path);

/* Whether path can be created or overwritten, without changing it: 0, or -1
 * with "who: OPT: cannot write PATH: why" on stderr. */
int out_check_writable(const char *who, const char *opt, const char *path);

/* Flush f and check it for write errors (stdout stays open, others are
 * closed): 0, or -1 with "who: writing WHAT: why" on stderr. */
int out_finish(const char *who, const char *what, FILE *f);

#endif
