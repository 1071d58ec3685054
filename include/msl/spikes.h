/* spikes.h: an activity vector, dense values plus the list of active indices.
 *
 * Every pre/post vector in msl is one of these: layers produce them, network
 * inputs are given as them, synapses read them. Values are 0/1 spikes or small
 * counts (workload 2); idx lists the j with x[j] != 0 in ascending order, so
 * event-driven loops touch only active neurons. */
#ifndef MSL_SPIKES_H
#define MSL_SPIKES_H

#include "msl/api.h"

MSL_BEGIN_DECLS

typedef struct msl_spikes {
  int n;      /* length */
  int nnz;    /* number of active entries */
  float *x;   /* [n] values */
  int *idx;   /* [n] active indices, first nnz valid, ascending */
} msl_spikes;

int msl_spikes_init(msl_spikes *s, int n); /* 0 on success, -1 out of memory */
void msl_spikes_free(msl_spikes *s);
void msl_spikes_clear(msl_spikes *s);       /* all zero */
void msl_spikes_reindex(msl_spikes *s);     /* rebuild idx/nnz from x */
double msl_spikes_sum(const msl_spikes *s); /* sum of values */
/* acc += s (same length), keeping acc's active list ascending: spike counts. */
void msl_spikes_accumulate(msl_spikes *acc, const msl_spikes *s);

MSL_END_DECLS

#endif
