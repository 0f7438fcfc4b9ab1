/*
 * collector.c - the printer isolate.
 *
 * Workers send each file's whole output as one message; this isolate is
 * the only writer of stdout in a parallel search, so lines of different
 * files can never interleave.  Results are gathered into one buffer and
 * written in large pieces, and the buffer is flushed whenever the reply
 * port runs dry, so an interactive user sees results as they are found.
 */
#include "collector.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "port.h"

enum { COLLECT_FLUSH = 64 * 1024 };

struct result *
result_from_outbuf(uint64_t seq, const struct outbuf *out)
{
	struct result *r = malloc(sizeof(*r) + out->len);

	if (r == NULL)
		return NULL;
	r->seq = seq;
	r->len = out->len;
	memcpy(r->data, out->data, out->len);
	return r;
}

void
collector_main(struct isolate *self, void *arg)
{
	struct port *reply = arg;
	struct outbuf out = OUTBUF_INIT;
	void *msg;

	(void)self;
	for (;;) {
		struct result *r;

		if (!port_try_recv(reply, &msg)) {
			/* Nothing waiting: show what we have, then block. */
			outbuf_write_fd(&out, STDOUT_FILENO);
			if (!port_recv(reply, &msg))
				break;
		}
		r = msg;
		outbuf_append(&out, r->data, r->len);
		free(r);
		if (out.len >= COLLECT_FLUSH)
			outbuf_write_fd(&out, STDOUT_FILENO);
	}
	outbuf_write_fd(&out, STDOUT_FILENO);
	outbuf_free(&out);
}
