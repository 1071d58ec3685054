/* runopts.c: options shared by the workload commands (see runopts.h). */
#include "runopts.h"

#include <errno.h>
#include <string.h>

#include "devopts.h"
#include "msl/error.h"
#include "opts.h"

int runopts_parse(int argc, char **argv, int *i, runopts *r) {
  const char *a = argv[*i], *v;
  if (strcmp(a, "--quiet") == 0) {
    r->quiet = 1;
    return 1;
  }
  if (opt_is(a, "--seed"))
    return (v = opt_value(argc, argv, i)) && !opt_seed("--seed", v, &r->seed) ? 1 : -1;
  if (opt_is(a, "--data")) return (r->data_dir = opt_value(argc, argv, i)) ? 1 : -1;
  if (opt_is(a, "--out")) return (r->out = opt_value(argc, argv, i)) ? 1 : -1;
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
  fprintf(stderr, "msl: (fetch MNIST with scripts/fetch-mnist.sh, or point --data/MSL_DATA at it)\n");
  return -1;
}

int runopts_outputs(const runopts *r, FILE *files[2]) {
  files[0] = stdout;
  files[1] = NULL;
  if (!r->out) return 1;
  if (!(files[1] = fopen(r->out, "a"))) {
    fprintf(stderr, "msl: --out: cannot append to %s: %s\n", r->out, strerror(errno));
    return -1;
  }
  return 2;
}
