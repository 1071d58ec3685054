/* report.h: the paper's table from a sweep database (for each workload,
 * device and G1, the best test accuracy over the other swept parameters and
 * the energy per image there), as text, CSV and Markdown; the plots of
 * accuracy and energy against G1; accuracy and energy against any one
 * parameter (--vs); curves over training of single runs; receptive fields
 * of learned weights. */
#ifndef MSL_SWEEP_REPORT_H
#define MSL_SWEEP_REPORT_H

#include <sqlite3.h>
#include <stdio.h>

/* SQL: column c when it holds a number, else NULL (non-numeric text in a
 * numeric column is missing, not 0). */
#define REPORT_NUM(c) "(CASE WHEN typeof(" c ") IN ('integer', 'real') THEN " c " END)"

typedef struct best_row {
  char *workload, *device;
  char *params;        /* the swept parameters of the best configuration */
  int has_g1;          /* 0 for the software baseline (device ideal) */
  double g1;
  double acc;          /* mean test accuracy over the seeds of that configuration */
  int has_energy;
  double energy;       /* mean energy per training image there, nJ */
  int seeds, configs;  /* runs averaged; configurations compared */
} best_row;

/* Best configuration per (workload, device, g1) over the 'done' rows, in
 * that order. Configurations are rows with the same config_key (the point
 * without its seed): accuracy and energy are their means over seeds; the best
 * has the highest accuracy, ties going to the lowest energy. where: an SQL
 * condition on the rows of `runs` (NULL: all). 0 or -1. */
int report_best(sqlite3 *db, const char *where, best_row **rows, int *n);
void report_rows_free(best_row *rows, int n);
/* Non-numeric values in the numeric columns of 'done' rows (shown as
 * missing): their number, and "column count, ..." in what. */
int report_junk(sqlite3 *db, char *what, size_t cap);
/* Rows with the given status (e.g. 'running'). */
int report_count_status(sqlite3 *db, const char *status);
/* One line on f per running point: how far it is (samples done of its
 * total, from its checkpoint in DB.ckpt/, and the checkpoint's time), or
 * that it has none yet (progress.c). */
void report_running_progress(sqlite3 *db, const char *db_path, FILE *f);

/* Accuracy and energy per training image against one parameter (msl report
 * --vs PARAM): per workload, one row per line and value of PARAM. */
typedef struct vs_row {
  char *workload;
  char *line;          /* the device and the other parameters that vary among
                          the workload's rows: "chen15 g1=0.0001 vp=1.3" */
  int has_x;           /* 0 for the software baseline (device ideal, no PARAM) */
  double x;            /* the value of PARAM */
  double acc;          /* mean test accuracy over the seeds */
  int has_energy;
  double energy;       /* mean energy per training image, nJ */
  int seeds;           /* runs averaged */
} vs_row;

/* The rows of PARAM (an option name such as c2c or read-noise: the column
 * with '-' as '_', or as given; letters, digits, '-' and '_' only, checked
 * by the caller, as it goes into file names and gnuplot strings) over the 'done' rows, sorted by workload,
 * line and PARAM; after each workload's lines its best ideal configuration
 * among the rows without PARAM (has_x 0), if any. 0, -1 (message printed),
 * or -2 when PARAM is not a numeric column that a finished row has (the
 * message names it and the parameters that vary in the database). */
int report_vs(sqlite3 *db, const char *param, vs_row **rows, int *n);
void report_vs_free(vs_row *rows, int n);

/* ---- tables ---- */

enum report_format { REPORT_TEXT, REPORT_CSV, REPORT_MD };
enum { REPORT_MAXCOLS = 8, REPORT_CELL = 512 };

/* A table: its heads and a function giving the cells of row i. */
typedef struct report_tab {
  int ncols;
  const char *heads[REPORT_MAXCOLS];
  unsigned numeric; /* bit k: column k holds numbers (right-aligned) */
  const void *rows;
  void (*cells)(const void *rows, int i, char c[][REPORT_CELL]);
} report_tab;

/* Aligned text, CSV ("-" cells empty) or Markdown. */
void report_tab_print(FILE *f, const report_tab *t, int n, enum report_format fmt);
/* Print as text on stdout, write DIR/<name>.csv and .md. 0 or -1 (message). */
int report_tab_write(const char *dir, const char *name, const report_tab *t, int n);
report_tab report_best_tab(const best_row *rows);
report_tab report_vs_tab(const vs_row *rows, const char *param);

/* ---- plots ---- */

/* One point of a figure; consecutive points of the same line join. */
typedef struct plot_point {
  const char *workload, *line;
  int baseline;        /* the software baseline: a horizontal line at acc */
  double x, acc;
  int has_energy;
  double energy;
} plot_point;

/* What the figures of one kind show. */
typedef struct plot_spec {
  const char *dat_suffix, *gp_suffix; /* DIR/<workload><suffix>: data, script */
  const char *out_suffix; /* DIR/<workload>_accuracy<suffix>.png, _energy<suffix>.svg, ... */
  const char *about;      /* the script's first comment */
  const char *xlabel;     /* gnuplot text: "'G_1 (S)'" */
  const char *xformat;    /* tic format, or NULL */
  int logx;               /* 1, 0, or -1: log when every x > 0 and they span > 20x */
  const char *acc_title, *energy_title; /* after "<workload>: " */
} plot_spec;

/* Per workload of p (sorted by workload), the accuracy and the energy
 * figures through gnuplot (data and script beside them). 0 or -1. */
int report_plot_lines(const char *dir, const plot_spec *s, const plot_point *p, int n);

/* DIR/<workload>_accuracy.{png,svg} and DIR/<workload>_energy.{png,svg}
 * against G1. 0 or -1. */
int report_plots(const char *dir, const best_row *rows, int n);
/* DIR/<workload>_accuracy_vs_<param>.{png,svg} and _energy_vs_<param>. */
int report_vs_plots(const char *dir, const char *param, const vs_row *rows, int n);

/* A grid of 28x28 tiles, one per row of the N x 784 weights in npy, as PNG. */
int report_fields(const char *npy, const char *png, char *err, size_t errlen);

/* Accuracy and energy per image over training for the runs of a JSON-lines
 * file (`msl stdp|bp --out FILE`): prints them, and with plots writes
 * DIR/<name>_accuracy_curve.{png,svg}, DIR/<name>_energy_curve.{png,svg}
 * (data and script beside them). 0 or -1 (message printed). */
int report_curves(const char *jsonl, const char *dir, int plots);

/* Open DIR/<name><dat_suffix> and DIR/<name><gp_suffix> for writing (their
 * paths left in dat and gp): 0, or -1 with a message and nothing left open. */
int plot_files_open(const char *dir, const char *name, const char *dat_suffix,
                    const char *gp_suffix, char dat[4096], char gp[4096], FILE **d, FILE **g);

/* Run `gnuplot script`; 0 when it succeeds, else -1 (message printed). */
int run_gnuplot(const char *script);

#endif
