/* sched.h: running a sweep's points: the shared bookkeeping (claim the next
 * point, record an outcome, progress on stderr, clean stop on SIGINT and
 * SIGTERM), local worker processes, and the MPI distribution. */
#ifndef MSL_SWEEP_SCHED_H
#define MSL_SWEEP_SCHED_H

#include <signal.h>
#include <sqlite3.h>

#include "child.h"
#include "grid.h"

typedef struct sweep_ctx {
  sqlite3 *db;          /* NULL on MPI ranks other than 0 */
  grid_point *pts;
  int npts;
  const char *exe;      /* the msl program run for each point */
  int quiet;
  int next;             /* next point index to consider */
  int total;            /* points wanted when the sweep started */
  int done, failed;     /* outcomes in this invocation */
  double start, last_report;
} sweep_ctx;

/* Open the database, add the points it lacks, count the wanted ones
 * (s->total) and say so on stderr. 0, or -1 (message printed). */
int sweep_prepare(sweep_ctx *s, const char *db_path);

/* Set by SIGINT / SIGTERM (the signal number). */
extern volatile sig_atomic_t sweep_stop;
void sweep_signals(void);

/* Claim the next wanted point for `host` / `rank` in the database; its index,
 * or -1 when none is left (or on a database error, reported). */
int sweep_next(sweep_ctx *s, const char *host, int rank);

/* Store the outcome of point i and report progress. 0, or -1 on a database error. */
int sweep_record(sweep_ctx *s, int i, const child_result *r);

/* Run a point in a child (blocking until it ends), for MPI worker ranks. */
void sweep_run_one(sweep_ctx *s, int i, child_result *r);

/* Run every wanted point on `jobs` local child processes. */
int sweep_local(sweep_ctx *s, int jobs);

/* Under an MPI launch with size > 1: rank 0 hands out points and writes the
 * database, the other ranks run them. Returns as sweep_local; *is_mpi = 0
 * when this is not an MPI launch (then nothing was done). */
int sweep_mpi(sweep_ctx *s, const char *db_path, int *is_mpi);
/* Size of the MPI launch from the environment (1 when not launched by mpirun). */
int sweep_mpi_size(void);

/* The exit status for the outcome: 0 all done, 1 failures, 128+signal when stopped. */
int sweep_status(const sweep_ctx *s);

#endif
