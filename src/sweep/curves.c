/* curves.c: accuracy and energy per image over training, from the JSON
 * result lines of `msl stdp` / `msl bp` (--out FILE), several runs overlaid,
 * through gnuplot. The JSON is read with SQLite's JSON functions.
 *
 * Points are placed at the number of samples seen at the end of each period:
 * bp: `curve` and `energy_curve_nj` carry it; stdp: chunk q of the label
 * windows ends at epoch * train + min((c + 1) * window, train), the test
 * chunk at epochs * train + test; `chunk_accuracy` covers the last chunks
 * (the first chunk has no assignment to score with). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

enum { MAX_RUNS = 20, MAX_POINTS = 4096 };
/* A result line is well under 1 MiB (MAX_POINTS points of a few numbers);
 * these bounds keep a wrong input (/dev/zero, a binary file) from growing
 * the line buffer without end. */
#define MAX_LINE ((size_t)4 << 20)
#define MAX_INPUT ((size_t)64 << 20)

typedef struct {
  char label[200]; /* fits every field read_run puts in */
  int n;                      /* points */
  double x[MAX_POINTS], acc[MAX_POINTS], nj[MAX_POINTS];
  int has_energy;
} run_curve;

/* json_extract(line, path) as text ("" when absent or null). */
static void jtext(sqlite3 *db, const char *line, const char *path, char *out, size_t cap) {
  sqlite3_stmt *s = NULL;
  out[0] = '\0';
  if (sqlite3_prepare_v2(db, "SELECT json_extract(?1, ?2)", -1, &s, NULL) != SQLITE_OK) return;
  sqlite3_bind_text(s, 1, line, -1, SQLITE_STATIC);
  sqlite3_bind_text(s, 2, path, -1, SQLITE_STATIC);
  if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL)
    snprintf(out, cap, "%s", (const char *)sqlite3_column_text(s, 0));
  sqlite3_finalize(s);
}

static double jnum(sqlite3 *db, const char *line, const char *path) {
  char t[64];
  jtext(db, line, path, t, sizeof t);
  return t[0] ? strtod(t, NULL) : 0.0;
}

/* The values of array `path` (for pairs, element `sub` of each: "$[0]"). */
static int jarray(sqlite3 *db, const char *line, const char *path, const char *sub, double *v,
                  int cap) {
  sqlite3_stmt *s = NULL;
  const char *sql = sub ? "SELECT json_extract(value, ?3) FROM json_each(?1, ?2) ORDER BY key"
                        : "SELECT value FROM json_each(?1, ?2) ORDER BY key";
  if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) return 0;
  sqlite3_bind_text(s, 1, line, -1, SQLITE_STATIC);
  sqlite3_bind_text(s, 2, path, -1, SQLITE_STATIC);
  if (sub) sqlite3_bind_text(s, 3, sub, -1, SQLITE_STATIC);
  int n = 0;
  while (n < cap && sqlite3_step(s) == SQLITE_ROW) v[n++] = sqlite3_column_double(s, 0);
  sqlite3_finalize(s);
  return n;
}

/* One run from its JSON line; 0, or -1 with the problem in err. */
static int read_run(sqlite3 *db, const char *line, run_curve *r, char *err, size_t errlen) {
  char workload[16], device[32], knob[48] = "", path[16], t[32];
  jtext(db, line, "$.workload", workload, sizeof workload);
  jtext(db, line, "$.device", device, sizeof device);
  /* the device's amplitude or learning-rate option names the run */
  const char *k = !strcmp(device, "chen15") ? "vp" : !strcmp(device, "lut") ? "v1p" : "lr";
  snprintf(path, sizeof path, "$.%s", k);
  jtext(db, line, path, t, sizeof t);
  if (t[0]) snprintf(knob, sizeof knob, " %s=%s", k, t);
  char g1[32], seed[32];
  jtext(db, line, "$.g1", g1, sizeof g1);
  jtext(db, line, "$.seed", seed, sizeof seed);
  snprintf(r->label, sizeof r->label, "%s %s%s%s%s seed %s", workload, device, g1[0] ? " G1=" : "",
           g1, knob, seed);
  for (char *p = r->label; *p; p++)
    if (*p == '\'' || *p == '"') *p = ' '; /* the label goes into a gnuplot string */
  r->has_energy = strcmp(device, "ideal") != 0;
  for (int q = 0; q < MAX_POINTS; q++) r->acc[q] = r->nj[q] = NAN;
  double tmp[MAX_POINTS];
  if (!strcmp(workload, "bp")) {
    r->n = jarray(db, line, "$.curve", "$[0]", r->x, MAX_POINTS);
    jarray(db, line, "$.curve", "$[1]", r->acc, r->n);
    int m = jarray(db, line, "$.energy_curve_nj", "$[0]", tmp, MAX_POINTS);
    if (m != r->n || (m && memcmp(tmp, r->x, (size_t)m * sizeof *tmp))) {
      snprintf(err, errlen, "bp result: curve and energy_curve_nj do not have the same samples");
      return -1;
    }
    jarray(db, line, "$.energy_curve_nj", "$[1]", r->nj, r->n);
  } else if (!strcmp(workload, "stdp")) {
    int epochs = (int)jnum(db, line, "$.epochs"), lw = (int)jnum(db, line, "$.label_window");
    double train = jnum(db, line, "$.train_samples"), test = jnum(db, line, "$.test_samples");
    if (epochs < 1 || lw < 1 || train < 1) {
      snprintf(err, errlen, "stdp result without epochs, label_window or train_samples");
      return -1;
    }
    int per_epoch = (int)((train + lw - 1) / lw), n = 0;
    for (int e = 0; e < epochs; e++)
      for (int c = 0; c < per_epoch && n < MAX_POINTS - 1; c++) {
        double end = (double)(c + 1) * lw;
        r->x[n++] = e * train + (end < train ? end : train);
      }
    double lp = jnum(db, line, "$.label_pass"); /* (0 if absent: older results) */
    lp = lp > 0 ? lp : 0;
    if (lp > 0) r->x[n++] = epochs * train + lp;
    r->x[n++] = epochs * train + lp + test;
    int ne = jarray(db, line, "$.chunk_energy_nj", NULL, r->nj, MAX_POINTS);
    int na = jarray(db, line, "$.chunk_accuracy", NULL, tmp, MAX_POINTS);
    if (ne != n || na > n) {
      snprintf(err, errlen, "stdp result: %d chunks expected, chunk_energy_nj has %d and "
               "chunk_accuracy %d", n, ne, na);
      return -1;
    }
    for (int q = 0; q < na; q++) r->acc[n - na + q] = tmp[q];
    r->n = n;
  } else {
    snprintf(err, errlen, "not an msl stdp or bp result (workload '%s')", workload);
    return -1;
  }
  if (r->n == 0) {
    snprintf(err, errlen, "%s result without curves", workload);
    return -1;
  }
  return 0;
}

/* The next line of f into *line (without a size limit on the caller's side):
 * its length, -1 at the end of the input, -2 if it is longer than MAX_LINE. */
static long read_line(FILE *f, char **line, size_t *cap) {
  size_t n = 0;
  int c;
  while ((c = getc(f)) != EOF) {
    if (n == MAX_LINE) return -2;
    if (n + 2 > *cap) {
      size_t nc = *cap ? 2 * *cap : 4096;
      char *b = realloc(*line, nc);
      if (!b) return -2;
      *line = b;
      *cap = nc;
    }
    (*line)[n++] = (char)c;
    if (c == '\n') break;
  }
  if (n == 0) return -1;
  (*line)[n] = '\0';
  return (long)n;
}

static int write_plots(const char *dir, const char *base, const run_curve *runs, int nr) {
  char dat[4096], gp[4096];
  FILE *d, *g;
  if (plot_files_open(dir, base, "_curves.dat", "_curves.gp", dat, gp, &d, &g)) return -1;
  int positive = 1, energies = 0;
  for (int r = 0; r < nr; r++) {
    fprintf(d, "%s# %s\n# samples_seen test_accuracy energy_per_image_nj\n", r ? "\n\n" : "",
            runs[r].label);
    for (int k = 0; k < runs[r].n; k++) {
      fprintf(d, "%.10g %.10g %.10g\n", runs[r].x[k], runs[r].acc[k], runs[r].nj[k]);
      if (runs[r].has_energy && runs[r].nj[k] == runs[r].nj[k]) positive &= runs[r].nj[k] > 0;
    }
    energies += runs[r].has_energy;
  }
  fclose(d);
  fprintf(g, "# accuracy and energy per image over training (msl report --curves)\n"
             "set grid\nset key outside bottom center horizontal\nset xlabel 'training samples seen'\n"
             "set format x '%%.0s%%c'\nset datafile missing NaN\n");
  const char *what[2] = {"accuracy", "energy"};
  for (int p = 0; p < 2; p++) {
    if (p == 1 && !energies) break;
    char plot[16384] = "plot";
    size_t len = 4;
    int first = 1;
    for (int r = 0; r < nr && len < sizeof plot; r++) {
      if (p == 1 && !runs[r].has_energy) continue;
      len += (size_t)snprintf(plot + len, sizeof plot - len,
                              "%s '%s' index %d using 1:%d with linespoints lw 2 pt 7 ps 0.6 title '%s'",
                              first ? "" : ",", dat, r, p ? 3 : 2, runs[r].label);
      first = 0;
    }
    if (p == 0)
      fprintf(g, "set title 'test accuracy during training'\nset ylabel 'accuracy'\nset yrange [0:1]\n");
    else
      fprintf(g, "set title 'programming energy per training image, per period'\n"
                 "set ylabel 'energy per image (nJ)'\nset autoscale y\n%s",
              positive ? "set logscale y\n" : "");
    for (int t = 0; t < 2; t++)
      fprintf(g, "set terminal %s size 900,640 font ',11'\nset output '%s/%s_%s_curve.%s'\n%s\n",
              t ? "svg" : "pngcairo", dir, base, what[p], t ? "svg" : "png", plot);
    fprintf(g, "unset output\n");
  }
  fclose(g);
  return run_gnuplot(gp);
}

int report_curves(const char *jsonl, const char *dir, int plots) {
  if (strchr(dir, '\'') || strchr(jsonl, '\'')) {
    fprintf(stderr, "msl report: a quote in a path is not supported\n");
    return -1;
  }
  FILE *f = fopen(jsonl, "r");
  if (!f) {
    fprintf(stderr, "msl report: %s: cannot open: %s\n", jsonl, strerror(errno));
    return -1;
  }
  sqlite3 *db = NULL;
  run_curve *runs = calloc(MAX_RUNS, sizeof *runs);
  if (sqlite3_open(":memory:", &db) != SQLITE_OK || !runs) {
    fprintf(stderr, "msl report: out of memory\n");
    sqlite3_close(db);
    free(runs);
    fclose(f);
    return -1;
  }
  char *line = NULL, err[256];
  size_t cap = 0, total = 0;
  int nr = 0, lineno = 0, rc = 0;
  long len;
  while (rc == 0 && (len = read_line(f, &line, &cap)) != -1) {
    lineno++;
    if (len == -2 || (total += (size_t)len) > MAX_INPUT) {
      fprintf(stderr, "msl report: %s:%d: %s (not msl result lines)\n", jsonl, lineno,
              len == -2 ? "line longer than 4 MiB" : "input longer than 64 MiB");
      rc = -1;
      break;
    }
    if (strlen(line) != (size_t)len) {
      fprintf(stderr, "msl report: %s:%d: a NUL byte (not msl result lines)\n", jsonl, lineno);
      rc = -1;
      break;
    }
    if (strspn(line, " \t\r\n") == strlen(line)) continue;
    char valid[4];
    jtext(db, line, "$", valid, sizeof valid); /* "" for invalid JSON */
    if (!valid[0] || valid[0] != '{') {
      fprintf(stderr, "msl report: %s:%d: not a JSON object (one result per line)\n", jsonl, lineno);
      rc = -1;
    } else if (nr == MAX_RUNS) {
      fprintf(stderr, "msl report: %s: more than %d runs to overlay; split the file\n", jsonl,
              MAX_RUNS);
      rc = -1;
    } else if (read_run(db, line, &runs[nr], err, sizeof err)) {
      fprintf(stderr, "msl report: %s:%d: %s\n", jsonl, lineno, err);
      rc = -1;
    } else {
      nr++;
    }
  }
  free(line);
  fclose(f);
  sqlite3_close(db);
  if (rc == 0 && nr == 0) {
    fprintf(stderr, "msl report: %s: no results\n", jsonl);
    rc = -1;
  }
  if (rc == 0) {
    const char *base = strrchr(jsonl, '/');
    base = base ? base + 1 : jsonl;
    char name[256];
    snprintf(name, sizeof name, "%.*s", (int)strcspn(base, "."), base);
    for (int r = 0; r < nr; r++) {
      printf("%s\n", runs[r].label);
      for (int k = 0; k < runs[r].n; k++)
        printf("  %10.0f  accuracy %-8.4g  energy %.4g nJ/image\n", runs[r].x[k], runs[r].acc[k],
               runs[r].nj[k]);
    }
    if (plots && (rc = write_plots(dir, name, runs, nr)) == 0)
      fprintf(stderr, "msl report: wrote %s/%s_accuracy_curve.png, %s_energy_curve.png (and .svg)\n",
              dir, name, name);
  }
  free(runs);
  return rc;
}
