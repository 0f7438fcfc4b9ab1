/*
 * listing.h - the --files output: one path per line (or per NUL).
 */
#ifndef ISOGREP_LISTING_H
#define ISOGREP_LISTING_H

#include <stdbool.h>

#include "base/outbuf.h"
#include "print/printer.h"
#include "walk/filter.h"

struct listing {
	struct outbuf out;
	char name_end; /* after each name: '\n', or '\0' with -0 */
	bool escape;   /* make controls visible (a terminal, no -0) */
};

/* escape: stdout is a terminal. */
void listing_init(struct listing *l, bool null_sep, bool escape);

/* A walker_emit: append the entry's path. */
void listing_emit(void *listing, const struct candidate *c, bool named);

/* Write what is left to stdout and free the buffer. */
void listing_finish(struct listing *l);

#endif
