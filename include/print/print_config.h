/*
 * print_config.h - how results are printed.
 *
 * Built once by the command line; the sinks read it, and nothing below
 * the printing layer does.
 */
#ifndef ISOGREP_PRINT_CONFIG_H
#define ISOGREP_PRINT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "print/color.h"

struct hyperlink_format;
struct replace_template;

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

/* --color: when to write colors. */
enum color_when {
	COLOR_WHEN_AUTO,   /* a terminal that has colors (TERM, NO_COLOR) */
	COLOR_WHEN_ALWAYS, /* always, and ansi: ANSI sequences either way */
	COLOR_WHEN_NEVER,
};

struct print_config {
	enum output_mode output;
	bool line_number;   /* -n */
	int with_filename;  /* -H: 1, -h: 0, -1: decide from the inputs */
	bool only_matching; /* -o */
	bool null_sep;      /* -0 */
	bool escape;        /* output is a terminal: make controls visible */
	bool initial_tab;   /* -T (grep mode) */
	bool crlf;          /* --crlf: lines of output end in CRLF */
	bool null_data;     /* records end in NUL: the searcher swapped NUL
	                       and '\n' in them; print them back as they were */
	bool stats;         /* --stats: the sinks count matches and bytes */
	enum encoding_check encoding;

	/* Terminal output and record shaping (ripgrep's options). */
	bool no_line_number; /* -N: not even on a terminal */
	int heading;         /* --heading: 1, --no-heading: 0, -1: on a tty */
	enum color_when color_when;
	bool color;          /* write colors (main decides, from color_when) */
	struct color_specs colors; /* --colors, finished */
	const struct hyperlink_format *hyperlink; /* NULL: no links */
	bool column;         /* --column */
	bool vimgrep;        /* --vimgrep: a record per match, with columns */
	bool byte_offset;    /* -b */
	bool count_matches;  /* --count-matches: -c counts matches */
	/*
	 * -c: print walked files that count 0 too (files named by the user
	 * and standard input always get their count, as in grep).
	 */
	bool include_zero;
	const char *match_sep;   /* --field-match-separator; NULL: ":" */
	size_t match_sep_len;
	const char *context_sep; /* --field-context-separator; NULL: "-" */
	size_t context_sep_len;
	unsigned long long max_columns; /* -M: 0 no limit */
	bool max_columns_preview;
	bool trim;           /* --trim: no leading blanks */
	const struct replace_template *replace; /* -r, or NULL */
	/* Between groups of context lines (--context-separator); NULL: none. */
	const char *group_sep;
	size_t group_sep_len;
};

#endif
