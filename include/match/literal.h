/*
 * literal.h - required literals: strings every match must contain, found
 * fast so that PCRE2 only runs on lines that hold one of them.
 */
#ifndef ISOGREP_LITERAL_H
#define ISOGREP_LITERAL_H

#include <stdbool.h>
#include <stddef.h>

#include "match/pattern.h"

struct literal_set;

/*
 * The strings one of which every match of the patterns of mc must
 * contain, or NULL when none can be proven (then no prefilter is used).
 * caseless: the patterns are compiled with PCRE2_CASELESS (and UTF, UCP);
 * the strings are then found ignoring ASCII case.
 */
struct literal_set *literal_extract(const struct match_config *mc,
    bool caseless);

/*
 * Is every string of ls a whole top-level alternative of the patterns,
 * found exactly as PCRE2 matches it?  Then with plain-string patterns a
 * hit is a match.  Otherwise it only makes its line a candidate: with
 * caseless patterns a string may be a piece of one, cut at k, s or a
 * non-ASCII character (their case partners have other lengths).
 */
bool literal_set_exact(const struct literal_set *ls);

void literal_free(struct literal_set *ls);

/* Strings found by literal_required, for a multi-pattern scanner. */
struct literal_strings {
	char **strs;
	size_t *lens;
	size_t count;
	bool exact; /* every string is a whole alternative (see above) */
	/*
	 * Caseless strings hold k or s: the text may have U+212A or U+017F
	 * there, which a caseless ASCII scan misses (so never exact).
	 */
	bool kelvin;
};

/*
 * The strings one of which every match of the single pattern p must
 * contain (its text in PCRE2 syntax, or a -F string when fixed); false
 * when none can be proven.  A -F string yields itself, even one byte of
 * it.  caseless as for literal_extract, except that k and s stay in the
 * strings: see literal_strings.kelvin.
 */
bool literal_required(const struct pattern *p, bool fixed, bool caseless,
    struct literal_strings *out);

void literal_strings_free(struct literal_strings *ls);

/*
 * Search state for one buffer: the last search and what it found.  All
 * zero is a valid state that literal_cursor_reset must follow.
 */
struct literal_cursor {
	const char *buf;
	size_t len;
	size_t from; /* the last search started here, */
	size_t hit;  /* found this (SIZE_MAX: no search yet) */
};

/* Prepare c for searching buf[0, len). */
void literal_cursor_reset(const struct literal_set *ls,
    struct literal_cursor *c, const char *buf, size_t len);

void literal_cursor_free(struct literal_cursor *c);

/*
 * The first offset >= from where one of the literals starts, or len when
 * none does before the end of the buffer.
 */
size_t literal_next(const struct literal_set *ls, struct literal_cursor *c,
    size_t from);

#endif
