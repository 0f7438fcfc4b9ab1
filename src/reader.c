/*
 * reader.c - the bounded read buffer.
 *
 * Files are read into one reusable buffer per isolate, and handed to the
 * searcher in chunks that end on a line boundary, so a match is never cut
 * in two and memory stays bounded whatever the file's size.  The buffer
 * grows only to hold one long line, and never beyond READER_MAX_LINE.
 *
 * Reads are never retried to fill the buffer: whatever a pipe delivers is
 * searched at once, so `tail -f log | isogrep x` shows lines as they come.
 */
#include "reader.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void
reader_init(struct reader *r)
{
	memset(r, 0, sizeof(*r));
	r->fd = -1;
}

void
reader_free(struct reader *r)
{
	free(r->buf);
	reader_init(r);
}

void
reader_start(struct reader *r, int fd, long long size)
{
	r->fd = fd;
	r->expect = size > 0 ? size : -1;
	r->total = 0;
	r->len = 0;
	r->consumed = 0;
	r->eof = false;
	r->skipping = false;
}

/* Make the buffer bigger, up to the cap; false when it cannot grow. */
static bool
reader_grow(struct reader *r)
{
	size_t cap = r->cap ? r->cap * 2 : READER_CHUNK;
	char *buf;

	if (r->cap >= READER_MAX_LINE)
		return false;
	if (cap > READER_MAX_LINE)
		cap = READER_MAX_LINE;
	buf = realloc(r->buf, cap);
	if (buf == NULL)
		return false;
	r->buf = buf;
	r->cap = cap;
	return true;
}

enum reader_status
reader_next(struct reader *r, const char **chunk, size_t *len)
{
	/* Keep the partial line that followed the last chunk. */
	if (r->consumed > 0) {
		r->len -= r->consumed;
		memmove(r->buf, r->buf + r->consumed, r->len);
		r->consumed = 0;
	}
	for (;;) {
		ssize_t n;
		char *nl;

		if (r->eof) {
			if (r->len == 0 || r->skipping)
				return READER_END;
			*chunk = r->buf;
			*len = r->consumed = r->len;
			return READER_CHUNK_READY;
		}
		if (r->len == r->cap && !reader_grow(r)) {
			/* Too long (or no memory): drop it, report it once. */
			bool first = !r->skipping;

			r->skipping = true;
			r->len = 0;
			if (first)
				return READER_TOO_LONG;
		}
		n = read(r->fd, r->buf + r->len, r->cap - r->len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return READER_ERROR;
		}
		if (n == 0) {
			r->eof = true;
			continue;
		}
		r->total += n;
		if (r->expect >= 0 && r->total >= r->expect)
			r->eof = true;
		nl = memrchr(r->buf + r->len, '\n', (size_t)n);
		r->len += (size_t)n;
		if (nl == NULL)
			continue;
		if (r->skipping) {
			/* The long line ends here; go on after it. */
			char *first_nl = memchr(r->buf + r->len - (size_t)n,
			    '\n', (size_t)n);
			size_t drop = (size_t)(first_nl - r->buf) + 1;

			r->skipping = false;
			r->len -= drop;
			memmove(r->buf, r->buf + drop, r->len);
			nl = memrchr(r->buf, '\n', r->len);
			if (nl == NULL)
				continue;
		}
		*chunk = r->buf;
		*len = r->consumed = (size_t)(nl - r->buf) + 1;
		return READER_CHUNK_READY;
	}
}

bool
reader_at_end(const struct reader *r)
{
	return r->eof && r->consumed == r->len;
}

void
reader_trim(struct reader *r)
{
	if (r->cap > 4 * READER_CHUNK) {
		free(r->buf);
		r->buf = NULL;
		r->cap = 0;
	}
	r->len = 0;
	r->consumed = 0;
}
