/* gunzip.c: gzip data through zlib's inflate, in chunks (see gunzip.h). */
#include "gunzip.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "msl/error.h"

/* Give inflate the next input, if there is any: from memory up to 1 GiB at
 * a time (avail_in is an unsigned int), from the file one buffer. */
static int feed(msl_gunzip *g) {
  if (g->fd < 0) {
    size_t n = g->len - g->taken;
    if (n > (size_t)1 << 30) n = (size_t)1 << 30;
    g->z.next_in = g->mem + g->taken;
    g->z.avail_in = (uInt)n;
    g->taken += n;
    return 0;
  }
  size_t have = 0;
  while (have < sizeof g->buf) {
    ssize_t r = read(g->fd, g->buf + have, sizeof g->buf - have);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return msl_error_set("%s: cannot read: %s", g->name, strerror(errno));
    if (r == 0) break;
    have += (size_t)r;
  }
  g->z.next_in = g->buf;
  g->z.avail_in = (uInt)have;
  g->taken += have;
  return 0;
}

int msl_gunzip_begin(msl_gunzip *g, int fd, const void *mem, size_t len, const char *name) {
  memset(&g->z, 0, sizeof g->z);
  g->name = name;
  g->fd = fd;
  g->mem = mem;
  g->len = len;
  g->taken = 0;
  g->ready = g->end = 0;
  /* 15 + 16: a 32 KiB window, gzip members only (no zlib or raw deflate data) */
  int rc = inflateInit2(&g->z, 15 + 16);
  if (rc != Z_OK)
    return msl_error_set("%s: cannot start decompressing: %s", name,
                         rc == Z_MEM_ERROR ? "out of memory" : zError(rc));
  g->ready = 1;
  if (feed(g)) return -1;
  const unsigned char *p = g->z.next_in;
  if (g->z.avail_in < 2)
    return msl_error_set("%s: not gzip data (%s)", name,
                         g->z.avail_in ? "1 byte" : "an empty file");
  if (p[0] != 0x1f || p[1] != 0x8b)
    return msl_error_set("%s: not gzip data (it starts with %02x %02x, not 1f 8b%s)", name, p[0],
                         p[1], p[0] == 0 && p[1] == 0 ? "; an uncompressed IDX file? drop the .gz"
                                                      : "");
  return 0;
}

/* At the end of a member: the end of the data, or the next member
 * (concatenated gzip files are one gzip file), or -1 for anything else. */
static int member_end(msl_gunzip *g) {
  if (g->z.avail_in == 0 && feed(g)) return -1;
  if (g->z.avail_in == 0) {
    g->end = 1;
    return 0;
  }
  size_t at = g->taken - g->z.avail_in;
  if (g->z.next_in[0] != 0x1f)
    return msl_error_set("%s: %zu bytes after the end of the gzip data (at byte %zu) that are "
                         "not a gzip member", g->name, g->len > at ? g->len - at : g->z.avail_in,
                         at);
  return inflateReset(&g->z) == Z_OK ? 0 : msl_error_set("%s: cannot restart inflate", g->name);
}

int msl_gunzip_read(msl_gunzip *g, void *dst, size_t n, size_t *got) {
  unsigned char *out = dst;
  *got = 0;
  while (*got < n && !g->end) {
    if (g->z.avail_in == 0 && feed(g)) return -1;
    size_t want = n - *got;
    g->z.next_out = out + *got;
    g->z.avail_out = want > (size_t)1 << 30 ? 1u << 30 : (uInt)want;
    uInt room = g->z.avail_out;
    int rc = inflate(&g->z, Z_NO_FLUSH);
    *got += room - g->z.avail_out;
    if (rc == Z_STREAM_END) {
      if (member_end(g)) return -1;
    } else if (rc == Z_BUF_ERROR && g->z.avail_in == 0) { /* no progress: the input is gone */
      return msl_error_set("%s: truncated gzip data (the file ends inside the compressed stream, "
                           "after %zu bytes)", g->name, g->taken);
    } else if (rc == Z_MEM_ERROR) {
      return msl_error_set("%s: out of memory while decompressing", g->name);
    } else if (rc != Z_OK) {
      return msl_error_set("%s: corrupt gzip data: %s", g->name,
                           g->z.msg ? g->z.msg : zError(rc));
    }
  }
  return 0;
}

size_t msl_gunzip_bound(size_t len) {
  const size_t slack = 1024; /* a tiny file's first literal and block headers */
  return len > (SIZE_MAX - slack) / MSL_DEFLATE_MAX_RATIO ? SIZE_MAX
                                                          : len * MSL_DEFLATE_MAX_RATIO + slack;
}

void msl_gunzip_end(msl_gunzip *g) {
  if (g->ready) inflateEnd(&g->z);
  g->ready = 0;
}
