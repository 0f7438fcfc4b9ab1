/*
 * members.h - searching an input that may be an archive.
 *
 * An archive (with -z) is searched member by member, each as an input of
 * its own named ARCHIVE{MEMBER}, so that every sink and output format
 * names the member where it would name a file.  Anything else is searched
 * as it is.
 */
#ifndef ISOGREP_MEMBERS_H
#define ISOGREP_MEMBERS_H

#include <stdbool.h>
#include <stddef.h>

#include "search/input.h"
#include "search/searcher.h"

/*
 * Which members of an archive are searched (globs and types): keep says
 * yes for a member's path in the archive.  Called from every worker at
 * once, so it must only read ctx.
 */
struct member_filter {
	bool (*keep)(const void *ctx, const char *path, size_t len);
	const void *ctx;
	bool first_only; /* -q: one selected line answers for the archive */
};

/*
 * Search in: as searcher_search, or for an archive each of its regular
 * members that filter (NULL: all) keeps, in order, summing the results.
 * Members of an archive are searched as files of a walk: a binary one is
 * skipped.
 */
void members_search(struct searcher *s, struct input *in,
    const struct member_filter *filter, struct search_result *res);

#endif
