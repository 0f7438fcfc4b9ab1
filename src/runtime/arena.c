/*
 * arena.c - jemalloc arenas, one per isolate.
 *
 * Isolates never share an allocator arena, so workers do not contend on
 * allocator locks and each isolate's memory stays together.  This is the
 * only file that talks to jemalloc: sanitizer builds define
 * ISOGREP_NO_JEMALLOC, link libc malloc, and get the no-op versions below.
 */
#include "runtime/arena.h"

#include <stddef.h>

#ifndef ISOGREP_NO_JEMALLOC
#include <jemalloc/jemalloc.h>

const char *
arena_allocator_version(void)
{
	const char *v = NULL;
	size_t len = sizeof(v);

	if (mallctl("version", &v, &len, NULL, 0) != 0 || v == NULL)
		return "jemalloc (version unknown)";
	return v;
}

bool
arena_available(void)
{
	return true;
}

int
arena_create_and_bind(void)
{
	unsigned arena;
	size_t len = sizeof(arena);

	if (mallctl("arenas.create", &arena, &len, NULL, 0) != 0)
		return -1;
	if (mallctl("thread.arena", NULL, NULL, &arena, sizeof(arena)) != 0)
		return -1;
	return (int)arena;
}

int
arena_current(void)
{
	unsigned arena;
	size_t len = sizeof(arena);

	if (mallctl("thread.arena", &arena, &len, NULL, 0) != 0)
		return -1;
	return (int)arena;
}

int
arena_of(const void *ptr)
{
	unsigned arena;
	size_t len = sizeof(arena);

	if (mallctl("arenas.lookup", &arena, &len, &ptr, sizeof(ptr)) != 0)
		return -1;
	return (int)arena;
}

void
arena_flush_thread_cache(void)
{
	mallctl("thread.tcache.flush", NULL, NULL, NULL, 0);
}

#else /* ISOGREP_NO_JEMALLOC */

const char *
arena_allocator_version(void)
{
	return NULL;
}

bool
arena_available(void)
{
	return false;
}

int
arena_create_and_bind(void)
{
	return -1;
}

int
arena_current(void)
{
	return -1;
}

int
arena_of(const void *ptr)
{
	(void)ptr;
	return -1;
}

void
arena_flush_thread_cache(void)
{
}

#endif
