/* mnist.c: the four-file MNIST (or Fashion-MNIST) data set in a directory,
 * each file plain or gzip-compressed (NAME or NAME.gz; NAME wins). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "msl/error.h"
#include "msl/mnist.h"

enum { PATH_BYTES = 4096 };

/* The file called `name` in dir: dir/name if anything is there (a FIFO or a
 * directory is then refused by the reader, not passed over), else
 * dir/name.gz if that exists. 0, or -1 + message when neither exists. */
static int find(const char *dir, const char *name, char *path) {
  struct stat st;
  for (int gz = 0; gz < 2; gz++) {
    if (snprintf(path, PATH_BYTES, "%s/%s%s", dir, name, gz ? ".gz" : "") >= PATH_BYTES)
      return msl_error_set("%s: directory name too long (%zu bytes)", dir, strlen(dir));
    if (stat(path, &st) == 0 || errno != ENOENT) return 0;
  }
  return msl_error_set("%s/%s: cannot open: %s (nor %s.gz)", dir, name, strerror(ENOENT), name);
}

/* Images xi from path[0] and their labels yi from path[1] agree. */
static int check_pair(char path[2][PATH_BYTES], const msl_idx *xi, const msl_idx *yi) {
  if (xi->count != yi->count)
    return msl_error_set("%s: %zu labels, but %s has %zu images", path[1], yi->count, path[0],
                         xi->count);
  if (xi->item_size > INT_MAX || xi->count > INT_MAX)
    return msl_error_set("%s: %zu images of %zu pixels: too large", path[0], xi->count,
                         xi->item_size);
  for (size_t k = 0; k < yi->count; k++)
    if (yi->data[k] > 9)
      return msl_error_set("%s: label %u at item %zu is not a class 0..9", path[1],
                           yi->data[k], k);
  return 0;
}

int msl_mnist_load(const char *dir, msl_mnist *m) {
  static const char *const names[4] = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                                       "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};
  memset(m, 0, sizeof *m);
  char path[4][PATH_BYTES];
  int rc = 0;
  for (int k = 0; k < 4 && rc == 0; k++) /* images (3 dimensions), then their labels */
    rc = find(dir, names[k], path[k]) || msl_idx_load(path[k], k % 2 ? 1 : 3, &m->a[k]) ? -1 : 0;
  if (rc == 0) rc = check_pair(path, &m->a[0], &m->a[1]);
  if (rc == 0) rc = check_pair(path + 2, &m->a[2], &m->a[3]);
  if (rc == 0 && (m->a[0].dims[1] != m->a[2].dims[1] || m->a[0].dims[2] != m->a[2].dims[2]))
    rc = msl_error_set("%s: image size %ux%u differs from training %ux%u", path[2],
                       m->a[2].dims[1], m->a[2].dims[2], m->a[0].dims[1], m->a[0].dims[2]);
  if (rc) {
    msl_mnist_free(m);
    return -1;
  }
  m->rows = (int)m->a[0].dims[1];
  m->cols = (int)m->a[0].dims[2];
  m->pixels = m->rows * m->cols;
  m->n_train = (int)m->a[0].count;
  m->n_test = (int)m->a[2].count;
  m->train_x = m->a[0].data;
  m->train_y = m->a[1].data;
  m->test_x = m->a[2].data;
  m->test_y = m->a[3].data;
  return 0;
}

void msl_mnist_free(msl_mnist *m) {
  for (int k = 0; k < 4; k++) msl_idx_free(&m->a[k]);
  memset(m, 0, sizeof *m);
}

const char *msl_mnist_default_dir(const char *dir, char *buf, size_t buflen) {
  if (dir && *dir) return dir;
  const char *env = getenv("MSL_DATA");
  if (env && *env) return env;
  const char *home = getenv("HOME");
  snprintf(buf, buflen, "%s/.local/share/msl/mnist", home && *home ? home : ".");
  return buf;
}
