/* idx.c: reader for IDX files (the MNIST format: big-endian header, then
 * unsigned bytes) and the four-file MNIST data set. */
#include "msl/mnist.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint32_t be32(const unsigned char *b) {
  return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

int msl_idx_load(const char *path, int ndim, msl_idx *out, char *err, size_t errlen) {
  memset(out, 0, sizeof *out);
  FILE *f = fopen(path, "rb");
  if (!f) {
    snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
    return -1;
  }
  unsigned char hdr[4 + 4 * 4];
  size_t want = 4 + 4 * (size_t)ndim;
  if (fread(hdr, 1, want, f) != want) {
    snprintf(err, errlen, "%s: truncated header (not an IDX file?)", path);
    fclose(f);
    return -1;
  }
  if (hdr[0] != 0 || hdr[1] != 0 || hdr[2] != 0x08 || hdr[3] != ndim) {
    snprintf(err, errlen,
             "%s: wrong magic %02x%02x%02x%02x (expected 000008%02x: unsigned bytes, %d dimensions)",
             path, hdr[0], hdr[1], hdr[2], hdr[3], ndim, ndim);
    fclose(f);
    return -1;
  }
  out->ndim = ndim;
  size_t item = 1;
  for (int k = 0; k < ndim; k++) {
    out->dims[k] = be32(hdr + 4 + 4 * k);
    if (out->dims[k] == 0 || out->dims[k] > (1u << 28)) {
      snprintf(err, errlen, "%s: implausible dimension %d = %u", path, k, out->dims[k]);
      fclose(f);
      return -1;
    }
    if (k > 0) item *= out->dims[k];
  }
  out->count = out->dims[0];
  out->item_size = item;
  size_t bytes = out->count * item;
  struct stat st;
  if (fstat(fileno(f), &st) == 0 && (size_t)st.st_size != want + bytes) {
    snprintf(err, errlen, "%s: size %lld bytes, but the header promises %zu items (%zu bytes)%s",
             path, (long long)st.st_size, out->count, want + bytes,
             (size_t)st.st_size < want + bytes ? ": truncated" : ": trailing data");
    fclose(f);
    return -1;
  }
  out->data = malloc(bytes ? bytes : 1);
  if (!out->data) {
    snprintf(err, errlen, "%s: out of memory for %zu bytes", path, bytes);
    fclose(f);
    return -1;
  }
  if (fread(out->data, 1, bytes, f) != bytes) {
    snprintf(err, errlen, "%s: truncated data", path);
    msl_idx_free(out);
    fclose(f);
    return -1;
  }
  fclose(f);
  return 0;
}

void msl_idx_free(msl_idx *a) {
  free(a->data);
  memset(a, 0, sizeof *a);
}

static int load_pair(const char *dir, const char *img, const char *lab, msl_idx *xi,
                     msl_idx *yi, char *err, size_t errlen) {
  char p1[4096], p2[4096];
  snprintf(p1, sizeof p1, "%s/%s", dir, img);
  snprintf(p2, sizeof p2, "%s/%s", dir, lab);
  if (msl_idx_load(p1, 3, xi, err, errlen)) return -1;
  if (msl_idx_load(p2, 1, yi, err, errlen)) return -1;
  if (xi->count != yi->count) {
    snprintf(err, errlen, "%s: %zu labels, but %s has %zu images", p2, yi->count, p1, xi->count);
    return -1;
  }
  for (size_t k = 0; k < yi->count; k++)
    if (yi->data[k] > 9) {
      snprintf(err, errlen, "%s: label %u at item %zu is not a digit class 0..9", p2,
               yi->data[k], k);
      return -1;
    }
  return 0;
}

int msl_mnist_load(const char *dir, msl_mnist *m, char *err, size_t errlen) {
  memset(m, 0, sizeof *m);
  if (load_pair(dir, "train-images-idx3-ubyte", "train-labels-idx1-ubyte", &m->a[0], &m->a[1],
                err, errlen) ||
      load_pair(dir, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", &m->a[2], &m->a[3], err,
                errlen)) {
    msl_mnist_free(m);
    return -1;
  }
  if (m->a[0].dims[1] != m->a[2].dims[1] || m->a[0].dims[2] != m->a[2].dims[2]) {
    snprintf(err, errlen, "%s/t10k-images-idx3-ubyte: image size %ux%u differs from training %ux%u",
             dir, m->a[2].dims[1], m->a[2].dims[2], m->a[0].dims[1], m->a[0].dims[2]);
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
