/* test_npz.c: the .npz reader on good archives and on damaged ones; the
 * shipped reference table (when present) loads with sane grids. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "msl/error.h"
#include "msl/npz.h"
#include "hostile.h"
#include "npz_write.h"

static char dir[256], path[512];

static const char *in_dir(const char *name) {
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return path;
}

/* A member written from a header dict and raw bytes. */
static void add_raw(zip_t *za, const char *name, const char *dict, const void *data, size_t n,
                    int major) {
  char member[64];
  size_t len;
  snprintf(member, sizeof member, "%s.npy", name);
  unsigned char *b = npyw(dict, data, n, major, &len);
  CHECK(npzw_add(za, member, b, len, 0) == 0);
}

static void reverse8(unsigned char *b) {
  for (int k = 0; k < 4; k++) {
    unsigned char t = b[k];
    b[k] = b[7 - k];
    b[7 - k] = t;
  }
}

/* One line, naming the file and (when given) the member. */
static void check_message(const char *err, const char *file, const char *member, const char *what) {
  if (getenv("MSL_TEST_VERBOSE")) printf("  %s\n", err);
  CHECK(err[0] != '\0');
  CHECK(strchr(err, '\n') == NULL);
  CHECK(strstr(err, file) != NULL);
  if (member) CHECK(strstr(err, member) != NULL);
  if (what && !strstr(err, what)) check_fail(__FILE__, __LINE__, "'%s' lacks '%s'", err, what);
}

static void good_archive(void) {
  const char *file = in_dir("good.npz");
  zip_t *za = npzw_open(file);
  double one[1] = {4.25}, v3[3] = {1.5, -2, 3e-300};
  double m[6] = {1, 2, 3, 4, 5, 6}; /* 2 x 3, C order */
  CHECK(npzw_f8(za, "scalar", "()", one, 1, 0) == 0);
  CHECK(npzw_f8(za, "vec", "(3,)", v3, 3, 0) == 0);
  CHECK(npzw_f8(za, "mat", "(2, 3)", m, 6, 0) == 0);
  CHECK(npzw_f8(za, "deflated", "(2, 3)", m, 6, 1) == 0);
  /* The same 2 x 3 matrix in Fortran order: columns first. */
  double f[6] = {1, 4, 2, 5, 3, 6};
  add_raw(za, "fortran", "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }", f,
          sizeof f, 1);
  /* Big-endian float64 */
  unsigned char be[24];
  memcpy(be, v3, 24);
  for (int k = 0; k < 3; k++) reverse8(be + 8 * k);
  add_raw(za, "big", "{'descr': '>f8', 'fortran_order': False, 'shape': (3,), }", be, 24, 1);
  float f4[3] = {1.5f, -2.0f, 0.25f};
  add_raw(za, "f4", "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", f4, sizeof f4, 1);
  int64_t i8[2] = {-7, 1LL << 40};
  add_raw(za, "i8", "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", i8, sizeof i8, 1);
  int32_t i4[2] = {-3, 100000};
  add_raw(za, "i4", "{\"descr\": \"<i4\", \"fortran_order\": False, \"shape\": (1, 2)}", i4,
          sizeof i4, 1);
  add_raw(za, "v2", "{'descr': '|f8', 'fortran_order': False, 'shape': (3,), }", v3, 24, 2);
  add_raw(za, "v3", "{'descr': '<f8', 'fortran_order': False, 'shape': (3L,), }", v3, 24, 3);
  add_raw(za, "empty", "{'descr': '<f8', 'fortran_order': False, 'shape': (0,), }", NULL, 0, 1);
  CHECK(npzw_close(za) == 0);

  msl_npz *z = msl_npz_open(file);
  CHECK(z != NULL);
  if (!z) {
    fprintf(stderr, "%s\n", msl_error());
    return;
  }
  msl_array a;
  CHECK(msl_npz_has(z, "vec") && msl_npz_has(z, "vec.npy") && !msl_npz_has(z, "nope"));
  CHECK(msl_npz_array(z, "scalar", &a) == 0);
  CHECK(a.ndim == 0 && a.size == 1 && a.data[0] == 4.25);
  msl_array_free(&a);
  const char *vecs[] = {"vec", "big", "v2", "v3"};
  for (int k = 0; k < 4; k++) {
    CHECK(msl_npz_array(z, vecs[k], &a) == 0);
    CHECK(a.ndim == 1 && a.shape[0] == 3 && a.size == 3);
    if (a.size == 3) CHECK(a.data[0] == 1.5 && a.data[1] == -2.0 && a.data[2] == 3e-300);
    msl_array_free(&a);
  }
  const char *mats[] = {"mat", "deflated", "fortran"};
  for (int k = 0; k < 3; k++) {
    CHECK(msl_npz_array(z, mats[k], &a) == 0);
    CHECK(a.ndim == 2 && a.shape[0] == 2 && a.shape[1] == 3 && a.size == 6);
    for (int e = 0; e < 6 && a.size == 6; e++) CHECK(a.data[e] == m[e]); /* C order */
    msl_array_free(&a);
  }
  CHECK(msl_npz_array(z, "f4", &a) == 0);
  CHECK(a.size == 3 && a.data[0] == 1.5 && a.data[1] == -2.0 && a.data[2] == 0.25);
  msl_array_free(&a);
  CHECK(msl_npz_array(z, "i8", &a) == 0);
  CHECK(a.size == 2 && a.data[0] == -7.0 && a.data[1] == 1099511627776.0);
  msl_array_free(&a);
  CHECK(msl_npz_array(z, "i4", &a) == 0);
  CHECK(a.ndim == 2 && a.shape[0] == 1 && a.shape[1] == 2 && a.data[0] == -3 && a.data[1] == 1e5);
  msl_array_free(&a);
  CHECK(msl_npz_array(z, "empty", &a) == 0);
  CHECK(a.ndim == 1 && a.size == 0);
  msl_array_free(&a);
  /* A missing member. */
  CHECK(msl_npz_array(z, "nope", &a) == -1);
  CHECK(a.data == NULL);
  check_message(msl_error(), file, "nope", "missing");
  msl_npz_close(z);
}

/* Each damaged member must fail with a one-line message naming it. */
static void damaged_members(void) {
  const char *file = in_dir("bad.npz");
  zip_t *za = npzw_open(file);
  double v[4] = {1, 2, 3, 4};
  const struct { const char *name, *dict, *why; size_t nbytes; } bad[] = {
      {"complex", "{'descr': '<c16', 'fortran_order': False, 'shape': (2,), }", "dtype", 32},
      {"bytes", "{'descr': '|S4', 'fortran_order': False, 'shape': (2,), }", "dtype", 8},
      {"object", "{'descr': '|O', 'fortran_order': False, 'shape': (2,), }", "dtype", 16},
      {"short", "{'descr': '<f8', 'fortran_order': False, 'shape': (5,), }", "truncated", 32},
      {"long", "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", "size mismatch", 32},
      {"noshape", "{'descr': '<f8', 'fortran_order': False, }", "shape", 32},
      {"notdict", "['descr', '<f8']", "bad header", 32},
      {"badbool", "{'descr': '<f8', 'fortran_order': Maybe, 'shape': (4,), }", "fortran_order", 32},
      {"badshape", "{'descr': '<f8', 'fortran_order': False, 'shape': (-4,), }", "shape", 32},
      {"extra", "{'descr': '<f8', 'fortran_order': False, 'shape': (4,), 'x': 1, }", "'x'", 32},
      {"unclosed", "{'descr': '<f8', 'fortran_order': False, 'shape': (4,)", "bad header", 32},
      {"fivedim", "{'descr': '<f8', 'fortran_order': False, 'shape': (1,1,1,1,4), }", "dimensions",
       32},
  };
  size_t nbad = sizeof bad / sizeof bad[0];
  for (size_t k = 0; k < nbad; k++) add_raw(za, bad[k].name, bad[k].dict, v, bad[k].nbytes, 1);
  /* Bad magic, a header length beyond the member, an unknown version. */
  unsigned char *b = calloc(64, 1);
  memcpy(b, "\x93NUMPZ\x01\x00\x10\x00{}", 12);
  CHECK(npzw_add(za, "magic.npy", b, 64, 0) == 0);
  size_t len;
  b = npyw("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", v, 32, 1, &len);
  b[8] = 0xff;
  b[9] = 0x7f; /* header length 32767 */
  CHECK(npzw_add(za, "hlen.npy", b, len, 0) == 0);
  b = npyw("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", v, 32, 1, &len);
  b[6] = 9;
  CHECK(npzw_add(za, "version.npy", b, len, 0) == 0);
  b = malloc(4);
  memcpy(b, "\x93NU", 4);
  CHECK(npzw_add(za, "tiny.npy", b, 4, 0) == 0);
  CHECK(npzw_close(za) == 0);

  msl_npz *z = msl_npz_open(file);
  CHECK(z != NULL);
  if (!z) return;
  msl_array a;
  for (size_t k = 0; k < nbad; k++) {
    CHECK(msl_npz_array(z, bad[k].name, &a) == -1);
    CHECK(a.data == NULL);
    check_message(msl_error(), file, bad[k].name, bad[k].why);
  }
  const struct { const char *name, *why; } raw[] = {
      {"magic", "bad magic"}, {"hlen", "truncated"}, {"version", "version"}, {"tiny", "truncated"}};
  for (size_t k = 0; k < 4; k++) {
    CHECK(msl_npz_array(z, raw[k].name, &a) == -1);
    check_message(msl_error(), file, raw[k].name, raw[k].why);
  }
  msl_npz_close(z);
}

/* Archives that are not zips, truncated ones, missing files. */
static void damaged_archives(void) {
  const char *text = in_dir("text.npz");
  FILE *f = fopen(text, "w");
  fputs("this is not a zip archive\n", f);
  fclose(f);
  CHECK(msl_npz_open(text) == NULL);
  check_message(msl_error(), text, NULL, "not a zip");

  /* Cut a good archive in half: its central directory is gone. */
  char good[512], cut[512];
  snprintf(good, sizeof good, "%s", in_dir("good.npz"));
  snprintf(cut, sizeof cut, "%s", in_dir("cut.npz"));
  FILE *in = fopen(good, "rb"), *out = fopen(cut, "wb");
  fseek(in, 0, SEEK_END);
  long n = ftell(in);
  fseek(in, 0, SEEK_SET);
  for (long k = 0; k < n / 2; k++) fputc(fgetc(in), out);
  fclose(in);
  fclose(out);
  CHECK(msl_npz_open(cut) == NULL);
  check_message(msl_error(), cut, NULL, NULL);

  /* Damage the data of a deflated member in place: the central directory is
   * intact, reading the member must fail (inflate or checksum error). */
  const char *dmg = in_dir("dmg.npz");
  zip_t *za = npzw_open(dmg);
  double big[512];
  for (int k = 0; k < 512; k++) big[k] = k * 0.5;
  CHECK(npzw_f8(za, "arr", "(512,)", big, 512, 1) == 0);
  CHECK(npzw_close(za) == 0);
  f = fopen(dmg, "r+b");
  fseek(f, 200, SEEK_SET);
  for (int k = 0; k < 64; k++) fputc(0xA5, f);
  fclose(f);
  msl_npz *z = msl_npz_open(dmg);
  if (z) {
    msl_array a;
    CHECK(msl_npz_array(z, "arr", &a) == -1);
    check_message(msl_error(), dmg, "arr", "damaged");
    msl_npz_close(z);
  } else {
    check_message(msl_error(), dmg, NULL, NULL);
  }

  const char *none = in_dir("does-not-exist.npz");
  CHECK(msl_npz_open(none) == NULL);
  check_message(msl_error(), none, NULL, "cannot open");
}

/* Sizes a directory entry declares are checked against what the archive can
 * hold before anything is allocated: 0xFFFFFF00 bytes declared for a stored
 * and for a deflated member fail at once (with hostile.h's 1 GB allocation
 * limit the old reader said "out of memory"); a real deflated member larger
 * than the first read buffer still reads whole; a FIFO is refused, not
 * waited on. */
static void hostile_sizes(void) {
  double v[4] = {1, 2, 3, 4}, big[20000];
  for (int k = 0; k < 20000; k++) big[k] = k * 0.25;
  const struct { const char *file; int deflate; const char *why; } cases[] = {
      {"huge_stored.npz", 0, "stored uncompressed, but declares 4294967040 bytes"},
      {"huge_deflated.npz", 1, "declares 4294967040 bytes, more than its"}};
  for (int c = 0; c < 2; c++) {
    const char *file = in_dir(cases[c].file);
    zip_t *za = npzw_open(file);
    CHECK(npzw_f8(za, "a", "(4,)", v, 4, cases[c].deflate) == 0);
    CHECK(npzw_close(za) == 0);
    CHECK(npzw_patch_size(file, 0xFFFFFF00ul) == 0);
    msl_npz *z = msl_npz_open(file);
    CHECK(z != NULL);
    msl_array a;
    if (z) {
      CHECK(msl_npz_array(z, "a", &a) == -1);
      CHECK(a.data == NULL);
      check_message(msl_error(), file, "a", cases[c].why);
    }
    msl_npz_close(z);
    remove(file);
  }
  const char *file = in_dir("big.npz");
  zip_t *za = npzw_open(file);
  CHECK(npzw_f8(za, "big", "(20000,)", big, 20000, 1) == 0);
  CHECK(npzw_close(za) == 0);
  msl_npz *z = msl_npz_open(file);
  CHECK(z != NULL);
  if (z) {
    CHECK(msl_npz_count(z) == 1 && strcmp(msl_npz_member(z, 0), "big.npy") == 0);
    CHECK(msl_npz_member(z, 1) == NULL);
    msl_array a;
    CHECK(msl_npz_array(z, "big", &a) == 0);
    CHECK(a.size == 20000);
    int same = a.size == 20000;
    for (size_t k = 0; same && k < a.size; k++) same = a.data[k] == (double)k * 0.25;
    CHECK(same);
    msl_array_free(&a);
  }
  msl_npz_close(z);
  remove(file);
  const char *fifo = in_dir("fifo.npz");
  if (hostile_fifo(fifo) == 0) {
    hostile_watchdog(30);
    CHECK(msl_npz_open(fifo) == NULL);
    check_message(msl_error(), fifo, NULL, "a FIFO");
    alarm(0);
    remove(fifo);
  }
}

/* The in-memory entry point reads what the file one does. */
static void from_buffer(void) {
  FILE *f = fopen(in_dir("good.npz"), "rb");
  CHECK(f != NULL);
  if (!f) return;
  static unsigned char buf[1 << 16];
  size_t n = fread(buf, 1, sizeof buf, f);
  fclose(f);
  msl_npz *z = msl_npz_open_buffer(buf, n, "good.npz (memory)");
  CHECK(z != NULL);
  msl_array a;
  if (z) {
    CHECK(msl_npz_array(z, "vec", &a) == 0);
    CHECK(a.size == 3 && a.data[0] == 1.5 && a.data[1] == -2.0 && a.data[2] == 3e-300);
    msl_array_free(&a);
    CHECK(msl_npz_array(z, "nope", &a) == -1);
    check_message(msl_error(), "good.npz (memory)", "nope", "missing");
  }
  msl_npz_close(z);
  CHECK(msl_npz_open_buffer("not a zip", 9, "junk") == NULL);
  check_message(msl_error(), "junk", NULL, "not a zip");
}

int main(void) {
  if (npzw_tmpdir(dir, sizeof dir, "npz")) return 1;
  good_archive();
  from_buffer();
  damaged_members();
  damaged_archives();
  hostile_sizes();
  const char *names[] = {"good.npz", "bad.npz", "text.npz", "cut.npz", "dmg.npz"};
  for (int k = 0; k < 5; k++) remove(in_dir(names[k]));
  rmdir(dir);
  return check_done();
}
