/* db.c: the SQLite results database of sweeps (see db.h, docs/sweeps.md). */
#include "db.h"

#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef MSL_VERSION
#define MSL_VERSION "dev"
#endif

static const char *schema =
    "CREATE TABLE IF NOT EXISTS runs ("
    " point_key TEXT PRIMARY KEY,"  /* canonical key of the full option set */
    " config_key TEXT,"             /* the key without the seed */
    " params TEXT,"                 /* swept options other than device, g1, seed */
    " args TEXT,"                   /* the child's command line */
    " workload TEXT, device TEXT, g1 REAL, seed INTEGER,"
    " status TEXT NOT NULL,"        /* pending, running, done, failed */
    " test_accuracy REAL, energy_per_image_nj REAL, seconds REAL,"
    " learning_curve TEXT,"         /* JSON: chunk_accuracy (stdp) or curve (bp) */
    " result_json TEXT,"            /* the run's whole JSON line */
    " error TEXT,"                  /* failures: why, and the tail of stderr */
    " host TEXT, rank INTEGER, version TEXT,"
    " owner_host TEXT, owner_pid INTEGER," /* the sweep process that claimed it */
    " attempts INTEGER NOT NULL DEFAULT 0,"
    " wall_seconds REAL, started_at TEXT, finished_at TEXT);";

static char host_name[256];

static const char *this_host(void) {
  if (!host_name[0] && gethostname(host_name, sizeof host_name - 1)) strcpy(host_name, "unknown");
  return host_name;
}

static int exec(sqlite3 *db, const char *sql) {
  char *msg = NULL;
  if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
    fprintf(stderr, "msl sweep: %s: %s (in: %.60s)\n", sqlite3_db_filename(db, "main"),
            msg ? msg : "?", sql);
    sqlite3_free(msg);
    return -1;
  }
  return 0;
}

static sqlite3_stmt *prep(sqlite3 *db, const char *sql) {
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) {
    fprintf(stderr, "msl sweep: %s: %s\n", sqlite3_db_filename(db, "main"), sqlite3_errmsg(db));
    return NULL;
  }
  return s;
}

/* Step a statement to completion; 0 or -1 (message). Finalizes it. */
static int run(sqlite3 *db, sqlite3_stmt *s) {
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
  }
  sqlite3_finalize(s);
  if (rc != SQLITE_DONE) {
    fprintf(stderr, "msl sweep: %s: %s\n", sqlite3_db_filename(db, "main"), sqlite3_errmsg(db));
    return -1;
  }
  return 0;
}

sqlite3 *db_open(const char *path) {
  sqlite3 *db = NULL;
  if (sqlite3_open(path, &db) != SQLITE_OK) {
    fprintf(stderr, "msl: %s: %s\n", path, db ? sqlite3_errmsg(db) : "cannot open");
    sqlite3_close(db);
    return NULL;
  }
  sqlite3_busy_timeout(db, 60000);
  if (exec(db, "PRAGMA journal_mode=WAL;") || exec(db, "PRAGMA synchronous=NORMAL;") ||
      exec(db, schema)) {
    fprintf(stderr, "msl: %s: not a usable results database\n", path);
    sqlite3_close(db);
    return NULL;
  }
  return db;
}

void db_close(sqlite3 *db) { sqlite3_close(db); }

int db_register(sqlite3 *db, const grid_point *p, int n) {
  if (exec(db, "BEGIN IMMEDIATE")) return -1;
  sqlite3_stmt *s = prep(db,
      "INSERT OR IGNORE INTO runs (point_key, config_key, params, args, workload, device, g1,"
      " seed, status, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'pending', ?9)");
  if (!s) {
    exec(db, "ROLLBACK");
    return -1;
  }
  for (int i = 0; i < n; i++) {
    char args[8192] = "";
    size_t len = 0;
    for (int k = 0; k < p[i].argc && len < sizeof args - 2; k++)
      len += (size_t)snprintf(args + len, sizeof args - len, "%s%s", k ? " " : "", p[i].argv[k]);
    sqlite3_bind_text(s, 1, p[i].key, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, p[i].config_key, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, p[i].params, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, args, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 5, p[i].argv[1], -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, p[i].device, -1, SQLITE_STATIC);
    if (p[i].g1) sqlite3_bind_double(s, 7, strtod(p[i].g1, NULL));
    else sqlite3_bind_null(s, 7);
    /* Seeds are 0..2^64-1; SQLite integers are signed 64-bit: stored as the
     * two's complement (seeds >= 2^63 read back negative: add 2^64). */
    if (p[i].seed) sqlite3_bind_int64(s, 8, (sqlite3_int64)strtoull(p[i].seed, NULL, 10));
    else sqlite3_bind_null(s, 8);
    sqlite3_bind_text(s, 9, MSL_VERSION, -1, SQLITE_STATIC);
    if (sqlite3_step(s) != SQLITE_DONE) {
      fprintf(stderr, "msl sweep: %s: %s\n", sqlite3_db_filename(db, "main"), sqlite3_errmsg(db));
      sqlite3_finalize(s);
      exec(db, "ROLLBACK");
      return -1;
    }
    sqlite3_reset(s);
  }
  sqlite3_finalize(s);
  return exec(db, "COMMIT");
}

int db_wanted(sqlite3 *db, const char *key) {
  sqlite3_stmt *s = prep(db, "SELECT status, owner_host, owner_pid FROM runs WHERE point_key = ?1");
  if (!s) return -1;
  sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
  int want = 1;
  if (sqlite3_step(s) == SQLITE_ROW) {
    const char *st = (const char *)sqlite3_column_text(s, 0);
    const char *host = (const char *)sqlite3_column_text(s, 1);
    long long pid = sqlite3_column_int64(s, 2);
    if (st && strcmp(st, "done") == 0) want = 0;
    /* 'running' under another live sweep process of this host: leave it. A
     * dead owner (killed sweep) or another host's owner: run it again. */
    if (st && strcmp(st, "running") == 0 && host && strcmp(host, this_host()) == 0 && pid > 0 &&
        pid != getpid() && (kill((pid_t)pid, 0) == 0 || errno == EPERM))
      want = 0;
  }
  sqlite3_finalize(s);
  return want;
}

int db_claim(sqlite3 *db, const char *key, const char *host, int rank) {
  if (exec(db, "BEGIN IMMEDIATE")) return -1;
  int want = db_wanted(db, key);
  if (want <= 0) {
    exec(db, "ROLLBACK");
    return want;
  }
  sqlite3_stmt *s = prep(db,
      "UPDATE runs SET status = 'running', host = ?2, rank = ?3, owner_host = ?4, owner_pid = ?5,"
      " attempts = attempts + 1, error = NULL, version = ?6, started_at = datetime('now'),"
      " finished_at = NULL WHERE point_key = ?1");
  if (!s) {
    exec(db, "ROLLBACK");
    return -1;
  }
  sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text(s, 2, host ? host : this_host(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int(s, 3, rank);
  sqlite3_bind_text(s, 4, this_host(), -1, SQLITE_STATIC);
  sqlite3_bind_int64(s, 5, (long long)getpid());
  sqlite3_bind_text(s, 6, MSL_VERSION, -1, SQLITE_STATIC);
  if (run(db, s)) {
    exec(db, "ROLLBACK");
    return -1;
  }
  return exec(db, "COMMIT") ? -1 : 1;
}

/* A JSON key usable as a column name: letters, digits, underscores. */
static int plain(const char *k) {
  int good = k && *k;
  for (const char *c = k; good && *c; c++) good = isalnum((unsigned char)*c) || *c == '_';
  return good;
}

/* Add a column for every key of the JSON object that the table lacks. */
static int add_columns(sqlite3 *db, const char *json) {
  sqlite3_stmt *s = prep(db,
      "SELECT key FROM json_each(?1) WHERE key NOT IN (SELECT name FROM pragma_table_info('runs'))");
  if (!s) return -1;
  sqlite3_bind_text(s, 1, json, -1, SQLITE_STATIC);
  int rc = 0;
  while (rc == 0 && sqlite3_step(s) == SQLITE_ROW) {
    const char *k = (const char *)sqlite3_column_text(s, 0);
    if (!plain(k)) continue; /* stays in result_json only */
    char sql[256];
    snprintf(sql, sizeof sql, "ALTER TABLE runs ADD COLUMN \"%s\"", k);
    rc = exec(db, sql);
  }
  sqlite3_finalize(s);
  return rc;
}

/* UPDATE runs SET "k" = json_extract(?1, '$."k"') for every plain key. */
static int copy_columns(sqlite3 *db, const char *key, const char *json) {
  sqlite3_stmt *s = prep(db, "SELECT key FROM json_each(?1)");
  if (!s) return -1;
  sqlite3_bind_text(s, 1, json, -1, SQLITE_STATIC);
  size_t cap = 256, len = 0;
  char *sql = malloc(cap);
  if (sql) len = (size_t)snprintf(sql, cap, "UPDATE runs SET status = 'done'");
  while (sql && sqlite3_step(s) == SQLITE_ROW) {
    const char *k = (const char *)sqlite3_column_text(s, 0);
    /* seed keeps its registered two's-complement value (json_extract would
     * round seeds >= 2^63 to a REAL). */
    if (!plain(k) || strcmp(k, "seed") == 0) continue;
    size_t need = len + 2 * strlen(k) + 64;
    if (need > cap) {
      char *n = realloc(sql, cap = 2 * need);
      if (!n) {
        free(sql);
        sql = NULL;
        break;
      }
      sql = n;
    }
    len += (size_t)snprintf(sql + len, cap - len, ", \"%s\" = json_extract(?1, '$.\"%s\"')", k, k);
  }
  sqlite3_finalize(s);
  if (!sql) {
    fprintf(stderr, "msl sweep: out of memory\n");
    return -1;
  }
  char tail[] = " WHERE point_key = ?2";
  char *n = realloc(sql, len + sizeof tail);
  if (!n) {
    free(sql);
    return -1;
  }
  sql = n;
  memcpy(sql + len, tail, sizeof tail);
  s = prep(db, sql);
  free(sql);
  if (!s) return -1;
  sqlite3_bind_text(s, 1, json, -1, SQLITE_STATIC);
  sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
  return run(db, s);
}

int db_done(sqlite3 *db, const char *key, const char *json, double wall) {
  /* A line that is not a JSON object is a failure of the run. */
  sqlite3_stmt *v = prep(db, "SELECT json_valid(?1) AND json_type(?1) = 'object'");
  if (!v) return -1;
  sqlite3_bind_text(v, 1, json, -1, SQLITE_STATIC);
  int valid = sqlite3_step(v) == SQLITE_ROW && sqlite3_column_int(v, 0);
  sqlite3_finalize(v);
  if (!valid) return db_failed(db, key, "the last line of stdout is not a JSON object", wall);
  if (exec(db, "BEGIN IMMEDIATE")) return -1;
  sqlite3_stmt *s = NULL;
  if (add_columns(db, json) || copy_columns(db, key, json) ||
      !(s = prep(db, "UPDATE runs SET result_json = ?2, wall_seconds = ?3,"
                     " finished_at = datetime('now'), error = NULL,"
                     " learning_curve = coalesce(json_extract(?2, '$.curve'),"
                     " json_extract(?2, '$.chunk_accuracy')) WHERE point_key = ?1"))) {
    exec(db, "ROLLBACK");
    return -1;
  }
  sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text(s, 2, json, -1, SQLITE_STATIC);
  sqlite3_bind_double(s, 3, wall);
  if (run(db, s)) {
    exec(db, "ROLLBACK");
    return -1;
  }
  return exec(db, "COMMIT");
}

int db_failed(sqlite3 *db, const char *key, const char *error, double wall) {
  sqlite3_stmt *s = prep(db,
      "UPDATE runs SET status = 'failed', error = ?2, wall_seconds = ?3,"
      " finished_at = datetime('now') WHERE point_key = ?1");
  if (!s) return -1;
  sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text(s, 2, error ? error : "unknown error", -1, SQLITE_STATIC);
  sqlite3_bind_double(s, 3, wall);
  return run(db, s); /* one statement: its own transaction */
}

int db_count(sqlite3 *db, const grid_point *p, int n, const char *status) {
  sqlite3_stmt *s = prep(db, "SELECT status = ?2 FROM runs WHERE point_key = ?1");
  if (!s) return -1;
  int c = 0;
  for (int i = 0; i < n; i++) {
    sqlite3_bind_text(s, 1, p[i].key, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, status, -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW) c += sqlite3_column_int(s, 0);
    sqlite3_reset(s);
  }
  sqlite3_finalize(s);
  return c;
}
