/* outputs.c: output files checked before and after a run (see outputs.h). */
#include "outputs.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

FILE *out_open_append(const char *who, const char *opt, const char *path) {
  FILE *f = path[0] ? fopen(path, "a") : NULL;
  if (!f)
    fprintf(stderr, "%s: %s: cannot append to '%s': %s\n", who, opt, path,
            path[0] ? strerror(errno) : "empty path");
  return f;
}

int out_check_writable(const char *who, const char *opt, const char *path) {
  struct stat st;
  int existed = stat(path, &st) == 0;
  /* No O_TRUNC: an existing file is left as it is until the run writes it. */
  int fd = path[0] ? open(path, O_WRONLY | O_CREAT, 0666) : -1;
  if (fd < 0) {
    fprintf(stderr, "%s: %s: cannot write '%s': %s\n", who, opt, path,
            path[0] ? strerror(errno) : "empty path");
    return -1;
  }
  close(fd);
  if (!existed) unlink(path); /* a failed run leaves no empty file behind */
  return 0;
}

int out_finish(const char *who, const char *what, FILE *f) {
  int bad = fflush(f) != 0 || ferror(f);
  int err = errno;
  if (f != stdout && f != stderr) {
    if (fclose(f) != 0 && !bad) {
      bad = 1;
      err = errno;
    }
  }
  if (!bad) return 0;
  fprintf(stderr, "%s: writing %s: %s\n", who, what, strerror(err ? err : EIO));
  return -1;
}
