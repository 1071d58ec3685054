/* file.h: opening an input file for reading, regular files only. A FIFO
 * would block the reader forever and a device (/dev/zero) never ends, so both
 * are refused with a message instead of being waited on. */
#ifndef MSL_DATA_FILE_H
#define MSL_DATA_FILE_H

#include <stddef.h>

/* A read-only descriptor of regular file `path` and its size in bytes; -1
 * with "PATH: cannot open: ..." or "PATH: not a regular file ..." as the
 * message (msl_error()). Never blocks on a FIFO. */
int msl_file_open_regular(const char *path, size_t *size);

/* The whole of regular file `path`, malloc'd (*len bytes); NULL + message. */
unsigned char *msl_file_read_all(const char *path, size_t *len);

#endif
