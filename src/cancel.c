/*
 * cancel.c - the stop flag.
 *
 * When the answer is known (-q saw a selected line) the rest of the work is
 * pointless.  The walker checks this flag between entries and workers
 * between files; everyone then winds down through the normal close-and-
 * join path, so no thread is left running when main returns.
 */
#include "cancel.h"

#include <stdatomic.h>

static atomic_bool stop;

void
cancel_request(void)
{
	atomic_store_explicit(&stop, true, memory_order_relaxed);
}

bool
cancel_requested(void)
{
	return atomic_load_explicit(&stop, memory_order_relaxed);
}
