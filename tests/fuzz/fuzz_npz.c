/* fuzz_npz.c: libFuzzer harness for the .npz reader: the input is a whole
 * zip archive, opened in memory (msl_npz_open_buffer); every member is read
 * as an array, as the lut device reads its table. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "msl/npz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  msl_npz *z = msl_npz_open_buffer(data, size, "fuzz.npz");
  if (!z) return 0;
  int n = msl_npz_count(z);
  for (int i = 0; i < n && i < 64; i++) {
    const char *name = msl_npz_member(z, i);
    if (!name) continue;
    if (!msl_npz_has(z, name)) abort(); /* a member's own name finds it */
    msl_array a;
    if (msl_npz_array(z, name, &a) == 0) {
      double s = 0;
      for (size_t k = 0; k < a.size; k++) s += a.data[k] == a.data[k];
      if (s > (double)a.size) abort();
      msl_array_free(&a);
    } else if (a.data) {
      abort();
    }
  }
  msl_npz_close(z);
  return 0;
}
