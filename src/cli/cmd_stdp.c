/* cmd_stdp.c: `msl stdp`, workload 1 (SPEC 7) from the command line. */
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
      "usage: msl stdp [options]\n\n"
      "Unsupervised STDP on MNIST (Diehl & Cook 2015; SPEC 7). Prints progress on\n"
      "stderr and, as the last line of stdout, one JSON object with the results.\n\n"
      "options:\n"
      "  --neurons N        excitatory (= inhibitory) neurons [400]\n"
      "  --epochs E         passes over the training images [1]\n"
      "  --train N          use the first N training images, shuffled per epoch [60000]\n"
      "  --test N           test on the first N test images [10000]\n"
      "  --label-window B   samples per labelling chunk [10000]\n"
      "  --lr X             learning rate: ideal Ap = X, An = 0.01 X; VTEAM steps [0.01]\n"
      "  --seed S           random seed (same seed, same results) [1]\n"
      "  --data DIR         MNIST directory [$MSL_DATA or ~/.local/share/msl/mnist]\n"
      "  --freeze-test      no learning or threshold adaptation on the test chunk\n"
      "  --save-weights F   write the learned weights (N x 784, float64) as .npy\n"
      "  --out FILE         also append the JSON result line to FILE\n"
      "  --quiet            no progress output\n");
  devopts_help(stdout, 1);
}

int cmd_stdp(int argc, char **argv) {
  msl_stdp_config c;
  msl_stdp_config_default(&c);
  runopts ro = {0};
  ro.seed = c.seed;
  devopts dv;
  devopts_init(&dv, 1);
  const opt_count counts[] = {{"--neurons", &c.neurons}, {"--epochs", &c.epochs},
                              {"--train", &c.train}, {"--test", &c.test},
                              {"--label-window", &c.label_window}};
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
    if (strcmp(a, "--freeze-test") == 0) {
      c.freeze_test = 1;
    } else if (opt_is(a, "--save-weights")) {
      if (!(c.save_weights = opt_value(argc, argv, &i))) return 2;
    } else {
      fprintf(stderr, "msl stdp: unknown option '%s' (see msl stdp --help)\n", a);
      return 2;
    }
  }
  if (devopts_check(&dv, "msl stdp", 1)) return 2;
  if (msl_params_has(&dv.params, "lr")) c.lr = msl_params_get(&dv.params, devopts_decl("lr"));
  c.seed = ro.seed;
  c.quirks = dv.params.quirks = ro.quirks;
  c.device = dv.device;
  c.rule = dv.rule;
  c.params = dv.params;

  msl_mnist data;
  if (runopts_load(&ro, &data)) return 1;
  progress pr;
  progress_init(&pr, "stdp", ro.quiet);
  c.progress = progress_update;
  c.progress_ctx = &pr;
  msl_stdp_result *res = malloc(sizeof *res);
  if (!res) {
    msl_mnist_free(&data);
    fprintf(stderr, "msl: out of memory\n");
    return 1;
  }
  int rc = msl_stdp_run(&c, &data, res);
  progress_finish(&pr);
  msl_mnist_free(&data);
  if (rc) {
    fprintf(stderr, "msl stdp: %s\n", res->error);
    free(res);
    return 1;
  }
  FILE *files[2];
  if (runopts_outputs(&ro, files) < 0) {
    free(res);
    return 1;
  }
  for (int k = 0; k < 2 && files[k]; k++) {
    json j;
    json_begin(&j, files[k]);
    json_str(&j, "workload", "stdp");
    json_str(&j, "device", c.device);
    json_int(&j, "neurons", c.neurons);
    json_int(&j, "epochs", c.epochs);
    json_int(&j, "train_samples", c.train);
    json_int(&j, "test_samples", c.test);
    json_int(&j, "label_window", c.label_window);
    json_num(&j, "lr", c.lr);
    json_num(&j, "test_accuracy", res->test_accuracy);
    json_nums(&j, "chunk_accuracy", res->chunk_accuracy, res->n_chunks);
    json_int(&j, "presentations", res->presentations);
    json_int(&j, "representations", res->representations);
    devopts_json(&j, &dv, &res->train_stats, res->train_samples, &res->counts);
    double chunk_nj[256];
    for (int q = 0; q < res->n_chunk_energy; q++) chunk_nj[q] = res->chunk_energy_j[q] * 1e9;
    json_nums(&j, "chunk_energy_nj", chunk_nj, res->n_chunk_energy);
    json_num(&j, "energy_per_test_image_nj",
             strcmp(c.device, "ideal") ? res->energy_test_j / c.test * 1e9 : 0.0);
    json_int(&j, "labels_unassigned", res->labels_unassigned);
    json_bool(&j, "freeze_test", c.freeze_test);
    json_num(&j, "seconds", res->seconds);
    json_num(&j, "ms_per_presentation", res->seconds * 1e3 / (double)res->presentations);
    json_int(&j, "seed", (long long)c.seed);
    json_str(&j, "quirks", c.quirks ? "reference" : "none");
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    json_num(&j, "peak_memory_mb", ru.ru_maxrss / 1024.0);
    json_str(&j, "version", MSL_VERSION);
    json_end(&j);
  }
  if (files[1]) fclose(files[1]);
  free(res);
  return 0;
}
