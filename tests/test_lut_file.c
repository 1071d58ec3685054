/* test_lut_file.c: hostile table files for the lut device: grids of finite
 * values whose range is not finite, and a FIFO given as the table. Each must
 * fail at load with a message naming the file and the field. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "hostile.h"
#include "msl/device.h"
#include "msl/error.h"
#include "npz_write.h"

static char dir[256];

/* A table whose gmin, gmax are good and whose grid `field` is g (n values);
 * the loader stops at the first bad field, so nothing else is needed. */
static const char *write_table(const char *name, const char *field, const double *g, int n) {
  static char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  zip_t *za = npzw_open(path);
  double gmin = 1e-6, gmax = 9e-6, pot_g[2] = {1e-6, 9e-6};
  char shape[16];
  snprintf(shape, sizeof shape, "(%d,)", n);
  CHECK(npzw_f8(za, "gmin", "()", &gmin, 1, 0) == 0);
  CHECK(npzw_f8(za, "gmax", "()", &gmax, 1, 0) == 0);
  if (strcmp(field, "pot_G") != 0) CHECK(npzw_f8(za, "pot_G", "(2,)", pot_g, 2, 0) == 0);
  CHECK(npzw_f8(za, field, shape, g, (size_t)n, 0) == 0);
  CHECK(npzw_close(za) == 0);
  return path;
}

static void expect_fail(const char *lut, const char *what, const char *what2) {
  msl_params p;
  msl_params_init(&p, 1);
  msl_params_set_text(&p, "lut", lut);
  msl_device *d = msl_device_new("lut", &p, 1e-5);
  const char *err = msl_error();
  CHECK(d == NULL);
  msl_device_free(d);
  CHECK(strchr(err, '\n') == NULL);
  if (!strstr(err, lut) || !strstr(err, what) || (what2 && !strstr(err, what2)))
    check_fail(__FILE__, __LINE__, "message '%s' lacks '%s', '%s' or '%s'", err, lut, what,
               what2 ? what2 : "");
}

int main(void) {
  if (npzw_tmpdir(dir, sizeof dir, "lut_file")) return 1;
  /* [-1e308, 1e308]: both finite, the range 2e308 is not (the old loader
   * built its bucket index from NaN: UBSan, then "out of memory"). */
  const double wide[2] = {-1e308, 1e308}, wide3[3] = {-1e308, 0.0, 1e308};
  const char *t = write_table("wide.npz", "pot_G", wide, 2);
  expect_fail(t, "pot_G: range", "too wide");
  remove(t);
  t = write_table("wide3.npz", "pot_G", wide3, 3);
  expect_fail(t, "pot_G: range", "too wide");
  remove(t);
  t = write_table("widev.npz", "pot_V", wide, 2);
  expect_fail(t, "pot_V: range", "too wide");
  remove(t);
  /* A FIFO as the table: refused, not waited on. */
  char fifo[512];
  snprintf(fifo, sizeof fifo, "%s/table.npz", dir);
  if (hostile_fifo(fifo) == 0) {
    hostile_watchdog(30);
    expect_fail(fifo, "a FIFO", NULL);
    alarm(0);
    remove(fifo);
  }
  remove(dir);
  return check_done();
}
