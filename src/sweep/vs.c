/* vs.c: test accuracy and energy per training image against one parameter
 * (msl report --vs PARAM; see report.h and docs/sweeps.md).
 *
 * A finished row's parameters are the name=value options of its config_key
 * (the point's options without the seed, as msl sweep writes it), those of
 * its params column, its device and its g1. Rows whose parameters other than
 * PARAM are the same form one line (a declared parameter at its off value
 * counts as not given: a sweep's "--c2c 0" point is every curve's origin);
 * its points are PARAM's values, each the
 * mean over the rows (seeds) that have it. A line is named by its device and
 * the parameters that vary among the workload's lines. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/devopts.h"
#include "grid.h"
#include "report.h"

typedef struct pair {
  char *name, *value; /* value NULL: a flag */
} pair;

/* One finished row. */
typedef struct raw {
  char *workload;
  pair *p; /* device first, g1 second, then by name; without workload, seed, PARAM */
  int np;
  int xtype; /* SQLite type of PARAM's column */
  double x, acc;
  int has_e;
  double e;
} raw;

static int name_rank(const char *n) { return !strcmp(n, "device") ? 0 : !strcmp(n, "g1") ? 1 : 2; }

static int cmp_name(const char *a, const char *b) {
  int ra = name_rank(a), rb = name_rank(b);
  return ra != rb ? ra - rb : strcmp(a, b);
}

static int cmp_pair(const void *a, const void *b) {
  return cmp_name(((const pair *)a)->name, ((const pair *)b)->name);
}

static int numeric(const char *v, double *x) {
  char *end;
  errno = 0;
  *x = strtod(v, &end);
  return end != v && *end == '\0' && errno == 0;
}

/* Values: absent (NULL) first, numbers by value, other text by strcmp. */
static int cmp_value(const char *a, const char *b) {
  double x, y;
  if (!a || !b) return (a != NULL) - (b != NULL);
  if (numeric(a, &x) && numeric(b, &y) && x != y) return x < y ? -1 : 1;
  return strcmp(a, b);
}

static const pair *find(const raw *r, const char *name) {
  for (int k = 0; k < r->np; k++)
    if (!strcmp(r->p[k].name, name)) return &r->p[k];
  return NULL;
}

/* Workload, then the parameters, then PARAM's value. */
static int cmp_raw(const void *pa, const void *pb) {
  const raw *a = pa, *b = pb;
  int c = strcmp(a->workload, b->workload);
  for (int k = 0; !c && k < a->np && k < b->np; k++) {
    c = cmp_name(a->p[k].name, b->p[k].name);
    if (!c) c = cmp_value(a->p[k].value, b->p[k].value);
  }
  if (!c) c = a->np - b->np;
  if (!c && a->x != b->x) c = a->x < b->x ? -1 : 1;
  return c;
}

static int same_line(const raw *a, const raw *b) {
  if (strcmp(a->workload, b->workload) || a->np != b->np) return 0;
  for (int k = 0; k < a->np; k++)
    if (strcmp(a->p[k].name, b->p[k].name) || cmp_value(a->p[k].value, b->p[k].value)) return 0;
  return 1;
}

/* Whether rows r[a..b) do not all have the same value of name (or lack it). */
static int varies(const raw *r, int a, int b, const char *name) {
  const pair *first = find(&r[a], name);
  for (int i = a + 1; i < b; i++) {
    const pair *q = find(&r[i], name);
    if (!first != !q || (q && cmp_value(first->value, q->value))) return 1;
  }
  return 0;
}

/* Whether name=value is a declared parameter at its "off" value (0 of a
 * parameter that is off at 0): as if not given, so
 * that a sweep's "--c2c 0" point lies on the line of every other
 * non-ideality. */
static int off_value(const char *name, size_t len, const char *value) {
  char nm[64];
  if (!value || len >= sizeof nm) return 0;
  memcpy(nm, name, len);
  nm[len] = '\0';
  const msl_param_decl *d = devopts_decl(nm);
  double x;
  return d && d->zero_off && numeric(value, &x) && x == 0.0;
}

/* Add name=value unless name is there, is one of drop[0..2] or is at its
 * off value. -1: no memory. */
static int add_pair(raw *r, const char *name, size_t len, const char *value, const char *drop[3]) {
  for (int k = 0; k < 3; k++)
    if (strlen(drop[k]) == len && !strncmp(drop[k], name, len)) return 0;
  if (off_value(name, len, value)) return 0;
  for (int k = 0; k < r->np; k++)
    if (strlen(r->p[k].name) == len && !strncmp(r->p[k].name, name, len)) return 0;
  pair *p = realloc(r->p, (size_t)(r->np + 1) * sizeof *p);
  if (!p) return -1;
  r->p = p;
  p[r->np].name = strndup(name, len);
  p[r->np].value = value ? strdup(value) : NULL;
  if (!p[r->np].name || (value && !p[r->np].value)) {
    free(p[r->np].name);
    free(p[r->np].value);
    return -1;
  }
  r->np++;
  return 0;
}

/* The name=value (or flag) words of s. */
static int add_words(raw *r, const char *s, const char *drop[3]) {
  while (s && *s) {
    size_t n = strcspn(s, " ");
    const char *eq = memchr(s, '=', n);
    char *v = eq ? strndup(eq + 1, (size_t)(s + n - eq - 1)) : NULL;
    int rc = (eq && !v) || add_pair(r, s, eq ? (size_t)(eq - s) : n, v, drop);
    free(v);
    if (rc) return -1;
    s += n;
    s += strspn(s, " ");
  }
  return 0;
}

static void raws_free(raw *r, int n) {
  for (int i = 0; i < n; i++) {
    for (int k = 0; k < r[i].np; k++) {
      free(r[i].p[k].name);
      free(r[i].p[k].value);
    }
    free(r[i].p);
    free(r[i].workload);
  }
  free(r);
}

static const char *text(sqlite3_stmt *s, int k) {
  const char *t = (const char *)sqlite3_column_text(s, k);
  return t ? t : "";
}

/* The finished rows with an accuracy, their parameters without drop[]. */
static int read_rows(sqlite3 *db, const char *col, const char *drop[3], raw **out, int *nout) {
  char *sql = sqlite3_mprintf(
      "SELECT workload, device, " REPORT_NUM("g1") ", config_key, params, \"%w\", "
      REPORT_NUM("test_accuracy") ", " REPORT_NUM("energy_per_image_nj")
      " FROM runs WHERE status = 'done' AND " REPORT_NUM("test_accuracy") " IS NOT NULL",
      col);
  sqlite3_stmt *s = NULL;
  int rc = sql ? sqlite3_prepare_v2(db, sql, -1, &s, NULL) : SQLITE_NOMEM;
  sqlite3_free(sql);
  raw *r = NULL;
  int n = 0, cap = 0, oom = 0;
  while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
    rc = SQLITE_OK;
    if (n == cap) {
      raw *q = realloc(r, (size_t)(cap = cap ? 2 * cap : 64) * sizeof *q);
      if (!q) {
        oom = 1;
        break;
      }
      r = q;
    }
    raw *w = &r[n++];
    memset(w, 0, sizeof *w);
    w->workload = strdup(text(s, 0));
    const char *ck = text(s, 3);
    int has_g1 = sqlite3_column_type(s, 2) != SQLITE_NULL;
    char g1[64];
    snprintf(g1, sizeof g1, "%.17g", sqlite3_column_double(s, 2));
    char *g1c = grid_canonical(g1);
    oom = !w->workload || !g1c || add_pair(w, "device", 6, text(s, 1), drop) ||
          /* a hand-made config_key is an opaque name */
          add_words(w, strncmp(ck, "workload=", 9) ? NULL : ck, drop) ||
          add_words(w, text(s, 4), drop) ||
          (has_g1 && add_pair(w, "g1", 2, g1c, drop));
    free(g1c);
    if (w->np > 1) qsort(w->p, (size_t)w->np, sizeof *w->p, cmp_pair);
    if (oom) break;
    w->xtype = sqlite3_column_type(s, 5);
    w->x = sqlite3_column_double(s, 5);
    w->acc = sqlite3_column_double(s, 6);
    w->has_e = sqlite3_column_type(s, 7) != SQLITE_NULL;
    w->e = sqlite3_column_double(s, 7);
  }
  if (oom) fprintf(stderr, "msl report: out of memory\n");
  else if (rc != SQLITE_DONE && rc != SQLITE_OK)
    fprintf(stderr, "msl report: %s: %s\n", sqlite3_db_filename(db, "main"), sqlite3_errmsg(db));
  sqlite3_finalize(s);
  if (oom || (rc != SQLITE_DONE && rc != SQLITE_OK)) {
    raws_free(r, n);
    return -1;
  }
  *out = r;
  *nout = n;
  return 0;
}

/* Whether runs has a column named c. */
static int has_column(sqlite3 *db, const char *c) {
  sqlite3_stmt *s = NULL;
  int yes = 0;
  if (sqlite3_prepare_v2(db, "SELECT 1 FROM pragma_table_info('runs') WHERE name = ?1", -1, &s,
                         NULL) == SQLITE_OK) {
    sqlite3_bind_text(s, 1, c, -1, SQLITE_STATIC);
    yes = sqlite3_step(s) == SQLITE_ROW;
  }
  sqlite3_finalize(s);
  return yes;
}

/* The column of option name o: with '-' as '_' (as msl writes its JSON), or as given. */
static int column_of(sqlite3 *db, const char *o, char *col, size_t cap) {
  snprintf(col, cap, "%s", o);
  for (char *c = col; *c; c++) *c = *c == '-' ? '_' : *c;
  if (has_column(db, col)) return 0;
  snprintf(col, cap, "%s", o);
  return has_column(db, col) ? 0 : -1;
}

/* Whether some finished row has a number in column c. */
static int has_number(sqlite3 *db, const char *c) {
  char *sql = sqlite3_mprintf("SELECT 1 FROM runs WHERE status = 'done' AND typeof(\"%w\") IN "
                              "('integer', 'real') LIMIT 1", c);
  sqlite3_stmt *s = NULL;
  int yes = sql && sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK &&
            sqlite3_step(s) == SQLITE_ROW;
  sqlite3_free(sql);
  sqlite3_finalize(s);
  return yes;
}

/* The names that vary among rows r[a..b) but device, in pair order. */
static int varying_names(const raw *r, int a, int b, char ***out) {
  char **names = NULL;
  int nn = 0;
  for (int i = a; i < b; i++)
    for (int k = 0; k < r[i].np; k++) {
      const char *name = r[i].p[k].name;
      int dup = !strcmp(name, "device");
      for (int j = 0; j < nn && !dup; j++) dup = !strcmp(names[j], name);
      if (dup || !varies(r, a, b, name)) continue;
      char **q = realloc(names, (size_t)(nn + 1) * sizeof *q);
      if (!q) {
        free(names);
        return -1;
      }
      names = q;
      names[nn++] = r[i].p[k].name; /* borrowed */
    }
  for (int i = 1; i < nn; i++) /* insertion sort: few names */
    for (int j = i; j > 0 && cmp_name(names[j - 1], names[j]) > 0; j--) {
      char *t = names[j];
      names[j] = names[j - 1];
      names[j - 1] = t;
    }
  *out = names;
  return nn;
}

/* "--vs P: why (the parameters that vary among the finished rows: a, b)". */
static int usage(sqlite3 *db, const char *param, const char *why, const raw *r, int n) {
  char list[2048] = "", col[256];
  size_t len = 0;
  char **names;
  int nn = varying_names(r, 0, n, &names);
  for (int k = 0; k < nn && len < sizeof list; k++)
    if (!column_of(db, names[k], col, sizeof col) && has_number(db, col))
      len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", len ? ", " : "", names[k]);
  if (nn > 0) free(names);
  fprintf(stderr, "msl report: --vs %s: %s in %s (%s%s)\n", param, why,
          sqlite3_db_filename(db, "main"),
          len ? "the parameters that vary among its finished rows: " : "no numeric parameter "
                "varies among its finished rows", list);
  return -2;
}

/* The label of row r: its device and the parameters of names[] it has. */
static char *label(const raw *r, char **names, int nn) {
  char buf[REPORT_CELL];
  const pair *d = find(r, "device");
  size_t len = (size_t)snprintf(buf, sizeof buf, "%s", d && d->value ? d->value : "?");
  for (int k = 0; k < nn && len < sizeof buf; k++) {
    const pair *q = find(r, names[k]);
    if (q)
      len += (size_t)snprintf(buf + len, sizeof buf - len, " %s%s%s", q->name, q->value ? "=" : "",
                              q->value ? q->value : "");
  }
  return strdup(buf);
}

/* Append the rows of one workload's lines r[a..b) (sorted) to *v. */
static int add_lines(const raw *r, int a, int b, vs_row **v, int *n, int *cap) {
  char **names;
  int nn = varying_names(r, a, b, &names);
  if (nn < 0) return -1;
  int rc = 0;
  for (int i = a, j; i < b && !rc; i = j) {
    double acc = 0, e = 0;
    int ne = 0;
    for (j = i; j < b && same_line(&r[i], &r[j]) && r[j].x == r[i].x; j++) {
      acc += r[j].acc;
      if (r[j].has_e) {
        e += r[j].e;
        ne++;
      }
    }
    if (*n == *cap) {
      vs_row *q = realloc(*v, (size_t)(*cap = *cap ? 2 * *cap : 32) * sizeof *q);
      if (!q) {
        rc = -1;
        break;
      }
      *v = q;
    }
    vs_row *o = &(*v)[*n];
    *o = (vs_row){strdup(r[i].workload), label(&r[i], names, nn), 1, r[i].x, acc / (j - i),
                  ne > 0, ne ? e / ne : 0, j - i};
    (*n)++;
    if (!o->workload || !o->line) rc = -1;
  }
  free(names);
  return rc;
}

/* Append the workload's best ideal configuration without PARAM, if any. */
static int add_baseline(const char *w, const best_row *b, int nb, vs_row **v, int *n, int *cap) {
  for (int i = 0; i < nb; i++) {
    if (strcmp(b[i].workload, w) || strcmp(b[i].device, "ideal")) continue;
    if (*n == *cap) {
      vs_row *q = realloc(*v, (size_t)(*cap = *cap ? 2 * *cap : 32) * sizeof *q);
      if (!q) return -1;
      *v = q;
    }
    char line[REPORT_CELL];
    snprintf(line, sizeof line, "ideal baseline%s%s", b[i].params[0] ? " " : "", b[i].params);
    vs_row *o = &(*v)[(*n)++];
    *o = (vs_row){strdup(w), strdup(line), 0, 0, b[i].acc, b[i].has_energy, b[i].energy,
                  b[i].seeds};
    return o->workload && o->line ? 0 : -1;
  }
  return 0;
}

int report_vs(sqlite3 *db, const char *param, vs_row **rows, int *n) {
  *rows = NULL;
  *n = 0;
  char opt[256], col[256];
  snprintf(opt, sizeof opt, "%s", param);
  for (char *c = opt; *c; c++) *c = *c == '_' ? '-' : *c; /* the config_key's form */
  const char *drop[3] = {"workload", "seed", opt};
  int known = column_of(db, param, col, sizeof col) == 0;
  raw *r;
  int nr;
  /* unknown: the rows are still read, for the list of parameters */
  if (read_rows(db, known ? col : "point_key", drop, &r, &nr)) return -1;
  if (nr == 0) {
    fprintf(stderr, "msl report: %s: no finished runs\n", sqlite3_db_filename(db, "main"));
    raws_free(r, nr);
    return -1;
  }
  int nx = 0, ntext = 0, rc = 0;
  for (int i = 0; i < nr; i++) {
    nx += r[i].xtype == SQLITE_INTEGER || r[i].xtype == SQLITE_FLOAT;
    ntext += r[i].xtype == SQLITE_TEXT || r[i].xtype == SQLITE_BLOB;
  }
  if (!known || nx == 0) {
    rc = usage(db, param, !known ? "not a column of table runs"
                          : ntext ? "not a number in any finished row"
                                  : "no finished row has it", r, nr);
    raws_free(r, nr);
    return rc;
  }
  if (ntext)
    fprintf(stderr, "msl report: %s: %d finished row%s with a non-numeric %s, left out\n",
            sqlite3_db_filename(db, "main"), ntext, ntext > 1 ? "s" : "", col);
  /* A parameter that is off at 0 and otherwise at least 1 (levels,
   * endurance) means "unlimited" at 0: no point of its lines. */
  const msl_param_decl *pd = devopts_decl(opt);
  const int zero_unlimited = pd && pd->zero_off && pd->lo >= 1.0;
  /* The lines' rows first, sorted; the rest after them. */
  int nl = 0;
  for (int i = 0; i < nr; i++)
    if ((r[i].xtype == SQLITE_INTEGER || r[i].xtype == SQLITE_FLOAT) &&
        !(zero_unlimited && r[i].x == 0.0)) {
      raw t = r[nl];
      r[nl++] = r[i];
      r[i] = t;
    }
  qsort(r, (size_t)nl, sizeof *r, cmp_raw);
  /* For a parameter that is off at 0, a line whose only value is 0 is some
   * other sweep's points (PARAM off there): left out, after the lines. */
  if (pd && pd->zero_off) {
    int keep = 0;
    for (int i = 0, j; i < nl; i = j) {
      int any = 0;
      for (j = i; j < nl && same_line(&r[i], &r[j]); j++) any |= r[j].x != 0.0;
      for (int k = i; any && k < j; k++) {
        raw t = r[keep];
        r[keep++] = r[k];
        r[k] = t;
      }
    }
    nl = keep;
  }
  best_row *b = NULL;
  int nb = 0, cap = 0;
  char *where = sqlite3_mprintf("device = 'ideal' AND \"%w\" IS NULL", col);
  rc = where ? report_best(db, where, &b, &nb) : -1;
  sqlite3_free(where);
  for (int a = 0, e; a < nl && !rc; a = e) {
    for (e = a + 1; e < nl && !strcmp(r[e].workload, r[a].workload); e++) {
    }
    rc = add_lines(r, a, e, rows, n, &cap) || add_baseline(r[a].workload, b, nb, rows, n, &cap);
    if (rc) fprintf(stderr, "msl report: out of memory\n");
  }
  report_rows_free(b, nb);
  raws_free(r, nr);
  if (!rc) return 0;
  report_vs_free(*rows, *n);
  *rows = NULL;
  *n = 0;
  return -1;
}

void report_vs_free(vs_row *rows, int n) {
  for (int i = 0; i < n; i++) {
    free(rows[i].workload);
    free(rows[i].line);
  }
  free(rows);
}

/* ---- table and plots ---- */

static void cells(const void *rows, int i, char c[][REPORT_CELL]) {
  const vs_row *r = (const vs_row *)rows + i;
  snprintf(c[0], REPORT_CELL, "%s", r->workload);
  snprintf(c[1], REPORT_CELL, "%s", r->line);
  if (r->has_x) snprintf(c[2], REPORT_CELL, "%.6g", r->x);
  else snprintf(c[2], REPORT_CELL, "-");
  snprintf(c[3], REPORT_CELL, "%.4f", r->acc);
  if (r->has_energy) snprintf(c[4], REPORT_CELL, "%.4g", r->energy);
  else snprintf(c[4], REPORT_CELL, "-");
  snprintf(c[5], REPORT_CELL, "%d", r->seeds);
}

report_tab report_vs_tab(const vs_row *rows, const char *param) {
  return (report_tab){6, {"workload", "line", param, "test_accuracy", "energy_per_image_nj", "seeds"},
                      0x3c, /* columns 2..5 */
                      rows, cells};
}

int report_vs_plots(const char *dir, const char *param, const vs_row *rows, int n) {
  plot_point *p = calloc((size_t)n + 1, sizeof *p);
  if (!p) {
    fprintf(stderr, "msl report: out of memory\n");
    return -1;
  }
  for (int i = 0; i < n; i++)
    p[i] = (plot_point){rows[i].workload, rows[i].line, !rows[i].has_x, rows[i].x, rows[i].acc,
                        rows[i].has_energy, rows[i].energy};
  char dat[300], gp[300], out[300], about[300], xlabel[300], acc[300], en[300];
  snprintf(dat, sizeof dat, "_vs_%s.dat", param);
  snprintf(gp, sizeof gp, "_vs_%s.gp", param);
  snprintf(out, sizeof out, "_vs_%s", param);
  snprintf(about, sizeof about, "test accuracy and energy per image against %s", param);
  snprintf(xlabel, sizeof xlabel, "'%s' noenhanced", param);
  snprintf(acc, sizeof acc, "test accuracy against %s (mean over seeds)", param);
  snprintf(en, sizeof en, "programming energy per training image against %s", param);
  plot_spec s = {dat, gp, out, about, xlabel, "%g", -1, acc, en};
  int rc = report_plot_lines(dir, &s, p, n);
  free(p);
  return rc;
}
