/* fuzz_idx.c: libFuzzer harness for the IDX reader (msl_idx_parse, which
 * msl_idx_load shares its checks with). The input is a whole IDX file; its
 * own dimension byte picks ndim, so mutations reach every arity. */
#include <stdint.h>
#include <stdlib.h>

#include "msl/mnist.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  int ndim = size >= 4 ? data[3] : 1;
  msl_idx a;
  if (msl_idx_parse(data, size, ndim, "fuzz.idx", &a) != 0) return 0;
  /* Accepted: the header describes exactly the bytes that follow it. */
  size_t bytes = a.count * a.item_size, sum = 0;
  if (a.ndim != ndim || bytes != size - 4 - 4 * (size_t)ndim) abort();
  for (size_t k = 0; k < bytes; k++) sum += a.data[k];
  if (bytes && sum > 255 * bytes) abort();
  msl_idx_free(&a);
  return 0;
}
