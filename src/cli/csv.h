/* csv.h: a measured pulse curve, from a CSV file with a header naming the
 * columns pulse and conductance (siemens); other columns are ignored. */
#ifndef MSL_CLI_CSV_H
#define MSL_CLI_CSV_H

#include <stddef.h>

typedef struct curve_data {
  double *pulse, *g; /* [n], pulses strictly increasing, conductances >= 0 */
  int n;
} curve_data;

/* Parse text[0..len) (named name in errors); rise = 1: the conductance must
 * end above where it starts (potentiation), 0: below (depression).
 * 0, or -1 with "NAME: line L: problem" in err (out left empty). */
int csv_curve_parse(const char *name, const char *text, size_t len, int rise, curve_data *out,
                    char *err, size_t errlen);
/* The same from the file at path (at most 64 MiB). */
int csv_curve_load(const char *path, int rise, curve_data *out, char *err, size_t errlen);
void curve_data_free(curve_data *c);

#endif
