/*
 * worker.c - the worker isolate's loop.
 *
 * A worker takes path batches from the work port until it is closed,
 * searches each file with its own searcher (read buffer, PCRE2 scratch,
 * all in its private arena), and sends every file's whole output to the
 * reply port.  Files with no output send nothing.  Unsorted, the outputs
 * of a batch's files go together in one message (each file's output still
 * whole), so that -c over many files does not wake the printer per file;
 * sorted, each file is a message of its own, found by its place.
 */
#include "worker.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "cancel.h"
#include "collector.h"
#include "diag.h"
#include "searcher.h"

enum {
	WORKER_SEND = 1024, /* unsorted output is sent at this size */
};

/* Send out's contents (if any) as one result, then empty it. */
static void
send_output(struct collector *reply, uint64_t seq, struct outbuf *out)
{
	/* Dropped only when the search stops: nothing is lost then. */
	(void)collector_send(reply, seq, true, out);
	outbuf_clear(out);
}

static void
search_entry(struct worker *w, struct collector *reply, struct searcher *s,
    struct outbuf *out, const struct batch_entry *e)
{
	const struct worker_shared *sh = w->shared;
	struct search_result res;

	if (sh->sorted)
		outbuf_clear(out);
	if (strcmp(e->path, "-") == 0)
		searcher_search_fd(s, STDIN_FILENO, "(standard input)", true,
		    out, &res);
	else
		searcher_search_path(s, e->path, e->named, out, &res);
	w->selected += res.selected;
	w->matched += res.selected > 0;
	if (res.skipped_binary)
		w->binary++;
	else
		w->searched++;
	/* -q: the answer is known; nothing else needs to run. */
	if (sh->opts->print.output == OUTPUT_QUIET && res.selected > 0)
		cancel_request();
	if (sh->sorted || out->len >= WORKER_SEND)
		send_output(reply, e->seq, out);
}

void
worker_main(struct pipeline_worker *pw)
{
	struct worker *w = pw->arg;
	const struct worker_shared *sh = w->shared;
	struct searcher s;
	struct outbuf out = OUTBUF_INIT;
	void *msg;

	if (!searcher_init(&s, sh->opts, sh->matcher, sh->with_filename,
	    sh->out))
		diag_fatal("out of memory");
	s.escape = sh->opts->print.escape;
	while (port_recv(pw->work, &msg)) {
		struct batch *b = msg;
		struct batch_entry e;
		size_t cursor = 0;

		while (!cancel_requested() && batch_next(b, &cursor, &e))
			search_entry(w, pw->reply, &s, &out, &e);
		if (out.len > 0)
			send_output(pw->reply, e.seq, &out);
		batch_free(b);
	}
	outbuf_free(&out);
	searcher_free(&s);
}
