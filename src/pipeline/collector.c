/*
 * collector.c - the printer isolate, and the order it keeps.
 *
 * Workers send each file's output as one message; this isolate is the
 * only writer of stdout in a parallel search, so lines of different files
 * can never interleave.  Results are gathered into one buffer and written
 * in large pieces, and the buffer is flushed whenever the reply port runs
 * dry, so an interactive user sees results as they are found.
 *
 * With --sort the printer writes results in sequence (walk) order, and a
 * result that arrives before its turn is held in a heap.  Without a bound,
 * one slow early file would have every later result held: memory grows
 * with the tree.  So holding is budgeted, and the budget is enforced where
 * the results come from.  The collector counts the bytes sent and not yet
 * written; a worker whose result is not the next to be written waits while
 * adding it would pass the budget.  The worker whose result is next never
 * waits for the others (only for its own earlier parts, which the printer
 * is writing), so the next result always arrives, the printer writes it
 * and frees budget: no deadlock, as long as every sequence number handed
 * to a worker is sent.  Results reach the workers in sequence order
 * (batches leave the work port in order), so each number below a waiting
 * worker's is held by a worker that will send it.  Waiting workers take no
 * new work, so the walk waits too, on the bounded work port.  A result
 * may come in parts, each counted alone: workers send a long output in
 * parts as it is made, and the parts of the next file are written at
 * once, so even a huge early file's output is never held whole.
 *
 * A stop (cancel.h) wakes the waiting workers; their results are dropped.
 */
#include "pipeline/collector.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/xmalloc.h"
#include "runtime/cancel.h"
#include "runtime/port.h"

enum { COLLECT_FLUSH = 64 * 1024 };

/* One file's output, or part of it, as one message. */
struct result {
	uint64_t first;   /* seqs first..seq-1 printed nothing */
	uint64_t seq;     /* the file's place in walk order */
	uint64_t arrival; /* stamped by the printer: parts keep their order */
	bool last;        /* the output's last part */
	bool in_turn;     /* sent as the next result: counted in held_next */
	size_t len;
	char data[];
};

struct collector {
	int fd;
	const char *lead; /* dropped from the first result written */
	size_t lead_len;
	bool wrote;       /* the printer wrote a non-empty result */
	struct port *reply;
	bool sorted;
	size_t budget;
	/* Sorted only: the order, shared by the printer and the senders. */
	pthread_mutex_t lock;
	pthread_cond_t turn;  /* next or held went down, or a stop */
	uint64_t next;        /* the first seq not yet written whole */
	size_t held;          /* bytes sent and not yet written or dropped */
	size_t held_next;     /* ... of them, sent by next's own sender */
	unsigned waiting;     /* senders asleep on turn */
};

/* What a result counts against the budget: its bytes and the overhead. */
static size_t
result_cost(size_t len)
{
	return sizeof(struct result) + len + sizeof(struct result *);
}

static void
wake_senders(void *arg)
{
	struct collector *c = arg;

	pthread_mutex_lock(&c->lock);
	pthread_cond_broadcast(&c->turn);
	pthread_mutex_unlock(&c->lock);
}

struct collector *
collector_new(int fd, size_t capacity, bool sorted, size_t budget)
{
	struct collector *c = xcalloc(1, sizeof(*c));

	c->reply = port_create(capacity);
	c->fd = fd;
	c->sorted = sorted;
	c->budget = budget;
	pthread_mutex_init(&c->lock, NULL);
	pthread_cond_init(&c->turn, NULL);
	if (sorted)
		cancel_set_waker(wake_senders, c);
	return c;
}

void
collector_drop_lead(struct collector *c, const char *lead, size_t lead_len)
{
	c->lead = lead;
	c->lead_len = lead_len;
}

void
collector_free(struct collector *c)
{
	if (c == NULL)
		return;
	if (c->sorted)
		cancel_set_waker(NULL, NULL);
	port_destroy(c->reply, free);
	pthread_cond_destroy(&c->turn);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

/*
 * Sorted: wait until a result of cost bytes for seq may be sent, and
 * count it; false on a stop.  *in_turn: seq was the next to be written.
 */
static bool
wait_turn(struct collector *c, uint64_t seq, size_t cost, bool *in_turn)
{
	bool ok;

	pthread_mutex_lock(&c->lock);
	for (;;) {
		ok = !cancel_requested();
		*in_turn = seq == c->next;
		/* Alone, even a result over the budget must go through. */
		if (!ok || (*in_turn ? c->held_next == 0 ||
		    c->held_next + cost <= c->budget :
		    c->held + cost <= c->budget))
			break;
		c->waiting++;
		pthread_cond_wait(&c->turn, &c->lock);
		c->waiting--;
	}
	if (ok) {
		c->held += cost;
		if (*in_turn)
			c->held_next += cost;
	}
	pthread_mutex_unlock(&c->lock);
	return ok;
}

/* The printer wrote or dropped results: give their bytes back. */
static void
release(struct collector *c, size_t freed, size_t freed_next, uint64_t next)
{
	if (!c->sorted)
		return;
	pthread_mutex_lock(&c->lock);
	c->held -= freed;
	c->held_next -= freed_next;
	c->next = next;
	if (c->waiting > 0)
		pthread_cond_broadcast(&c->turn);
	pthread_mutex_unlock(&c->lock);
}

bool
collector_send(struct collector *c, uint64_t first, uint64_t seq, bool last,
    const struct outbuf *out)
{
	size_t cost = result_cost(out->len);
	struct result *r;
	bool in_turn = false;

	if (c->sorted && !wait_turn(c, first, cost, &in_turn))
		return false;
	r = xmalloc(sizeof(*r) + out->len);
	r->first = first;
	r->seq = seq;
	r->last = last;
	r->in_turn = in_turn;
	r->len = out->len;
	if (out->len > 0)
		memcpy(r->data, out->data, out->len);
	if (port_send(c->reply, r))
		return true;
	free(r);
	if (c->sorted) {
		pthread_mutex_lock(&c->lock);
		c->held -= cost;
		c->held_next -= in_turn ? cost : 0;
		pthread_mutex_unlock(&c->lock);
	}
	return false;
}

void
collector_close(struct collector *c)
{
	port_close(c->reply);
}

/*
 * Results waiting for their turn, as a binary min-heap on first, then on
 * arrival: the runs results cover never overlap, and the parts of one seq
 * come from one sender through the port in order (only the first part
 * covers a run before it), so arrival order is their order.
 */
struct pending {
	struct result **heap;
	size_t count, cap;
};

static bool
before(const struct result *a, const struct result *b)
{
	return a->first < b->first ||
	    (a->first == b->first && a->arrival < b->arrival);
}

static void
pending_push(struct pending *p, struct result *r)
{
	size_t i;

	if (p->count == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		struct result **h = xrealloc(p->heap, cap * sizeof(*h));

		p->heap = h;
		p->cap = cap;
	}
	i = p->count++;
	while (i > 0 && before(r, p->heap[(i - 1) / 2])) {
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
		if (c + 1 < p->count && before(p->heap[c + 1], p->heap[c]))
			c++;
		if (!before(p->heap[c], last))
			break;
		p->heap[i] = p->heap[c];
		i = c;
	}
	if (p->count > 0)
		p->heap[i] = last;
	return top;
}

/* What the printer has written or dropped since it last said so. */
struct freed {
	size_t bytes, next_bytes;
};

static void
drop_result(struct freed *f, struct result *r)
{
	f->bytes += result_cost(r->len);
	if (r->in_turn)
		f->next_bytes += result_cost(r->len);
	free(r);
}

static void
write_result(struct collector *c, struct outbuf *out, struct freed *f,
    struct result *r)
{
	const char *data = r->data;
	size_t len = r->len;

	if (!c->wrote && len > 0) {
		c->wrote = true;
		if (c->lead != NULL && len >= c->lead_len &&
		    memcmp(data, c->lead, c->lead_len) == 0) {
			data += c->lead_len;
			len -= c->lead_len;
		}
	}
	if (out->len + len < COLLECT_FLUSH) {
		outbuf_append(out, data, len);
	} else {
		/* A big result goes out as it is, not through the buffer. */
		struct outbuf whole = {(char *)data, len, len};

		outbuf_write_fd(out, c->fd);
		outbuf_write_fd(&whole, c->fd);
	}
	drop_result(f, r);
}

void
collector_main(struct isolate *self, void *arg)
{
	struct collector *c = arg;
	struct outbuf out = OUTBUF_INIT;
	struct pending pending = {NULL, 0, 0};
	uint64_t next = 0;
	uint64_t arrivals = 0;
	void *msg;

	(void)self;
	for (;;) {
		struct freed f = {0, 0};
		struct result *r;

		if (!port_try_recv(c->reply, &msg)) {
			/* Nothing waiting: show what we have, then block. */
			outbuf_write_fd(&out, c->fd);
			if (!port_recv(c->reply, &msg))
				break;
		}
		r = msg;
		r->arrival = arrivals++;
		if (cancel_requested()) {
			/* Stopping (a signal, or -q): nothing more is written. */
			drop_result(&f, r);
		} else if (!c->sorted) {
			write_result(c, &out, &f, r);
		} else {
			pending_push(&pending, r);
			while (pending.count > 0 &&
			    pending.heap[0]->first == next) {
				r = pending_pop(&pending);
				next = r->last ? r->seq + 1 : r->seq;
				write_result(c, &out, &f, r);
			}
		}
		release(c, f.bytes, f.next_bytes, next);
	}
	/* Only a cancelled run leaves gaps; write what arrived, in order. */
	while (pending.count > 0) {
		struct freed f = {0, 0};

		write_result(c, &out, &f, pending_pop(&pending));
	}
	free(pending.heap);
	outbuf_write_fd(&out, c->fd);
	outbuf_free(&out);
}
