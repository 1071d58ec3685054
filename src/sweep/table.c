/* table.c: a report table as aligned text, CSV or Markdown (see report.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "report.h"

void report_tab_print(FILE *f, const report_tab *t, int n, enum report_format fmt) {
  int w[REPORT_MAXCOLS];
  char c[REPORT_MAXCOLS][REPORT_CELL];
  const int nc = t->ncols, last = nc - 1;
  for (int k = 0; k < nc; k++) w[k] = (int)strlen(t->heads[k]);
  for (int i = 0; i < n; i++) {
    t->cells(t->rows, i, c);
    for (int k = 0; k < nc; k++)
      if ((int)strlen(c[k]) > w[k]) w[k] = (int)strlen(c[k]);
  }
  for (int i = -1; i < n; i++) {
    if (i >= 0) t->cells(t->rows, i, c);
    for (int k = 0; k < nc; k++) {
      const char *v = i < 0 ? t->heads[k] : c[k];
      int num = (t->numeric >> k) & 1;
      if (fmt == REPORT_CSV) {
        const char *q = strchr(v, ',') ? "\"" : "";
        if (strcmp(v, "-") == 0) v = ""; /* missing */
        fprintf(f, "%s%s%s%s", k ? "," : "", q, v, q);
      } else if (fmt == REPORT_MD) {
        fprintf(f, "| %s ", v);
      } else if (k == last && !num) {
        fprintf(f, "%s%s", k ? "  " : "", v); /* no trailing blanks */
      } else {
        fprintf(f, "%s%*s", k ? "  " : "", num ? w[k] : -w[k], v);
      }
    }
    if (fmt == REPORT_MD) {
      fputs("|\n", f);
      if (i < 0) {
        for (int k = 0; k < nc; k++) fputs((t->numeric >> k) & 1 ? "|---:" : "|---", f);
        fputs("|\n", f);
      }
    } else {
      fputc('\n', f);
    }
  }
}

static int save(const char *dir, const char *name, const char *ext, const report_tab *t, int n,
                enum report_format fmt) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s%s", dir, name, ext);
  FILE *f = fopen(path, "w");
  if (!f) {
    fprintf(stderr, "msl report: cannot write %s: %s\n", path, strerror(errno));
    return -1;
  }
  report_tab_print(f, t, n, fmt);
  if (fclose(f) == 0) return 0;
  fprintf(stderr, "msl report: writing %s: %s\n", path, strerror(errno));
  return -1;
}

int report_tab_write(const char *dir, const char *name, const report_tab *t, int n) {
  report_tab_print(stdout, t, n, REPORT_TEXT);
  return save(dir, name, ".csv", t, n, REPORT_CSV) | save(dir, name, ".md", t, n, REPORT_MD);
}
