/* memcheck.h: refusing a run whose arrays cannot fit in memory, up front. */
#ifndef MSL_CLI_MEMCHECK_H
#define MSL_CLI_MEMCHECK_H

#include <stddef.h>

/* The memory a process may use: the smaller of the physical memory and the
 * address-space limit (RLIMIT_AS, `ulimit -v`); *what names the bound. */
double mem_available(const char **what);

/* 0 when `need` bytes (plus the MNIST data) fit, else -1 with "who: SIZES
 * need about X GB, at most Y GB available (...)" on stderr. */
int mem_check(const char *who, const char *sizes, size_t need);

#endif
