/* idx.h: the IDX header and the gzip-compressed IDX reader, shared by the
 * plain reader (idx.c), the gzip one (idx_gz.c) and the fuzz harness. */
#ifndef MSL_DATA_IDX_H
#define MSL_DATA_IDX_H

#include <stddef.h>

#include "msl/mnist.h"

/* Bytes of the header of an IDX file of ndim dimensions; 0 outside 1..4. */
size_t msl_idx_header_len(int ndim);

/* Check the header hdr (have bytes of it) of an unsigned-byte IDX file of
 * ndim dimensions, filling out's shape (ndim, dims, count, item_size) and
 * *promised, the bytes of the whole file it describes (header included;
 * SIZE_MAX when more than that). 0, or -1 with a message naming `name`. */
int msl_idx_header(const unsigned char *hdr, size_t have, int ndim, const char *name,
                   msl_idx *out, size_t *promised);

/* -1 with "NAME: SIZE, but the header promises N items (P bytes): truncated"
 * (or "trailing data"), out being the header's shape. */
int msl_idx_size_error(const char *name, const char *size, int trailing, msl_idx *out);

/* The IDX file in gzip data of len bytes, from fd (not closed here) or, with
 * fd = -1, from mem; the same checks as the plain reader, on the
 * decompressed bytes, and never more memory than those bytes need. */
int msl_idx_gunzip(int fd, const void *mem, size_t len, int ndim, const char *name,
                   msl_idx *out);

#endif
