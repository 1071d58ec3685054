/* npy.h: write and read NumPy .npy files (float64), the open format msl uses
 * for weight matrices. */
#ifndef MSL_NPY_H
#define MSL_NPY_H

#include <stddef.h>

#include "msl/api.h"

MSL_BEGIN_DECLS

/* Save a rows x cols matrix whose element (r, c) is data[c * rows + r]; 0, or -1 with msl_error()
 * (column-major, as msl's pre-major weights: rows = post, cols = pre). */
int msl_npy_save_colmajor(const char *path, const double *data, int rows, int cols);

/* Read a non-empty 1-D or 2-D .npy file (float64, float32 or an integer
 * dtype, either byte order, C or Fortran order; see msl/npz.h) into a
 * malloc'd row-major matrix: element (r, c) is (*data)[r * *cols + c]; a 1-D
 * array is rows x 1. 0, or -1 with a message naming the file (msl_error();
 * a FIFO or device is refused, a shape larger than the file is an error
 * before anything is allocated). */
int msl_npy_load(const char *path, double **data, int *rows, int *cols);

MSL_END_DECLS

#endif
