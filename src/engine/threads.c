/* threads.c: the process-wide thread count (threads.h). */
#include "msl/threads.h"

#include <stdlib.h>
#include <unistd.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "engine/par.h"
#include "msl/error.h"

static int n_threads = 1;

int msl_set_threads(int T) {
  if (T < 1 || T > MSL_THREADS_MAX)
    return msl_error_set("threads: must be 1..%d, got %d", MSL_THREADS_MAX, T);
  n_threads = T;
  return 0;
}

int msl_threads(void) {
#ifdef _OPENMP
  return n_threads;
#else
  return 1;
#endif
}

int msl_threads_enabled(void) {
#ifdef _OPENMP
  return 1;
#else
  return 0;
#endif
}

int msl_threads_available(void) {
#ifdef _OPENMP
  int n = omp_get_num_procs();
#else
  long n = sysconf(_SC_NPROCESSORS_ONLN);
#endif
  return n < 1 ? 1 : n > MSL_THREADS_MAX ? MSL_THREADS_MAX : (int)n;
}

double msl_par_min(void) {
  static _Atomic double min = -1.0; /* read once, by whichever thread asks first */
  double m = min;
  if (m < 0.0) {
    const char *e = getenv("MSL_PAR_MIN");
    char *end;
    double x = e ? strtod(e, &end) : 0.0;
    m = e && end != e && *end == '\0' && x >= 0.0 ? x : 100000.0;
    min = m;
  }
  return m;
}
