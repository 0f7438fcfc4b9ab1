/*
 * standard.c - the sink that prints lines, as grep and ripgrep do.
 *
 * A selected line is "[PATH:][NUM:][COL:][OFFSET:]TEXT\n" (with -0 a NUL
 * ends the path), a context line the same with '-' for ':', and a break
 * between groups "--".  With -o each non-empty match of the line is a
 * record of its own, with --vimgrep each match gives the whole line.
 * In heading mode the path is a line of its own above the file's
 * records, and files are parted by a blank line: each file's output
 * begins with that blank line, and main drops it from the very first
 * file (outbuf_drop_first), since only the writer knows which file comes
 * first.
 *
 * The text of a record goes through one pipeline: the matches of the
 * line (when something shows them), --replace (a new text with new
 * spans), --trim, then -M, then out with colors; escaping for the
 * terminal is applied to each piece between color sequences, so a name
 * or a line can never break or fake them.
 *
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
#include "print/hyperlink.h"
#include "print/printer.h"
#include "print/replace.h"
#include "print/stats.h"

struct standard_sink {
	struct sink base;
	const struct print_config *pc;
	bool with_filename;
	bool heading;           /* the path on a line of its own */
	bool show_path;         /* the path in each record */
	bool link;              /* hyperlinks on paths */
	bool spans_for_color;   /* colors show the matches */
	const char *path;
	size_t path_len;
	bool started;           /* the file's heading is written */
	struct outbuf link_path;/* the file's path for links, once needed */
	bool link_path_done;
	unsigned long long link_col; /* the record's first match, for links */
	struct span_list spans; /* the matches of the current line */
	struct outbuf replaced; /* -r: the line with its matches replaced */
	struct span_list rspans; /* ... and where the replacements are */
	struct replace_scratch rs;
	bool hidden;            /* a record was not valid UTF-8 (grep mode) */
	int number_width;       /* -T: line numbers are padded to it */
	unsigned long long stats_started; /* --stats: when the file began */
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

/*
 * Text as it is printed; with --null-data the records' NULs were
 * newlines (reader.h) and are printed back as such.
 */
static void
put_plain(struct standard_sink *ss, const char *text, size_t len)
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

/* One record's text and the matches in it. */
struct piece {
	const char *text;
	size_t len;
	const struct span *spans;
	size_t nspans;
	bool spans_known; /* the matches were looked for */
	bool match_only;  /* the text is one match (-o), not a line */
};

static void
put_colored(struct standard_sink *ss, enum color_type t, const char *text,
    size_t len)
{
	const struct print_config *pc = ss->pc;
	struct outbuf *out = ss->base.out;

	if (pc->color) {
		outbuf_append(out, pc->colors.start[t], pc->colors.start_len[t]);
		printer_text(out, pc->escape, text, len);
		outbuf_append(out, COLOR_RESET, COLOR_RESET_LEN);
	} else {
		printer_text(out, pc->escape, text, len);
	}
}

static void
put_colored_uint(struct standard_sink *ss, enum color_type t,
    unsigned long long n)
{
	const struct print_config *pc = ss->pc;
	struct outbuf *out = ss->base.out;

	/* Digits need no escaping: only the colors around them. */
	if (pc->color)
		outbuf_append(out, pc->colors.start[t], pc->colors.start_len[t]);
	outbuf_put_uint(out, n);
	if (pc->color)
		outbuf_append(out, COLOR_RESET, COLOR_RESET_LEN);
}

static void
open_link(struct standard_sink *ss, unsigned long long num)
{
	if (!ss->link_path_done) {
		hyperlink_path(ss->path, ss->path_len, &ss->link_path);
		ss->link_path_done = true;
	}
	hyperlink_open(ss->base.out, ss->pc->hyperlink, &ss->link_path, num,
	    ss->link_col);
}

/* Before a file's first record: the blank line and the heading. */
static void
start_file(struct standard_sink *ss)
{
	struct outbuf *out = ss->base.out;

	if (ss->started || !ss->heading)
		return;
	ss->started = true;
	outbuf_putc(out, '\n');
	/* The heading's link names no line (1, as in ripgrep). */
	if (ss->link) {
		unsigned long long col = ss->link_col;

		ss->link_col = 0;
		open_link(ss, 0);
		ss->link_col = col;
	}
	put_colored(ss, COLOR_PATH, ss->path, ss->path_len);
	if (ss->link)
		hyperlink_close(out);
	if (ss->pc->null_sep)
		outbuf_putc(out, '\0');
	else
		printer_line_end(out, ss->pc);
}

static void
put_sep(struct standard_sink *ss, bool context)
{
	const struct print_config *pc = ss->pc;
	const char *sep = context ? pc->context_sep : pc->match_sep;

	if (sep == NULL)
		outbuf_putc(ss->base.out, context ? '-' : ':');
	else
		outbuf_append(ss->base.out, sep, context ? pc->context_sep_len :
		    pc->match_sep_len);
}

/*
 * The fields before the text: path, line number, column and byte offset,
 * as shown.  A link spans them all but the last separator; in heading
 * mode a format that names a line links the (perhaps empty) fields of
 * each record, as ripgrep does.
 */
static void
put_prefix(struct standard_sink *ss, unsigned long long num,
    unsigned long long column, unsigned long long offset, bool context)
{
	enum { F_PATH, F_LINE, F_COLUMN, F_OFFSET, F_COUNT };
	const struct print_config *pc = ss->pc;
	struct outbuf *out = ss->base.out;
	bool show[F_COUNT] = {ss->show_path, pc->line_number, column != 0,
	    pc->byte_offset};
	bool link = ss->link && (ss->show_path || (ss->heading &&
	    hyperlink_wants_line(pc->hyperlink)));
	int last = -1;

	for (int f = 0; f < F_COUNT; f++)
		if (show[f])
			last = f;
	if (link)
		open_link(ss, num);
	for (int f = 0; f <= last; f++) {
		if (!show[f])
			continue;
		switch (f) {
		case F_PATH:
			put_colored(ss, COLOR_PATH, ss->path, ss->path_len);
			break;
		case F_LINE:
			/* -T only: no division per record otherwise. */
			for (int w = ss->number_width > 0 ? digits(num) : 0;
			    w < ss->number_width; w++)
				outbuf_putc(out, ' ');
			put_colored_uint(ss, COLOR_LINE, num);
			break;
		case F_COLUMN:
			put_colored_uint(ss, COLOR_COLUMN, column);
			break;
		default:
			put_colored_uint(ss, COLOR_COLUMN, offset);
			break;
		}
		if (f == last)
			break;
		if (f == F_PATH && pc->null_sep)
			outbuf_putc(out, '\0');
		else
			put_sep(ss, context);
	}
	if (link)
		hyperlink_close(out);
	if (last == F_PATH && pc->null_sep)
		outbuf_putc(out, '\0');
	else if (last >= 0)
		put_sep(ss, context);
}

/* Text with its matches colored (and the rest highlighted, if asked). */
static void
put_matches(struct standard_sink *ss, const struct piece *p, size_t len)
{
	const struct print_config *pc = ss->pc;
	struct outbuf *out = ss->base.out;
	bool highlight = !pc->colors.none[COLOR_HIGHLIGHT];
	size_t at = 0;

	if (!ss->spans_for_color || !p->spans_known) {
		put_plain(ss, p->text, len);
		return;
	}
	if (highlight)
		outbuf_append(out, pc->colors.start[COLOR_HIGHLIGHT],
		    pc->colors.start_len[COLOR_HIGHLIGHT]);
	for (size_t i = 0; i < p->nspans && p->spans[i].start < len; i++) {
		size_t start = p->spans[i].start, end = p->spans[i].end;

		/* Matches that touch are colored as one, as ripgrep does. */
		while (i + 1 < p->nspans && p->spans[i + 1].start == end)
			end = p->spans[++i].end;
		if (end > len)
			end = len;
		if (end == start)
			continue; /* an empty replacement: nothing to color */
		put_plain(ss, p->text + at, start - at);
		outbuf_append(out, pc->colors.start[COLOR_MATCH],
		    pc->colors.start_len[COLOR_MATCH]);
		put_plain(ss, p->text + start, end - start);
		if (highlight)
			outbuf_append(out, pc->colors.start[COLOR_HIGHLIGHT],
			    pc->colors.start_len[COLOR_HIGHLIGHT]);
		else
			outbuf_append(out, COLOR_RESET, COLOR_RESET_LEN);
		at = end;
	}
	put_plain(ss, p->text + at, len - at);
	if (highlight)
		outbuf_append(out, COLOR_RESET, COLOR_RESET_LEN);
}

/* The bytes of the first n UTF-8 characters of text (a bad byte is one). */
static size_t
char_prefix(const char *text, size_t len, unsigned long long n)
{
	size_t at = 0;

	for (unsigned long long i = 0; i < n && at < len; i++) {
		at++;
		while (at < len && ((unsigned char)text[at] & 0xc0) == 0x80)
			at++;
	}
	return at;
}

/* -M: a line longer than max_columns bytes is left out or cut short. */
static void
put_text(struct standard_sink *ss, const struct piece *p, bool context)
{
	const struct print_config *pc = ss->pc;
	struct outbuf *out = ss->base.out;
	size_t cut, more = 0;

	/* A line is measured with its newline, as ripgrep does; a match not. */
	if (pc->max_columns == 0 || p->len + !p->match_only <= pc->max_columns) {
		put_matches(ss, p, p->len);
		return;
	}
	if (!pc->max_columns_preview) {
		/* As ripgrep: the matches are counted where they are known. */
		if (context && (!p->spans_known || p->nspans == 0))
			outbuf_puts(out, "[Omitted long context line]");
		else if (!p->spans_known || p->nspans == 0)
			outbuf_puts(out, "[Omitted long matching line]");
		else {
			outbuf_puts(out, "[Omitted long line with ");
			outbuf_put_uint(out, p->nspans);
			outbuf_puts(out, " matches]");
		}
		return;
	}
	cut = char_prefix(p->text, p->len, pc->max_columns);
	put_matches(ss, p, cut);
	if (!p->spans_known || p->nspans == 0) {
		outbuf_puts(out, " [... omitted end of long line]");
		return;
	}
	for (size_t i = 0; i < p->nspans; i++)
		more += p->spans[i].start >= cut;
	outbuf_puts(out, " [... ");
	outbuf_put_uint(out, more);
	outbuf_puts(out, more == 1 ? " more match]" : " more matches]");
}

/* --trim: leading ASCII blanks go, and the spans move with the text. */
static void
trim_piece(struct standard_sink *ss, struct piece *p)
{
	size_t n = 0;

	while (n < p->len && strchr(" \t\n\v\f\r", p->text[n]) != NULL &&
	    p->text[n] != '\0')
		n++;
	if (n == 0)
		return;
	p->text += n;
	p->len -= n;
	if (p->nspans == 0)
		return;
	/* The spans are rebased into rspans (a copy, unless already there). */
	if (p->spans != ss->rspans.v) {
		ss->rspans.len = 0;
		for (size_t i = 0; i < p->nspans; i++) {
			if (ss->rspans.len == ss->rspans.cap) {
				ss->rspans.cap = ss->rspans.cap ? ss->rspans.cap * 2 : 16;
				ss->rspans.v = xreallocarray(ss->rspans.v,
				    ss->rspans.cap, sizeof(*ss->rspans.v));
			}
			ss->rspans.v[ss->rspans.len++] = p->spans[i];
		}
	}
	for (size_t i = 0; i < p->nspans; i++) {
		struct span *sp = &ss->rspans.v[i];

		sp->start = sp->start > n ? sp->start - n : 0;
		sp->end = sp->end > n ? sp->end - n : 0;
	}
	p->spans = ss->rspans.v;
}

static void
push_rspan(struct standard_sink *ss, size_t start, size_t end)
{
	if (ss->rspans.len == ss->rspans.cap) {
		ss->rspans.cap = ss->rspans.cap ? ss->rspans.cap * 2 : 16;
		ss->rspans.v = xreallocarray(ss->rspans.v, ss->rspans.cap,
		    sizeof(*ss->rspans.v));
	}
	ss->rspans.v[ss->rspans.len++] = (struct span){start, end};
}

/*
 * -r: the piece made of line's text with each of the spans [from, to)
 * replaced (with -o, one span and nothing around it).
 */
static void
replace_piece(struct standard_sink *ss, const struct sink_line *line,
    size_t from, size_t to, bool only, struct piece *p)
{
	struct outbuf *r = &ss->replaced;
	size_t at = 0;

	outbuf_clear(r);
	ss->rspans.len = 0;
	for (size_t i = from; i < to; i++) {
		const struct span *sp = &ss->spans.v[i];
		size_t start;

		if (!only)
			outbuf_append(r, line->text + at, sp->start - at);
		start = r->len;
		(void)replace_expand(ss->pc->replace, ss->base.matcher,
		    ss->base.scratch, &ss->rs, line->text, line->len + line->eol,
		    *sp, r);
		push_rspan(ss, start, r->len);
		at = sp->end;
	}
	/* With -U a match may take the line's newline too (at > len). */
	if (!only && at < line->len)
		outbuf_append(r, line->text + at, line->len - at);
	*p = (struct piece){r->data ? r->data : "", r->len, ss->rspans.v,
	    ss->rspans.len, true, false};
}

static void
put_record(struct standard_sink *ss, const struct sink_line *line,
    unsigned long long column, unsigned long long offset, bool context,
    struct piece *p)
{
	const struct print_config *pc = ss->pc;

	/* One reservation for the common case keeps this off the profile. */
	outbuf_reserve(ss->base.out, ss->path_len + p->len + 24);
	if (pc->encoding != ENCODING_IGNORE && !utf8_valid(p->text, p->len)) {
		ss->hidden = true;
		return;
	}
	start_file(ss);
	put_prefix(ss, line->number, column, offset, context);
	if (pc->trim)
		trim_piece(ss, p);
	/* -T: a tab after a prefix, unless the line is empty (as grep). */
	if (pc->initial_tab && p->len > 0 && (ss->with_filename ||
	    pc->line_number))
		outbuf_putc(ss->base.out, '\t');
	put_text(ss, p, context);
	/*
	 * --crlf: a line keeps the end it had (its CR is in its text); a
	 * record the input did not end (a match, a last line) gets CRLF.
	 */
	if (pc->null_data)
		outbuf_putc(ss->base.out, '\0');
	else if (line->newline && !p->match_only)
		outbuf_putc(ss->base.out, '\n');
	else
		printer_line_end(ss->base.out, pc);
}

static void
standard_begin(struct sink *k, const char *path)
{
	struct standard_sink *ss = (struct standard_sink *)k;

	ss->path = path;
	ss->path_len = strlen(path);
	ss->hidden = false;
	ss->started = false;
	ss->link_path_done = false;
	/*
	 * grep -T pads line numbers to the width of the file's size plus
	 * one (of the largest file offset when the size is not known).
	 */
	ss->number_width = !ss->pc->initial_tab ? 0 :
	    digits(k->input_size >= 0 ?
	    (unsigned long long)k->input_size + 1 : (unsigned long long)INTMAX_MAX);
	if (k->stats != NULL)
		ss->stats_started = print_stats_clock();
}

/* Does a selected line need its matches found? */
static bool
needs_spans(const struct standard_sink *ss)
{
	const struct print_config *pc = ss->pc;

	return pc->only_matching || pc->vimgrep || pc->column ||
	    pc->replace != NULL || ss->spans_for_color ||
	    ss->base.stats != NULL || /* --stats counts the matches */
	    (ss->link && hyperlink_wants_line(pc->hyperlink));
}

static void
put_selected(struct sink *k, const struct sink_line *line)
{
	struct standard_sink *ss = (struct standard_sink *)k;
	const struct print_config *pc = ss->pc;
	struct piece p = {line->text, line->len, NULL, 0, false, false};

	ss->link_col = 0;
	if (!needs_spans(ss)) {
		put_record(ss, line, 0, line->offset, false, &p);
		return;
	}
	/* A failed match ends the list; what was found is still shown. */
	(void)sink_line_spans(k, line, &ss->spans);
	/* --vimgrep -v: a line without matches is one record, no column. */
	if ((pc->only_matching || pc->vimgrep) &&
	    !(pc->vimgrep && !pc->only_matching && ss->spans.len == 0)) {
		for (size_t i = 0; i < ss->spans.len; i++) {
			const struct span *sp = &ss->spans.v[i];
			unsigned long long col = pc->column ? sp->start + 1 : 0;

			/* As grep: -o prints no empty match. */
			if (pc->only_matching && sp->end == sp->start)
				continue;
			ss->link_col = sp->start + 1;

			if (pc->replace != NULL && !pc->only_matching) {
				/* The whole line replaced; the column in it. */
				replace_piece(ss, line, 0, ss->spans.len, false, &p);
				col = p.spans[i].start + 1;
				p.spans += i;
				p.nspans = 1;
			} else if (pc->replace != NULL) {
				replace_piece(ss, line, i, i + 1, true, &p);
				p.match_only = true;
			}
			else if (pc->only_matching)
				p = (struct piece){line->text + sp->start,
				    sp->end - sp->start, NULL, 0, true, true};
			else
				p = (struct piece){line->text, line->len, sp, 1,
				    true, false};
			if (pc->only_matching && pc->replace == NULL) {
				/* The match is all the text: color it whole. */
				static const struct span whole = {0, SIZE_MAX};

				p.spans = &whole;
				p.nspans = 1;
			}
			put_record(ss, line, col, line->offset +
			    (pc->only_matching ? sp->start : 0), false, &p);
		}
		return;
	}
	ss->link_col = ss->spans.len > 0 ? ss->spans.v[0].start + 1 : 0;
	if (pc->replace != NULL)
		replace_piece(ss, line, 0, ss->spans.len, false, &p);
	else
		p = (struct piece){line->text, line->len, ss->spans.v,
		    ss->spans.len, true, false};
	put_record(ss, line, pc->column && ss->spans.len > 0 ?
	    ss->spans.v[0].start + 1 : 0, line->offset, false, &p);
}

static void
standard_selected(struct sink *k, const struct sink_line *line)
{
	struct standard_sink *ss = (struct standard_sink *)k;
	size_t mark = k->out->len;

	put_selected(k, line);
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
put_context(struct sink *k, const struct sink_line *line,
    enum sink_context kind)
{
	struct standard_sink *ss = (struct standard_sink *)k;
	struct piece p = {line->text, line->len, NULL, 0, false, false};
	unsigned long long column = 0;

	(void)kind;
	/* As grep: -o prints no context lines, only the breaks. */
	if (ss->pc->only_matching)
		return;
	ss->link_col = 0;
	/*
	 * A context line can hold matches (-v, or past -m's count): colored,
	 * replaced, and with --column the first one's column, as ripgrep
	 * shows them.
	 */
	if (ss->spans_for_color || ss->pc->column || ss->pc->replace != NULL) {
		(void)sink_line_spans(k, line, &ss->spans);
		if (ss->pc->column && ss->spans.len > 0)
			column = ss->spans.v[0].start + 1;
		if (ss->pc->replace != NULL)
			replace_piece(ss, line, 0, ss->spans.len, false, &p);
		else
			p = (struct piece){line->text, line->len, ss->spans.v,
			    ss->spans.len, true, false};
	}
	put_record(ss, line, column, line->offset, true, &p);
}

static void
standard_context(struct sink *k, const struct sink_line *line,
    enum sink_context kind)
{
	size_t mark = k->out->len;

	put_context(k, line, kind);
	if (k->stats != NULL)
		k->stats->bytes_printed += k->out->len - mark;
}

static void
standard_context_break(struct sink *k)
{
	struct standard_sink *ss = (struct standard_sink *)k;

	if (ss->pc->group_sep == NULL)
		return;
	outbuf_append(k->out, ss->pc->group_sep, ss->pc->group_sep_len);
	printer_line_end(k->out, ss->pc);
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

		print_stats_end_file(&file, end, ss->stats_started);
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
	if (ss->heading && !ss->started)
		outbuf_putc(k->out, '\n');
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
	span_list_free(&ss->rspans);
	outbuf_free(&ss->replaced);
	outbuf_free(&ss->link_path);
	replace_scratch_free(&ss->rs);
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
	ss->heading = with_filename && pc->heading == 1 && !pc->vimgrep;
	ss->show_path = with_filename && !ss->heading;
	ss->link = pc->color && hyperlink_enabled(pc->hyperlink);
	ss->spans_for_color = pc->color && (!pc->colors.none[COLOR_MATCH] ||
	    !pc->colors.none[COLOR_HIGHLIGHT]);
	return &ss->base;
}
