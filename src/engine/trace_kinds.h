/* trace_kinds.h: the non-exponential trace kinds (trace_kinds.c), called by
 * msl_trace_reset and msl_trace_update for tr->kind != MSL_TRACE_EXP. */
#ifndef MSL_ENGINE_TRACE_KINDS_H
#define MSL_ENGINE_TRACE_KINDS_H

#include "msl/trace.h"

void trace_kind_reset(msl_trace *tr);
void trace_kind_update(msl_trace *tr, const msl_spikes *x);

#endif
