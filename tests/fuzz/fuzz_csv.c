/* fuzz_csv.c: libFuzzer harness for the pulse-curve CSV parser of msl fit
 * (src/cli/csv.c). The input is a whole file, read as a potentiation curve
 * when its first byte is even, else as a depression curve. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  curve_data c;
  char err[512];
  int rise = size > 0 && data[0] % 2 == 0;
  if (csv_curve_parse("f.csv", (const char *)data, size, rise, &c, err, sizeof err) != 0) {
    /* Refused: nothing kept, and one line naming the file and the line. */
    if (c.pulse || c.g || c.n || strncmp(err, "f.csv: line ", 12) != 0 || strchr(err, '\n'))
      abort();
    return 0;
  }
  /* Accepted: at least 5 points, pulses increasing, conductances >= 0, moving. */
  if (c.n < 5) abort();
  for (int k = 0; k < c.n; k++)
    if (!(c.g[k] >= 0.0) || (k && !(c.pulse[k] > c.pulse[k - 1]))) abort();
  if (rise ? !(c.g[c.n - 1] > c.g[0]) : !(c.g[c.n - 1] < c.g[0])) abort();
  curve_data_free(&c);
  return 0;
}
