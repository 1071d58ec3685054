/* nonideal.c: the non-ideality layer (nonideal.h); distributions in
 * docs/devices.md, "Non-idealities".
 *
 * A cell c of a varied array reads as w = m_c w_dev(s), w_dev being the
 * model's weight of state s and m_c the cell's conductance scale (d2d); a
 * pulse that moves the model from s0 to s1 moves the cell to
 *   s0 + f (s1 - s0),  f = a_c (1 + S_c2c z),
 * a_c being the cell's rate of potentiation or depression (d2d) and z a
 * standard normal deviate of (cell, pulse count) (c2c), clipped to the
 * model's range; with L levels the weight is then rounded to one of L
 * levels evenly spaced over the cell's range, or from its lowest weight up to
 * --levels-top (the nearest, or stochastically to one of the two around it;
 * above the top: the top), and the state is that level's; setting a
 * weight (initialisation, normalisation) picks the nearest level. Stuck cells are left out of every pulse; each pulse that changes
 * a cell's state uses one pulse of its endurance, and a cell that has used
 * them all is worn out: stuck at the state it has. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/ckpt.h"
#include "engine/dispatch.h"
#include "engine/noise.h"
#include "msl/error.h"
#include "msl/nonideal.h"
#include "msl/rng.h"

enum { ST_OK = 0, ST_OFF = 1, ST_ON = 2, ST_WORN = 3 };
/* The random streams of the run's seed (rng.h's are 1-3). */
enum { STREAM_D2D = 16, STREAM_STUCK = 17, STREAM_ENDURANCE = 18, STREAM_C2C = 19,
       STREAM_READ = 20, STREAM_LEVELS = 21 };
enum { BLOCK = 128, LEVELS_MAX = 65536 };

static const msl_param_decl ni_params[] = {
    MSL_PARAM_OFF_DECL("d2d", NULL, MSL_PARAM_REAL, 1e-6, 10,
                       "device-to-device spread: per-cell conductance scale and rates"),
    MSL_PARAM_OFF_DECL("c2c", NULL, MSL_PARAM_REAL, 1e-6, 10,
                       "cycle-to-cycle spread of every pulse's change of state"),
    MSL_PARAM_OFF_DECL("read-noise", NULL, MSL_PARAM_REAL, 1e-6, 10,
                       "relative spread of every weight the forward pass reads"),
    MSL_PARAM_OFF_DECL("levels", NULL, MSL_PARAM_INT, 2, LEVELS_MAX,
                       "conductance levels, evenly spaced over the cell's range"),
    MSL_PARAM_OFF_DECL("stuck-off", NULL, MSL_PARAM_REAL, 0, 1,
                       "fraction of cells stuck at the lowest conductance"),
    MSL_PARAM_OFF_DECL("stuck-on", NULL, MSL_PARAM_REAL, 0, 1,
                       "fraction of cells stuck at the highest conductance"),
    MSL_PARAM_OFF_DECL("endurance", NULL, MSL_PARAM_REAL, 1, 4e9,
                       "mean switching pulses a cell survives (then stuck)"),
    MSL_PARAM_REAL_DECL("endurance-sd", NULL, 0.2, 0.2, 0, 10, 0,
                        "relative spread of the cells' endurance (with --endurance)"),
    MSL_PARAM_TEXT_DECL("levels-rounding", NULL, "nearest", NULL, NULL,
                        "a pulse's level: nearest, or stochastic (mean kept; with --levels)"),
    MSL_PARAM_TEXT_DECL("d2d-factors", NULL, "all", NULL, NULL,
                        "which d2d factors vary: all, scale, rates, or symmetric (one rate "
                        "for both directions; with --d2d)"),
    MSL_PARAM_OFF_DECL("levels-top", NULL, MSL_PARAM_REAL, 1e-300, 1e300,
                       "the top level's weight (with --levels; off: the cell's highest): "
                       "levels from the lowest weight up to it"),
};
enum { P_D2D, P_C2C, P_READ, P_LEVELS, P_OFF, P_ON, P_END, P_END_SD, P_ROUND, P_FACTORS, P_LTOP,
       P_N };
/* --d2d-factors: the three factors are drawn for every cell in any case (so
 * that each choice varies the same draws), then some are set back to 1 or
 * the depression rate to the potentiation rate. */
static const char *const factor_names[] = {"all", "scale", "rates", "symmetric"};
enum { F_ALL, F_SCALE, F_RATES, F_SYM, F_N };

static int factors_of(const char *t) {
  for (int k = 0; k < F_N; k++)
    if (t && strcmp(t, factor_names[k]) == 0) return k;
  return -1;
}

msl_param_list msl_nonideal_param_list(void) {
  return (msl_param_list){ni_params, P_N};
}

static double get(const msl_params *p, int k) { return msl_params_get(p, &ni_params[k]); }

int msl_nonideal_enabled(const msl_params *p) {
  for (int k = 0; k < P_END_SD; k++)
    if (get(p, k) != 0.0) return 1;
  return 0;
}

int msl_nonideal_check(const msl_params *p) {
  if (msl_params_check(p, msl_nonideal_param_list())) return -1;
  const char *r = msl_params_text(p, &ni_params[P_ROUND]);
  if (r && strcmp(r, "nearest") && strcmp(r, "stochastic"))
    return msl_error_set("--levels-rounding: expected nearest or stochastic, got '%s'", r);
  const char *fa = msl_params_text(p, &ni_params[P_FACTORS]);
  if (fa && factors_of(fa) < 0)
    return msl_error_set("--d2d-factors: expected all, scale, rates or symmetric, got '%s'", fa);
  if (get(p, P_LTOP) != 0.0 && get(p, P_LEVELS) == 0.0)
    return msl_error_set("--levels-top: needs --levels");
  if (get(p, P_OFF) + get(p, P_ON) > 1.0)
    return msl_error_set("--stuck-off + --stuck-on: at most 1 (all cells), got %g + %g",
                         get(p, P_OFF), get(p, P_ON));
  return 0;
}

double msl_nonideal_bytes_per_cell(const msl_params *p) {
  double b = 0.0;
  if (get(p, P_D2D) != 0.0) b += 3 * sizeof(double);
  if (get(p, P_C2C) != 0.0 || get(p, P_LEVELS) != 0.0) b += sizeof(uint32_t);
  if (get(p, P_OFF) != 0.0 || get(p, P_ON) != 0.0 || get(p, P_END) != 0.0) b += 1;
  if (get(p, P_END) != 0.0) b += 2 * sizeof(uint32_t);
  return b;
}

struct msl_nonideal {
  size_t n;
  double d2d, c2c, read;
  int levels, stochastic; /* stochastic: a pulse's level rounding */
  /* The model's range: states s_lo < s_hi; the states of its lowest and
   * highest conductance and their weights w_lo < w_hi. */
  double s_lo, s_hi, s_wlo, s_whi, w_lo, w_hi;
  double lv_hi, s_lvhi;             /* the top level's weight and state (w_hi, s_whi by default) */
  double *lv_s, *lv_w;              /* [levels] each level's state and model weight */
  double *scale;                     /* [n] d2d conductance scale (NULL: off) */
  double *rate;                      /* [2n] d2d rates, potentiation and depression of each
                                        cell side by side (one cache line on a row pulse) */
  uint8_t *stuck;                    /* [n] ST_* (NULL: no stuck cells, no wear) */
  uint32_t *pulses;                  /* [n] pulses received (the counter of the c2c and
                                        rounding deviates; NULL: neither) */
  uint32_t *used, *life;             /* [n] endurance used and drawn (NULL: off) */
  uint64_t key_c2c, key_read, key_lv, reads;
  uint64_t stuck_off, stuck_on;      /* cells stuck from the start */
  int post;                          /* pulses need more than leaving out stuck cells */
};

void msl_nonideal_free(msl_nonideal *v) {
  if (!v) return;
  free(v->lv_s);
  free(v->lv_w);
  free(v->scale);
  free(v->rate);
  free(v->stuck);
  free(v->pulses);
  free(v->used);
  free(v->life);
  free(v);
}

/* A lognormal factor of mean 1 and relative standard deviation sd. */
static double lognormal(msl_rng *r, double sd) {
  double sg2 = log1p(sd * sd);
  return exp(sqrt(sg2) * msl_rng_normal(r) - 0.5 * sg2);
}

/* The weight levels' states and model weights. */
static int make_levels(msl_nonideal *v, const msl_device *d) {
  int L = v->levels;
  if (!(v->lv_s = malloc((size_t)L * sizeof *v->lv_s)) ||
      !(v->lv_w = malloc((size_t)L * sizeof *v->lv_w)))
    return -1;
  for (int q = 0; q < L; q++) {
    double w = q == L - 1 ? v->lv_hi : v->w_lo + (v->lv_hi - v->w_lo) * q / (L - 1);
    v->lv_s[q] = q == 0 ? v->s_wlo : q == L - 1 ? v->s_lvhi : d->ops->w2s(d, w);
    v->lv_w[q] = d->ops->s2w(d, v->lv_s[q]);
  }
  return 0;
}

/* Stuck positions: a partial Fisher-Yates shuffle picks round(F n) distinct
 * cells for each kind, stuck-off first. */
static int draw_stuck(msl_nonideal *v, double f_off, double f_on, uint64_t seed) {
  size_t n = v->n, n_off = (size_t)llround(f_off * (double)n),
         n_on = (size_t)llround(f_on * (double)n);
  if (n_off + n_on > n) n_on = n - n_off; /* rounding up both */
  uint32_t *perm = malloc(n * sizeof *perm);
  if (!perm) return -1;
  for (size_t i = 0; i < n; i++) perm[i] = (uint32_t)i;
  msl_rng r;
  msl_rng_seed(&r, seed, STREAM_STUCK);
  for (size_t i = 0; i < n_off + n_on; i++) {
    size_t j = i + (size_t)msl_rng_below(&r, n - i);
    uint32_t t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
    v->stuck[perm[i]] = i < n_off ? ST_OFF : ST_ON;
  }
  free(perm);
  v->stuck_off = n_off;
  v->stuck_on = n_on;
  return 0;
}

msl_nonideal *msl_nonideal_new(const msl_params *p, const msl_device *d, size_t n_cells,
                               uint64_t seed, int *err) {
  *err = 0;
  if (!msl_nonideal_enabled(p)) return NULL;
  *err = -1;
  if (msl_nonideal_check(p)) return NULL;
  if (n_cells > UINT32_MAX) return msl_error_set("non-idealities: at most 2^32 cells"), NULL;
  msl_nonideal *v = calloc(1, sizeof *v);
  if (!v) return msl_error_set("non-idealities: out of memory"), NULL;
  v->n = n_cells;
  v->d2d = get(p, P_D2D);
  v->c2c = get(p, P_C2C);
  v->read = get(p, P_READ);
  v->levels = (int)get(p, P_LEVELS);
  const char *rnd = msl_params_text(p, &ni_params[P_ROUND]);
  v->stochastic = v->levels && rnd && strcmp(rnd, "stochastic") == 0;
  double f_off = get(p, P_OFF), f_on = get(p, P_ON), endur = get(p, P_END);
  v->post = v->d2d != 0.0 || v->c2c != 0.0 || v->levels || endur != 0.0;
  /* The model's range, from the weights 0 and "infinite". */
  double sa = d->ops->w2s(d, 0.0), sb = d->ops->w2s(d, 1e300);
  v->s_wlo = sa;
  v->s_whi = sb;
  v->s_lo = sa < sb ? sa : sb;
  v->s_hi = sa < sb ? sb : sa;
  v->w_lo = d->ops->s2w(d, sa);
  v->w_hi = d->ops->s2w(d, sb);
  v->lv_hi = v->w_hi;
  v->s_lvhi = sb;
  const double top = get(p, P_LTOP);
  if (top != 0.0) {
    if (!(top > v->w_lo && top <= v->w_hi)) {
      const double lo = v->w_lo, hi = v->w_hi;
      msl_nonideal_free(v);
      return msl_error_set("--levels-top: %g is outside this cell's weights (%g, %g]", top, lo,
                           hi),
             NULL;
    }
    v->lv_hi = top;
    v->s_lvhi = d->ops->w2s(d, top);
  }
  v->key_c2c = msl_noise_key(seed, STREAM_C2C);
  v->key_read = msl_noise_key(seed, STREAM_READ);
  v->key_lv = msl_noise_key(seed, STREAM_LEVELS);
  size_t n = n_cells;
  int ok = 1;
  if (v->levels) ok &= make_levels(v, d) == 0;
  if (ok && v->d2d != 0.0) {
    ok &= !!(v->scale = malloc(n * sizeof *v->scale));
    ok &= !!(v->rate = malloc(2 * n * sizeof *v->rate));
    if (ok) {
      msl_rng r;
      msl_rng_seed(&r, seed, STREAM_D2D);
      const char *fa = msl_params_text(p, &ni_params[P_FACTORS]);
      const int fk = fa ? factors_of(fa) : F_ALL;
      for (size_t i = 0; i < n; i++) { /* cell by cell: scale, then the two rates */
        v->scale[i] = lognormal(&r, v->d2d);
        v->rate[2 * i] = lognormal(&r, v->d2d);
        v->rate[2 * i + 1] = lognormal(&r, v->d2d);
        if (fk == F_SCALE) v->rate[2 * i] = v->rate[2 * i + 1] = 1.0;
        if (fk == F_RATES) v->scale[i] = 1.0;
        if (fk == F_SYM) v->rate[2 * i + 1] = v->rate[2 * i];
      }
    }
  }
  if (ok && (v->c2c != 0.0 || v->stochastic))
    ok &= !!(v->pulses = calloc(n, sizeof *v->pulses));
  if (ok && (f_off != 0.0 || f_on != 0.0 || endur != 0.0)) {
    ok &= !!(v->stuck = calloc(n, 1));
    if (ok && (f_off != 0.0 || f_on != 0.0)) ok &= draw_stuck(v, f_off, f_on, seed) == 0;
  }
  if (ok && endur != 0.0) {
    ok &= !!(v->used = calloc(n, sizeof *v->used));
    ok &= !!(v->life = malloc(n * sizeof *v->life));
    if (ok) {
      msl_rng r;
      msl_rng_seed(&r, seed, STREAM_ENDURANCE);
      double sd = get(p, P_END_SD);
      for (size_t i = 0; i < n; i++) {
        double e = llround(endur * (sd > 0.0 ? lognormal(&r, sd) : 1.0));
        v->life[i] = e < 1.0 ? 1u : e > 4e9 ? 4000000000u : (uint32_t)e;
      }
    }
  }
  if (!ok) {
    msl_nonideal_free(v);
    return msl_error_set("non-idealities: out of memory for %zu cells", n), NULL;
  }
  *err = 0;
  return v;
}

/* The level nearest to model weight w. */
static inline int level_of(const msl_nonideal *v, double w) {
  double x = (w - v->w_lo) * ((v->levels - 1) / (v->lv_hi - v->w_lo));
  int q = (int)floor((x > 0.0 ? x : 0.0) + 0.5); /* NaN and below: level 0 */
  return q > v->levels - 1 ? v->levels - 1 : q;
}

/* The state and weight a stuck-off or stuck-on cell of scale m holds. */
static void stuck_value(const msl_nonideal *v, int kind, double m, double *s, double *w) {
  *s = kind == ST_OFF ? v->s_wlo : v->s_whi;
  *w = m * (kind == ST_OFF ? v->w_lo : v->w_hi);
}

/* w[k] /= m[k] (divide) or *= m[k], and w[k] to its nearest level (with the
 * level's state into s[k]): loops that vectorise. */
MSL_KERNEL
static void scale_weights(double *restrict w, const double *restrict m, size_t n, int divide) {
  if (divide)
    for (size_t k = 0; k < n; k++) w[k] /= m[k];
  else
    for (size_t k = 0; k < n; k++) w[k] *= m[k];
}

/* With levels, setting a weight is choosing a level: no need of the model's
 * own mapping (its set_weights). Returns how many weights lay outside the
 * range [w_lo, w_hi] (or were NaN), as set_weights would, or above the top
 * level (rounded down to it). */
MSL_KERNEL
static size_t nearest_levels(const msl_nonideal *v, double *restrict s, double *restrict w,
                             size_t n) {
  int l[BLOCK];
  size_t out = 0;
  for (size_t k = 0; k < n; k++) out += (size_t)!(w[k] >= v->w_lo && w[k] <= v->lv_hi);
  for (size_t k = 0; k < n; k++) l[k] = level_of(v, w[k]);
  for (size_t k = 0; k < n; k++) {
    s[k] = v->lv_s[l[k]];
    w[k] = v->lv_w[l[k]];
  }
  return out;
}

size_t msl_nonideal_set_weights(const msl_nonideal *v, const msl_device *d, double *s, double *w,
                                size_t base, size_t n, uint64_t *stuck_set) {
  size_t out = 0;
  double keep[BLOCK];
  for (size_t k0 = 0; k0 < n; k0 += BLOCK) {
    size_t m = n - k0 < BLOCK ? n - k0 : BLOCK, c0 = base + k0;
    if (v->scale) scale_weights(w + c0, v->scale + c0, m, 1);
    if (v->stuck) { /* stuck and worn cells keep their state (and are not clipped) */
      memcpy(keep, s + c0, m * sizeof *keep);
      for (size_t q = 0; q < m; q++)
        if (v->stuck[c0 + q] != ST_OK)
          w[c0 + q] = v->stuck[c0 + q] == ST_OFF ? v->w_lo
                      : v->stuck[c0 + q] == ST_ON ? v->w_hi
                                                  : d->ops->s2w(d, keep[q]);
    }
    out += v->levels ? nearest_levels(v, s + c0, w + c0, m)
                     : d->ops->set_weights(d, s + c0, w + c0, m);
    if (v->scale) scale_weights(w + c0, v->scale + c0, m, 0);
    if (!v->stuck) continue;
    for (size_t q = 0; q < m; q++) {
      size_t c = c0 + q;
      int st = v->stuck[c];
      if (st == ST_OK) continue;
      double sc = v->scale ? v->scale[c] : 1.0;
      if (st == ST_WORN) {
        s[c] = keep[q];
        w[c] = sc * d->ops->s2w(d, keep[q]);
      } else {
        stuck_value(v, st, sc, &s[c], &w[c]);
      }
      ++*stuck_set;
    }
  }
  return out;
}

/* One block of cells after the model's pulse: cell q (index c[q], counter
 * value ctr[q]) went from s0, w0 to the model's s1, wd; on return s1, wd hold
 * its new state and weight (wd already scaled). Plain loops over the block,
 * which the compiler vectorises. */
typedef struct {
  ptrdiff_t c[BLOCK];
  uint64_t ctr[BLOCK];
  double s0[BLOCK], w0[BLOCK], s1[BLOCK], wd[BLOCK], f[BLOCK], t[BLOCK];
  double m[BLOCK], rp[BLOCK], rd[BLOCK]; /* the cells' d2d factors (gathered) */
} block;

MSL_KERNEL
static void vary_block(const msl_nonideal *v, const msl_device *d, block *restrict B, int n) {
  const double lo = v->s_lo, hi = v->s_hi, c2c = v->c2c;
  /* The factor of each cell's change: its rate (d2d), its pulse's noise (c2c). */
  for (int q = 0; q < n; q++) B->f[q] = 1.0;
  if (v->scale)
    for (int q = 0; q < n; q++) B->f[q] = B->wd[q] * B->m[q] > B->w0[q] ? B->rp[q] : B->rd[q];
  else
    for (int q = 0; q < n; q++) B->m[q] = 1.0;
  if (c2c != 0.0)
    for (int q = 0; q < n; q++)
      B->f[q] *= 1.0 + c2c * msl_noise_normal(v->key_c2c, (uint64_t)B->c[q] << 32 | B->ctr[q]);
  if (v->scale || c2c != 0.0) { /* the varied change, and its weight */
    for (int q = 0; q < n; q++) {
      double t = B->s0[q] + B->f[q] * (B->s1[q] - B->s0[q]);
      B->s1[q] = t < lo ? lo : t > hi ? hi : t;
    }
    if (d->ops->read) d->ops->read(d, B->s1, B->t, n);
    else
      for (int q = 0; q < n; q++) B->t[q] = d->ops->s2w(d, B->s1[q]);
  } else { /* the model's own (levels, wear only) */
    memcpy(B->t, B->wd, (size_t)n * sizeof *B->t);
  }
  if (v->levels) {
    const double k = (v->levels - 1) / (v->lv_hi - v->w_lo), top = v->levels - 1; /* as level_of */
    for (int q = 0; q < n; q++) {
      double x = (B->t[q] - v->w_lo) * k;
      x = x > 0.0 ? x : 0.0; /* NaN and below: level 0 */
      double fl = floor(x);
      double l = v->stochastic
                     ? fl + (msl_noise_uniform(v->key_lv, (uint64_t)B->c[q] << 32 | B->ctr[q]) <
                             x - fl)
                     : floor(x + 0.5);
      B->f[q] = l < top ? l : top; /* the level, as a number */
    }
    for (int q = 0; q < n; q++) {
      int l = (int)B->f[q];
      B->s1[q] = v->lv_s[l];
      B->t[q] = v->lv_w[l];
    }
  }
  for (int q = 0; q < n; q++) B->wd[q] = B->m[q] * B->t[q];
}

/* A run of n contiguous cells cb.. (s, w: theirs), just pulsed in place with
 * drives u (zero: no pulse); B->s0, w0 hold their states and weights from
 * before. Stuck cells are put back, the rest go through vary_block; cells the
 * model left alone keep their weight. Loops that vectorise (but for wear). */
MSL_KERNEL
static void run_after(msl_nonideal *v, const msl_device *d, block *restrict B,
                      double *restrict s, double *restrict w, const double *restrict u,
                      size_t cb, int n, msl_syn_counts *cn) {
  uint8_t keep[BLOCK];
  uint64_t ignored = 0;
  for (int q = 0; q < n; q++) {
    B->c[q] = (ptrdiff_t)(cb + (size_t)q);
    B->s1[q] = s[q];
    B->wd[q] = w[q];
  }
  /* keep: the cell keeps its state and weight (stuck; or, with more than
   * stuck cells, left alone by the model, as in msl_nonideal_pulse). */
  const uint8_t alone = v->post != 0;
  if (v->stuck) {
    const uint8_t *restrict st = v->stuck + cb;
    for (int q = 0; q < n; q++) {
      ignored += (uint64_t)((u[q] != 0.0) & (st[q] != ST_OK));
      keep[q] = (st[q] != ST_OK) | (alone & (B->s1[q] == B->s0[q]));
    }
  } else {
    for (int q = 0; q < n; q++) keep[q] = B->s1[q] == B->s0[q];
  }
  cn->stuck_pulses += ignored;
  if (!v->post) { /* stuck cells only */
    for (int q = 0; q < n; q++) {
      s[q] = keep[q] ? B->s0[q] : s[q];
      w[q] = keep[q] ? B->w0[q] : w[q];
    }
    return;
  }
  if (v->pulses) {
    uint32_t *restrict pc = v->pulses + cb;
    const uint8_t *st = v->stuck ? v->stuck + cb : NULL;
    for (int q = 0; q < n; q++) {
      B->ctr[q] = pc[q];
      pc[q] += (uint32_t)((u[q] != 0.0) & (st ? st[q] == ST_OK : 1));
    }
  }
  if (v->scale) {
    memcpy(B->m, v->scale + cb, (size_t)n * sizeof *B->m);
    const double *restrict ra = v->rate + 2 * cb;
    for (int q = 0; q < n; q++) {
      B->rp[q] = ra[2 * q];
      B->rd[q] = ra[2 * q + 1];
    }
  }
  vary_block(v, d, B, n);
  for (int q = 0; q < n; q++) {
    s[q] = keep[q] ? B->s0[q] : B->s1[q];
    w[q] = keep[q] ? B->w0[q] : B->wd[q];
  }
  if (v->used)
    for (int q = 0; q < n; q++) {
      size_t c = cb + (size_t)q;
      if (!keep[q] && s[q] != B->s0[q] && ++v->used[c] >= v->life[c]) {
        v->stuck[c] = ST_WORN;
        cn->worn_cells++;
      }
    }
}

/* The pulse on cells base + at[k] when at[] is contiguous: the device
 * updates them in place (as without the layer), then run_after. */
static int pulse_run(msl_nonideal *v, const msl_device *d, double *s, double *w, size_t base,
                     const ptrdiff_t *at, const double *u, int n, double dt,
                     msl_pulse_stats *ps, msl_syn_counts *cn) {
  block B;
  for (int k0 = 0; k0 < n; k0 += BLOCK) {
    int m = n - k0 < BLOCK ? n - k0 : BLOCK;
    size_t cb = base + (size_t)at[k0];
    memcpy(B.s0, s + cb, (size_t)m * sizeof *B.s0);
    memcpy(B.w0, w + cb, (size_t)m * sizeof *B.w0);
    if (d->ops->pulse(d, s + base, w + base, at + k0, u + k0, m, dt, ps)) return -1;
    if (v->post || v->stuck) run_after(v, d, &B, s + cb, w + cb, u + k0, cb, m, cn);
  }
  return 0;
}

int msl_nonideal_pulse(msl_nonideal *v, const msl_device *d, double *s, double *w, size_t base,
                       const ptrdiff_t *at, const double *u, int n, double dt,
                       msl_pulse_stats *ps, msl_syn_counts *cn) {
  if (n > 0 && at[n - 1] - at[0] == n - 1)
    return pulse_run(v, d, s, w, base, at, u, n, dt, ps, cn);
  block B;
  double bu[BLOCK];
  for (int k0 = 0; k0 < n; k0 += BLOCK) {
    int kn = n - k0 < BLOCK ? n - k0 : BLOCK, m = 0;
    for (int k = k0; k < k0 + kn; k++) {
      size_t c = base + (size_t)at[k];
      if (u[k] == 0.0) continue; /* no pulse: unchanged */
      if (v->stuck && v->stuck[c] != ST_OK) {
        cn->stuck_pulses++;
        continue;
      }
      B.c[m] = (ptrdiff_t)c;
      bu[m] = u[k];
      B.s0[m] = s[c];
      B.w0[m++] = w[c];
    }
    if (!m) continue;
    if (d->ops->pulse(d, s, w, B.c, bu, m, dt, ps)) return -1;
    if (!v->post) continue;
    /* Cells the model left alone (e.g. at its range's edge) keep their weight;
     * the others go through vary_block. */
    int mm = 0;
    for (int q = 0; q < m; q++) {
      size_t c = (size_t)B.c[q];
      uint64_t ctr = v->pulses ? v->pulses[c]++ : 0;
      if (s[c] == B.s0[q]) {
        w[c] = B.w0[q];
        continue;
      }
      B.c[mm] = B.c[q];
      B.ctr[mm] = ctr;
      B.s0[mm] = B.s0[q];
      B.w0[mm] = B.w0[q];
      B.s1[mm] = s[c];
      B.wd[mm] = w[c];
      if (v->scale) {
        B.m[mm] = v->scale[c];
        B.rp[mm] = v->rate[2 * c];
        B.rd[mm] = v->rate[2 * c + 1];
      }
      mm++;
    }
    vary_block(v, d, &B, mm);
    for (int q = 0; q < mm; q++) {
      size_t c = (size_t)B.c[q];
      s[c] = B.s1[q];
      w[c] = B.wd[q];
      if (v->used && B.s1[q] != B.s0[q] && ++v->used[c] >= v->life[c]) {
        v->stuck[c] = ST_WORN;
        cn->worn_cells++;
      }
    }
  }
  return 0;
}

double msl_nonideal_read_noise(const msl_nonideal *v) { return v ? v->read : 0.0; }

MSL_KERNEL
static void read_kernel(double S, uint64_t key, uint64_t ctr0, const double *restrict q,
                        double *restrict y, int n) {
  for (int i = 0; i < n; i++) y[i] += S * sqrt(q[i]) * msl_noise_normal(key, ctr0 + (uint64_t)i);
}

void msl_nonideal_read(msl_nonideal *v, const double *q, double *y, int n) {
  read_kernel(v->read, v->key_read, v->reads++ * (uint64_t)n, q, y, n);
}

void msl_nonideal_cell(const msl_nonideal *v, size_t i, double *scale, double *rate_pot,
                       double *rate_dep, int *stuck) {
  *scale = v && v->scale ? v->scale[i] : 1.0;
  *rate_pot = v && v->rate ? v->rate[2 * i] : 1.0;
  *rate_dep = v && v->rate ? v->rate[2 * i + 1] : 1.0;
  *stuck = v && v->stuck ? v->stuck[i] : 0;
}

void msl_nonideal_stuck_cells(const msl_nonideal *v, uint64_t *off, uint64_t *on) {
  *off = v ? v->stuck_off : 0;
  *on = v ? v->stuck_on : 0;
}

int msl_nonideal_state(msl_nonideal *v, struct msl_ckpt *c) {
  if (msl_ckpt_same(c, "nonideal.n", (int64_t)v->n) ||
      msl_ckpt_same(c, "nonideal.stuck", v->stuck != NULL) ||
      msl_ckpt_same(c, "nonideal.pulses", v->pulses != NULL) ||
      msl_ckpt_same(c, "nonideal.used", v->used != NULL) ||
      msl_ckpt_u64(c, "nonideal.reads", &v->reads, 1))
    return -1;
  if (v->stuck && msl_ckpt_u8(c, "nonideal.stuck", v->stuck, v->n)) return -1;
  if (v->pulses && msl_ckpt_u32(c, "nonideal.pulses", v->pulses, v->n)) return -1;
  if (v->used && msl_ckpt_u32(c, "nonideal.used", v->used, v->n)) return -1;
  for (size_t i = 0; v->stuck && i < v->n; i++)
    if (v->stuck[i] > ST_WORN)
      return msl_error_set("checkpoint: cell %zu: bad stuck state %d", i, v->stuck[i]);
  return 0;
}
