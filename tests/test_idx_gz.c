/* test_idx_gz.c: gzip-compressed IDX files (NAME.gz), written here with
 * zlib: a compressed set loads byte for byte like the plain one, the plain
 * file wins where both exist, and damaged or hostile gzip data (corrupt,
 * truncated, trailing bytes, a header promising more than the data holds, a
 * bomb) is refused with one line naming the file and the problem. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "check.h"
#include "data/idx.h"
#include "hostile.h"
#include "msl/error.h"
#include "msl/mnist.h"

static char dir[64];
static const char *names[4] = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                               "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

typedef struct buf {
  unsigned char *p;
  size_t n;
} buf;

/* An IDX file in memory: magic 00 00 08 ndim, big-endian dims, then `extra`
 * bytes more (or fewer, if negative) than the dims say, byte k = f(k). */
static buf idx(int ndim, const unsigned *dims, long extra, unsigned (*f)(size_t)) {
  size_t body = 1;
  for (int k = 0; k < ndim; k++) body *= dims[k];
  body = (size_t)((long)body + extra);
  buf b = {malloc(4 + 4 * (size_t)ndim + body), 4 + 4 * (size_t)ndim + body};
  unsigned char *p = b.p;
  *p++ = 0, *p++ = 0, *p++ = 8, *p++ = (unsigned char)ndim;
  for (int k = 0; k < ndim; k++)
    for (int s = 24; s >= 0; s -= 8) *p++ = (unsigned char)(dims[k] >> s);
  for (size_t k = 0; k < body; k++) *p++ = (unsigned char)f(k);
  return b;
}

static unsigned pixel(size_t k) { return (unsigned)((k * 7 + k / 784) % 256); }
static unsigned digit(size_t k) { return (unsigned)(k % 10); }
static unsigned three(size_t k) { (void)k; return 3; }

/* b as one gzip member (zlib's deflate with the gzip wrapper: a 10-byte
 * header, the deflate data, then CRC-32 and length, little-endian). */
static buf gz(buf b) {
  z_stream z;
  memset(&z, 0, sizeof z);
  CHECK(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) == Z_OK);
  buf o = {malloc(deflateBound(&z, b.n)), 0};
  z.next_in = b.p;
  z.avail_in = (uInt)b.n;
  z.next_out = o.p;
  z.avail_out = (uInt)deflateBound(&z, b.n);
  CHECK(deflate(&z, Z_FINISH) == Z_STREAM_END);
  o.n = z.total_out;
  deflateEnd(&z);
  return o;
}

/* gz(b), freeing b. */
static buf gzf(buf b) {
  buf o = gz(b);
  free(b.p);
  return o;
}

static buf cat(buf a, buf b) {
  buf o = {malloc(a.n + b.n), a.n + b.n};
  memcpy(o.p, a.p, a.n);
  memcpy(o.p + a.n, b.p, b.n);
  return o;
}

static buf copy(buf a) {
  buf o = {malloc(a.n), a.n};
  memcpy(o.p, a.p, a.n);
  return o;
}

static void put(const char *name, buf b) {
  char p[256];
  snprintf(p, sizeof p, "%s/%s", dir, name);
  FILE *f = fopen(p, "wb");
  CHECK(f && fwrite(b.p, 1, b.n, f) == b.n);
  if (f) fclose(f);
}

static void put_free(const char *name, buf b) {
  put(name, b);
  free(b.p);
}

/* The plain files of a good set (1,500 training images: more than the
 * reader's first 1 MiB buffer). */
static buf set[4];
static void make_set(void) {
  unsigned di[3] = {1500, 28, 28}, dl[1] = {1500}, ti[3] = {7, 28, 28}, tl[1] = {7};
  set[0] = idx(3, di, 0, pixel);
  set[1] = idx(1, dl, 0, digit);
  set[2] = idx(3, ti, 0, pixel);
  set[3] = idx(1, tl, 0, digit);
}

static void clear(void) {
  char p[256];
  for (int k = 0; k < 4; k++) {
    snprintf(p, sizeof p, "%s/%s", dir, names[k]);
    unlink(p);
    snprintf(p, sizeof p, "%s/%s.gz", dir, names[k]);
    unlink(p);
  }
}

/* The set in dir, file k compressed if bit k of gzmask is set. */
static void write_set(unsigned gzmask) {
  clear();
  for (int k = 0; k < 4; k++) {
    char name[64];
    snprintf(name, sizeof name, "%s%s", names[k], gzmask >> k & 1 ? ".gz" : "");
    if (gzmask >> k & 1) put_free(name, gz(set[k]));
    else put(name, set[k]);
  }
}

/* The loaded set equals the plain files byte for byte. */
static void expect_same(const char *what) {
  msl_mnist m;
  if (msl_mnist_load(dir, &m)) {
    check_fail(__FILE__, __LINE__, "%s: %s", what, msl_error());
    return;
  }
  CHECK(m.n_train == 1500 && m.n_test == 7 && m.rows == 28 && m.cols == 28);
  for (int k = 0; k < 4; k++) {
    size_t h = k % 2 ? 8 : 16;
    CHECK(m.a[k].count * m.a[k].item_size == set[k].n - h);
    CHECK(memcmp(m.a[k].data, set[k].p + h, set[k].n - h) == 0);
  }
  CHECK(m.train_x[784 * 1000 + 5] == pixel(784 * 1000 + 5) && m.test_y[6] == 6);
  msl_mnist_free(&m);
}

/* Loading the set must fail with one line containing `file` and `what`. */
static void expect_error(const char *file, const char *what) {
  msl_mnist m;
  int rc = msl_mnist_load(dir, &m);
  const char *err = msl_error();
  CHECK(rc == -1);
  CHECK(strstr(err, file) != NULL && strstr(err, what) != NULL);
  CHECK(strchr(err, '\n') == NULL);
  if (rc == -1 && (!strstr(err, file) || !strstr(err, what)))
    fprintf(stderr, "  expected '%s' and '%s'; message was: %s\n", file, what, err);
  if (rc == 0) msl_mnist_free(&m);
}

/* The training labels replaced by gzip data g (freed). */
static void bad_labels(buf g, const char *what) {
  write_set(0xf);
  put_free("train-labels-idx1-ubyte.gz", g);
  expect_error("train-labels-idx1-ubyte.gz", what);
}

int main(void) {
  snprintf(dir, sizeof dir, "/tmp/msl-test-idxgz-XXXXXX");
  CHECK(mkdtemp(dir) != NULL);
  make_set();
  hostile_watchdog(120);

  /* Compressed, partly compressed and plain sets load identically. */
  write_set(0);
  expect_same("plain");
  write_set(0xf);
  expect_same("all four .gz");
  write_set(0x5); /* images compressed, labels plain */
  expect_same("images .gz");

  /* Both NAME and NAME.gz: the plain file is read. */
  write_set(0xf);
  unsigned dl[1] = {1500};
  put_free("train-labels-idx1-ubyte", idx(1, dl, 0, three));
  msl_mnist m;
  CHECK(msl_mnist_load(dir, &m) == 0);
  if (m.n_train == 1500) CHECK(m.train_y[1] == 3 && m.train_y[9] == 3);
  msl_mnist_free(&m);

  /* Neither: the message names both. */
  write_set(0xf);
  char p[256];
  snprintf(p, sizeof p, "%s/t10k-images-idx3-ubyte.gz", dir);
  unlink(p);
  expect_error("t10k-images-idx3-ubyte: cannot open", "nor t10k-images-idx3-ubyte.gz");

  /* The in-memory reader gives the same array. */
  buf g = gz(set[0]);
  msl_idx a;
  CHECK(msl_idx_gunzip(-1, g.p, g.n, 3, "mem.gz", &a) == 0);
  CHECK(a.count == 1500 && a.item_size == 784 && memcmp(a.data, set[0].p + 16, 1500 * 784) == 0);
  msl_idx_free(&a);
  free(g.p);

  /* Damaged gzip data, zlib's message. The member: 10-byte header (byte 2:
   * method 8 = deflate), deflate data from byte 10, CRC-32, length. */
  buf lab = set[1];
  g = gz(lab);
  g.p[g.n - 8] ^= 1; /* CRC-32 */
  bad_labels(g, "corrupt gzip data: incorrect data check");
  g = gz(lab);
  g.p[g.n - 1] ^= 1; /* length */
  bad_labels(g, "corrupt gzip data: incorrect length check");
  g = gz(lab);
  g.p[2] = 7;
  bad_labels(g, "corrupt gzip data: unknown compression method");
  g = gz(lab);
  g.p[10] = 7; /* the last block, of reserved type 3 */
  bad_labels(g, "corrupt gzip data: invalid block type");
  /* Truncated: the stream cut inside. */
  g = gz(lab);
  g.n -= 12;
  bad_labels(g, "truncated gzip data");
  /* Not gzip at all: a plain IDX file named .gz; an empty file. */
  bad_labels(copy(lab), "not gzip data (it starts with 00 00, not 1f 8b; an uncompressed IDX file?");
  bad_labels((buf){malloc(1), 0}, "not gzip data (an empty file)");
  /* Bytes after the gzip data that are not another member. */
  g = gz(lab);
  buf junk = {(unsigned char *)"\0\0\0junk", 7};
  bad_labels(cat(g, junk), "7 bytes after the end of the gzip data");
  free(g.p);

  /* The decompressed size against the header, as for plain files. */
  bad_labels(gzf(idx(1, dl, 5, digit)), "more than 1508 bytes after decompression, but the "
             "header promises 1500 items (1508 bytes): trailing data");
  bad_labels(gzf(idx(1, dl, -3, digit)), "1505 bytes after decompression, but the header "
             "promises 1500 items (1508 bytes): truncated");
  /* ... and the same content checks: magic, labels. */
  buf sb = copy(lab);
  sb.p[2] = 9; /* signed bytes instead of unsigned */
  bad_labels(gz(sb), "wrong magic 00000901");
  free(sb.p);
  bad_labels(gzf(idx(1, dl, 0, pixel)), "is not a class 0..9");

  /* A header promising more than deflate can expand the file to (822 MB
   * of images in 40-odd bytes) is refused before anything is allocated. */
  unsigned huge[3] = {1u << 20, 28, 28};
  write_set(0xf);
  put_free("train-images-idx3-ubyte.gz", gzf(idx(3, huge, -(long)(784u << 20), pixel)));
  expect_error("train-images-idx3-ubyte.gz", "decompress to at most");
  expect_error("train-images-idx3-ubyte.gz", "822083600 bytes): truncated");

  /* A bomb: 10 labels promised, then 64 MiB of zeros (64 KiB compressed);
   * decompression stops one byte past what the header promises. */
  unsigned d10b[1] = {10};
  buf h = idx(1, d10b, (64l << 20) - 10, three);
  memset(h.p + 8 + 10, 0, h.n - 8 - 10);
  buf bomb = gz(h);
  free(h.p);
  CHECK(bomb.n < 200000);
  bad_labels(bomb, "more than 18 bytes after decompression");

  /* gzip data under the plain name: a hint. */
  write_set(0xf);
  put_free("train-labels-idx1-ubyte", gz(set[1]));
  expect_error("train-labels-idx1-ubyte: wrong magic 1f8b", "gzip data? name the file *.gz");

  /* Concatenated members are one gzip file: the header in one, the data in
   * another (as `cat a.gz b.gz` makes). */
  write_set(0xf);
  buf h1 = {set[0].p, 16}, h2 = {set[0].p + 16, set[0].n - 16};
  buf m1 = gz(h1), m2 = gz(h2);
  put_free("train-images-idx3-ubyte.gz", cat(m1, m2));
  free(m1.p);
  free(m2.p);
  expect_same("two members");

  /* A FIFO named .gz is refused at once. */
  write_set(0xf);
  snprintf(p, sizeof p, "%s/t10k-labels-idx1-ubyte.gz", dir);
  CHECK(hostile_fifo(p) == 0);
  expect_error("t10k-labels-idx1-ubyte.gz", "a FIFO");
  unlink(p);

  clear();
  CHECK(rmdir(dir) == 0);
  for (int k = 0; k < 4; k++) free(set[k].p);
  return check_done();
}
