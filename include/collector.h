/*
 * collector.h - the reply-port side: whole-file results to stdout.
 */
#ifndef ISOGREP_COLLECTOR_H
#define ISOGREP_COLLECTOR_H

#include <stddef.h>
#include <stdint.h>

#include "isolate.h"
#include "outbuf.h"
#include "port.h"

/* One file's formatted output, sent by a worker in one message. */
struct result {
	uint64_t seq; /* the file's place in walk order */
	size_t len;
	char data[];
};

/* Move out's contents into a new result message; NULL on ENOMEM. */
struct result *result_from_outbuf(uint64_t seq, const struct outbuf *out);

/*
 * Send out's contents to the printer as the result seq (a copy; out is
 * left as it was).  Once the reply port is closed the result is dropped.
 */
void result_send(struct port *reply, uint64_t seq, const struct outbuf *out);

struct collector_config {
	struct port *reply;
	/*
	 * Write results in sequence order (--sort=path): then every file
	 * sends a result, even an empty one, so gaps can be told from waits.
	 */
	bool sorted;
};

/*
 * Isolate entry: arg is a struct collector_config.  Writes each result to
 * stdout in one piece until the reply port is closed and drained.
 */
void collector_main(struct isolate *self, void *arg);

#endif
