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
 *
 * A big regular file is mapped instead: copying it through read() costs as
 * much as searching it.  Chunks of the mapping are handed out with the
 * same line rules (and the same READER_MAX_LINE limit) as read chunks, and
 * small enough that the searcher's passes over one stay in cache.
 */
#include "reader.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

enum {
	MAP_CHUNK = 512 * 1024, /* bytes handed out at a time from a mapping */
	MAP_RELEASE = 1024 * 1024, /* pages behind us dropped this often */
};

void
reader_init(struct reader *r)
{
	memset(r, 0, sizeof(*r));
	r->fd = -1;
}

static void
reader_unmap(struct reader *r)
{
	if (r->map != NULL && r->map_owned)
		munmap((void *)(uintptr_t)r->map, r->map_len);
	r->map = NULL;
	r->map_len = 0;
	r->map_pos = 0;
	r->map_released = 0;
}

void
reader_free(struct reader *r)
{
	reader_unmap(r);
	free(r->buf);
	reader_init(r);
}

/* Map a big file whole; on any failure the file is simply read. */
static void
reader_map(struct reader *r, int fd, long long size)
{
	void *map;

	if (size < READER_MAP_MIN || (unsigned long long)size > SIZE_MAX)
		return;
	map = mmap(NULL, (size_t)size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED)
		return;
	(void)madvise(map, (size_t)size, MADV_SEQUENTIAL);
	r->map = map;
	r->map_len = (size_t)size;
	r->map_owned = true;
}

void
reader_start_region(struct reader *r, const char *buf, size_t len)
{
	reader_start(r, -1, -1, false, false);
	r->map = buf;
	r->map_len = len;
	r->map_owned = false;
}

bool
reader_is_mapped(const struct reader *r)
{
	return r->map != NULL;
}

void
reader_start(struct reader *r, int fd, long long size, bool sparse,
    bool may_map)
{
	r->sparse = sparse;
	r->fd = fd;
	r->expect = size > 0 ? size : -1;
	r->total = 0;
	r->max_line = READER_MAX_LINE;
	r->partial_keep = 0;
	r->len = 0;
	r->consumed = 0;
	r->eof = false;
	r->skipping = false;
	reader_unmap(r);
	if (may_map && !sparse)
		reader_map(r, fd, size);
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
 * At a hole, jump to the next data and put one NUL in its place; at the
 * last hole, end the file.  True when it changed the state.
 */
static bool
skip_hole(struct reader *r)
{
	off_t here = lseek(r->fd, 0, SEEK_CUR);
	off_t data;

	if (here < 0)
		return false;
	data = lseek(r->fd, here, SEEK_DATA);
	if (data < 0) {
		/* ENXIO: only a hole is left.  Anything else: just read. */
		if (errno != ENXIO)
			return false;
		data = r->expect >= 0 ? (off_t)r->expect : here;
		r->eof = true;
	}
	if (data == here)
		return false;
	r->total += data - here;
	r->buf[r->len++] = '\0';
	if (r->expect >= 0 && r->total >= r->expect)
		r->eof = true;
	return true;
}

/*
 * Where the chunk that starts at p (left bytes remain) ends: after its
 * last newline within MAP_CHUNK bytes, else after the first newline within
 * max_line bytes, else 0 (a line too long to hold).
 */
static size_t
mapped_chunk_end(const struct reader *r, const char *p, size_t left)
{
	size_t win = left < MAP_CHUNK ? left : MAP_CHUNK;
	size_t limit = left < r->max_line ? left : r->max_line;
	const char *nl = memrchr(p, '\n', win);

	if (nl == NULL && limit > win)
		nl = memchr(p + win, '\n', limit - win);
	return nl ? (size_t)(nl - p) + 1 : 0;
}

/*
 * Drop the mapping's pages before map_pos from our address space (they
 * stay in the page cache), so that the memory a big file holds stays
 * bounded, as it is when the file is read.
 */
static void
release_behind(struct reader *r)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t upto = r->map_pos / page * page;

	if (!r->map_owned || upto < r->map_released + MAP_RELEASE)
		return;
	(void)madvise((char *)(uintptr_t)r->map + r->map_released,
	    upto - r->map_released, MADV_DONTNEED);
	r->map_released = upto;
}

/* reader_next for a mapped file. */
static enum reader_status
mapped_next(struct reader *r, const char **chunk, size_t *len)
{
	r->map_pos += r->consumed;
	r->consumed = 0;
	release_behind(r);
	for (;;) {
		const char *p = r->map + r->map_pos;
		size_t left = r->map_len - r->map_pos;
		size_t end;

		if (left == 0)
			return READER_END;
		if (r->skipping) {
			const char *nl = memchr(p, '\n', left);

			r->skipping = false;
			r->map_pos = nl ? (size_t)(nl - r->map) + 1 : r->map_len;
			continue;
		}
		/* At the end, the last line comes too, newline or not. */
		end = left <= r->max_line && left <= MAP_CHUNK ? left :
		    mapped_chunk_end(r, p, left);
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
	if (r->map != NULL)
		return mapped_next(r, chunk, len);
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
		if (r->sparse && skip_hole(r))
			continue;
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
reader_stream_long_lines(struct reader *r, size_t max_line, size_t keep)
{
	r->max_line = max_line > READER_CHUNK ? max_line : READER_CHUNK;
	r->partial_keep = keep < r->max_line / 2 ? keep : r->max_line / 2;
}

bool
reader_at_end(const struct reader *r)
{
	if (r->map != NULL)
		return r->map_pos + r->consumed == r->map_len;
	return r->eof && r->consumed == r->len;
}

void
reader_trim(struct reader *r)
{
	reader_unmap(r);
	if (r->cap > 4 * READER_CHUNK) {
		free(r->buf);
		r->buf = NULL;
		r->cap = 0;
	}
	r->len = 0;
	r->consumed = 0;
}
