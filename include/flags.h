/*
 * flags.h - the one table of command-line flags.
 *
 * Each row names a flag, says whether it takes an argument, and carries its
 * help line; the parser and --help both read it.
 */
#ifndef ISOGREP_FLAGS_H
#define ISOGREP_FLAGS_H

#include <stddef.h>

enum flag_id {
	FLAG_REGEXP,
	FLAG_FILE,
	FLAG_FIXED_STRINGS,
	FLAG_IGNORE_CASE,
	FLAG_SMART_CASE,
	FLAG_CASE_SENSITIVE,
	FLAG_WORD_REGEXP,
	FLAG_LINE_REGEXP,
	FLAG_INVERT_MATCH,
	FLAG_LINE_NUMBER,
	FLAG_WITH_FILENAME,
	FLAG_NO_FILENAME,
	FLAG_COUNT,
	FLAG_FILES_WITH_MATCHES,
	FLAG_FILES_WITHOUT_MATCH,
	FLAG_ONLY_MATCHING,
	FLAG_QUIET,
	FLAG_MAX_COUNT,
	FLAG_NO_MESSAGES,
	FLAG_TEXT,
	FLAG_RECURSIVE,
	FLAG_THREADS,
	FLAG_HELP,
	FLAG_VERSION,
};

struct flag {
	char short_name;       /* 0: long only */
	const char *long_name;
	const char *arg_name;  /* NULL: takes no argument */
	enum flag_id id;
	const char *help;
};

extern const struct flag flag_table[];
extern const size_t flag_count;

/* The row for a short or long name; NULL when there is none. */
const struct flag *flag_by_short(char c);
const struct flag *flag_by_long(const char *name, size_t len);

#endif
