/* best.c: the best configuration per workload, device and G1 (see report.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

static const char *best_sql =
    "WITH cfg AS ("
    " SELECT workload, device, g1, coalesce(config_key, point_key) AS ck,"
    "  max(coalesce(params, '')) AS params, avg(acc) AS acc,"
    "  avg(energy) AS energy, count(*) AS seeds"
    /* non-numeric text in a numeric column is missing, not 0 */
    " FROM (SELECT workload, device, config_key, point_key, params, status, " REPORT_NUM("g1")
    " AS g1, " REPORT_NUM("test_accuracy") " AS acc, "
    REPORT_NUM("energy_per_image_nj") " AS energy FROM runs WHERE %s)"
    " WHERE status = 'done' AND acc IS NOT NULL"
    " GROUP BY workload, device, g1, ck),"
    " ranked AS (SELECT *, row_number() OVER (PARTITION BY workload, device, g1"
    "  ORDER BY round(acc, 9) DESC, coalesce(energy, 1e308) ASC, ck) AS rk,"
    "  count(*) OVER (PARTITION BY workload, device, g1) AS configs FROM cfg)"
    " SELECT workload, device, g1, acc, energy, params, seeds, configs FROM ranked"
    " WHERE rk = 1 ORDER BY workload, device, g1";

static char *dup_col(sqlite3_stmt *s, int k) {
  const char *t = (const char *)sqlite3_column_text(s, k);
  return strdup(t ? t : "");
}

int report_best(sqlite3 *db, const char *where, best_row **rows, int *n) {
  sqlite3_stmt *s = NULL;
  *rows = NULL;
  *n = 0;
  char *sql = sqlite3_mprintf(best_sql, where ? where : "1");
  int prc = sql ? sqlite3_prepare_v2(db, sql, -1, &s, NULL) : SQLITE_NOMEM;
  sqlite3_free(sql);
  if (prc != SQLITE_OK) {
    fprintf(stderr, "msl report: %s: %s\n", sqlite3_db_filename(db, "main"), sqlite3_errmsg(db));
    return -1;
  }
  int cap = 0, rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    if (*n == cap) {
      cap = cap ? 2 * cap : 32;
      best_row *r = realloc(*rows, (size_t)cap * sizeof *r);
      if (!r) break;
      *rows = r;
    }
    best_row *r = &(*rows)[(*n)++];
    r->workload = dup_col(s, 0);
    r->device = dup_col(s, 1);
    r->has_g1 = sqlite3_column_type(s, 2) != SQLITE_NULL;
    r->g1 = sqlite3_column_double(s, 2);
    r->acc = sqlite3_column_double(s, 3);
    r->has_energy = sqlite3_column_type(s, 4) != SQLITE_NULL;
    r->energy = sqlite3_column_double(s, 4);
    r->params = dup_col(s, 5);
    r->seeds = sqlite3_column_int(s, 6);
    r->configs = sqlite3_column_int(s, 7);
  }
  if (rc != SQLITE_DONE)
    fprintf(stderr, "msl report: %s: %s\n", sqlite3_db_filename(db, "main"), sqlite3_errmsg(db));
  sqlite3_finalize(s);
  return rc == SQLITE_DONE ? 0 : -1;
}

int report_junk(sqlite3 *db, char *what, size_t cap) {
  static const char *cols[] = {"g1", "test_accuracy", "energy_per_image_nj"};
  int total = 0;
  size_t len = 0;
  what[0] = '\0';
  for (size_t k = 0; k < sizeof cols / sizeof *cols; k++) {
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM runs WHERE status = 'done' AND typeof(%s)"
                              " IN ('text', 'blob')", cols[k]);
    sqlite3_stmt *s = NULL;
    int n = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
      n = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    if (n && len < cap)
      len += (size_t)snprintf(what + len, cap - len, "%s%s %d", len ? ", " : "", cols[k], n);
    total += n;
  }
  return total;
}

int report_count_status(sqlite3 *db, const char *status) {
  sqlite3_stmt *s = NULL;
  int n = 0;
  if (sqlite3_prepare_v2(db, "SELECT count(*) FROM runs WHERE status = ?1", -1, &s, NULL) == SQLITE_OK) {
    sqlite3_bind_text(s, 1, status, -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW) n = sqlite3_column_int(s, 0);
  }
  sqlite3_finalize(s);
  return n;
}

void report_rows_free(best_row *rows, int n) {
  for (int i = 0; i < n; i++) {
    free(rows[i].workload);
    free(rows[i].device);
    free(rows[i].params);
  }
  free(rows);
}

/* ---- the table ---- */

static void cells(const void *rows, int i, char c[][REPORT_CELL]) {
  const best_row *r = (const best_row *)rows + i;
  snprintf(c[0], REPORT_CELL, "%s", r->workload);
  snprintf(c[1], REPORT_CELL, "%s", r->device);
  if (r->has_g1) snprintf(c[2], REPORT_CELL, "%.4g", r->g1);
  else snprintf(c[2], REPORT_CELL, "-");
  snprintf(c[3], REPORT_CELL, "%.4f", r->acc);
  if (r->has_energy) snprintf(c[4], REPORT_CELL, "%.4g", r->energy);
  else snprintf(c[4], REPORT_CELL, "-");
  snprintf(c[5], REPORT_CELL, "%d", r->seeds);
  snprintf(c[6], REPORT_CELL, "%d", r->configs);
  snprintf(c[7], REPORT_CELL, "%s", r->params[0] ? r->params : "-");
}

report_tab report_best_tab(const best_row *rows) {
  return (report_tab){8,
                      {"workload", "device", "g1", "test_accuracy", "energy_per_image_nj", "seeds",
                       "configs", "params"},
                      0x7c, /* columns 2..6 */
                      rows,
                      cells};
}
