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

/*
 * How a pattern is read when it is not a fixed string: isogrep's own PCRE2
 * syntax (-P, the default) or GNU grep's extended (-E) or basic (-G)
 * syntax, which the matcher translates to PCRE2 (posix_syntax.h).
 */
enum pattern_syntax {
	SYNTAX_PCRE2,
	SYNTAX_ERE,
	SYNTAX_BRE,
};

/* One pattern, as given (one line of -e, -f or the positional one). */
struct pattern {
	const char *text;
	size_t len;
	const char *file;   /* the -f file it is a line of, or NULL */
	unsigned long line; /* its line number there (1-based) */
};

struct match_config {
	struct pattern *patterns; /* one per line of every -e/-f/positional */
	size_t npatterns;
	bool fixed_strings;       /* -F: literal strings, syntax unused */
	enum pattern_syntax syntax; /* -P, -E, -G */
	enum case_mode case_mode; /* -i, -S, --case-sensitive */
	bool word;                /* -w */
	bool line;                /* -x */
	bool crlf;                /* --crlf: a line's final CR is no text */
	bool null_data;           /* --null-data: see nul_records.h */
	bool multiline;           /* -U: a match may span lines */
	bool multiline_dotall;    /* --multiline-dotall: '.' matches '\n' */
	unsigned match_limit;     /* --match-limit; 0: PCRE2's default */
	unsigned depth_limit;     /* --depth-limit; 0: PCRE2's default */
	/* --and, --not: a selected line also matches each / none of these. */
	struct pattern *and_patterns;
	size_t nand;
	struct pattern *not_patterns;
	size_t nnot;
	/* --all-match: the matcher must tell which pattern matched a line. */
	bool each_pattern;
};

#endif
