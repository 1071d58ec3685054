/* progress.c: how far the running points of a sweep are, from their
 * checkpoints in DB.ckpt/ (report.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "../engine/ckpt.h"
#include "ckptdir.h"
#include "msl/error.h"
#include "report.h"

/* The integer value of "key=N" in a configuration text (lines), or -1. */
static long config_long(const char *text, const char *key) {
  size_t k = strlen(key);
  for (const char *l = text; *l;) {
    if (!strncmp(l, key, k) && l[k] == '=') {
      char *end;
      long v = strtol(l + k + 1, &end, 10);
      return end > l + k + 1 && v >= 0 ? v : -1;
    }
    const char *nl = strchr(l, '\n');
    if (!nl) break;
    l = nl + 1;
  }
  return -1;
}

/* "done of total samples (pct %), checkpoint of HH:MM:SS" for one file into
 * m, or why there is none. */
static void describe(const char *path, char *m, size_t len) {
  char *config;
  unsigned char *payload;
  size_t n;
  int s = msl_ckpt_file_peek(path, &config, &payload, &n);
  if (s == 0) {
    snprintf(m, len, "no checkpoint yet");
    return;
  }
  if (s < 0) {
    snprintf(m, len, "%s", msl_error());
    return;
  }
  int64_t done = -1;
  long total = -1;
  const char *w = strstr(config, "workload=");
  if (w && !strncmp(w + 9, "stdp", 4)) {
    long e = config_long(config, "--epochs"), tr = config_long(config, "--train"),
         te = config_long(config, "--test");
    long lp = config_long(config, "--label-pass"); /* (absent when off) */
    if (e >= 0 && tr >= 0 && te >= 0) total = e * tr + (lp > 0 ? lp : 0) + te;
    if (msl_ckpt_find(payload, n, "stdp.done_samples", MSL_CK_I64, &done, 1) != 1) done = -1;
  } else if (w && !strncmp(w + 9, "bp", 2)) {
    long e = config_long(config, "--epochs"), tr = config_long(config, "--train");
    if (e >= 0 && tr >= 0) total = e * tr;
    if (msl_ckpt_find(payload, n, "bp.seen", MSL_CK_I64, &done, 1) != 1) done = -1;
  }
  free(config);
  struct stat st;
  char when[32] = "?";
  if (stat(path, &st) == 0) {
    struct tm tm;
    if (localtime_r(&st.st_mtime, &tm)) strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
  }
  if (done < 0 || total <= 0) {
    snprintf(m, len, "checkpoint of %s (no progress record in it)", when);
    return;
  }
  snprintf(m, len, "%lld of %ld samples (%.1f %%), checkpoint of %s", (long long)done, total,
           100.0 * (double)done / (double)total, when);
}

void report_running_progress(sqlite3 *db, const char *db_path, FILE *f) {
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(db, "SELECT point_key, coalesce(started_at, '?') FROM runs "
                             "WHERE status = 'running' ORDER BY rowid",
                         -1, &s, NULL) != SQLITE_OK)
    return;
  while (sqlite3_step(s) == SQLITE_ROW) {
    const char *key = (const char *)sqlite3_column_text(s, 0);
    const char *started = (const char *)sqlite3_column_text(s, 1);
    if (!key) continue;
    char name[400], path[4500], m[600];
    sweep_checkpoint_name(key, name, sizeof name);
    snprintf(path, sizeof path, "%s.ckpt/%s", db_path, name);
    describe(path, m, sizeof m);
    fprintf(f, "  running since %s: %s: %s\n", started ? started : "?", key, m);
  }
  sqlite3_finalize(s);
}
