/* cmd_report.c: `msl report` (placeholder, written next). */
#include <stdio.h>

#include "commands.h"

int cmd_report(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fprintf(stderr, "msl report: not written yet\n");
  return 2;
}
