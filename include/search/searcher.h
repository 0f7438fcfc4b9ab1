/*
 * searcher.h - search one input and report what it finds to a sink.
 */
#ifndef ISOGREP_SEARCHER_H
#define ISOGREP_SEARCHER_H

#include <stdbool.h>
#include <stddef.h>

#include "base/outbuf.h"
#include "match/matcher.h"
#include "search/input.h"
#include "search/reader.h"
#include "search/select.h"
#include "search/sink.h"

/* When the searcher hands its output to its flush. */
enum searcher_flush {
	/*
	 * After each chunk of a stream (what one read of a pipe returned:
	 * lines go out as they come), else every 64 KiB.
	 */
	SEARCHER_FLUSH_AUTO,
	SEARCHER_FLUSH_LINE,  /* after every selected line too */
	SEARCHER_FLUSH_BLOCK, /* every 64 KiB, streams too */
};

/* A line held back from an earlier chunk, for -B. */
struct held_line {
	size_t start;               /* in the hold's bytes */
	size_t len;
	unsigned long long offset;  /* in the file */
	unsigned long long number;  /* 0 unless the sink wants numbers */
};

/*
 * The last lines before the current chunk that no one was shown: the
 * reader drops a chunk once it is searched, and a match early in the next
 * one may need them as before-context.
 */
struct context_hold {
	char *bytes;
	size_t len, cap;
	struct held_line *v;
	size_t n, cap_n;
};

/* Everything one isolate needs to search inputs; owned by that isolate. */
struct searcher {
	const struct select_config *sel;
	const struct matcher *matcher;
	struct matcher_scratch *scratch;
	struct reader reader;
	struct sink *sink;
	struct context_hold hold;
	/*
	 * A context break before an input's first group too, for the
	 * separator grep prints between files (the printer drops the first).
	 */
	bool lead_break;
	/*
	 * Called with the sink's output so far when set (the direct path
	 * streams); NULL keeps an input's output together.  When: see
	 * enum searcher_flush.
	 */
	void (*flush)(struct outbuf *out);
	enum searcher_flush flush_when;
	bool *seen; /* --all-match: per pattern, matched in this file */
};

/* What searching one file found. */
struct search_result {
	unsigned long long selected; /* lines selected (capped by -m) */
	bool skipped_binary;         /* not searched: binary, in a walk */
	/* -m stopped the search: its last selected line ends here. */
	bool stopped;
	unsigned long long stop_offset; /* from the source's first byte */
};

/*
 * Set up a searcher that selects lines as sel says, with m, and reports
 * them to sink (not owned).
 */
void searcher_init(struct searcher *s, const struct select_config *sel,
    const struct matcher *m, struct sink *sink);
void searcher_free(struct searcher *s);

/*
 * Search the opened input in, reporting to the searcher's sink.  A
 * binary input the user did not name is skipped (res says so).  Read
 * errors are reported on stderr.
 */
void searcher_search(struct searcher *s, struct input *in,
    struct search_result *res);

/* Where a piece of a file starts, to search it alone (see split.h). */
struct region_start {
	unsigned long long offset;  /* the piece's offset in the file */
	unsigned long long line_no; /* the number of its first line */
	bool binary;                /* binary data began before it */
};

/* What searching a piece found, to be summed over the pieces. */
struct region_result {
	unsigned long long selected;
	unsigned long long binary_lines;
	bool binary_matched;
	unsigned long long bytes_searched;
};

/*
 * Search in, a region of a file held whole by the caller
 * (input_open_region: a segment split.c read) whose whole lines start as
 * at says, as that part of the file: its selected lines go to the sink,
 * but not the end of the file (no -c count, no binary notice).  A region
 * of a mapping needs the caller to guard against SIGBUS (mapguard.h).
 */
void searcher_search_region(struct searcher *s, struct input *in,
    const struct region_start *at, struct region_result *res);

/* After all pieces: the end of the file path, from the pieces' totals. */
void searcher_finish_regions(struct searcher *s, const char *path,
    const struct region_result *total);

#endif
