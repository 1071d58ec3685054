/* commands.h: the msl subcommands; each lives in its own cmd_*.c file and
 * returns the process exit status. */
#ifndef MSL_CLI_COMMANDS_H
#define MSL_CLI_COMMANDS_H

int cmd_stdp(int argc, char **argv);
int cmd_device(int argc, char **argv);
int cmd_bp(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_fit(int argc, char **argv);
int cmd_lut(int argc, char **argv);

/* Parse the options of `msl stdp` / `msl bp` (argv[0]: the command name) and
 * run every check that needs no data, as the command would before loading
 * MNIST: 0 valid, 2 a usage error (message on stderr). For msl sweep. */
int cmd_stdp_check(int argc, char **argv);
int cmd_bp_check(int argc, char **argv);

#endif
