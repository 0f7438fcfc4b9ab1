/*
 * track.c - the allocation tracker of track.h, on the sanitizers' malloc
 * and free hooks.
 *
 * The hooks run inside the allocator, so they only touch a fixed array.
 * Tracking covers one call into the code under test, which allocates a
 * few blocks at a time; overflowing the array is a bug in the target and
 * aborts.  Single-threaded, as libFuzzer runs a target.
 */
#include "track.h"

#include <sanitizer/allocator_interface.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

enum {
	LIVE_MAX = 4096,
};

static const volatile void *live[LIVE_MAX];
static size_t nlive;
static bool tracking;
static bool overflow;

static void
track_malloc(const volatile void *p, size_t size)
{
	(void)size;
	if (!tracking)
		return;
	if (nlive < LIVE_MAX)
		live[nlive++] = p;
	else
		overflow = true;
}

static void
track_free(const volatile void *p)
{
	if (!tracking)
		return;
	for (size_t i = nlive; i-- > 0;) {
		if (live[i] == p) {
			live[i] = live[--nlive];
			return;
		}
	}
}

void
track_init(void)
{
	if (!__sanitizer_install_malloc_and_free_hooks(track_malloc,
	    track_free))
		abort();
}

void
track_start(void)
{
	nlive = 0;
	overflow = false;
	tracking = true;
}

void
track_stop(bool free_left)
{
	tracking = false;
	if (!free_left)
		return;
	if (overflow)
		abort(); /* LIVE_MAX is too small for this target */
	for (size_t i = 0; i < nlive; i++)
		free((void *)(uintptr_t)live[i]);
	nlive = 0;
}
