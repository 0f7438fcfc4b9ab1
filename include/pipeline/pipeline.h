/*
 * pipeline.h - N worker isolates and one printer isolate, run together.
 */
#ifndef ISOGREP_PIPELINE_H
#define ISOGREP_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "pipeline/collector.h"
#include "runtime/port.h"

/* What each worker isolate is handed. */
struct pipeline_worker {
	struct port *work;       /* work to take, or NULL (no work port) */
	struct collector *reply; /* results for the printer, or NULL */
	void *arg;               /* this worker's own argument */
};

/* A worker isolate's body, run on its own thread in its own arena. */
typedef void (*pipeline_entry)(struct pipeline_worker *w);

struct pipeline_config {
	unsigned workers;      /* how many to start, at least 1 */
	pipeline_entry worker; /* what each runs */
	void *args;            /* worker i gets (char *)args + i * arg_size */
	size_t arg_size;
	/*
	 * A work port of this many messages for feed to fill; 0: none, the
	 * workers find their work otherwise.
	 */
	size_t work_capacity;
	/* Run in the calling thread while the workers run; may be NULL. */
	void (*feed)(struct port *work, void *ctx);
	void *feed_ctx;
	bool print;            /* start the printer isolate */
	/*
	 * It writes results in sequence order, and workers wait rather than
	 * have it hold more than COLLECTOR_BUDGET bytes (collector.h).
	 */
	bool sorted;
	size_t reply_capacity; /* results queued for it, at most */
	/* Dropped from the start of the first result written (or NULL). */
	const char *lead;
	size_t lead_len;
};

/*
 * Start the printer (when cfg->print) and the workers, run the feed, then
 * close the work port, wait for every worker, and only then end the
 * printer, once it has written all they sent.  Returns when every isolate
 * has finished; the workers' arguments hold whatever they left there.
 */
void pipeline_run(const struct pipeline_config *cfg);

#endif
