/*
 * test_collector.c - the sorted printer: order, its budget, and a stop.
 *
 * Senders take blocks of sequence numbers in order from a shared counter
 * (as workers take batches from the work port) and send each result in
 * one to three parts; some results are empty and go as runs, with the
 * next result of the block or at its end.  The printer's output, to a
 * temporary file, must be every non-empty result in order.  Small budgets make the senders wait for their turn most of
 * the time.  The stop test must stay last: the cancel flag cannot be
 * lowered again in this process.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/outbuf.h"
#include "pipeline/collector.h"
#include "runtime/cancel.h"
#include "runtime/isolate.h"
#include "unit.h"

enum {
	SENDERS = 4,
	RESULTS = 3000,
	BLOCK = 4, /* seqs a sender takes at once */
};

struct run {
	struct collector *c;
	atomic_uint_fast64_t taken;  /* the next seq to hand out */
	atomic_uint_fast64_t sent;   /* results sent whole */
	uint64_t slow;               /* this seq's sender dawdles first */
	uint64_t sent_before_slow;   /* results sent when it was sent */
	size_t failed;               /* sends that returned false */
	pthread_mutex_t lock;
};

/* Result seq's text: its number, then a length that varies with it. */
static void
result_text(uint64_t seq, struct outbuf *out)
{
	outbuf_put_uint(out, seq);
	for (uint64_t i = 0; i < seq * 7919 % 200; i++)
		outbuf_putc(out, (char)('a' + i % 26));
	outbuf_putc(out, '\n');
}

/* Result seq prints nothing: it goes in a run (see collector_send). */
static bool
is_empty(uint64_t seq)
{
	return seq % 5 == 3 || (seq >= 2000 && seq < 2020);
}

static void
note_sent(struct run *run, uint64_t seq, bool ok)
{
	pthread_mutex_lock(&run->lock);
	if (!ok)
		run->failed++;
	if (seq == run->slow)
		run->sent_before_slow = atomic_load(&run->sent);
	pthread_mutex_unlock(&run->lock);
	atomic_fetch_add(&run->sent, 1);
}

/* Send result seq in parts, the run of empty ones before it first. */
static bool
send_result(struct run *run, uint64_t first, uint64_t seq,
    struct outbuf *text, struct outbuf *part)
{
	size_t parts = 1 + seq % 3, at = 0;
	bool ok = true;

	outbuf_clear(text);
	result_text(seq, text);
	for (size_t p = 0; p < parts; p++) {
		size_t end = p + 1 == parts ? text->len :
		    text->len * (p + 1) / parts;

		outbuf_clear(part);
		outbuf_append(part, text->data + at, end - at);
		at = end;
		ok = ok && collector_send(run->c, p == 0 ? first : seq, seq,
		    p + 1 == parts, part);
	}
	return ok;
}

static void *
sender(void *arg)
{
	struct run *run = arg;
	struct outbuf text = OUTBUF_INIT, part = OUTBUF_INIT;
	uint64_t base;

	while ((base = atomic_fetch_add(&run->taken, BLOCK)) < RESULTS) {
		uint64_t end = base + BLOCK < RESULTS ? base + BLOCK : RESULTS;
		uint64_t first = base; /* the run of empty results from here */

		for (uint64_t seq = base; seq < end; seq++) {
			if (seq == run->slow)
				unit_sleep_ms(200);
			if (is_empty(seq)) {
				note_sent(run, seq, true);
				continue;
			}
			note_sent(run, seq, send_result(run, first, seq, &text,
			    &part));
			first = seq + 1;
		}
		if (first < end) {
			/* The block ends in a run: it goes alone. */
			outbuf_clear(&part);
			if (!collector_send(run->c, first, end - 1, true,
			    &part)) {
				pthread_mutex_lock(&run->lock);
				run->failed++;
				pthread_mutex_unlock(&run->lock);
			}
		}
	}
	outbuf_free(&text);
	outbuf_free(&part);
	return NULL;
}

/*
 * Run SENDERS senders and a printer on a collector of the given budget,
 * the printer's output going to a temporary file; returns that file,
 * rewound.
 */
static FILE *
run_sorted(struct run *run, size_t budget)
{
	pthread_t t[SENDERS];
	struct isolate *printer;
	FILE *out = tmpfile();

	assert_ptr_not_null(out);
	run->c = collector_new(fileno(out), 8, true, budget);
	assert_ptr_not_null(run->c);
	atomic_init(&run->taken, 0);
	atomic_init(&run->sent, 0);
	pthread_mutex_init(&run->lock, NULL);
	printer = isolate_spawn(collector_main, run->c);
	assert_ptr_not_null(printer);
	for (int i = 0; i < SENDERS; i++)
		assert_int_eq(pthread_create(&t[i], NULL, sender, run), 0);
	for (int i = 0; i < SENDERS; i++)
		pthread_join(t[i], NULL);
	collector_close(run->c);
	isolate_join(printer);
	collector_free(run->c);
	pthread_mutex_destroy(&run->lock);
	rewind(out);
	return out;
}

/*
 * The file holds result 0, 1, ... RESULTS - 1, each whole, in order, but
 * the empty ones.
 */
static void
expect_in_order(FILE *got)
{
	struct outbuf want = OUTBUF_INIT;
	char *line = NULL;
	size_t cap = 0;
	uint64_t seq = 0;
	ssize_t n;

	while ((n = getline(&line, &cap, got)) > 0) {
		while (seq < RESULTS && is_empty(seq))
			seq++;
		outbuf_clear(&want);
		result_text(seq, &want);
		if ((size_t)n != want.len || memcmp(line, want.data, want.len)) {
			unit_note("result %llu out of place or torn",
			    (unsigned long long)seq);
			break;
		}
		seq++;
	}
	while (seq < RESULTS && is_empty(seq))
		seq++;
	expect_u64_eq(seq, RESULTS);
	free(line);
	outbuf_free(&want);
	fclose(got);
}

/* Budgets from "nothing ahead of its turn" to "everything ahead". */
static void
test_collector_sorted_order(void)
{
	static const size_t budgets[] = {1, 600, 8 * 1024, 16 << 20};

	for (size_t i = 0; i < sizeof(budgets) / sizeof(budgets[0]); i++) {
		struct run run = {.slow = UINT64_MAX};

		expect_in_order(run_sorted(&run, budgets[i]));
		expect_int_eq(run.failed, 0);
	}
}

/*
 * While result 100 dawdles, the others go ahead only as far as the budget
 * lets them: each costs at least its text, so no more than budget / 2
 * bytes' worth of the shortest (2 bytes) can be sent past it, plus the
 * senders' own in-flight ones.
 */
static void
test_collector_budget_holds_back(void)
{
	struct run big = {.slow = 100}, small = {.slow = 100};

	expect_in_order(run_sorted(&big, 16 << 20));
	/* An ample budget: (nearly) everything else went ahead meanwhile. */
	expect_true(big.sent_before_slow > 1000);
	expect_in_order(run_sorted(&small, 2048));
	/* 2 KiB holds a few dozen results at most, whatever their size. */
	expect_true(small.sent_before_slow < 100 + 64);
	unit_note("sent before the slow one: %llu with 16 MiB, %llu with "
	    "2 KiB", (unsigned long long)big.sent_before_slow,
	    (unsigned long long)small.sent_before_slow);
}

struct stop_run {
	struct collector *c;
	atomic_int returned;
};

static void *
waiting_sender(void *arg)
{
	struct stop_run *run = arg;
	struct outbuf text = OUTBUF_INIT;

	/* With the 900 bytes ahead, 200 more pass the budget of 1000. */
	for (int i = 0; i < 200; i++)
		outbuf_putc(&text, 'y');
	/* Result 0 never comes: this waits until the stop. */
	expect_false(collector_send(run->c, 5, 5, true, &text));
	atomic_fetch_add(&run->returned, 1);
	outbuf_free(&text);
	return NULL;
}

/* A stop wakes senders waiting for their turn (keep this test last). */
static void
test_collector_stop_wakes_waiters(void)
{
	struct stop_run run;
	struct outbuf filler = OUTBUF_INIT;
	struct isolate *printer;
	pthread_t t[SENDERS];
	FILE *out = tmpfile();

	assert_ptr_not_null(out);
	run.c = collector_new(fileno(out), 8, true, 1000);
	assert_ptr_not_null(run.c);
	atomic_init(&run.returned, 0);
	printer = isolate_spawn(collector_main, run.c);
	assert_ptr_not_null(printer);
	/* Result 1 takes nearly all the budget ahead of result 0. */
	for (int i = 0; i < 900; i++)
		outbuf_putc(&filler, 'x');
	expect_true(collector_send(run.c, 1, 1, true, &filler));
	for (int i = 0; i < SENDERS; i++)
		assert_int_eq(pthread_create(&t[i], NULL, waiting_sender, &run),
		    0);
	unit_sleep_ms(100);
	expect_int_eq(atomic_load(&run.returned), 0);
	cancel_request();
	for (int i = 0; i < SENDERS; i++)
		pthread_join(t[i], NULL);
	expect_int_eq(atomic_load(&run.returned), SENDERS);
	collector_close(run.c);
	isolate_join(printer);
	fclose(out);
	collector_free(run.c);
	outbuf_free(&filler);
}

int
main(int argc, char **argv)
{
	static const struct unit_test tests[] = {
		UNIT_TEST(test_collector_sorted_order),
		UNIT_TEST(test_collector_budget_holds_back),
		UNIT_TEST(test_collector_stop_wakes_waiters),
	};

	return unit_run(argc, argv, tests, UNIT_COUNT(tests));
}
