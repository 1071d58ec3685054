/* npy_load.c: reading 2-D float64/float32 .npy files (versions 1-3, C or
 * Fortran order) into a row-major matrix. */
#include "msl/npy.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The text after 'key': in the header dict, or NULL. */
static const char *dict_value(const char *h, const char *key) {
  char pat[32];
  snprintf(pat, sizeof pat, "'%s'", key);
  const char *p = strstr(h, pat);
  if (!p) return NULL;
  p = strchr(p + strlen(pat), ':');
  if (!p) return NULL;
  for (p++; *p == ' '; p++) {
  }
  return p;
}

static int fail(FILE *f, char *hdr, char *err, size_t errlen, const char *path, const char *why) {
  snprintf(err, errlen, "%s: %s", path, why);
  if (f) fclose(f);
  free(hdr);
  return -1;
}

int msl_npy_load(const char *path, double **data, int *rows, int *cols, char *err, size_t errlen) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
    return -1;
  }
  unsigned char pre[12];
  if (fread(pre, 1, 8, f) != 8 || memcmp(pre, "\x93NUMPY", 6) != 0)
    return fail(f, NULL, err, errlen, path, "not a .npy file (bad magic)");
  size_t hlen;
  if (pre[6] == 1) {
    if (fread(pre + 8, 1, 2, f) != 2) return fail(f, NULL, err, errlen, path, "truncated header");
    hlen = (size_t)pre[8] | (size_t)pre[9] << 8;
  } else if (pre[6] == 2 || pre[6] == 3) {
    if (fread(pre + 8, 1, 4, f) != 4) return fail(f, NULL, err, errlen, path, "truncated header");
    hlen = (size_t)pre[8] | (size_t)pre[9] << 8 | (size_t)pre[10] << 16 | (size_t)pre[11] << 24;
  } else {
    return fail(f, NULL, err, errlen, path, "unsupported .npy version");
  }
  if (hlen > (1u << 20)) return fail(f, NULL, err, errlen, path, "header too long");
  char *h = malloc(hlen + 1);
  if (!h) return fail(f, NULL, err, errlen, path, "out of memory");
  if (fread(h, 1, hlen, f) != hlen) return fail(f, h, err, errlen, path, "truncated header");
  h[hlen] = '\0';
  const char *descr = dict_value(h, "descr"), *order = dict_value(h, "fortran_order"),
             *shape = dict_value(h, "shape");
  if (!descr || !order || !shape) return fail(f, h, err, errlen, path, "header lacks descr, fortran_order or shape");
  int f8 = strncmp(descr, "'<f8'", 5) == 0, f4 = strncmp(descr, "'<f4'", 5) == 0;
  if (!f8 && !f4) return fail(f, h, err, errlen, path, "expected little-endian float64 or float32 ('<f8', '<f4')");
  int fortran = strncmp(order, "True", 4) == 0;
  if (!fortran && strncmp(order, "False", 5) != 0) return fail(f, h, err, errlen, path, "bad fortran_order");
  long a = 0, b = 1;
  int end = 0;
  if (sscanf(shape, "(%ld, %ld )%n", &a, &b, &end) != 2 || !end) {
    b = 1;
    end = 0;
    if (sscanf(shape, "(%ld , )%n", &a, &end) != 1 || !end) a = 0;
  }
  if (a < 1 || b < 1 ||
      a > (1L << 30) || b > (1L << 30) || (double)a * (double)b > 1e9)
    return fail(f, h, err, errlen, path, "expected a 1-D or 2-D shape");
  size_t n = (size_t)a * (size_t)b, w = f8 ? 8 : 4;
  unsigned char *raw = malloc(n * w);
  double *m = malloc(n * sizeof *m);
  if (!raw || !m) {
    free(raw);
    free(m);
    return fail(f, h, err, errlen, path, "out of memory");
  }
  if (fread(raw, w, n, f) != n) {
    free(raw);
    free(m);
    return fail(f, h, err, errlen, path, "truncated data");
  }
  fclose(f);
  free(h);
  /* Element k of the file is (r, c) = (k / b, k % b) in C order and
   * (k % a, k / a) in Fortran order. Little-endian host assumed (as npy_save). */
  for (size_t k = 0; k < n; k++) {
    double v;
    if (f8) {
      memcpy(&v, raw + 8 * k, 8);
    } else {
      float x;
      memcpy(&x, raw + 4 * k, 4);
      v = x;
    }
    size_t r = fortran ? k % (size_t)a : k / (size_t)b, c = fortran ? k / (size_t)a : k % (size_t)b;
    m[r * (size_t)b + c] = v;
  }
  free(raw);
  *data = m;
  *rows = (int)a;
  *cols = (int)b;
  return 0;
}
