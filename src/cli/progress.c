/* progress.c: terminal progress bar or periodic plain progress lines. */
#include "progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

void progress_init(progress *p, const char *label, int quiet) {
  p->label = label;
  p->tty = isatty(2);
  p->quiet = quiet;
  p->start = p->last = now();
}

static void fmt_time(char *buf, size_t n, double s) {
  long t = (long)(s + 0.5);
  if (t >= 3600) snprintf(buf, n, "%ldh%02ldm", t / 3600, t / 60 % 60);
  else snprintf(buf, n, "%ldm%02lds", t / 60, t % 60);
}

void progress_update(void *ctx, long done, long total, double acc, double nj) {
  progress *p = ctx;
  if (p->quiet) return;
  double t = now();
  if (done < total && t - p->last < (p->tty ? 0.2 : 10.0)) return;
  p->last = t;
  double rate = done / (t - p->start + 1e-9);
  char eta[32], acc_s[64] = "";
  fmt_time(eta, sizeof eta, rate > 0 ? (total - done) / rate : 0);
  int k = acc >= 0 ? snprintf(acc_s, sizeof acc_s, " acc %.3f", acc) : 0;
  if (nj > 0) snprintf(acc_s + k, sizeof acc_s - k, " %.3g nJ/image", nj);
  if (p->tty) {
    int w = 30, fill = total ? (int)(w * done / total) : w;
    char bar[64];
    for (int k = 0; k < w; k++) bar[k] = k < fill ? '#' : '.';
    bar[w] = 0;
    fprintf(stderr, "\r%s [%s] %ld/%ld %.1f/s ETA %s%s  ", p->label, bar, done, total, rate, eta,
            acc_s);
  } else {
    fprintf(stderr, "%s: %ld/%ld samples, %.1f/s, ETA %s%s\n", p->label, done, total, rate, eta,
            acc_s);
  }
  fflush(stderr);
}

void progress_finish(progress *p) {
  if (!p->quiet && p->tty) fputc('\n', stderr);
}
