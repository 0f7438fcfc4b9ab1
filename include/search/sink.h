/*
 * sink.h - what a search reports, and the interface of output formats.
 *
 * The searcher turns one input into events and hands them to a sink; the
 * sink turns them into bytes.  The searcher knows which lines are
 * selected (matching, -v, -m, binary data, line numbers) and nothing of
 * formats; a sink knows formats and nothing of selection.  Each output
 * format is one sink (printer.h picks one for the print config), so a
 * new format is a new file, not a new branch in the searcher.
 *
 * Events of one input, in order: begin; then selected and context lines
 * (with a break between groups that are not adjacent) and at most one
 * binary event; then end.  An input that a walk skips as binary gets no
 * end.  A big file searched in segments by several workers (split.h)
 * gives each segment's lines, after a begin, to the sink of the worker
 * that searched it; then one sink gets begin and the file's end.
 */
#ifndef ISOGREP_SINK_H
#define ISOGREP_SINK_H

#include <stdbool.h>
#include <stddef.h>

#include "base/outbuf.h"
#include "match/matcher.h"

/* A line of the input, without its newline. */
struct sink_line {
	const char *text;
	size_t len;
	unsigned long long number; /* 1-based; 0 unless the sink wants them */
	unsigned long long offset; /* of its first byte in the input */
	/*
	 * 1 when text[len] is the line's newline and a match may take it
	 * in (-U: a match ending in "\n"), else 0.
	 */
	size_t eol;
	bool newline;              /* a newline ends it in the input */
};

enum sink_context {
	SINK_BEFORE, /* a line before a selected one */
	SINK_AFTER,  /* a line after a selected one */
};

/* What one input amounted to. */
struct sink_end {
	unsigned long long selected;     /* lines selected (capped by -m) */
	bool binary_matched;   /* a selected line lay in binary data */
	bool binary_counted;   /* ... and all of those were counted */
	unsigned long long binary_lines; /* selected lines in binary data */
	/* Bytes looked at: up to the last selected line when -m stopped. */
	unsigned long long bytes_searched;
};

struct sink;
struct print_stats; /* print/stats.h: what the sinks count */

struct sink_ops {
	void (*begin)(struct sink *k, const char *path);
	void (*selected)(struct sink *k, const struct sink_line *line);
	void (*context)(struct sink *k, const struct sink_line *line,
	    enum sink_context kind);
	/* Between two groups of lines that are not adjacent. */
	void (*context_break)(struct sink *k);
	/*
	 * Binary data (a NUL byte) begins at offset: selected lines from
	 * there on are counted, not sent.
	 */
	void (*binary)(struct sink *k, unsigned long long offset);
	void (*end)(struct sink *k, const struct sink_end *end);
	void (*free)(struct sink *k);
};

/* What a sink asks of the searcher (bits of sink.wants). */
enum {
	SINK_WANTS_LINES = 1,   /* the selected lines themselves */
	SINK_WANTS_NUMBERS = 2, /* their line numbers */
	SINK_WANTS_FIRST = 4,   /* only whether a line is selected at all */
};

/*
 * The part every sink shares.  Records go to out, which the caller
 * provides and drains (the searcher may drop what a failed chunk added).
 */
struct sink {
	const struct sink_ops *ops;
	unsigned wants;
	struct outbuf *out;
	/*
	 * Set by the searcher for the length of a search: what a sink uses
	 * to list the matches in a line, only when it needs them.
	 */
	const struct matcher *matcher;
	struct matcher_scratch *scratch;
	/* Set before begin: the input's size if it is a regular file, or -1. */
	long long input_size;
	/* Set before begin: the user named the input (not found by a walk). */
	bool input_named;
	/*
	 * Where the sink adds each input's counts (--stats, --json), or
	 * NULL; owned by the isolate that made the sink.
	 */
	struct print_stats *stats;
};

/*
 * The matches in a selected line (matcher_line_spans), into *spans;
 * a negative PCRE2 error code when matching failed (the spans found
 * before it are kept).
 */
static inline int
sink_line_spans(struct sink *k, const struct sink_line *line,
    struct span_list *spans)
{
	return matcher_line_spans(k->matcher, k->scratch, line->text,
	    line->len + line->eol, spans);
}

#endif
