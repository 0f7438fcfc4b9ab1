/*
 * isolate.h - a thread with its own allocator arena and an inbox port.
 *
 * An isolate shares no mutable state with others: it reads what it is given
 * at spawn (read-only) and what arrives in its inbox, and replies through
 * ports it was handed.
 */
#ifndef ISOGREP_ISOLATE_H
#define ISOGREP_ISOLATE_H

#include <stddef.h>

#include "port.h"

struct isolate;

/* The isolate's body; runs on its own thread after its arena is bound. */
typedef void (*isolate_entry)(struct isolate *self, void *arg);

/*
 * Start an isolate running entry(self, arg) with an inbox of inbox_capacity
 * messages (0: no inbox of its own).  NULL when the thread could not start.
 */
struct isolate *isolate_spawn(isolate_entry entry, void *arg,
    size_t inbox_capacity);

/* The isolate's inbox port, or NULL when it was spawned without one. */
struct port *isolate_inbox(const struct isolate *iso);

/* The jemalloc arena the isolate allocates from (-1 without jemalloc). */
int isolate_arena(const struct isolate *iso);

/*
 * Wait for the isolate to finish, then free it and its inbox.  Close the
 * inbox first if the isolate runs until its inbox closes; messages still
 * queued in it are dropped without being freed.
 */
void isolate_join(struct isolate *iso);

#endif
