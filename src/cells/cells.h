/* cells.h: the cell circuits' table (one_r.c) and the access-transistor
 * circuits' constructors and parameters (access.c). */
#ifndef MSL_CELLS_CELLS_H
#define MSL_CELLS_CELLS_H

#include "msl/cell.h"

extern const msl_cell_ops msl_cell_1t1r, msl_cell_2t1r;

/* The content of an access-transistor cell from p; NULL with msl_error(). */
void *msl_access_new(const msl_cell_ops *ops, const msl_params *p);

#endif
