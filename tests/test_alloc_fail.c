/* test_alloc_fail.c: every allocation of a small msl stdp and msl bp run made to fail in turn.
 *
 * Linked with -Wl,--wrap=malloc,calloc,realloc,strdup (CMakeLists.txt): every
 * call to those in this executable's objects, libmsl's included (a static
 * library, so its objects are linked here), goes to the __wrap_ functions
 * below, which count the calls and return NULL on the N-th. Calls from
 * shared libraries (libzip, libc itself) are not redirected; under ASan the
 * __real_ functions are ASan's allocator, so the two coexist.
 *
 * For each workload and device (ideal, chen15, vteam, lut with a small
 * synthetic table) on a synthetic 30-image data set: one run counts the
 * allocations (and must succeed), then for N = 1 .. count a run whose N-th
 * allocation fails must return -1 with an error message, and leave nothing
 * allocated: the wrappers keep the set of blocks allocated during the run
 * and remove those freed, so a leak is seen (and named by N) in any build;
 * under ASan, LeakSanitizer checks again at the end. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "msl/workload.h"
#include "npz_write.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#define HAVE_LSAN 1
#endif

/* ======== the wrappers ======== */

void *__real_malloc(size_t n);
void *__real_calloc(size_t m, size_t n);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);

static int armed;          /* counting and tracking on */
static long calls, fail_at; /* allocation calls so far; fail the fail_at-th (0: never) */

/* The blocks allocated while armed and not yet freed (open addressing). */
enum { LIVE_CAP = 1 << 16 };
static void *live[LIVE_CAP];
static size_t live_size[LIVE_CAP];
static long n_live;
static int live_overflow;

static size_t slot(const void *p) { return (size_t)(((uintptr_t)p >> 4) * 0x9e3779b97f4a7c15ull) & (LIVE_CAP - 1); }

static void live_add(void *p, size_t n) {
  if (!p) return;
  if (n_live >= LIVE_CAP / 2) {
    live_overflow = 1;
    return;
  }
  size_t k = slot(p);
  while (live[k]) k = (k + 1) & (LIVE_CAP - 1);
  live[k] = p;
  live_size[k] = n;
  n_live++;
}

/* Remove p (backward-shift deletion keeps the probe chains whole). */
static void live_del(void *p) {
  if (!p || !n_live) return;
  size_t k = slot(p);
  while (live[k] && live[k] != p) k = (k + 1) & (LIVE_CAP - 1);
  if (!live[k]) return; /* allocated before the run */
  live[k] = NULL;
  n_live--;
  for (size_t j = (k + 1) & (LIVE_CAP - 1); live[j]; j = (j + 1) & (LIVE_CAP - 1)) {
    size_t h = slot(live[j]);
    if (((j - h) & (LIVE_CAP - 1)) >= ((j - k) & (LIVE_CAP - 1))) {
      live[k] = live[j];
      live_size[k] = live_size[j];
      live[j] = NULL;
      k = j;
    }
  }
}

/* 1 when this call must fail. */
static int fail_now(void) { return armed && ++calls == fail_at; }

void *__wrap_malloc(size_t n) {
  if (fail_now()) return NULL;
  void *p = __real_malloc(n);
  if (armed) live_add(p, n);
  return p;
}

void *__wrap_calloc(size_t m, size_t n) {
  if (fail_now()) return NULL;
  void *p = __real_calloc(m, n);
  if (armed) live_add(p, m * n);
  return p;
}

void *__wrap_realloc(void *q, size_t n) {
  if (fail_now()) return NULL;
  void *p = __real_realloc(q, n);
  if (armed && p) {
    live_del(q);
    live_add(p, n);
  }
  return p;
}

char *__wrap_strdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *p = __wrap_malloc(n);
  if (p) memcpy(p, s, n);
  return p;
}

void __wrap_free(void *p) {
  if (armed) live_del(p);
  __real_free(p);
}

/* ======== the runs ======== */

enum { N_IN = 784, N_TRAIN = 20, N_TEST = 10 };

/* 30 MNIST-like images: about 150 lit pixels each, in a blob per label. */
static void make_data(msl_mnist *m, uint8_t *x, uint8_t *y) {
  memset(m, 0, sizeof *m);
  uint64_t r = 12345;
  for (int k = 0; k < N_TRAIN + N_TEST; k++) {
    y[k] = (uint8_t)(k % 10);
    int c0 = 4 + 2 * (k % 10);
    for (int p = 0; p < N_IN; p++) {
      r = r * 6364136223846793005ull + 1442695040888963407ull;
      int row = p / 28, col = p % 28, near = abs(row - 14) < 7 && abs(col - c0) < 6;
      x[k * N_IN + p] = near && (r >> 60) < 13 ? (uint8_t)(128 + (r >> 57) % 128) : 0;
    }
  }
  m->rows = m->cols = 28;
  m->pixels = N_IN;
  m->n_train = N_TRAIN;
  m->n_test = N_TEST;
  m->train_x = x;
  m->train_y = y;
  m->test_x = x + (size_t)N_TRAIN * N_IN;
  m->test_y = y + N_TRAIN;
}

typedef struct {
  const char *device;
  const char *lut;
  int nonideal; /* every non-ideality on (nonideal.h) */
} dev_choice;

/* The device of a run: its name and, for the table, the file and the
 * synthetic table's voltages. */
static void set_device(const char **device, msl_params *p, const dev_choice *d) {
  *device = d->device;
  if (d->nonideal) {
    msl_params_set(p, "d2d", 0.1);
    msl_params_set(p, "c2c", 0.1);
    msl_params_set(p, "read-noise", 0.1);
    msl_params_set(p, "levels", 16);
    msl_params_set(p, "stuck-off", 0.1);
    msl_params_set(p, "stuck-on", 0.1);
    msl_params_set(p, "endurance", 100);
  }
  if (!d->lut) return;
  msl_params_set_text(p, "lut", d->lut);
  msl_params_set(p, "v1p", 0.3);
  msl_params_set(p, "v1n", 0.9);
}

/* msl stdp --neurons 10 --train 20 --test 10 --label-window 10 */
static int run_stdp(const dev_choice *d, const msl_mnist *data, char *err, size_t n) {
  msl_stdp_config c;
  msl_stdp_config_default(&c);
  c.neurons = 10;
  c.train = N_TRAIN;
  c.test = N_TEST;
  c.label_window = 10;
  set_device(&c.device, &c.params, d);
  msl_stdp_result r;
  int rc = msl_stdp_run(&c, data, &r);
  snprintf(err, n, "%s", r.error);
  if (rc == 0) CHECK(r.presentations >= N_TRAIN + N_TEST && r.n_chunks == 2);
  return rc;
}

/* msl bp --hidden 20 --epochs 1 --train 16 --test 4 --test-every 8 */
static int run_bp(const dev_choice *d, const msl_mnist *data, char *err, size_t n) {
  msl_bp_config c;
  msl_bp_config_default(&c);
  c.hidden = 20;
  c.epochs = 1;
  c.train = 16;
  c.test = 4;
  c.test_every = 8;
  set_device(&c.device, &c.params, d);
  msl_bp_result r;
  int rc = msl_bp_run(&c, data, &r);
  snprintf(err, n, "%s", r.error);
  if (rc == 0) CHECK(r.train_samples == 16 && r.n_curve == 2);
  msl_bp_result_free(&r);
  return rc;
}

/* One run of the workload (0 stdp, 1 bp); returns its code, message in err. */
static int run(int workload, const dev_choice *d, const msl_mnist *data, char *err, size_t n) {
  return workload == 0 ? run_stdp(d, data, err, n) : run_bp(d, data, err, n);
}

/* Arm the wrappers (fail the fail-th allocation, 0: none) around one run;
 * returns the run's code, the allocations counted and the blocks left. */
static int armed_run(int workload, const dev_choice *d, const msl_mnist *data, long fail,
                     long *count, long *left, char *err, size_t n) {
  calls = 0;
  fail_at = fail;
  n_live = 0;
  live_overflow = 0;
  memset(live, 0, sizeof live);
  armed = 1;
  int rc = run(workload, d, data, err, n);
  armed = 0;
  *count = calls;
  *left = n_live;
  if (n_live) { /* name the first leaked block's size, then forget them */
    for (size_t k = 0; k < LIVE_CAP; k++)
      if (live[k]) {
        fprintf(stderr, "  leaked: a block of %zu bytes (and %ld more)\n", live_size[k],
                n_live - 1);
        break;
      }
  }
  CHECK(!live_overflow);
  return rc;
}

int main(void) {
  static uint8_t x[(N_TRAIN + N_TEST) * N_IN], y[N_TRAIN + N_TEST];
  msl_mnist data;
  make_data(&data, x, y);

  char dir[512], table[600];
  if (npzw_tmpdir(dir, sizeof dir, "alloc_fail")) return 1;
  snprintf(table, sizeof table, "%s/synthetic.npz", dir);
  { /* a 3 x 3 table: G in [0, 1e-4] S, potentiation for 0.05-0.4 V, depression 0.2-1.2 V */
    const double G[3] = {0.0, 5e-5, 1e-4}, Vp[3] = {0.05, 0.2, 0.4}, Vd[3] = {0.2, 0.6, 1.2};
    const double pot[9] = {1e-7, 1e-6, 4e-6, 1e-7, 8e-7, 3e-6, 1e-7, 5e-7, 2e-6};
    const double dep[9] = {-1e-8, -1e-7, -1e-6, -1e-7, -1e-6, -4e-6, -1e-7, -2e-6, -6e-6};
    const double gmin = 1e-7, gmax = 1e-4, dt = 1e-8;
    zip_t *z = npzw_open(table);
    int bad = !z || npzw_f8(z, "gmin", "()", &gmin, 1, 0) | npzw_f8(z, "gmax", "()", &gmax, 1, 0) |
              npzw_f8(z, "pot_G", "(3,)", G, 3, 0) | npzw_f8(z, "pot_V", "(3,)", Vp, 3, 0) |
              npzw_f8(z, "pot_dG", "(3, 3)", pot, 9, 0) | npzw_f8(z, "pot_dt", "()", &dt, 1, 0) |
              npzw_f8(z, "dep_G", "(3,)", G, 3, 0) | npzw_f8(z, "dep_V", "(3,)", Vd, 3, 0) |
              npzw_f8(z, "dep_dG", "(3, 3)", dep, 9, 0) | npzw_f8(z, "dep_dt", "()", &dt, 1, 0) |
              npzw_close(z);
    CHECK(!bad);
  }

  const dev_choice devs[] = {{"ideal", NULL, 0}, {"chen15", NULL, 0}, {"vteam", NULL, 0},
                             {"lut", table, 0}, {"chen15", NULL, 1}};
  const char *names[2] = {"stdp", "bp"};
  for (int wl = 0; wl < 2; wl++)
    for (size_t k = 0; k < sizeof devs / sizeof devs[0]; k++) {
      char err[256];
      long total, left;
      int rc = armed_run(wl, &devs[k], &data, 0, &total, &left, err, sizeof err);
      if (rc != 0) check_fail(__FILE__, __LINE__, "%s %s: the run fails: %s", names[wl],
                              devs[k].device, err);
      CHECK(left == 0);
      /* At least the network's layers, synapses and buffers: the wrapper
       * sees libmsl's allocations, not only this file's. */
      CHECK(total >= 20);
      long bad_rc = 0, leaks = 0, silent = 0;
      char msgs[8][256];
      int n_msgs = 0;
      for (long f = 1; f <= total; f++) {
        long count;
        err[0] = 0;
        rc = armed_run(wl, &devs[k], &data, f, &count, &left, err, sizeof err);
        if (rc != -1 || left || !err[0])
          fprintf(stderr, "%s %s: allocation %ld of %ld failed: rc %d, %ld blocks left, "
                  "message '%s'\n", names[wl], devs[k].device, f, total, rc, left, err);
        bad_rc += rc != -1;
        leaks += left != 0;
        silent += !err[0];
        int known = 0; /* list each distinct message once */
        for (int m = 0; m < n_msgs; m++) known |= strcmp(msgs[m], err) == 0;
        if (!known && n_msgs < 8) snprintf(msgs[n_msgs++], sizeof msgs[0], "%s", err);
      }
      printf("%s %s: %ld allocations, each failed in turn: %ld runs not failing, %ld leaking, "
             "%ld without a message\n", names[wl], devs[k].device, total, bad_rc, leaks, silent);
      for (int m = 0; m < n_msgs; m++) printf("  error: %s\n", msgs[m]);
      CHECK(bad_rc == 0);
      CHECK(leaks == 0);
      CHECK(silent == 0);
    }
#ifdef HAVE_LSAN
  CHECK(__lsan_do_recoverable_leak_check() == 0);
#endif
  unlink(table);
  rmdir(dir);
  return check_done();
}
