/*
 * literal.h - required literals: strings every match must contain, found
 * fast so that PCRE2 only runs on lines that hold one of them.
 */
#ifndef ISOGREP_LITERAL_H
#define ISOGREP_LITERAL_H

#include <stdbool.h>
#include <stddef.h>

#include "options.h"

struct literal_set;

/*
 * The strings one of which every match of the patterns of opts must
 * contain, or NULL when none can be proven (then no prefilter is used).
 * Only case-sensitive patterns get one (caseless: NULL).
 */
struct literal_set *literal_extract(const struct options *opts, bool caseless);

void literal_free(struct literal_set *ls);

/* Search state for one buffer: where each literal was last seen. */
struct literal_cursor {
	const char *buf;
	size_t len;
	size_t *next; /* per literal: next occurrence at or after a point */
	size_t nnext;
};

/* Prepare c for searching buf[0, len) (reuses c's memory). */
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
