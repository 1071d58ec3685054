/* file.c: opening input files, regular files only (see file.h). */
#include "file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "msl/error.h"

static const char *kind(mode_t m) {
  return S_ISDIR(m) ? "a directory" : S_ISFIFO(m) ? "a FIFO" : S_ISCHR(m) ? "a character device"
       : S_ISBLK(m) ? "a block device" : S_ISSOCK(m) ? "a socket" : "not a regular file";
}

int msl_file_open_regular(const char *path, size_t *size) {
  /* O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever. */
  int fd = open(path, O_RDONLY | O_NONBLOCK);
  if (fd < 0) return msl_error_set("%s: cannot open: %s", path, strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int e = errno;
    close(fd);
    return msl_error_set("%s: cannot open: %s", path, strerror(e));
  }
  if (!S_ISREG(st.st_mode)) {
    close(fd);
    return msl_error_set("%s: is %s; give a regular file", path, kind(st.st_mode));
  }
  if ((uintmax_t)st.st_size > SIZE_MAX / 2) {
    close(fd);
    return msl_error_set("%s: too large (%jd bytes)", path, (intmax_t)st.st_size);
  }
  int fl = fcntl(fd, F_GETFL);
  if (fl != -1) fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
  *size = (size_t)st.st_size;
  return fd;
}

unsigned char *msl_file_read_all(const char *path, size_t *len) {
  size_t n;
  int fd = msl_file_open_regular(path, &n);
  if (fd < 0) return NULL;
  unsigned char *b = malloc(n ? n : 1);
  if (!b) {
    close(fd);
    msl_error_set("%s: out of memory (%zu bytes)", path, n);
    return NULL;
  }
  size_t got = 0;
  while (got < n) {
    ssize_t r = read(fd, b + got, n - got);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) {
      msl_error_set("%s: %s after %zu of %zu bytes", path, r < 0 ? strerror(errno) : "truncated",
                    got, n);
      free(b);
      close(fd);
      return NULL;
    }
    got += (size_t)r;
  }
  close(fd);
  *len = n;
  return b;
}
