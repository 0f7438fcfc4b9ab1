/*
 * isolate.c - starting and joining isolates.
 *
 * The runtime layer (src/runtime/): the isolate model -- bounded ports,
 * threads with private arenas, cancellation, signals and the SIGBUS
 * guard.  It knows nothing of files or patterns.
 *
 * An isolate is a POSIX thread that, before running its entry function,
 * creates a private jemalloc arena and binds itself to it: from then on its
 * allocations (read buffers, match data, result messages) come from that
 * arena.  A message allocated here may be freed by the isolate that receives
 * it; jemalloc returns it to the arena it came from.
 *
 * The arena index is published to the spawner with a small handshake, so
 * isolate_arena() is valid as soon as isolate_spawn() returns.
 */
#include "runtime/isolate.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "base/xmalloc.h"
#include "runtime/arena.h"

struct isolate {
	pthread_t thread;
	isolate_entry entry;
	void *arg;
	int arena;
	/* Start-up handshake: the thread publishes its arena, then runs. */
	pthread_mutex_t lock;
	pthread_cond_t started_cond;
	bool started;
};

static void *
isolate_main(void *raw)
{
	struct isolate *self = raw;
	int arena = arena_create_and_bind();

	pthread_mutex_lock(&self->lock);
	self->arena = arena;
	self->started = true;
	pthread_cond_signal(&self->started_cond);
	pthread_mutex_unlock(&self->lock);

	self->entry(self, self->arg);
	/* Cached blocks go back to their arenas before the thread dies. */
	arena_flush_thread_cache();
	return NULL;
}

struct isolate *
isolate_spawn(isolate_entry entry, void *arg)
{
	struct isolate *iso = xcalloc(1, sizeof(*iso));

	iso->entry = entry;
	iso->arg = arg;
	iso->arena = -1;
	pthread_mutex_init(&iso->lock, NULL);
	pthread_cond_init(&iso->started_cond, NULL);
	if (pthread_create(&iso->thread, NULL, isolate_main, iso) != 0) {
		pthread_cond_destroy(&iso->started_cond);
		pthread_mutex_destroy(&iso->lock);
		free(iso);
		return NULL;
	}
	pthread_mutex_lock(&iso->lock);
	while (!iso->started)
		pthread_cond_wait(&iso->started_cond, &iso->lock);
	pthread_mutex_unlock(&iso->lock);
	return iso;
}

int
isolate_arena(const struct isolate *iso)
{
	return iso->arena;
}

void
isolate_join(struct isolate *iso)
{
	if (iso == NULL)
		return;
	pthread_join(iso->thread, NULL);
	pthread_cond_destroy(&iso->started_cond);
	pthread_mutex_destroy(&iso->lock);
	free(iso);
}
