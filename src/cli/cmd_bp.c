/* cmd_bp.c: `msl bp`, workload 2 (SPEC 8) from the command line. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "commands.h"
#include "devopts.h"
#include "json.h"
#include "memcheck.h"
#include "msl/error.h"
#include "msl/threads.h"
#include "msl/workload.h"
#include "opts.h"
#include "progress.h"
#include "runopts.h"

#ifndef MSL_VERSION
#define MSL_VERSION "dev"
#endif

static void help(void) {
  printf(
      "usage: msl bp [options]\n\n"
      "Approximate gradient descent with spikes on MNIST (SPEC 8): 784 -> hidden\n"
      "-> 10 integrate-and-fire neurons, errors replayed every 7 steps. Prints\n"
      "progress on stderr and, as the last line of stdout, one JSON object.\n\n"
      "options:\n"
      "  --hidden N         hidden neurons [1500]\n"
      "  --epochs E         passes over the training images [3]\n"
      "  --train N          training images 0..N-1, in order [33000]\n"
      "  --test N           test on the N training images after the training range [1000]\n"
      "  --test-every K     evaluate every K training samples (and at the end) [1000]\n"
      "  --lr X             learning rate: ideal rule W += X e c [2e-4]; VTEAM steps\n"
      "  --seed S           random seed (same seed, same results) [1]\n"
      "  --data DIR         MNIST or Fashion-MNIST: the four IDX files, each plain or .gz\n"
      "                     (the plain one if both) [$MSL_DATA or ~/.local/share/msl/mnist]\n"
      "  --out FILE         also append the JSON result line to FILE\n"
      "  --threads T        threads inside the run; results identical for every T\n"
      "                     [$MSL_THREADS, or every processor; 1 in msl sweep]\n"
      "  --quiet            no progress output\n"
      );
  ckptopts_help(stdout, "samples");
  devopts_help(stdout, 2);
}

/* JSON list of [training samples seen, curve column col * scale]; malloc'd.
 * *bad: a value was a NaN or infinity (written as null). */
static char *curve_json(const msl_bp_result *r, int col, double scale, int *bad) {
  size_t cap = 32 + (size_t)r->n_curve * 48, len = 0;
  char *s = malloc(cap);
  *bad = 0;
  if (!s) return NULL;
  len += (size_t)snprintf(s + len, cap - len, "[");
  for (int k = 0; k < r->n_curve; k++) {
    double v = r->curve[k][col] * scale;
    *bad |= !isfinite(v);
    if (isfinite(v))
      len += (size_t)snprintf(s + len, cap - len, "%s[%.0f, %.10g]", k ? ", " : "", r->curve[k][0], v);
    else
      len += (size_t)snprintf(s + len, cap - len, "%s[%.0f, null]", k ? ", " : "", r->curve[k][0]);
  }
  snprintf(s + len, cap - len, "]");
  return s;
}

typedef struct bp_args {
  msl_bp_config c;
  runopts ro;
  devopts dv;
} bp_args;

/* argv into a: 0; 1 after --help; -1 on a usage error (message printed). */
static int parse(int argc, char **argv, bp_args *a) {
  msl_bp_config *c = &a->c;
  msl_bp_config_default(c);
  memset(&a->ro, 0, sizeof a->ro);
  a->ro.seed = c->seed;
  devopts_init(&a->dv, 2);
  const opt_count counts[] = {{"--hidden", &c->hidden}, {"--epochs", &c->epochs},
                              {"--train", &c->train}, {"--test", &c->test},
                              {"--test-every", &c->test_every}};
  for (int i = 1; i < argc; i++) {
    const char *o = argv[i];
    int r = runopts_parse_all(argc, argv, &i, &a->ro, &a->dv);
    if (r == 0) r = opt_counts(argc, argv, &i, counts, (int)(sizeof counts / sizeof *counts));
    if (r < 0) return -1;
    if (r > 0) continue;
    if (strcmp(o, "--help") == 0 || strcmp(o, "-h") == 0) {
      help();
      return 1;
    }
    fprintf(stderr, "msl bp: unknown option '%s' (see msl bp --help)\n", o);
    return -1;
  }
  c->seed = a->ro.seed;
  c->quirks = a->dv.params.quirks = a->ro.quirks;
  return devopts_finish(&a->dv, "msl bp", 2, &c->lr, &c->device, &c->rule, &c->params);
}

/* The checks that need no data: the configuration and its memory. 0 or -1. */
static int check(const bp_args *a) {
  if (msl_bp_config_check(&a->c)) {
    fprintf(stderr, "msl bp: %s\n", msl_error());
    return -1;
  }
  char sizes[160];
  snprintf(sizes, sizeof sizes, "--hidden %d with --device %s", a->c.hidden, a->c.device);
  return mem_check("msl bp", sizes, msl_bp_memory_bytes(&a->c));
}

int cmd_bp_check(int argc, char **argv) {
  bp_args a;
  return parse(argc, argv, &a) || check(&a) ? 2 : 0;
}

typedef struct {
  const msl_bp_config *c;
  const devopts *dv;
  const msl_bp_result *r;
  const msl_syn_stats *tot;       /* both crossbars together */
  const char *curve, *energy_curve;
  int curve_bad, energy_curve_bad; /* they hold a NaN or infinity */
  double peak_mb;
} result_ctx;

static void emit(json *j, const void *ctx) {
  const result_ctx *x = ctx;
  const msl_bp_config *c = x->c;
  const msl_bp_result *res = x->r;
  json_str(j, "workload", "bp");
  json_str(j, "device", c->device);
  json_int(j, "hidden", c->hidden);
  json_int(j, "epochs", c->epochs);
  json_int(j, "train_samples", c->train);
  json_int(j, "test_samples", c->test);
  json_int(j, "test_every", c->test_every);
  json_num(j, "lr", c->lr);
  json_num(j, "test_accuracy", res->test_accuracy);
  json_raw(j, "curve", x->curve ? x->curve : "[]");
  if (x->curve_bad) json_flag(j, "curve");
  json_raw(j, "energy_curve_nj", x->energy_curve ? x->energy_curve : "[]");
  if (x->energy_curve_bad) json_flag(j, "energy_curve_nj");
  devopts_json(j, x->dv, x->tot, res->train_samples, &res->counts);
  json_num(j, "energy_hidden_per_image_nj", res->stats[0].energy_j / res->train_samples * 1e9);
  json_num(j, "energy_output_per_image_nj", res->stats[1].energy_j / res->train_samples * 1e9);
  json_num(j, "seconds", res->seconds);
  json_num(j, "ms_per_sample", res->train_seconds * 1e3 / (double)res->train_samples);
  json_num(j, "ms_per_sample_with_tests", res->seconds * 1e3 / (double)res->train_samples);
  json_num(j, "peak_memory_mb", x->peak_mb);
  json_uint(j, "seed", c->seed);
  json_int(j, "threads", msl_threads());
  json_str(j, "quirks", c->quirks ? "reference" : "none");
  json_str(j, "version", MSL_VERSION);
}

int cmd_bp(int argc, char **argv) {
  bp_args a;
  int p = parse(argc, argv, &a);
  if (p) return p > 0 ? 0 : 2;
  msl_bp_config *c = &a.c;
  if (check(&a) || runopts_prepare("msl bp", &a.ro, NULL)) return 2;

  if (ckptopts_start("msl bp", &a.ro.ck, &c->checkpoint)) {
    runopts_abandon(&a.ro);
    return 1;
  }
  msl_mnist data;
  if (runopts_load(&a.ro, &data)) {
    runopts_abandon(&a.ro);
    return 1;
  }
  progress pr;
  progress_init(&pr, "bp", a.ro.quiet);
  c->progress = progress_update;
  c->progress_ctx = &pr;
  msl_bp_result res;
  int rc = msl_bp_run(c, &data, &res);
  progress_finish(&pr);
  msl_mnist_free(&data);
  if (res.resumed_at && !a.ro.quiet)
    fprintf(stderr, "msl bp: resumed from %s after %ld samples\n", c->checkpoint.path,
            res.resumed_at);
  if (rc == MSL_RUN_STOPPED) {
    msl_bp_result_free(&res);
    runopts_abandon(&a.ro);
    return ckptopts_stopped("msl bp", res.error);
  }
  if (rc) {
    fprintf(stderr, "msl bp: %s\n", res.error);
    msl_bp_result_free(&res);
    runopts_abandon(&a.ro);
    return 1;
  }
  msl_syn_stats tot = res.stats[0];
  msl_syn_stats_add(&tot, &res.stats[1]);
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  result_ctx x = {c, &a.dv, &res, &tot, NULL, NULL, 0, 0, ru.ru_maxrss / 1024.0};
  char *curve = curve_json(&res, 1, 1.0, &x.curve_bad);
  char *energy_curve = curve_json(&res, 2, 1e9, &x.energy_curve_bad);
  x.curve = curve;
  x.energy_curve = energy_curve;
  int st = runopts_emit("msl bp", &a.ro, emit, &x);
  free(curve);
  free(energy_curve);
  msl_bp_result_free(&res);
  return st ? st : ckptopts_finish("msl bp", &a.ro.ck);
}
