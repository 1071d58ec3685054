/* ckptdir.c: the checkpoints of a sweep's points (ckptdir.h). */
#include "ckptdir.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void sweep_checkpoint_name(const char *key, char *buf, size_t len) {
  uint64_t h = 14695981039346656037ull;
  for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
    h ^= *p;
    h *= 1099511628211ull;
  }
  char safe[161];
  size_t k = 0;
  for (const char *p = key; *p && k < sizeof safe - 1; p++)
    safe[k++] = isalnum((unsigned char)*p) || strchr(".=-+", *p) ? *p : '_';
  safe[k] = '\0';
  snprintf(buf, len, "%s-%016llx.ckpt", safe, (unsigned long long)h);
}

/* Append a to p's command line (before its NULL end). 0 or -1. */
static int add_arg(grid_point *p, const char *a) {
  char **v = realloc(p->argv, (size_t)(p->argc + 2) * sizeof *v);
  if (!v) return -1;
  p->argv = v;
  if (!(v[p->argc] = strdup(a))) return -1;
  v[++p->argc] = NULL;
  return 0;
}

int sweep_checkpoints(grid_point *pts, int n, const char *db_path, long every) {
  size_t dl = strlen(db_path) + 6;
  char *dir = malloc(dl);
  if (!dir) return -1;
  snprintf(dir, dl, "%s.ckpt", db_path);
  if (mkdir(dir, 0777) && errno != EEXIST) {
    fprintf(stderr, "msl sweep: cannot create the checkpoint folder '%s': %s\n", dir,
            strerror(errno));
    free(dir);
    return -1;
  }
  char everys[32];
  snprintf(everys, sizeof everys, "%ld", every);
  int rc = 0;
  for (int i = 0; i < n && !rc; i++) {
    char name[256], path[4352];
    sweep_checkpoint_name(pts[i].key, name, sizeof name);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    rc = add_arg(&pts[i], "--checkpoint") || add_arg(&pts[i], path) ||
         (every > 0 && (add_arg(&pts[i], "--checkpoint-every") || add_arg(&pts[i], everys)));
  }
  if (rc) fprintf(stderr, "msl sweep: out of memory\n");
  free(dir);
  return rc ? -1 : 0;
}
