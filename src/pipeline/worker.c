/*
 * worker.c - the worker isolate's loop.
 *
 * A worker takes path batches from the work port until it is closed,
 * searches each file with its own searcher (read buffer, PCRE2 scratch,
 * all in its private arena), and sends every file's output to the
 * printer.  Files with no output send nothing.  Unsorted, the outputs
 * of a batch's files go together in one message (each file's output still
 * whole), so that -c over many files does not wake the printer per file.
 * Sorted, each file's result is found by its place: a run of files that
 * print nothing goes along with the next output, or at the batch's end,
 * so the printer is not woken per file; a long output is sent in parts as
 * the searcher makes it, so a worker never holds a file's output whole
 * (collector.c says why that keeps memory bounded).
 */
#include "pipeline/worker.h"

#include <stdlib.h>

#include "base/diag.h"
#include "pipeline/batch.h"
#include "pipeline/collector.h"
#include "print/printer.h"
#include "runtime/cancel.h"
#include "search/members.h"
#include "search/searcher.h"

enum {
	WORKER_SEND = 16 * 1024, /* unsorted output is sent at this size */
};

/* A worker's output buffer, and where its parts go. */
struct worker_out {
	struct outbuf buf; /* first, so the searcher's flush finds the rest */
	struct collector *reply;
	uint64_t seq;      /* the file being searched */
	bool sorted;
	bool stream;       /* it is a stream (standard input, a FIFO) */
	/* Sorted: files run_first.. printed nothing and are not sent yet. */
	bool run;
	uint64_t run_first;
	bool sent_part;    /* a part of seq is out: its end must follow */
};

/*
 * Send buf's contents as (the last part of) result seq, with the run of
 * empty results before it, then empty it.
 */
static void
send_output(struct worker_out *wo, uint64_t seq, bool last)
{
	uint64_t first = wo->run ? wo->run_first : seq;

	/* Dropped only when the search stops: nothing is lost then. */
	(void)collector_send(wo->reply, first, seq, last, &wo->buf);
	outbuf_clear(&wo->buf);
	wo->run = false;
	wo->sent_part = !last;
}

/* Sorted: file seq printed nothing; say so with the next message. */
static void
note_empty(struct worker_out *wo, uint64_t seq)
{
	if (!wo->run) {
		wo->run = true;
		wo->run_first = seq;
	}
}

/*
 * The searcher's flush: what the file printed so far goes out as a part
 * of its result.  Unsorted, only a stream's output is sent in parts: it
 * may never end (`tail -f log | isogrep x - more.log`), so holding it
 * would hold its lines back and grow without bound; a file's output
 * stays whole.  (The cast is sound: buf is the first member of struct
 * worker_out.)
 */
static void
send_part(struct outbuf *out)
{
	struct worker_out *wo = (struct worker_out *)out;

	if (wo->sorted || wo->stream)
		send_output(wo, wo->seq, false);
}

static void
search_entry(struct worker *w, struct searcher *s, struct worker_out *wo,
    const struct batch_entry *e)
{
	const struct worker_shared *sh = w->shared;
	struct outbuf *out = &wo->buf;
	struct search_result res = {0};
	struct input in;

	wo->seq = e->seq;
	if (input_open_path(&in, e->path, e->named,
	    e->short_read_ends ? INPUT_SHORT_READ_ENDS : 0, &sh->setup->input)) {
		wo->stream = in.stream;
		/*
		 * A file's output goes out whole (or in big parts, sorted):
		 * only a stream is written line by line.
		 */
		s->flush_when = sh->setup->flush_when;
		if (!in.stream && s->flush_when == SEARCHER_FLUSH_LINE)
			s->flush_when = SEARCHER_FLUSH_AUTO;
		members_search(s, &in, &sh->setup->members, &res);
		input_close(&in);
	}
	w->selected += res.selected;
	w->matched += res.selected > 0;
	/* ripgrep counts a binary file passed by as a search of no bytes. */
	if (res.skipped_binary) {
		w->binary++;
		w->stats.searches++;
	} else
		w->searched++;
	/* -q: the answer is known; nothing else needs to run. */
	if (sh->setup->print->output == OUTPUT_QUIET && res.selected > 0)
		cancel_request();
	if (sh->sorted && out->len == 0 && !wo->sent_part)
		note_empty(wo, e->seq);
	else if (sh->sorted || out->len >= WORKER_SEND)
		send_output(wo, e->seq, true);
}

void
worker_main(struct pipeline_worker *pw)
{
	struct worker *w = pw->arg;
	const struct worker_shared *sh = w->shared;
	const struct search_setup *setup = sh->setup;
	struct searcher s;
	struct worker_out wo = {
		.buf = OUTBUF_INIT, .reply = pw->reply, .sorted = sh->sorted,
	};
	struct sink *sink = printer_sink_new(setup->print,
	    setup->with_filename, &wo.buf);
	void *msg;

	searcher_init(&s, setup->select, setup->matcher, sink);
	s.lead_break = setup->file_lead != NULL;
	if (setup->print->stats)
		sink->stats = &w->stats;
	s.flush = send_part;
	while (port_recv(pw->work, &msg)) {
		struct batch *b = msg;
		struct batch_entry e;
		size_t cursor = 0;

		while (!cancel_requested() && batch_next(b, &cursor, &e))
			search_entry(w, &s, &wo, &e);
		if (wo.buf.len > 0 || wo.run)
			send_output(&wo, e.seq, true);
		batch_free(b);
	}
	searcher_free(&s);
	printer_sink_free(sink);
	outbuf_free(&wo.buf);
}
