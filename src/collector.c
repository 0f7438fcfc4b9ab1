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

#include "cancel.h"
#include "diag.h"
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
	if (out->len > 0)
		memcpy(r->data, out->data, out->len);
	return r;
}

void
result_send(struct port *reply, uint64_t seq, const struct outbuf *out)
{
	struct result *r = result_from_outbuf(seq, out);

	if (r == NULL)
		diag_fatal("out of memory");
	if (!port_send(reply, r))
		free(r);
}

/* Results waiting for their turn, as a binary min-heap on seq. */
struct pending {
	struct result **heap;
	size_t count, cap;
};

static void
pending_push(struct pending *p, struct result *r)
{
	size_t i;

	if (p->count == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		struct result **h = realloc(p->heap, cap * sizeof(*h));

		if (h == NULL)
			diag_fatal("out of memory");
		p->heap = h;
		p->cap = cap;
	}
	i = p->count++;
	while (i > 0 && p->heap[(i - 1) / 2]->seq > r->seq) {
		p->heap[i] = p->heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	p->heap[i] = r;
}

static struct result *
pending_pop(struct pending *p)
{
	struct result *top = p->heap[0];
	struct result *last = p->heap[--p->count];
	size_t i = 0;

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= p->count)
			break;
		if (c + 1 < p->count && p->heap[c + 1]->seq < p->heap[c]->seq)
			c++;
		if (last->seq <= p->heap[c]->seq)
			break;
		p->heap[i] = p->heap[c];
		i = c;
	}
	if (p->count > 0)
		p->heap[i] = last;
	return top;
}

static void
write_result(struct outbuf *out, struct result *r)
{
	outbuf_append(out, r->data, r->len);
	free(r);
	if (out->len >= COLLECT_FLUSH)
		outbuf_write_fd(out, STDOUT_FILENO);
}

void
collector_main(struct isolate *self, void *arg)
{
	const struct collector_config *cfg = arg;
	struct outbuf out = OUTBUF_INIT;
	struct pending pending = {NULL, 0, 0};
	uint64_t next = 0;
	void *msg;

	(void)self;
	for (;;) {
		struct result *r;

		if (!port_try_recv(cfg->reply, &msg)) {
			/* Nothing waiting: show what we have, then block. */
			outbuf_write_fd(&out, STDOUT_FILENO);
			if (!port_recv(cfg->reply, &msg))
				break;
		}
		r = msg;
		/* Stopping (a signal, or -q): nothing more is written. */
		if (cancel_requested()) {
			free(r);
			continue;
		}
		if (!cfg->sorted) {
			write_result(&out, r);
			continue;
		}
		pending_push(&pending, r);
		while (pending.count > 0 && pending.heap[0]->seq == next) {
			write_result(&out, pending_pop(&pending));
			next++;
		}
	}
	/* Only a cancelled run leaves gaps; write what arrived, in order. */
	while (pending.count > 0)
		write_result(&out, pending_pop(&pending));
	free(pending.heap);
	outbuf_write_fd(&out, STDOUT_FILENO);
	outbuf_free(&out);
}
