/*
 * walker.h - the coordinator's walk: roots in, selected entries out.
 */
#ifndef ISOGREP_WALKER_H
#define ISOGREP_WALKER_H

#include <stdbool.h>
#include <stddef.h>

#include "walk/filter.h"
#include "walk/walk_config.h"

/* Receives each selected entry; named: the user gave it as a root. */
typedef void (*walker_emit)(void *ctx, const struct candidate *c,
    bool named);

struct walker_config {
	const struct walk_config *walk;
	const char *const *roots; /* "-" is standard input */
	size_t nroots;
	bool strip_dot_slash;     /* the implicit "." root: print "a", not "./a" */
	const struct filter_plan *plan;
	unsigned workers;         /* isolates that also hold descriptors */
	/*
	 * Say which files short_read_ends (a search that reads them with
	 * no stat first): one fstatfs per directory, not spent on --files.
	 */
	bool note_short_reads;
	walker_emit emit;
	void *ctx;
};

/* What the walk saw. */
struct walker_stats {
	unsigned long long selected;
	unsigned long long skipped[SKIP_REASONS];
};

/*
 * Walk every root: directories are read whole (getdents64, no stat per
 * entry unless a filter needs one), hidden names, ignore-file rules and the
 * filter plan decide what is emitted.  Roots that are not directories are
 * emitted as named, unfiltered.  Errors are reported and the walk goes on.
 */
void walker_run(const struct walker_config *cfg, struct walker_stats *stats);

#endif
