/* commands.h: the msl subcommands; each lives in its own cmd_*.c file and
 * returns the process exit status. */
#ifndef MSL_CLI_COMMANDS_H
#define MSL_CLI_COMMANDS_H

int cmd_stdp(int argc, char **argv);
int cmd_device(int argc, char **argv);
int cmd_bp(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_report(int argc, char **argv);

#endif
