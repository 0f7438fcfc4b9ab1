/*
 * units.h - parsing sizes, durations and dates given on the command line.
 */
#ifndef ISOGREP_UNITS_H
#define ISOGREP_UNITS_H

#include <stdbool.h>

#include "walk/walk_config.h"

/* "N" with an optional K, M or G suffix (either case, powers of 1024). */
bool units_parse_size(const char *s, unsigned long long *bytes);

/* "[+-]N[kKmMgG]" for --size: at least, at most, or exactly. */
bool units_parse_size_arg(const char *s, struct size_arg *out);

/*
 * A point in time for --changed-within/--changed-before: a duration back
 * from now ("30s", "10m", "2h", "3d", "1w", or sums such as "1h30m"), or
 * a local date "YYYY-MM-DD" optionally followed by " HH:MM[:SS]" or
 * "THH:MM[:SS]".  *when is seconds since the epoch.
 */
bool units_parse_time(const char *s, long long now, long long *when);

#endif
