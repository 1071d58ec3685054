/* main.c: the msl command-line program: dispatch to a subcommand. */
#include "commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef MSL_VERSION
#define MSL_VERSION "dev"
#endif

static const struct {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *summary;
} commands[] = {
    {"stdp", cmd_stdp, "workload 1: unsupervised STDP on MNIST (Diehl & Cook)"},
    {"bp", cmd_bp, "workload 2: approximate gradient descent on MNIST"},
    {"device", cmd_device, "characterise a device model: dw per pulse as CSV"},
    {"sweep", cmd_sweep, "design-space sweep: many runs in parallel, results in SQLite"},
    {"report", cmd_report, "tables and plots from a sweep database; receptive fields"},
    {"fit", cmd_fit, "fit the curve device model to measured pulse curves (CSV)"},
    {"lut", cmd_lut, "tabulate a device in a cell circuit (1T1R...) as a lookup table"},
};

static void usage(FILE *f) {
  fprintf(f, "msl %s: spiking networks with plasticity on memristor crossbars\n\n"
             "usage: msl COMMAND [options]   (msl COMMAND --help for options)\n\n"
             "commands:\n", MSL_VERSION);
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
}

/* OpenMP's idle threads spin briefly, then sleep, between parallel loops,
 * unless OMP_WAIT_POLICY or GOMP_SPINCOUNT says otherwise: on a machine
 * shared with other work, threads that spin without bound wait for
 * descheduled ones and a run with two threads took 2.5x as long as with
 * one; threads that sleep at once pay a futex wake-up per loop, which on
 * this project's KVM machine made workload 2's --threads 2 only 1.1x
 * faster; a spin of 3,000 rounds first gave 1.5x (docs/performance.md,
 * "Threads"). libgomp reads the variables when it loads, so the program
 * sets them and starts itself again (if that fails, it runs with
 * libgomp's defaults). */
static void omp_sleep_when_idle(char **argv) {
#ifdef _OPENMP
  if (getenv("OMP_WAIT_POLICY") || getenv("GOMP_SPINCOUNT")) return;
  char exe[4096];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1); /* its name stays msl */
  if (n <= 0 || n >= (ssize_t)sizeof exe - 1) return;
  exe[n] = '\0';
  setenv("OMP_WAIT_POLICY", "passive", 1);
  setenv("GOMP_SPINCOUNT", "3000", 1);
  execv(exe, argv);
  unsetenv("OMP_WAIT_POLICY");
  unsetenv("GOMP_SPINCOUNT");
#else
  (void)argv;
#endif
}

int main(int argc, char **argv) {
  omp_sleep_when_idle(argv);
  if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
    usage(argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  if (strcmp(argv[1], "--version") == 0) {
    printf("msl %s\n", MSL_VERSION);
    return 0;
  }
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (strcmp(argv[1], commands[i].name) == 0) return commands[i].run(argc - 1, argv + 1);
  fprintf(stderr, "msl: unknown command '%s'\n", argv[1]);
  usage(stderr);
  return 2;
}
