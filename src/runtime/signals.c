/*
 * signals.c - turning a signal into an orderly stop.
 *
 * A handler could only set a flag; a thread that waits with sigwait can do
 * more.  Every thread runs with the signals blocked, so they are delivered
 * here only.  The waiter records the signal and raises the cancel flag:
 * the walker stops walking, workers stop between chunks, the printer stops
 * between whole results, and main exits with 128 + the signal's number.
 * A thread stuck in a blocking read (a silent FIFO) or write (a pipe whose
 * reader stalls) cannot see the flag, so after 100 ms the waiter ends the
 * program itself.
 *
 * Ending it must not cut a record in the output.  outbuf.c writes stdout
 * in pieces that end records and tells whether one that can stop half
 * done is under way (outbuf_writing): a write to a file, or a record
 * longer than PIPE_BUF to a pipe.  The waiter first stops new pieces,
 * then waits for such a write to end, up to RECORD_GRACE_NS more: a
 * reader that stalls for longer loses the rest of that one long record
 * rather than hang the exit.
 */
#include "runtime/signals.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

#include "base/outbuf.h"
#include "runtime/cancel.h"

enum {
	GRACE_NS = 100 * 1000 * 1000,        /* for the orderly way out */
	RECORD_GRACE_NS = 400 * 1000 * 1000, /* then for a record being written */
	RECORD_POLL_NS = 2 * 1000 * 1000,
};

static atomic_int caught;
static sigset_t watched;

static void *
signals_wait(void *arg)
{
	struct timespec grace = {0, GRACE_NS}, poll = {0, RECORD_POLL_NS};
	int sig;

	(void)arg;
	if (sigwait(&watched, &sig) != 0)
		return NULL;
	atomic_store(&caught, sig);
	cancel_request();
	outbuf_stop_writes();
	nanosleep(&grace, NULL);
	for (long waited = 0; outbuf_writing() && waited < RECORD_GRACE_NS;
	    waited += RECORD_POLL_NS)
		nanosleep(&poll, NULL);
	/* Colors on: a reset, so the terminal is not left colored. */
	outbuf_write_interrupt_trailer();
	_exit(128 + sig);
}

void
signals_start(void)
{
	pthread_t thread;
	pthread_attr_t attr;

	sigemptyset(&watched);
	sigaddset(&watched, SIGINT);
	sigaddset(&watched, SIGTERM);
	sigaddset(&watched, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &watched, NULL);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	/* Without the thread, the default actions apply again. */
	if (pthread_create(&thread, &attr, signals_wait, NULL) != 0)
		pthread_sigmask(SIG_UNBLOCK, &watched, NULL);
	pthread_attr_destroy(&attr);
}

int
signals_caught(void)
{
	return atomic_load(&caught);
}
