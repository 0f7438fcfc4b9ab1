/*
 * matcher.h - compiled patterns (shared, read-only) and the per-isolate
 * scratch space PCRE2 needs to run them.
 *
 * Matching is line-oriented: a line is a run of bytes ended by '\n' or by
 * the end of the buffer, and no match ever spans two lines.
 */
#ifndef ISOGREP_MATCHER_H
#define ISOGREP_MATCHER_H

#include <stdbool.h>
#include <stddef.h>

#include "match/pattern.h"

struct matcher;
struct matcher_scratch;

/* A half-open byte range [start, end). */
struct span {
	size_t start;
	size_t end;
};

/* Why patterns could not be compiled, for the user. */
struct matcher_error {
	char message[512];
};

/*
 * Compile the patterns of mc (with -F, -i/-S, -w, -x applied) once, with
 * JIT where available.  NULL for a bad pattern, with PCRE2's message and
 * offset (or grep's, for -E and -G) in *e.
 */
struct matcher *matcher_compile(const struct match_config *mc,
    struct matcher_error *e);

void matcher_free(struct matcher *m);

/* Scratch space for one isolate (match data, JIT stack). */
struct matcher_scratch *matcher_scratch_new(const struct matcher *m);
void matcher_scratch_free(struct matcher_scratch *s);

/*
 * Find the first line of buf[from, len) with a match; from is a line start.
 * Returns 1 with the line (without its '\n') in *line; 0 when no line
 * matches; a negative PCRE2 error code when matching the line *line failed
 * (the caller reports it and resumes after that line).
 */
int matcher_next_line(const struct matcher *m, struct matcher_scratch *s,
    const char *buf, size_t len, size_t from, struct span *line);

/*
 * The buffer given to matcher_next_line changed contents (a new chunk,
 * perhaps at the same address): forget what was found in the old one.
 */
void matcher_new_buffer(struct matcher_scratch *s);

/*
 * Find the first match in line[start, len), a single line without its
 * newline.  Returns 1 with the match in *match, 0 for none, or a negative
 * PCRE2 error code.
 */
int matcher_find_in_line(const struct matcher *m, struct matcher_scratch *s,
    const char *line, size_t len, size_t start, struct span *match);

/* A growable list of spans; {NULL, 0, 0} is empty. */
struct span_list {
	struct span *v;
	size_t len;
	size_t cap;
};

void span_list_free(struct span_list *l);

/*
 * Every match in line[0, len), a single line without its newline, left
 * to right, into *spans (emptied first): what colors, JSON submatches,
 * --replace, --vimgrep and the match counts show, and -o's non-empty
 * ones.  An empty match is one (as in ripgrep) unless it sits where the
 * match before it ended; after it the search goes on one UTF-8 character
 * further.  Returns the number of spans, or a negative PCRE2 error code
 * (the spans found before it are kept).
 */
int matcher_line_spans(const struct matcher *m, struct matcher_scratch *s,
    const char *line, size_t len, struct span_list *spans);

/*
 * The first match in line[start, len) as matcher_line_spans reports it
 * (leftmost, then longest across patterns; it may be empty), and in
 * *pattern the index in match_config.patterns of a pattern that matched
 * it, or SIZE_MAX where patterns were joined into one program and the
 * matcher cannot tell.  Returns as matcher_find_in_line.
 */
int matcher_find_span(const struct matcher *m, struct matcher_scratch *s,
    const char *line, size_t len, size_t start, struct span *match,
    size_t *pattern);

/* How many patterns (match_config.npatterns) m was compiled from. */
size_t matcher_npatterns(const struct matcher *m);

/*
 * For --all-match: set seen[i] for each pattern i that matches somewhere
 * in line[0, len), a selected line.  Exact only for a matcher compiled
 * with match_config.each_pattern.  0, or a negative PCRE2 error code.
 */
int matcher_line_patterns(const struct matcher *m, struct matcher_scratch *s,
    const char *line, size_t len, bool *seen);

/*
 * For match/patset.c: one pattern (mc->npatterns == 1, no --and/--not)
 * compiled alone.  Without jit it is interpreted, has no prefilter and
 * may share a scratch with others (matcher_scratch_new_shared).
 */
struct matcher *matcher_compile_single(const struct match_config *mc,
    bool jit, struct matcher_error *e);

/* One scratch for any of the non-JIT matchers subs[0, n). */
struct matcher_scratch *matcher_scratch_new_shared(
    struct matcher *const *subs, size_t n);

/*
 * For patterns that are plain strings (no -w/-x): the most bytes a match
 * can span, so a caller may search a long line in overlapping windows
 * without holding it whole.  0 for anything else.
 */
size_t matcher_literal_span(const struct matcher *m);

/* Was it compiled for -U: matches found with matcher_find_multiline? */
bool matcher_multiline(const struct matcher *m);

enum {
	MATCHER_PARTIAL = 2, /* matcher_find_multiline: more bytes needed */
};

/*
 * -U: the first match in buf[from, len), the whole of buf being the
 * subject (so lookbehind and ^ see the bytes before from).  more: bytes
 * may follow buf; a match that reaches its end might go on, and is
 * reported as MATCHER_PARTIAL with match->start where it began.  1: a
 * match in *match, 0: none, <0: a PCRE2 error.
 */
int matcher_find_multiline(const struct matcher *m,
    struct matcher_scratch *s, const char *buf, size_t len, size_t from,
    bool more, struct span *match);

/* Describe a negative result of the functions above ("match limit ..."). */
void matcher_error_message(int code, char *buf, size_t size);

/*
 * Capture groups, for --replace.  The number of the group called name
 * (nul-terminated), or -1 when the patterns have none of that name.
 */
int matcher_group_number(const struct matcher *m, const char *name);

/*
 * The groups of the match at span match in line[0, len) (a span that
 * matcher_line_spans gave): group i in groups[i] for i < ngroups, group 0
 * being match itself; a group that took no part is {SIZE_MAX, SIZE_MAX}.
 * Returns 1, 0 when the match is not found again there (every group then
 * unset), or a negative PCRE2 error code.
 */
int matcher_captures(const struct matcher *m, struct matcher_scratch *s,
    const char *line, size_t len, struct span match, struct span *groups,
    size_t ngroups);

#endif
