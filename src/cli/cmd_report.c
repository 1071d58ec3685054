/* cmd_report.c: `msl report`: the paper's table and figures from a sweep
 * database, and receptive fields from saved STDP weights (docs/sweeps.md). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"
#include "opts.h"
#include "sweep/report.h"

static void help(void) {
  printf(
      "usage: msl report --db FILE [--vs PARAM] [--out DIR] [--no-plots]\n"
      "       msl report --weights FILE.npy [--out DIR]\n"
      "       msl report --curves FILE.jsonl [--out DIR] [--no-plots]\n\n"
      "From a sweep database: for each workload, device and G1, the best test\n"
      "accuracy over the other swept parameters (the mean over seeds of one\n"
      "configuration; ties: lowest energy), the parameters that achieved it and the\n"
      "energy per training image there. Prints an aligned table and writes\n"
      "DIR/table.csv, DIR/table.md and, through gnuplot, DIR/<workload>_accuracy.png\n"
      "and .svg, DIR/<workload>_energy.png and .svg (log G1 axis, one line per\n"
      "device, the software baseline - device ideal - as a horizontal line).\n"
      "With --vs PARAM (an option name: c2c, d2d, levels, stuck-off, vp, g1, ...):\n"
      "for each workload, one line per combination of the other parameters that\n"
      "vary (named by them: \"chen15 g1=0.0001 vp=1.3\"), the test accuracy (mean\n"
      "over seeds) and the energy per training image against PARAM; rows without\n"
      "PARAM are left out, the best ideal configuration among them is the baseline.\n"
      "Writes DIR/vs_PARAM.csv and .md, DIR/<workload>_accuracy_vs_PARAM.png/.svg and\n"
      "DIR/<workload>_energy_vs_PARAM.png/.svg; the x axis is logarithmic when every\n"
      "value is > 0 and they span more than a factor 20 (levels 8..256), else\n"
      "linear (c2c from 0).\n"
      "From weights saved by `msl stdp --save-weights FILE.npy`: DIR/<name>_fields.png,\n"
      "one 28x28 tile per neuron.\n"
      "From the result lines of `msl stdp|bp --out FILE.jsonl` (up to 20 runs):\n"
      "accuracy and programming energy per image over training, printed and drawn\n"
      "as DIR/<name>_accuracy_curve.png/.svg and DIR/<name>_energy_curve.png/.svg.\n\n"
      "options:\n"
      "  --db FILE          sweep results database\n"
      "  --vs PARAM         accuracy and energy against PARAM instead of the G1 table\n"
      "  --weights FILE     .npy weights (N x 784), C or Fortran order\n"
      "  --curves FILE      JSON result lines of msl stdp / msl bp\n"
      "  --out DIR          output directory, created if missing [report]\n"
      "  --no-plots         tables only (no gnuplot)\n");
}

/* Open a sweep database read-only. A WAL database needs its -shm file: when
 * the folder is read-only and it is missing, open it as immutable instead
 * (then a sweep writing it at the same time is not seen). */
static sqlite3 *open_ro(const char *path) {
  char uri[8400];
  size_t n = 0;
  n += (size_t)snprintf(uri, sizeof uri, "file:");
  for (const char *p = path; *p && n < sizeof uri - 40; p++)
    n += (size_t)(strchr("?#%", *p) ? snprintf(uri + n, sizeof uri - n, "%%%02X", (unsigned char)*p)
                                    : snprintf(uri + n, sizeof uri - n, "%c", *p));
  const int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
  for (int immutable = 0; immutable < 2; immutable++) {
    snprintf(uri + n, sizeof uri - n, immutable ? "?immutable=1" : "?mode=ro");
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(uri, &db, flags, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
    if (rc == SQLITE_OK) {
      if (immutable)
        fprintf(stderr, "msl report: %s: read as immutable (its folder is read-only): a sweep "
                        "writing it now is not seen\n", path);
      return db;
    }
    int cantopen = (rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY;
    if (immutable || !cantopen || access(path, R_OK)) {
      fprintf(stderr, "msl report: %s: %s\n", path, db ? sqlite3_errmsg(db) : "cannot open");
      sqlite3_close(db);
      return NULL;
    }
    sqlite3_close(db);
  }
  return NULL;
}

/* The G1 table (vs NULL) or the table against vs, then their plots. 0, 1
 * (runtime error) or 2 (vs is not a parameter of the database). */
static int db_report(const char *db_path, const char *dir, int plots, const char *vs) {
  struct stat st; /* SQLite would wait forever on a FIFO */
  if (stat(db_path, &st) == 0 && !S_ISREG(st.st_mode)) {
    fprintf(stderr, "msl report: --db: %s is not a regular file (a FIFO, device or directory)\n",
            db_path);
    return 1;
  }
  sqlite3 *db = open_ro(db_path);
  if (!db) return 1;
  sqlite3_busy_timeout(db, 60000);
  best_row *rows = NULL;
  vs_row *vrows = NULL;
  int n = 0;
  int rc = vs ? report_vs(db, vs, &vrows, &n) : report_best(db, NULL, &rows, &n);
  char junk[256];
  int njunk = rc ? 0 : report_junk(db, junk, sizeof junk);
  int running = rc ? 0 : report_count_status(db, "running");
  if (rc) {
    sqlite3_close(db);
    return rc == -2 ? 2 : 1;
  }
  if (njunk)
    fprintf(stderr, "msl report: %s: %d non-numeric value%s in numeric columns of finished runs "
                    "(%s), shown as missing\n", db_path, njunk, njunk > 1 ? "s" : "", junk);
  if (running) {
    fprintf(stderr, "msl report: %s: %d point%s still running (status 'running'), not in the "
                    "table\n", db_path, running, running > 1 ? "s" : "");
    report_running_progress(db, db_path, stderr);
  }
  sqlite3_close(db);
  if (n == 0) {
    if (vs)
      fprintf(stderr, "msl report: %s: no finished run has --%s on (other than 0 or its "
                      "default)\n", db_path, vs);
    else
      fprintf(stderr, "msl report: %s: no finished runs\n", db_path);
    report_rows_free(rows, n);
    return 1;
  }
  char name[300];
  snprintf(name, sizeof name, "%s%s", vs ? "vs_" : "table", vs ? vs : "");
  report_tab t = vs ? report_vs_tab(vrows, vs) : report_best_tab(rows);
  rc = report_tab_write(dir, name, &t, n);
  if (running) printf("(%d point%s still running, not in this table)\n", running, running > 1 ? "s" : "");
  if (plots && !rc) rc = vs ? report_vs_plots(dir, vs, vrows, n) : report_plots(dir, rows, n);
  report_rows_free(rows, vs ? 0 : n);
  report_vs_free(vrows, vs ? n : 0);
  if (fflush(stdout) || ferror(stdout)) {
    fprintf(stderr, "msl report: writing the table to stdout: %s\n", strerror(errno));
    rc = 1;
  }
  return rc ? 1 : 0;
}

int cmd_report(int argc, char **argv) {
  const char *db = NULL, *weights = NULL, *curves = NULL, *vs = NULL, *dir = "report";
  int plots = 1;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      help();
      return 0;
    } else if (opt_is(a, "--db")) {
      if (!(db = opt_value(argc, argv, &i))) return 2;
    } else if (opt_is(a, "--vs")) {
      if (!(vs = opt_value(argc, argv, &i))) return 2;
      vs += strspn(vs, "-") == 2 ? 2 : 0; /* --vs --c2c */
    } else if (opt_is(a, "--weights")) {
      if (!(weights = opt_value(argc, argv, &i))) return 2;
    } else if (opt_is(a, "--curves")) {
      if (!(curves = opt_value(argc, argv, &i))) return 2;
    } else if (opt_is(a, "--out")) {
      if (!(dir = opt_value(argc, argv, &i))) return 2;
    } else if (strcmp(a, "--no-plots") == 0) {
      plots = 0;
    } else {
      fprintf(stderr, "msl report: unknown option '%s' (see msl report --help)\n", a);
      return 2;
    }
  }
  if (vs && !db) {
    fprintf(stderr, "msl report: --vs needs --db FILE\n");
    return 2;
  }
  if (!db && !weights && !curves) {
    fprintf(stderr, "msl report: give --db FILE, --weights FILE.npy and/or --curves FILE.jsonl "
                    "(see msl report --help)\n");
    return 2;
  }
  if (vs && (!vs[0] || strspn(vs, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
                            != strlen(vs) || strlen(vs) > 100)) {
    fprintf(stderr, "msl report: --vs: '%s' is not a parameter name (letters, digits, '-', '_')\n",
            vs);
    return 2;
  }
  if (mkdir(dir, 0777) && errno != EEXIST) {
    fprintf(stderr, "msl report: --out: cannot create %s: %s\n", dir, strerror(errno));
    return 1;
  }
  int rc = db ? db_report(db, dir, plots, vs) : 0;
  if (weights) {
    const char *base = strrchr(weights, '/');
    base = base ? base + 1 : weights;
    char png[4096], err[512];
    snprintf(png, sizeof png, "%s/%.*s_fields.png", dir, (int)strcspn(base, "."), base);
    if (report_fields(weights, png, err, sizeof err)) {
      fprintf(stderr, "msl report: %s\n", err);
      rc = 1;
    } else {
      fprintf(stderr, "msl report: wrote %s\n", png);
    }
  }
  if (curves && report_curves(curves, dir, plots)) rc = 1;
  return rc;
}
