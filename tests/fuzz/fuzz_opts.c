/* fuzz_opts.c: libFuzzer harness for the command-line option parsers
 * (src/cli/opts.c, devopts_parse, runopts_parse_all): the input, split at
 * NUL bytes, is the argument list of an `msl stdp`-like command, parsed
 * with the same loop as cmd_stdp.c plus the list, integer and seed parsers.
 * Every bad value prints a line: run with -close_fd_mask=2 (scripts/fuzz.sh
 * does; libFuzzer's and the sanitizers' reports still get through). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/devopts.h"
#include "cli/opts.h"
#include "cli/runopts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
enum { MAX_ARGS = 64 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *buf = malloc(size + 1);
  if (!buf) return 0;
  memcpy(buf, data, size);
  buf[size] = '\0';
  char *argv[MAX_ARGS + 1];
  int argc = 0;
  argv[argc++] = "msl";
  for (char *p = buf; argc < MAX_ARGS && p <= buf + size; p += strlen(p) + 1) argv[argc++] = p;
  argv[argc] = NULL;

  runopts ro = {0};
  devopts dev;
  devopts_init(&dev, 1);
  int neurons = 100, epochs = 1, train = 1000;
  const opt_count counts[] = {{"--neurons", &neurons}, {"--epochs", &epochs}, {"--train", &train}};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int r = runopts_parse_all(argc, argv, &i, &ro, &dev);
    if (r == 0) r = opt_counts(argc, argv, &i, counts, 3);
    if (r < 0) break;
    if (r > 0) continue;
    const char *v;
    double *list = NULL, x;
    int n = 0;
    long l;
    uint64_t seed;
    if (opt_is(a, "--list")) {
      if ((v = opt_value(argc, argv, &i)) && opt_double_list("--list", v, &list, &n) == 0) {
        if (n < 1) abort();
        free(list);
      }
    } else if (opt_is(a, "--int")) {
      if ((v = opt_value(argc, argv, &i)) && opt_int("--int", v, -5, 5, &l) == 0 && (l < -5 || l > 5))
        abort();
    } else if (opt_is(a, "--pos")) {
      if ((v = opt_value(argc, argv, &i)) && opt_positive("--pos", v, &x) == 0 && !(x > 0)) abort();
    } else if (opt_is(a, "--u64")) {
      if ((v = opt_value(argc, argv, &i))) opt_seed("--u64", v, &seed);
    } else if (opt_is(a, "--check")) {
      if ((v = opt_value(argc, argv, &i))) opt_list_check("msl", "--check", v);
    }
  }
  if (neurons < 1 || epochs < 1 || train < 1) abort(); /* counts are in [1, 1e8] */
  /* every value the declarations accepted is inside its declared range */
  for (int k = 0; k < dev.params.n; k++) {
    const msl_param_decl *d = devopts_decl(dev.params.v[k].name);
    if (!d) abort();
    if (d->type == MSL_PARAM_TEXT ? !dev.params.v[k].text || !dev.params.v[k].text[0]
                                  : msl_param_valid(d, dev.params.v[k].value) != 0)
      abort();
  }
  (void)devopts_check(&dev, "msl", 1);
  free(buf);
  return 0;
}
