/* one_r.c: the 1R cell (the memristor alone) and the table of cell circuits.
 *
 * A 1R cell's memristor sees its lines' voltage difference, and the supply
 * delivers the memristor's own current: power = the device's op power
 * (ohmic, V^2, when the device has none). */
#include <stdlib.h>
#include <string.h>

#include "cells.h"
#include "msl/error.h"

int msl_cell_power(const msl_cell *c, const msl_device *d, const double *v, double *p, int n) {
  if (c->ops->power) return c->ops->power(c, d, v, p, n);
  if (!d->ops->power) return 0;
  d->ops->power(d, v, p, n);
  return 1;
}

static const msl_cell_ops one_r = {"1r", NULL, NULL, NULL, NULL};

static const msl_cell_ops *const cells[] = {&one_r, &msl_cell_1t1r, &msl_cell_2t1r};

const char *msl_cell_names(void) { return "1r, 1t1r, 2t1r"; }

msl_cell *msl_cell_new(const char *name, const msl_params *p) {
  const char *want = name ? name : "1r";
  for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
    if (strcmp(want, cells[i]->name) != 0) continue;
    msl_cell *c = calloc(1, sizeof *c);
    if (!c) return msl_error_set("cell %s: out of memory", want), NULL;
    c->ops = cells[i];
    if (c->ops->pulse && !(c->content = msl_access_new(c->ops, p))) {
      free(c);
      return NULL;
    }
    return c;
  }
  return msl_error_set("unknown cell circuit '%s' (known: %s)", want, msl_cell_names()), NULL;
}

void msl_cell_free(msl_cell *c) {
  if (!c) return;
  free(c->content);
  free(c);
}
