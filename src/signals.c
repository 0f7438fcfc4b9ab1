/*
 * signals.c - turning a signal into an orderly stop.
 *
 * A handler could only set a flag; a thread that waits with sigwait can do
 * more.  Every thread runs with the signals blocked, so they are delivered
 * here only.  The waiter records the signal and raises the cancel flag:
 * the walker stops walking, workers stop between chunks, the printer stops
 * between whole results, and main exits with 128 + the signal's number.
 * Nothing is ever written in part, so no half line reaches the output.  A
 * thread stuck in a blocking read (a silent FIFO) cannot see the flag, so
 * after 100 ms the waiter ends the program itself.
 */
#include "signals.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

#include "cancel.h"

enum { GRACE_NS = 100 * 1000 * 1000 };

static atomic_int caught;
static sigset_t watched;

static void *
signals_wait(void *arg)
{
	struct timespec grace = {0, GRACE_NS};
	int sig;

	(void)arg;
	if (sigwait(&watched, &sig) != 0)
		return NULL;
	atomic_store(&caught, sig);
	cancel_request();
	nanosleep(&grace, NULL);
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
