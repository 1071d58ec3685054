/* mnist.h: the IDX file format and the four-file MNIST (or Fashion-MNIST)
 * data set. Errors follow msl/error.h: -1, and a one-line message naming the
 * file and the problem from msl_error(). */
#ifndef MSL_MNIST_H
#define MSL_MNIST_H

#include <stddef.h>
#include <stdint.h>

#include "msl/api.h"

MSL_BEGIN_DECLS

/* An unsigned-byte IDX array (type 0x08): dims[0] items of dims[1..] each. */
typedef struct msl_idx {
  int ndim;
  uint32_t dims[4];
  size_t count;      /* dims[0] */
  size_t item_size;  /* product of dims[1..] */
  uint8_t *data;     /* count * item_size bytes */
} msl_idx;

/* Load an IDX file of unsigned bytes with ndim dimensions (1 = labels,
 * 3 = images), gzip-compressed when path ends in ".gz". Returns 0, or -1
 * with a message naming the file (msl_error(); a FIFO or device is refused,
 * and the header must match the file's size exactly, or for .gz the size
 * after decompression, checked before allocating: a header promising more
 * than the compressed bytes can hold is refused, and corrupt gzip data gives
 * zlib's message). */
int msl_idx_load(const char *path, int ndim, msl_idx *out);
/* The same from an IDX file held in memory (len bytes; the data is copied);
 * `name` stands for the file in messages. */
int msl_idx_parse(const void *buf, size_t len, int ndim, const char *name, msl_idx *out);
void msl_idx_free(msl_idx *a);

typedef struct msl_mnist {
  int rows, cols, pixels;          /* 28, 28, 784 */
  int n_train, n_test;
  const uint8_t *train_x, *test_x; /* [n * pixels] */
  const uint8_t *train_y, *test_y; /* [n], values 0..9 */
  msl_idx a[4];
} msl_mnist;

/* Load train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte
 * and t10k-labels-idx1-ubyte from dir, checking counts, sizes and labels.
 * Each may be gzip-compressed with ".gz" added to its name (as MNIST and
 * Fashion-MNIST are distributed); where both exist the plain file is read. */
int msl_mnist_load(const char *dir, msl_mnist *m);
void msl_mnist_free(msl_mnist *m);

/* The data directory: dir if given, else $MSL_DATA, else
 * $HOME/.local/share/msl/mnist (where scripts/fetch-mnist.sh installs). */
const char *msl_mnist_default_dir(const char *dir, char *buf, size_t buflen);

MSL_END_DECLS

#endif
