/*
 * batch.c - path batches: many paths in one allocation.
 *
 * Layout of each entry in data: 8 bytes of sequence number, one byte of
 * flags, then the path and its NUL.  Entries are packed back to back and
 * read in order, so no index is needed.
 */
#include "base/xmalloc.h"
#include "pipeline/batch.h"

#include <stdlib.h>
#include <string.h>

struct batch {
	size_t count;
	size_t used;
	size_t cap;
	char data[];
};

enum {
	ENTRY_HEADER = sizeof(uint64_t) + 1,
	FLAG_NAMED = 1,
	FLAG_SHORT_READ_ENDS = 2,
};

struct batch *
batch_new(size_t bytes)
{
	struct batch *b = xmalloc(sizeof(*b) + bytes);

	b->count = 0;
	b->used = 0;
	b->cap = bytes;
	return b;
}

bool
batch_add(struct batch *b, const char *path, size_t len, uint64_t seq,
    bool named, bool short_read_ends)
{
	size_t need = ENTRY_HEADER + len + 1;
	char *p;

	if (b->cap - b->used < need)
		return false;
	p = b->data + b->used;
	memcpy(p, &seq, sizeof(seq));
	p[sizeof(seq)] = (char)((named ? FLAG_NAMED : 0) |
	    (short_read_ends ? FLAG_SHORT_READ_ENDS : 0));
	memcpy(p + ENTRY_HEADER, path, len);
	p[ENTRY_HEADER + len] = '\0';
	b->used += need;
	b->count++;
	return true;
}

size_t
batch_count(const struct batch *b)
{
	return b->count;
}

bool
batch_next(const struct batch *b, size_t *cursor, struct batch_entry *e)
{
	const char *p;

	if (*cursor >= b->used)
		return false;
	p = b->data + *cursor;
	memcpy(&e->seq, p, sizeof(e->seq));
	e->named = (p[sizeof(e->seq)] & FLAG_NAMED) != 0;
	e->short_read_ends = (p[sizeof(e->seq)] & FLAG_SHORT_READ_ENDS) != 0;
	e->path = p + ENTRY_HEADER;
	*cursor += ENTRY_HEADER + strlen(e->path) + 1;
	return true;
}

void
batch_free(struct batch *b)
{
	free(b);
}
