/*
 * listing.h - the --files output: one path per line (or per NUL).
 */
#ifndef ISOGREP_LISTING_H
#define ISOGREP_LISTING_H

#include <stdbool.h>

#include "filter.h"
#include "outbuf.h"

struct listing {
	struct outbuf out;
	char terminator; /* '\n', or '\0' with -0 */
};

void listing_init(struct listing *l, bool null_sep);

/* A walker_emit: append the entry's path. */
void listing_emit(void *listing, const struct candidate *c, bool named);

/* Write what is left to stdout and free the buffer. */
void listing_finish(struct listing *l);

#endif
