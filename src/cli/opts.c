/* opts.c: command-line value parsing (see opts.h). */
#include "opts.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int opt_double(const char *opt, const char *val, double *out) {
  char *end;
  errno = 0;
  double x = strtod(val, &end);
  if (end == val || *end != '\0' || errno == ERANGE || !isfinite(x)) {
    fprintf(stderr, "msl: %s: expected a finite number, got '%s'\n", opt, val);
    return -1;
  }
  *out = x;
  return 0;
}

int opt_positive(const char *opt, const char *val, double *out) {
  double x; /* *out keeps its value when val is refused */
  if (opt_double(opt, val, &x)) return -1;
  if (!(x > 0.0)) {
    fprintf(stderr, "msl: %s: must be positive, got '%s'\n", opt, val);
    return -1;
  }
  *out = x;
  return 0;
}

int opt_int(const char *opt, const char *val, long lo, long hi, long *out) {
  char *end;
  errno = 0;
  long x = strtol(val, &end, 10);
  if (end == val || *end != '\0' || errno == ERANGE) {
    fprintf(stderr, "msl: %s: expected an integer, got '%s'\n", opt, val);
    return -1;
  }
  if (x < lo || x > hi) {
    fprintf(stderr, "msl: %s: must be between %ld and %ld, got %ld\n", opt, lo, hi, x);
    return -1;
  }
  *out = x;
  return 0;
}

int opt_seed(const char *opt, const char *val, uint64_t *out) {
  char *end;
  errno = 0;
  /* Digits only: strtoull would accept " -1" or "+1" and wrap negatives. */
  unsigned long long x = val[0] >= '0' && val[0] <= '9' ? strtoull(val, &end, 10) : 0;
  if (!(val[0] >= '0' && val[0] <= '9') || *end != '\0' || errno == ERANGE) {
    fprintf(stderr, "msl: %s: expected an integer 0..18446744073709551615, got '%s'\n", opt, val);
    return -1;
  }
  *out = (uint64_t)x;
  return 0;
}

int opt_list_check(const char *who, const char *opt, const char *list) {
  size_t n = strlen(list);
  if (n && list[0] != ',' && list[n - 1] != ',' && !strstr(list, ",,")) return 0;
  fprintf(stderr, "%s: %s: empty element in the list '%s'\n", who, opt, list);
  return -1;
}

int opt_double_list(const char *opt, const char *val, double **out, int *n) {
  if (opt_list_check("msl", opt, val)) return -1;
  int cap = 1;
  for (const char *p = val; *p; p++) cap += *p == ',';
  double *a = malloc((size_t)cap * sizeof *a);
  char *copy = strdup(val);
  if (!a || !copy) {
    free(a);
    free(copy);
    fprintf(stderr, "msl: %s: out of memory\n", opt);
    return -1;
  }
  int m = 0;
  char *save = NULL;
  for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
    if (opt_double(opt, tok, &a[m])) {
      free(a);
      free(copy);
      return -1;
    }
    m++;
  }
  free(copy);
  if (m == 0) {
    fprintf(stderr, "msl: %s: empty list\n", opt);
    free(a);
    return -1;
  }
  *out = a;
  *n = m;
  return 0;
}

int opt_is(const char *arg, const char *name) {
  size_t k = strlen(name);
  return strncmp(arg, name, k) == 0 && (arg[k] == '\0' || arg[k] == '=');
}

const char *opt_value(int argc, char **argv, int *i) {
  const char *eq = strchr(argv[*i], '=');
  if (eq && strncmp(argv[*i], "--", 2) == 0) return eq + 1;
  if (*i + 1 >= argc) {
    fprintf(stderr, "msl: %s: missing value\n", argv[*i]);
    return NULL;
  }
  (*i)++;
  return argv[*i];
}

int opt_counts(int argc, char **argv, int *i, const opt_count *opts, int n) {
  for (int k = 0; k < n; k++) {
    if (!opt_is(argv[*i], opts[k].name)) continue;
    const char *v = opt_value(argc, argv, i);
    long x;
    if (!v || opt_int(opts[k].name, v, 1, 100000000, &x)) return -1;
    *opts[k].dest = (int)x;
    return 1;
  }
  return 0;
}
