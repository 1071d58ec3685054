/* progress.h: progress reports on stderr for long runs: a bar with rate and
 * ETA when stderr is a terminal, a plain line every few seconds otherwise. */
#ifndef MSL_CLI_PROGRESS_H
#define MSL_CLI_PROGRESS_H

typedef struct progress {
  const char *label;
  int tty, quiet;
  double start, last;
} progress;

void progress_init(progress *p, const char *label, int quiet);
/* An msl_progress_fn: ctx is a progress*. */
void progress_update(void *ctx, long done, long total, double acc, double nj);
void progress_finish(progress *p);

#endif
