/* json.h: a tiny writer for the one-line JSON result objects. */
#ifndef MSL_CLI_JSON_H
#define MSL_CLI_JSON_H

#include <stdio.h>

typedef struct json {
  FILE *f;
  int n;               /* members written at the current level */
  int nonfinite;       /* members with a NaN or infinity (written as null) */
  char bad[1024];      /* their keys, comma-separated */
} json;

void json_begin(json *j, FILE *f);
/* Closes the object (with "nonfinite_fields": [keys] first when a member held
 * a NaN or infinity), newline, flush. */
void json_end(json *j);
void json_str(json *j, const char *key, const char *v);
void json_num(json *j, const char *key, double v);   /* null for nan/inf, counted */
void json_int(json *j, const char *key, long long v);
void json_uint(json *j, const char *key, unsigned long long v);
void json_bool(json *j, const char *key, int v);
void json_nums(json *j, const char *key, const double *v, int n);
/* Raw pre-formatted JSON value (e.g. a nested list). */
void json_raw(json *j, const char *key, const char *v);
/* Count member `key` as holding a NaN or infinity (for json_raw values). */
void json_flag(json *j, const char *key);

#endif
