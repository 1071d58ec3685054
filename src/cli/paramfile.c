/* paramfile.c: flat JSON objects of device parameters (paramfile.h). */
#include "paramfile.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  const char *s;
  size_t n, i;
  int line;
  char *err;
  size_t errlen;
} cursor;

static int fail(cursor *c, const char *what) {
  snprintf(c->err, c->errlen, "line %d: %s", c->line, what);
  return -1;
}

static void skip_ws(cursor *c) {
  while (c->i < c->n && (c->s[c->i] == ' ' || c->s[c->i] == '\t' || c->s[c->i] == '\r' ||
                         c->s[c->i] == '\n')) {
    if (c->s[c->i] == '\n') c->line++;
    c->i++;
  }
}

/* A string without escapes into out (cap bytes); the cursor is on '"'. */
static int string(cursor *c, char *out, size_t cap) {
  size_t k = 0;
  for (c->i++; c->i < c->n && c->s[c->i] != '"'; c->i++) {
    unsigned char ch = (unsigned char)c->s[c->i];
    if (ch == '\\') return fail(c, "escapes in strings are not supported");
    if (ch < 0x20) return fail(c, "unterminated string");
    if (k + 1 >= cap) return fail(c, "string too long");
    out[k++] = (char)ch;
  }
  if (c->i >= c->n) return fail(c, "unterminated string");
  c->i++;
  out[k] = '\0';
  return 0;
}

static int number(cursor *c, double *x) {
  char buf[64];
  size_t k = 0;
  while (c->i < c->n && k + 1 < sizeof buf && strchr("+-0123456789.eE", c->s[c->i]))
    buf[k++] = c->s[c->i++];
  buf[k] = '\0';
  char *end;
  errno = 0;
  *x = strtod(buf, &end);
  if (k == 0 || *end || !isfinite(*x)) return fail(c, "expected a finite number");
  return 0;
}

static int word(cursor *c, const char *w) {
  size_t l = strlen(w);
  if (c->n - c->i < l || memcmp(c->s + c->i, w, l) != 0) return 0;
  c->i += l;
  return 1;
}

int paramfile_parse(const char *text, size_t len, paramfile *pf, char *err, size_t errlen) {
  cursor c = {text, len, 0, 1, err, errlen};
  pf->n = 0;
  skip_ws(&c);
  if (c.i >= c.n || text[c.i] != '{') return fail(&c, "expected a JSON object '{'");
  c.i++;
  skip_ws(&c);
  if (c.i < c.n && text[c.i] == '}') c.i++;
  else
    for (;;) {
      skip_ws(&c);
      if (c.i >= c.n || text[c.i] != '"') return fail(&c, "expected a key in double quotes");
      if (pf->n == PARAMFILE_MAX) return fail(&c, "too many keys");
      paramfile_entry *e = &pf->v[pf->n];
      memset(e, 0, sizeof *e);
      e->line = c.line;
      if (string(&c, e->key, sizeof e->key)) return -1;
      skip_ws(&c);
      if (c.i >= c.n || text[c.i] != ':') return fail(&c, "expected ':' after the key");
      c.i++;
      skip_ws(&c);
      if (c.i >= c.n) return fail(&c, "expected a value");
      int keep = 1;
      if (text[c.i] == '"') {
        e->is_text = 1;
        if (string(&c, e->text, sizeof e->text)) return -1;
      } else if (word(&c, "true") || word(&c, "false") || word(&c, "null")) {
        keep = 0;
      } else if (number(&c, &e->value)) {
        return -1;
      }
      pf->n += keep;
      skip_ws(&c);
      if (c.i < c.n && text[c.i] == ',') {
        c.i++;
        continue;
      }
      if (c.i < c.n && text[c.i] == '}') {
        c.i++;
        break;
      }
      return fail(&c, "expected ',' or '}'");
    }
  skip_ws(&c);
  if (c.i != c.n) return fail(&c, "text after the object");
  return 0;
}

int paramfile_load(const char *path, paramfile *pf, char *err, size_t errlen) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return -1;
  }
  enum { CAP = 1 << 16 };
  char *buf = malloc(CAP + 1);
  size_t n = buf ? fread(buf, 1, CAP + 1, f) : 0;
  int rd = buf && !ferror(f);
  fclose(f);
  char why[200];
  int rc = -1;
  if (!rd) snprintf(why, sizeof why, "cannot read the file");
  else if (n > CAP) snprintf(why, sizeof why, "larger than 64 KiB: not a parameter file");
  else rc = paramfile_parse(buf, n, pf, why, sizeof why);
  if (rc) snprintf(err, errlen, "%s: %s", path, why);
  free(buf);
  return rc;
}
