/*
 * pipeline.c - N worker isolates and one printer isolate, run together.
 *
 * The pipeline layer (src/pipeline/): wiring isolates together -- the
 * work port fed by the walk, the worker isolates, the printer isolate and
 * its order, the big-file split and the --files listing.
 *
 * Both parallel searches have this shape: a tree search, where the walk
 * in the calling thread feeds path batches through the work port, and the
 * split of one big file, where the workers take segments by themselves.
 * Either way the workers send results through the reply port to the one
 * printer isolate.  What is easy to get wrong is the order of the ends,
 * so it is written once, here: the work port is closed when the feed is
 * done, so the workers drain it and return; the reply port is closed only
 * after every worker has been joined, since until then one may still
 * send; and the printer is joined last, having written all it was sent.
 */
#include "pipeline/pipeline.h"

#include <stdlib.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/xmalloc.h"
#include "pipeline/collector.h"
#include "runtime/isolate.h"

/* One worker's start: what it is handed and what it runs. */
struct handoff {
	struct pipeline_worker w;
	pipeline_entry entry;
};

static void
worker_start(struct isolate *self, void *arg)
{
	struct handoff *h = arg;

	(void)self;
	h->entry(&h->w);
}

void
pipeline_run(const struct pipeline_config *cfg)
{
	unsigned n = cfg->workers;
	struct collector *reply = NULL;
	struct port *work = NULL;
	struct isolate *printer = NULL;
	struct isolate **iso = xcalloc(n, sizeof(*iso));
	struct handoff *h = xcalloc(n, sizeof(*h));

	if (cfg->work_capacity > 0)
		work = port_create(cfg->work_capacity);
	if (cfg->print) {
		reply = collector_new(STDOUT_FILENO, cfg->reply_capacity,
		    cfg->sorted, COLLECTOR_BUDGET);
		collector_drop_lead(reply, cfg->lead, cfg->lead_len);
		printer = isolate_spawn(collector_main, reply);
		if (printer == NULL)
			diag_fatal("cannot start the printer thread");
	}
	for (unsigned i = 0; i < n; i++) {
		h[i].w.work = work;
		h[i].w.reply = reply;
		h[i].w.arg = (char *)cfg->args + i * cfg->arg_size;
		h[i].entry = cfg->worker;
		iso[i] = isolate_spawn(worker_start, &h[i]);
		if (iso[i] == NULL)
			diag_fatal("cannot start worker thread %u", i + 1);
	}

	if (cfg->feed != NULL)
		cfg->feed(work, cfg->feed_ctx);
	if (work != NULL)
		port_close(work);
	for (unsigned i = 0; i < n; i++)
		isolate_join(iso[i]);
	if (printer != NULL) {
		collector_close(reply);
		isolate_join(printer);
	}

	/* Empty by now: the workers drained one, the printer the other. */
	port_destroy(work, NULL);
	collector_free(reply);
	free(h);
	free(iso);
}
