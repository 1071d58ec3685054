/* npz_write.h: a tiny .npy/.npz writer for the tests (libzip), so the tests
 * build their own tables, good and damaged, instead of shipping files. */
#ifndef MSL_TESTS_NPZ_WRITE_H
#define MSL_TESTS_NPZ_WRITE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* A .npy file in memory (malloc'd): magic, version `major` (1, 2 or 3), the
 * header dict exactly as given (padded to 64 bytes), then nbytes of data. */
static unsigned char *npyw(const char *dict, const void *data, size_t nbytes, int major,
                           size_t *len) {
  size_t pre = major == 1 ? 10 : 12, dl = strlen(dict);
  *len = 0;
  size_t hlen = dl + 1;
  hlen += (64 - (pre + hlen) % 64) % 64;
  unsigned char *b = malloc(pre + hlen + nbytes + 1);
  if (!b) return NULL;
  memcpy(b, "\x93NUMPY", 6);
  b[6] = (unsigned char)major;
  b[7] = 0;
  for (size_t k = 0; k < pre - 8; k++) b[8 + k] = (unsigned char)(hlen >> (8 * k));
  memcpy(b + pre, dict, dl);
  memset(b + pre + dl, ' ', hlen - dl - 1);
  b[pre + hlen - 1] = '\n';
  if (nbytes) memcpy(b + pre + hlen, data, nbytes);
  *len = pre + hlen + nbytes;
  return b;
}

static zip_t *npzw_open(const char *path) {
  int e;
  return zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &e);
}

/* Add raw bytes as member `member` (takes buf); deflate or store. */
static int npzw_add(zip_t *za, const char *member, unsigned char *buf, size_t len, int deflate) {
  zip_source_t *src = zip_source_buffer(za, buf, len, 1);
  if (!src) {
    free(buf);
    return -1;
  }
  zip_int64_t i = zip_file_add(za, member, src, ZIP_FL_OVERWRITE);
  if (i < 0) {
    zip_source_free(src);
    return -1;
  }
  return zip_set_file_compression(za, (zip_uint64_t)i, deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0);
}

/* Add a C-order '<f8' array `name`.npy with the given shape text, e.g. "(2, 3)". */
static int npzw_f8(zip_t *za, const char *name, const char *shape, const double *x, size_t n,
                   int deflate) {
  char dict[128], member[128];
  snprintf(dict, sizeof dict, "{'descr': '<f8', 'fortran_order': False, 'shape': %s, }", shape);
  snprintf(member, sizeof member, "%s.npy", name);
  size_t len = 0;
  unsigned char *b = npyw(dict, x, n * sizeof *x, 1, &len);
  return b ? npzw_add(za, member, b, len, deflate) : -1;
}

static int npzw_close(zip_t *za) { return zip_close(za); }

/* Overwrite the uncompressed size that every local and central header of
 * the archive at path declares (a damaged or hostile directory); 0 or -1. */
static inline int npzw_patch_size(const char *path, unsigned long size) {
  FILE *f = fopen(path, "r+b");
  if (!f) return -1;
  unsigned char b[1 << 16];
  size_t n = fread(b, 1, sizeof b, f);
  int found = 0;
  for (size_t k = 0; k + 28 <= n; k++) {
    int local = memcmp(b + k, "PK\x03\x04", 4) == 0, central = memcmp(b + k, "PK\x01\x02", 4) == 0;
    if (!local && !central) continue;
    size_t at = k + (local ? 22 : 24);
    for (int i = 0; i < 4; i++) b[at + (size_t)i] = (unsigned char)(size >> (8 * i));
    found++;
  }
  int ok = found >= 2 && fseek(f, 0, SEEK_SET) == 0 && fwrite(b, 1, n, f) == n;
  return fclose(f) == 0 && ok ? 0 : -1;
}

/* A fresh directory $TMPDIR/msl_test_TAG_XXXXXX for the files; 0 or -1. */
static int npzw_tmpdir(char *dir, size_t n, const char *tag) {
  const char *tmp = getenv("TMPDIR");
  snprintf(dir, n, "%s/msl_test_%s_XXXXXX", tmp && tmp[0] ? tmp : "/tmp", tag);
  if (mkdtemp(dir)) return 0;
  perror("mkdtemp");
  return -1;
}

#endif
