/*
 * collector.h - the reply side of a search: results to stdout, each whole,
 * and with --sort in order, in bounded memory.
 */
#ifndef ISOGREP_COLLECTOR_H
#define ISOGREP_COLLECTOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/outbuf.h"
#include "runtime/isolate.h"

enum {
	/*
	 * Sorted, the bytes of results sent and not yet written that a
	 * sender may add to, unless its result is the next to be written.
	 */
	COLLECTOR_BUDGET = 16 * 1024 * 1024,
};

/* The reply port, and for a sorted search the order and its budget. */
struct collector;

/*
 * A collector whose printer writes to fd (standard output but in tests),
 * for at most capacity queued results.  sorted: results are
 * written in sequence order (every sequence number from 0 up must be sent,
 * its last part with last set), and senders wait while the results held
 * ahead of their turn reach budget bytes.
 */
struct collector *collector_new(int fd, size_t capacity, bool sorted,
    size_t budget);

/*
 * Every result starts with lead (lead_len bytes: a separator between
 * results), which is not written before the first one.  Call before the
 * printer starts.
 */
void collector_drop_lead(struct collector *c, const char *lead,
    size_t lead_len);

/* Free it, with any result still queued; its printer must have ended. */
void collector_free(struct collector *c);

/*
 * Send out's contents (a copy; out is left as it was) as result seq, or
 * as the next part of it: last says no more of seq follows.  The results
 * first..seq-1 (first <= seq) go with it, all empty: a sender says in one
 * message that a run of files printed nothing.  The parts of one seq must
 * be sent by one thread, in order.  Unsorted, every result is whole
 * (last) and first and seq are not used.  Sorted, this waits while first
 * is not the next to be written and the results held would exceed the
 * budget; the sender of the next result only waits while its own earlier
 * parts exceed it, so the next result always gets through.  False when
 * the result was dropped: the search was cancelled (cancel.h) or the
 * collector closed.
 */
bool collector_send(struct collector *c, uint64_t first, uint64_t seq,
    bool last, const struct outbuf *out);

/* No more results: the printer ends once it has written what it holds. */
void collector_close(struct collector *c);

/*
 * Isolate entry: arg is a struct collector.  Writes each result to its fd
 * in one piece until the collector is closed and drained.  Once the
 * search is cancelled, results that arrive are dropped unwritten.
 */
void collector_main(struct isolate *self, void *arg);

#endif
