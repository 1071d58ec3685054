/* json.c: one-line JSON objects with string escaping and finite numbers;
 * a NaN or infinity is written as null and its key listed, never silently. */
#include "json.h"

#include <math.h>
#include <string.h>

static void key(json *j, const char *k) {
  fprintf(j->f, "%s\"%s\": ", j->n++ ? ", " : "", k);
}

/* Record member k as holding a non-finite number (once). */
void json_flag(json *j, const char *k) {
  size_t len = strlen(j->bad), kl = strlen(k);
  j->nonfinite++;
  if (len + kl + 2 < sizeof j->bad) snprintf(j->bad + len, sizeof j->bad - len, "%s%s", len ? "," : "", k);
}

static int num(FILE *f, double v) {
  if (isfinite(v)) fprintf(f, "%.10g", v);
  else fputs("null", f);
  return !isfinite(v);
}

void json_begin(json *j, FILE *f) {
  memset(j, 0, sizeof *j);
  j->f = f;
  fputc('{', f);
}

void json_end(json *j) {
  if (j->nonfinite) {
    key(j, "nonfinite_fields");
    fputc('[', j->f);
    const char *p = j->bad;
    for (int first = 1; *p; first = 0) {
      size_t n = strcspn(p, ",");
      fprintf(j->f, "%s\"%.*s\"", first ? "" : ", ", (int)n, p);
      p += n + (p[n] == ',');
    }
    fputc(']', j->f);
  }
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
  if (num(j->f, v)) json_flag(j, k);
}

void json_int(json *j, const char *k, long long v) {
  key(j, k);
  fprintf(j->f, "%lld", v);
}

void json_uint(json *j, const char *k, unsigned long long v) {
  key(j, k);
  fprintf(j->f, "%llu", v);
}

void json_bool(json *j, const char *k, int v) {
  key(j, k);
  fputs(v ? "true" : "false", j->f);
}

void json_nums(json *j, const char *k, const double *v, int n) {
  int bad = 0;
  key(j, k);
  fputc('[', j->f);
  for (int i = 0; i < n; i++) {
    if (i) fputs(", ", j->f);
    bad |= num(j->f, v[i]);
  }
  fputc(']', j->f);
  if (bad) json_flag(j, k);
}

void json_raw(json *j, const char *k, const char *v) {
  key(j, k);
  fputs(v, j->f);
}
