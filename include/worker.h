/*
 * worker.h - the worker isolate: searches the files of path batches.
 */
#ifndef ISOGREP_WORKER_H
#define ISOGREP_WORKER_H

#include <stdbool.h>
#include <sys/stat.h>

#include "matcher.h"
#include "options.h"
#include "pipeline.h"

/* Read-only settings every worker shares. */
struct worker_shared {
	const struct options *opts;
	const struct matcher *matcher;
	bool with_filename;
	bool sorted;        /* send a result for every file (--sort) */
	const struct stat *out; /* standard output's stat, or NULL */
};

/* One worker's own state; totals are read after it is joined. */
struct worker {
	const struct worker_shared *shared;
	unsigned long long selected; /* lines selected in all its files */
	unsigned long long searched; /* files searched */
	unsigned long long matched;  /* files with a selected line */
	unsigned long long binary;   /* files skipped as binary */
};

/*
 * A pipeline entry: w->arg is a struct worker; batches come in on
 * w->work, results go out on w->reply.
 */
void worker_main(struct pipeline_worker *w);

#endif
