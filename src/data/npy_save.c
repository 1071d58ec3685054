/* npy_save.c: writing .npy version 1.0 files (little-endian float64). */
#include "msl/npy.h"

#include <errno.h>

#include "msl/error.h"
#include <stdio.h>
#include <string.h>

int msl_npy_save_colmajor(const char *path, const double *data, int rows, int cols) {
  FILE *f = fopen(path, "wb");
  if (!f) {
    msl_error_set("%s: cannot write: %s", path, strerror(errno));
    return -1;
  }
  /* Column-major data is the transpose in C order: say so with fortran_order. */
  char dict[128];
  int len = snprintf(dict, sizeof dict, "{'descr': '<f8', 'fortran_order': True, 'shape': (%d, %d), }",
                     rows, cols);
  int total = 10 + len + 1;
  int pad = (64 - total % 64) % 64;
  unsigned short hlen = (unsigned short)(len + pad + 1);
  fwrite("\x93NUMPY\x01\x00", 1, 8, f);
  unsigned char hl[2] = {(unsigned char)(hlen & 0xff), (unsigned char)(hlen >> 8)};
  fwrite(hl, 1, 2, f);
  fwrite(dict, 1, (size_t)len, f);
  for (int k = 0; k < pad; k++) fputc(' ', f);
  fputc('\n', f);
  size_t n = (size_t)rows * cols;
  /* x86-64 and other little-endian hosts: the bytes are already <f8. */
  int ok = fwrite(data, sizeof(double), n, f) == n;
  if (fclose(f) != 0 || !ok) {
    msl_error_set("%s: write failed: %s", path, strerror(errno));
    return -1;
  }
  return 0;
}
