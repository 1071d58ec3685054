/* cmd_stdp.c: `msl stdp`, workload 1 (SPEC 7) from the command line. */
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
      "usage: msl stdp [options]\n\n"
      "Unsupervised STDP on MNIST (Diehl & Cook 2015; SPEC 7). Prints progress on\n"
      "stderr and, as the last line of stdout, one JSON object with the results.\n\n"
      "options:\n"
      "  --neurons N        excitatory (= inhibitory) neurons [400]\n"
      "  --epochs E         passes over the training images [1]\n"
      "  --train N          use the first N training images, shuffled per epoch [60000]\n"
      "  --test N           test on the first N test images [10000]\n"
      "  --label-window B   samples per labelling chunk [10000]\n"
      "  --label-pass L     after training, label the neurons by the first L training\n"
      "                     images with learning and adaptation off, as Diehl & Cook\n"
      "                     (L = --train: their protocol); 0: by the last chunk [0]\n"
      "  --lr X             learning rate: ideal Ap = X, An = 0.01 X; VTEAM steps [0.01]\n"
      "  --seed S           random seed (same seed, same results) [1]\n"
      "  --data DIR         MNIST or Fashion-MNIST: the four IDX files, each plain or .gz\n"
      "                     (the plain one if both) [$MSL_DATA or ~/.local/share/msl/mnist]\n"
      "  --freeze-test      no learning or threshold adaptation on the test chunk\n"
      "  --save-weights F   write the learned weights (N x 784, float64) as .npy\n"
      "  --out FILE         also append the JSON result line to FILE\n"
      "  --threads T        threads inside the run; results identical for every T\n"
      "                     [$MSL_THREADS, or every processor; 1 in msl sweep]\n"
      "  --quiet            no progress output\n"
      );
  ckptopts_help(stdout, "presentations");
  devopts_help(stdout, 1);
}

typedef struct stdp_args {
  msl_stdp_config c;
  runopts ro;
  devopts dv;
} stdp_args;

/* argv into a: 0; 1 after --help; -1 on a usage error (message printed). */
static int parse(int argc, char **argv, stdp_args *a) {
  msl_stdp_config *c = &a->c;
  msl_stdp_config_default(c);
  memset(&a->ro, 0, sizeof a->ro);
  a->ro.seed = c->seed;
  devopts_init(&a->dv, 1);
  const opt_count counts[] = {{"--neurons", &c->neurons}, {"--epochs", &c->epochs},
                              {"--train", &c->train}, {"--test", &c->test},
                              {"--label-window", &c->label_window}};
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
    if (strcmp(o, "--freeze-test") == 0) {
      c->freeze_test = 1;
    } else if (opt_is(o, "--label-pass")) {
      const char *v = opt_value(argc, argv, &i);
      long x;
      if (!v || opt_int("--label-pass", v, 0, 100000000, &x)) return -1;
      c->label_pass = (int)x;
    } else if (opt_is(o, "--save-weights")) {
      if (!(c->save_weights = opt_value(argc, argv, &i))) return -1;
    } else {
      fprintf(stderr, "msl stdp: unknown option '%s' (see msl stdp --help)\n", o);
      return -1;
    }
  }
  c->seed = a->ro.seed;
  c->quirks = a->dv.params.quirks = a->ro.quirks;
  return devopts_finish(&a->dv, "msl stdp", 1, &c->lr, &c->device, &c->rule, &c->params);
}

/* The checks that need no data: the configuration and its memory. 0 or -1. */
static int check(const stdp_args *a) {
  if (msl_stdp_config_check(&a->c)) {
    fprintf(stderr, "msl stdp: %s\n", msl_error());
    return -1;
  }
  char sizes[160];
  snprintf(sizes, sizeof sizes, "--neurons %d with --device %s", a->c.neurons, a->c.device);
  return mem_check("msl stdp", sizes, msl_stdp_memory_bytes(&a->c));
}

int cmd_stdp_check(int argc, char **argv) {
  stdp_args a;
  return parse(argc, argv, &a) || check(&a) ? 2 : 0;
}

typedef struct {
  const msl_stdp_config *c;
  const devopts *dv;
  const msl_stdp_result *r;
  double peak_mb;
} result_ctx;

static void emit(json *j, const void *ctx) {
  const result_ctx *x = ctx;
  const msl_stdp_config *c = x->c;
  const msl_stdp_result *res = x->r;
  json_str(j, "workload", "stdp");
  json_str(j, "device", c->device);
  json_int(j, "neurons", c->neurons);
  json_int(j, "epochs", c->epochs);
  json_int(j, "train_samples", c->train);
  json_int(j, "test_samples", c->test);
  json_int(j, "label_window", c->label_window);
  json_int(j, "label_pass", c->label_pass);
  json_num(j, "lr", c->lr);
  json_num(j, "test_accuracy", res->test_accuracy);
  json_nums(j, "chunk_accuracy", res->chunk_accuracy, res->n_chunks);
  json_int(j, "presentations", res->presentations);
  json_int(j, "representations", res->representations);
  devopts_json(j, x->dv, &res->train_stats, res->train_samples, &res->counts);
  double chunk_nj[256];
  for (int q = 0; q < res->n_chunk_energy; q++) chunk_nj[q] = res->chunk_energy_j[q] * 1e9;
  json_nums(j, "chunk_energy_nj", chunk_nj, res->n_chunk_energy);
  json_num(j, "energy_per_test_image_nj",
           strcmp(c->device, "ideal") ? res->energy_test_j / c->test * 1e9 : 0.0);
  json_int(j, "labels_unassigned", res->labels_unassigned);
  json_bool(j, "freeze_test", c->freeze_test);
  json_num(j, "seconds", res->seconds);
  json_num(j, "ms_per_presentation", res->seconds * 1e3 / (double)res->presentations);
  json_uint(j, "seed", c->seed);
  json_int(j, "threads", msl_threads());
  json_str(j, "quirks", c->quirks ? "reference" : "none");
  json_num(j, "peak_memory_mb", x->peak_mb);
  json_str(j, "version", MSL_VERSION);
}

int cmd_stdp(int argc, char **argv) {
  stdp_args a;
  int p = parse(argc, argv, &a);
  if (p) return p > 0 ? 0 : 2;
  msl_stdp_config *c = &a.c;
  if (check(&a) || runopts_prepare("msl stdp", &a.ro, c->save_weights)) return 2;

  if (ckptopts_start("msl stdp", &a.ro.ck, &c->checkpoint)) {
    runopts_abandon(&a.ro);
    return 1;
  }
  msl_mnist data;
  if (runopts_load(&a.ro, &data)) {
    runopts_abandon(&a.ro);
    return 1;
  }
  progress pr;
  progress_init(&pr, "stdp", a.ro.quiet);
  c->progress = progress_update;
  c->progress_ctx = &pr;
  msl_stdp_result *res = malloc(sizeof *res);
  if (!res) {
    msl_mnist_free(&data);
    runopts_abandon(&a.ro);
    fprintf(stderr, "msl: out of memory\n");
    return 1;
  }
  int rc = msl_stdp_run(c, &data, res);
  progress_finish(&pr);
  msl_mnist_free(&data);
  if (res->resumed_at && !a.ro.quiet)
    fprintf(stderr, "msl stdp: resumed from %s after %ld samples\n", c->checkpoint.path,
            res->resumed_at);
  if (rc == MSL_RUN_STOPPED) {
    int s = ckptopts_stopped("msl stdp", res->error);
    free(res);
    runopts_abandon(&a.ro);
    return s;
  }
  if (rc < 0) {
    fprintf(stderr, "msl stdp: %s\n", res->error);
    free(res);
    runopts_abandon(&a.ro);
    return 1;
  }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  result_ctx x = {c, &a.dv, res, ru.ru_maxrss / 1024.0};
  int st = runopts_emit("msl stdp", &a.ro, emit, &x);
  if (rc > 0) { /* the results are out; only the weights were lost */
    fprintf(stderr, "msl stdp: --save-weights: %s\n", res->error);
    st = 1;
  }
  free(res);
  return st ? st : ckptopts_finish("msl stdp", &a.ro.ck);
}
