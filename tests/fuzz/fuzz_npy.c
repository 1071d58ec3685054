/* fuzz_npy.c: libFuzzer harness for the .npy parser (msl_npy_parse, used by
 * msl_npy_load and by every .npz member). The input is a whole .npy file. */
#include <stdint.h>
#include <stdlib.h>

#include "msl/npz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  msl_array a;
  if (msl_npy_parse(data, size, &a) != 0) {
    if (a.data) abort(); /* a failure leaves *out zeroed */
    return 0;
  }
  /* Accepted: the shape's product is the size, and every element is there
   * (ASan checks the reads); a parsed array never exceeds 8x the input. */
  size_t n = 1;
  for (int d = 0; d < a.ndim; d++) n *= a.shape[d];
  if (n != a.size || a.ndim < 0 || a.ndim > MSL_ARRAY_MAXDIM || a.size > size) abort();
  double s = 0;
  for (size_t k = 0; k < a.size; k++) s += a.data[k] == a.data[k];
  if (s > (double)a.size) abort();
  msl_array_free(&a);
  return 0;
}
