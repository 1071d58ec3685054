/* plot.c: accuracy and energy per image against G1 through gnuplot, one
 * line per device and the software baseline as a horizontal line. */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "report.h"

extern char **environ;

int run_gnuplot(const char *script) {
  char *argv[] = {"gnuplot", (char *)script, NULL};
  pid_t pid;
  int rc = posix_spawnp(&pid, "gnuplot", NULL, NULL, argv, environ);
  if (rc) {
    fprintf(stderr, "msl report: cannot run gnuplot: %s (install gnuplot-nox: scripts/deps.sh)\n",
            strerror(rc));
    return -1;
  }
  int st;
  while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
    fprintf(stderr, "msl report: gnuplot failed on %s\n", script);
    return -1;
  }
  return 0;
}

/* The two terminals every figure is drawn on. */
static void both_terminals(FILE *g, const char *dir, const char *name, const char *plot) {
  fprintf(g, "set terminal pngcairo size 800,560 font ',11'\nset output '%s/%s.png'\n%s\n", dir,
          name, plot);
  fprintf(g, "set terminal svg size 800,560 font ',11'\nset output '%s/%s.svg'\n%s\nunset output\n",
          dir, name, plot);
}

int plot_files_open(const char *dir, const char *name, const char *dat_suffix,
                    const char *gp_suffix, char dat[4096], char gp[4096], FILE **d, FILE **g) {
  snprintf(dat, 4096, "%s/%s%s", dir, name, dat_suffix);
  snprintf(gp, 4096, "%s/%s%s", dir, name, gp_suffix);
  *d = fopen(dat, "w");
  *g = fopen(gp, "w");
  if (*d && *g) return 0;
  fprintf(stderr, "msl report: cannot write %s: %s\n", *d ? gp : dat, strerror(errno));
  if (*d) fclose(*d);
  if (*g) fclose(*g);
  return -1;
}

/* Data file and script of one workload (rows[a..b)), then gnuplot. */
static int plot_workload(const char *dir, const best_row *rows, int a, int b) {
  const char *w = rows[a].workload;
  char dat[4096], gp[4096];
  FILE *d, *g;
  if (plot_files_open(dir, w, "_best.dat", "_plots.gp", dat, gp, &d, &g)) return -1;
  /* One data block per device with G1 values; the best baseline accuracy. */
  char acc_plot[8192] = "plot", en_plot[8192] = "plot";
  size_t la = 4, le = 4;
  int blocks = 0, positive = 1, have_energy = 0;
  double base = -1, lo = 1e300, hi = 0;
  for (int i = a; i < b; i++) {
    if (rows[i].has_g1 && rows[i].g1 > 0) {
      lo = rows[i].g1 < lo ? rows[i].g1 : lo;
      hi = rows[i].g1 > hi ? rows[i].g1 : hi;
    }
    if (!rows[i].has_g1) {
      if (rows[i].acc > base) base = rows[i].acc;
      continue;
    }
    if (i == a || !rows[i - 1].has_g1 || strcmp(rows[i].device, rows[i - 1].device)) {
      fprintf(d, "%s# %s\n", blocks ? "\n\n" : "", rows[i].device);
      const char *sep = blocks ? "," : "";
      la += (size_t)snprintf(acc_plot + la, sizeof acc_plot - la,
                             "%s '%s' index %d using 1:2 with linespoints lw 2 pt 7 title '%s'",
                             sep, dat, blocks, rows[i].device);
      le += (size_t)snprintf(en_plot + le, sizeof en_plot - le,
                             "%s '%s' index %d using 1:3 with linespoints lw 2 pt 7 title '%s'",
                             sep, dat, blocks, rows[i].device);
      blocks++;
    }
    fprintf(d, "%.10g %.10g ", rows[i].g1, rows[i].acc);
    if (rows[i].has_energy) fprintf(d, "%.10g\n", rows[i].energy);
    else fputs("NaN\n", d);
    positive &= !rows[i].has_energy || rows[i].energy > 0;
    have_energy |= rows[i].has_energy;
  }
  fclose(d);
  if (base >= 0)
    snprintf(acc_plot + la, sizeof acc_plot - la,
             "%s %.10g with lines dt 2 lw 2 lc rgb 'black' title 'software baseline (ideal)'",
             blocks ? "," : "", base);
  if (!blocks) snprintf(en_plot + le, sizeof en_plot - le, " NaN notitle");
  fprintf(g, "# %s: best test accuracy and energy per image against G1 (msl report)\n", w);
  fprintf(g, "set logscale x\nset format x '%%.0e'\nset grid\nset key bottom right\n"
             "set xlabel 'G_1 (S)'\nset mxtics 10\nset samples 2\n");
  if (hi > 0) fprintf(g, "set xrange [%.6g:%.6g]\n", lo / 1.25, hi * 1.25);
  else fprintf(g, "set xrange [1e-6:1e-3]\n");
  fprintf(g, "set title '%s: best test accuracy over the swept parameters'\n"
             "set ylabel 'test accuracy'\nset yrange [0:1]\n", w);
  char name[512];
  snprintf(name, sizeof name, "%s_accuracy", w);
  both_terminals(g, dir, name, acc_plot);
  fprintf(g, "set title '%s: programming energy per training image at the best point'\n"
             "set ylabel 'energy per image (nJ)'\nset autoscale y\n", w);
  if (positive && have_energy) fprintf(g, "set logscale y\nset format y '%%.0e'\n");
  snprintf(name, sizeof name, "%s_energy", w);
  both_terminals(g, dir, name, en_plot);
  fclose(g);
  return run_gnuplot(gp);
}

int report_plots(const char *dir, const best_row *rows, int n) {
  if (strchr(dir, '\'')) {
    fprintf(stderr, "msl report: --out: a quote in the path is not supported\n");
    return -1;
  }
  int rc = 0;
  for (int a = 0, b; a < n; a = b) {
    for (b = a + 1; b < n && strcmp(rows[b].workload, rows[a].workload) == 0; b++) {
    }
    if (strchr(rows[a].workload, '\'') || strchr(rows[a].workload, '/')) continue;
    rc |= plot_workload(dir, rows, a, b);
  }
  return rc;
}
