/*
 * standard.c - the sink that prints lines, as grep does.
 *
 * A selected line is "[PATH:][NUM:]TEXT\n" (with -0 a NUL ends the path),
 * a context line the same with '-' for ':', and a break between groups
 * "--".  With -o each non-empty match of the line is a record of its own.
 * Binary data is not printed: at the file's end a notice says that it
 * matched (on stderr), or with --binary a summary with the line count.
 * In grep mode a record that is not valid UTF-8 is not printed either
 * and counts as binary data, as in GNU grep, which decides it when it
 * prints (so with -o only the match is judged); -T adds grep's tab.
 */
#include "print/standard.h"

#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/utf8.h"
#include "base/xmalloc.h"
#include "print/printer.h"
#include "print/stats.h"

struct standard_sink {
	struct sink base;
	const struct print_config *pc;
	bool with_filename;
	const char *path;
	size_t path_len;
	struct span_list spans; /* -o: the matches of the current line */
	bool hidden;            /* a record was not valid UTF-8 (grep mode) */
	unsigned long long started; /* --stats: when the file began */
};

static void
put_prefix(struct standard_sink *ss, unsigned long long num, char sep)
{
	struct outbuf *out = ss->base.out;

	if (ss->with_filename)
		printer_path_field(out, ss->pc, ss->path, ss->path_len, sep);
	if (ss->pc->line_number) {
		/* grep -T pads line numbers to four columns. */
		if (ss->pc->initial_tab)
			for (unsigned long long n = num ? num : 1; n < 1000; n *= 10)
				outbuf_putc(out, ' ');
		outbuf_put_uint(out, num);
		outbuf_putc(out, sep);
	}
}

static void
put_record(struct standard_sink *ss, unsigned long long num, char sep,
    const char *text, size_t len)
{
	/* One reservation for the common case keeps this off the profile. */
	outbuf_reserve(ss->base.out, ss->path_len + len + 24);
	if (ss->pc->encoding != ENCODING_IGNORE && !utf8_valid(text, len)) {
		ss->hidden = true;
		return;
	}
	put_prefix(ss, num, sep);
	/* -T: a tab after a prefix, unless the line is empty (as grep). */
	if (ss->pc->initial_tab && len > 0 && (ss->with_filename ||
	    ss->pc->line_number))
		outbuf_putc(ss->base.out, '\t');
	printer_text(ss->base.out, ss->pc->escape, text, len);
	outbuf_putc(ss->base.out, '\n');
}

static void
standard_begin(struct sink *k, const char *path)
{
	struct standard_sink *ss = (struct standard_sink *)k;

	ss->path = path;
	ss->path_len = strlen(path);
	ss->hidden = false;
	if (k->stats != NULL)
		ss->started = print_stats_clock();
}

static void
standard_selected(struct sink *k, const struct sink_line *line)
{
	struct standard_sink *ss = (struct standard_sink *)k;
	size_t mark = k->out->len;

	/* A failed match ends the list; what was found is still shown. */
	if (ss->pc->only_matching || k->stats != NULL)
		(void)sink_line_spans(k, line, &ss->spans);
	if (!ss->pc->only_matching)
		put_record(ss, line->number, ':', line->text, line->len);
	else
		for (size_t i = 0; i < ss->spans.len; i++)
			put_record(ss, line->number, ':',
			    line->text + ss->spans.v[i].start,
			    ss->spans.v[i].end - ss->spans.v[i].start);
	/*
	 * Counted as they go, not at the end: the segments of a split file
	 * (split.h) have lines but no end.
	 */
	if (k->stats != NULL) {
		k->stats->matched_lines++;
		k->stats->matches += ss->spans.len;
		k->stats->bytes_printed += k->out->len - mark;
	}
}

static void
standard_context(struct sink *k, const struct sink_line *line,
    enum sink_context kind)
{
	struct standard_sink *ss = (struct standard_sink *)k;
	size_t mark = k->out->len;

	(void)kind;
	put_record(ss, line->number, '-', line->text, line->len);
	if (k->stats != NULL)
		k->stats->bytes_printed += k->out->len - mark;
}

static void
standard_context_break(struct sink *k)
{
	outbuf_puts(k->out, "--\n");
}

static void
standard_binary(struct sink *k, unsigned long long offset)
{
	/* Said once the file is done, with what it amounted to. */
	(void)k;
	(void)offset;
}

static void
standard_end(struct sink *k, const struct sink_end *end)
{
	struct standard_sink *ss = (struct standard_sink *)k;

	if (k->stats != NULL) {
		struct print_stats file = {0};

		print_stats_end_file(&file, end, ss->started);
		print_stats_add(k->stats, &file);
	}
	if (ss->hidden && !end->binary_matched &&
	    ss->pc->encoding == ENCODING_BINARY) {
		diag_file_notice(ss->path, "binary file matches");
		return;
	}
	if (!end->binary_matched)
		return;
	if (!end->binary_counted) {
		diag_file_notice(ss->path, "binary file matches");
		return;
	}
	printer_text(k->out, ss->pc->escape, ss->path, ss->path_len);
	outbuf_puts(k->out, ": binary file matches (");
	outbuf_put_uint(k->out, end->binary_lines);
	outbuf_puts(k->out, end->binary_lines == 1 ? " line)\n" : " lines)\n");
}

static void
standard_free(struct sink *k)
{
	struct standard_sink *ss = (struct standard_sink *)k;

	span_list_free(&ss->spans);
	free(ss);
}

static const struct sink_ops standard_ops = {
	.begin = standard_begin,
	.selected = standard_selected,
	.context = standard_context,
	.context_break = standard_context_break,
	.binary = standard_binary,
	.end = standard_end,
	.free = standard_free,
};

struct sink *
standard_sink_new(const struct print_config *pc, bool with_filename,
    struct outbuf *out)
{
	struct standard_sink *ss = xcalloc(1, sizeof(*ss));

	ss->base.ops = &standard_ops;
	ss->base.wants = SINK_WANTS_LINES |
	    (pc->line_number ? SINK_WANTS_NUMBERS : 0);
	ss->base.out = out;
	ss->pc = pc;
	ss->with_filename = with_filename;
	return &ss->base;
}
