/* plot.c: accuracy and energy per image against a parameter (G1, or the
 * one of `msl report --vs`) through gnuplot, one line per device or
 * configuration and the software baseline as a horizontal line. */
#include <errno.h>
#include <spawn.h>
#include <math.h>
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

/* A line's title as a gnuplot string: quotes and control characters out. */
static void title_of(const char *line, char *t, size_t cap) {
  snprintf(t, cap, "%s", line);
  for (char *p = t; *p; p++)
    if (*p == '\'' || *p == '"' || (unsigned char)*p < ' ') *p = ' ';
}

/* The x axis of one figure from its line points p[0..n). */
static void x_axis(FILE *g, const plot_spec *s, const plot_point *p, int n) {
  double lo = 1e300, hi = -1e300, plo = 1e300, phi = 0;
  int npos = 0, nx = 0;
  for (int i = 0; i < n; i++) {
    if (p[i].baseline) continue;
    nx++;
    lo = p[i].x < lo ? p[i].x : lo;
    hi = p[i].x > hi ? p[i].x : hi;
    if (p[i].x > 0) {
      npos++;
      plo = p[i].x < plo ? p[i].x : plo;
      phi = p[i].x > phi ? p[i].x : phi;
    }
  }
  int logx = s->logx >= 0 ? s->logx : nx > 0 && npos == nx && phi > 20 * plo;
  fprintf(g, "set xlabel %s\n", s->xlabel);
  if (s->xformat) fprintf(g, "set format x '%s'\n", s->xformat);
  if (logx) {
    fprintf(g, "set logscale x\nset mxtics 10\n");
    if (npos) fprintf(g, "set xrange [%.6g:%.6g]\n", plo / 1.25, phi * 1.25);
    else fprintf(g, "set xrange [1e-6:1e-3]\n");
    /* A range with fewer than two powers of ten in it (G1 1.4e-5 to 7e-5)
     * would show one major tick or none: label the points' values. */
    if (npos && floor(log10(phi * 1.25)) - ceil(log10(plo / 1.25)) < 1.0) {
      fprintf(g, "set xtics add (");
      int first = 1;
      for (int i = 0; i < n; i++) {
        int seen = 0;
        for (int k = 0; k < i && !seen; k++) seen = !p[k].baseline && p[k].x == p[i].x;
        if (p[i].baseline || !(p[i].x > 0) || seen) continue;
        fprintf(g, "%s'%g' %.10g", first ? "" : ", ", p[i].x, p[i].x);
        first = 0;
      }
      fprintf(g, ")\n");
    }
  } else if (nx) {
    double pad = hi > lo ? 0.05 * (hi - lo) : lo != 0 ? 0.1 * (lo < 0 ? -lo : lo) : 1;
    fprintf(g, "set xrange [%.6g:%.6g]\n", lo - pad, hi + pad);
  } else {
    fprintf(g, "set xrange [0:1]\n");
  }
}

/* Data file and script of one workload (p[0..n)), then gnuplot. */
static int plot_workload(const char *dir, const plot_spec *s, const plot_point *p, int n) {
  const char *w = p[0].workload;
  char dat[4096], gp[4096], name[4096], title[REPORT_CELL];
  FILE *d, *g;
  if (plot_files_open(dir, w, s->dat_suffix, s->gp_suffix, dat, gp, &d, &g)) return -1;
  /* One data block per line; the best baseline accuracy. */
  char *acc_plot = NULL, *en_plot = NULL;
  size_t la = 0, le = 0;
  FILE *ap = open_memstream(&acc_plot, &la), *ep = open_memstream(&en_plot, &le);
  if (!ap || !ep) {
    fprintf(stderr, "msl report: out of memory\n");
    if (ap) fclose(ap);
    if (ep) fclose(ep);
    free(acc_plot);
    free(en_plot);
    fclose(d);
    fclose(g);
    return -1;
  }
  fputs("plot", ap);
  fputs("plot", ep);
  int blocks = 0, positive = 1, have_energy = 0;
  double base = -1;
  const plot_point *prev = NULL; /* the last point of a line */
  for (int i = 0; i < n; i++) {
    if (p[i].baseline) {
      if (p[i].acc > base) base = p[i].acc;
      continue;
    }
    if (!prev || strcmp(p[i].line, prev->line)) {
      title_of(p[i].line, title, sizeof title);
      fprintf(d, "%s# %s\n", blocks ? "\n\n" : "", title);
      const char *sep = blocks ? "," : "";
      fprintf(ap, "%s '%s' index %d using 1:2 with linespoints lw 2 pt 7 title '%s' noenhanced",
              sep, dat, blocks, title);
      fprintf(ep, "%s '%s' index %d using 1:3 with linespoints lw 2 pt 7 title '%s' noenhanced",
              sep, dat, blocks, title);
      blocks++;
    }
    prev = &p[i];
    fprintf(d, "%.10g %.10g ", p[i].x, p[i].acc);
    if (p[i].has_energy) fprintf(d, "%.10g\n", p[i].energy);
    else fputs("NaN\n", d);
    positive &= !p[i].has_energy || p[i].energy > 0;
    have_energy |= p[i].has_energy && p[i].energy != 0.0;
  }
  fclose(d);
  if (base >= 0)
    fprintf(ap, "%s %.10g with lines dt 2 lw 2 lc rgb 'black' title 'software baseline (ideal)'",
            blocks ? "," : "", base);
  int oom = fclose(ap) | fclose(ep);
  fprintf(g, "# %s: %s (msl report)\n", w, s->about);
  fprintf(g, "set grid\nset key bottom right\nset samples 2\n");
  x_axis(g, s, p, n);
  fprintf(g, "set title '%s: %s'\nset ylabel 'test accuracy'\nset yrange [0:1]\n", w,
          s->acc_title);
  snprintf(name, sizeof name, "%s_accuracy%s", w, s->out_suffix);
  if (!oom) both_terminals(g, dir, name, acc_plot);
  /* No energy figure when no point has a non-zero one (ideal synapses
   * only): gnuplot refuses a plot without a defined value, and one of zeros
   * says nothing. */
  if (have_energy) {
    fprintf(g, "set title '%s: %s'\nset ylabel 'energy per image (nJ)'\nset autoscale y\n", w,
            s->energy_title);
    if (positive) fprintf(g, "set logscale y\nset format y '%%.0e'\n");
    snprintf(name, sizeof name, "%s_energy%s", w, s->out_suffix);
    if (!oom) both_terminals(g, dir, name, en_plot);
  } else {
    fprintf(g, "# (no energy figure: no point has a non-zero energy)\n");
  }
  free(acc_plot);
  free(en_plot);
  fclose(g);
  if (oom) {
    fprintf(stderr, "msl report: out of memory\n");
    return -1;
  }
  return run_gnuplot(gp);
}

int report_plot_lines(const char *dir, const plot_spec *s, const plot_point *p, int n) {
  if (strchr(dir, '\'')) {
    fprintf(stderr, "msl report: --out: a quote in the path is not supported\n");
    return -1;
  }
  int rc = 0;
  for (int a = 0, b; a < n; a = b) {
    for (b = a + 1; b < n && strcmp(p[b].workload, p[a].workload) == 0; b++) {
    }
    if (strchr(p[a].workload, '\'') || strchr(p[a].workload, '/')) continue;
    rc |= plot_workload(dir, s, p + a, b - a);
  }
  return rc;
}

int report_plots(const char *dir, const best_row *rows, int n) {
  plot_point *p = calloc((size_t)n + 1, sizeof *p);
  if (!p) {
    fprintf(stderr, "msl report: out of memory\n");
    return -1;
  }
  for (int i = 0; i < n; i++)
    p[i] = (plot_point){rows[i].workload, rows[i].device, !rows[i].has_g1, rows[i].g1,
                        rows[i].acc, rows[i].has_energy, rows[i].energy};
  static const plot_spec g1 = {"_best.dat", "_plots.gp", "",
                               "best test accuracy and energy per image against G1",
                               "'G_1 (S)'", "%.0e", 1,
                               "best test accuracy over the swept parameters",
                               "programming energy per training image at the best point"};
  int rc = report_plot_lines(dir, &g1, p, n);
  free(p);
  return rc;
}
