/*
 * order.h - a whole walk held, sorted by metadata, and replayed:
 * --sort/--sortr by modified, accessed, created or size, and --sortr path.
 */
#ifndef ISOGREP_ORDER_H
#define ISOGREP_ORDER_H

#include <stdbool.h>
#include <stddef.h>

#include "walk/walk_config.h"
#include "walk/walker.h"

struct order;

/* Does this sort need the whole walk before the first file is emitted? */
bool order_needs_walk(const struct walk_config *wc);

/*
 * An empty list for the sort wc asks for; threads read the sort keys
 * (the search's worker count: they are idle until the replay).
 */
struct order *order_new(const struct walk_config *wc, unsigned threads);

/* A walker_emit: hold the entry (its path; the key is read later). */
void order_add(void *order, const struct candidate *c, bool named);

/* Sort what was held and emit it, in order, to emit(ctx, ...). */
void order_replay(struct order *o, walker_emit emit, void *ctx);

void order_free(struct order *o);

#endif
