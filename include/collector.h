/*
 * collector.h - the reply-port side: whole-file results to stdout.
 */
#ifndef ISOGREP_COLLECTOR_H
#define ISOGREP_COLLECTOR_H

#include <stddef.h>
#include <stdint.h>

#include "isolate.h"
#include "outbuf.h"

/* One file's formatted output, sent by a worker in one message. */
struct result {
	uint64_t seq; /* the file's place in walk order */
	size_t len;
	char data[];
};

/* Move out's contents into a new result message; NULL on ENOMEM. */
struct result *result_from_outbuf(uint64_t seq, const struct outbuf *out);

/*
 * Isolate entry: arg is the reply port.  Writes each result to stdout in
 * one piece until the port is closed and drained, then flushes.
 */
void collector_main(struct isolate *self, void *arg);

#endif
