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

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/utf8.h"
#include "base/xmalloc.h"
#include "print/printer.h"

struct standard_sink {
	struct sink base;
	const struct print_config *pc;
	bool with_filename;
	const char *path;
	size_t path_len;
	struct span_list spans; /* -o: the matches of the current line */
	bool hidden;            /* a record was not valid UTF-8 (grep mode) */
	int number_width;       /* -T: line numbers are padded to it */
};

static int
digits(unsigned long long n)
{
	int d = 1;

	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

static void
put_prefix(struct standard_sink *ss, unsigned long long num, char sep)
{
	struct outbuf *out = ss->base.out;

	if (ss->with_filename)
		printer_path_field(out, ss->pc, ss->path, ss->path_len, sep);
	if (ss->pc->line_number) {
		for (int w = digits(num); w < ss->number_width; w++)
			outbuf_putc(out, ' ');
		outbuf_put_uint(out, num);
		outbuf_putc(out, sep);
	}
}

/* A record's text; with --null-data its NULs were newlines (reader.h). */
static void
put_text(struct standard_sink *ss, const char *text, size_t len)
{
	const char *nul;

	while (ss->pc->null_data && (nul = memchr(text, '\0', len)) != NULL) {
		size_t part = (size_t)(nul - text);

		printer_text(ss->base.out, ss->pc->escape, text, part);
		outbuf_putc(ss->base.out, '\n');
		text += part + 1;
		len -= part + 1;
	}
	printer_text(ss->base.out, ss->pc->escape, text, len);
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
	put_text(ss, text, len);
	outbuf_putc(ss->base.out, ss->pc->null_data ? '\0' : '\n');
}

static void
standard_begin(struct sink *k, const char *path)
{
	struct standard_sink *ss = (struct standard_sink *)k;

	ss->path = path;
	ss->path_len = strlen(path);
	ss->hidden = false;
	/*
	 * grep -T pads line numbers to the width of the file's size plus
	 * one (of the largest file offset when the size is not known).
	 */
	ss->number_width = !ss->pc->initial_tab ? 0 :
	    digits(k->input_size >= 0 ?
	    (unsigned long long)k->input_size + 1 : (unsigned long long)INTMAX_MAX);
}

static void
standard_selected(struct sink *k, const struct sink_line *line)
{
	struct standard_sink *ss = (struct standard_sink *)k;

	if (!ss->pc->only_matching) {
		put_record(ss, line->number, ':', line->text, line->len);
		return;
	}
	/* A failed match ends the list; what was found is still shown. */
	(void)sink_line_spans(k, line, &ss->spans);
	for (size_t i = 0; i < ss->spans.len; i++)
		put_record(ss, line->number, ':',
		    line->text + ss->spans.v[i].start,
		    ss->spans.v[i].end - ss->spans.v[i].start);
}

static void
standard_context(struct sink *k, const struct sink_line *line,
    enum sink_context kind)
{
	struct standard_sink *ss = (struct standard_sink *)k;

	(void)kind;
	/* As grep: -o prints no context lines, only the breaks. */
	if (!ss->pc->only_matching)
		put_record(ss, line->number, '-', line->text, line->len);
}

static void
standard_context_break(struct sink *k)
{
	struct standard_sink *ss = (struct standard_sink *)k;

	if (ss->pc->context_sep == NULL)
		return;
	outbuf_append(k->out, ss->pc->context_sep, ss->pc->context_sep_len);
	outbuf_putc(k->out, '\n');
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
