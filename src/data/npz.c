/* npz.c: NumPy .npz (zip of .npy) reader on libzip; see msl/npz.h.
 *
 * The .npy header is a Python dict literal, e.g.
 *   {'descr': '<f8', 'fortran_order': False, 'shape': (346, 400), }
 * which we parse with a small tokenizer: exactly the three keys NumPy writes,
 * each once, and nothing else (NumPy itself rejects anything else too). */
#include "msl/npz.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

struct msl_npz {
  zip_t *za;
  char *path;
};

/* ---- .npy header ------------------------------------------------------ */

typedef struct {
  const char *p, *end;
} cursor;

static void skip_ws(cursor *c) {
  while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
    c->p++;
}

/* Consume character ch (after blanks); 0 if it is not there. */
static int eat(cursor *c, char ch) {
  skip_ws(c);
  if (c->p < c->end && *c->p == ch) {
    c->p++;
    return 1;
  }
  return 0;
}

/* A quoted Python string into out; -1 if malformed or too long. */
static int parse_str(cursor *c, char *out, size_t n) {
  skip_ws(c);
  if (c->p >= c->end || (*c->p != '\'' && *c->p != '"')) return -1;
  char q = *c->p++;
  size_t k = 0;
  while (c->p < c->end && *c->p != q) {
    if (k + 1 >= n) return -1;
    out[k++] = *c->p++;
  }
  if (c->p >= c->end) return -1;
  c->p++;
  out[k] = '\0';
  return 0;
}

/* A tuple of non-negative integers: (), (n,), (n, m), ... */
static int parse_shape(cursor *c, size_t *shape, int *ndim, char *err, size_t errlen) {
  if (!eat(c, '(')) {
    snprintf(err, errlen, "bad header: 'shape' is not a tuple");
    return -1;
  }
  *ndim = 0;
  for (;;) {
    if (eat(c, ')')) return 0;
    skip_ws(c);
    if (c->p >= c->end || *c->p < '0' || *c->p > '9') {
      snprintf(err, errlen, "bad header: 'shape' holds something other than non-negative integers");
      return -1;
    }
    if (*ndim == MSL_ARRAY_MAXDIM) {
      snprintf(err, errlen, "unsupported shape: more than %d dimensions", MSL_ARRAY_MAXDIM);
      return -1;
    }
    size_t v = 0;
    while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
      if (v > (SIZE_MAX - 9) / 10) {
        snprintf(err, errlen, "bad header: 'shape' dimension too large");
        return -1;
      }
      v = v * 10 + (size_t)(*c->p++ - '0');
    }
    if (c->p < c->end && (*c->p == 'L' || *c->p == 'l')) c->p++; /* Python 2 long */
    shape[(*ndim)++] = v;
    if (eat(c, ')')) return 0;
    if (!eat(c, ',')) {
      snprintf(err, errlen, "bad header: 'shape' tuple is malformed");
      return -1;
    }
  }
}

typedef struct {
  char kind;    /* 'f', 'i', 'u', 'b' */
  int size;     /* bytes per item */
  int swap;     /* byte order differs from this host's */
  int fortran;
  int ndim;
  size_t shape[MSL_ARRAY_MAXDIM];
} npy_header;

static int host_is_little(void) {
  const uint16_t one = 1;
  unsigned char b;
  memcpy(&b, &one, 1);
  return b == 1;
}

static int parse_descr(const char *d, npy_header *h, char *err, size_t errlen) {
  char order = d[0];
  const char *t = d + 1;
  if (order != '<' && order != '>' && order != '|' && order != '=') {
    order = '=';
    t = d;
  }
  char kind = t[0];
  int size = 0;
  if (kind && t[1] >= '1' && t[1] <= '9' && t[2] == '\0') size = t[1] - '0';
  int ok = (kind == 'f' && (size == 4 || size == 8)) ||
           ((kind == 'i' || kind == 'u') && (size == 1 || size == 2 || size == 4 || size == 8)) ||
           (kind == 'b' && size == 1);
  if (!ok) {
    snprintf(err, errlen, "unsupported dtype '%s' (expected float64, float32 or an integer type)", d);
    return -1;
  }
  h->kind = kind;
  h->size = size;
  int little = order == '<' || ((order == '|' || order == '=') && host_is_little());
  h->swap = size > 1 && little != host_is_little();
  return 0;
}

static int parse_header(const char *s, size_t n, npy_header *h, char *err, size_t errlen) {
  cursor c = {s, s + n};
  int seen_descr = 0, seen_fortran = 0, seen_shape = 0;
  if (!eat(&c, '{')) {
    snprintf(err, errlen, "bad header: not a dict");
    return -1;
  }
  while (!eat(&c, '}')) {
    char key[32], val[32];
    if (parse_str(&c, key, sizeof key) || !eat(&c, ':')) {
      snprintf(err, errlen, "bad header: expected 'key': value");
      return -1;
    }
    if (strcmp(key, "descr") == 0 && !seen_descr) {
      if (parse_str(&c, val, sizeof val)) {
        snprintf(err, errlen, "bad header: 'descr' is not a simple type string");
        return -1;
      }
      if (parse_descr(val, h, err, errlen)) return -1;
      seen_descr = 1;
    } else if (strcmp(key, "fortran_order") == 0 && !seen_fortran) {
      skip_ws(&c);
      if ((size_t)(c.end - c.p) >= 4 && memcmp(c.p, "True", 4) == 0) {
        h->fortran = 1;
        c.p += 4;
      } else if ((size_t)(c.end - c.p) >= 5 && memcmp(c.p, "False", 5) == 0) {
        h->fortran = 0;
        c.p += 5;
      } else {
        snprintf(err, errlen, "bad header: 'fortran_order' is not True or False");
        return -1;
      }
      seen_fortran = 1;
    } else if (strcmp(key, "shape") == 0 && !seen_shape) {
      if (parse_shape(&c, h->shape, &h->ndim, err, errlen)) return -1;
      seen_shape = 1;
    } else {
      snprintf(err, errlen, "bad header: unexpected or repeated key '%s'", key);
      return -1;
    }
    if (!eat(&c, ',')) {
      if (eat(&c, '}')) break;
      snprintf(err, errlen, "bad header: expected ',' or '}' after '%s'", key);
      return -1;
    }
  }
  if (!seen_descr || !seen_fortran || !seen_shape) {
    snprintf(err, errlen, "bad header: missing key '%s'",
             !seen_descr ? "descr" : !seen_fortran ? "fortran_order" : "shape");
    return -1;
  }
  return 0;
}

/* One item at p as double, with the header's dtype and byte order. */
static double item(const unsigned char *p, const npy_header *h) {
  unsigned char b[8];
  for (int k = 0; k < h->size; k++) b[k] = h->swap ? p[h->size - 1 - k] : p[k];
  switch (h->kind) {
    case 'f':
      if (h->size == 8) {
        double x;
        memcpy(&x, b, 8);
        return x;
      } else {
        float x;
        memcpy(&x, b, 4);
        return x;
      }
    case 'i':
      switch (h->size) {
        case 1: { int8_t x; memcpy(&x, b, 1); return x; }
        case 2: { int16_t x; memcpy(&x, b, 2); return x; }
        case 4: { int32_t x; memcpy(&x, b, 4); return x; }
        default: { int64_t x; memcpy(&x, b, 8); return (double)x; }
      }
    default: /* 'u', 'b' */
      switch (h->size) {
        case 1: return b[0];
        case 2: { uint16_t x; memcpy(&x, b, 2); return x; }
        case 4: { uint32_t x; memcpy(&x, b, 4); return x; }
        default: { uint64_t x; memcpy(&x, b, 8); return (double)x; }
      }
  }
}

/* Offset in a Fortran-ordered array of the element whose C-order index is k. */
static size_t fortran_offset(size_t k, const npy_header *h) {
  size_t off = 0, stride = 1, rest = k, idx[MSL_ARRAY_MAXDIM];
  for (int d = h->ndim - 1; d >= 0; d--) {
    idx[d] = rest % h->shape[d];
    rest /= h->shape[d];
  }
  for (int d = 0; d < h->ndim; d++) {
    off += idx[d] * stride;
    stride *= h->shape[d];
  }
  return off;
}

static void shape_str(const npy_header *h, char *s, size_t n) {
  size_t k = (size_t)snprintf(s, n, "(");
  for (int d = 0; d < h->ndim && k < n; d++)
    k += (size_t)snprintf(s + k, n - k, d ? ", %zu" : "%zu", h->shape[d]);
  if (k < n) snprintf(s + k, n - k, h->ndim == 1 ? ",)" : ")");
}

int msl_npy_parse(const void *buf, size_t len, msl_array *out, char *err, size_t errlen) {
  const unsigned char *b = buf;
  memset(out, 0, sizeof *out);
  if (len < 10 || memcmp(b, "\x93NUMPY", 6) != 0) {
    snprintf(err, errlen, len < 6 ? "truncated: shorter than a .npy header"
                                  : "bad magic: not a .npy file");
    return -1;
  }
  size_t hlen, off;
  if (b[6] == 1) {
    hlen = (size_t)b[8] | (size_t)b[9] << 8;
    off = 10;
  } else if (b[6] == 2 || b[6] == 3) {
    if (len < 12) {
      snprintf(err, errlen, "truncated: shorter than a .npy header");
      return -1;
    }
    hlen = (size_t)b[8] | (size_t)b[9] << 8 | (size_t)b[10] << 16 | (size_t)b[11] << 24;
    off = 12;
  } else {
    snprintf(err, errlen, "unsupported .npy format version %d.%d", b[6], b[7]);
    return -1;
  }
  if (hlen > len - off) {
    snprintf(err, errlen, "truncated: header says %zu bytes, only %zu follow", hlen, len - off);
    return -1;
  }
  npy_header h = {0};
  if (parse_header((const char *)b + off, hlen, &h, err, errlen)) return -1;
  off += hlen;

  size_t size = 1;
  for (int d = 0; d < h.ndim; d++) {
    if (h.shape[d] && size > SIZE_MAX / 16 / h.shape[d]) {
      snprintf(err, errlen, "bad header: shape too large");
      return -1;
    }
    size *= h.shape[d];
  }
  size_t need = size * (size_t)h.size, have = len - off;
  if (have != need) {
    char sh[96];
    shape_str(&h, sh, sizeof sh);
    snprintf(err, errlen, "%s: shape %s needs %zu bytes of data, the member has %zu",
             have < need ? "truncated" : "size mismatch", sh, need, have);
    return -1;
  }
  double *data = malloc((size ? size : 1) * sizeof *data);
  if (!data) {
    snprintf(err, errlen, "out of memory (%zu elements)", size);
    return -1;
  }
  const unsigned char *src = b + off;
  for (size_t k = 0; k < size; k++) {
    size_t at = h.fortran ? fortran_offset(k, &h) : k;
    data[k] = item(src + at * (size_t)h.size, &h);
  }
  out->data = data;
  out->ndim = h.ndim;
  for (int d = 0; d < MSL_ARRAY_MAXDIM; d++) out->shape[d] = d < h.ndim ? h.shape[d] : 1;
  out->size = size;
  return 0;
}

void msl_array_free(msl_array *a) {
  if (!a) return;
  free(a->data);
  memset(a, 0, sizeof *a);
}

/* ---- zip archive ------------------------------------------------------ */

msl_npz *msl_npz_open(const char *path, char *err, size_t errlen) {
  int code = 0;
  zip_t *za = zip_open(path, ZIP_RDONLY, &code);
  if (!za) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, code);
    if (code == ZIP_ER_NOZIP)
      snprintf(err, errlen, "%s: not a zip archive (.npz), or damaged: %s", path,
               zip_error_strerror(&ze));
    else
      snprintf(err, errlen, "%s: cannot open: %s", path, zip_error_strerror(&ze));
    zip_error_fini(&ze);
    return NULL;
  }
  msl_npz *z = calloc(1, sizeof *z);
  if (!z || !(z->path = strdup(path))) {
    free(z);
    zip_discard(za);
    snprintf(err, errlen, "%s: out of memory", path);
    return NULL;
  }
  z->za = za;
  return z;
}

const char *msl_npz_path(const msl_npz *z) { return z->path; }

static zip_int64_t locate(msl_npz *z, const char *name) {
  char member[512];
  snprintf(member, sizeof member, "%s.npy", name);
  zip_int64_t i = zip_name_locate(z->za, member, 0);
  return i >= 0 ? i : zip_name_locate(z->za, name, 0);
}

int msl_npz_has(msl_npz *z, const char *name) { return locate(z, name) >= 0; }

/* "FILE: NAME: " + formatted message. */
static int fail(char *err, size_t errlen, const msl_npz *z, const char *name, const char *fmt,
                ...) {
  int k = snprintf(err, errlen, "%s: %s: ", z->path, name);
  if (k >= 0 && (size_t)k < errlen) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err + k, errlen - (size_t)k, fmt, ap);
    va_end(ap);
  }
  return -1;
}

int msl_npz_array(msl_npz *z, const char *name, msl_array *out, char *err, size_t errlen) {
  memset(out, 0, sizeof *out);
  zip_int64_t idx = locate(z, name);
  if (idx < 0) return fail(err, errlen, z, name, "missing array (no member '%s.npy')", name);
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(z->za, (zip_uint64_t)idx, 0, &st) || !(st.valid & ZIP_STAT_SIZE))
    return fail(err, errlen, z, name, "damaged member: %s", zip_strerror(z->za));
  if (st.size > ((zip_uint64_t)1 << 34))
    return fail(err, errlen, z, name, "member too large (%llu bytes)", (unsigned long long)st.size);
  size_t n = (size_t)st.size;
  unsigned char *buf = malloc(n ? n : 1);
  if (!buf) return fail(err, errlen, z, name, "out of memory (%zu bytes)", n);
  zip_file_t *f = zip_fopen_index(z->za, (zip_uint64_t)idx, 0);
  if (!f) {
    free(buf);
    return fail(err, errlen, z, name, "cannot read member: %s", zip_strerror(z->za));
  }
  size_t got = 0;
  int bad = 0;
  while (got < n) {
    zip_int64_t r = zip_fread(f, buf + got, n - got);
    if (r < 0) {
      fail(err, errlen, z, name, "damaged member: %s", zip_file_strerror(f));
      bad = 1;
      break;
    }
    if (r == 0) break;
    got += (size_t)r;
  }
  if (!bad && got < n) {
    fail(err, errlen, z, name, "truncated member: %zu of %zu bytes", got, n);
    bad = 1;
  }
  if (zip_fclose(f) != 0 && !bad) {
    fail(err, errlen, z, name, "damaged member (checksum or compressed data)");
    bad = 1;
  }
  if (!bad) {
    char why[256];
    if (msl_npy_parse(buf, n, out, why, sizeof why)) {
      fail(err, errlen, z, name, "%s", why);
      bad = 1;
    }
  }
  free(buf);
  return bad ? -1 : 0;
}

void msl_npz_close(msl_npz *z) {
  if (!z) return;
  zip_discard(z->za); /* read-only: nothing to write back */
  free(z->path);
  free(z);
}
