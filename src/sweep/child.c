/* child.c: running one point as a child process (see child.h). */
#include "child.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

double sweep_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int child_spawn(child *c, const char *exe, char *const *argv, int point, char *err, size_t errlen) {
  int po[2], pe[2];
  if (pipe(po)) {
    snprintf(err, errlen, "pipe: %s", strerror(errno));
    return -1;
  }
  if (pipe(pe)) {
    snprintf(err, errlen, "pipe: %s", strerror(errno));
    close(po[0]);
    close(po[1]);
    return -1;
  }
  /* Our read ends must not leak into later children. */
  fcntl(po[0], F_SETFD, FD_CLOEXEC);
  fcntl(pe[0], F_SETFD, FD_CLOEXEC);
  pid_t parent = getpid();
  fflush(NULL);
  pid_t pid = fork();
  if (pid < 0) {
    snprintf(err, errlen, "fork: %s", strerror(errno));
    close(po[0]);
    close(po[1]);
    close(pe[0]);
    close(pe[1]);
    return -1;
  }
  if (pid == 0) {
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
    if (getppid() != parent) _exit(127); /* the parent died before prctl */
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
    int in = open("/dev/null", O_RDONLY);
    if (in >= 0) dup2(in, 0);
    dup2(po[1], 1);
    dup2(pe[1], 2);
    /* Points run side by side (-j): one thread each, unless the user set
     * MSL_THREADS. */
    setenv("MSL_THREADS", "1", 0);
    execv(exe, argv);
    dprintf(2, "msl sweep: cannot run %s: %s\n", exe, strerror(errno));
    _exit(127);
  }
  close(po[1]);
  close(pe[1]);
  memset(c, 0, sizeof *c);
  c->pid = pid;
  c->fd[0] = po[0];
  c->fd[1] = pe[0];
  c->start = sweep_now();
  c->point = point;
  return 0;
}

/* Keep stdout whole up to 1 MiB, then only what follows its last newline
 * but one (the JSON result is the last line). */
static void keep_out(child *c, const char *buf, size_t n) {
  if (c->out_len + n + 1 > c->out_cap) {
    size_t cap = 2 * (c->out_len + n + 1);
    char *p = realloc(c->out, cap);
    if (!p) return; /* drop output rather than fail the sweep */
    c->out = p;
    c->out_cap = cap;
  }
  memcpy(c->out + c->out_len, buf, n);
  c->out_len += n;
  c->out[c->out_len] = '\0';
  if (c->out_len > (1u << 20)) {
    size_t b = c->out_len - 1; /* keep from the start of the last line */
    while (b && c->out[b - 1] != '\n') b--;
    if (b) {
      memmove(c->out, c->out + b, c->out_len - b + 1);
      c->out_len -= b;
    }
  }
}

static void keep_err(child *c, const char *buf, size_t n) {
  size_t cap = sizeof c->err - 1, half = cap / 2;
  if (n > half) {
    buf += n - half;
    n = half;
  }
  if (c->err_len + n > cap) {
    memmove(c->err, c->err + c->err_len - half, half);
    c->err_len = half;
  }
  memcpy(c->err + c->err_len, buf, n);
  c->err_len += n;
  c->err[c->err_len] = '\0';
}

int children_poll(child *cs, int n, int timeout_ms) {
  struct pollfd pf[256];
  int who[256], np = 0;
  for (int i = 0; i < n && np < 254; i++)
    for (int k = 0; k < 2; k++)
      if (cs[i].pid && cs[i].fd[k] >= 0) {
        pf[np].fd = cs[i].fd[k];
        pf[np].events = POLLIN;
        who[np++] = 2 * i + k;
      }
  int r = poll(pf, (nfds_t)np, timeout_ms);
  if (r < 0) return errno == EINTR ? -1 : 0;
  for (int j = 0; j < np; j++) {
    if (!pf[j].revents) continue;
    child *c = &cs[who[j] / 2];
    int k = who[j] % 2;
    char buf[8192];
    ssize_t got = read(c->fd[k], buf, sizeof buf);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      close(c->fd[k]);
      c->fd[k] = -1;
    } else if (k == 0) {
      keep_out(c, buf, (size_t)got);
    } else {
      keep_err(c, buf, (size_t)got);
    }
  }
  return 0;
}

int child_eof(const child *c) { return c->pid && c->fd[0] < 0 && c->fd[1] < 0; }

/* The last non-empty line of s, malloc'd. */
static char *last_line(const char *s, size_t n) {
  while (n && (s[n - 1] == '\n' || s[n - 1] == '\r')) n--;
  size_t b = n;
  while (b && s[b - 1] != '\n') b--;
  char *l = malloc(n - b + 1);
  if (l) {
    memcpy(l, s + b, n - b);
    l[n - b] = '\0';
  }
  return l;
}

void child_finish(child *c, child_result *r) {
  memset(r, 0, sizeof *r);
  for (int k = 0; k < 2; k++)
    if (c->fd[k] >= 0) {
      close(c->fd[k]);
      c->fd[k] = -1;
    }
  int st = 0;
  while (waitpid(c->pid, &st, 0) < 0 && errno == EINTR) {
  }
  r->seconds = sweep_now() - c->start;
  char *line = c->out ? last_line(c->out, c->out_len) : NULL;
  int exited0 = WIFEXITED(st) && WEXITSTATUS(st) == 0;
  if (exited0 && line && line[0] == '{') {
    r->ok = 1;
    r->json = line;
  } else {
    char what[128];
    if (WIFSIGNALED(st))
      snprintf(what, sizeof what, "killed by signal %d (%s)", WTERMSIG(st), strsignal(WTERMSIG(st)));
    else if (!exited0)
      snprintf(what, sizeof what, "exit status %d", WEXITSTATUS(st));
    else
      snprintf(what, sizeof what, "no JSON result on the last line of stdout");
    while (c->err_len && (c->err[c->err_len - 1] == '\n' || c->err[c->err_len - 1] == ' '))
      c->err[--c->err_len] = '\0';
    size_t len = strlen(what) + c->err_len + 8;
    r->error = malloc(len);
    if (r->error) snprintf(r->error, len, "%s%s%s", what, c->err_len ? ": " : "", c->err);
    free(line);
  }
  free(c->out);
  memset(c, 0, sizeof *c);
  c->fd[0] = c->fd[1] = -1;
}

void child_result_free(child_result *r) {
  free(r->json);
  free(r->error);
  memset(r, 0, sizeof *r);
}
