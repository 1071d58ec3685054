/* fuzz_paramfile.c: libFuzzer harness for the parameter-file parser of
 * --params (src/cli/paramfile.c). The input is a whole file. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/paramfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static paramfile pf;
  char err[256];
  if (paramfile_parse((const char *)data, size, &pf, err, sizeof err) != 0) {
    if (strncmp(err, "line ", 5) != 0) abort();
    return 0;
  }
  /* Accepted: keys are terminated strings, numbers finite, lines counted. */
  if (pf.n < 0 || pf.n > PARAMFILE_MAX) abort();
  for (int k = 0; k < pf.n; k++) {
    if (!memchr(pf.v[k].key, '\0', sizeof pf.v[k].key) || pf.v[k].line < 1) abort();
    if (!pf.v[k].is_text && !isfinite(pf.v[k].value)) abort();
  }
  return 0;
}
