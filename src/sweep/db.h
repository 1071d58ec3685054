/* db.h: the sweep results database (SQLite, table `runs`, one row per point;
 * schema in docs/sweeps.md). Every write is one transaction; the database is
 * in WAL mode with a busy timeout, so several sweeps can share it. */
#ifndef MSL_SWEEP_DB_H
#define MSL_SWEEP_DB_H

#include <sqlite3.h>

#include "grid.h"

/* Open (creating the file and table if needed). NULL + message on failure. */
sqlite3 *db_open(const char *path);
void db_close(sqlite3 *db);

/* Insert the points not yet in the table, as 'pending'. 0 or -1. */
int db_register(sqlite3 *db, const grid_point *p, int n);

/* Whether a point should run now: not 'done', and not 'running' under
 * another live sweep process on this host. 1 yes, 0 no, -1 error. */
int db_wanted(sqlite3 *db, const char *key);

/* Atomically check db_wanted and mark the point 'running' on `host`
 * (rank: the MPI rank that runs it, 0 locally). 1 claimed, 0 not wanted, -1 error. */
int db_claim(sqlite3 *db, const char *key, const char *host, int rank);

/* Record a finished point: 'done' with every key of the JSON result as a
 * column, or 'failed' with the error. wall: seconds including start-up. */
int db_done(sqlite3 *db, const char *key, const char *json, double wall);
int db_failed(sqlite3 *db, const char *key, const char *error, double wall);

/* Count rows of the points in p with the given status. */
int db_count(sqlite3 *db, const grid_point *p, int n, const char *status);

#endif
