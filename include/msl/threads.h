/* threads.h: threads inside a run.
 *
 * libmsl splits the large loops of a step (the cells of a crossbar's pulses
 * and replay, a normalisation's columns, the forward pass's outputs) across
 * threads with OpenMP. Every thread owns a fixed set of cells or outputs, and
 * every floating-point sum keeps its serial order (per-item partial results
 * are summed afterwards in item order), so results are bit-identical for any
 * thread count. The setting is process-wide, like a BLAS library's. */
#ifndef MSL_THREADS_H
#define MSL_THREADS_H

#include "msl/api.h"

MSL_BEGIN_DECLS

enum { MSL_THREADS_MAX = 256 };

/* Use T threads (1..MSL_THREADS_MAX) from now on; -1 (msl_error()) if T is
 * out of range. Without OpenMP (msl_threads_enabled() == 0) every loop runs
 * on one thread whatever T is. The default is 1. */
int msl_set_threads(int T);
int msl_threads(void);
/* 1 if libmsl was built with OpenMP. */
int msl_threads_enabled(void);
/* The processors this process may run on (at least 1). */
int msl_threads_available(void);

MSL_END_DECLS

#endif
