/* fuzz_idx.c: libFuzzer harness for the IDX readers: msl_idx_parse (plain
 * files; msl_idx_load shares its checks) and msl_idx_gunzip (gzip-compressed,
 * from memory). The input is a whole file. A plain one's own dimension byte
 * picks ndim, so mutations reach every arity; gzip data (starting 1f 8b) is
 * read with each ndim 1..4 (a wrong one stops at the header's magic). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/gunzip.h"
#include "data/idx.h"
#include "msl/mnist.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An accepted array: the header describes exactly its bytes, all readable. */
static void check(const msl_idx *a, int ndim) {
  size_t bytes = a->count * a->item_size, sum = 0;
  if (a->ndim != ndim || a->count != a->dims[0]) abort();
  for (size_t k = 0; k < bytes; k++) sum += a->data[k];
  if (bytes && sum > 255 * bytes) abort();
}

static void gzip_input(const uint8_t *data, size_t size) {
  for (int ndim = 1; ndim <= 4; ndim++) {
    msl_idx a, b;
    if (msl_idx_gunzip(-1, data, size, ndim, "fuzz.idx.gz", &a) != 0) continue;
    check(&a, ndim);
    /* Within deflate's bound, and the same array as the plain file of the
     * decompressed bytes. */
    size_t head = msl_idx_header_len(ndim), bytes = a.count * a.item_size;
    if (head + bytes > msl_gunzip_bound(size)) abort();
    unsigned char *plain = malloc(head + bytes);
    if (!plain) abort();
    plain[0] = plain[1] = 0, plain[2] = 8, plain[3] = (unsigned char)ndim;
    for (int k = 0; k < ndim; k++)
      for (int s = 0; s < 4; s++) plain[4 + 4 * k + s] = (unsigned char)(a.dims[k] >> (24 - 8 * s));
    memcpy(plain + head, a.data, bytes);
    if (msl_idx_parse(plain, head + bytes, ndim, "fuzz.idx", &b) != 0 || b.count != a.count ||
        b.item_size != a.item_size || memcmp(b.data, a.data, bytes) != 0)
      abort();
    msl_idx_free(&b);
    free(plain);
    msl_idx_free(&a);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b) {
    gzip_input(data, size);
    return 0;
  }
  int ndim = size >= 4 ? data[3] : 1;
  msl_idx a;
  if (msl_idx_parse(data, size, ndim, "fuzz.idx", &a) != 0) return 0;
  check(&a, ndim);
  if (a.count * a.item_size != size - msl_idx_header_len(ndim)) abort();
  msl_idx_free(&a);
  return 0;
}
