/* grid.h: the points of a sweep: the cartesian product of the comma-separated
 * option lists of `msl sweep`, with options that do not apply to a device
 * dropped for that device's points, and a canonical key per point. */
#ifndef MSL_SWEEP_GRID_H
#define MSL_SWEEP_GRID_H

/* One run option: "--name" and its value (NULL for a flag such as --freeze-test). */
typedef struct grid_opt {
  const char *name;   /* without the leading "--" */
  char **values;      /* nvalues canonical values (NULL entries for a flag) */
  int nvalues;
} grid_opt;

typedef struct grid {
  char *workload;     /* "stdp" or "bp" */
  grid_opt *opts;     /* sorted by name; "device" is one of them */
  int nopts;
} grid;

/* One point: the chosen value of every option that applies to its device. */
typedef struct grid_point {
  char *key;          /* canonical: "workload=stdp device=vteam g1=1e-05 lr=0.01 seed=1" */
  char *config_key;   /* the key without the seed (points that differ only by seed) */
  char *params;       /* swept options other than device, g1 and seed: "lr=0.01 vp=1.2" */
  char **argv;        /* child command line: "msl", workload, options, "--quiet", NULL */
  int argc;
  char *device;       /* value of --device ("ideal" when absent) */
  char *g1, *seed;    /* their values, or NULL when not set / not applicable */
} grid_point;

/* Whether run option `name` (without "--") applies to `device`. */
int grid_applies(const char *name, const char *device);

/* Canonical form of a value: numbers with a fraction or exponent in their
 * shortest exact form ("1.0e-5" -> "1e-05"), anything else unchanged. malloc'd. */
char *grid_canonical(const char *value);

/* Add a run option "--name" with a comma-separated list (or NULL for a flag).
 * Repeating an option replaces it. Returns 0, or -1 with a message on stderr. */
int grid_add(grid *g, const char *name, const char *list);

/* Expand into *points (malloc'd array of *n). Returns 0 or -1 (message). */
int grid_expand(const grid *g, grid_point **points, int *n);

void grid_points_free(grid_point *p, int n);
void grid_free(grid *g);

#endif
