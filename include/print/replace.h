/*
 * replace.h - --replace templates: "$1", "${name}", "$$", as ripgrep
 * reads them, expanded for a match.
 *
 * A template is parsed once from the command line and then only read, so
 * every sink of every isolate (the standard sink, a JSON sink's
 * "replacement") can share it; the scratch space is each sink's own.
 */
#ifndef ISOGREP_REPLACE_H
#define ISOGREP_REPLACE_H

#include <stddef.h>

#include "base/outbuf.h"
#include "match/matcher.h"

struct replace_template;

/* The groups of one match, grown as a template needs; {NULL, 0} empty. */
struct replace_scratch {
	struct span *groups;
	size_t cap;
};

/*
 * Parse text: "$N" and "${N}" name a group by number, "$name" and
 * "${name}" by name (letters, digits, '_'; the longest run is taken),
 * "$$" is a '$'; any other '$' stands for itself.  Never fails.
 */
struct replace_template *replace_parse(const char *text);

void replace_free(struct replace_template *t);

/*
 * Append the expansion of t for the match at span match in line[0, len)
 * to out.  A group that does not exist or took no part expands to
 * nothing.  Returns 0, or a negative PCRE2 error code from finding the
 * groups (the expansion then uses none of them).
 */
int replace_expand(const struct replace_template *t, const struct matcher *m,
    struct matcher_scratch *ms, struct replace_scratch *rs, const char *line,
    size_t len, struct span match, struct outbuf *out);

void replace_scratch_free(struct replace_scratch *rs);

#endif
