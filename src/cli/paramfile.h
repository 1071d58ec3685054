/* paramfile.h: a device parameter file, as `msl fit --out` writes it: one
 * flat JSON object of numbers (and strings), e.g.
 *   {"device": "curve", "gmin": 1e-07, "gmax": 1e-06, "a_ltp": 30, ...}
 * Parsed from memory (fuzzed: tests/fuzz/fuzz_paramfile.c). */
#ifndef MSL_CLI_PARAMFILE_H
#define MSL_CLI_PARAMFILE_H

#include <stddef.h>

enum { PARAMFILE_MAX = 64, PARAMFILE_KEY = 48, PARAMFILE_TEXT = 64 };

typedef struct paramfile_entry {
  char key[PARAMFILE_KEY];
  int is_text;
  double value;
  char text[PARAMFILE_TEXT];
  int line; /* 1-based line of the key */
} paramfile_entry;

typedef struct paramfile {
  int n;
  paramfile_entry v[PARAMFILE_MAX];
} paramfile;

/* Parse text[0..len) into pf; 0, or -1 with "line L: problem" in err.
 * Values: finite numbers, strings without escapes, true/false/null (skipped). */
int paramfile_parse(const char *text, size_t len, paramfile *pf, char *err, size_t errlen);
/* Read and parse the file at path; 0, or -1 with "PATH: line L: problem". */
int paramfile_load(const char *path, paramfile *pf, char *err, size_t errlen);

#endif
