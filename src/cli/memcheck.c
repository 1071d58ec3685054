/* memcheck.c: the memory estimate of a run against what is available. */
#include "memcheck.h"

#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

/* MNIST as loaded (70,000 images of 785 bytes) and the program itself. */
static const double BASE_BYTES = 70000.0 * 785 + 16e6;

double mem_available(const char **what) {
  double phys = (double)sysconf(_SC_PHYS_PAGES) * (double)sysconf(_SC_PAGESIZE);
  *what = "physical memory";
  struct rlimit rl;
  if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
      (phys <= 0 || (double)rl.rlim_cur < phys)) {
    *what = "address-space limit, ulimit -v";
    return (double)rl.rlim_cur;
  }
  return phys > 0 ? phys : 1e300;
}

int mem_check(const char *who, const char *sizes, size_t need) {
  const char *what;
  double have = mem_available(&what), want = (double)need + BASE_BYTES;
  if (want <= have) return 0;
  fprintf(stderr, "%s: %s needs about %.3g GB, at most %.3g GB available (%s)\n", who, sizes,
          want / 1e9, have / 1e9, what);
  return -1;
}
