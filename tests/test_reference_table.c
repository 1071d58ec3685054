/* test_reference_table.c: the shipped table $MSL_SHARED_DIR/model_data/1t1r_Paiyu_15.npz
 * (SPEC 5.3) loads, is consistent, and the lut model reproduces it at grid
 * nodes and cell centres. Skips (77) when the table is absent. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "msl/device.h"
#include "msl/error.h"
#include "msl/npz.h"

static void check_grid(const msl_array *a, const char *name) {
  CHECK(a->ndim == 1 && a->size >= 2);
  for (size_t k = 1; k < a->size; k++)
    if (!(a->data[k] > a->data[k - 1])) {
      check_fail(__FILE__, __LINE__, "%s not increasing at %zu", name, k);
      return;
    }
}

/* The cell of x[n] holding v, by a plain scan (independent of the model's index). */
static size_t cell(const double *x, size_t n, double v) {
  size_t i = 0;
  while (i + 2 < n && x[i + 1] <= v) i++;
  return i;
}

/* SPEC 5.3 bilinear interpolation of t[nG x nV] at (g, v), written out. */
static double bilinear(const msl_array *G, const msl_array *V, const msl_array *t, double g,
                       double v) {
  size_t i = cell(G->data, G->size, g), j = cell(V->data, V->size, v), nv = V->size;
  double a = (g - G->data[i]) / (G->data[i + 1] - G->data[i]);
  double b = (v - V->data[j]) / (V->data[j + 1] - V->data[j]);
  return (1 - a) * (1 - b) * t->data[i * nv + j] + (1 - a) * b * t->data[i * nv + j + 1] +
         a * (1 - b) * t->data[(i + 1) * nv + j] + a * b * t->data[(i + 1) * nv + j + 1];
}

int main(void) {
  const char *shared = getenv("MSL_SHARED_DIR");
  char path[1024];
  snprintf(path, sizeof path, "%s/model_data/1t1r_Paiyu_15.npz", shared ? shared : "../shared");
  FILE *f = fopen(path, "rb");
  if (!f) check_skip("reference table not found (set MSL_SHARED_DIR)");
  fclose(f);

  msl_npz *z = msl_npz_open(path);
  if (!z) {
    fprintf(stderr, "%s\n", msl_error());
    return 1;
  }
  const char *names[] = {"gmin", "gmax", "pot_G", "pot_V", "pot_dG", "pot_dt",
                         "dep_G", "dep_V", "dep_dG", "dep_dt"};
  msl_array a[10];
  for (int k = 0; k < 10; k++) {
    if (msl_npz_array(z, names[k], &a[k])) {
      fprintf(stderr, "%s\n", msl_error());
      return 1;
    }
  }
  msl_npz_close(z);
  const msl_array *gmin = &a[0], *gmax = &a[1], *pG = &a[2], *pV = &a[3], *pdG = &a[4],
                  *pdt = &a[5], *dG = &a[6], *dV = &a[7], *ddG = &a[8], *ddt = &a[9];
  CHECK(gmin->ndim == 0 && gmax->ndim == 0 && gmin->data[0] < gmax->data[0]);
  CHECK(gmin->data[0] > 0.0);
  check_grid(pG, "pot_G");
  check_grid(pV, "pot_V");
  check_grid(dG, "dep_G");
  check_grid(dV, "dep_V");
  CHECK(pdG->ndim == 2 && pdG->shape[0] == pG->size && pdG->shape[1] == pV->size);
  CHECK(ddG->ndim == 2 && ddG->shape[0] == dG->size && ddG->shape[1] == dV->size);
  CHECK(pdt->data[0] == 1e-8 && ddt->data[0] == 1e-9); /* SPEC 5.3: 10 ns and 1 ns */
  int dep_ok = 1;
  for (size_t k = 0; k < ddG->size; k++) dep_ok &= ddG->data[k] <= 0.0;
  CHECK(dep_ok);
  /* the table covers the device's range */
  CHECK(pG->data[0] <= gmin->data[0] && pG->data[pG->size - 1] >= gmax->data[0]);

  msl_params p;
  msl_params_init(&p, 1);
  msl_params_set_text(&p, "lut", path);
  msl_device *d = msl_device_new("lut", &p, 1e-5);
  CHECK(d != NULL);
  if (!d) {
    fprintf(stderr, "%s\n", msl_error());
    return check_done();
  }
  msl_pulse_stats st = {0};
  const size_t nv = pV->size, mv = dV->size;
  /* At a node (G_i, V_j) with dt = table dt the change is the table entry. */
  const size_t nodes[][2] = {{40, 100}, {120, 200}, {200, 399}, {300, 250}};
  for (int k = 0; k < 4; k++) {
    size_t i = nodes[k][0], j = nodes[k][1];
    double g = pG->data[i], w = 0, v = pV->data[j];
    if (g < gmin->data[0] || g > gmax->data[0]) continue;
    double want = g + pdG->data[i * nv + j];
    want = want > gmax->data[0] ? gmax->data[0] : want;
    msl_device_pulse(d, &g, &w, 1, &v, 1, 1e-8, &st);
    CHECK_REL(g, want, 1e-12);
    /* depression node, |V| on the depression grid */
    g = dG->data[i];
    v = -dV->data[j];
    want = g + ddG->data[i * mv + j];
    want = want < gmin->data[0] ? gmin->data[0] : want;
    msl_device_pulse(d, &g, &w, 1, &v, 1, 1e-9, &st);
    CHECK_REL(g, want, 1e-12);
  }
  /* At a cell centre the change is the mean of the four corners. */
  for (size_t i = 60; i < 300; i += 37) {
    size_t j = (i * 7) % (nv - 1);
    double g = 0.5 * (pG->data[i] + pG->data[i + 1]), w = 0;
    double v = 0.5 * (pV->data[j] + pV->data[j + 1]);
    const double *r0 = pdG->data + i * nv + j, *r1 = r0 + nv;
    double want = g + 0.25 * (r0[0] + r0[1] + r1[0] + r1[1]);
    want = want > gmax->data[0] ? gmax->data[0] : want;
    msl_device_pulse(d, &g, &w, 1, &v, 1, 1e-8, &st);
    CHECK_REL(g, want, 1e-9);
  }
  /* Many points across both tables, against the written-out interpolation
   * (covers the non-uniform G grid's cell lookup). */
  unsigned long long x = 12345;
  int worst_ok = 1;
  for (int k = 0; k < 5000; k++) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    double u1 = (double)(x >> 11) / 9007199254740992.0;
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    double u2 = (double)(x >> 11) / 9007199254740992.0;
    double g = gmin->data[0] + u1 * (gmax->data[0] - gmin->data[0]), g0 = g, w = 0;
    int pot = k % 2 == 0;
    const msl_array *V = pot ? pV : dV;
    double v = V->data[0] + u2 * (V->data[V->size - 1] - V->data[0]);
    double want = pot ? g + bilinear(pG, pV, pdG, g, v) : g + bilinear(dG, dV, ddG, g, v);
    want = want < gmin->data[0] ? gmin->data[0] : want > gmax->data[0] ? gmax->data[0] : want;
    double sv = pot ? v : -v;
    msl_device_pulse(d, &g, &w, 1, &sv, 1, pot ? 1e-8 : 1e-9, &st);
    if (!(fabs(g - want) <= 1e-12 * fabs(want) + 1e-22)) {
      if (worst_ok) check_fail(__FILE__, __LINE__, "G %.17g V %.17g: %.17g, expected %.17g", g0,
                               sv, g, want);
      worst_ok = 0;
    }
  }
  CHECK(worst_ok);
  CHECK(st.clamped == 0);
  msl_device_free(d);
  for (int k = 0; k < 10; k++) msl_array_free(&a[k]);
  return check_done();
}
