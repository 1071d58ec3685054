/* sched.c: claiming, recording and local worker processes (see sched.h). */
#include "sched.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"

volatile sig_atomic_t sweep_stop;

static void on_signal(int sig) { sweep_stop = sig; }

void sweep_signals(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal; /* no SA_RESTART: poll() returns EINTR */
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  signal(SIGPIPE, SIG_IGN);
}

int sweep_prepare(sweep_ctx *s, const char *db_path) {
  if (!(s->db = db_open(db_path)) || db_register(s->db, s->pts, s->npts)) return -1;
  s->total = 0;
  for (int i = 0; i < s->npts; i++) {
    int w = db_wanted(s->db, s->pts[i].key);
    if (w < 0) return -1;
    s->total += w;
  }
  s->start = s->last_report = sweep_now();
  int done = db_count(s->db, s->pts, s->npts, "done");
  if (!s->quiet)
    fprintf(stderr, "sweep: %d points: %d done before, %d running elsewhere, %d to run (db %s)\n",
            s->npts, done, s->npts - done - s->total, s->total, db_path);
  return 0;
}

int sweep_next(sweep_ctx *s, const char *host, int rank) {
  while (!sweep_stop && s->next < s->npts) {
    int i = s->next++;
    int c = db_claim(s->db, s->pts[i].key, host, rank);
    if (c < 0) {
      sweep_stop = SIGTERM; /* the database is unusable: stop cleanly */
      return -1;
    }
    if (c > 0) return i;
  }
  return -1;
}

static void report(sweep_ctx *s, int force) {
  double t = sweep_now();
  if (s->quiet || (!force && t - s->last_report < 2.0)) return;
  s->last_report = t;
  int n = s->done + s->failed;
  double per_min = n / ((t - s->start) / 60.0 + 1e-9);
  long eta = per_min > 0 ? (long)((s->total - n) * 60.0 / per_min + 0.5) : 0;
  fprintf(stderr, "sweep: %d/%d points (%d failed), %.1f points/min, ETA %ldm%02lds\n", n,
          s->total, s->failed, per_min, eta / 60, eta % 60);
}

int sweep_record(sweep_ctx *s, int i, const child_result *r) {
  int rc;
  if (r->ok) { /* a result is a result, even one that came in after a stop */
    rc = db_done(s->db, s->pts[i].key, r->json, r->seconds);
    s->done++;
  } else {
    char msg[8192];
    snprintf(msg, sizeof msg, "%s%s", sweep_stop ? "interrupted (sweep stopped by a signal): " : "",
             r->error ? r->error : "unknown error");
    rc = db_failed(s->db, s->pts[i].key, msg, r->seconds);
    if (!sweep_stop) {
      s->failed++;
      const char *nl = strchr(msg, '\n');
      fprintf(stderr, "sweep: FAILED %s: %.*s\n", s->pts[i].key, nl ? (int)(nl - msg) : (int)strlen(msg), msg);
    }
  }
  report(s, s->done + s->failed == s->total);
  if (rc) sweep_stop = SIGTERM;
  return rc;
}

void sweep_run_one(sweep_ctx *s, int i, child_result *r) {
  child c;
  char err[256];
  if (child_spawn(&c, s->exe, s->pts[i].argv, i, err, sizeof err)) {
    memset(r, 0, sizeof *r);
    r->error = strdup(err);
    return;
  }
  int killed = 0;
  while (!child_eof(&c)) {
    children_poll(&c, 1, 1000);
    if (sweep_stop && !killed) {
      kill(c.pid, SIGTERM);
      killed = 1;
    }
  }
  child_finish(&c, r);
}

int sweep_local(sweep_ctx *s, int jobs) {
  child *cs = calloc((size_t)jobs, sizeof *cs);
  if (!cs) {
    fprintf(stderr, "msl sweep: out of memory\n");
    return 1;
  }
  char host[256] = "";
  gethostname(host, sizeof host - 1);
  double stop_at = 0;
  for (;;) {
    int running = 0;
    for (int k = 0; k < jobs; k++) {
      if (!cs[k].pid && !sweep_stop) {
        int i = sweep_next(s, host, 0);
        if (i >= 0) {
          char err[256];
          if (child_spawn(&cs[k], s->exe, s->pts[i].argv, i, err, sizeof err)) {
            child_result r = {0, NULL, err, 0};
            sweep_record(s, i, &r);
            cs[k].pid = 0;
          }
        }
      }
      running += cs[k].pid != 0;
    }
    if (!running) break;
    children_poll(cs, jobs, 500);
    if (sweep_stop) {
      /* Stop: SIGTERM to every child, SIGKILL to those alive 3 s later. */
      int sig = stop_at == 0 ? SIGTERM : sweep_now() - stop_at > 3 ? SIGKILL : 0;
      if (stop_at == 0) stop_at = sweep_now();
      for (int k = 0; k < jobs && sig; k++)
        if (cs[k].pid) kill(cs[k].pid, sig);
    }
    for (int k = 0; k < jobs; k++)
      if (child_eof(&cs[k])) {
        int i = cs[k].point;
        child_result r;
        child_finish(&cs[k], &r);
        sweep_record(s, i, &r);
        child_result_free(&r);
      }
  }
  free(cs);
  return sweep_status(s);
}

int sweep_status(const sweep_ctx *s) {
  if (sweep_stop) {
    fprintf(stderr, "msl sweep: stopped by signal %d: %d points done, unfinished points marked"
                    " failed; run the same command again to resume\n", (int)sweep_stop, s->done);
    return 128 + sweep_stop;
  }
  if (s->failed) {
    fprintf(stderr, "msl sweep: %d of %d points failed (error column of the database); run the"
                    " same command again to retry them\n", s->failed, s->total);
    return 1;
  }
  return 0;
}
