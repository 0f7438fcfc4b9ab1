/*
 * dispatch.h - batching selected files and sending them to the workers.
 */
#ifndef ISOGREP_DISPATCH_H
#define ISOGREP_DISPATCH_H

#include <stdbool.h>
#include <stdint.h>

#include "runtime/port.h"
#include "walk/filter.h"

struct dispatch {
	struct port *work;
	struct batch *batch;
	size_t target;  /* files in the current batch before it is sent */
	uint64_t data;  /* bytes of the files in the current batch, if known */
	uint64_t seq;   /* sequence number of the next file (walk order) */
};

void dispatch_init(struct dispatch *d, struct port *work);

/* A walker_emit: add the entry to the current batch, send when full. */
void dispatch_emit(void *dispatch, const struct candidate *c, bool named);

/* Send what is left. */
void dispatch_flush(struct dispatch *d);

#endif
