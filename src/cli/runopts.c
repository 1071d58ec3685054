/* runopts.c: options shared by the workload commands (see runopts.h). */
#include "runopts.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "devopts.h"
#include "msl/error.h"
#include "msl/threads.h"
#include "opts.h"
#include "outputs.h"

int runopts_parse(int argc, char **argv, int *i, runopts *r) {
  const char *a = argv[*i], *v;
  if (strcmp(a, "--quiet") == 0) {
    r->quiet = 1;
    return 1;
  }
  if (opt_is(a, "--seed"))
    return (v = opt_value(argc, argv, i)) && !opt_seed("--seed", v, &r->seed) ? 1 : -1;
  if (opt_is(a, "--data")) {
    if (!(r->data_dir = opt_value(argc, argv, i))) return -1;
    if (!r->data_dir[0]) {
      fprintf(stderr, "msl: --data: empty directory name (omit --data for the default)\n");
      return -1;
    }
    return 1;
  }
  if (opt_is(a, "--out")) return (r->out = opt_value(argc, argv, i)) ? 1 : -1;
  if (opt_is(a, "--threads")) {
    long t;
    if (!(v = opt_value(argc, argv, i)) || opt_int("--threads", v, 1, MSL_THREADS_MAX, &t))
      return -1;
    r->threads = (int)t;
    return 1;
  }
  int k = ckptopts_parse(argc, argv, i, &r->ck);
  if (k) return k;
  if (opt_is(a, "--quirks"))
    return (v = opt_value(argc, argv, i)) && !quirks_parse(v, &r->quirks) ? 1 : -1;
  return 0;
}

int runopts_parse_all(int argc, char **argv, int *i, runopts *r, devopts *dev) {
  int k = runopts_parse(argc, argv, i, r);
  return k != 0 ? k : devopts_parse(argc, argv, i, dev);
}

int runopts_load(const runopts *r, msl_mnist *data) {
  char dbuf[4096];
  const char *dir = msl_mnist_default_dir(r->data_dir, dbuf, sizeof dbuf);
  if (msl_mnist_load(dir, data) == 0) return 0;
  fprintf(stderr, "msl: %s\n", msl_error());
  fprintf(stderr, "msl: (fetch MNIST with scripts/fetch-mnist.sh, Fashion-MNIST with scripts/fetch-fashion.sh, or point --data/MSL_DATA at the four IDX files, plain or .gz)\n");
  return -1;
}

/* --threads, else $MSL_THREADS, else every processor; 0 or -1 (message). */
static int threads_choose(const char *who, runopts *r) {
  const char *env = getenv("MSL_THREADS");
  if (!r->threads && env) {
    long t;
    if (opt_int("MSL_THREADS (environment)", env, 1, MSL_THREADS_MAX, &t)) return -1;
    r->threads = (int)t;
  }
  if (!r->threads) r->threads = msl_threads_available();
  if (msl_set_threads(r->threads)) {
    fprintf(stderr, "%s: --threads: %s\n", who, msl_error());
    return -1;
  }
  return 0;
}

int runopts_prepare(const char *who, runopts *r, const char *save_weights) {
  if (threads_choose(who, r)) return -1;
  if (save_weights && out_check_writable(who, "--save-weights", save_weights)) return -1;
  if (ckptopts_check(who, &r->ck)) return -1;
  if (!r->out) return 0;
  struct stat st;
  r->out_created = stat(r->out, &st) != 0;
  return (r->out_file = out_open_append(who, "--out", r->out)) ? 0 : -1;
}

void runopts_abandon(runopts *r) {
  if (!r->out_file) return;
  fclose(r->out_file);
  r->out_file = NULL;
  struct stat st;
  if (r->out_created && stat(r->out, &st) == 0 && st.st_size == 0) unlink(r->out);
}

int runopts_emit(const char *who, runopts *r, void (*emit)(json *j, const void *ctx),
                 const void *ctx) {
  json j;
  json_begin(&j, stdout);
  emit(&j, ctx);
  json_end(&j);
  int rc = out_finish(who, "the result to stdout", stdout) ? 1 : 0;
  if (r->out_file) {
    json k;
    json_begin(&k, r->out_file);
    emit(&k, ctx);
    json_end(&k);
    char what[4200];
    snprintf(what, sizeof what, "the result to --out '%s'", r->out);
    if (out_finish(who, what, r->out_file)) rc = 1;
    r->out_file = NULL;
  }
  if (j.nonfinite) {
    fprintf(stderr, "%s: the result holds %d non-finite value%s (written as null): %s\n", who,
            j.nonfinite, j.nonfinite > 1 ? "s" : "", j.bad);
    rc = 1;
  }
  return rc;
}
