/* npy_parse.c: parsing one .npy file held in memory into doubles (see msl/npz.h).
 *
 * The .npy header is a Python dict literal, e.g.
 *   {'descr': '<f8', 'fortran_order': False, 'shape': (346, 400), }
 * which we parse with a small tokenizer: exactly the three keys NumPy writes,
 * each once, and nothing else (NumPy itself rejects anything else too).
 * Sizes are checked against the bytes present before anything is allocated,
 * so a header cannot make us allocate more than the data it came with. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msl/error.h"
#include "msl/npz.h"

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
static int parse_shape(cursor *c, size_t *shape, int *ndim) {
  if (!eat(c, '(')) {
    return msl_error_set("bad header: 'shape' is not a tuple");
  }
  *ndim = 0;
  for (;;) {
    if (eat(c, ')')) return 0;
    skip_ws(c);
    if (c->p >= c->end || *c->p < '0' || *c->p > '9') {
      return msl_error_set("bad header: 'shape' holds something other than non-negative integers");
    }
    if (*ndim == MSL_ARRAY_MAXDIM) {
      return msl_error_set("unsupported shape: more than %d dimensions", MSL_ARRAY_MAXDIM);
    }
    size_t v = 0;
    while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
      if (v > (SIZE_MAX - 9) / 10) {
        return msl_error_set("bad header: 'shape' dimension too large");
      }
      v = v * 10 + (size_t)(*c->p++ - '0');
    }
    if (c->p < c->end && (*c->p == 'L' || *c->p == 'l')) c->p++; /* Python 2 long */
    shape[(*ndim)++] = v;
    if (eat(c, ')')) return 0;
    if (!eat(c, ',')) {
      return msl_error_set("bad header: 'shape' tuple is malformed");
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

static int parse_descr(const char *d, npy_header *h) {
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
    return msl_error_set("unsupported dtype '%s' (expected float64, float32 or an integer type)", d);
  }
  h->kind = kind;
  h->size = size;
  int little = order == '<' || ((order == '|' || order == '=') && host_is_little());
  h->swap = size > 1 && little != host_is_little();
  return 0;
}

static int parse_header(const char *s, size_t n, npy_header *h) {
  cursor c = {s, s + n};
  int seen_descr = 0, seen_fortran = 0, seen_shape = 0;
  if (!eat(&c, '{')) {
    return msl_error_set("bad header: not a dict");
  }
  while (!eat(&c, '}')) {
    char key[32], val[32];
    if (parse_str(&c, key, sizeof key) || !eat(&c, ':')) {
      return msl_error_set("bad header: expected 'key': value");
    }
    if (strcmp(key, "descr") == 0 && !seen_descr) {
      if (parse_str(&c, val, sizeof val)) {
        return msl_error_set("bad header: 'descr' is not a simple type string");
      }
      if (parse_descr(val, h)) return -1;
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
        return msl_error_set("bad header: 'fortran_order' is not True or False");
      }
      seen_fortran = 1;
    } else if (strcmp(key, "shape") == 0 && !seen_shape) {
      if (parse_shape(&c, h->shape, &h->ndim)) return -1;
      seen_shape = 1;
    } else {
      return msl_error_set("bad header: unexpected or repeated key '%s'", key);
    }
    if (!eat(&c, ',')) {
      if (eat(&c, '}')) break;
      return msl_error_set("bad header: expected ',' or '}' after '%s'", key);
    }
  }
  if (!seen_descr || !seen_fortran || !seen_shape) {
    return msl_error_set("bad header: missing key '%s'",
             !seen_descr ? "descr" : !seen_fortran ? "fortran_order" : "shape");
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

int msl_npy_parse(const void *buf, size_t len, msl_array *out) {
  const unsigned char *b = buf;
  memset(out, 0, sizeof *out);
  if (len < 10 || memcmp(b, "\x93NUMPY", 6) != 0) {
    return msl_error_set(len < 6 ? "truncated: shorter than a .npy header"
                                  : "bad magic: not a .npy file");
  }
  size_t hlen, off;
  if (b[6] == 1) {
    hlen = (size_t)b[8] | (size_t)b[9] << 8;
    off = 10;
  } else if (b[6] == 2 || b[6] == 3) {
    if (len < 12) {
      return msl_error_set("truncated: shorter than a .npy header");
    }
    hlen = (size_t)b[8] | (size_t)b[9] << 8 | (size_t)b[10] << 16 | (size_t)b[11] << 24;
    off = 12;
  } else {
    return msl_error_set("unsupported .npy format version %d.%d", b[6], b[7]);
  }
  if (hlen > len - off) {
    return msl_error_set("truncated: header says %zu bytes, only %zu follow", hlen, len - off);
  }
  npy_header h = {0};
  if (parse_header((const char *)b + off, hlen, &h)) return -1;
  off += hlen;

  size_t size = 1;
  for (int d = 0; d < h.ndim; d++) {
    if (h.shape[d] && size > SIZE_MAX / 16 / h.shape[d]) {
      return msl_error_set("bad header: shape too large");
    }
    size *= h.shape[d];
  }
  size_t need = size * (size_t)h.size, have = len - off;
  if (have != need) {
    char sh[96];
    shape_str(&h, sh, sizeof sh);
    return msl_error_set("%s: shape %s needs %zu bytes of data, %zu follow the header",
             have < need ? "truncated" : "size mismatch", sh, need, have);
  }
  double *data = malloc((size ? size : 1) * sizeof *data);
  if (!data) {
    return msl_error_set("out of memory (%zu elements)", size);
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
