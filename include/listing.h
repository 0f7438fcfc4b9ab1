/*
 * listing.h - the --files output: one path per line (or per NUL).
 */
#ifndef ISOGREP_LISTING_H
#define ISOGREP_LISTING_H

#include <stdbool.h>

#include "filter.h"
#include "outbuf.h"
#include "printer.h"

struct listing {
	struct outbuf out;
	struct printer_prefix format; /* name_end and escape are used */
};

/* escape: stdout is a terminal. */
void listing_init(struct listing *l, bool null_sep, bool escape);

/* A walker_emit: append the entry's path. */
void listing_emit(void *listing, const struct candidate *c, bool named);

/* Write what is left to stdout and free the buffer. */
void listing_finish(struct listing *l);

#endif
