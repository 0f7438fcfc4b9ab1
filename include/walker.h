/*
 * walker.h - the coordinator's walk: roots in, path batches out.
 */
#ifndef ISOGREP_WALKER_H
#define ISOGREP_WALKER_H

#include <stdbool.h>
#include <stddef.h>

#include "port.h"

struct walker_config {
	const char *const *roots; /* "-" is standard input */
	size_t nroots;
	bool strip_dot_slash;     /* the implicit "." root: print "a", not "./a" */
};

/*
 * Walk every root with fts (physical walk; a symlink named as a root is
 * followed) and send batches of the regular files found to work.  Errors
 * are reported and the walk goes on.  Does not close the port.
 */
void walker_run(const struct walker_config *cfg, struct port *work);

#endif
