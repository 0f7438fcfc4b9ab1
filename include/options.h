/*
 * options.h - the immutable settings of one run.
 *
 * cli.c fills a struct options from argv; after that it is shared read-only
 * by the coordinator and every isolate.
 */
#ifndef ISOGREP_OPTIONS_H
#define ISOGREP_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

enum case_mode {
	CASE_SENSITIVE,
	CASE_INSENSITIVE,
	CASE_SMART,
};

/* What is printed for each file. */
enum output_mode {
	OUTPUT_LINES,         /* the selected lines (or matches with -o) */
	OUTPUT_COUNT,         /* -c */
	OUTPUT_FILES_WITH,    /* -l */
	OUTPUT_FILES_WITHOUT, /* -L */
	OUTPUT_QUIET,         /* -q */
};

struct pattern {
	const char *text;
	size_t len;
};

struct options {
	struct pattern *patterns; /* one per line of every -e/-f/positional */
	size_t npatterns;
	bool fixed_strings;       /* -F */
	enum case_mode case_mode; /* -i, -S, --case-sensitive */
	bool word;                /* -w */
	bool line;                /* -x */
	bool invert;              /* -v */

	enum output_mode output;
	bool line_number;      /* -n */
	int with_filename;     /* -H: 1, -h: 0, -1: decide from the inputs */
	bool only_matching;    /* -o */
	bool has_max_count;    /* -m given */
	unsigned long long max_count;
	bool no_messages;      /* -s */
	bool text;             /* -a: binary files searched as text */

	unsigned threads;      /* -j; 0: online CPUs */

	const char **paths;    /* the inputs; "-" is standard input */
	size_t npaths;
	bool implicit_root;    /* no path given: "." with no "./" prefix */
};

#endif
