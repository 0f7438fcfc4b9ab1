/*
 * searcher.c - search one input: read chunks, find the selected lines,
 * report them to a sink.
 *
 * The searching layer (src/search/): one input to a stream of events for
 * a sink -- byte sources, the line reader, the searcher, line counting.
 * It decides which lines are selected and knows no output format.
 *
 * The searcher knows what "selected" means (-v inverts, -m caps, a sink
 * that only wants to know whether a line is selected stops at the first)
 * and when a file is binary; the matcher only finds matching lines and
 * the sink only lays records out.  Line numbers are counted lazily, only
 * up to the lines a sink is given, and only when it wants them.
 *
 * Context lines (-A, -B, -C) are chosen here too, since which lines are
 * context depends on which are selected: the lines between two shown
 * ones form a gap, whose first lines are owed as after-context and whose
 * last ones become before-context when a selected line follows.  The
 * reader drops a chunk once it is searched, so the last -B lines of an
 * unshown gap are copied aside (struct context_hold) at a chunk's end.
 */
#include "search/searcher.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/xmalloc.h"
#include "runtime/cancel.h"
#include "runtime/mapguard.h"
#include "search/bytecount.h"

enum {
	BINARY_BLOCK = 64 * 1024, /* a NUL byte in here marks a binary file */
	STREAM_FLUSH = 64 * 1024, /* direct path: write out at this size */
	STREAM_LINE_MAX = 1024 * 1024, /* long lines in pieces of this size */
	NUL_STEP = 64 * 1024, /* the lazy NUL check looks this far ahead */
	MULTILINE_WINDOW = 16 * 1024 * 1024, /* -U: the longest match held */
};

/*
 * Does a NUL byte mean binary data?  Not with -a, and not with
 * --null-data, where the reader turned every newline into one.
 */
static bool
nul_is_binary(const struct select_config *sel)
{
	return !sel->text && !sel->null_data;
}

/* The state of one file's search. */
struct file_search {
	struct searcher *s;
	struct sink *k;
	const char *path;
	size_t out_mark;     /* k->out's length before the chunk searched */
	unsigned long long selected;
	bool binary;         /* binary file: report, do not print lines */
	bool binary_summary; /* --binary: count all its lines, then summarise */
	bool binary_matched;
	bool in_long;        /* inside a line handed out in pieces */
	bool long_hit;       /* ... which holds a match */
	unsigned long long binary_lines; /* selected in the binary part */
	bool done;           /* nothing more to learn from this file */
	bool named;          /* given by the user: a binary file is reported */
	bool without_match;  /* -I: a binary file, taken as matching nothing */
	unsigned long long offset;  /* file offset of the current chunk */
	unsigned long long stop_at; /* -m stopped after this byte, or 0 */
	unsigned long long printed; /* lines given to the sink so far */
	unsigned long long line_no; /* number of the line at count_at */
	/*
	 * Where line_no was counted to.  A streaming source reuses its
	 * buffer, so there the count is brought to each chunk's end; in a
	 * split segment's region the bytes stay, so the count waits until
	 * a line needs its number (defer_count), and a stretch with no
	 * printed line is never counted again: the segment's count for the
	 * ledger (split.c) then is the only pass of counting over it.
	 */
	const char *count_at;
	bool defer_count;
	const char *chunk_end; /* just past the last chunk searched */
	/* The chunk's NUL check, done lazily: only printed lines need it. */
	size_t chunk_len;
	size_t nul_checked;  /* no NUL before this offset, unless nul_at */
	size_t nul_at;       /* the chunk's first NUL, or SIZE_MAX */
	unsigned long long after_selected; /* offset after the last selected */
	/* Context lines: what the sink was shown, and what is still owed. */
	bool context;        /* context lines are wanted at all */
	bool shown_any;      /* a line of this file was given to the sink */
	unsigned long long shown_end; /* file offset past the last one */
	size_t gap_start;    /* the chunk's first line not shown */
	unsigned long long after_left; /* after-context lines owed */
	bool trailing;       /* -m reached: only after-context is left */
	bool window_full;    /* -U: a match outgrew the window (said once) */
	/* --all-match: patterns not yet seen; the output from all_mark on. */
	size_t unseen;
	size_t all_mark;
};

/*
 * --all-match: note which patterns the line matches (a selected line, or
 * with -v a line that was not selected, as git grep counts them).
 */
static void
note_patterns(struct file_search *fs, const char *buf, struct span line)
{
	const struct searcher *s = fs->s;
	size_t n = matcher_npatterns(s->matcher);

	if (matcher_line_patterns(s->matcher, s->scratch, buf + line.start,
	    line.end - line.start, s->seen) < 0)
		return;
	fs->unseen = 0;
	for (size_t i = 0; i < n; i++)
		fs->unseen += !s->seen[i];
	/* -l -v, -q -v: the verdict may come after the first selected line. */
	if (s->sel->invert && fs->unseen == 0 && fs->selected > 0 &&
	    (fs->k->wants & SINK_WANTS_FIRST))
		fs->done = true;
}

/*
 * The bytes buf[from, to) were looked at for NUL bytes (nul: one is
 * there), by the line counter: the lazy binary check need not look again.
 * Only a scan that continues the checked part counts.
 */
static void
note_nul_scan(struct file_search *fs, const char *buf, size_t from, size_t to,
    bool nul)
{
	if (fs->nul_at != SIZE_MAX || from > fs->nul_checked ||
	    to <= fs->nul_checked)
		return;
	if (nul) {
		/* [0, nul_checked) has none, so the NUL is after it. */
		const char *at = memchr(buf + fs->nul_checked, '\0',
		    to - fs->nul_checked);

		if (at != NULL)
			fs->nul_at = (size_t)(at - buf);
		return;
	}
	fs->nul_checked = to;
}

/*
 * The 1-based number of the line starting at buf[pos].  The count looks
 * for NUL bytes in the same pass, for check_binary (only when it began
 * in this chunk: a deferred count may begin in an earlier one).
 */
static unsigned long long
line_number_at(struct file_search *fs, const char *buf, size_t pos)
{
	const char *from = fs->count_at;
	bool nul = false;

	fs->line_no += bytecount_newlines_nul(from, (size_t)(buf + pos - from),
	    &nul);
	fs->count_at = buf + pos;
	note_nul_scan(fs, buf, from >= buf ? (size_t)(from - buf) : 0, pos,
	    nul);
	return fs->line_no;
}

/*
 * A deferred count is brought to the end of the last chunk: before a
 * chunk that does not follow it in memory, or a line not handed out.
 */
static void
settle_count(struct file_search *fs)
{
	bool nul;

	if (fs->count_at != NULL && fs->chunk_end > fs->count_at)
		fs->line_no += bytecount_newlines_nul(fs->count_at,
		    (size_t)(fs->chunk_end - fs->count_at), &nul);
	fs->count_at = NULL;
}

/* Binary data begins at the file offset at: say so once. */
static void
binary_begins_at(struct file_search *fs, unsigned long long at)
{
	fs->binary = true;
	fs->binary_summary = fs->s->sel->binary;
	fs->k->ops->binary(fs->k, at);
}

/* Binary data begins at the chunk's offset at. */
static void
binary_begins(struct file_search *fs, size_t at)
{
	binary_begins_at(fs, fs->offset + at);
}

/*
 * Does binary data begin by the end of this line?  Then the file is binary
 * from here on.  The chunk is checked for NUL bytes lazily, a block ahead
 * at a time: a file with few matches is never scanned for them whole.
 */
static void
check_binary(struct file_search *fs, const char *buf, struct span line)
{
	if (fs->binary)
		return;
	if (fs->nul_at == SIZE_MAX && fs->nul_checked <= line.end &&
	    fs->nul_checked < fs->chunk_len) {
		size_t to = line.end + 1 > fs->nul_checked + NUL_STEP ?
		    line.end + 1 : fs->nul_checked + NUL_STEP;
		const char *nul;

		if (to > fs->chunk_len)
			to = fs->chunk_len;
		nul = memchr(buf + fs->nul_checked, '\0', to - fs->nul_checked);
		fs->nul_checked = to;
		if (nul != NULL)
			fs->nul_at = (size_t)(nul - buf);
	}
	if (fs->nul_at <= line.end)
		binary_begins(fs, fs->nul_at);
}

/* Hand the sink's output so far to the searcher's flush. */
static void
flush_output(struct file_search *fs)
{
	if (fs->s->flush == NULL || fs->k->out->len == 0)
		return;
	fs->s->flush(fs->k->out);
	fs->out_mark = fs->k->out->len;
}

/* The line of buf that starts at from, ending at a newline or at to. */
static struct span
line_at(const char *buf, size_t from, size_t to)
{
	const char *nl = memchr(buf + from, '\n', to - from);
	struct span line = {from, nl ? (size_t)(nl - buf) : to};

	return line;
}

/* Where the line after line starts, at most to. */
static size_t
after_line(struct span line, size_t to)
{
	return line.end < to ? line.end + 1 : to;
}

static void
hold_clear(struct context_hold *h)
{
	h->len = 0;
	h->n = 0;
}

/*
 * A line at the file offset off, len bytes long, is about to be shown:
 * a break first when lines were left out since the last one shown.
 */
static void
shown(struct file_search *fs, unsigned long long off, size_t len)
{
	if (fs->s->sel->context_breaks && (fs->shown_any ?
	    off != fs->shown_end : fs->s->lead_break))
		fs->k->ops->context_break(fs->k);
	fs->shown_any = true;
	fs->shown_end = off + len + 1;
}

/* Give the sink a context line (not in binary data, which is not shown). */
static void
show_context(struct file_search *fs, const char *buf, struct span line,
    enum sink_context kind)
{
	struct sink *k = fs->k;
	struct sink_line sl = {.eol = 0};

	sl.number = (k->wants & SINK_WANTS_NUMBERS) && !fs->binary ?
	    line_number_at(fs, buf, line.start) : 0;
	check_binary(fs, buf, line);
	if (fs->binary)
		return;
	sl.text = buf + line.start;
	sl.len = line.end - line.start;
	sl.offset = fs->offset + line.start;
	sl.newline = line.end < fs->chunk_len;
	shown(fs, sl.offset, sl.len);
	k->ops->context(k, &sl, kind);
}

/* The last n lines held from earlier chunks, as before-context. */
static void
show_held(struct file_search *fs, size_t n)
{
	const struct context_hold *h = &fs->s->hold;

	for (size_t i = h->n - n; i < h->n && !fs->binary; i++) {
		const struct held_line *hl = &h->v[i];
		struct sink_line sl = {
			.text = h->bytes + hl->start, .len = hl->len,
			.number = hl->number, .offset = hl->offset,
			.newline = true, /* held lines are whole */
		};
		const char *nul = !nul_is_binary(fs->s->sel) ? NULL :
		    memchr(sl.text, '\0', sl.len);

		if (nul != NULL) {
			binary_begins_at(fs, hl->offset + (size_t)(nul - sl.text));
			return;
		}
		shown(fs, sl.offset, sl.len);
		fs->k->ops->context(fs->k, &sl, SINK_BEFORE);
	}
}

/*
 * The lines of buf[gap_start, to) were not shown: give the sink the
 * after-context owed, and when a selected line starts at to, the
 * before-context (from the hold when the gap reaches back past the chunk).
 */
static void
show_gap(struct file_search *fs, const char *buf, size_t to, bool selected)
{
	unsigned long long before = fs->s->sel->before;
	unsigned long long k = 0;
	size_t first = to;

	while (fs->after_left > 0 && fs->gap_start < to && !fs->binary) {
		struct span line = line_at(buf, fs->gap_start, to);

		show_context(fs, buf, line, SINK_AFTER);
		fs->after_left--;
		fs->gap_start = after_line(line, to);
	}
	if (!selected)
		return;
	/* Back from to, line by line: buf[to - 1] ends the line before. */
	while (k < before && first > fs->gap_start) {
		const char *nl = memrchr(buf + fs->gap_start, '\n',
		    first - 1 - fs->gap_start);

		first = nl ? (size_t)(nl - buf) + 1 : fs->gap_start;
		k++;
	}
	if (k < before && first == 0 && fs->s->hold.n > 0)
		show_held(fs, fs->s->hold.n < before - k ?
		    fs->s->hold.n : (size_t)(before - k));
	while (first < to && !fs->binary) {
		struct span line = line_at(buf, first, to);

		show_context(fs, buf, line, SINK_BEFORE);
		first = after_line(line, to);
	}
	hold_clear(&fs->s->hold);
	fs->gap_start = to;
}

/* Append a line to the hold. */
static void
hold_push(struct context_hold *h, const char *text, size_t len,
    unsigned long long offset, unsigned long long number)
{
	if (h->n == h->cap_n) {
		h->cap_n = h->cap_n ? h->cap_n * 2 : 8;
		h->v = xreallocarray(h->v, h->cap_n, sizeof(*h->v));
	}
	if (h->cap - h->len < len) {
		h->cap = h->len + len > 2 * h->cap ? h->len + len : 2 * h->cap;
		h->bytes = xrealloc(h->bytes, h->cap);
	}
	memcpy(h->bytes + h->len, text, len);
	h->v[h->n++] = (struct held_line){h->len, len, offset, number};
	h->len += len;
}

/* Drop all but the last keep lines of the hold. */
static void
hold_keep_last(struct context_hold *h, size_t keep)
{
	size_t drop, bytes;

	if (keep >= h->n)
		return;
	if (keep == 0) {
		hold_clear(h);
		return;
	}
	drop = h->n - keep;
	bytes = h->v[drop].start;
	memmove(h->bytes, h->bytes + bytes, h->len - bytes);
	h->len -= bytes;
	memmove(h->v, h->v + drop, keep * sizeof(*h->v));
	for (size_t i = 0; i < keep; i++)
		h->v[i].start -= bytes;
	h->n = keep;
}

/*
 * The chunk ends: the after-context owed from it is shown now, and the
 * last -B lines of its unshown tail are held for a match in a later one.
 */
static void
end_chunk_context(struct file_search *fs, const char *buf, size_t len)
{
	unsigned long long before = fs->s->sel->before;
	struct context_hold *h = &fs->s->hold;
	size_t first = len;
	unsigned long long k = 0, number = 0;

	show_gap(fs, buf, len, false);
	if (fs->trailing && fs->after_left == 0)
		fs->done = true;
	if (before == 0 || fs->done || fs->binary ||
	    reader_at_end(&fs->s->reader) || fs->gap_start >= len)
		return;
	while (k < before && first > fs->gap_start) {
		const char *nl = first - 1 > fs->gap_start ? memrchr(buf +
		    fs->gap_start, '\n', first - 1 - fs->gap_start) : NULL;

		first = nl ? (size_t)(nl - buf) + 1 : fs->gap_start;
		k++;
	}
	if (fs->gap_start > 0)
		hold_clear(h); /* a line of this chunk was shown */
	hold_keep_last(h, (size_t)(before - k));
	if (fs->k->wants & SINK_WANTS_NUMBERS)
		number = line_number_at(fs, buf, first);
	while (first < len) {
		struct span line = line_at(buf, first, len);

		hold_push(h, buf + line.start, line.end - line.start,
		    fs->offset + line.start, number ? number++ : 0);
		first = after_line(line, len);
	}
}

/* One more line is selected: report or count it, and decide to go on. */
static void
select_line(struct file_search *fs, const char *buf, struct span line)
{
	struct sink *k = fs->k;
	struct sink_line sl;

	if (fs->unseen > 0 && !fs->s->sel->invert)
		note_patterns(fs, buf, line);
	fs->selected++;
	if (k->wants & SINK_WANTS_LINES) {
		if (fs->context && !fs->binary)
			show_gap(fs, buf, line.start, true);
		/* Counting first also checks the bytes before for NUL. */
		sl.number = (k->wants & SINK_WANTS_NUMBERS) && !fs->binary ?
		    line_number_at(fs, buf, line.start) : 0;
		check_binary(fs, buf, line);
		if (fs->binary) {
			fs->binary_lines++;
			fs->binary_matched = true;
			fs->done = !fs->binary_summary; /* -m still counts */
		} else {
			sl.text = buf + line.start;
			sl.len = line.end - line.start;
			sl.offset = fs->offset + line.start;
			sl.newline = line.end < fs->chunk_len;
			sl.eol = matcher_multiline(fs->s->matcher) &&
			    line.end < fs->chunk_len;
			if (fs->context) {
				shown(fs, sl.offset, sl.len);
				fs->gap_start = after_line(line, fs->chunk_len);
				fs->after_left = fs->s->sel->passthru ?
				    ULLONG_MAX : fs->s->sel->after;
			}
			k->ops->selected(k, &sl);
			fs->printed++;
			if (fs->s->flush_when == SEARCHER_FLUSH_LINE &&
			    fs->s->seen == NULL)
				flush_output(fs);
		}
	} else if ((k->wants & SINK_WANTS_FIRST) && fs->unseen == 0) {
		fs->done = true;
	}
	fs->after_selected = fs->offset + line.end + 1;
	if (fs->s->sel->has_max_count && fs->selected >= fs->s->sel->max_count) {
		fs->stop_at = fs->offset + line.end +
		    (line.end < fs->chunk_len);
		/* As grep, the context after the last one is still shown. */
		if (fs->context && fs->after_left > 0 && !fs->binary)
			fs->trailing = true;
		else
			fs->done = true;
	}
}

/* Select every line of buf[from, to): the non-matching lines of -v. */
static void
select_range(struct file_search *fs, const char *buf, size_t from, size_t to)
{
	while (from < to && !fs->done && !fs->trailing) {
		struct span line = line_at(buf, from, to);

		select_line(fs, buf, line);
		from = line.end + 1;
	}
}

/* "PATH:LINE: match limit exceeded"; the search goes on after the line. */
static void
report_match_error(struct file_search *fs, const char *buf, size_t line_start,
    int code)
{
	char msg[256];
	unsigned long long num = line_number_at(fs, buf, line_start);

	matcher_error_message(code, msg, sizeof(msg));
	diag_line_message(fs->path, num, msg);
}

/* Search the lines of buf[pos, len); pos is a line start. */
static void
search_lines(struct file_search *fs, const char *buf, size_t pos, size_t len)
{
	struct searcher *s = fs->s;
	bool invert = s->sel->invert;

	while (pos < len && !fs->done && !fs->trailing) {
		struct span line;
		int rc = matcher_next_line(s->matcher, s->scratch, buf, len,
		    pos, &line);

		if (rc == 0) {
			if (invert)
				select_range(fs, buf, pos, len);
			break;
		}
		if (invert)
			select_range(fs, buf, pos, line.start);
		if (rc < 0)
			report_match_error(fs, buf, line.start, rc);
		else if (invert && fs->unseen > 0)
			note_patterns(fs, buf, line);
		else if (!invert && !fs->done && !fs->trailing)
			select_line(fs, buf, line);
		pos = line.end + 1;
	}
}

/* The start of the line that holds buf[at]; a line starts at from. */
static size_t
line_start_of(const char *buf, size_t from, size_t at)
{
	const char *nl = at > from ? memrchr(buf + from, '\n', at - from) : NULL;

	return nl ? (size_t)(nl - buf) + 1 : from;
}

/*
 * -U, as pcre2grep -M: the lines a match spans are selected as one
 * record.  The search goes on at the start of the match's last line (at
 * the next line after a one-line match), so a match that starts on the
 * last line of the one before adds its further lines to the same record;
 * each match counts once (-c).
 */
struct ml_record {
	bool open;          /* a record is waiting to be selected */
	struct span lines;  /* its lines, without the last newline */
	unsigned long long matches;
};

/* Select the waiting record, counting each of its matches. */
static void
ml_flush(struct file_search *fs, const char *buf, struct ml_record *rec)
{
	if (!rec->open)
		return;
	rec->open = false;
	if (fs->s->sel->invert) {
		if (fs->unseen > 0)
			note_patterns(fs, buf, rec->lines);
		return;
	}
	select_line(fs, buf, rec->lines);
	/* select_line counted one; the record may hold more matches. */
	if (!fs->done && !fs->trailing)
		fs->selected += rec->matches - 1;
}

/*
 * Search buf[pos, len) with -U.  Returns where the searched part of the
 * chunk ends: before len when a match may go on past the chunk; the
 * reader then hands those lines out again, with more after them, up to
 * MULTILINE_WINDOW bytes (past that, the chunk's end ends the match).
 */
static size_t
search_multiline(struct file_search *fs, const char *buf, size_t pos,
    size_t len)
{
	struct searcher *s = fs->s;
	bool invert = s->sel->invert;
	bool more = !reader_at_end(&s->reader);
	struct ml_record rec = {false, {0, 0}, 0};
	size_t uncovered = pos; /* -v: the first line no match touched */

	while (pos < len && !fs->done && !fs->trailing) {
		struct span m, lines;
		size_t keep;
		int rc = matcher_find_multiline(s->matcher, s->scratch, buf, len,
		    pos, more, &m);

		if (rc < 0) {
			report_match_error(fs, buf, pos, rc);
			pos = after_line(line_at(buf, pos, len), len);
			continue;
		}
		if (rc == 0 || m.start >= len)
			break;
		lines.start = line_start_of(buf, pos, m.start);
		if (rc == MATCHER_PARTIAL) {
			/* A record this match would join is searched again. */
			keep = rec.open && lines.start <= rec.lines.end ?
			    rec.lines.start : lines.start;
			if (len - keep > MULTILINE_WINDOW) {
				if (!fs->window_full)
					diag_file_message(fs->path, "a multiline "
					    "match is longer than 16 MiB: cut "
					    "at that size");
				fs->window_full = true;
				more = false;
				continue;
			}
			if (keep != rec.lines.start || !rec.open)
				ml_flush(fs, buf, &rec);
			if (invert)
				select_range(fs, buf, uncovered, keep);
			if (fs->done || fs->trailing)
				return len;
			reader_keep(&s->reader, keep);
			return keep;
		}
		lines.end = line_at(buf, m.end > m.start ? m.end - 1 : m.start,
		    len).end;
		if (rec.open && lines.start <= rec.lines.end) {
			if (lines.end > rec.lines.end)
				rec.lines.end = lines.end;
			rec.matches++;
		} else {
			ml_flush(fs, buf, &rec);
			rec = (struct ml_record){true, lines, 1};
		}
		if (invert && lines.start > uncovered)
			select_range(fs, buf, uncovered, lines.start);
		if (lines.end + 1 > uncovered)
			uncovered = lines.end + 1;
		/* Again from the last line, if the match left it. */
		pos = line_start_of(buf, lines.start, lines.end);
		if (pos <= lines.start)
			pos = lines.end + 1;
	}
	ml_flush(fs, buf, &rec);
	if (invert && uncovered < len)
		select_range(fs, buf, uncovered, len);
	return len;
}

/*
 * Is a NUL byte in the part of buf that lies in the file's first
 * BINARY_BLOCK bytes (before anything was printed)?  Then the file is
 * binary from its start; *skip: a walk passes it by.
 */
static bool
binary_from_start(struct file_search *fs, const char *buf, size_t len,
    bool *skip)
{
	const struct select_config *sel = fs->s->sel;
	size_t head;
	const char *nul;

	*skip = false;
	if (!nul_is_binary(sel) || fs->binary || fs->offset >= BINARY_BLOCK ||
	    fs->printed > 0)
		return false;
	head = BINARY_BLOCK - (size_t)fs->offset;
	nul = memchr(buf, '\0', len < head ? len : head);
	if (nul == NULL)
		return false;
	switch (sel->binary_files) {
	case BINARY_FILES_DEFAULT:
		*skip = !fs->named && !sel->binary;
		break;
	case BINARY_FILES_BINARY:
		break;
	case BINARY_FILES_WITHOUT_MATCH:
		/* As grep: no line selected, but -c says 0 and -L lists it. */
		fs->without_match = fs->done = true;
		return true;
	}
	if (!*skip)
		binary_begins(fs, (size_t)(nul - buf));
	return true;
}

/*
 * Where binary data starts in this piece: 0 when the file is binary from
 * its start, else the start of the line of its first NUL, or len.
 */
static size_t
find_binary_start(struct file_search *fs, const char *buf, size_t len,
    bool *skip)
{
	const char *nul;
	const char *nl;

	if (binary_from_start(fs, buf, len, skip))
		return 0;
	if (!nul_is_binary(fs->s->sel) || fs->binary)
		return len;
	nul = memchr(buf, '\0', len);
	if (nul == NULL)
		return len;
	nl = memrchr(buf, '\n', (size_t)(nul - buf));
	return nl ? (size_t)(nl - buf) + 1 : 0;
}

/* Does buf[0, len) hold a match of the (plain string) patterns? */
static bool
window_has_match(struct file_search *fs, const char *buf, size_t len)
{
	struct span m;

	return matcher_find_in_line(fs->s->matcher, fs->s->scratch, buf, len, 0,
	    &m) > 0;
}

/*
 * A piece of a line too long to hold (only for plain strings, without -v,
 * when no line is printed): remember whether the string is in it.
 */
static void
search_partial(struct file_search *fs, const char *buf, size_t len,
    bool *skip)
{
	size_t text = find_binary_start(fs, buf, len, skip);

	if (*skip || fs->done)
		return;
	if (text < len && !fs->binary)
		binary_begins(fs, text);
	if (!fs->long_hit)
		fs->long_hit = window_has_match(fs, buf, len);
	fs->in_long = true;
	fs->offset += fs->s->reader.consumed;
}

/* The end of a long line opens this chunk: judge the whole line now. */
static size_t
finish_long_line(struct file_search *fs, const char *buf, size_t len)
{
	const char *nl = memchr(buf, '\n', len);
	struct span line = {0, nl ? (size_t)(nl - buf) : len};

	if (!fs->long_hit)
		fs->long_hit = window_has_match(fs, buf, line.end);
	if (fs->long_hit)
		select_line(fs, buf, line);
	fs->in_long = false;
	fs->long_hit = false;
	fs->line_no++;
	return nl ? line.end + 1 : len;
}

static void
search_chunk(struct file_search *fs, const char *buf, size_t len, bool *skip)
{
	const struct searcher *s = fs->s;
	size_t start = 0;

	if (binary_from_start(fs, buf, len, skip) && (*skip || fs->done))
		return;
	fs->chunk_len = len;
	fs->nul_checked = 0;
	fs->nul_at = SIZE_MAX;
	if (!nul_is_binary(s->sel))
		fs->nul_checked = len;
	matcher_new_buffer(fs->s->scratch);
	if (fs->count_at != NULL && buf != fs->chunk_end)
		settle_count(fs);
	if (fs->count_at == NULL)
		fs->count_at = buf;
	if (fs->in_long) {
		start = finish_long_line(fs, buf, len);
		fs->count_at = buf + start;
	}
	fs->gap_start = start;
	if (matcher_multiline(s->matcher))
		len = search_multiline(fs, buf, start, len);
	else
		search_lines(fs, buf, start, len);
	if (fs->context)
		end_chunk_context(fs, buf, len);
	/*
	 * Later chunks need the count (for -n, and to name the line of a
	 * match error); after the last one nobody does.
	 */
	if (!reader_at_end(&s->reader) && !fs->defer_count)
		line_number_at(fs, buf, len);
	fs->chunk_end = buf + len;
	fs->offset += len;
}

/* Tell the sink what the input amounted to. */
static void
finish_file(struct file_search *fs)
{
	struct sink_end end = {
		.selected = fs->selected,
		.binary_matched = fs->binary_matched,
		.binary_counted = fs->binary_summary,
		.binary_lines = fs->binary_lines,
		.bytes_searched = fs->stop_at > 0 ? fs->stop_at : fs->offset,
	};

	/* --all-match: a file where some pattern never matched has none. */
	if (fs->unseen > 0) {
		fs->k->out->len = fs->all_mark;
		memset(&end, 0, sizeof(end));
		fs->selected = 0;
	}
	fs->k->ops->end(fs->k, &end);
}

/*
 * Read the file chunk by chunk and search each; true when it turned out
 * to be a binary file to skip.
 */
static bool
read_file(struct file_search *fs, bool stream)
{
	struct searcher *s = fs->s;
	struct reader *r = &s->reader;
	bool skip = false;

	/*
	 * See count_at.  Only in a region the caller holds whole (a split
	 * segment, counted already for the ledger): a mapping the source owns
	 * gives its pages back behind the reader (source_release), and a
	 * late count would read them in again.  -U hands bytes out twice,
	 * and pieces of long lines skip some.
	 */
	fs->defer_count = reader_is_mapped(r) && !r->src->map_owned &&
	    r->partial_keep == 0 && !matcher_multiline(s->matcher);
	while (!fs->done && !cancel_requested()) {
		const char *chunk;
		size_t len;
		enum reader_status st_read = reader_next(r, &chunk, &len);

		if (st_read == READER_END)
			break;
		if (st_read == READER_ERROR) {
			/* A decompressor's error comes in its own words. */
			if (r->src->error != NULL)
				diag_file_message(fs->path, r->src->error);
			else
				diag_file_error(fs->path, errno);
			break;
		}
		if (st_read == READER_PARTIAL) {
			search_partial(fs, chunk, len, &skip);
			if (skip)
				break;
			continue;
		}
		if (st_read == READER_TOO_LONG) {
			diag_file_message(fs->path, "line too long, skipped");
			settle_count(fs);
			fs->line_no++;
			continue;
		}
		fs->out_mark = fs->k->out->len;
		search_chunk(fs, chunk, len, &skip);
		if (skip)
			break;
		/* --all-match holds a file's output until its verdict. */
		if (s->seen == NULL && ((stream &&
		    s->flush_when != SEARCHER_FLUSH_BLOCK) ||
		    fs->k->out->len >= STREAM_FLUSH))
			flush_output(fs);
	}
	return skip;
}

/*
 * read_file over a mapped file.  If the file shrinks meanwhile, touching
 * the lost pages raises SIGBUS, which ends this file's search as an error;
 * the output of the chunk being searched is dropped, since its last record
 * may be cut.
 */
static bool
read_mapped(struct file_search *fs, bool stream)
{
	sigjmp_buf jb;
	bool skip;

	if (sigsetjmp(jb, 0) != 0) {
		if (fs->k->out->len > fs->out_mark)
			fs->k->out->len = fs->out_mark;
		diag_file_message(fs->path, "file shrank while it was read");
		return false;
	}
	mapguard_arm(&jb);
	skip = read_file(fs, stream);
	mapguard_disarm();
	return skip;
}

/* Start reporting fs's input; -m 0 is done before it starts. */
static void
begin_file(struct file_search *fs)
{
	const struct select_config *sel = fs->s->sel;

	fs->k->ops->begin(fs->k, fs->path);
	fs->done = sel->has_max_count && sel->max_count == 0;
	hold_clear(&fs->s->hold);
	if (fs->s->seen != NULL) {
		fs->unseen = matcher_npatterns(fs->s->matcher);
		memset(fs->s->seen, 0, fs->unseen * sizeof(*fs->s->seen));
		fs->all_mark = fs->k->out->len;
	}
}

void
searcher_search(struct searcher *s, struct input *in,
    struct search_result *res)
{
	struct file_search fs = {
		.s = s, .k = s->sink, .path = in->path, .line_no = 1,
		.named = in->named,
	};
	struct reader *r = &s->reader;
	const struct select_config *sel = s->sel;
	bool skip = false;

	memset(res, 0, sizeof(*res));
	/* Only a sink that prints lines has a use for context. */
	fs.context = (fs.k->wants & SINK_WANTS_LINES) &&
	    (sel->context_breaks || sel->passthru);
	fs.after_left = sel->passthru ? ULLONG_MAX : 0;
	fs.k->input_size = in->src.size;
	fs.k->input_named = in->named;
	begin_file(&fs);
	reader_start(r, &in->src);
	/*
	 * Counting or listing plain strings needs no whole line: hold at most
	 * STREAM_LINE_MAX bytes of one, and look for the string in pieces.
	 */
	if (matcher_literal_span(s->matcher) > 0 && !s->sel->invert &&
	    !matcher_multiline(s->matcher) &&
	    !(fs.k->wants & SINK_WANTS_LINES))
		reader_stream_long_lines(r, STREAM_LINE_MAX,
		    matcher_literal_span(s->matcher));
	skip = reader_is_mapped(r) ? read_mapped(&fs, in->stream) :
	    read_file(&fs, in->stream);
	reader_trim(r);
	if (skip) {
		res->skipped_binary = true;
		return;
	}
	/* A file that ended inside a long line: judge that line. */
	if (fs.in_long && !fs.done)
		finish_long_line(&fs, "", 0);
	finish_file(&fs);
	res->selected = fs.selected;
	res->skipped_binary = fs.without_match;
	/* A file without a final newline: its end, not a byte past it. */
	res->stopped = fs.done && fs.s->sel->has_max_count &&
	    fs.selected >= fs.s->sel->max_count;
	res->stop_offset = fs.after_selected < fs.offset ?
	    fs.after_selected : fs.offset;
}

void
searcher_search_region(struct searcher *s, struct input *in,
    const struct region_start *at, struct region_result *res)
{
	struct file_search fs = {
		.s = s, .k = s->sink, .path = in->path,
		.line_no = at->line_no, .named = true, .offset = at->offset,
		.binary = at->binary,
		.binary_summary = at->binary && s->sel->binary,
	};

	begin_file(&fs);
	reader_start(&s->reader, &in->src);
	(void)read_file(&fs, false);
	reader_trim(&s->reader);
	res->selected = fs.selected;
	res->binary_lines = fs.binary_lines;
	res->binary_matched = fs.binary_matched;
	res->bytes_searched = fs.offset - at->offset;
}

void
searcher_finish_regions(struct searcher *s, const char *path,
    const struct region_result *total)
{
	struct file_search fs = {
		.s = s, .k = s->sink, .path = path, .named = true,
		.selected = total->selected,
		.binary_lines = total->binary_lines,
		.binary_matched = total->binary_matched,
		.binary_summary = s->sel->binary,
		.offset = total->bytes_searched,
	};

	s->sink->input_named = true;
	begin_file(&fs);
	finish_file(&fs);
}

void
searcher_init(struct searcher *s, const struct select_config *sel,
    const struct matcher *m, struct sink *sink)
{
	memset(s, 0, sizeof(*s));
	s->sel = sel;
	s->matcher = m;
	s->sink = sink;
	reader_init(&s->reader);
	s->reader.nul_records = sel->null_data;
	s->scratch = matcher_scratch_new(m);
	if (sel->all_match)
		s->seen = xcalloc(matcher_npatterns(m) + 1, sizeof(*s->seen));
	sink->matcher = m;
	sink->scratch = s->scratch;
}

void
searcher_free(struct searcher *s)
{
	matcher_scratch_free(s->scratch);
	free(s->seen);
	reader_free(&s->reader);
	free(s->hold.bytes);
	free(s->hold.v);
}
