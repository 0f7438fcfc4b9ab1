/*
 * print_config.h - how results are printed.
 *
 * Built once by the command line; the sinks read it, and nothing below
 * the printing layer does.
 */
#ifndef ISOGREP_PRINT_CONFIG_H
#define ISOGREP_PRINT_CONFIG_H

#include <stdbool.h>

/* What is printed for each file: which sink formats the results. */
enum output_mode {
	OUTPUT_LINES,         /* the selected lines (or matches with -o) */
	OUTPUT_COUNT,         /* -c */
	OUTPUT_FILES_WITH,    /* -l */
	OUTPUT_FILES_WITHOUT, /* -L */
	OUTPUT_QUIET,         /* -q */
	OUTPUT_JSON,          /* --json */
};

/*
 * Grep mode: a line that is not valid UTF-8 is not printed, as GNU grep
 * does in a UTF-8 locale; the file is then said to be binary (not with
 * -I, where grep says nothing).
 */
enum encoding_check {
	ENCODING_IGNORE,
	ENCODING_BINARY,
	ENCODING_HIDE, /* -I: not printed, and no notice */
};

struct print_config {
	enum output_mode output;
	bool line_number;   /* -n */
	int with_filename;  /* -H: 1, -h: 0, -1: decide from the inputs */
	bool only_matching; /* -o */
	bool null_sep;      /* -0 */
	bool escape;        /* output is a terminal: make controls visible */
	bool initial_tab;   /* -T (grep mode) */
	bool stats;         /* --stats: the sinks count matches and bytes */
	enum encoding_check encoding;
};

#endif
