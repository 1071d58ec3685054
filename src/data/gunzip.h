/* gunzip.h: reading gzip data (RFC 1952: one or more members) in chunks with
 * zlib's inflate, from a file descriptor or from memory. A read produces at
 * most the bytes asked for, so the caller bounds what it allocates; errors
 * name the file and say the problem (zlib's message for corrupt data). */
#ifndef MSL_DATA_GUNZIP_H
#define MSL_DATA_GUNZIP_H

#include <stddef.h>
#define ZLIB_CONST /* next_in points to const bytes */
#include <zlib.h>

/* Deflate's best ratio: a 258-byte match in 2 bits, 1032:1. */
enum { MSL_DEFLATE_MAX_RATIO = 1032 };

typedef struct msl_gunzip {
  z_stream z;
  const char *name;          /* the file, in messages */
  int fd;                    /* the source, or -1: mem */
  const unsigned char *mem;  /* with fd -1: the whole input */
  size_t len;                /* bytes of input in all (the file's size) */
  size_t taken;              /* bytes of input handed to inflate so far */
  int ready;                 /* inflateInit2 done */
  int end;                   /* the last member ended where the input does */
  unsigned char buf[1 << 15];
} msl_gunzip;

/* Start reading gzip data of len bytes from fd (not closed here) or, with
 * fd = -1, from mem. 0, or -1 with "NAME: not gzip data ..." (wrong magic)
 * or another message. Call msl_gunzip_end after either. */
int msl_gunzip_begin(msl_gunzip *g, int fd, const void *mem, size_t len, const char *name);

/* Decompress up to n bytes into dst; *got < n only where the data ends (the
 * last member's CRC and length checked). 0, or -1 with "NAME: corrupt gzip
 * data: <zlib's message>", "NAME: truncated gzip data ..." or "NAME: N bytes
 * after the end of the gzip data ...". */
int msl_gunzip_read(msl_gunzip *g, void *dst, size_t n, size_t *got);

/* The largest number of bytes len bytes of gzip data can decompress to. */
size_t msl_gunzip_bound(size_t len);

void msl_gunzip_end(msl_gunzip *g);

#endif
