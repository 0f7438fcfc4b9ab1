/*
 * batch.h - a batch of paths sent to a worker in one message.
 *
 * One allocation holds many paths, so messaging costs nothing per file.
 * Each path carries a sequence number (walk order) and whether the user
 * named it on the command line.
 */
#ifndef ISOGREP_BATCH_H
#define ISOGREP_BATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct batch;

/* A path taken out of a batch; valid while the batch lives. */
struct batch_entry {
	const char *path;
	uint64_t seq;
	bool named;
	bool short_read_ends; /* see candidate.short_read_ends */
};

/* An empty batch with room for about bytes of paths. */
struct batch *batch_new(size_t bytes);

/* Append a path; false when it does not fit (the batch is unchanged). */
bool batch_add(struct batch *b, const char *path, size_t len, uint64_t seq,
    bool named, bool short_read_ends);

size_t batch_count(const struct batch *b);

/*
 * Iterate: start with *cursor = 0; true with the next entry in *e, false
 * after the last.
 */
bool batch_next(const struct batch *b, size_t *cursor, struct batch_entry *e);

void batch_free(struct batch *b);

#endif
