/* par.h: the pragmas of libmsl's threaded loops (threads.h).
 *
 * MSL_PAR_FOR(work, (clauses), for (...) body) runs the for loop with its
 * iterations split into fixed contiguous blocks, one per thread, when the
 * loop does at least msl_par_min() of work (estimated below) and more than
 * one thread is set; otherwise it runs as a plain loop on the calling
 * thread, outside OpenMP: a parallel region with a false `if` clause still
 * makes libgomp allocate a team, free it and wake its barrier with a futex
 * system call, which cost 9-19 % of a single-thread workload 1 run (three
 * regions per step; docs/performance.md). MSL_PAR_FOR_DYN balances items of
 * unequal cost (each item still runs whole on one thread). The clauses
 * (e.g. `(reduction(+ : n))`, or `()`) apply to the threaded loop. Loops
 * under them must write disjoint memory and must not sum floating-point
 * values across iterations. */
#ifndef MSL_ENGINE_PAR_H
#define MSL_ENGINE_PAR_H

#include <stdio.h>

#include "msl/error.h"
#include "msl/threads.h"

/* Work is counted in approximate nanoseconds of one thread (each loop
 * weighs its items: MSL_COST_*). A parallel region costs a few microseconds
 * (threads woken, a barrier; more on a loaded machine), so loops below
 * msl_par_min(), 100,000 (measured: smaller per-step loops of workload 1
 * made --threads 2 slower, docs/performance.md), run on the calling thread; $MSL_PAR_MIN replaces it (read once; tests set 1,
 * so that even tiny runs take every threaded path). */
double msl_par_min(void);

enum {
  MSL_COST_STREAM = 1, /* a weight read or added: forward pass, sums, energies */
  MSL_COST_SET = 4,    /* a weight mapped to a state (rescale, set_weights) */
  MSL_COST_PULSE = 20, /* a cell-pulse through a device model */
};

#define MSL_PAR_USE(work) (msl_threads() > 1 && (double)(work) >= msl_par_min())

#ifdef _OPENMP
#define MSL_PRAGMA_(x) _Pragma(#x)
#define MSL_PRAGMA(x) MSL_PRAGMA_(x)
#define MSL_UNPAREN_(...) __VA_ARGS__
#define MSL_PAR_LOOP_(work, sched, clauses, ...)                                          \
  do {                                                                                    \
    if (MSL_PAR_USE(work)) {                                                              \
      MSL_PRAGMA(omp parallel for schedule(sched) num_threads(msl_threads())              \
                 MSL_UNPAREN_ clauses)                                                    \
      __VA_ARGS__;                                                                        \
    } else {                                                                              \
      __VA_ARGS__;                                                                        \
    }                                                                                     \
  } while (0)
#define MSL_PAR_FOR(work, clauses, ...) MSL_PAR_LOOP_(work, static, clauses, __VA_ARGS__)
#define MSL_PAR_FOR_DYN(work, clauses, ...) \
  MSL_PAR_LOOP_(work, MSL_UNPAREN_(dynamic, 1), clauses, __VA_ARGS__)
#else
#define MSL_PAR_FOR(work, clauses, ...) \
  do {                                  \
    __VA_ARGS__;                        \
  } while (0)
#define MSL_PAR_FOR_DYN(work, clauses, ...) MSL_PAR_FOR(work, clauses, __VA_ARGS__)
#endif

/* Block t of T of the items [0, n): [*lo, *hi), boundaries at multiples of
 * 8 (a cache line of doubles), so that threads never share a line. */
static inline void msl_par_block(int n, int t, int T, int *lo, int *hi) {
  *lo = (int)((long)n * t / T) & ~7;
  *hi = t + 1 == T ? n : (int)((long)n * (t + 1) / T) & ~7;
}

/* The first failure of a threaded loop over items 0..n-1: the message of
 * the lowest failing item (each thread has its own msl_error()), raised on
 * the calling thread afterwards. Items after a failure still run. */
typedef struct {
  int at; /* the lowest failing item, n when none failed */
  char msg[512];
} msl_par_fail;

static inline void msl_par_fail_init(msl_par_fail *f, int n) {
  f->at = n;
  f->msg[0] = '\0';
}

static inline void msl_par_fail_note(msl_par_fail *f, int k) {
#ifdef _OPENMP
#pragma omp critical /* unnamed: a named one exports a lock symbol */
#endif
  if (k < f->at) {
    f->at = k;
    snprintf(f->msg, sizeof f->msg, "%s", msl_error());
  }
}

/* 0, or -1 with the failure's message as msl_error(). */
static inline int msl_par_fail_raise(const msl_par_fail *f, int n) {
  return f->at < n ? msl_error_set("%s", f->msg) : 0;
}

#endif
