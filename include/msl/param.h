/* param.h: parameters declared once, by the component that reads them.
 *
 * A device model, learning rule, cell circuit or the crossbar itself lists
 * its parameters as an array of msl_param_decl (name, type, defaults, valid
 * range, one line of documentation). Everything else follows from that
 * array: the command line's `--name` options and their help lines, the
 * validation of a value, the JSON fields of a run and the sweep grid. A
 * caller collects values in an msl_params set (by name, as text or number)
 * and hands it to the constructors; each constructor takes its own
 * parameters from the set and falls back to the declared default. */
#ifndef MSL_PARAM_H
#define MSL_PARAM_H

#include "msl/api.h"

#include <stddef.h>

MSL_BEGIN_DECLS

typedef enum { MSL_PARAM_REAL, MSL_PARAM_INT, MSL_PARAM_TEXT } msl_param_type;

typedef struct msl_param_decl {
  const char *name;    /* the option is --name; the JSON key is json, or name with '-' -> '_' */
  const char *json;    /* NULL: derived from name */
  msl_param_type type;
  double def[2];       /* default in workload 1 (STDP) and 2 (gradient descent) */
  double lo, hi;       /* valid range (REAL, INT), both ends included unless open */
  int lo_open;         /* 1: the value must be > lo */
  const char *doc;     /* one line for --help */
  const char *text_def;  /* TEXT: the default (NULL: none, the value is required) */
  const char *quirk[2];  /* TEXT: the value under quirks (the published code) in
                            workload 1 and 2, when not given (NULL: text_def) */
  int zero_off;        /* 1: 0 is also valid and means "off" (the default) */
} msl_param_decl;

/* Declarations of a number: name, JSON key (NULL: from name), defaults in
 * workloads 1 and 2, range [lo, hi] (lo excluded when lo_open), doc. */
#define MSL_PARAM_REAL_DECL(name, json, d1, d2, lo, hi, lo_open, doc) \
  { name, json, MSL_PARAM_REAL, {d1, d2}, lo, hi, lo_open, doc, NULL, {NULL, NULL}, 0 }
#define MSL_PARAM_INT_DECL(name, json, d1, d2, lo, hi, doc) \
  { name, json, MSL_PARAM_INT, {d1, d2}, lo, hi, 0, doc, NULL, {NULL, NULL}, 0 }
/* ... of a number that is off (0, the default) or in [lo, hi] (type: REAL or INT). */
#define MSL_PARAM_OFF_DECL(name, json, type, lo, hi, doc) \
  { name, json, type, {0, 0}, lo, hi, 0, doc, NULL, {NULL, NULL}, 1 }
/* ... of a text: its default and its values under quirks in workloads 1, 2. */
#define MSL_PARAM_TEXT_DECL(name, json, def, q1, q2, doc) \
  { name, json, MSL_PARAM_TEXT, {0, 0}, 0, 0, 0, doc, def, {q1, q2}, 0 }

/* A list of declarations: a component's whole parameter set. */
typedef struct msl_param_list {
  const msl_param_decl *decl;
  int n;
} msl_param_list;

enum { MSL_PARAMS_MAX = 48 };

/* Values given for declared parameters, by name; unset ones take the
 * declared default for `workload`. `quirks` = 1 asks components to
 * reproduce the published code where it is wrong (docs/models.md §9). */
typedef struct msl_params {
  int workload; /* 1 or 2 */
  int quirks;
  int n;
  struct {
    const char *name; /* not owned: a declaration's name, or the caller's string */
    double value;
    const char *text; /* TEXT parameters (not owned) */
  } v[MSL_PARAMS_MAX];
} msl_params;

void msl_params_init(msl_params *ps, int workload);
/* Set a parameter from its text, parsed and checked against decl; 0, or -1
 * with msl_error() naming --name and what is wrong. The set keeps the
 * pointers name and text (they must outlive it). */
int msl_params_parse(msl_params *ps, const msl_param_decl *decl, const char *text);
/* Set a number (REAL or INT) or a text directly; -1 if the set is full. The
 * value is checked when a constructor reads it (msl_params_check). */
int msl_params_set(msl_params *ps, const char *name, double value);
int msl_params_set_text(msl_params *ps, const char *name, const char *text);
/* Was name given? */
int msl_params_has(const msl_params *ps, const char *name);
/* The value of decl (or its default), and of a TEXT parameter (or its
 * default: quirk[workload - 1] under quirks, else text_def). */
double msl_params_get(const msl_params *ps, const msl_param_decl *decl);
const char *msl_params_text(const msl_params *ps, const msl_param_decl *decl);
/* Check every value of a list that the set holds against its range;
 * 0, or -1 with msl_error() naming the first bad one. */
int msl_params_check(const msl_params *ps, msl_param_list list);
/* Check one value against decl (0, or -1 with msl_error()). */
int msl_param_valid(const msl_param_decl *decl, double value);
/* The declaration named name in list (NULL: none). */
const msl_param_decl *msl_param_find(msl_param_list list, const char *name);
/* decl's JSON key into buf. */
const char *msl_param_json_key(const msl_param_decl *decl, char *buf, size_t len);

MSL_END_DECLS

#endif
