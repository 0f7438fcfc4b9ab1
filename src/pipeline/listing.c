/*
 * listing.c - printing the files a search would read, without reading them.
 *
 * This is the path shell completions call, so it stays in the walking
 * thread: no isolates, no messages, paths appended to one buffer and
 * written in large pieces.
 */
#include "pipeline/listing.h"

#include <string.h>
#include <unistd.h>

enum { LISTING_FLUSH = 64 * 1024 };

void
listing_init(struct listing *l, bool null_sep, bool escape)
{
	struct outbuf empty = OUTBUF_INIT;

	memset(l, 0, sizeof(*l));
	l->out = empty;
	l->name_end = null_sep ? '\0' : '\n';
	l->escape = escape && !null_sep;
}

void
listing_emit(void *ctx, const struct candidate *c, bool named)
{
	struct listing *l = ctx;

	(void)named;
	printer_name(&l->out, c->path, c->path_len, l->name_end, l->escape);
	if (l->out.len >= LISTING_FLUSH)
		outbuf_write_fd(&l->out, STDOUT_FILENO);
}

void
listing_finish(struct listing *l)
{
	outbuf_write_fd(&l->out, STDOUT_FILENO);
	outbuf_free(&l->out);
}
