/* ckptopts.c: the checkpoint options of the workload commands (ckptopts.h). */
#include "ckptopts.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "opts.h"
#include "outputs.h"

static volatile sig_atomic_t stop_signal;

/* The first signal asks the run to checkpoint and stop; a second one ends
 * it at once (its default action), leaving the last checkpoint. */
static void on_signal(int sig) {
  if (stop_signal) {
    signal(sig, SIG_DFL);
    raise(sig);
  }
  stop_signal = sig;
}

int ckptopts_parse(int argc, char **argv, int *i, ckptopts *o) {
  const char *a = argv[*i], *v;
  if (opt_is(a, "--checkpoint")) {
    if (!(o->path = opt_value(argc, argv, i))) return -1;
    if (!o->path[0]) {
      fprintf(stderr, "msl: --checkpoint: empty file name\n");
      return -1;
    }
    return 1;
  }
  if (opt_is(a, "--checkpoint-every")) {
    long n;
    if (!(v = opt_value(argc, argv, i)) || opt_int("--checkpoint-every", v, 1, 1000000000L, &n))
      return -1;
    o->every = n;
    return 1;
  }
  return 0;
}

void ckptopts_help(FILE *f, const char *unit) {
  fprintf(f,
          "  --checkpoint FILE  resume from FILE if it exists; save the whole state there\n"
          "                     (atomically) every --checkpoint-every %s and on\n"
          "                     SIGINT/SIGTERM (then exit 130/143); removed when the run\n"
          "                     ends (docs/checkpoints.md)\n"
          "  --checkpoint-every N  %s between checkpoints [%d]\n",
          unit, unit, MSL_CHECKPOINT_EVERY);
}

/* path + ".tmp", malloc'd (the file the run writes before renaming it). */
static char *tmp_name(const char *path) {
  size_t n = strlen(path);
  char *tmp = malloc(n + 5);
  if (tmp) {
    memcpy(tmp, path, n);
    memcpy(tmp + n, ".tmp", 5);
  }
  return tmp;
}

int ckptopts_check(const char *who, const ckptopts *o) {
  if (o->every && !o->path) {
    fprintf(stderr, "%s: --checkpoint-every: needs --checkpoint FILE\n", who);
    return -1;
  }
  if (!o->path) return 0;
  char *tmp = tmp_name(o->path);
  if (!tmp) return -1;
  int rc = out_check_writable(who, "--checkpoint", tmp);
  free(tmp);
  return rc;
}

void ckptopts_start(const ckptopts *o, msl_checkpoint_opts *run) {
  run->path = o->path;
  run->every = o->every ? o->every : MSL_CHECKPOINT_EVERY;
  run->stop = NULL;
  if (!o->path) return;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sa.sa_flags = SA_RESTART; /* progress output is not cut short */
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  run->stop = &stop_signal;
}

int ckptopts_stopped(const char *who, const char *msg) {
  fprintf(stderr, "%s: signal %d: %s\n", who, (int)stop_signal, msg);
  return 128 + (stop_signal ? stop_signal : SIGTERM);
}

int ckptopts_finish(const char *who, const ckptopts *o) {
  if (!o->path) return 0;
  char *tmp = tmp_name(o->path);
  if (tmp) { /* a write cut short by SIGKILL leaves FILE.tmp */
    unlink(tmp);
    free(tmp);
  }
  if (unlink(o->path) == 0 || errno == ENOENT) return 0;
  fprintf(stderr, "%s: --checkpoint: cannot remove '%s' after the run: %s\n", who, o->path,
          strerror(errno));
  return 1;
}
