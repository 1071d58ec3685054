/* child.h: one point run as a child process (the msl program itself, fork and
 * exec), its stdout and the tail of its stderr collected through pipes. */
#ifndef MSL_SWEEP_CHILD_H
#define MSL_SWEEP_CHILD_H

#include <stddef.h>
#include <sys/types.h>

typedef struct child {
  pid_t pid;          /* 0: slot free */
  int fd[2];          /* stdout, stderr pipes; -1 once closed */
  char *out;          /* stdout (only the last lines are kept when it is long) */
  size_t out_len, out_cap;
  char err[4096];     /* the tail of stderr */
  size_t err_len;
  double start;       /* monotonic seconds */
  int point;          /* the caller's point index */
} child;

/* The outcome of a finished child. */
typedef struct child_result {
  int ok;             /* exit status 0 and a JSON object on the last line */
  char *json;         /* that line (malloc'd), or NULL */
  char *error;        /* malloc'd description of a failure (with stderr tail), or NULL */
  double seconds;     /* wall time */
} child_result;

/* Start `exe argv[0] argv[1] ...` (argv NULL-terminated). The child dies with
 * its parent (Linux). Returns 0, or -1 with a message in err. */
int child_spawn(child *c, const char *exe, char *const *argv, int point, char *err, size_t errlen);

/* Wait up to timeout_ms for output from the running children (pid != 0) and
 * read it. Returns -1 on EINTR (a signal arrived), else 0. */
int children_poll(child *cs, int n, int timeout_ms);

/* Both pipes closed: the child has exited or is about to. */
int child_eof(const child *c);

/* Reap the child (blocking) and fill r; frees the slot (pid = 0). */
void child_finish(child *c, child_result *r);

void child_result_free(child_result *r);

/* Monotonic clock, seconds. */
double sweep_now(void);

#endif
