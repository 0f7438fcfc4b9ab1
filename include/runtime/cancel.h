/*
 * cancel.h - the one flag that stops a search early (-q found a line, or
 * a signal came).
 */
#ifndef ISOGREP_CANCEL_H
#define ISOGREP_CANCEL_H

#include <stdbool.h>

/* Ask the walker and every worker to stop at their next check. */
void cancel_request(void);

/* True once a stop was asked for. */
bool cancel_requested(void);

/*
 * Have the first cancel_request call wake(arg), in the requesting thread,
 * so that threads blocked on a condition see the stop; wake must not call
 * cancel_request.  One waker at a time; NULL removes it, and once that
 * returns the old waker is not running and will not run.
 */
void cancel_set_waker(void (*wake)(void *arg), void *arg);

#endif
