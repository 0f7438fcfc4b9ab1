/*
 * cli.h - turn argv into struct options.
 */
#ifndef ISOGREP_CLI_H
#define ISOGREP_CLI_H

#include <stdbool.h>

#include "cli/options.h"

/*
 * Parse the command line into *opts.  --help and --version print and exit
 * 0; a usage error is reported on stderr and exits 2.  The strings in opts
 * stay valid for the life of the program.
 */
void cli_parse(int argc, char **argv, struct options *opts);

/*
 * Is this a grep-mode command line: argv[0] named grep, egrep or fgrep,
 * or --grep-mode among the flags?
 */
bool cli_grep_mode(int argc, char **argv);

#endif
