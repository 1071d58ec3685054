/* cmd_sweep.c: `msl sweep`: a design-space sweep, the cartesian product of
 * comma-separated option lists, each point one `msl stdp` or `msl bp` run in a
 * child process, results in an SQLite database (docs/sweeps.md). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "opts.h"
#include "sweep/ckptdir.h"
#include "sweep/db.h"
#include "sweep/grid.h"
#include "sweep/sched.h"

static void help(void) {
  printf(
      "usage: msl sweep [sweep options] [run options, each a value or a comma-separated list]\n\n"
      "Runs every combination of the listed values as one `msl WORKLOAD` run in a\n"
      "child process and stores the results in an SQLite database, one row per\n"
      "point (table runs). Running the same command again with the same database\n"
      "skips finished points and re-runs failed or interrupted ones.\n"
      "Example:\n"
      "  msl sweep --workload stdp --device chen15,vteam --g1 7e-6,1e-5 --vp 1.2,1.3 \\\n"
      "            --lr 0.01,0.02 --seed 1,2 --neurons 100 --train 2000 -j 2\n\n"
      "sweep options:\n"
      "  --workload W       stdp or bp [stdp]\n"
      "  -j N, --jobs N     local worker processes [number of cores]; under mpirun\n"
      "                     every rank but 0 runs one point at a time\n"
      "  --db FILE          results database [results.sqlite]\n"
      "  --dry-run          list the points (key and command line), run nothing\n"
      "  --checkpoint-every N  each point's checkpoint interval (presentations or\n"
      "                     samples; points checkpoint into DB.ckpt/, docs/sweeps.md) [1000]\n"
      "  --quiet            no progress output\n\n"
      "run options: any option of msl stdp / msl bp (see their --help), e.g.\n"
      "  --device, --g1, --lr, --vp, --seed, --neurons, --train, --test, --epochs.\n"
      "An option that does not apply to a device is dropped from (and does not\n"
      "multiply) that device's points: --g1 applies to vteam, chen15 and lut (not\n"
      "ideal); --lr to ideal and vteam; --vp, --substeps to chen15; --lut, --v1p,\n"
      "--v1n, --dvp, --dvn to lut; every other option to every device.\n"
      "--out, --save-weights and --checkpoint are not allowed (every point would write\n"
      "the same file).\n");
}

/* "-j N", "-jN", "--jobs N", "--jobs=N" */
static int is_jobs(const char *a) {
  return strcmp(a, "-j") == 0 || opt_is(a, "--jobs") || (a[0] == '-' && a[1] == 'j' && isdigit((unsigned char)a[2]));
}

static int parse(int argc, char **argv, grid *g, const char **db, long *jobs, int *dry, int *quiet,
                 long *every) {
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v;
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      help();
      exit(0);
    } else if (opt_is(a, "--workload")) {
      if (!(v = opt_value(argc, argv, &i))) return -1;
      if (strcmp(v, "stdp") && strcmp(v, "bp")) {
        fprintf(stderr, "msl: --workload: expected stdp or bp, got '%s' (one workload per sweep)\n", v);
        return -1;
      }
      free(g->workload);
      g->workload = strdup(v);
    } else if (is_jobs(a)) {
      if (a[1] == 'j' && a[2]) v = a + 2;
      else if (!(v = opt_value(argc, argv, &i))) return -1;
      if (opt_int("-j", v, 1, 4096, jobs)) return -1;
    } else if (opt_is(a, "--db")) {
      if (!(*db = opt_value(argc, argv, &i))) return -1;
    } else if (strcmp(a, "--dry-run") == 0) {
      *dry = 1;
    } else if (strcmp(a, "--quiet") == 0) {
      *quiet = 1;
    } else if (opt_is(a, "--checkpoint-every")) {
      if (!(v = opt_value(argc, argv, &i)) || opt_int("--checkpoint-every", v, 1, 1000000000L, every))
        return -1;
    } else if (opt_is(a, "--out") || opt_is(a, "--save-weights") || opt_is(a, "--checkpoint")) {
      fprintf(stderr, "msl sweep: %s is not allowed in a sweep (%s)\n", a,
              opt_is(a, "--checkpoint") ? "each point checkpoints into DB.ckpt/"
                                        : "results go to the database");
      return -1;
    } else if (strncmp(a, "--", 2) == 0 && a[2]) {
      /* A run option: "--name=value", "--name value", or a flag "--name". */
      char name[64];
      snprintf(name, sizeof name, "%.*s", (int)strcspn(a + 2, "="), a + 2);
      const char *eq = strchr(a, '=');
      v = eq ? eq + 1 : (i + 1 < argc && strncmp(argv[i + 1], "--", 2) != 0) ? argv[++i] : NULL;
      if (grid_add(g, name, v)) return -1;
    } else {
      fprintf(stderr, "msl sweep: unexpected argument '%s' (see msl sweep --help)\n", a);
      return -1;
    }
  }
  return 0;
}

int cmd_sweep(int argc, char **argv) {
  grid g = {0};
  g.workload = strdup("stdp");
  const char *db = "results.sqlite";
  long jobs = sysconf(_SC_NPROCESSORS_ONLN);
  int dry = 0, quiet = 0;
  long every = 0;
  if (jobs < 1) jobs = 1;
  grid_point *pts = NULL;
  int npts = 0;
  if (!g.workload || parse(argc, argv, &g, &db, &jobs, &dry, &quiet, &every) || grid_expand(&g, &pts, &npts)) {
    grid_free(&g);
    return 2;
  }
  grid_free(&g);
  /* Every point must be a valid run before anything is stored: the
   * workload's own parser and data-free checks, in this process. */
  for (int i = 0; i < npts; i++) {
    int (*check)(int, char **) = strcmp(pts[i].argv[1], "bp") == 0 ? cmd_bp_check : cmd_stdp_check;
    if (check(pts[i].argc - 1, pts[i].argv + 1)) {
      fprintf(stderr, "msl sweep: point '%s' is not a valid run (above); nothing run, no "
                      "database written\n", pts[i].key);
      grid_points_free(pts, npts);
      return 2;
    }
  }
  if (dry) {
    for (int i = 0; i < npts; i++) {
      printf("%s\t", pts[i].key);
      for (int k = 0; k < pts[i].argc; k++) printf("%s%s", k ? " " : "", pts[i].argv[k]);
      putchar('\n');
    }
    grid_points_free(pts, npts);
    return 0;
  }
  if (sweep_checkpoints(pts, npts, db, every)) {
    grid_points_free(pts, npts);
    return 1;
  }
  sweep_ctx s = {0};
  s.pts = pts;
  s.npts = npts;
  s.exe = "/proc/self/exe";
  s.quiet = quiet;
  if (access(s.exe, X_OK)) {
    fprintf(stderr, "msl sweep: cannot find this program's binary (%s)\n", s.exe);
    grid_points_free(pts, npts);
    return 1;
  }
  sweep_signals();
  int is_mpi = 0;
  int rc = sweep_mpi(&s, db, &is_mpi);
  if (!is_mpi) {
    if (sweep_prepare(&s, db)) rc = 1;
    else rc = sweep_local(&s, (int)jobs);
    if (s.db) db_close(s.db);
  }
  grid_points_free(pts, npts);
  return rc;
}
