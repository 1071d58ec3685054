/* json.c: one-line JSON objects with string escaping and finite numbers. */
#include "json.h"

#include <math.h>

static void key(json *j, const char *k) {
  fprintf(j->f, "%s\"%s\": ", j->n++ ? ", " : "", k);
}

static void num(FILE *f, double v) {
  if (isfinite(v)) fprintf(f, "%.10g", v);
  else fputs("null", f);
}

void json_begin(json *j, FILE *f) {
  j->f = f;
  j->n = 0;
  fputc('{', f);
}

void json_end(json *j) {
  fputs("}\n", j->f);
  fflush(j->f);
}

void json_str(json *j, const char *k, const char *v) {
  key(j, k);
  fputc('"', j->f);
  for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
    if (*p == '"' || *p == '\\') fprintf(j->f, "\\%c", *p);
    else if (*p < 0x20) fprintf(j->f, "\\u%04x", *p);
    else fputc(*p, j->f);
  }
  fputc('"', j->f);
}

void json_num(json *j, const char *k, double v) {
  key(j, k);
  num(j->f, v);
}

void json_int(json *j, const char *k, long long v) {
  key(j, k);
  fprintf(j->f, "%lld", v);
}

void json_bool(json *j, const char *k, int v) {
  key(j, k);
  fputs(v ? "true" : "false", j->f);
}

void json_nums(json *j, const char *k, const double *v, int n) {
  key(j, k);
  fputc('[', j->f);
  for (int i = 0; i < n; i++) {
    if (i) fputs(", ", j->f);
    num(j->f, v[i]);
  }
  fputc(']', j->f);
}

void json_raw(json *j, const char *k, const char *v) {
  key(j, k);
  fputs(v, j->f);
}
