/* test_nonideal.c: the non-ideality layer's statistics on many cells, and
 * its exact effects on single cells (nonideal.h, docs/devices.md). */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "engine/noise.h"
#include "msl/device.h"
#include "msl/error.h"
#include "msl/nonideal.h"
#include "msl/synapse.h"

/* Mean and relative standard deviation (sd / mean) of x[0..n-1]. */
static void mean_rsd(const double *x, size_t n, double *mean, double *rsd) {
  double m = 0.0, v = 0.0;
  for (size_t i = 0; i < n; i++) m += x[i];
  m /= (double)n;
  for (size_t i = 0; i < n; i++) v += (x[i] - m) * (x[i] - m);
  *mean = m;
  *rsd = sqrt(v / (double)(n - 1)) / fabs(m);
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static msl_device *device(const char *name, double g1) {
  msl_params p;
  msl_params_init(&p, 1);
  msl_device *d = msl_device_new(name, &p, g1);
  if (!d) check_fail(__FILE__, __LINE__, "device %s: %s", name, msl_error());
  return d;
}

/* Non-idealities from name=value pairs (NULL-terminated). */
static msl_nonideal *nonideal(const msl_device *d, size_t n, uint64_t seed, ...) {
  msl_params p;
  msl_params_init(&p, 1);
  va_list ap;
  va_start(ap, seed);
  for (const char *k; (k = va_arg(ap, const char *));) msl_params_set(&p, k, va_arg(ap, double));
  va_end(ap);
  int err;
  msl_nonideal *v = msl_nonideal_new(&p, d, n, seed, &err);
  if (!v) check_fail(__FILE__, __LINE__, "nonideal: %s", err ? msl_error() : "all off");
  return v;
}

/* n cells at weight w through v, their offsets 0..n-1 in at. */
static void cells_at(const msl_nonideal *v, const msl_device *d, double *s, double *w,
                     ptrdiff_t *at, size_t n, double w0) {
  uint64_t stuck = 0;
  for (size_t i = 0; i < n; i++) {
    w[i] = w0;
    at[i] = (ptrdiff_t)i;
  }
  msl_nonideal_set_weights(v, d, s, w, 0, n, &stuck);
}

/* One pulse at voltage V on every cell. */
static int pulse_all(msl_nonideal *v, const msl_device *d, double *s, double *w,
                     const ptrdiff_t *at, double *u, size_t n, double V, double dt,
                     msl_syn_counts *cn) {
  double u1;
  d->ops->drive(d, &V, &u1, 1);
  for (size_t i = 0; i < n; i++) u[i] = u1;
  msl_pulse_stats ps = {0};
  return msl_nonideal_pulse(v, d, s, w, 0, at, u, (int)n, dt, &ps, cn);
}

static void test_noise(void) {
  double maxerr = 0.0;
  for (int k = 0; k < 1000000; k++) {
    double u = k / 1e6;
    double e = fabs(vm_cos2pi(u) - cos(6.283185307179586 * u));
    maxerr = e > maxerr ? e : maxerr;
  }
  CHECK(maxerr < 1e-14);
  enum { N = 1000000 };
  double *z = malloc(N * sizeof *z);
  uint64_t key = msl_noise_key(7, 19);
  double m = 0, m2 = 0, m4 = 0;
  for (int k = 0; k < N; k++) {
    z[k] = msl_noise_normal(key, (uint64_t)k);
    m += z[k];
  }
  m /= N;
  for (int k = 0; k < N; k++) {
    double d = z[k] - m;
    m2 += d * d;
    m4 += d * d * d * d;
  }
  m2 /= N;
  m4 /= N;
  CHECK(fabs(m) < 5.0 / sqrt(N));          /* sd of the mean: 1e-3 */
  CHECK(fabs(m2 - 1.0) < 7.0 * sqrt(2.0 / N)); /* sd of the variance: 1.4e-3 */
  CHECK(fabs(m4 / (m2 * m2) - 3.0) < 0.05);    /* kurtosis (sd ~ 5e-3) */
  qsort(z, N, sizeof *z, cmp_double);
  double D = 0.0; /* Kolmogorov-Smirnov distance to the normal CDF */
  for (int k = 0; k < N; k++) {
    double F = 0.5 * erfc(-z[k] / sqrt(2.0));
    double a = fabs(F - (double)k / N), b = fabs(F - (double)(k + 1) / N);
    D = a > D ? a : D;
    D = b > D ? b : D;
  }
  CHECK(D < 1.63 / sqrt(N)); /* the 1 % critical value */
  free(z);
  CHECK(msl_noise_normal(key, 12345) == msl_noise_normal(key, 12345));
  CHECK(msl_noise_normal(key, 12345) != msl_noise_normal(msl_noise_key(8, 19), 12345));
  CHECK(msl_noise_key(1, 19) != msl_noise_key(1, 20));
}

/* c2c: each pulse's change of state is (1 + S z) times the model's, so over
 * many cells the ratio has mean 1 and standard deviation S. */
static void test_c2c(const char *name, double g1, double w0, double V) {
  enum { N = 20000 };
  msl_device *d = device(name, g1);
  if (!d) return;
  msl_nonideal *v = nonideal(d, N, 3, "c2c", 0.1, NULL);
  double *s = malloc(N * sizeof *s), *w = malloc(N * sizeof *w), *u = malloc(N * sizeof *u);
  double *r = malloc(N * sizeof *r);
  ptrdiff_t *at = malloc(N * sizeof *at);
  cells_at(v, d, s, w, at, N, w0);
  double s0 = s[0], s1 = s0, w1 = w[0];
  msl_pulse_stats ps = {0};
  CHECK(msl_device_pulse(d, &s1, &w1, 1, &V, 1, 1e-9, &ps) == 0); /* the noiseless pulse */
  msl_syn_counts cn = {0};
  CHECK(pulse_all(v, d, s, w, at, u, N, V, 1e-9, &cn) == 0);
  for (int i = 0; i < N; i++) r[i] = (s[i] - s0) / (s1 - s0);
  double mean, rsd;
  mean_rsd(r, N, &mean, &rsd);
  CHECK(s1 != s0);
  CHECK(fabs(mean - 1.0) < 4.0 * 0.1 / sqrt(N)); /* sd of the mean: 7e-4 */
  CHECK(fabs(rsd / 0.1 - 1.0) < 0.03);            /* sd of the estimate: 0.5 % */
  for (int i = 0; i < N; i++) r[i] = w[i] - w0;    /* the weight change, as msl device shows it */
  mean_rsd(r, N, &mean, &rsd);
  CHECK(fabs(mean / (w1 - w0) - 1.0) < 0.02);
  CHECK(fabs(rsd / 0.1 - 1.0) < 0.1);
  /* The same seed: the same noise; another seed: other noise. */
  msl_nonideal *v2 = nonideal(d, N, 3, "c2c", 0.1, NULL), *v3 = nonideal(d, N, 4, "c2c", 0.1, NULL);
  double *s2 = malloc(N * sizeof *s2), *w2 = malloc(N * sizeof *w2);
  cells_at(v2, d, s2, w2, at, N, w0);
  CHECK(pulse_all(v2, d, s2, w2, at, u, N, V, 1e-9, &cn) == 0);
  CHECK(memcmp(s, s2, N * sizeof *s) == 0 && memcmp(w, w2, N * sizeof *w) == 0);
  cells_at(v3, d, s2, w2, at, N, w0);
  CHECK(pulse_all(v3, d, s2, w2, at, u, N, V, 1e-9, &cn) == 0);
  CHECK(memcmp(s, s2, N * sizeof *s) != 0);
  /* A second pulse draws new noise (the counter is the cell's pulse count). */
  double a0 = s[0], b0 = s[1];
  CHECK(pulse_all(v, d, s, w, at, u, N, V, 1e-9, &cn) == 0);
  CHECK((s[0] - a0) / (s1 - s0) != (s[1] - b0) / (s1 - s0));
  msl_nonideal_free(v);
  msl_nonideal_free(v2);
  msl_nonideal_free(v3);
  msl_device_free(d);
  free(s), free(w), free(u), free(r), free(at), free(s2), free(w2);
}

/* d2d: lognormal factors of mean 1 and relative spread S, and their exact
 * effect on one pulse of Chen's model (one Euler step: the rate scales the
 * step like the model's Vel0). */
static void test_d2d(void) {
  enum { N = 100000 };
  const double S = 0.2;
  msl_device *d = device("chen15", 1e-4);
  if (!d) return;
  msl_nonideal *v = nonideal(d, N, 5, "d2d", S, NULL);
  double *f[3];
  for (int k = 0; k < 3; k++) f[k] = malloc(N * sizeof *f[k]);
  for (int i = 0; i < N; i++) {
    int st;
    msl_nonideal_cell(v, (size_t)i, &f[0][i], &f[1][i], &f[2][i], &st);
    CHECK(st == 0);
  }
  double cov = 0.0;
  for (int k = 0; k < 3; k++) {
    double mean, rsd;
    mean_rsd(f[k], N, &mean, &rsd);
    CHECK(fabs(mean - 1.0) < 5.0 * S / sqrt(N));
    CHECK(fabs(rsd / S - 1.0) < 0.03);
  }
  for (int i = 0; i < N; i++) cov += (f[0][i] - 1.0) * (f[1][i] - 1.0);
  CHECK(fabs(cov / N / (S * S)) < 0.03); /* independent draws */
  /* Cells: weight = scale x the model's weight of the scaled-down target. */
  enum { M = 1000 };
  double s[M], w[M], u[M];
  ptrdiff_t at[M];
  msl_nonideal *vm = nonideal(d, M, 5, "d2d", S, NULL);
  cells_at(vm, d, s, w, at, M, 0.5);
  double sc[M], rp[M], rd[M];
  int off = 0;
  for (int i = 0; i < M; i++) {
    int st;
    msl_nonideal_cell(vm, (size_t)i, &sc[i], &rp[i], &rd[i], &st);
    double si = d->ops->w2s(d, 0.5 / sc[i]); /* libm's log; set_weights: vmath's */
    off += fabs(s[i] - si) > 1e-14 * si;
    off += fabs(w[i] - sc[i] * d->ops->s2w(d, s[i])) > 1e-14 * w[i];
  }
  CHECK(off == 0);
  double sb[M];
  memcpy(sb, s, sizeof s);
  msl_syn_counts cn = {0};
  for (int pass = 0; pass < 2; pass++) { /* potentiation, then depression */
    double V = pass ? -1.3 : 1.3;
    memcpy(sb, s, sizeof s);
    CHECK(pulse_all(vm, d, s, w, at, u, M, V, 1e-9, &cn) == 0);
    int bad = 0;
    for (int i = 0; i < M; i++) {
      double g = sb[i], wn = d->ops->s2w(d, g);
      msl_pulse_stats ps = {0};
      msl_device_pulse(d, &g, &wn, 1, &V, 1, 1e-9, &ps);
      double want = sb[i] + (pass ? rd[i] : rp[i]) * (g - sb[i]);
      bad += fabs(s[i] - want) > 1e-12 * fabs(g - sb[i]) + 1e-24;
      bad += fabs(w[i] - sc[i] * d->ops->s2w(d, s[i])) > 1e-15 * w[i];
    }
    CHECK(bad == 0);
  }
  msl_nonideal_free(v);
  msl_nonideal_free(vm);
  for (int k = 0; k < 3; k++) free(f[k]);
  msl_device_free(d);
}

/* Stuck cells: exactly round(F n) of each kind, at seeded positions, at the
 * range's ends, untouched by pulses (which are counted). */
static void test_stuck(void) {
  enum { N = 10000 };
  msl_device *d = device("vteam", 1e-5);
  if (!d) return;
  msl_nonideal *v = nonideal(d, N, 9, "stuck-off", 0.1, "stuck-on", 0.05, NULL);
  msl_nonideal *v2 = nonideal(d, N, 9, "stuck-off", 0.1, "stuck-on", 0.05, NULL);
  msl_nonideal *v3 = nonideal(d, N, 10, "stuck-off", 0.1, "stuck-on", 0.05, NULL);
  uint64_t off, on;
  msl_nonideal_stuck_cells(v, &off, &on);
  CHECK(off == 1000 && on == 500);
  int n_off = 0, n_on = 0, same = 1, other = 1;
  for (int i = 0; i < N; i++) {
    double a, b, c;
    int st, st2, st3;
    msl_nonideal_cell(v, (size_t)i, &a, &b, &c, &st);
    msl_nonideal_cell(v2, (size_t)i, &a, &b, &c, &st2);
    msl_nonideal_cell(v3, (size_t)i, &a, &b, &c, &st3);
    n_off += st == 1;
    n_on += st == 2;
    same &= st == st2;
    other &= st == st3;
  }
  CHECK(n_off == 1000 && n_on == 500 && same && !other);
  static double s[N], w[N], u[N], sb[N];
  static ptrdiff_t at[N];
  cells_at(v, d, s, w, at, N, 0.3);
  const double wlo = d->ops->s2w(d, d->ops->w2s(d, 0.0)), whi = d->ops->s2w(d, d->ops->w2s(d, 1e300));
  memcpy(sb, s, sizeof s);
  msl_syn_counts cn = {0};
  CHECK(pulse_all(v, d, s, w, at, u, N, 1.0, 1e-9, &cn) == 0);
  int bad = 0;
  for (int i = 0; i < N; i++) {
    double a, b, c;
    int st;
    msl_nonideal_cell(v, (size_t)i, &a, &b, &c, &st);
    if (st == 1) bad += w[i] != wlo || s[i] != sb[i];
    else if (st == 2) bad += w[i] != whi || s[i] != sb[i];
    else bad += s[i] == sb[i]; /* the others moved */
  }
  CHECK(bad == 0);
  CHECK(cn.stuck_pulses == 1500);
  msl_nonideal_free(v);
  msl_nonideal_free(v2);
  msl_nonideal_free(v3);
  msl_device_free(d);
}

/* Levels: every weight is one of L levels evenly spaced over the range;
 * nearest rounding loses every change below half a level, stochastic
 * rounding keeps the mean change. */
static void test_levels(int stochastic) {
  enum { N = 20000, L = 8 };
  msl_device *d = device("chen15", 1e-4);
  if (!d) return;
  msl_params p;
  msl_params_init(&p, 1);
  msl_params_set(&p, "levels", L);
  if (stochastic) msl_params_set_text(&p, "levels-rounding", "stochastic");
  int err;
  msl_nonideal *v = msl_nonideal_new(&p, d, N, 11, &err);
  CHECK(v != NULL);
  if (!v) return;
  static double s[N], w[N], u[N], wb[N];
  static ptrdiff_t at[N];
  uint64_t stuck = 0;
  for (int i = 0; i < N; i++) {
    w[i] = 1.6 * (i % 2000) / 2000; /* beyond the top (1.49): every level */
    at[i] = i;
  }
  msl_nonideal_set_weights(v, d, s, w, 0, N, &stuck);
  memcpy(wb, w, sizeof w);
  const double wlo = d->ops->s2w(d, d->ops->w2s(d, 0.0)), whi = d->ops->s2w(d, d->ops->w2s(d, 1e300));
  /* One pulse: the model moves a cell at w by dw(w), less than half a level
   * (0.21) at 1.3 V; at 1.5 V, up to 0.1 (near the top). */
  const double V1 = stochastic ? 1.5 : 1.3;
  msl_syn_counts cn = {0};
  CHECK(pulse_all(v, d, s, w, at, u, N, V1, 1e-9, &cn) == 0);
  double got = 0.0, want = 0.0;
  int moved = 0;
  for (int i = 0; i < N; i++) {
    moved += w[i] != wb[i];
    got += w[i] - wb[i];
    double g = d->ops->w2s(d, wb[i]), wn = wb[i], V = V1;
    msl_pulse_stats ps = {0};
    msl_device_pulse(d, &g, &wn, 1, &V, 1, 1e-9, &ps);
    want += (wn > whi ? whi : wn) - wb[i];
  }
  if (!stochastic) CHECK(moved == 0);
  else CHECK(moved > 1000 && fabs(got / want - 1.0) < 0.05);
  for (int k = 0; k < 4; k++) CHECK(pulse_all(v, d, s, w, at, u, N, k % 2 ? -1.45 : 1.45, 1e-9, &cn) == 0);
  qsort(w, N, sizeof *w, cmp_double);
  int distinct = 0, off_grid = 0;
  for (int i = 0; i < N; i++) {
    if (i && w[i] == w[i - 1]) continue;
    distinct++;
    double q = (w[i] - wlo) / (whi - wlo) * (L - 1);
    off_grid += fabs(q - round(q)) > 1e-9;
  }
  if (!(distinct <= L && distinct >= 2 && off_grid == 0))
    check_fail(__FILE__, __LINE__, "levels (%s): %d distinct weights, %d off the grid",
               stochastic ? "stochastic" : "nearest", distinct, off_grid);
  msl_nonideal_free(v);
  msl_device_free(d);
}

/* --levels-top: L levels evenly spaced from the lowest weight wlo up to the
 * top T, level q at wlo + (T - wlo) q / (L - 1) (by hand for L = 5, T =
 * 0.5: steps of (0.5 - wlo) / 4); weights set above T go to the top level
 * and are counted as clipped; strong pulses never take a cell above it; a
 * top outside the cell's weights, or without --levels, is refused. */
static void test_levels_top(void) {
  enum { N = 2000, L = 5 };
  msl_device *d = device("chen15", 1e-4);
  if (!d) return;
  const double T = 0.5;
  msl_nonideal *v = nonideal(d, N, 3, "levels", (double)L, "levels-top", T, NULL);
  if (!v) return;
  static double s[N], w[N], u[N];
  static ptrdiff_t at[N];
  const double wlo = d->ops->s2w(d, d->ops->w2s(d, 0.0));
  for (int i = 0; i < N; i++) {
    w[i] = 1.0 * i / N; /* 0 .. 1: half of them above T */
    at[i] = i;
  }
  uint64_t stuck = 0;
  size_t out = msl_nonideal_set_weights(v, d, s, w, 0, N, &stuck), want = 0;
  for (int i = 0; i < N; i++) want += 1.0 * i / N < wlo || 1.0 * i / N > T;
  CHECK(out == want && want > N / 2 - 1); /* below the cell's range, or above T */
  int off_grid = 0;
  for (int i = 0; i < N; i++) {
    double x = 1.0 * i / N, q = round((x - wlo) / ((T - wlo) / (L - 1)));
    q = q < 0 ? 0 : q > L - 1 ? L - 1 : q;
    off_grid += fabs(w[i] - (wlo + (T - wlo) * q / (L - 1))) > 1e-12;
  }
  CHECK(off_grid == 0);
  msl_syn_counts cn = {0};
  for (int k = 0; k < 5; k++) CHECK(pulse_all(v, d, s, w, at, u, N, 1.8, 1e-8, &cn) == 0);
  double top = 0.0;
  for (int i = 0; i < N; i++) top = w[i] > top ? w[i] : top;
  CHECK(fabs(top - T) < 1e-12);
  msl_nonideal_free(v);
  msl_params p;
  msl_params_init(&p, 1);
  msl_params_set(&p, "levels", 8);
  msl_params_set(&p, "levels-top", 2.0); /* chen15 at 1e-4: weights up to 1.49 */
  int err = 0;
  CHECK(msl_nonideal_new(&p, d, 10, 1, &err) == NULL && err == -1);
  CHECK(strstr(msl_error(), "--levels-top: 2 is outside this cell's weights") != NULL);
  msl_params_init(&p, 1);
  msl_params_set(&p, "levels-top", 0.5);
  CHECK(msl_nonideal_check(&p) == -1 && strstr(msl_error(), "--levels-top: needs --levels"));
  msl_device_free(d);
}

/* Endurance: with no spread a cell wears out at exactly its N-th switching
 * pulse; with spread S the fraction worn after K pulses follows the
 * lognormal distribution of the endurance. */
static void test_endurance(void) {
  msl_device *d = device("chen15", 1e-4);
  if (!d) return;
  msl_nonideal *v = nonideal(d, 1, 13, "endurance", 5.0, "endurance-sd", 0.0, NULL);
  double s[1], w[1], u[1];
  ptrdiff_t at[1];
  cells_at(v, d, s, w, at, 1, 0.3);
  msl_syn_counts cn = {0};
  double kept = 0.0;
  for (int k = 0; k < 8; k++) {
    double before = s[0];
    CHECK(pulse_all(v, d, s, w, at, u, 1, k % 2 ? -1.2 : 1.2, 1e-9, &cn) == 0);
    if (k < 5) CHECK(s[0] != before);
    if (k == 4) kept = s[0];
    if (k >= 5) CHECK(s[0] == kept);
    CHECK(cn.worn_cells == (k >= 4));
  }
  CHECK(cn.stuck_pulses == 3);
  /* set_weights leaves a worn cell where it is. */
  uint64_t stuck = 0;
  w[0] = 0.9;
  msl_nonideal_set_weights(v, d, s, w, 0, 1, &stuck);
  CHECK(s[0] == kept && stuck == 1);
  msl_nonideal_free(v);

  enum { N = 20000, E = 100 };
  const double S = 0.3;
  msl_nonideal *vn = nonideal(d, N, 13, "endurance", (double)E, "endurance-sd", S, NULL);
  static double sn[N], wn[N], un[N];
  static ptrdiff_t atn[N];
  cells_at(vn, d, sn, wn, atn, N, 0.3);
  msl_syn_counts c2 = {0};
  for (int k = 0; k < E; k++)
    CHECK(pulse_all(vn, d, sn, wn, atn, un, N, k % 2 ? -1.2 : 1.2, 1e-9, &c2) == 0);
  /* P(round(E X) <= E), X lognormal of mean 1 and relative spread S. */
  double sg = sqrt(log1p(S * S));
  double p = 0.5 * erfc(-(log((E + 0.5) / E) + 0.5 * sg * sg) / sg / sqrt(2.0));
  CHECK(fabs((double)c2.worn_cells / N - p) < 5.0 * sqrt(p * (1 - p) / N));
  msl_nonideal_free(vn);
  msl_device_free(d);
}

/* Read noise: the added deviate has variance S^2 q; through a crossbar's
 * forward pass, q is the sum over active inputs of x^2 W^2. */
static void test_read_noise(void) {
  msl_device *d = device("chen15", 1e-4);
  if (!d) return;
  msl_nonideal *v = nonideal(d, 4, 17, "read-noise", 0.1, NULL);
  enum { R = 100000 };
  const double q[3] = {0.25, 1.0, 4.0};
  double m[3] = {0}, m2[3] = {0};
  for (int r = 0; r < R; r++) {
    double y[3] = {1.0, 1.0, 1.0};
    msl_nonideal_read(v, q, y, 3);
    for (int i = 0; i < 3; i++) {
      m[i] += y[i] - 1.0;
      m2[i] += (y[i] - 1.0) * (y[i] - 1.0);
    }
  }
  for (int i = 0; i < 3; i++) {
    double sd = 0.1 * sqrt(q[i]);
    CHECK(fabs(m[i] / R) < 5.0 * sd / sqrt(R));
    CHECK(fabs(m2[i] / R / (sd * sd) - 1.0) < 0.03);
  }
  msl_nonideal_free(v);
  msl_device_free(d);

  /* A 3 x 2 crossbar: inputs x = (1, 0, 2). */
  msl_params ps;
  msl_params_init(&ps, 1);
  msl_params_set(&ps, "g1", 1e-4);
  msl_params_set(&ps, "read-noise", 0.2);
  msl_trace_params tr = {1.0, 0.9, 1.0};
  msl_crossbar_params xp = {"chen15", NULL, NULL, NULL, &ps, tr, tr, 1};
  const double W0[6] = {0.5, 0.2, 0.9, 0.9, 0.3, 0.7};
  msl_synapse *S = msl_crossbar_new(3, 2, W0, &xp, MSL_EXC);
  CHECK(S != NULL);
  if (!S) return;
  const double *W = S->ops->weights(S);
  msl_spikes x;
  msl_spikes_init(&x, 3);
  x.x[0] = 1.0;
  x.x[2] = 2.0;
  msl_spikes_reindex(&x);
  double mean[2] = {0}, var[2] = {0};
  for (int r = 0; r < R; r++) {
    double y[2] = {0, 0};
    S->ops->forward(S, &x, y);
    for (int i = 0; i < 2; i++) {
      double y0 = W[0 * 2 + i] + 2.0 * W[2 * 2 + i];
      mean[i] += y[i] - y0;
      var[i] += (y[i] - y0) * (y[i] - y0);
    }
  }
  for (int i = 0; i < 2; i++) {
    double q2 = W[i] * W[i] + 4.0 * W[4 + i] * W[4 + i], sd = 0.2 * sqrt(q2);
    CHECK(fabs(mean[i] / R) < 5.0 * sd / sqrt(R));
    CHECK(fabs(var[i] / R / (sd * sd) - 1.0) < 0.03);
  }
  msl_spikes_free(&x);
  msl_synapse_free(S);
}

/* The contiguous fast path (a whole run of cells, updated in place) against
 * the gathered one (any list), bit for bit: the same cells pulsed as one run,
 * or as two interleaved lists (even cells, then odd). */
static void test_paths(const char *name, double g1) {
  enum { N = 1000 };
  msl_device *d = device(name, g1);
  if (!d) return;
  msl_params p;
  msl_params_init(&p, 1);
  msl_params_set(&p, "d2d", 0.1);
  msl_params_set(&p, "c2c", 0.2);
  msl_params_set(&p, "levels", 32);
  msl_params_set_text(&p, "levels-rounding", "stochastic");
  msl_params_set(&p, "stuck-off", 0.02);
  msl_params_set(&p, "stuck-on", 0.02);
  msl_params_set(&p, "endurance", 2);
  int err;
  msl_nonideal *va = msl_nonideal_new(&p, d, N, 21, &err), *vb = msl_nonideal_new(&p, d, N, 21, &err);
  CHECK(va && vb);
  if (!va || !vb) return;
  static double sa[N], wa[N], sb[N], wb[N], u[N], ue[N / 2], uo[N / 2];
  static ptrdiff_t at[N], even[N / 2], odd[N / 2];
  cells_at(va, d, sa, wa, at, N, 0.4);
  cells_at(vb, d, sb, wb, at, N, 0.4);
  for (int k = 0; k < N / 2; k++) {
    even[k] = 2 * k;
    odd[k] = 2 * k + 1;
  }
  msl_syn_counts ca = {0}, cb = {0};
  msl_pulse_stats ps = {0};
  for (int r = 0; r < 10; r++) {
    double V = r % 2 ? -1.5 : 1.5, u1;
    if (strcmp(name, "vteam") == 0) V = r % 2 ? -1.35 : 1.35;
    d->ops->drive(d, &V, &u1, 1);
    for (int i = 0; i < N; i++) u[i] = (i % 7 == 3) ? 0.0 : u1; /* some cells at 0 V */
    for (int k = 0; k < N / 2; k++) {
      ue[k] = u[2 * k];
      uo[k] = u[2 * k + 1];
    }
    CHECK(msl_nonideal_pulse(va, d, sa, wa, 0, at, u, N, 1e-9, &ps, &ca) == 0);
    CHECK(msl_nonideal_pulse(vb, d, sb, wb, 0, even, ue, N / 2, 1e-9, &ps, &cb) == 0);
    CHECK(msl_nonideal_pulse(vb, d, sb, wb, 0, odd, uo, N / 2, 1e-9, &ps, &cb) == 0);
  }
  CHECK(memcmp(sa, sb, sizeof sa) == 0 && memcmp(wa, wb, sizeof wa) == 0);
  CHECK(ca.stuck_pulses == cb.stuck_pulses && ca.worn_cells == cb.worn_cells);
  CHECK(ca.worn_cells > 0 && ca.stuck_pulses > 0);
  msl_nonideal_free(va);
  msl_nonideal_free(vb);
  msl_device_free(d);
}

/* Bad parameters are refused with the option's name; all off: no layer. */
static void test_params(void) {
  msl_device *d = device("vteam", 1e-5);
  if (!d) return;
  msl_params p;
  msl_params_init(&p, 1);
  int err = 1;
  CHECK(msl_nonideal_new(&p, d, 10, 1, &err) == NULL && err == 0);
  CHECK(!msl_nonideal_enabled(&p));
  const msl_param_decl *lv = msl_param_find(msl_nonideal_param_list(), "levels");
  CHECK(lv && msl_param_valid(lv, 0) == 0 && msl_param_valid(lv, 2) == 0);
  CHECK(msl_param_valid(lv, 1) == -1 && strstr(msl_error(), "--levels: must be 0 (off) or in [2"));
  msl_params_set(&p, "stuck-off", 0.7);
  msl_params_set(&p, "stuck-on", 0.4);
  CHECK(msl_nonideal_new(&p, d, 10, 1, &err) == NULL && err == -1);
  CHECK(strstr(msl_error(), "--stuck-off + --stuck-on") != NULL);
  msl_params_init(&p, 1);
  msl_params_set(&p, "c2c", -0.1);
  CHECK(msl_nonideal_new(&p, d, 10, 1, &err) == NULL && err == -1);
  CHECK(strstr(msl_error(), "--c2c") != NULL);
  msl_device_free(d);
}

/* --d2d-factors: the same draws as "all", with the factors left out set to
 * 1 (scale, rates) or the depression rate equal to the potentiation rate
 * (symmetric); a bad name is refused. */
static void test_d2d_factors(void) {
  enum { N = 5000 };
  msl_device *d = device("chen15", 1e-4);
  if (!d) return;
  static const char *const names[] = {"all", "scale", "rates", "symmetric"};
  static double f[4][3][N];
  for (int k = 0; k < 4; k++) {
    msl_params p;
    msl_params_init(&p, 1);
    msl_params_set(&p, "d2d", 0.2);
    msl_params_set_text(&p, "d2d-factors", names[k]);
    int err, st;
    msl_nonideal *v = msl_nonideal_new(&p, d, N, 9, &err);
    CHECK(v != NULL);
    if (!v) return;
    for (int i = 0; i < N; i++) msl_nonideal_cell(v, (size_t)i, &f[k][0][i], &f[k][1][i], &f[k][2][i], &st);
    msl_nonideal_free(v);
  }
  int bad = 0, varied = 0;
  for (int i = 0; i < N; i++) {
    bad += f[1][0][i] != f[0][0][i] || f[1][1][i] != 1.0 || f[1][2][i] != 1.0;
    bad += f[2][0][i] != 1.0 || f[2][1][i] != f[0][1][i] || f[2][2][i] != f[0][2][i];
    bad += f[3][0][i] != f[0][0][i] || f[3][1][i] != f[0][1][i] || f[3][2][i] != f[0][1][i];
    varied += f[0][1][i] != f[0][2][i] && f[0][0][i] != 1.0;
  }
  CHECK(bad == 0);
  CHECK(varied == N);
  msl_params p;
  msl_params_init(&p, 1);
  msl_params_set(&p, "d2d", 0.2);
  msl_params_set_text(&p, "d2d-factors", "both");
  int err;
  CHECK(msl_nonideal_new(&p, d, N, 9, &err) == NULL && err != 0);
  CHECK(strstr(msl_error(), "--d2d-factors") != NULL);
  msl_device_free(d);
}

int main(void) {
  test_noise();
  test_c2c("chen15", 1e-4, 0.5, 1.3);
  test_c2c("vteam", 1e-5, 0.5, 1.0);
  test_d2d();
  test_d2d_factors();
  test_stuck();
  test_levels(0);
  test_levels(1);
  test_levels_top();
  test_endurance();
  test_read_noise();
  test_paths("chen15", 1e-4);
  test_paths("vteam", 1e-5);
  test_params();
  return check_done();
}
