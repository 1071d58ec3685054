/* grid.c: expansion of a sweep's option lists into points (see grid.h). */
#include "grid.h"
#include "cli/devopts.h"
#include "cli/opts.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A device parameter (declared by the crossbar, a model or a rule:
 * cli/devopts.c) that does not apply to a device is not passed to, and does
 * not multiply, that device's points; every other option applies to all. */
int grid_applies(const char *name, const char *device) { return devopts_applies(name, device); }

char *grid_canonical(const char *v) {
  char *end;
  errno = 0;
  double x = strtod(v, &end);
  int numeric = end != v && *end == '\0' && errno == 0 && isfinite(x);
  if (!numeric || !strpbrk(v, ".eE")) return strdup(v);
  char buf[64];
  for (int prec = 15; prec <= 17; prec++) {
    snprintf(buf, sizeof buf, "%.*g", prec, x);
    if (strtod(buf, NULL) == x) break;
  }
  return strdup(buf);
}

static int cmp_opt(const void *a, const void *b) {
  return strcmp(((const grid_opt *)a)->name, ((const grid_opt *)b)->name);
}

static void opt_free(grid_opt *o) {
  for (int k = 0; k < o->nvalues; k++) free(o->values[k]);
  free(o->values);
}

/* Options whose values must be numbers: checked here, so that a typo fails
 * the sweep at once instead of every point later. */
static int numeric_option(const char *name) {
  const msl_param_decl *d = devopts_decl(name);
  if (d) return d->type != MSL_PARAM_TEXT;
  static const char *const names[] = {"lr", "seed", "neurons", "epochs", "train", "test",
                                      "label-window", "label-pass", "hidden", "test-every"};
  for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
    if (strcmp(name, names[k]) == 0) return 1;
  return 0;
}

static int is_number(const char *v) {
  char *end;
  errno = 0;
  double x = strtod(v, &end);
  return end != v && *end == '\0' && errno == 0 && isfinite(x);
}

int grid_add(grid *g, const char *name, const char *list) {
  grid_opt o = {NULL, NULL, 0};
  int cap = 1;
  if (list)
    for (const char *p = list; *p; p++) cap += *p == ',';
  o.values = calloc((size_t)cap, sizeof *o.values);
  char *copy = list ? strdup(list) : NULL;
  if (!o.values || (list && !copy)) goto oom;
  if (!list) {
    o.nvalues = 1; /* a flag: one NULL value */
  } else {
    /* A path may contain commas: --data is never split. */
    int split = strcmp(name, "data") != 0;
    char opt[64];
    snprintf(opt, sizeof opt, "--%s", name);
    if (split && opt_list_check("msl sweep", opt, list)) {
      opt_free(&o);
      free(copy);
      return -1;
    }
    char *save = NULL;
    for (char *t = split ? strtok_r(copy, ",", &save) : copy; t;
         t = split ? strtok_r(NULL, ",", &save) : NULL) {
      if (numeric_option(name) && !is_number(t)) {
        fprintf(stderr, "msl sweep: --%s: '%s' is not a finite number\n", name, t);
        opt_free(&o);
        free(copy);
        return -1;
      }
      char *c = grid_canonical(t);
      if (!c) goto oom;
      int dup = 0;
      for (int k = 0; k < o.nvalues; k++) dup |= strcmp(o.values[k], c) == 0;
      if (dup) free(c);
      else o.values[o.nvalues++] = c;
    }
    if (o.nvalues == 0) {
      fprintf(stderr, "msl sweep: --%s: empty list\n", name);
      opt_free(&o);
      free(copy);
      return -1;
    }
  }
  free(copy);
  for (int k = 0; k < g->nopts; k++)
    if (strcmp(g->opts[k].name, name) == 0) {
      opt_free(&g->opts[k]);
      o.name = g->opts[k].name;
      g->opts[k] = o;
      return 0;
    }
  grid_opt *n = realloc(g->opts, (size_t)(g->nopts + 1) * sizeof *n);
  if (!n || !(o.name = strdup(name))) {
    if (n) g->opts = n;
    goto oom;
  }
  g->opts = n;
  g->opts[g->nopts++] = o;
  qsort(g->opts, (size_t)g->nopts, sizeof *g->opts, cmp_opt);
  return 0;
oom:
  free(copy);
  opt_free(&o);
  fprintf(stderr, "msl sweep: out of memory\n");
  return -1;
}

/* A growing string. */
typedef struct sbuf {
  char *s;
  size_t len, cap;
  int oom;
} sbuf;

static void sb_add(sbuf *b, const char *sep, const char *name, const char *val) {
  size_t need = strlen(sep) + strlen(name) + (val ? strlen(val) + 1 : 0) + 1;
  if (b->oom) return;
  if (b->len + need > b->cap) {
    size_t cap = 2 * (b->len + need) + 64;
    char *s = realloc(b->s, cap);
    if (!s) {
      b->oom = 1;
      return;
    }
    b->s = s;
    b->cap = cap;
  }
  b->len += (size_t)sprintf(b->s + b->len, "%s%s%s%s", b->len ? sep : "", name, val ? "=" : "",
                            val ? val : "");
}

static char *sb_take(sbuf *b) {
  if (b->oom) {
    free(b->s);
    return NULL;
  }
  return b->s ? b->s : strdup("");
}

/* Build one point: the device's applicable options at odometer position idx. */
static int make_point(const grid *g, const char *device, const int *use, const int *idx,
                      grid_point *p) {
  sbuf key = {0}, cfg = {0}, par = {0};
  memset(p, 0, sizeof *p);
  int nargs = 0;
  for (int k = 0; k < g->nopts; k++) nargs += use[k] ? 2 : 0;
  p->argv = calloc((size_t)nargs + 5, sizeof *p->argv);
  if (!p->argv) return -1;
  p->argv[p->argc++] = strdup("msl");
  p->argv[p->argc++] = strdup(g->workload);
  sb_add(&key, " ", "workload", g->workload);
  sb_add(&cfg, " ", "workload", g->workload);
  for (int k = 0; k < g->nopts; k++) {
    if (!use[k]) continue;
    const grid_opt *o = &g->opts[k];
    const char *v = strcmp(o->name, "device") == 0 ? device : o->values[idx[k]];
    char flag[128];
    snprintf(flag, sizeof flag, "--%s", o->name);
    p->argv[p->argc++] = strdup(flag);
    if (v) p->argv[p->argc++] = strdup(v);
    sb_add(&key, " ", o->name, v);
    if (strcmp(o->name, "seed") != 0) sb_add(&cfg, " ", o->name, v);
    int special = !strcmp(o->name, "device") || !strcmp(o->name, "g1") || !strcmp(o->name, "seed");
    if (o->nvalues > 1 && !special) sb_add(&par, " ", o->name, v);
    if (!strcmp(o->name, "g1")) p->g1 = strdup(v);
    if (!strcmp(o->name, "seed")) p->seed = strdup(v);
  }
  p->argv[p->argc++] = strdup("--quiet");
  p->device = strdup(device);
  p->key = sb_take(&key);
  p->config_key = sb_take(&cfg);
  p->params = sb_take(&par);
  int ok = p->key && p->config_key && p->params && p->device;
  for (int k = 0; k < p->argc; k++) ok &= p->argv[k] != NULL;
  return ok ? 0 : -1;
}

static void point_free(grid_point *p) {
  free(p->key);
  free(p->config_key);
  free(p->params);
  free(p->device);
  free(p->g1);
  free(p->seed);
  for (int k = 0; k < p->argc; k++) free(p->argv[k]);
  free(p->argv);
}

void grid_points_free(grid_point *p, int n) {
  for (int k = 0; k < n; k++) point_free(&p[k]);
  free(p);
}

int grid_expand(const grid *g, grid_point **points, int *n) {
  const grid_opt *dev = NULL;
  for (int k = 0; k < g->nopts; k++)
    if (strcmp(g->opts[k].name, "device") == 0) dev = &g->opts[k];
  static char ideal[] = "ideal";
  char *ideal_list[1] = {ideal};
  char **devices = dev ? dev->values : ideal_list;
  int ndev = dev ? dev->nvalues : 1;
  int *use = calloc((size_t)g->nopts + 1, sizeof *use);
  int *idx = calloc((size_t)g->nopts + 1, sizeof *idx);
  grid_point *pts = NULL;
  int np = 0, cap = 0;
  if (!use || !idx) goto oom;
  for (int d = 0; d < ndev; d++) {
    if (!devices[d]) {
      fprintf(stderr, "msl sweep: --device needs a value\n");
      goto fail;
    }
    double count = 1;
    for (int k = 0; k < g->nopts; k++) {
      use[k] = grid_applies(g->opts[k].name, devices[d]);
      idx[k] = 0;
      if (use[k] && strcmp(g->opts[k].name, "device")) count *= g->opts[k].nvalues;
    }
    if (count + np > 1e6) {
      fprintf(stderr, "msl sweep: more than 1,000,000 points: shorten the lists\n");
      goto fail;
    }
    for (;;) {
      if (np == cap) {
        cap = cap ? 2 * cap : 16;
        grid_point *q = realloc(pts, (size_t)cap * sizeof *q);
        if (!q) goto oom;
        pts = q;
      }
      if (make_point(g, devices[d], use, idx, &pts[np])) {
        point_free(&pts[np]);
        goto oom;
      }
      np++; /* values and devices are deduplicated, so every point is new */
      /* Odometer: the last option varies fastest. */
      int k = g->nopts - 1;
      for (; k >= 0; k--) {
        if (!use[k] || strcmp(g->opts[k].name, "device") == 0) continue;
        if (++idx[k] < g->opts[k].nvalues) break;
        idx[k] = 0;
      }
      if (k < 0) break;
    }
  }
  free(use);
  free(idx);
  *points = pts;
  *n = np;
  return 0;
oom:
  fprintf(stderr, "msl sweep: out of memory\n");
fail:
  free(use);
  free(idx);
  grid_points_free(pts, np);
  return -1;
}

void grid_free(grid *g) {
  for (int k = 0; k < g->nopts; k++) {
    opt_free(&g->opts[k]);
    free((char *)g->opts[k].name);
  }
  free(g->opts);
  free(g->workload);
  memset(g, 0, sizeof *g);
}
