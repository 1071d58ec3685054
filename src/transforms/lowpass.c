/* lowpass.c: the low-pass and pass-through transforms (transform.h). A
 * pass-through is a low-pass with b = 0: v = 1 x + 0 v = x exactly. */
#include "msl/transform.h"

#include <math.h>
#include <stdlib.h>

#include "msl/error.h"

struct msl_transform {
  int n, delay;
  double b;  /* exp(-1/tau); 0 for pass-through */
  double *v; /* [n] */
};

static msl_transform *transform_new(const char *type, int n, double b, int delay) {
  if (n < 1) {
    msl_error_set("%s transform: size must be >= 1, got %d", type, n);
    return NULL;
  }
  msl_transform *T = calloc(1, sizeof *T);
  if (T) T->v = calloc((size_t)n, sizeof *T->v);
  if (!T || !T->v) {
    free(T);
    msl_error_set("%s transform: out of memory for %d values", type, n);
    return NULL;
  }
  T->n = n;
  T->b = b;
  T->delay = delay != 0;
  return T;
}

msl_transform *msl_lowpass_new(int n, double tau, int delay) {
  if (!(tau > 0.0)) {
    msl_error_set("lowpass transform: tau must be > 0, got %g", tau);
    return NULL;
  }
  return transform_new("lowpass", n, exp(-1.0 / tau), delay);
}

msl_transform *msl_passthrough_new(int n, int delay) {
  return transform_new("passthrough", n, 0.0, delay);
}

static void emit(msl_spikes *out, int i, double v) {
  float f = (float)v;
  if (f != 0.0f) {
    out->x[i] = f;
    out->idx[out->nnz++] = i;
  }
}

int msl_transform_apply(msl_transform *T, const msl_spikes *in, msl_spikes *out) {
  if (in->n != T->n || out->n != T->n)
    return msl_error_set("transform: vectors of %d and %d entries for a transform of %d", in->n,
                         out->n, T->n);
  msl_spikes_clear(out);
  for (int i = 0; i < T->n; i++) {
    double v = (1.0 - T->b) * in->x[i] + T->b * T->v[i];
    emit(out, i, T->delay ? T->v[i] : v);
    T->v[i] = v;
  }
  return 0;
}

void msl_transform_reset(msl_transform *T) {
  for (int i = 0; i < T->n; i++) T->v[i] = 0.0;
}

void msl_transform_free(msl_transform *T) {
  if (!T) return;
  free(T->v);
  free(T);
}

const double *msl_transform_value(const msl_transform *T) { return T->v; }

int msl_transform_size(const msl_transform *T) { return T->n; }
