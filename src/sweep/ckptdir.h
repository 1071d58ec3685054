/* ckptdir.h: the checkpoints of a sweep's points (docs/sweeps.md): every
 * point's child gets its own --checkpoint file in the folder DB.ckpt beside
 * the database, named after its point key, so a sweep resumed after a kill
 * resumes each interrupted point from its last checkpoint. */
#ifndef MSL_SWEEP_CKPTDIR_H
#define MSL_SWEEP_CKPTDIR_H

#include <stddef.h>

#include "grid.h"

/* The file name of a point key (printable part of the key and its FNV-1a
 * hash) into buf. */
void sweep_checkpoint_name(const char *key, char *buf, size_t len);
/* Create DB.ckpt (if need be) and append "--checkpoint DB.ckpt/NAME" (and
 * "--checkpoint-every N" when every > 0) to every point's command line.
 * 0, or -1 with a message on stderr. */
int sweep_checkpoints(grid_point *pts, int n, const char *db_path, long every);

#endif
