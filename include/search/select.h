/*
 * select.h - which lines of an input are selected, apart from matching.
 *
 * The searcher's own settings: inverting, a cap on selected lines, and
 * what to do with binary data.  How selected lines look is the sink's
 * business (print_config.h), not the searcher's.
 */
#ifndef ISOGREP_SELECT_H
#define ISOGREP_SELECT_H

#include <stdbool.h>

/* Which binary files are searched (grep's --binary-files, less "text"). */
enum binary_files {
	BINARY_FILES_DEFAULT,       /* a walk skips them; named ones reported */
	BINARY_FILES_BINARY,        /* all searched and reported (grep's) */
	BINARY_FILES_WITHOUT_MATCH, /* -I: none, as if no line matched */
};

struct select_config {
	bool invert;           /* -v */
	bool has_max_count;    /* -m given */
	unsigned long long max_count;
	bool text;             /* -a: binary data searched as text */
	bool null_data;        /* records end in NUL; no binary data then */
	bool binary;           /* --binary: search binary files, summarise */
	enum binary_files binary_files;
	/*
	 * Context lines around selected ones (-B, -A, -C; --passthru is an
	 * endless -A from the start).  context_breaks: groups that are not
	 * adjacent are told apart (any of -A, -B, -C was given).
	 */
	unsigned long long before;
	unsigned long long after;
	bool passthru;
	bool context_breaks;
	/* --all-match: a file counts only where every pattern matched. */
	bool all_match;
};

#endif
