/* npz_write.h: writing a NumPy .npz archive (stored, uncompressed) of
 * float64 arrays, as msl lut does. */
#ifndef MSL_CLI_NPZ_WRITE_H
#define MSL_CLI_NPZ_WRITE_H

#include <stddef.h>

typedef struct {
  const char *name;   /* the member is name.npy */
  const double *data; /* C order */
  int ndim;           /* 0 (a scalar), 1 or 2 */
  size_t shape[2];
} npz_member;

/* Write the n members to path (replaced); 0, or -1 with msl_error(). */
int npz_write(const char *path, const npz_member *m, int n);

#endif
