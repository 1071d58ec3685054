/* npy_load.c: reading a 1-D or 2-D .npy file (versions 1-3, C or Fortran
 * order, any dtype msl_npy_parse accepts) into a row-major matrix. The file
 * is read whole (a regular file, so its size is known and bounds everything)
 * and parsed by msl_npy_parse, which checks the shape against the bytes
 * present before allocating. */
#include <limits.h>
#include <stdlib.h>

#include "file.h"
#include "msl/error.h"
#include "msl/npy.h"
#include "msl/npz.h"

int msl_npy_load(const char *path, double **data, int *rows, int *cols) {
  size_t len;
  unsigned char *buf = msl_file_read_all(path, &len);
  if (!buf) return -1;
  msl_array a;
  int rc = msl_npy_parse(buf, len, &a);
  free(buf);
  if (rc) return msl_error_set("%s: %s", path, msl_error());
  if (a.ndim < 1 || a.ndim > 2 || a.size == 0 || a.shape[0] > INT_MAX || a.shape[1] > INT_MAX) {
    msl_error_set("%s: expected a non-empty 1-D or 2-D array, got %d-d with %zu values", path,
                  a.ndim, a.size);
    msl_array_free(&a);
    return -1;
  }
  *data = a.data; /* msl_npy_parse gives C order: (r, c) at r * cols + c */
  *rows = (int)a.shape[0];
  *cols = (int)a.shape[1];
  return 0;
}
