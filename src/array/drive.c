/* drive.c: the table of array drives. */
#include <stdlib.h>
#include <string.h>

#include "drives.h"
#include "msl/error.h"

const char *msl_drive_names(void) { return "ideal,v2,v3,v2-exact,v3-exact"; }

msl_drive *msl_drive_new(const char *name, const msl_cell_array *a) {
  double x, y;
  int lazy;
  if (!name || strcmp(name, "lines") == 0 || strcmp(name, "ideal") == 0)
    return msl_lines_drive_new(a);
  if (msl_bias_scheme(name, &x, &y, &lazy) == 0) return msl_bias_drive_new(name, a);
  return msl_error_set("--bias: unknown scheme '%s' (known: %s)", name, msl_drive_names()), NULL;
}

int msl_drive_sync(msl_drive *dr, msl_cell_array *a, const int *cols, int n, msl_syn_stats *st) {
  return dr->ops->sync ? dr->ops->sync(dr, a, cols, n, st) : 0;
}

int msl_drive_state(msl_drive *dr, struct msl_ckpt *c) {
  return dr->ops->state ? dr->ops->state(dr, c) : 0;
}

void msl_drive_free(msl_drive *dr) {
  if (!dr) return;
  dr->ops->destroy(dr);
  free(dr);
}
