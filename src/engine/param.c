/* param.c: declared parameters and sets of values (param.h). */
#include "msl/param.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "msl/error.h"

void msl_params_init(msl_params *ps, int workload) {
  memset(ps, 0, sizeof *ps);
  ps->workload = workload == 2 ? 2 : 1;
}

static int find(const msl_params *ps, const char *name) {
  for (int k = 0; k < ps->n; k++)
    if (strcmp(ps->v[k].name, name) == 0) return k;
  return -1;
}

static int slot(msl_params *ps, const char *name) {
  int k = find(ps, name);
  if (k >= 0) return k;
  if (ps->n == MSL_PARAMS_MAX) return msl_error_set("--%s: too many parameters in one set", name);
  ps->v[ps->n].name = name;
  ps->v[ps->n].text = NULL;
  ps->v[ps->n].value = 0.0;
  return ps->n++;
}

int msl_params_set(msl_params *ps, const char *name, double value) {
  int k = slot(ps, name);
  if (k < 0) return -1;
  ps->v[k].value = value;
  return 0;
}

int msl_params_set_text(msl_params *ps, const char *name, const char *text) {
  int k = slot(ps, name);
  if (k < 0) return -1;
  ps->v[k].text = text;
  return 0;
}

int msl_params_has(const msl_params *ps, const char *name) { return find(ps, name) >= 0; }

double msl_params_get(const msl_params *ps, const msl_param_decl *d) {
  int k = find(ps, d->name);
  return k >= 0 ? ps->v[k].value : d->def[ps->workload == 2];
}

const char *msl_params_text(const msl_params *ps, const msl_param_decl *d) {
  int k = find(ps, d->name);
  if (k >= 0) return ps->v[k].text;
  const char *q = ps->quirks ? d->quirk[ps->workload == 2] : NULL;
  return q ? q : d->text_def;
}

int msl_param_valid(const msl_param_decl *d, double x) {
  if (d->type == MSL_PARAM_TEXT) return 0;
  if (d->zero_off && x == 0.0) return 0;
  int in = isfinite(x) && (d->lo_open ? x > d->lo : x >= d->lo) && x <= d->hi;
  if (d->type == MSL_PARAM_INT && in && x != floor(x))
    return msl_error_set("--%s: must be a whole number, got %.17g", d->name, x);
  if (!in)
    return msl_error_set("--%s: must be %sin %s%g, %g], got %.17g", d->name,
                         d->zero_off ? "0 (off) or " : "", d->lo_open ? "(" : "[", d->lo, d->hi,
                         x);
  return 0;
}

int msl_params_parse(msl_params *ps, const msl_param_decl *d, const char *text) {
  if (d->type == MSL_PARAM_TEXT) {
    if (!text[0]) return msl_error_set("--%s: needs a non-empty value", d->name);
    return msl_params_set_text(ps, d->name, text);
  }
  char *end;
  errno = 0;
  double x = strtod(text, &end);
  if (end == text || *end || !text[0])
    return msl_error_set("--%s: expected a number, got '%s'", d->name, text);
  if (errno == ERANGE && isinf(x))
    return msl_error_set("--%s: '%s' is out of range", d->name, text);
  if (msl_param_valid(d, x)) return -1;
  return msl_params_set(ps, d->name, x);
}

int msl_params_check(const msl_params *ps, msl_param_list list) {
  for (int k = 0; k < list.n; k++) {
    const msl_param_decl *d = &list.decl[k];
    int i = find(ps, d->name);
    if (i < 0) continue;
    if (d->type == MSL_PARAM_TEXT) {
      if (!ps->v[i].text || !ps->v[i].text[0])
        return msl_error_set("--%s: needs a non-empty value", d->name);
    } else if (msl_param_valid(d, ps->v[i].value)) {
      return -1;
    }
  }
  return 0;
}

const msl_param_decl *msl_param_find(msl_param_list list, const char *name) {
  for (int k = 0; k < list.n; k++)
    if (strcmp(list.decl[k].name, name) == 0) return &list.decl[k];
  return NULL;
}

const char *msl_param_json_key(const msl_param_decl *d, char *buf, size_t len) {
  if (d->json) return d->json;
  size_t k = 0;
  for (; d->name[k] && k + 1 < len; k++) buf[k] = d->name[k] == '-' ? '_' : d->name[k];
  buf[k] = '\0';
  return buf;
}
