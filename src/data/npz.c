/* npz.c: NumPy .npz (zip of .npy) reader on libzip; see msl/npz.h.
 *
 * Every size a member declares is checked against what the archive can hold
 * (its compressed size against the archive's size, its uncompressed size
 * against what that many compressed bytes can inflate to) before anything is
 * allocated, and the buffer then grows with the bytes actually read, so a
 * damaged or hostile directory entry cannot make us allocate gigabytes. */
#include "msl/npz.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "file.h"
#include "msl/error.h"

struct msl_npz {
  zip_t *za;
  char *path;
  size_t size; /* of the archive, bytes */
};

/* Deflate's best ratio: 258 bytes per 2-bit match, 1032:1. */
enum { DEFLATE_MAX_RATIO = 1032 };

static msl_npz *open_failed(const char *path, int code) {
  zip_error_t ze;
  zip_error_init_with_code(&ze, code);
  if (code == ZIP_ER_NOZIP)
    msl_error_set("%s: not a zip archive (.npz), or damaged: %s", path, zip_error_strerror(&ze));
  else
    msl_error_set("%s: cannot open: %s", path, zip_error_strerror(&ze));
  zip_error_fini(&ze);
  return NULL;
}

/* The msl_npz around an open archive (discarded on failure). */
static msl_npz *wrap(zip_t *za, const char *path, size_t size) {
  msl_npz *z = calloc(1, sizeof *z);
  if (!z || !(z->path = strdup(path))) {
    free(z);
    zip_discard(za);
    msl_error_set("%s: out of memory", path);
    return NULL;
  }
  z->za = za;
  z->size = size;
  return z;
}

msl_npz *msl_npz_open(const char *path) {
  size_t size;
  int fd = msl_file_open_regular(path, &size), code = 0;
  if (fd < 0) return NULL;
  zip_t *za = zip_fdopen(fd, 0, &code); /* owns fd from here on success */
  if (!za) {
    close(fd);
    return open_failed(path, code);
  }
  return wrap(za, path, size);
}

msl_npz *msl_npz_open_buffer(const void *buf, size_t len, const char *name) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(buf, len, 0, &ze);
  zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
  if (!za) {
    int code = zip_error_code_zip(&ze);
    zip_error_fini(&ze);
    zip_source_free(src);
    return open_failed(name, code);
  }
  zip_error_fini(&ze);
  return wrap(za, name, len);
}

const char *msl_npz_path(const msl_npz *z) { return z->path; }

static zip_int64_t locate(msl_npz *z, const char *name) {
  char member[512];
  snprintf(member, sizeof member, "%s.npy", name);
  zip_int64_t i = zip_name_locate(z->za, member, 0);
  return i >= 0 ? i : zip_name_locate(z->za, name, 0);
}

int msl_npz_has(msl_npz *z, const char *name) { return locate(z, name) >= 0; }

int msl_npz_count(const msl_npz *z) {
  zip_int64_t n = zip_get_num_entries(z->za, 0);
  return n < 0 ? 0 : n > 1000000 ? 1000000 : (int)n;
}

const char *msl_npz_member(const msl_npz *z, int i) {
  return i < 0 ? NULL : zip_get_name(z->za, (zip_uint64_t)i, 0);
}

/* "FILE: NAME: " + formatted message; returns -1. */
static int fail(const msl_npz *z, const char *name, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static int fail(const msl_npz *z, const char *name, const char *fmt, ...) {
  char why[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(why, sizeof why, fmt, ap);
  va_end(ap);
  return msl_error_set("%s: %s: %s", z->path, name, why);
}

/* Whether the sizes member st declares fit in the archive; -1 + message if not. */
static int check_sizes(const msl_npz *z, const char *name, const zip_stat_t *st) {
  const zip_uint64_t need = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD;
  if ((st->valid & need) != need) return fail(z, name, "damaged member: sizes unknown");
  unsigned long long size = st->size, comp = st->comp_size;
  if (comp > z->size)
    return fail(z, name, "damaged member: %llu compressed bytes, but the archive has only %zu",
                comp, z->size);
  if (st->comp_method == ZIP_CM_STORE && size != comp)
    return fail(z, name, "damaged member: stored uncompressed, but declares %llu bytes for %llu "
                "stored", size, comp);
  if (st->comp_method == ZIP_CM_DEFLATE && size / DEFLATE_MAX_RATIO > comp)
    return fail(z, name, "damaged member: declares %llu bytes, more than its %llu deflated bytes "
                "can hold", size, comp);
  if (st->comp_method != ZIP_CM_STORE && st->comp_method != ZIP_CM_DEFLATE)
    return fail(z, name, "compression method %d not supported (stored or deflated only)",
                (int)st->comp_method);
  return 0;
}

/* Read the n bytes of an open member into *buf, the buffer growing with the
 * bytes actually read (so at most twice what the member really holds). */
static int read_member(const msl_npz *z, const char *name, zip_file_t *f, size_t n,
                       unsigned char **buf) {
  size_t got = 0, cap = n < 65536 ? n : 65536;
  unsigned char *b = malloc(cap ? cap : 1);
  if (!b) return fail(z, name, "out of memory (%zu bytes)", cap);
  *buf = b;
  while (got < n) {
    if (got == cap) {
      size_t c = cap > n / 2 ? n : 2 * cap;
      if (!(b = realloc(*buf, c))) return fail(z, name, "out of memory (%zu bytes)", c);
      *buf = b;
      cap = c;
    }
    zip_int64_t r = zip_fread(f, b + got, cap - got);
    if (r < 0) return fail(z, name, "damaged member: %s", zip_file_strerror(f));
    if (r == 0) return fail(z, name, "truncated member: %zu of %zu bytes", got, n);
    got += (size_t)r;
  }
  return 0;
}

int msl_npz_array(msl_npz *z, const char *name, msl_array *out) {
  memset(out, 0, sizeof *out);
  zip_int64_t idx = locate(z, name);
  if (idx < 0) return fail(z, name, "missing array (no member '%s.npy')", name);
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(z->za, (zip_uint64_t)idx, 0, &st))
    return fail(z, name, "damaged member: %s", zip_strerror(z->za));
  if (check_sizes(z, name, &st)) return -1;
  size_t n = (size_t)st.size;
  zip_file_t *f = zip_fopen_index(z->za, (zip_uint64_t)idx, 0);
  if (!f) return fail(z, name, "cannot read member: %s", zip_strerror(z->za));
  unsigned char *buf = NULL;
  int bad = read_member(z, name, f, n, &buf);
  if (zip_fclose(f) != 0 && !bad)
    bad = fail(z, name, "damaged member (checksum or compressed data)");
  if (!bad && msl_npy_parse(buf, n, out)) bad = fail(z, name, "%s", msl_error());
  free(buf);
  return bad ? -1 : 0;
}

void msl_npz_close(msl_npz *z) {
  if (!z) return;
  zip_discard(z->za); /* read-only: nothing to write back */
  free(z->path);
  free(z);
}
