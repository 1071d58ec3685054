/* hostile.h: helpers for the tests of hostile input (header-only; include
 * once per test program).
 *
 * Under AddressSanitizer, allocations above 1 GB fail (return NULL) instead
 * of being granted lazily, so a reader that allocates what a header merely
 * declares reports "out of memory" and the test sees it. A watchdog turns a
 * reader that hangs (on a FIFO) into a failed test rather than a stalled one. */
#ifndef MSL_TESTS_HOSTILE_H
#define MSL_TESTS_HOSTILE_H

#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__GNUC__)
__attribute__((used))
#endif
const char *__asan_default_options(void);
const char *__asan_default_options(void) {
  return "allocator_may_return_null=1:max_allocation_size_mb=1024";
}

/* Kill the test (a failure) if it is still running after `seconds`. */
static void hostile_watchdog(unsigned seconds) {
  signal(SIGALRM, SIG_DFL);
  alarm(seconds);
}

/* A FIFO at path (replacing any file there); 0 or -1. */
static int hostile_fifo(const char *path) {
  unlink(path);
  if (mkfifo(path, 0600) == 0) return 0;
  perror("mkfifo");
  return -1;
}

#endif
