/*
 * cancel.c - the stop flag.
 *
 * When the answer is known (-q saw a selected line) the rest of the work is
 * pointless.  The walker checks this flag between entries and workers
 * between files; everyone then winds down through the normal close-and-
 * join path, so no thread is left running when main returns.
 *
 * A thread asleep on a condition variable (a worker waiting for its turn
 * with --sort) checks nothing until it is woken, so whoever owns that
 * condition registers a waker, called once when the stop is asked for.
 * It is called with this module's lock held, so that once it is removed
 * it is certainly not running.
 */
#include "runtime/cancel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

static atomic_bool stop;
static pthread_mutex_t waker_lock = PTHREAD_MUTEX_INITIALIZER;
static void (*waker)(void *arg);
static void *waker_arg;

void
cancel_request(void)
{
	/* Only the first request wakes anyone: the flag stays set. */
	if (atomic_exchange(&stop, true))
		return;
	pthread_mutex_lock(&waker_lock);
	if (waker != NULL)
		waker(waker_arg);
	pthread_mutex_unlock(&waker_lock);
}

bool
cancel_requested(void)
{
	return atomic_load_explicit(&stop, memory_order_relaxed);
}

void
cancel_set_waker(void (*wake)(void *arg), void *arg)
{
	pthread_mutex_lock(&waker_lock);
	waker = wake;
	waker_arg = arg;
	pthread_mutex_unlock(&waker_lock);
}
