/* npz_write.c: .npz archives through libzip, each member a .npy version 1.0
 * file of little-endian float64 (npz_write.h). */
#include "npz_write.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "msl/error.h"

/* The .npy file of m in a malloc'd buffer; NULL when out of memory. */
static unsigned char *npy_bytes(const npz_member *m, size_t *len) {
  char dict[160];
  int dl;
  if (m->ndim == 0) dl = snprintf(dict, sizeof dict, "{'descr': '<f8', 'fortran_order': False, 'shape': (), }");
  else if (m->ndim == 1)
    dl = snprintf(dict, sizeof dict, "{'descr': '<f8', 'fortran_order': False, 'shape': (%zu,), }",
                  m->shape[0]);
  else
    dl = snprintf(dict, sizeof dict,
                  "{'descr': '<f8', 'fortran_order': False, 'shape': (%zu, %zu), }", m->shape[0],
                  m->shape[1]);
  size_t count = m->ndim == 0 ? 1 : m->ndim == 1 ? m->shape[0] : m->shape[0] * m->shape[1];
  size_t pad = (64 - (10 + (size_t)dl + 1) % 64) % 64, hlen = (size_t)dl + pad + 1;
  *len = 10 + hlen + count * sizeof(double);
  unsigned char *b = malloc(*len);
  if (!b) return NULL;
  memcpy(b, "\x93NUMPY\x01\x00", 8);
  b[8] = (unsigned char)(hlen & 0xff);
  b[9] = (unsigned char)(hlen >> 8);
  memcpy(b + 10, dict, (size_t)dl);
  memset(b + 10 + dl, ' ', pad);
  b[10 + hlen - 1] = '\n';
  memcpy(b + 10 + hlen, m->data, count * sizeof(double)); /* little-endian hosts: <f8 */
  return b;
}

int npz_write(const char *path, const npz_member *m, int n) {
  int err = 0;
  zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (!z) return msl_error_set("%s: cannot write (libzip error %d)", path, err), -1;
  for (int k = 0; k < n; k++) {
    size_t len;
    unsigned char *b = npy_bytes(&m[k], &len);
    zip_source_t *s = b ? zip_source_buffer(z, b, len, 1) : NULL;
    char name[96];
    snprintf(name, sizeof name, "%s.npy", m[k].name);
    zip_int64_t i = s ? zip_file_add(z, name, s, ZIP_FL_OVERWRITE) : -1;
    if (i < 0 && s) zip_source_free(s); /* added, the archive owns it */
    if (!s) free(b);
    if (i < 0 || zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_STORE, 0) < 0) {
      zip_discard(z);
      return msl_error_set("%s: %s: cannot add the array", path, m[k].name), -1;
    }
  }
  if (zip_close(z) < 0) {
    msl_error_set("%s: write failed: %s", path, zip_strerror(z));
    zip_discard(z);
    return -1;
  }
  return 0;
}
