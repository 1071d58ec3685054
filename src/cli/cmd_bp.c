/* cmd_bp.c: `msl bp`, workload 2 (SPEC 8) from the command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "commands.h"
#include "devopts.h"
#include "json.h"
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
      "  --data DIR         MNIST directory [$MSL_DATA or ~/.local/share/msl/mnist]\n"
      "  --out FILE         also append the JSON result line to FILE\n"
      "  --quiet            no progress output\n");
  devopts_help(stdout, 2);
}

/* JSON list of [training samples seen, curve column col * scale]; malloc'd. */
static char *curve_json(const msl_bp_result *r, int col, double scale) {
  size_t cap = 32 + (size_t)r->n_curve * 48, len = 0;
  char *s = malloc(cap);
  if (!s) return NULL;
  len += (size_t)snprintf(s + len, cap - len, "[");
  for (int k = 0; k < r->n_curve; k++)
    len += (size_t)snprintf(s + len, cap - len, "%s[%.0f, %.10g]", k ? ", " : "", r->curve[k][0],
                            r->curve[k][col] * scale);
  snprintf(s + len, cap - len, "]");
  return s;
}

int cmd_bp(int argc, char **argv) {
  msl_bp_config c;
  msl_bp_config_default(&c);
  runopts ro = {0};
  ro.seed = c.seed;
  devopts dv;
  devopts_init(&dv, 2);
  const opt_count counts[] = {{"--hidden", &c.hidden}, {"--epochs", &c.epochs},
                              {"--train", &c.train}, {"--test", &c.test},
                              {"--test-every", &c.test_every}};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int r = runopts_parse_all(argc, argv, &i, &ro, &dv);
    if (r == 0) r = opt_counts(argc, argv, &i, counts, (int)(sizeof counts / sizeof *counts));
    if (r < 0) return 2;
    if (r > 0) continue;
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      help();
      return 0;
    }
    fprintf(stderr, "msl bp: unknown option '%s' (see msl bp --help)\n", a);
    return 2;
  }
  if (devopts_check(&dv, "msl bp", 2)) return 2;
  if (msl_params_has(&dv.params, "lr")) c.lr = msl_params_get(&dv.params, devopts_decl("lr"));
  c.seed = ro.seed;
  c.quirks = dv.params.quirks = ro.quirks;
  c.device = dv.device;
  c.rule = dv.rule;
  c.params = dv.params;

  msl_mnist data;
  if (runopts_load(&ro, &data)) return 1;
  progress pr;
  progress_init(&pr, "bp", ro.quiet);
  c.progress = progress_update;
  c.progress_ctx = &pr;
  msl_bp_result res;
  int rc = msl_bp_run(&c, &data, &res);
  progress_finish(&pr);
  msl_mnist_free(&data);
  if (rc) {
    fprintf(stderr, "msl bp: %s\n", res.error);
    msl_bp_result_free(&res);
    return 1;
  }
  FILE *files[2];
  if (runopts_outputs(&ro, files) < 0) {
    msl_bp_result_free(&res);
    return 1;
  }
  /* Both crossbars together. */
  msl_syn_stats tot = res.stats[0];
  msl_syn_stats_add(&tot, &res.stats[1]);
  char *curve = curve_json(&res, 1, 1.0), *energy_curve = curve_json(&res, 2, 1e9);
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  for (int k = 0; k < 2 && files[k]; k++) {
    json j;
    json_begin(&j, files[k]);
    json_str(&j, "workload", "bp");
    json_str(&j, "device", c.device);
    json_int(&j, "hidden", c.hidden);
    json_int(&j, "epochs", c.epochs);
    json_int(&j, "train_samples", c.train);
    json_int(&j, "test_samples", c.test);
    json_int(&j, "test_every", c.test_every);
    json_num(&j, "lr", c.lr);
    json_num(&j, "test_accuracy", res.test_accuracy);
    json_raw(&j, "curve", curve ? curve : "[]");
    json_raw(&j, "energy_curve_nj", energy_curve ? energy_curve : "[]");
    devopts_json(&j, &dv, &tot, res.train_samples, &res.counts);
    json_num(&j, "energy_hidden_per_image_nj", res.stats[0].energy_j / res.train_samples * 1e9);
    json_num(&j, "energy_output_per_image_nj", res.stats[1].energy_j / res.train_samples * 1e9);
    json_num(&j, "seconds", res.seconds);
    json_num(&j, "ms_per_sample", res.train_seconds * 1e3 / (double)res.train_samples);
    json_num(&j, "ms_per_sample_with_tests", res.seconds * 1e3 / (double)res.train_samples);
    json_num(&j, "peak_memory_mb", ru.ru_maxrss / 1024.0);
    json_int(&j, "seed", (long long)c.seed);
    json_str(&j, "quirks", c.quirks ? "reference" : "none");
    json_str(&j, "version", MSL_VERSION);
    json_end(&j);
  }
  if (files[1]) fclose(files[1]);
  free(curve);
  free(energy_curve);
  msl_bp_result_free(&res);
  return 0;
}
