/*
 * summary.c - the sink for -c, -l, -L and -q.
 *
 * These need no line's text: -c only the count ("[PATH:]COUNT"), -l and
 * -L only whether a line was selected (the searcher stops at the first),
 * -q nothing at all.  --count-matches counts the matches of the selected
 * lines instead, so it asks for the lines.
 */
#include "print/summary.h"

#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/xmalloc.h"
#include "print/printer.h"
#include "print/stats.h"

struct summary_sink {
	struct sink base;
	const struct print_config *pc;
	bool with_filename;
	const char *path;
	unsigned long long matches; /* --count-matches */
	struct span_list spans;
	struct print_stats file; /* --stats */
	unsigned long long started;
};

static void
summary_begin(struct sink *k, const char *path)
{
	struct summary_sink *ss = (struct summary_sink *)k;

	ss->path = path;
	ss->matches = 0;
	if (k->stats != NULL) {
		memset(&ss->file, 0, sizeof(ss->file));
		ss->started = print_stats_clock();
	}
}

/* Lines are only wanted to count their matches. */
static void
summary_selected(struct sink *k, const struct sink_line *line)
{
	struct summary_sink *ss = (struct summary_sink *)k;

	(void)sink_line_spans(k, line, &ss->spans);
	/* A line selected without a match to show (-v, '^') counts once. */
	ss->matches += ss->spans.len > 0 ? ss->spans.len : 1;
}

static void
summary_context(struct sink *k, const struct sink_line *line,
    enum sink_context kind)
{
	(void)k;
	(void)line;
	(void)kind;
}

static void
summary_context_break(struct sink *k)
{
	(void)k;
}

static void
summary_binary(struct sink *k, unsigned long long offset)
{
	(void)k;
	(void)offset;
}

/* -l and -L: the name, then a NUL (-0) or the end of a line. */
static void
put_listed(struct sink *k, const struct print_config *pc, const char *path,
    size_t len)
{
	if (pc->null_sep) {
		printer_path_field(k->out, pc, path, len, '\0');
		return;
	}
	/* The CR of --crlf's "\r\n" goes where the separator goes. */
	printer_path_field(k->out, pc, path, len, pc->crlf ? '\r' : '\n');
	if (pc->crlf)
		outbuf_putc(k->out, '\n');
}

static void
summary_end(struct sink *k, const struct sink_end *end)
{
	struct summary_sink *ss = (struct summary_sink *)k;
	const struct print_config *pc = ss->pc;
	size_t path_len = strlen(ss->path);

	switch (pc->output) {
	case OUTPUT_COUNT:
		/* A walk's files that count 0 are noise, as in ripgrep. */
		if (end->selected == 0 && !pc->include_zero && !k->input_named)
			break;
		if (ss->with_filename)
			printer_path_field(k->out, pc, ss->path, path_len,
			    ':');
		outbuf_put_uint(k->out, pc->count_matches ? ss->matches :
		    end->selected);
		printer_line_end(k->out, pc);
		break;
	case OUTPUT_FILES_WITH:
		if (end->selected > 0)
			put_listed(k, pc, ss->path, path_len);
		break;
	case OUTPUT_FILES_WITHOUT:
		if (end->selected == 0)
			put_listed(k, pc, ss->path, path_len);
		break;
	case OUTPUT_LINES:
	case OUTPUT_QUIET:
	case OUTPUT_JSON:
		break;
	}
	if (k->stats != NULL) {
		print_stats_end_file(&ss->file, end, ss->started);
		ss->file.matched_lines = end->selected;
		ss->file.matches = ss->matches;
		/* ripgrep counts no bytes printed by these formats. */
		print_stats_add(k->stats, &ss->file);
	}
}

static void
summary_free(struct sink *k)
{
	span_list_free(&((struct summary_sink *)k)->spans);
	free(k);
}

static const struct sink_ops summary_ops = {
	.begin = summary_begin,
	.selected = summary_selected,
	.context = summary_context,
	.context_break = summary_context_break,
	.binary = summary_binary,
	.end = summary_end,
	.free = summary_free,
};

struct sink *
summary_sink_new(const struct print_config *pc, bool with_filename,
    struct outbuf *out)
{
	struct summary_sink *ss = xcalloc(1, sizeof(*ss));

	ss->base.ops = &summary_ops;
	/*
	 * Lines are read only to count their matches: --count-matches, and
	 * --stats (its "matches" and "matched lines", as ripgrep's, which
	 * reads the whole file for -l and -L then too).  -q stops at the
	 * first line whatever is asked.
	 */
	if (pc->stats && pc->output != OUTPUT_QUIET)
		ss->base.wants = SINK_WANTS_LINES;
	else
		ss->base.wants = pc->output != OUTPUT_COUNT ?
		    SINK_WANTS_FIRST : pc->count_matches ? SINK_WANTS_LINES : 0;
	ss->base.out = out;
	ss->pc = pc;
	ss->with_filename = with_filename;
	return &ss->base;
}
