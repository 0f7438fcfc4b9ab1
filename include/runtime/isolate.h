/*
 * isolate.h - a thread with its own allocator arena.
 *
 * An isolate shares no mutable state with others: it reads what it is given
 * at spawn (read-only), receives from and replies through the ports it was
 * handed there (port.h).
 */
#ifndef ISOGREP_ISOLATE_H
#define ISOGREP_ISOLATE_H

struct isolate;

/* The isolate's body; runs on its own thread after its arena is bound. */
typedef void (*isolate_entry)(struct isolate *self, void *arg);

/* Start an isolate running entry(self, arg); NULL if it could not start. */
struct isolate *isolate_spawn(isolate_entry entry, void *arg);

/* The jemalloc arena the isolate allocates from (-1 without jemalloc). */
int isolate_arena(const struct isolate *iso);

/*
 * Wait for the isolate to finish, then free it.  Close the ports it
 * receives from first if it runs until they close.
 */
void isolate_join(struct isolate *iso);

#endif
