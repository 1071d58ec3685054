/* json.h: a tiny writer for the one-line JSON result objects. */
#ifndef MSL_CLI_JSON_H
#define MSL_CLI_JSON_H

#include <stdio.h>

typedef struct json {
  FILE *f;
  int n; /* members written at the current level */
} json;

void json_begin(json *j, FILE *f);
void json_end(json *j);                 /* closes the object, newline */
void json_str(json *j, const char *key, const char *v);
void json_num(json *j, const char *key, double v);   /* null for nan/inf */
void json_int(json *j, const char *key, long long v);
void json_bool(json *j, const char *key, int v);
void json_nums(json *j, const char *key, const double *v, int n);
/* Raw pre-formatted JSON value (e.g. a nested list). */
void json_raw(json *j, const char *key, const char *v);

#endif
