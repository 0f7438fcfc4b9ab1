/*
 * worker.h - the worker isolate: searches the files of path batches.
 */
#ifndef ISOGREP_WORKER_H
#define ISOGREP_WORKER_H

#include <stdbool.h>

#include "pipeline/pipeline.h"
#include "pipeline/search_setup.h"
#include "print/stats.h"

/* Read-only settings every worker shares. */
struct worker_shared {
	const struct search_setup *setup;
	bool sorted;        /* send a result for every file (--sort) */
};

/* One worker's own state; totals are read after it is joined. */
struct worker {
	const struct worker_shared *shared;
	unsigned long long selected; /* lines selected in all its files */
	unsigned long long searched; /* files searched */
	unsigned long long matched;  /* files with a selected line */
	unsigned long long binary;   /* files skipped as binary */
	struct print_stats stats;    /* --stats, --json: its sink's counts */
};

/*
 * A pipeline entry: w->arg is a struct worker; batches come in on
 * w->work, results go out on w->reply.
 */
void worker_main(struct pipeline_worker *w);

#endif
