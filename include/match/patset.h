/*
 * patset.h - several patterns, each its own program: pattern lists of any
 * size, and the --and / --not conditions.
 *
 * matcher.c serves one pattern (or a few plain ones joined into one
 * alternation); it hands a query to this module when the patterns must
 * stay apart (their groups, names, verbs and \Q are their own), when
 * they are too many to join, or when --and, --not or --all-match are
 * given.  The functions mirror matcher.h's; matcher.c alone calls them.
 */
#ifndef ISOGREP_PATSET_H
#define ISOGREP_PATSET_H

#include <stdbool.h>
#include <stddef.h>

#include "match/matcher.h"
#include "match/pattern.h"

struct patset;
struct patset_scratch;

/*
 * Must the patterns of mc be served by a pattern set rather than by one
 * program?  joinable: matcher.c can join them into one alternation.
 */
bool patset_wanted(const struct match_config *mc);

/* Can pattern p share one alternation with others? */
bool patset_join_safe(const struct pattern *p);

/*
 * Compile the set; caseless: the case mode, already decided over all
 * patterns.  NULL with the reason (naming the pattern) in *e.
 */
struct patset *patset_compile(const struct match_config *mc, bool caseless,
    struct matcher_error *e);
void patset_free(struct patset *ps);
size_t patset_npatterns(const struct patset *ps);

struct patset_scratch *patset_scratch_new(const struct patset *ps);
void patset_scratch_free(struct patset_scratch *s);
void patset_new_buffer(struct patset_scratch *s);

/* As matcher_next_line. */
int patset_next_line(const struct patset *ps, struct patset_scratch *s,
    const char *buf, size_t len, size_t from, struct span *line);

/*
 * Matches in one line: patset_begin_line finds which patterns may match
 * in line[0, len) (0, or a negative PCRE2 error code); then
 * patset_next_span, with start never decreasing, works as
 * matcher_find_span on that line.
 */
int patset_begin_line(const struct patset *ps, struct patset_scratch *s,
    const char *line, size_t len);
int patset_next_span(const struct patset *ps, struct patset_scratch *s,
    const char *line, size_t len, size_t start, struct span *match,
    size_t *pattern);
int patset_line_patterns(const struct patset *ps, struct patset_scratch *s,
    const char *line, size_t len, bool *seen);

#endif
