/* csv.c: measured pulse curves from CSV files (csv.h). */
#include "csv.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { MIN_POINTS = 5, MAX_COLS = 256 };

/* Cell k of the line [s, e): its trimmed bounds; 0 if the line has fewer cells. */
static int cell(const char *s, const char *e, int k, const char **b, const char **f) {
  for (int i = 0; i < k; i++) {
    const char *c = memchr(s, ',', (size_t)(e - s));
    if (!c) return 0;
    s = c + 1;
  }
  const char *c = memchr(s, ',', (size_t)(e - s));
  const char *end = c ? c : e;
  while (s < end && isspace((unsigned char)*s)) s++;
  while (end > s && isspace((unsigned char)end[-1])) end--;
  if (end - s >= 2 && *s == '"' && end[-1] == '"') s++, end--;
  *b = s;
  *f = end;
  return 1;
}

/* The cell [b, f) as a finite number. */
static int num(const char *b, const char *f, double *x) {
  char buf[64];
  size_t l = (size_t)(f - b);
  if (l == 0 || l >= sizeof buf) return -1;
  memcpy(buf, b, l);
  buf[l] = '\0';
  char *end;
  errno = 0;
  *x = strtod(buf, &end);
  return *end || !isfinite(*x) ? -1 : 0;
}

static int is_name(const char *b, const char *f, const char *name) {
  return (size_t)(f - b) == strlen(name) && strncasecmp(b, name, (size_t)(f - b)) == 0;
}

static int fail(char *err, size_t errlen, const char *name, int line, const char *what) {
  snprintf(err, errlen, "%s: line %d: %s", name, line, what);
  return -1;
}

int csv_curve_parse(const char *name, const char *text, size_t len, int rise, curve_data *out,
                    char *err, size_t errlen) {
  memset(out, 0, sizeof *out);
  const char *p = text, *end = text + len;
  if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) p += 3; /* a UTF-8 byte order mark */
  int line = 0, cp = -1, cg = -1, cap = 0, last = 0;
  char what[160];
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p)), *e = nl ? nl : end;
    const char *next = nl ? nl + 1 : end;
    line++;
    if (e > p && e[-1] == '\r') e--;
    const char *b, *f;
    int blank = 1;
    for (const char *q = p; q < e; q++) blank &= isspace((unsigned char)*q) != 0;
    if (memchr(p, '\0', (size_t)(e - p))) {
      curve_data_free(out);
      return fail(err, errlen, name, line, "a NUL byte: not a text file");
    }
    if (blank) {
      p = next;
      continue;
    }
    if (cp < 0) { /* the header */
      for (int k = 0; k < MAX_COLS && cell(p, e, k, &b, &f); k++) {
        if (is_name(b, f, "pulse") && cp < 0) cp = k;
        if (is_name(b, f, "conductance") && cg < 0) cg = k;
      }
      if (cp < 0 || cg < 0) {
        double x;
        int numeric = cell(p, e, 0, &b, &f) && num(b, f, &x) == 0;
        return fail(err, errlen, name, line,
                    numeric ? "no header: the first line must name the columns pulse,conductance"
                            : "the header has no column named pulse and conductance");
      }
      p = next;
      continue;
    }
    double x, g;
    const int cols[2] = {cp, cg};
    for (int q = 0; q < 2; q++) {
      double *dst = q ? &g : &x;
      if (!cell(p, e, cols[q], &b, &f)) {
        snprintf(what, sizeof what, "missing column %s", q ? "conductance" : "pulse");
        curve_data_free(out);
        return fail(err, errlen, name, line, what);
      }
      if (num(b, f, dst)) {
        int l = (int)(f - b) < 40 ? (int)(f - b) : 40;
        snprintf(what, sizeof what, "%s: '%.*s' is not a number", q ? "conductance" : "pulse",
                 l, b);
        curve_data_free(out);
        return fail(err, errlen, name, line, what);
      }
    }
    if (g < 0.0) {
      snprintf(what, sizeof what, "conductance %g S is negative", g);
      curve_data_free(out);
      return fail(err, errlen, name, line, what);
    }
    if (out->n > 0 && !(x > out->pulse[out->n - 1])) {
      snprintf(what, sizeof what, "pulse %g does not follow %g: pulses must increase", x,
               out->pulse[out->n - 1]);
      curve_data_free(out);
      return fail(err, errlen, name, line, what);
    }
    if (out->n == cap) {
      int nc = cap ? 2 * cap : 64;
      double *np = realloc(out->pulse, (size_t)nc * sizeof *np);
      if (np) out->pulse = np;
      double *ng = np ? realloc(out->g, (size_t)nc * sizeof *ng) : NULL;
      if (!ng) {
        curve_data_free(out);
        return fail(err, errlen, name, line, "out of memory");
      }
      out->g = ng;
      cap = nc;
    }
    out->pulse[out->n] = x;
    out->g[out->n++] = g;
    last = line;
    p = next;
  }
  if (cp < 0) return fail(err, errlen, name, line, "empty: no header and no data");
  if (out->n < MIN_POINTS) {
    snprintf(what, sizeof what, "%d data point%s: a curve needs at least %d", out->n,
             out->n == 1 ? "" : "s", MIN_POINTS);
    curve_data_free(out);
    return fail(err, errlen, name, last ? last : line, what);
  }
  double lo = out->g[0], hi = out->g[0];
  for (int k = 1; k < out->n; k++) {
    lo = out->g[k] < lo ? out->g[k] : lo;
    hi = out->g[k] > hi ? out->g[k] : hi;
  }
  double first = out->g[0], fin = out->g[out->n - 1];
  if (!(hi - lo > 1e-9 * hi)) {
    snprintf(what, sizeof what, "the curve does not move: every conductance is %g S", hi);
    curve_data_free(out);
    return fail(err, errlen, name, last, what);
  }
  if (rise ? !(fin > first) : !(fin < first)) {
    snprintf(what, sizeof what, "a %s curve must %s: it goes from %g S to %g S",
             rise ? "potentiation (--ltp)" : "depression (--ltd)", rise ? "rise" : "fall", first,
             fin);
    curve_data_free(out);
    return fail(err, errlen, name, last, what);
  }
  return 0;
}

int csv_curve_load(const char *path, int rise, curve_data *out, char *err, size_t errlen) {
  memset(out, 0, sizeof *out);
  FILE *f = fopen(path, "rb");
  if (!f) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return -1;
  }
  size_t cap = 1 << 16, n = 0;
  const size_t max = (size_t)64 << 20;
  char *buf = malloc(cap);
  while (buf) {
    n += fread(buf + n, 1, cap - n, f);
    if (n < cap || cap >= max) break;
    char *nb = realloc(buf, cap * 2);
    if (!nb) {
      free(buf);
      buf = NULL;
      break;
    }
    buf = nb;
    cap *= 2;
  }
  int bad = !buf || ferror(f), big = buf && n == cap && !feof(f) && fgetc(f) != EOF;
  fclose(f);
  int rc = -1;
  if (bad) snprintf(err, errlen, "%s: %s", path, buf ? "cannot read the file" : "out of memory");
  else if (big) snprintf(err, errlen, "%s: larger than 64 MiB", path);
  else rc = csv_curve_parse(path, buf, n, rise, out, err, errlen);
  free(buf);
  return rc;
}

void curve_data_free(curve_data *c) {
  free(c->pulse);
  free(c->g);
  memset(c, 0, sizeof *c);
}
