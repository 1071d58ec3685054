/* npz.h: reading NumPy .npz archives (zip files of .npy arrays) into doubles.
 *
 * Accepted .npy files: format versions 1, 2 and 3; dtypes float64, float32,
 * int8/16/32/64 and uint8/16/32/64 in either byte order ('<', '>', '|', '=';
 * '|' and '=' mean this host's order), all converted to double; C or Fortran
 * order (Fortran arrays are transposed into C order); 0 to MSL_ARRAY_MAXDIM
 * dimensions. Members may be stored or deflated.
 *
 * Errors follow msl/error.h: -1 or NULL, and a one-line message from
 * msl_error(), "FILE: MEMBER: what is wrong" (or "FILE: what is wrong" for the
 * archive itself). Sizes declared by the archive or a .npy header are checked
 * against the bytes really there before anything is allocated. */
#ifndef MSL_NPZ_H
#define MSL_NPZ_H

#include <stddef.h>

#include "msl/api.h"

MSL_BEGIN_DECLS

#define MSL_ARRAY_MAXDIM 4

/* An n-dimensional array of doubles in C (row-major) order. A 0-d array
 * (a scalar) has ndim = 0 and size = 1. */
typedef struct msl_array {
  double *data;                    /* size elements, malloc'd */
  int ndim;                        /* 0 .. MSL_ARRAY_MAXDIM */
  size_t shape[MSL_ARRAY_MAXDIM];  /* unused entries are 1 */
  size_t size;                     /* product of the shape */
} msl_array;

typedef struct msl_npz msl_npz;

/* Open an archive (a regular file: a FIFO or device is refused rather than
 * waited on); NULL + message when it cannot be read as a zip file. */
msl_npz *msl_npz_open(const char *path);
/* Open an archive held in memory; buf must outlive the msl_npz. `name`
 * stands for the file in messages. */
msl_npz *msl_npz_open_buffer(const void *buf, size_t len, const char *name);
/* Read array `name` (the member "name.npy", or "name" itself) into *out.
 * Returns 0, or -1 with a message (and *out zeroed). */
int msl_npz_array(msl_npz *z, const char *name, msl_array *out);
/* 1 if the archive has array `name`. */
int msl_npz_has(msl_npz *z, const char *name);
/* The number of members, and the name of member i (0 .. count-1; NULL if
 * there is none), as stored (e.g. "pot_G.npy"). */
int msl_npz_count(const msl_npz *z);
const char *msl_npz_member(const msl_npz *z, int i);
/* The file name the archive was opened with. */
const char *msl_npz_path(const msl_npz *z);
void msl_npz_close(msl_npz *z);

/* Parse one .npy file held in memory. On error returns -1 with "what is
 * wrong" (no file or member name) as the message. */
int msl_npy_parse(const void *buf, size_t len, msl_array *out);

void msl_array_free(msl_array *a);

MSL_END_DECLS

#endif
