/* npy.h: write NumPy .npy files (float64, C order), the open format msl uses
 * for weight matrices. */
#ifndef MSL_NPY_H
#define MSL_NPY_H

#include <stddef.h>

/* Save a rows x cols matrix whose element (r, c) is data[c * rows + r]
 * (column-major, as msl's pre-major weights: rows = post, cols = pre). */
int msl_npy_save_colmajor(const char *path, const double *data, int rows, int cols, char *err,
                          size_t errlen);

#endif
