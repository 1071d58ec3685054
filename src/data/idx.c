/* idx.c: reader for IDX files (the MNIST format: big-endian header, then
 * unsigned bytes) and the four-file MNIST data set. The header's dimensions
 * are checked against the file's real size (without overflow) before the
 * data is allocated, and only regular files are read (a FIFO would hang). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "file.h"
#include "msl/error.h"
#include "msl/mnist.h"

static uint32_t be32(const unsigned char *b) {
  return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* Check the header hdr (at least `have` bytes of it) of an IDX file of `len`
 * bytes in all, filling out's shape; 0, or -1 with a message naming `name`. */
static int check_header(const unsigned char *hdr, size_t have, size_t len, int ndim,
                        const char *name, msl_idx *out) {
  memset(out, 0, sizeof *out);
  if (ndim < 1 || ndim > 4) return msl_error_set("%s: %d dimensions requested (1 to 4)", name, ndim);
  size_t want = 4 + 4 * (size_t)ndim;
  if (have < want || len < want)
    return msl_error_set("%s: truncated header (not an IDX file?)", name);
  if (hdr[0] != 0 || hdr[1] != 0 || hdr[2] != 0x08 || hdr[3] != ndim)
    return msl_error_set(
        "%s: wrong magic %02x%02x%02x%02x (expected 000008%02x: unsigned bytes, %d dimensions)",
        name, hdr[0], hdr[1], hdr[2], hdr[3], ndim, ndim);
  size_t item = 1, room = len - want; /* the data must fit in the bytes after the header */
  for (int k = 0; k < ndim; k++) {
    uint32_t d = be32(hdr + 4 + 4 * k);
    if (d == 0 || d > (1u << 28))
      return msl_error_set("%s: implausible dimension %d = %u", name, k, d);
    out->dims[k] = d;
    if (k > 0 && item > room / d) item = room + 1; /* more than the file holds: no overflow */
    else if (k > 0) item *= d;
  }
  size_t count = out->dims[0];
  if (item > room || count > room / item || count * item != room) {
    double promised = (double)want, items = count; /* exact below 2^53; only printed */
    for (int k = 1; k < ndim; k++) items *= out->dims[k];
    promised += items;
    return msl_error_set("%s: size %zu bytes, but the header promises %zu items (%.0f bytes): %s",
                         name, len, count, promised, promised > (double)len ? "truncated"
                                                                            : "trailing data");
  }
  out->ndim = ndim;
  out->count = count;
  out->item_size = item;
  return 0;
}

int msl_idx_parse(const void *buf, size_t len, int ndim, const char *name, msl_idx *out) {
  if (check_header(buf, len, len, ndim, name, out)) return -1;
  size_t bytes = out->count * out->item_size;
  if (!(out->data = malloc(bytes ? bytes : 1))) {
    memset(out, 0, sizeof *out);
    return msl_error_set("%s: out of memory for %zu bytes", name, bytes);
  }
  memcpy(out->data, (const unsigned char *)buf + 4 + 4 * (size_t)ndim, bytes);
  return 0;
}

int msl_idx_load(const char *path, int ndim, msl_idx *out) {
  memset(out, 0, sizeof *out);
  size_t len;
  int fd = msl_file_open_regular(path, &len);
  if (fd < 0) return -1;
  FILE *f = fdopen(fd, "rb");
  if (!f) {
    close(fd);
    return msl_error_set("%s: cannot open: %s", path, strerror(errno));
  }
  unsigned char hdr[4 + 4 * 4];
  size_t want = ndim >= 1 && ndim <= 4 ? 4 + 4 * (size_t)ndim : 0;
  size_t have = fread(hdr, 1, want, f);
  int rc = check_header(hdr, have, len, ndim, path, out);
  size_t bytes = out->count * out->item_size;
  if (rc == 0 && !(out->data = malloc(bytes ? bytes : 1)))
    rc = msl_error_set("%s: out of memory for %zu bytes", path, bytes);
  if (rc == 0 && fread(out->data, 1, bytes, f) != bytes)
    rc = msl_error_set("%s: truncated data", path);
  fclose(f);
  if (rc) msl_idx_free(out);
  return rc;
}

void msl_idx_free(msl_idx *a) {
  free(a->data);
  memset(a, 0, sizeof *a);
}

static int load_pair(const char *dir, const char *img, const char *lab, msl_idx *xi,
                     msl_idx *yi) {
  char p1[4096], p2[4096];
  snprintf(p1, sizeof p1, "%s/%s", dir, img);
  snprintf(p2, sizeof p2, "%s/%s", dir, lab);
  if (msl_idx_load(p1, 3, xi)) return -1;
  if (msl_idx_load(p2, 1, yi)) return -1;
  if (xi->count != yi->count)
    return msl_error_set("%s: %zu labels, but %s has %zu images", p2, yi->count, p1, xi->count);
  if (xi->item_size > INT_MAX || xi->count > INT_MAX)
    return msl_error_set("%s: %zu images of %zu pixels: too large", p1, xi->count, xi->item_size);
  for (size_t k = 0; k < yi->count; k++)
    if (yi->data[k] > 9)
      return msl_error_set("%s: label %u at item %zu is not a digit class 0..9", p2, yi->data[k],
                           k);
  return 0;
}

int msl_mnist_load(const char *dir, msl_mnist *m) {
  memset(m, 0, sizeof *m);
  if (load_pair(dir, "train-images-idx3-ubyte", "train-labels-idx1-ubyte", &m->a[0], &m->a[1]) ||
      load_pair(dir, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", &m->a[2], &m->a[3])) {
    msl_mnist_free(m);
    return -1;
  }
  if (m->a[0].dims[1] != m->a[2].dims[1] || m->a[0].dims[2] != m->a[2].dims[2]) {
    msl_error_set("%s/t10k-images-idx3-ubyte: image size %ux%u differs from training %ux%u", dir,
                  m->a[2].dims[1], m->a[2].dims[2], m->a[0].dims[1], m->a[0].dims[2]);
    msl_mnist_free(m);
    return -1;
  }
  m->rows = (int)m->a[0].dims[1];
  m->cols = (int)m->a[0].dims[2];
  m->pixels = m->rows * m->cols;
  m->n_train = (int)m->a[0].count;
  m->n_test = (int)m->a[2].count;
  m->train_x = m->a[0].data;
  m->train_y = m->a[1].data;
  m->test_x = m->a[2].data;
  m->test_y = m->a[3].data;
  return 0;
}

void msl_mnist_free(msl_mnist *m) {
  for (int k = 0; k < 4; k++) msl_idx_free(&m->a[k]);
  memset(m, 0, sizeof *m);
}

const char *msl_mnist_default_dir(const char *dir, char *buf, size_t buflen) {
  if (dir && *dir) return dir;
  const char *env = getenv("MSL_DATA");
  if (env && *env) return env;
  const char *home = getenv("HOME");
  snprintf(buf, buflen, "%s/.local/share/msl/mnist", home && *home ? home : ".");
  return buf;
}
