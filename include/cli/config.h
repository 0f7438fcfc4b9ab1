/*
 * config.h - default arguments from the file ISOGREP_CONFIG_PATH names.
 */
#ifndef ISOGREP_CONFIG_H
#define ISOGREP_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The command line to parse: argv with the config file's arguments
 * inserted after argv[0], or argv itself when ISOGREP_CONFIG_PATH is unset
 * or empty or --no-config is given.  The file has one argument per line;
 * blank lines and lines starting with '#' are skipped.  A file that is
 * world-writable, or not a regular file, is refused: anyone could
 * otherwise choose the options of every run.  Nothing is ever executed.
 * NULL when the file is refused or cannot be read, with why in
 * err[0, errsize).
 */
char **config_apply(int argc, char **argv, int *new_argc, char *err,
    size_t errsize);

/*
 * When argument index of config_apply's result came from the file, its
 * origin ("config file F line N") into buf[0, size) and true.
 */
bool config_arg_origin(int index, char *buf, size_t size);

#endif
