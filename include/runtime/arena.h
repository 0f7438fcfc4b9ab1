/*
 * arena.h - private allocator arenas for isolates.
 *
 * The only module that knows which allocator is in use.  With jemalloc each
 * isolate gets an arena of its own; sanitizer builds (ISOGREP_NO_JEMALLOC)
 * use libc malloc and these calls become no-ops.
 */
#ifndef ISOGREP_ARENA_H
#define ISOGREP_ARENA_H

#include <stdbool.h>

/* True when private arenas are really in use (jemalloc build). */
bool arena_available(void);

/*
 * jemalloc's version string ("5.3.0-0-g..."); NULL when the build uses
 * libc malloc.
 */
const char *arena_allocator_version(void);

/*
 * Create a new arena and bind the calling thread to it, so every later
 * malloc of this thread comes from it.  Returns the arena index, or -1 when
 * arenas are unavailable or creation failed (the thread keeps its default).
 */
int arena_create_and_bind(void);

/* The arena the calling thread allocates from, or -1 when unknown. */
int arena_current(void);

/* The arena that owns the allocation ptr, or -1 when unknown. */
int arena_of(const void *ptr);

/* Return cached memory of the calling thread to its arenas (before exit). */
void arena_flush_thread_cache(void);

#endif
