/* idx_gz.c: an IDX file compressed with gzip (as MNIST and Fashion-MNIST are
 * distributed), decompressed in chunks. Bounded: a header promising more
 * than the compressed bytes can hold is refused before anything is
 * allocated, the buffer grows with the bytes actually decompressed, and
 * decompression stops one byte past the promised size. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gunzip.h"
#include "idx.h"
#include "msl/error.h"

/* The data after the header: out->count * out->item_size bytes into
 * out->data, the buffer doubling from 1 MiB; *got = bytes there. */
static int read_data(msl_gunzip *g, const char *name, msl_idx *out, size_t *got) {
  size_t n = out->count * out->item_size, cap = n < ((size_t)1 << 20) ? n : (size_t)1 << 20;
  *got = 0;
  if (!(out->data = malloc(cap ? cap : 1)))
    return msl_error_set("%s: out of memory for %zu bytes", name, cap);
  while (*got < n) {
    if (*got == cap) {
      size_t c = cap > n / 2 ? n : 2 * cap;
      unsigned char *b = realloc(out->data, c);
      if (!b) return msl_error_set("%s: out of memory for %zu bytes", name, c);
      out->data = b;
      cap = c;
    }
    size_t r;
    if (msl_gunzip_read(g, out->data + *got, cap - *got, &r)) return -1;
    *got += r;
    if (*got < cap) break; /* the data ended */
  }
  return 0;
}

static int load(msl_gunzip *g, size_t len, int ndim, const char *name, msl_idx *out) {
  unsigned char hdr[4 + 4 * 4];
  size_t have, promised, got, extra;
  if (msl_gunzip_read(g, hdr, msl_idx_header_len(ndim), &have) ||
      msl_idx_header(hdr, have, ndim, name, out, &promised))
    return -1;
  if (promised > msl_gunzip_bound(len)) {
    char size[96];
    snprintf(size, sizeof size, "%zu bytes of gzip data decompress to at most %zu bytes", len,
             msl_gunzip_bound(len));
    return msl_idx_size_error(name, size, 0, out);
  }
  if (read_data(g, name, out, &got)) return -1;
  char size[96];
  if (got < out->count * out->item_size) {
    snprintf(size, sizeof size, "%zu bytes after decompression", have + got);
    return msl_idx_size_error(name, size, 0, out);
  }
  unsigned char byte; /* one more: trailing data; none: the end, checksums checked */
  if (msl_gunzip_read(g, &byte, 1, &extra)) return -1;
  if (extra) {
    snprintf(size, sizeof size, "more than %zu bytes after decompression", promised);
    return msl_idx_size_error(name, size, 1, out);
  }
  return 0;
}

int msl_idx_gunzip(int fd, const void *mem, size_t len, int ndim, const char *name,
                   msl_idx *out) {
  memset(out, 0, sizeof *out);
  msl_gunzip *g = malloc(sizeof *g);
  if (!g) return msl_error_set("%s: out of memory", name);
  int rc = msl_gunzip_begin(g, fd, mem, len, name);
  if (rc == 0) rc = load(g, len, ndim, name, out);
  msl_gunzip_end(g);
  free(g);
  if (rc) msl_idx_free(out);
  return rc;
}
