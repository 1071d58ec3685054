/* drives.h: constructors of the array drives, for drive.c's table only. */
#ifndef MSL_ARRAY_DRIVES_H
#define MSL_ARRAY_DRIVES_H

#include "msl/array.h"

msl_drive *msl_lines_drive_new(const msl_cell_array *a);
msl_drive *msl_bias_drive_new(const char *name, const msl_cell_array *a);

#endif
