/* run_ckpt.c: a workload's checkpoint file (run_ckpt.h). */
#include "run_ckpt.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "msl/error.h"

void run_config_add(run_config *k, const char *key, const char *fmt, ...) {
  if (k->cap && !k->text) return; /* an earlier append failed */
  char val[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(val, sizeof val, fmt, ap);
  va_end(ap);
  size_t need = strlen(key) + strlen(val) + 3;
  if (k->len + need > k->cap) {
    size_t cap = 2 * (k->len + need) + 256;
    char *t = realloc(k->text, cap);
    if (!t) {
      free(k->text);
      k->text = NULL;
      k->cap = 1;
      return;
    }
    k->text = t;
    k->cap = cap;
  }
  k->len += (size_t)snprintf(k->text + k->len, k->cap - k->len, "%s=%s\n", key, val);
}

/* The shortest %g form of x that reads back as x. */
static void exact(char *buf, size_t n, double x) {
  for (int p = 15; p <= 17; p++) {
    snprintf(buf, n, "%.*g", p, x);
    if (strtod(buf, NULL) == x) return;
  }
}

void run_config_device(run_config *k, double lr, uint64_t seed, int quirks, const char *device,
                       const char *rule, const msl_params *ps) {
  char num[40];
  exact(num, sizeof num, lr);
  run_config_add(k, "--lr", "%s", num);
  run_config_add(k, "--seed", "%llu", (unsigned long long)seed);
  run_config_add(k, "--quirks", "%d", quirks);
  run_config_add(k, "--device", "%s", device);
  run_config_add(k, "--rule", "%s", rule ? rule : "(default)");
  int order[MSL_PARAMS_MAX];
  for (int i = 0; i < ps->n; i++) {
    int j = i;
    while (j > 0 && strcmp(ps->v[order[j - 1]].name, ps->v[i].name) > 0) {
      order[j] = order[j - 1];
      j--;
    }
    order[j] = i;
  }
  for (int q = 0; q < ps->n; q++) {
    const int i = order[q];
    char key[128];
    snprintf(key, sizeof key, "--%s", ps->v[i].name);
    if (ps->v[i].text) run_config_add(k, key, "%s", ps->v[i].text);
    else {
      exact(num, sizeof num, ps->v[i].value);
      run_config_add(k, key, "%s", num);
    }
  }
}

void run_config_data(run_config *k, const char *key, const uint8_t *p, size_t n) {
  uLong crc = crc32(0L, Z_NULL, 0);
  for (size_t off = 0; off < n; off += 1u << 30) {
    size_t m = n - off < (1u << 30) ? n - off : (1u << 30);
    crc = crc32(crc, p + off, (uInt)m);
  }
  run_config_add(k, key, "%zu bytes, crc32 %08lx", n, (unsigned long)crc);
}

int run_ckpt_load(const char *path, const char *config, msl_ckpt_state_fn fn, void *ctx) {
  unsigned char *payload = NULL;
  size_t n = 0;
  int r = msl_ckpt_file_read(path, config, &payload, &n);
  if (r <= 0) return r;
  msl_ckpt *c = msl_ckpt_reader(payload, n, path);
  int rc = c && !fn(c, ctx) && !msl_ckpt_end(c) ? 1 : -1;
  msl_ckpt_free(c);
  free(payload);
  return rc;
}
