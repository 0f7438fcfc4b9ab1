/*
 * pattern.h - what to match: the patterns and the flags that change their
 * meaning.
 *
 * This is the whole of what the matching layer is told about a run; the
 * command line fills it once and the matcher, the literal extractor and
 * the DFA read nothing else.
 */
#ifndef ISOGREP_PATTERN_H
#define ISOGREP_PATTERN_H

#include <stdbool.h>
#include <stddef.h>

enum case_mode {
	CASE_SENSITIVE,
	CASE_INSENSITIVE,
	CASE_SMART,
};

/* One pattern, as given (one line of -e, -f or the positional one). */
struct pattern {
	const char *text;
	size_t len;
};

struct match_config {
	struct pattern *patterns; /* one per line of every -e/-f/positional */
	size_t npatterns;
	bool fixed_strings;       /* -F */
	enum case_mode case_mode; /* -i, -S, --case-sensitive */
	bool word;                /* -w */
	bool line;                /* -x */
	unsigned match_limit;     /* --match-limit; 0: PCRE2's default */
	unsigned depth_limit;     /* --depth-limit; 0: PCRE2's default */
};

#endif
