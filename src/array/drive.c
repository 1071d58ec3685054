/* drive.c: the table of array drives. */
#include <stdlib.h>
#include <string.h>

#include "drives.h"
#include "msl/error.h"

msl_drive *msl_drive_new(const char *name, const msl_cell_array *a) {
  if (!name || strcmp(name, "lines") == 0) return msl_lines_drive_new(a);
  return msl_error_set("unknown array drive '%s' (known: lines)", name), NULL;
}

void msl_drive_free(msl_drive *dr) {
  if (!dr) return;
  dr->ops->destroy(dr);
  free(dr);
}
