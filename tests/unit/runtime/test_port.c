/*
 * test_port.c - the bounded blocking queue: no message lost or duplicated
 * under many senders and receivers, the close protocol, the capacity bound
 * and the drop callback of port_destroy.
 *
 * Messages are small integers encoded in the pointer (never 0, so a NULL
 * out of the port is always a bug), except where ownership of heap memory
 * is the point.  Checks that a thread is blocked use a handshake plus a
 * short sleep: a slow machine can make them pass vacuously, never fail
 * falsely.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

#include "runtime/port.h"
#include "unit.h"

#define MSG(v) ((void *)(uintptr_t)(v))
#define VAL(m) ((uintptr_t)(m))

/* How long to give a thread to reach its blocking call. */
enum { SETTLE_MS = 50 };

/* Many producers, many consumers. */

enum {
	MPMC_PRODUCERS = 4,
	MPMC_CONSUMERS = 4,
	MPMC_CAPACITY = 64,
	MPMC_MESSAGES = 1000000,
};

struct mpmc {
	struct port *port;
	_Atomic unsigned char *seen;	/* receipts per value */
	atomic_bool closing;		/* set just before port_close */
};

struct producer {
	struct mpmc *shared;
	uintptr_t first, end;		/* values [first, end) */
	bool ok;
};

struct consumer {
	struct mpmc *shared;
	size_t count;
	uint64_t sum, xor;
	bool ordered;	/* each producer's values arrived increasing */
};

/* Producer p owns one contiguous range of 1-based values. */
static uintptr_t
mpmc_first(int p)
{
	return 1 + (uintptr_t)p * MPMC_MESSAGES / MPMC_PRODUCERS;
}

static void *
mpmc_produce(void *raw)
{
	struct producer *pr = raw;

	pr->ok = true;
	for (uintptr_t v = pr->first; v < pr->end; v++)
		if (!port_send(pr->shared->port, MSG(v)))
			pr->ok = false;
	return NULL;
}

static void *
mpmc_consume(void *raw)
{
	struct consumer *c = raw;
	uintptr_t last[MPMC_PRODUCERS] = { 0 };
	void *msg;

	c->ordered = true;
	while (port_recv(c->shared->port, &msg)) {
		uintptr_t v = VAL(msg);
		int p = 0;

		if (v == 0 || v > MPMC_MESSAGES) {
			expect_true(v >= 1 && v <= MPMC_MESSAGES);
			continue;
		}
		atomic_fetch_add_explicit(&c->shared->seen[v - 1], 1,
		    memory_order_relaxed);
		c->count++;
		c->sum += v;
		c->xor ^= v;
		/*
		 * One receiver takes messages in queue order, and a sender's
		 * messages enter the queue in order: so they arrive here
		 * increasing, whoever else receives in between.
		 */
		while (p + 1 < MPMC_PRODUCERS && v >= mpmc_first(p + 1))
			p++;
		if (v <= last[p])
			c->ordered = false;
		last[p] = v;
	}
	/* The end of the stream comes with the close, never before. */
	expect_true(atomic_load(&c->shared->closing));
	return NULL;
}

static void
test_port_mpmc_exactly_once(void)
{
	pthread_t pt[MPMC_PRODUCERS], ct[MPMC_CONSUMERS];
	struct producer pr[MPMC_PRODUCERS];
	struct consumer co[MPMC_CONSUMERS] = { 0 };
	struct mpmc shared;
	uint64_t want_sum = 0, want_xor = 0, sum = 0, xor = 0;
	size_t count = 0, missing = 0, doubled = 0;

	shared.port = port_create(MPMC_CAPACITY);
	assert_ptr_not_null(shared.port);
	shared.seen = malloc(MPMC_MESSAGES * sizeof(*shared.seen));
	assert_ptr_not_null(shared.seen);
	for (size_t i = 0; i < MPMC_MESSAGES; i++)
		atomic_init(&shared.seen[i], 0);
	atomic_init(&shared.closing, false);

	for (int i = 0; i < MPMC_CONSUMERS; i++) {
		co[i].shared = &shared;
		assert_int_eq(pthread_create(&ct[i], NULL, mpmc_consume,
		    &co[i]), 0);
	}
	for (int i = 0; i < MPMC_PRODUCERS; i++) {
		pr[i].shared = &shared;
		pr[i].first = mpmc_first(i);
		pr[i].end = mpmc_first(i + 1);
		assert_int_eq(pthread_create(&pt[i], NULL, mpmc_produce,
		    &pr[i]), 0);
	}
	for (int i = 0; i < MPMC_PRODUCERS; i++) {
		pthread_join(pt[i], NULL);
		expect_true(pr[i].ok);
	}
	/* Every send has returned: closing now ends the stream, no loss. */
	atomic_store(&shared.closing, true);
	port_close(shared.port);
	for (int i = 0; i < MPMC_CONSUMERS; i++) {
		pthread_join(ct[i], NULL);
		expect_true(co[i].ordered);
		count += co[i].count;
		sum += co[i].sum;
		xor ^= co[i].xor;
	}

	for (uintptr_t v = 1; v <= MPMC_MESSAGES; v++) {
		unsigned seen = atomic_load(&shared.seen[v - 1]);

		want_sum += v;
		want_xor ^= v;
		missing += seen == 0;
		doubled += seen > 1;
	}
	expect_size_eq(count, MPMC_MESSAGES);
	expect_u64_eq(sum, want_sum);
	expect_u64_eq(xor, want_xor);
	expect_size_eq(missing, 0);
	expect_size_eq(doubled, 0);
	free((void *)shared.seen);
	port_destroy(shared.port, NULL);
}

/* Close semantics, single-threaded. */

static void
test_port_recv_closed_empty(void)
{
	struct port *p = port_create(4);
	void *msg = NULL;

	assert_ptr_not_null(p);
	port_close(p);
	/* Would hang (and time out) if a closed empty port blocked. */
	expect_false(port_recv(p, &msg));
	expect_false(port_try_recv(p, &msg));
	port_close(p);	/* idempotent */
	expect_false(port_recv(p, &msg));
	port_destroy(p, NULL);
}

static void
test_port_drain_after_close_fifo(void)
{
	struct port *p = port_create(4);
	void *msg = NULL;

	assert_ptr_not_null(p);
	/* Wrap the ring first, so FIFO is checked across the seam. */
	for (uintptr_t v = 100; v < 103; v++)
		expect_true(port_send(p, MSG(v)));
	for (uintptr_t v = 100; v < 103; v++) {
		expect_true(port_recv(p, &msg));
		expect_int_eq(VAL(msg), v);
	}
	for (uintptr_t v = 1; v <= 4; v++)
		expect_true(port_send(p, MSG(v)));
	port_close(p);
	expect_true(port_recv(p, &msg));
	expect_int_eq(VAL(msg), 1);
	expect_true(port_try_recv(p, &msg));
	expect_int_eq(VAL(msg), 2);
	expect_true(port_recv(p, &msg));
	expect_int_eq(VAL(msg), 3);
	expect_true(port_recv(p, &msg));
	expect_int_eq(VAL(msg), 4);
	expect_false(port_recv(p, &msg));
	expect_false(port_try_recv(p, &msg));
	port_destroy(p, NULL);
}

static size_t drops;
static uintptr_t drop_sum;

static void
count_drop(void *msg)
{
	drops++;
	drop_sum += VAL(msg);
}

static void
test_port_send_after_close(void)
{
	struct port *p = port_create(4);
	void *msg = NULL;

	assert_ptr_not_null(p);
	expect_true(port_send(p, MSG(1)));
	port_close(p);
	/* Refused: the message stays the caller's and is not queued. */
	expect_false(port_send(p, MSG(2)));
	expect_true(port_recv(p, &msg));
	expect_int_eq(VAL(msg), 1);
	expect_false(port_recv(p, &msg));
	drops = 0;
	port_destroy(p, count_drop);
	expect_size_eq(drops, 0);
}

static void
test_port_try_recv_empty(void)
{
	struct port *p = port_create(2);
	void *msg = NULL;

	assert_ptr_not_null(p);
	expect_false(port_try_recv(p, &msg));
	expect_true(port_send(p, MSG(7)));
	expect_true(port_try_recv(p, &msg));
	expect_int_eq(VAL(msg), 7);
	expect_false(port_try_recv(p, &msg));
	port_destroy(p, NULL);
}

/* Blocking and waking. */

struct blocked {
	struct port *port;
	uintptr_t value;	/* to send; or what was received */
	atomic_bool started;	/* about to make the blocking call */
	atomic_bool done;	/* the call returned */
	bool result;
};

static void *
blocked_recv(void *raw)
{
	struct blocked *b = raw;
	void *msg = NULL;

	atomic_store(&b->started, true);
	b->result = port_recv(b->port, &msg);
	b->value = VAL(msg);
	atomic_store(&b->done, true);
	return NULL;
}

static void *
blocked_send(void *raw)
{
	struct blocked *b = raw;

	atomic_store(&b->started, true);
	b->result = port_send(b->port, MSG(b->value));
	atomic_store(&b->done, true);
	return NULL;
}

/* Start fn on each of bs[0..n) and wait until they have all started. */
static void
start_blocked(pthread_t *t, struct blocked *bs, size_t n,
    void *(*fn)(void *))
{
	for (size_t i = 0; i < n; i++) {
		atomic_init(&bs[i].started, false);
		atomic_init(&bs[i].done, false);
		assert_int_eq(pthread_create(&t[i], NULL, fn, &bs[i]), 0);
	}
	for (size_t i = 0; i < n; i++)
		while (!atomic_load(&bs[i].started))
			unit_sleep_ms(1);
	unit_sleep_ms(SETTLE_MS);
}

enum { WAITERS = 4 };

static void
test_port_close_wakes_receivers(void)
{
	struct port *p = port_create(4);
	struct blocked bs[WAITERS];
	pthread_t t[WAITERS];

	assert_ptr_not_null(p);
	for (size_t i = 0; i < WAITERS; i++)
		bs[i] = (struct blocked){ .port = p, .value = 0 };
	start_blocked(t, bs, WAITERS, blocked_recv);
	for (size_t i = 0; i < WAITERS; i++)
		expect_false(atomic_load(&bs[i].done));
	/* Every receiver must wake, not just one. */
	port_close(p);
	for (size_t i = 0; i < WAITERS; i++) {
		pthread_join(t[i], NULL);
		expect_true(atomic_load(&bs[i].done));
		expect_false(bs[i].result);
	}
	port_destroy(p, NULL);
}

static void
test_port_close_wakes_senders(void)
{
	struct port *p = port_create(1);
	struct blocked bs[WAITERS];
	pthread_t t[WAITERS];
	void *msg = NULL;

	assert_ptr_not_null(p);
	expect_true(port_send(p, MSG(1)));
	for (size_t i = 0; i < WAITERS; i++)
		bs[i] = (struct blocked){ .port = p, .value = 10 + i };
	start_blocked(t, bs, WAITERS, blocked_send);
	for (size_t i = 0; i < WAITERS; i++)
		expect_false(atomic_load(&bs[i].done));
	port_close(p);
	for (size_t i = 0; i < WAITERS; i++) {
		pthread_join(t[i], NULL);
		expect_false(bs[i].result);
	}
	/* The message queued before the close survives it, alone. */
	expect_true(port_recv(p, &msg));
	expect_int_eq(VAL(msg), 1);
	expect_false(port_recv(p, &msg));
	port_destroy(p, NULL);
}

static void
test_port_recv_waits_for_send(void)
{
	struct port *p = port_create(2);
	struct blocked b = { .port = p };
	pthread_t t;

	assert_ptr_not_null(p);
	start_blocked(&t, &b, 1, blocked_recv);
	expect_false(atomic_load(&b.done));
	expect_true(port_send(p, MSG(42)));
	pthread_join(t, NULL);
	expect_true(b.result);
	expect_int_eq(b.value, 42);
	port_destroy(p, NULL);
}

static void
test_port_capacity_bound(void)
{
	struct port *p = port_create(2);
	struct blocked b = { .port = p, .value = 3 };
	pthread_t t;
	void *msg = NULL;

	assert_ptr_not_null(p);
	/* Two fit without blocking (a hang here times out). */
	expect_true(port_send(p, MSG(1)));
	expect_true(port_send(p, MSG(2)));
	start_blocked(&t, &b, 1, blocked_send);
	expect_false(atomic_load(&b.done));
	/* One receive makes room: the third send completes. */
	expect_true(port_recv(p, &msg));
	expect_int_eq(VAL(msg), 1);
	pthread_join(t, NULL);
	expect_true(atomic_load(&b.done));
	expect_true(b.result);
	expect_true(port_try_recv(p, &msg));
	expect_int_eq(VAL(msg), 2);
	expect_true(port_try_recv(p, &msg));
	expect_int_eq(VAL(msg), 3);
	expect_false(port_try_recv(p, &msg));
	port_destroy(p, NULL);
}

/* port_destroy hands queued messages to drop. */

static size_t freed;
static int freed_sum;

static void
free_int(void *msg)
{
	int *v = msg;

	freed++;
	freed_sum += *v;
	free(v);
}

static int *
new_int(int v)
{
	int *m = malloc(sizeof(*m));

	if (m != NULL)
		*m = v;
	return m;
}

static void
test_port_destroy_drops_queued(void)
{
	struct port *p = port_create(4);
	void *msg = NULL;
	int *m;

	assert_ptr_not_null(p);
	/* Leave the ring wrapped: head at 3, four queued (4, 5, 6, 7). */
	for (int v = 1; v <= 4; v++) {
		m = new_int(v);
		assert_ptr_not_null(m);
		expect_true(port_send(p, m));
	}
	for (int v = 1; v <= 3; v++) {
		expect_true(port_recv(p, &msg));
		expect_int_eq(*(int *)msg, v);
		free(msg);
	}
	for (int v = 5; v <= 7; v++) {
		m = new_int(v);
		assert_ptr_not_null(m);
		expect_true(port_send(p, m));
	}
	port_close(p);
	freed = 0;
	freed_sum = 0;
	/* Under ASan, a message not dropped shows up as a leak. */
	port_destroy(p, free_int);
	expect_size_eq(freed, 4);
	expect_int_eq(freed_sum, 4 + 5 + 6 + 7);

	/* Empty, and no callback: nothing to do, nothing to crash. */
	p = port_create(1);
	assert_ptr_not_null(p);
	port_destroy(p, NULL);
	port_destroy(NULL, free_int);
	expect_size_eq(freed, 4);
}

int
main(int argc, char **argv)
{
	static const struct unit_test tests[] = {
		UNIT_TEST(test_port_mpmc_exactly_once),
		UNIT_TEST(test_port_recv_closed_empty),
		UNIT_TEST(test_port_drain_after_close_fifo),
		UNIT_TEST(test_port_send_after_close),
		UNIT_TEST(test_port_try_recv_empty),
		UNIT_TEST(test_port_close_wakes_receivers),
		UNIT_TEST(test_port_close_wakes_senders),
		UNIT_TEST(test_port_recv_waits_for_send),
		UNIT_TEST(test_port_capacity_bound),
		UNIT_TEST(test_port_destroy_drops_queued),
	};

	return unit_run(argc, argv, tests, UNIT_COUNT(tests));
}
