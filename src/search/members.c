/*
 * members.c - an archive's members searched one after another.
 *
 * The member loop sits between opening an input (input.c) and searching
 * one stream (searcher.c), so neither of those knows archives: the
 * searcher sees each member as an input with its own name and byte
 * source.  Members are searched in the one thread that opened the
 * archive, since an archive can only be read in order; different
 * archives go to different workers like any files.
 */
#include "search/members.h"

#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"
#include "runtime/cancel.h"

/* "ARCHIVE{MEMBER}", as ugrep names a member. */
static char *
member_display(const char *archive, const char *member)
{
	size_t alen = strlen(archive);
	size_t mlen = strlen(member);
	char *s = xmalloc(alen + mlen + 3);

	memcpy(s, archive, alen);
	s[alen] = '{';
	memcpy(s + alen + 1, member, mlen);
	s[alen + 1 + mlen] = '}';
	s[alen + mlen + 2] = '\0';
	return s;
}

void
members_search(struct searcher *s, struct input *in,
    const struct member_filter *filter, struct search_result *res)
{
	const char *name;

	if (in->zip == NULL || !decompress_is_archive(in->zip)) {
		searcher_search(s, in, res);
		return;
	}
	memset(res, 0, sizeof(*res));
	while (!cancel_requested() && decompress_next_member(in->zip, &name)) {
		struct search_result one;
		struct input member;

		if (filter != NULL && filter->keep != NULL &&
		    !filter->keep(filter->ctx, name, strlen(name)))
			continue;
		memset(&member, 0, sizeof(member));
		member.fd = -1;
		member.path = member_display(in->path, name);
		decompress_source(in->zip, &member.src);
		searcher_search(s, &member, &one);
		res->selected += one.selected;
		free((char *)member.path);
		if (filter != NULL && filter->first_only && res->selected > 0)
			break;
	}
}
