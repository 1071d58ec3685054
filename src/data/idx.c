/* idx.c: reader for IDX files (the MNIST format: big-endian header, then
 * unsigned bytes), plain or, for a name ending in .gz, gzip-compressed
 * (idx_gz.c). The header's dimensions are checked against the file's real
 * size (without overflow) before the data is allocated, and only regular
 * files are read (a FIFO would hang). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "file.h"
#include "idx.h"
#include "msl/error.h"

static uint32_t be32(const unsigned char *b) {
  return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* a * b and a + b, or SIZE_MAX where they would overflow */
static size_t mul_sat(size_t a, size_t b) { return b && a > SIZE_MAX / b ? SIZE_MAX : a * b; }
static size_t add_sat(size_t a, size_t b) { return a > SIZE_MAX - b ? SIZE_MAX : a + b; }

size_t msl_idx_header_len(int ndim) { return ndim >= 1 && ndim <= 4 ? 4 + 4 * (size_t)ndim : 0; }

int msl_idx_header(const unsigned char *hdr, size_t have, int ndim, const char *name,
                   msl_idx *out, size_t *promised) {
  memset(out, 0, sizeof *out);
  *promised = 0;
  size_t want = msl_idx_header_len(ndim);
  if (!want) return msl_error_set("%s: %d dimensions requested (1 to 4)", name, ndim);
  if (have < want) return msl_error_set("%s: truncated header (not an IDX file?)", name);
  if (hdr[0] != 0 || hdr[1] != 0 || hdr[2] != 0x08 || hdr[3] != ndim)
    return msl_error_set(
        "%s: wrong magic %02x%02x%02x%02x (expected 000008%02x: unsigned bytes, %d dimensions)%s",
        name, hdr[0], hdr[1], hdr[2], hdr[3], ndim, ndim,
        hdr[0] == 0x1f && hdr[1] == 0x8b ? "; gzip data? name the file *.gz" : "");
  size_t item = 1;
  for (int k = 0; k < ndim; k++) {
    uint32_t d = be32(hdr + 4 + 4 * k);
    if (d == 0 || d > (1u << 28)) {
      memset(out, 0, sizeof *out);
      return msl_error_set("%s: implausible dimension %d = %u", name, k, d);
    }
    out->dims[k] = d;
    if (k > 0) item = mul_sat(item, d);
  }
  out->ndim = ndim;
  out->count = out->dims[0];
  out->item_size = item;
  *promised = add_sat(want, mul_sat(out->count, item));
  return 0;
}

int msl_idx_size_error(const char *name, const char *size, int trailing, msl_idx *out) {
  double bytes = 4 + 4 * out->ndim, items = out->count; /* exact below 2^53; only printed */
  for (int k = 1; k < out->ndim; k++) items *= out->dims[k];
  msl_error_set("%s: %s, but the header promises %zu items (%.0f bytes): %s", name, size,
                out->count, bytes + items, trailing ? "trailing data" : "truncated");
  return -1;
}

/* Check the header against a plain file of len bytes; 0 or -1. */
static int check_plain(const unsigned char *hdr, size_t have, size_t len, int ndim,
                       const char *name, msl_idx *out) {
  size_t promised;
  if (msl_idx_header(hdr, have, ndim, name, out, &promised)) return -1;
  if (promised == len) return 0;
  char size[64];
  snprintf(size, sizeof size, "size %zu bytes", len);
  msl_idx_size_error(name, size, promised < len, out);
  memset(out, 0, sizeof *out);
  return -1;
}

int msl_idx_parse(const void *buf, size_t len, int ndim, const char *name, msl_idx *out) {
  if (check_plain(buf, len, len, ndim, name, out)) return -1;
  size_t bytes = out->count * out->item_size;
  if (!(out->data = malloc(bytes ? bytes : 1))) {
    memset(out, 0, sizeof *out);
    return msl_error_set("%s: out of memory for %zu bytes", name, bytes);
  }
  memcpy(out->data, (const unsigned char *)buf + msl_idx_header_len(ndim), bytes);
  return 0;
}

static int is_gz(const char *path) {
  size_t n = strlen(path);
  return n >= 3 && strcmp(path + n - 3, ".gz") == 0;
}

int msl_idx_load(const char *path, int ndim, msl_idx *out) {
  memset(out, 0, sizeof *out);
  size_t len;
  int fd = msl_file_open_regular(path, &len);
  if (fd < 0) return -1;
  if (is_gz(path)) {
    int rc = msl_idx_gunzip(fd, NULL, len, ndim, path, out);
    close(fd);
    return rc;
  }
  FILE *f = fdopen(fd, "rb");
  if (!f) {
    close(fd);
    return msl_error_set("%s: cannot open: %s", path, strerror(errno));
  }
  unsigned char hdr[4 + 4 * 4];
  size_t have = fread(hdr, 1, msl_idx_header_len(ndim), f);
  int rc = check_plain(hdr, have, len, ndim, path, out);
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
