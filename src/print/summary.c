/*
 * summary.c - the sink for -c, -l, -L and -q.
 *
 * These need no line's text: -c only the count ("[PATH:]COUNT"), -l and
 * -L only whether a line was selected (the searcher stops at the first),
 * -q nothing at all.
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
	struct print_stats file; /* --stats */
	unsigned long long started;
};

static void
summary_begin(struct sink *k, const char *path)
{
	struct summary_sink *ss = (struct summary_sink *)k;

	ss->path = path;
	if (k->stats != NULL) {
		memset(&ss->file, 0, sizeof(ss->file));
		ss->started = print_stats_clock();
	}
}

/* Lines themselves are not wanted: nothing to do for them. */
static void
summary_selected(struct sink *k, const struct sink_line *line)
{
	(void)k;
	(void)line;
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

static void
summary_end(struct sink *k, const struct sink_end *end)
{
	struct summary_sink *ss = (struct summary_sink *)k;
	const struct print_config *pc = ss->pc;
	size_t path_len = strlen(ss->path);
	char name_end = pc->null_sep ? '\0' : '\n';

	switch (pc->output) {
	case OUTPUT_COUNT:
		if (ss->with_filename)
			printer_path_field(k->out, pc, ss->path, path_len,
			    ':');
		outbuf_put_uint(k->out, end->selected);
		outbuf_putc(k->out, '\n');
		break;
	case OUTPUT_FILES_WITH:
		if (end->selected > 0)
			printer_name(k->out, ss->path, path_len, name_end,
			    pc->escape);
		break;
	case OUTPUT_FILES_WITHOUT:
		if (end->selected == 0)
			printer_name(k->out, ss->path, path_len, name_end,
			    pc->escape);
		break;
	case OUTPUT_LINES:
	case OUTPUT_QUIET:
	case OUTPUT_JSON:
		break;
	}
	if (k->stats != NULL) {
		print_stats_end_file(&ss->file, end, ss->started);
		ss->file.matched_lines = end->selected;
		/* ripgrep counts no bytes printed by these formats. */
		print_stats_add(k->stats, &ss->file);
	}
}

static void
summary_free(struct sink *k)
{
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
	 * Not the lines, even for --stats: asking for them would change how
	 * the searcher treats binary data, and so the counts.  --stats then
	 * has no count of matches (ripgrep's has).
	 */
	ss->base.wants = pc->output == OUTPUT_COUNT ? 0 : SINK_WANTS_FIRST;
	ss->base.out = out;
	ss->pc = pc;
	ss->with_filename = with_filename;
	return &ss->base;
}
