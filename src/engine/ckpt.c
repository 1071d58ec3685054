/* ckpt.c: typed records of a checkpoint payload (ckpt.h).
 *
 * A record is: u32 tag length, the tag (no terminator), u32 type, u64 count,
 * then count elements of the type, all little-endian (the file layer refuses
 * big-endian machines). */
#include "ckpt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msl/error.h"

enum { TAG_MAX = 255, SINK_BUF = 1 << 20 };

struct msl_ckpt {
  int loading;
  unsigned char *buf;       /* writer: owned */
  const unsigned char *in;  /* reader: borrowed */
  size_t len, cap, pos;
  const char *file;
  msl_ckpt_sink sink;       /* a streaming writer's output (NULL: all in buf) */
  void *sink_ctx;
};

static size_t type_size(msl_ck_type t) {
  switch (t) {
  case MSL_CK_U8: return 1;
  case MSL_CK_I32: case MSL_CK_U32: case MSL_CK_F32: return 4;
  case MSL_CK_I64: case MSL_CK_U64: case MSL_CK_F64: return 8;
  }
  return 0;
}

static const char *type_name(uint32_t t) {
  static const char *names[] = {"?", "u8", "i32", "u32", "i64", "u64", "f32", "f64"};
  return t < sizeof names / sizeof names[0] ? names[t] : "?";
}

msl_ckpt *msl_ckpt_writer(void) {
  msl_ckpt *c = calloc(1, sizeof *c);
  if (!c) msl_error_set("checkpoint: out of memory");
  return c;
}

msl_ckpt *msl_ckpt_writer_sink(msl_ckpt_sink sink, void *ctx) {
  msl_ckpt *c = msl_ckpt_writer();
  if (c) {
    c->sink = sink;
    c->sink_ctx = ctx;
  }
  return c;
}

int msl_ckpt_flush(msl_ckpt *c) {
  if (!c->sink || !c->len) return 0;
  size_t n = c->len;
  c->len = 0;
  return c->sink(c->sink_ctx, c->buf, n);
}

msl_ckpt *msl_ckpt_reader(const unsigned char *payload, size_t n, const char *file) {
  msl_ckpt *c = calloc(1, sizeof *c);
  if (!c) return msl_error_set("checkpoint: out of memory"), NULL;
  c->loading = 1;
  c->in = payload;
  c->len = n;
  c->file = file ? file : "checkpoint";
  return c;
}

void msl_ckpt_free(msl_ckpt *c) {
  if (!c) return;
  if (!c->loading) free(c->buf);
  free(c);
}

int msl_ckpt_loading(const msl_ckpt *c) { return c->loading; }

const unsigned char *msl_ckpt_bytes(const msl_ckpt *c, size_t *n) {
  *n = c->len;
  return c->buf;
}

static int put(msl_ckpt *c, const void *p, size_t n) {
  if (c->sink && c->len + n > SINK_BUF) { /* streaming: at most SINK_BUF held */
    if (msl_ckpt_flush(c)) return -1;
    if (n >= SINK_BUF) return c->sink(c->sink_ctx, p, n);
  }
  if (n > c->cap - c->len) {
    size_t cap = c->cap ? c->cap : 4096;
    while (cap - c->len < n) {
      if (cap > SIZE_MAX / 2) return msl_error_set("checkpoint: too large");
      cap *= 2;
    }
    unsigned char *b = realloc(c->buf, cap);
    if (!b) return msl_error_set("checkpoint: out of memory (%zu bytes)", cap);
    c->buf = b;
    c->cap = cap;
  }
  if (n) memcpy(c->buf + c->len, p, n);
  c->len += n;
  return 0;
}

/* The next n bytes of a reader, or NULL past the end. */
static const unsigned char *take(msl_ckpt *c, size_t n) {
  if (n > c->len - c->pos) return NULL;
  const unsigned char *p = c->in + c->pos;
  c->pos += n;
  return p;
}

static int bad(const msl_ckpt *c, const char *tag, const char *what) {
  return msl_error_set("%s: checkpoint record '%s': %s", c->file, tag, what);
}

int msl_ckpt_io(msl_ckpt *c, const char *tag, msl_ck_type type, void *p, size_t n) {
  const size_t tl = strlen(tag), es = type_size(type);
  if (tl > TAG_MAX || !es || n > SIZE_MAX / es)
    return msl_error_set("checkpoint: bad record '%s'", tag);
  const uint32_t tl32 = (uint32_t)tl, ty = (uint32_t)type;
  const uint64_t n64 = n;
  if (!c->loading)
    return put(c, &tl32, 4) || put(c, tag, tl) || put(c, &ty, 4) || put(c, &n64, 8) ||
                   put(c, p, n * es)
               ? -1
               : 0;
  const unsigned char *h = take(c, 4);
  uint32_t len, t;
  uint64_t cnt;
  if (!h) return bad(c, tag, "missing (the payload ends)");
  memcpy(&len, h, 4);
  const unsigned char *name = len <= TAG_MAX ? take(c, len) : NULL;
  if (!name) return bad(c, tag, "missing (bad record header)");
  if (len != tl || memcmp(name, tag, tl))
    return msl_error_set("%s: checkpoint record '%.*s' found where '%s' was expected", c->file,
                         (int)len, (const char *)name, tag);
  if (!(h = take(c, 12))) return bad(c, tag, "truncated header");
  memcpy(&t, h, 4);
  memcpy(&cnt, h + 4, 8);
  if (t != ty) {
    char m[96];
    snprintf(m, sizeof m, "type %s, expected %s", type_name(t), type_name(ty));
    return bad(c, tag, m);
  }
  if (cnt != n64) {
    char m[96];
    snprintf(m, sizeof m, "%llu elements, expected %llu", (unsigned long long)cnt,
             (unsigned long long)n64);
    return bad(c, tag, m);
  }
  const unsigned char *d = take(c, n * es);
  if (!d) return bad(c, tag, "truncated data");
  if (n) memcpy(p, d, n * es);
  return 0;
}

int msl_ckpt_find(const unsigned char *payload, size_t len, const char *tag, msl_ck_type type,
                  void *p, size_t n) {
  const size_t tl = strlen(tag), es = type_size(type);
  size_t at = 0;
  while (len - at >= 4) {
    uint32_t l, t;
    uint64_t cnt;
    memcpy(&l, payload + at, 4);
    if (l > TAG_MAX || len - at - 4 < (size_t)l + 12) return -1;
    const unsigned char *name = payload + at + 4;
    memcpy(&t, name + l, 4);
    memcpy(&cnt, name + l + 4, 8);
    size_t ts = type_size((msl_ck_type)t), data = at + 16 + l;
    if (!ts || cnt > (len - data) / ts) return -1;
    if (l == tl && !memcmp(name, tag, tl)) {
      if (t != (uint32_t)type || cnt != n) return -1;
      if (n) memcpy(p, payload + data, n * es);
      return 1;
    }
    at = data + (size_t)cnt * ts;
  }
  return at == len ? 0 : -1;
}

int msl_ckpt_count(msl_ckpt *c, const char *tag, int64_t *v, int64_t max) {
  if (msl_ckpt_i64(c, tag, v, 1)) return -1;
  if (c->loading && (*v < 0 || *v > max)) {
    char m[96];
    snprintf(m, sizeof m, "%lld out of range 0..%lld", (long long)*v, (long long)max);
    return bad(c, tag, m);
  }
  return 0;
}

int msl_ckpt_same(msl_ckpt *c, const char *tag, int64_t v) {
  int64_t got = v;
  if (msl_ckpt_i64(c, tag, &got, 1)) return -1;
  if (got != v) {
    char m[96];
    snprintf(m, sizeof m, "%lld in the checkpoint, %lld in this run", (long long)got, (long long)v);
    return bad(c, tag, m);
  }
  return 0;
}

int msl_ckpt_long(msl_ckpt *c, const char *tag, long *v) {
  int64_t x = *v;
  if (msl_ckpt_i64(c, tag, &x, 1)) return -1;
  *v = (long)x;
  return 0;
}

int msl_ckpt_end(msl_ckpt *c) {
  if (c->loading && c->pos != c->len)
    return msl_error_set("%s: checkpoint has %zu bytes after its last record", c->file,
                         c->len - c->pos);
  return 0;
}
