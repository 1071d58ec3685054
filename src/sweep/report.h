/* report.h: the paper's table from a sweep database (for each workload,
 * device and G1, the best test accuracy over the other swept parameters and
 * the energy per image there), as text, CSV and Markdown; the plots of
 * accuracy and energy against G1; curves over training of single runs;
 * receptive fields of learned weights. */
#ifndef MSL_SWEEP_REPORT_H
#define MSL_SWEEP_REPORT_H

#include <sqlite3.h>
#include <stdio.h>

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
 * has the highest accuracy, ties going to the lowest energy. 0 or -1. */
int report_best(sqlite3 *db, best_row **rows, int *n);
void report_rows_free(best_row *rows, int n);
/* Non-numeric values in the numeric columns of 'done' rows (shown as
 * missing): their number, and "column count, ..." in what. */
int report_junk(sqlite3 *db, char *what, size_t cap);
/* Rows with the given status (e.g. 'running'). */
int report_count_status(sqlite3 *db, const char *status);

enum report_format { REPORT_TEXT, REPORT_CSV, REPORT_MD };
void report_table(FILE *f, const best_row *rows, int n, enum report_format fmt);

/* DIR/<workload>_accuracy.{png,svg} and DIR/<workload>_energy.{png,svg}
 * through gnuplot (with the data and script beside them). 0 or -1. */
int report_plots(const char *dir, const best_row *rows, int n);

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
