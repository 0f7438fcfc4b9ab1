/*
 * port.h - bounded blocking message queue between isolates.
 *
 * A port carries opaque message pointers.  Sending moves ownership of the
 * message to whoever receives it: the sender must not touch it again.
 */
#ifndef ISOGREP_PORT_H
#define ISOGREP_PORT_H

#include <stdbool.h>
#include <stddef.h>

struct port;

/* Create a port holding at most capacity (>= 1) messages. */
struct port *port_create(size_t capacity);

/*
 * Send msg, blocking while the port is full.  Returns false (and keeps
 * ownership with the caller) when the port is closed.
 */
bool port_send(struct port *p, void *msg);

/*
 * Receive the oldest message into *msg, blocking while the port is empty.
 * Returns false once the port is closed and empty: the end of the stream.
 */
bool port_recv(struct port *p, void **msg);

/* Like port_recv but never blocks: false when nothing is queued now. */
bool port_try_recv(struct port *p, void **msg);

/*
 * Close the port: later sends fail, receivers drain what is queued and then
 * see the end.  Wakes every blocked sender and receiver.  Idempotent.
 */
void port_close(struct port *p);

/* Free the port; messages still queued are passed to drop (if not NULL). */
void port_destroy(struct port *p, void (*drop)(void *msg));

#endif
