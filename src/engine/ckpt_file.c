/* ckpt_file.c: checkpoint files (ckpt.h; layout in docs/checkpoints.md).
 *
 *   0  8  magic "MSLCKPT\0"
 *   8  4  u32 format version (1)
 *  12  4  u32 CRC32 (zlib) of every byte from offset 16 to the end
 *  16  8  u64 fingerprint: FNV-1a 64 of the configuration text
 *  24  8  u64 C, length of the configuration text
 *  32  8  u64 P, length of the payload
 *  40  C  configuration text: "key=value" lines
 *  40+C P payload: records (ckpt.c)
 * All little-endian; the file is exactly 40 + C + P bytes. */
#include "ckpt.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "msl/error.h"

enum { HEADER = 40, VERSION = 1 };
static const char MAGIC[8] = {'M', 'S', 'L', 'C', 'K', 'P', 'T', '\0'};

uint64_t msl_ckpt_fingerprint(const char *config) {
  uint64_t h = 14695981039346656037ull;
  for (const unsigned char *p = (const unsigned char *)config; *p; p++) {
    h ^= *p;
    h *= 1099511628211ull;
  }
  return h;
}

static int little_endian(void) {
  const uint32_t one = 1;
  unsigned char b;
  memcpy(&b, &one, 1);
  return b == 1;
}

/* CRC32 of n bytes, in pieces zlib's uInt can take. */
static uint32_t crc_of(uint32_t crc, const unsigned char *p, size_t n) {
  while (n) {
    uInt k = n > (1u << 30) ? (1u << 30) : (uInt)n;
    crc = (uint32_t)crc32(crc, p, k);
    p += k;
    n -= k;
  }
  return crc;
}

static int write_all(int fd, const void *p, size_t n) {
  const unsigned char *b = p;
  while (n) {
    ssize_t w = write(fd, b, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return -1;
    b += w;
    n -= (size_t)w;
  }
  return 0;
}

/* fsync the folder holding path, so that the rename is durable. */
static int sync_dir(const char *path) {
  const char *slash = strrchr(path, '/');
  char dir[4096];
  if (!slash) snprintf(dir, sizeof dir, ".");
  else if (slash == path) snprintf(dir, sizeof dir, "/");
  else snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
  int fd = open(dir, O_RDONLY | O_DIRECTORY);
  if (fd < 0) return -1;
  int rc = fsync(fd) && errno != EINVAL ? -1 : 0; /* some file systems cannot */
  close(fd);
  return rc;
}

/* The payload's sink: the file and a running CRC32 and length. */
typedef struct {
  int fd;
  uint32_t crc;
  uint64_t len;
} out_file;

static int to_file(void *ctx, const unsigned char *p, size_t n) {
  out_file *o = ctx;
  if (write_all(o->fd, p, n)) return -1;
  o->crc = crc_of(o->crc, p, n);
  o->len += n;
  return 0;
}

/* Write the whole file to fd: a provisional header, the text, the payload
 * streamed from fn, then the real header. 0 or -1 (errno). */
static int write_file(int fd, const char *config, msl_ckpt_state_fn fn, void *ctx, int *state_err) {
  unsigned char h[HEADER] = {0};
  const size_t C = strlen(config);
  if (write_all(fd, h, HEADER) || write_all(fd, config, C)) return -1;
  out_file o = {fd, (uint32_t)crc32(0, Z_NULL, 0), 0};
  msl_ckpt *w = msl_ckpt_writer_sink(to_file, &o);
  int bad = !w || fn(w, ctx) || msl_ckpt_flush(w);
  msl_ckpt_free(w);
  if (bad) return *state_err = 1, -1;
  uint32_t version = VERSION;
  uint64_t fp = msl_ckpt_fingerprint(config), c64 = C, p64 = o.len;
  memcpy(h, MAGIC, 8);
  memcpy(h + 8, &version, 4);
  memcpy(h + 16, &fp, 8);
  memcpy(h + 24, &c64, 8);
  memcpy(h + 32, &p64, 8);
  /* CRC of bytes 16.. = CRC(header tail, text) combined with the payload's */
  uint32_t crc = crc_of((uint32_t)crc32(0, Z_NULL, 0), h + 16, HEADER - 16);
  crc = crc_of(crc, (const unsigned char *)config, C);
  crc = (uint32_t)crc32_combine(crc, o.crc, (z_off_t)o.len);
  memcpy(h + 12, &crc, 4);
  if (pwrite(fd, h, HEADER, 0) != HEADER) return -1;
  return fsync(fd);
}

int msl_ckpt_file_write(const char *path, const char *config, msl_ckpt_state_fn fn, void *ctx) {
  if (!little_endian()) return msl_error_set("%s: checkpoints need a little-endian machine", path);
  size_t pl = strlen(path);
  char *tmp = malloc(pl + 5);
  if (!tmp) return msl_error_set("%s: out of memory", path);
  memcpy(tmp, path, pl);
  memcpy(tmp + pl, ".tmp", 5);
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    msl_error_set("%s: cannot write the checkpoint: %s", tmp, strerror(errno));
    free(tmp);
    return -1;
  }
  int state_err = 0;
  int rc = write_file(fd, config, fn, ctx, &state_err);
  int e = errno;
  if (close(fd)) rc = -1;
  if (rc) {
    if (!state_err) msl_error_set("%s: cannot write the checkpoint: %s", tmp, strerror(e ? e : EIO));
    unlink(tmp);
  } else if (rename(tmp, path)) {
    msl_error_set("%s: cannot rename %s to it: %s", path, tmp, strerror(errno));
    unlink(tmp);
    rc = -1;
  } else if (sync_dir(path)) {
    rc = msl_error_set("%s: cannot sync its folder: %s", path, strerror(errno));
  }
  free(tmp);
  return rc ? -1 : 0;
}

/* The whole file into *buf (*n bytes); 0, 1 when it does not exist, -1. */
static int slurp(const char *path, unsigned char **buf, size_t *n) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return 1;
    return msl_error_set("%s: cannot read the checkpoint: %s", path, strerror(errno));
  }
  struct stat st;
  if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
    close(fd);
    return msl_error_set("%s: not a regular file", path);
  }
  size_t len = (size_t)st.st_size, got = 0;
  unsigned char *b = malloc(len ? len : 1);
  if (!b) {
    close(fd);
    return msl_error_set("%s: out of memory reading the checkpoint (%zu bytes)", path, len);
  }
  while (got < len) {
    ssize_t r = read(fd, b + got, len - got);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    got += (size_t)r;
  }
  close(fd);
  *buf = b;
  *n = got;
  return 0;
}

/* The first line where the two configuration texts differ, into m. */
static void first_difference(const char *a, size_t na, const char *b, char *m, size_t mlen) {
  size_t i = 0, ls = 0;
  size_t nb = strlen(b);
  while (i < na && i < nb && a[i] == b[i]) {
    if (a[i] == '\n') ls = i + 1;
    i++;
  }
  const char *ea = memchr(a + ls, '\n', na - ls), *eb = strchr(b + ls, '\n');
  int la = (int)((ea ? (size_t)(ea - a) : na) - ls), lb = (int)((eb ? (size_t)(eb - b) : nb) - ls);
  snprintf(m, mlen, "checkpoint: %.*s; this run: %.*s", la > 0 ? la : 6, la > 0 ? a + ls : "(none)",
           lb > 0 ? lb : 6, lb > 0 ? b + ls : "(none)");
}

/* Read path and check everything but the configuration: 1 with the file in
 * *buf (len bytes), its text at *text (C bytes) and payload after it (P
 * bytes); 0 when it does not exist; -1. */
static int load_checked(const char *path, unsigned char **buf, const char **text, uint64_t *C,
                        uint64_t *P, uint64_t *fp) {
  if (!little_endian()) return msl_error_set("%s: checkpoints need a little-endian machine", path);
  unsigned char *b = NULL;
  size_t len = 0;
  int s = slurp(path, &b, &len);
  if (s) return s > 0 ? 0 : -1;
  uint32_t version, crc;
  if (len < 8 || memcmp(b, MAGIC, 8)) {
    msl_error_set("%s: not an msl checkpoint (no MSLCKPT magic)", path);
    goto out;
  }
  if (len < HEADER) {
    msl_error_set("%s: truncated checkpoint (%zu bytes, less than its %d-byte header)", path, len,
                  HEADER);
    goto out;
  }
  memcpy(&version, b + 8, 4);
  memcpy(&crc, b + 12, 4);
  memcpy(fp, b + 16, 8);
  memcpy(C, b + 24, 8);
  memcpy(P, b + 32, 8);
  if (version != VERSION) {
    msl_error_set("%s: checkpoint format version %u; this msl reads version %d", path, version,
                  VERSION);
    goto out;
  }
  if (*C > len || *P > len || HEADER + *C + *P != len) {
    msl_error_set("%s: truncated or damaged checkpoint (%zu bytes; its header says %llu)", path,
                  len, (unsigned long long)(HEADER + *C + *P));
    goto out;
  }
  uint32_t got = crc_of((uint32_t)crc32(0, Z_NULL, 0), b + 16, len - 16);
  if (got != crc) {
    msl_error_set("%s: damaged checkpoint (CRC32 %08x, the header says %08x)", path, got, crc);
    goto out;
  }
  *buf = b;
  *text = (const char *)b + HEADER;
  return 1;
out:
  free(b);
  return -1;
}

int msl_ckpt_file_read(const char *path, const char *config, unsigned char **payload, size_t *n) {
  unsigned char *b;
  const char *text;
  uint64_t C, P, fp;
  int s = load_checked(path, &b, &text, &C, &P, &fp);
  if (s <= 0) return s;
  if (fp != msl_ckpt_fingerprint(config) || C != strlen(config) || memcmp(text, config, C)) {
    char m[400];
    first_difference(text, (size_t)C, config, m, sizeof m);
    msl_error_set("%s: checkpoint was written by a different configuration (%s)", path, m);
    free(b);
    return -1;
  }
  /* The payload moves to the front of the file's buffer (no second copy). */
  *n = (size_t)P;
  memmove(b, b + HEADER + C, *n);
  *payload = b;
  return 1;
}

int msl_ckpt_file_peek(const char *path, char **config, unsigned char **payload, size_t *n) {
  unsigned char *b;
  const char *text;
  uint64_t C, P, fp;
  int s = load_checked(path, &b, &text, &C, &P, &fp);
  if (s <= 0) return s;
  if (memchr(text, '\0', (size_t)C)) {
    free(b);
    return msl_error_set("%s: damaged checkpoint (a NUL in its configuration text)", path);
  }
  /* text NUL-terminated at the front, the payload after it: one block. */
  memmove(b, text, (size_t)C);
  b[C] = '\0';
  memmove(b + C + 1, b + HEADER + C, (size_t)P);
  *config = (char *)b;
  *payload = b + C + 1;
  *n = (size_t)P;
  return 1;
}
