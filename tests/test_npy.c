/* test_npy.c: .npy round trip (msl_npy_save_colmajor writes fortran_order
 * True), C-order and float32 files written by hand, damaged files rejected. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "msl/error.h"
#include "msl/npy.h"
#include "hostile.h"

static char path[256];

/* A version-1 .npy with the given header dict and raw data bytes. */
static void write_npy(const char *dict, const void *data, size_t nbytes) {
  FILE *f = fopen(path, "wb");
  size_t len = strlen(dict), total = 10 + len + 1, pad = (64 - total % 64) % 64;
  unsigned short hl = (unsigned short)(len + pad + 1);
  fwrite("\x93NUMPY\x01\x00", 1, 8, f);
  fputc(hl & 255, f);
  fputc(hl >> 8, f);
  fputs(dict, f);
  for (size_t k = 0; k < pad; k++) fputc(' ', f);
  fputc('\n', f);
  fwrite(data, 1, nbytes, f);
  fclose(f);
}

static int load(double **m, int *r, int *c) {
  int rc = msl_npy_load(path, m, r, c);
  if (rc) printf("expected error: %s\n", msl_error());
  return rc;
}

int main(void) {
  snprintf(path, sizeof path, "/tmp/msl_test_npy_%d.npy", (int)getpid());
  double *m = NULL;
  int r = 0, c = 0;

  /* Round trip of the writer: 3 x 4, element (r, c) = 10 r + c, column-major. */
  double cm[12];
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 4; j++) cm[j * 3 + i] = 10 * i + j;
  CHECK(msl_npy_save_colmajor(path, cm, 3, 4) == 0);
  CHECK(load(&m, &r, &c) == 0);
  CHECK(r == 3 && c == 4);
  for (int i = 0; m && i < 3; i++)
    for (int j = 0; j < 4; j++) CHECK(m[i * 4 + j] == 10 * i + j);
  free(m);
  m = NULL;

  /* C order, as numpy writes by default: 2 x 3, row-major bytes. */
  double rm[6] = {0, 1, 2, 10, 11, 12};
  write_npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", rm, sizeof rm);
  CHECK(load(&m, &r, &c) == 0);
  CHECK(r == 2 && c == 3);
  for (int i = 0; m && i < 2; i++)
    for (int j = 0; j < 3; j++) CHECK(m[i * 3 + j] == 10 * i + j);
  free(m);
  m = NULL;

  /* float32, 1-D. */
  float v[3] = {0.5f, 1.5f, -2.0f};
  write_npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", v, sizeof v);
  CHECK(load(&m, &r, &c) == 0);
  CHECK(r == 3 && c == 1);
  if (m) CHECK(m[0] == 0.5 && m[1] == 1.5 && m[2] == -2.0);
  free(m);
  m = NULL;

  /* Hostile: a shape of 999999999 doubles over 16 bytes of data is refused
   * before allocating (the old reader allocated 8 GB twice, then found the
   * data short; under hostile.h's 1 GB limit it said "out of memory"). */
  write_npy("{'descr': '<f8', 'fortran_order': False, 'shape': (999999999,), }", rm, 16);
  CHECK(load(&m, &r, &c) == -1);
  CHECK(strstr(msl_error(), path) && strstr(msl_error(), "needs 7999999992 bytes of data, 16 follow"));
  write_npy("{'descr': '<f8', 'fortran_order': False, 'shape': (99999, 99999), }", rm, 16);
  CHECK(load(&m, &r, &c) == -1);
  CHECK(strstr(msl_error(), "truncated") != NULL);
  /* A FIFO is refused at once, not waited on. */
  CHECK(hostile_fifo(path) == 0);
  hostile_watchdog(30);
  CHECK(load(&m, &r, &c) == -1);
  CHECK(strstr(msl_error(), path) && strstr(msl_error(), "a FIFO"));
  alarm(0);
  unlink(path);
  CHECK(msl_npy_load("/dev/zero", &m, &r, &c) == -1);
  CHECK(strstr(msl_error(), "/dev/zero: is a character device") != NULL);

  /* Damaged: truncated data, 3-D shape, other dtype, bad magic, no file. */
  write_npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", rm, 40);
  CHECK(load(&m, &r, &c) == -1);
  write_npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2, 3), }", rm, sizeof rm);
  CHECK(load(&m, &r, &c) == -1);
  write_npy("{'descr': '<c16', 'fortran_order': False, 'shape': (2, 3), }", rm, sizeof rm);
  CHECK(load(&m, &r, &c) == -1);
  FILE *f = fopen(path, "wb");
  fputs("PK\x03\x04 not numpy", f);
  fclose(f);
  CHECK(load(&m, &r, &c) == -1);
  unlink(path);
  CHECK(load(&m, &r, &c) == -1);
  return check_done();
}
