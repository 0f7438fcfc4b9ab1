/*
 * test_isolate.c - isolates: each allocates from an arena of its own,
 * messages move between arenas and threads, a port carries work to an
 * isolate until it is closed, and a pool of workers between a work port and a reply port
 * (the shape of the real search) loses and duplicates nothing.
 *
 * The arena checks need jemalloc.  Sanitizer builds use libc malloc, where
 * arena_available() is false: there the same isolates still run and their
 * messages are still checked, and the result line notes what was skipped.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>

#include "runtime/arena.h"
#include "runtime/isolate.h"
#include "runtime/port.h"
#include "unit.h"

/* splitmix64: a cheap, well-mixed function of the item number. */
static uint64_t
mix(uint64_t x)
{
	x += UINT64_C(0x9e3779b97f4a7c15);
	x = (x ^ (x >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	x = (x ^ (x >> 27)) * UINT64_C(0x94d049bb133111eb);
	return x ^ (x >> 31);
}

static void
note_no_arenas(void)
{
	unit_note("arena checks skipped: no jemalloc in this build");
}

/* Each isolate reports its arena. */

enum {
	ARENA_ISOLATES = 4,
	SMALL_BYTES = 48,		/* served from the thread cache */
	LARGE_BYTES = 1 << 20,		/* served by the arena itself */
};

struct arena_report {
	int id;
	int current;		/* arena_current() inside the isolate */
	int small_arena;	/* arena_of() a small malloc there */
	int large_arena;	/* arena_of() a large malloc there */
};

struct arena_arg {
	struct port *reply;
	int id;
};

static void
report_arena(struct isolate *self, void *raw)
{
	struct arena_arg *arg = raw;
	struct arena_report *r = malloc(sizeof(*r));
	void *small = malloc(SMALL_BYTES);
	void *large = malloc(LARGE_BYTES);

	(void)self;
	if (r == NULL || small == NULL || large == NULL) {
		expect_true(r != NULL && small != NULL && large != NULL);
		free(r);
		free(small);
		free(large);
		return;
	}
	r->id = arg->id;
	r->current = arena_current();
	r->small_arena = arena_of(small);
	r->large_arena = arena_of(large);
	free(small);
	free(large);
	/* The report itself is a message from this isolate's arena. */
	expect_true(port_send(arg->reply, r));
}

static void
test_isolate_private_arenas(void)
{
	struct isolate *iso[ARENA_ISOLATES];
	struct arena_arg args[ARENA_ISOLATES];
	struct arena_report *got[ARENA_ISOLATES] = { NULL };
	int spawned[ARENA_ISOLATES];	/* isolate_arena() at spawn */
	struct port *reply = port_create(ARENA_ISOLATES);
	void *main_block = malloc(SMALL_BYTES);
	int main_arena = arena_current();
	void *msg;

	assert_ptr_not_null(reply);
	assert_ptr_not_null(main_block);
	for (int i = 0; i < ARENA_ISOLATES; i++) {
		args[i] = (struct arena_arg){ .reply = reply, .id = i };
		iso[i] = isolate_spawn(report_arena, &args[i]);
		assert_ptr_not_null(iso[i]);
		/* Valid at once: spawn waits for the isolate to publish it. */
		spawned[i] = isolate_arena(iso[i]);
	}
	for (int i = 0; i < ARENA_ISOLATES; i++) {
		struct arena_report *r;

		assert_true(port_recv(reply, &msg));
		r = msg;
		assert_true(r->id >= 0 && r->id < ARENA_ISOLATES);
		assert_ptr_null(got[r->id]);	/* each isolate reports once */
		got[r->id] = r;
	}
	expect_false(port_try_recv(reply, &msg));

	if (!arena_available()) {
		note_no_arenas();
		for (int i = 0; i < ARENA_ISOLATES; i++) {
			expect_int_eq(spawned[i], -1);
			expect_int_eq(got[i]->current, -1);
		}
	} else {
		expect_int_ne(main_arena, -1);
		expect_int_eq(arena_of(main_block), main_arena);
		for (int i = 0; i < ARENA_ISOLATES; i++) {
			int a = isolate_arena(iso[i]);

			expect_int_eq(spawned[i], a);
			expect_int_ne(a, -1);
			expect_int_ne(a, main_arena);
			expect_int_eq(got[i]->current, a);
			expect_int_eq(got[i]->small_arena, a);
			expect_int_eq(got[i]->large_arena, a);
			/* Still owned by the isolate's arena, though here. */
			expect_int_eq(arena_of(got[i]), a);
			for (int j = 0; j < i; j++)
				expect_int_ne(a, isolate_arena(iso[j]));
		}
	}
	for (int i = 0; i < ARENA_ISOLATES; i++) {
		isolate_join(iso[i]);
		free(got[i]);	/* freed by main, after its isolate ended */
	}
	free(main_block);
	port_destroy(reply, NULL);
}

/* Ownership moves: one isolate allocates, another frees. */

enum {
	OWN_MESSAGES = 20000,
	OWN_MAX_BYTES = 4096,
};

struct owned {
	uint32_t seq;
	int arena;		/* the sender's arena_current() */
	uint32_t len;		/* bytes of fill */
	unsigned char fill[];	/* each byte (seq + i) & 0xff */
};

struct own_arg {
	struct port *out;
	struct port *in;   /* what a receiving isolate reads */
	size_t count;
	/* Results of a receiving isolate, read by main after the join. */
	size_t received, bad_fill, bad_arena, own_arena_hits;
	uint64_t sum;
};

static void
own_produce(struct isolate *self, void *raw)
{
	struct own_arg *arg = raw;
	int arena = arena_current();

	(void)self;
	for (uint32_t seq = 0; seq < arg->count; seq++) {
		/* Sizes spread over cache bins and a few large classes. */
		uint32_t len = (uint32_t)(mix(seq) % OWN_MAX_BYTES);
		struct owned *m = malloc(sizeof(*m) + len);

		if (m == NULL) {
			expect_ptr_not_null(m);
			break;
		}
		m->seq = seq;
		m->arena = arena;
		m->len = len;
		for (uint32_t i = 0; i < len; i++)
			m->fill[i] = (unsigned char)(seq + i);
		if (!port_send(arg->out, m)) {
			expect_true(false);
			free(m);
			break;
		}
	}
	port_close(arg->out);
}

/* Check one owned message and free it: it is the receiver's now. */
static void
own_consume_one(struct own_arg *arg, struct owned *m, int own_arena)
{
	for (uint32_t i = 0; i < m->len; i++)
		if (m->fill[i] != (unsigned char)(m->seq + i)) {
			arg->bad_fill++;
			break;
		}
	if (arena_available()) {
		if (arena_of(m) != m->arena)
			arg->bad_arena++;
		if (arena_of(m) == own_arena)
			arg->own_arena_hits++;
	}
	arg->received++;
	arg->sum += m->seq;
	free(m);
}

static void
own_consume(struct isolate *self, void *raw)
{
	struct own_arg *arg = raw;
	void *msg;

	while (port_recv(arg->in, &msg))
		own_consume_one(arg, msg, isolate_arena(self));
}

static void
expect_owned_all(const struct own_arg *arg, size_t count)
{
	expect_size_eq(arg->received, count);
	expect_u64_eq(arg->sum, (uint64_t)count * (count - 1) / 2);
	expect_size_eq(arg->bad_fill, 0);
	expect_size_eq(arg->bad_arena, 0);
	expect_size_eq(arg->own_arena_hits, 0);
	if (!arena_available())
		note_no_arenas();
}

static void
test_isolate_message_freed_by_receiver(void)
{
	struct own_arg prod = { .count = OWN_MESSAGES };
	struct own_arg cons = { 0 };
	struct isolate *consumer, *producer;

	/* The producer sends straight into the port the consumer reads. */
	cons.in = port_create(32);
	assert_ptr_not_null(cons.in);
	consumer = isolate_spawn(own_consume, &cons);
	assert_ptr_not_null(consumer);
	prod.out = cons.in;
	producer = isolate_spawn(own_produce, &prod);
	assert_ptr_not_null(producer);
	if (arena_available())
		expect_int_ne(isolate_arena(producer),
		    isolate_arena(consumer));
	/* The producer closes the port when done; the consumer then ends. */
	isolate_join(producer);
	isolate_join(consumer);
	port_destroy(cons.in, NULL);
	expect_owned_all(&cons, OWN_MESSAGES);
}

static void
test_isolate_message_outlives_sender(void)
{
	enum { N = 500 };
	struct own_arg prod = { .count = N };
	struct own_arg mine = { 0 };
	struct isolate *producer;
	void *msg;

	/* Room for everything: the isolate ends before anything is read. */
	prod.out = port_create(N);
	assert_ptr_not_null(prod.out);
	producer = isolate_spawn(own_produce, &prod);
	assert_ptr_not_null(producer);
	isolate_join(producer);
	while (port_recv(prod.out, &msg))
		own_consume_one(&mine, msg, arena_current());
	expect_owned_all(&mine, N);
	port_destroy(prod.out, NULL);
}

/* A receiving isolate: messages in until its port is closed. */

enum {
	INBOX_CAPACITY = 8,
	INBOX_MESSAGES = 10000,
};

struct inbox_result {
	struct port *in;
	size_t count;
	uint64_t sum;
	bool ordered;
};

static void
inbox_loop(struct isolate *self, void *raw)
{
	struct inbox_result *res = raw;
	uintptr_t last = 0;
	void *msg;

	res->ordered = true;
	(void)self;
	while (port_recv(res->in, &msg)) {
		uintptr_t v = (uintptr_t)msg;

		if (v <= last)
			res->ordered = false;
		last = v;
		res->count++;
		res->sum += v;
	}
}

static void
test_isolate_receives_until_close(void)
{
	struct inbox_result res = { .in = port_create(INBOX_CAPACITY) };
	struct port *inbox = res.in;
	struct isolate *iso;

	assert_ptr_not_null(inbox);
	iso = isolate_spawn(inbox_loop, &res);
	assert_ptr_not_null(iso);
	/* Far more than the capacity: the sender waits on the isolate. */
	for (uintptr_t v = 1; v <= INBOX_MESSAGES; v++)
		expect_true(port_send(inbox, (void *)v));
	port_close(inbox);
	isolate_join(iso);
	port_destroy(inbox, NULL);
	/* res was written by the isolate; the join orders it before us. */
	expect_size_eq(res.count, INBOX_MESSAGES);
	expect_u64_eq(res.sum,
	    (uint64_t)INBOX_MESSAGES * (INBOX_MESSAGES + 1) / 2);
	expect_true(res.ordered);
}

/* The pipeline: work port -> N worker isolates -> reply port -> collector. */

enum {
	PIPE_WORKERS = 8,
	PIPE_ITEMS = 100000,
	PIPE_CAPACITY = 64,
};

struct item {
	uint64_t seq;
};

struct result {
	uint64_t seq;
	uint64_t value;		/* mix(seq) */
	int worker;
	int arena;		/* the worker's arena, -1 without jemalloc */
};

struct worker_arg {
	struct port *work, *reply;
	int id;
};

struct collector_arg {
	struct port *reply;
	unsigned char *seen;	/* receipts per seq, owned by the collector */
	size_t count, bad_seq, bad_arena;
	size_t per_worker[PIPE_WORKERS];
	uint64_t sum, xor;
};

static void
pipe_worker(struct isolate *self, void *raw)
{
	struct worker_arg *arg = raw;
	void *msg;

	while (port_recv(arg->work, &msg)) {
		struct item *it = msg;
		struct result *r = malloc(sizeof(*r));

		if (r == NULL) {
			expect_ptr_not_null(r);
			free(it);
			continue;
		}
		r->seq = it->seq;
		r->value = mix(it->seq);
		r->worker = arg->id;
		r->arena = isolate_arena(self);
		free(it);	/* allocated by main, freed here */
		if (!port_send(arg->reply, r)) {
			expect_true(false);
			free(r);
		}
	}
}

static void
pipe_collect(struct isolate *self, void *raw)
{
	struct collector_arg *arg = raw;
	void *msg;

	(void)self;
	while (port_recv(arg->reply, &msg)) {
		struct result *r = msg;

		if (r->seq >= PIPE_ITEMS || r->worker < 0 ||
		    r->worker >= PIPE_WORKERS) {
			arg->bad_seq++;
			free(r);
			continue;
		}
		if (arg->seen[r->seq] < UCHAR_MAX)
			arg->seen[r->seq]++;
		arg->per_worker[r->worker]++;
		if (arena_available() && arena_of(r) != r->arena)
			arg->bad_arena++;
		arg->count++;
		arg->sum += r->value;
		arg->xor ^= r->value;
		free(r);
	}
}

static void
test_isolate_pipeline(void)
{
	struct isolate *workers[PIPE_WORKERS], *collector;
	struct worker_arg wargs[PIPE_WORKERS];
	struct collector_arg col = { 0 };
	struct port *work = port_create(PIPE_CAPACITY);
	struct port *reply = port_create(PIPE_CAPACITY);
	uint64_t want_sum = 0, want_xor = 0;
	size_t missing = 0, doubled = 0, by_workers = 0;

	assert_ptr_not_null(work);
	assert_ptr_not_null(reply);
	col.reply = reply;
	col.seen = calloc(PIPE_ITEMS, 1);
	assert_ptr_not_null(col.seen);
	/* The collector drains replies while main is still sending. */
	collector = isolate_spawn(pipe_collect, &col);
	assert_ptr_not_null(collector);
	for (int i = 0; i < PIPE_WORKERS; i++) {
		wargs[i] = (struct worker_arg){ work, reply, i };
		workers[i] = isolate_spawn(pipe_worker, &wargs[i]);
		assert_ptr_not_null(workers[i]);
	}

	for (uint64_t seq = 0; seq < PIPE_ITEMS; seq++) {
		struct item *it = malloc(sizeof(*it));

		assert_ptr_not_null(it);
		it->seq = seq;
		expect_true(port_send(work, it));
		want_sum += mix(seq);
		want_xor ^= mix(seq);
	}
	/* End of work; once every worker is gone, end of replies. */
	port_close(work);
	for (int i = 0; i < PIPE_WORKERS; i++)
		isolate_join(workers[i]);
	port_close(reply);
	isolate_join(collector);

	for (size_t seq = 0; seq < PIPE_ITEMS; seq++) {
		missing += col.seen[seq] == 0;
		doubled += col.seen[seq] > 1;
	}
	for (int i = 0; i < PIPE_WORKERS; i++)
		by_workers += col.per_worker[i];
	expect_size_eq(col.count, PIPE_ITEMS);
	expect_size_eq(by_workers, PIPE_ITEMS);
	expect_u64_eq(col.sum, want_sum);
	expect_u64_eq(col.xor, want_xor);
	expect_size_eq(missing, 0);
	expect_size_eq(doubled, 0);
	expect_size_eq(col.bad_seq, 0);
	if (arena_available())
		expect_size_eq(col.bad_arena, 0);
	else
		note_no_arenas();
	free(col.seen);
	port_destroy(work, NULL);
	port_destroy(reply, NULL);
}

int
main(int argc, char **argv)
{
	static const struct unit_test tests[] = {
		UNIT_TEST(test_isolate_private_arenas),
		UNIT_TEST(test_isolate_message_freed_by_receiver),
		UNIT_TEST(test_isolate_message_outlives_sender),
		UNIT_TEST(test_isolate_receives_until_close),
		UNIT_TEST(test_isolate_pipeline),
	};

	return unit_run(argc, argv, tests, UNIT_COUNT(tests));
}
