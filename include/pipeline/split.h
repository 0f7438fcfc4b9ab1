/*
 * split.h - one big file searched by several workers at once.
 */
#ifndef ISOGREP_SPLIT_H
#define ISOGREP_SPLIT_H

#include <stdbool.h>
#include <sys/stat.h>

#include "pipeline/search_setup.h"
#include "print/stats.h"

enum {
	SPLIT_MIN = 32 * 1024 * 1024, /* smaller files are not worth it */
	SPLIT_SEGMENT = 4 * 1024 * 1024, /* the share of work a worker takes */
};

/*
 * Search the regular file path (named alone on the command line; "-":
 * standard input, when it is a file read from its start) with
 * `workers` workers, the output byte for byte what one would print.
 * False, having printed nothing, when the file does not qualify (too
 * small, not mappable, -m, -l, -L or -q, lines too long to cut between):
 * then search it the usual way.  *selected: the lines selected; stats
 * (--stats, or NULL) gets the sinks' counts.
 */
bool split_search(const struct search_setup *setup, const char *path,
    unsigned workers, unsigned long long *selected,
    struct print_stats *stats);

#endif
