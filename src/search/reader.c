/*
 * reader.c - the bounded read buffer.
 *
 * The bytes of an input (a byte source, source.h) are handed to the
 * searcher in chunks that end on a line boundary, so a match is never cut
 * in two and memory stays bounded whatever the input's size.  A streaming
 * source is read into one reusable buffer per isolate, which grows only
 * to hold one long line, and never beyond READER_MAX_LINE.
 *
 * Reads are never retried to fill the buffer: whatever a pipe delivers is
 * searched at once, so `tail -f log | isogrep x` shows lines as they come.
 *
 * A mapped source is handed out in place, with the same line rules (and
 * the same READER_MAX_LINE limit) as read chunks, in chunks small enough
 * that the searcher's passes over one stay in cache.
 */
#include "search/reader.h"

#include <stdlib.h>
#include <string.h>

enum {
	MAP_CHUNK = 512 * 1024, /* bytes handed out at a time from a mapping */
};

/* NUL-ended records as newline-ended lines (and back): swap the two. */
static void
swap_nul_newline(char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\n')
			p[i] = '\0';
		else if (p[i] == '\0')
			p[i] = '\n';
	}
}

void
reader_init(struct reader *r)
{
	memset(r, 0, sizeof(*r));
}

void
reader_free(struct reader *r)
{
	free(r->buf);
	reader_init(r);
}

bool
reader_is_mapped(const struct reader *r)
{
	return r->src != NULL && r->src->map != NULL;
}

void
reader_start(struct reader *r, struct byte_source *src)
{
	r->src = src;
	r->max_line = READER_MAX_LINE;
	r->partial_keep = 0;
	r->len = 0;
	r->consumed = 0;
	r->map_pos = 0;
	r->eof = false;
	r->skipping = false;
	r->kept = 0;
}

/* Make the buffer bigger, up to the cap; false when it cannot grow. */
static bool
reader_grow(struct reader *r)
{
	size_t cap = r->cap ? r->cap * 2 : READER_CHUNK;
	char *buf;

	if (r->cap >= r->max_line && r->cap > 0)
		return false;
	if (cap > r->max_line)
		cap = r->max_line;
	buf = realloc(r->buf, cap);
	if (buf == NULL)
		return false;
	r->buf = buf;
	r->cap = cap;
	return true;
}

/*
 * Where the chunk that starts at p (left bytes remain) ends: after its
 * last newline within MAP_CHUNK bytes, else after the first newline within
 * max_line bytes, else 0 (a line too long to hold).
 */
static size_t
mapped_chunk_end(const struct reader *r, const char *p, size_t left,
    size_t kept)
{
	/* Bytes given back by reader_keep come again, with more after them. */
	size_t want = MAP_CHUNK + kept;
	size_t win = left < want ? left : want;
	size_t limit = left < r->max_line ? left : r->max_line;
	/* kept < win: the source had more than the bytes kept. */
	const char *nl = memrchr(p + kept, '\n', win - kept);

	if (nl == NULL && limit > win)
		nl = memchr(p + win, '\n', limit - win);
	return nl ? (size_t)(nl - p) + 1 : 0;
}

/* reader_next for a mapped source. */
static enum reader_status
mapped_next(struct reader *r, const char **chunk, size_t *len)
{
	const char *map = r->src->map;
	size_t map_len = r->src->map_len;

	size_t kept = r->kept;

	r->map_pos += r->consumed;
	r->consumed = 0;
	r->kept = 0;
	/* What is behind us is done with: memory stays bounded. */
	source_release(r->src, r->map_pos);
	for (;;) {
		const char *p = map + r->map_pos;
		size_t left = map_len - r->map_pos;
		size_t end;

		if (left == 0)
			return READER_END;
		if (r->skipping) {
			const char *nl = memchr(p, '\n', left);

			r->skipping = false;
			r->map_pos = nl ? (size_t)(nl - map) + 1 : map_len;
			continue;
		}
		/* At the end, the last line comes too, newline or not. */
		end = left <= r->max_line && left <= MAP_CHUNK ? left :
		    mapped_chunk_end(r, p, left, kept);
		if (end == 0 && left <= r->max_line)
			end = left;
		if (end > 0) {
			*chunk = p;
			*len = r->consumed = end;
			return READER_CHUNK_READY;
		}
		/* A line longer than max_line: in pieces, or dropped. */
		if (r->partial_keep > 0) {
			*chunk = p;
			*len = r->max_line;
			r->consumed = r->max_line - r->partial_keep;
			return READER_PARTIAL;
		}
		r->skipping = true;
		r->map_pos += r->max_line;
		return READER_TOO_LONG;
	}
}

enum reader_status
reader_next(struct reader *r, const char **chunk, size_t *len)
{
	if (r->src->map != NULL)
		return mapped_next(r, chunk, len);
	r->kept = 0;
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
			bool first = !r->skipping;

			/* Too long to hold: hand it out in pieces, or... */
			if (r->partial_keep > 0 && r->len > r->partial_keep) {
				*chunk = r->buf;
				*len = r->len;
				r->consumed = r->len - r->partial_keep;
				return READER_PARTIAL;
			}
			/* ... drop it (or no memory), and say so once. */
			r->skipping = true;
			r->len = 0;
			if (first)
				return READER_TOO_LONG;
		}
		n = r->src->read(r->src, r->buf + r->len, r->cap - r->len);
		if (n < 0)
			return READER_ERROR;
		if (r->nul_records)
			swap_nul_newline(r->buf + r->len, (size_t)n);
		if (r->src->ended || n == 0)
			r->eof = true;
		if (n == 0)
			continue;
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
		/*
		 * At the end, the last line comes too: a file read whole is
		 * one chunk, so its binary test sees all of it.
		 */
		*chunk = r->buf;
		*len = r->consumed = r->eof ? r->len :
		    (size_t)(nl - r->buf) + 1;
		return READER_CHUNK_READY;
	}
}

void
reader_keep(struct reader *r, size_t from)
{
	r->kept = r->consumed - from;
	r->consumed = from;
}

void
reader_stream_long_lines(struct reader *r, size_t max_line, size_t keep)
{
	r->max_line = max_line > READER_CHUNK ? max_line : READER_CHUNK;
	r->partial_keep = keep < r->max_line / 2 ? keep : r->max_line / 2;
}

bool
reader_at_end(const struct reader *r)
{
	if (r->src->map != NULL)
		return r->map_pos + r->consumed == r->src->map_len;
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
	r->src = NULL;
}
