/* test_idx.c: the IDX reader and the MNIST loader on good and damaged files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "msl/error.h"
#include "msl/mnist.h"
#include "hostile.h"

static char dir[256];

/* Write an IDX file: magic 0x00 0x00 0x08 ndim, big-endian dims, then bytes. */
static void write_idx(const char *name, int ndim, const unsigned *dims, size_t nbytes,
                      unsigned char fill, unsigned char magic2) {
  char p[512];
  snprintf(p, sizeof p, "%s/%s", dir, name);
  FILE *f = fopen(p, "wb");
  unsigned char h[4] = {0, 0, magic2, (unsigned char)ndim};
  fwrite(h, 1, 4, f);
  for (int k = 0; k < ndim; k++) {
    unsigned char b[4] = {dims[k] >> 24, dims[k] >> 16 & 255, dims[k] >> 8 & 255, dims[k] & 255};
    fwrite(b, 1, 4, f);
  }
  for (size_t k = 0; k < nbytes; k++) fputc((int)((fill + k) % 256), f);
  fclose(f);
}

static void good_set(unsigned ntrain, unsigned ntest) {
  unsigned di[3] = {ntrain, 28, 28}, dl[1] = {ntrain};
  write_idx("train-images-idx3-ubyte", 3, di, (size_t)ntrain * 784, 0, 8);
  write_idx("train-labels-idx1-ubyte", 1, dl, ntrain, 0, 8);
  unsigned ti[3] = {ntest, 28, 28}, tl[1] = {ntest};
  write_idx("t10k-images-idx3-ubyte", 3, ti, (size_t)ntest * 784, 7, 8);
  write_idx("t10k-labels-idx1-ubyte", 1, tl, ntest, 3, 8);
}

/* Loading must fail with a one-line message containing `file` and `what`. */
static void expect_error(const char *file, const char *what) {
  msl_mnist m;
  int rc = msl_mnist_load(dir, &m);
  const char *err = msl_error();
  CHECK(rc == -1);
  CHECK(strstr(err, file) != NULL);
  CHECK(strstr(err, what) != NULL);
  CHECK(strchr(err, '\n') == NULL);
  if (rc == -1 && (!strstr(err, file) || !strstr(err, what)))
    fprintf(stderr, "  message was: %s\n", err);
  if (rc == 0) msl_mnist_free(&m);
}

int main(void) {
  snprintf(dir, sizeof dir, "/tmp/msl-test-idx-%d", (int)getpid());
  char cmd[300];
  snprintf(cmd, sizeof cmd, "mkdir -p %s", dir);
  CHECK(system(cmd) == 0);

  /* A good set: labels are (0 + k) % 256 must be digits, so keep 10 items. */
  char p[512];
  good_set(10, 7);
  msl_mnist m;
  int rc = msl_mnist_load(dir, &m);
  const char *err = msl_error();
  CHECK(rc == 0);
  if (rc == 0) {
    CHECK(m.n_train == 10 && m.n_test == 7 && m.pixels == 784 && m.rows == 28);
    CHECK(m.train_x[0] == 0 && m.train_x[300] == 300 % 256);
    CHECK(m.train_y[9] == 9);
    CHECK(m.test_x[1] == 8);     /* fill 7, item 1 */
    CHECK(m.test_y[6] == 9);     /* (3 + 6) % 256 */
    msl_mnist_free(&m);
  } else {
    fprintf(stderr, "%s\n", err);
  }

  /* Wrong magic: type byte 0x09 (signed bytes) instead of 0x08. */
  unsigned dl[1] = {10};
  write_idx("train-labels-idx1-ubyte", 1, dl, 10, 0, 9);
  expect_error("train-labels-idx1-ubyte", "wrong magic");
  good_set(10, 7);

  /* Truncated image file: header promises 10 images, 9.5 present. */
  unsigned di[3] = {10, 28, 28};
  write_idx("train-images-idx3-ubyte", 3, di, 784 * 9 + 392, 0, 8);
  expect_error("train-images-idx3-ubyte", "truncated");
  good_set(10, 7);

  /* Trailing data. */
  write_idx("train-images-idx3-ubyte", 3, di, 784 * 10 + 5, 0, 8);
  expect_error("train-images-idx3-ubyte", "trailing");
  good_set(10, 7);

  /* Image/label count mismatch. */
  unsigned d9[1] = {9};
  write_idx("train-labels-idx1-ubyte", 1, d9, 9, 0, 8);
  expect_error("train-labels-idx1-ubyte", "9 labels");
  good_set(10, 7);

  /* A label that is not a class 0..9. */
  unsigned d10[1] = {10};
  write_idx("t10k-labels-idx1-ubyte", 1, d10, 10, 250, 8);
  good_set(10, 7);
  unsigned t7[1] = {7};
  write_idx("t10k-labels-idx1-ubyte", 1, t7, 7, 5, 8); /* 5..11: 10 and 11 are bad */
  expect_error("t10k-labels-idx1-ubyte", "not a class 0..9");
  good_set(10, 7);

  /* Header shorter than its own dimensions. */
  write_idx("t10k-images-idx3-ubyte", 1, d10, 0, 0, 8);
  expect_error("t10k-images-idx3-ubyte", "");
  good_set(10, 7);

  /* Image size differs between training and test sets (Fashion-MNIST has the
   * same 28x28 format, so only a real mismatch is an error). */
  unsigned ti[3] = {7, 28, 27};
  write_idx("t10k-images-idx3-ubyte", 3, ti, 7 * 28 * 27, 0, 8);
  expect_error("t10k-images-idx3-ubyte", "differs");
  good_set(10, 7);

  /* Hostile: dimensions whose product overflows 64 bits (2^28 images of
   * 2^28 x 2^28 pixels = 2^84 bytes, 0 modulo 2^64) over an empty body; the
   * old reader accepted it as 2^28 images in 1 byte. */
  unsigned huge[3] = {1u << 28, 1u << 28, 1u << 28};
  write_idx("train-images-idx3-ubyte", 3, huge, 0, 0, 8);
  expect_error("train-images-idx3-ubyte", "truncated");
  good_set(10, 7);
  /* A FIFO is refused at once, not waited on. */
  snprintf(p, sizeof p, "%s/train-labels-idx1-ubyte", dir);
  CHECK(hostile_fifo(p) == 0);
  hostile_watchdog(30);
  expect_error("train-labels-idx1-ubyte", "a FIFO");
  alarm(0);
  unlink(p); /* writing to it would block */
  good_set(10, 7);
  /* The in-memory reader: a 2 x 3 label-free array, and the same checks. */
  const unsigned char mem[] = {0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6};
  msl_idx a;
  CHECK(msl_idx_parse(mem, sizeof mem, 2, "mem", &a) == 0);
  CHECK(a.count == 2 && a.item_size == 3 && a.data && a.data[0] == 1 && a.data[5] == 6);
  msl_idx_free(&a);
  CHECK(msl_idx_parse(mem, sizeof mem - 1, 2, "mem", &a) == -1);
  CHECK(strstr(msl_error(), "mem: size 17 bytes") && strstr(msl_error(), "truncated"));
  CHECK(msl_idx_parse(mem, sizeof mem, 3, "mem", &a) == -1 && strstr(msl_error(), "wrong magic"));

  /* Missing file. */
  snprintf(p, sizeof p, "%s/t10k-labels-idx1-ubyte", dir);
  remove(p);
  expect_error("t10k-labels-idx1-ubyte", "cannot open");

  /* Empty file. */
  FILE *f = fopen(p, "wb");
  fclose(f);
  expect_error("t10k-labels-idx1-ubyte", "truncated header");

  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  CHECK(system(cmd) == 0);
  return check_done();
}
