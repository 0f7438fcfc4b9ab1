/*
 * port.c - the bounded blocking queue that isolates talk through.
 *
 * Isolates share no mutable state; the only thing they share is ports.  A
 * port is a fixed ring of message pointers guarded by one mutex and two
 * condition variables: senders wait on "not full", receivers on "not
 * empty".  The bound is the point: a walker that outruns the workers, or
 * workers that outrun the printer, wait instead of filling memory.
 *
 * Closing is the end-of-stream signal.  A closed port refuses new messages
 * and wakes everyone; receivers still drain what was queued before they see
 * the end, so no message that was successfully sent is ever lost.
 */
#include "base/xmalloc.h"
#include "runtime/port.h"

#include <pthread.h>
#include <stdlib.h>

struct port {
	pthread_mutex_t lock;
	pthread_cond_t not_empty;
	pthread_cond_t not_full;
	size_t capacity;
	size_t head;  /* index of the oldest message */
	size_t count; /* messages queued */
	bool closed;
	void **ring;
};

struct port *
port_create(size_t capacity)
{
	struct port *p;

	if (capacity == 0)
		capacity = 1;
	p = xcalloc(1, sizeof(*p));
	p->ring = xcalloc(capacity, sizeof(*p->ring));
	p->capacity = capacity;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->not_empty, NULL);
	pthread_cond_init(&p->not_full, NULL);
	return p;
}

bool
port_send(struct port *p, void *msg)
{
	pthread_mutex_lock(&p->lock);
	while (p->count == p->capacity && !p->closed)
		pthread_cond_wait(&p->not_full, &p->lock);
	if (p->closed) {
		pthread_mutex_unlock(&p->lock);
		return false;
	}
	p->ring[(p->head + p->count) % p->capacity] = msg;
	p->count++;
	pthread_cond_signal(&p->not_empty);
	pthread_mutex_unlock(&p->lock);
	return true;
}

/* Take the oldest message; the caller holds the lock and count > 0. */
static void *
port_take_locked(struct port *p)
{
	void *msg = p->ring[p->head];

	p->head = (p->head + 1) % p->capacity;
	p->count--;
	pthread_cond_signal(&p->not_full);
	return msg;
}

bool
port_recv(struct port *p, void **msg)
{
	pthread_mutex_lock(&p->lock);
	while (p->count == 0 && !p->closed)
		pthread_cond_wait(&p->not_empty, &p->lock);
	if (p->count == 0) {
		pthread_mutex_unlock(&p->lock);
		return false;
	}
	*msg = port_take_locked(p);
	pthread_mutex_unlock(&p->lock);
	return true;
}

bool
port_try_recv(struct port *p, void **msg)
{
	bool got = false;

	pthread_mutex_lock(&p->lock);
	if (p->count > 0) {
		*msg = port_take_locked(p);
		got = true;
	}
	pthread_mutex_unlock(&p->lock);
	return got;
}

void
port_close(struct port *p)
{
	pthread_mutex_lock(&p->lock);
	p->closed = true;
	pthread_cond_broadcast(&p->not_empty);
	pthread_cond_broadcast(&p->not_full);
	pthread_mutex_unlock(&p->lock);
}

void
port_destroy(struct port *p, void (*drop)(void *msg))
{
	if (p == NULL)
		return;
	while (p->count > 0) {
		void *msg = p->ring[p->head];

		p->head = (p->head + 1) % p->capacity;
		p->count--;
		if (drop != NULL)
			drop(msg);
	}
	pthread_cond_destroy(&p->not_full);
	pthread_cond_destroy(&p->not_empty);
	pthread_mutex_destroy(&p->lock);
	free(p->ring);
	free(p);
}
