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
 */
#include "search/searcher.h"

#include <errno.h>
#include <fcntl.h>
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
};

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
	unsigned long long printed; /* lines given to the sink so far */
	unsigned long long line_no; /* number of the line at count_pos */
	size_t count_pos;
	/* The chunk's NUL check, done lazily: only printed lines need it. */
	size_t chunk_len;
	size_t nul_checked;  /* no NUL before this offset, unless nul_at */
	size_t nul_at;       /* the chunk's first NUL, or SIZE_MAX */
	/* --all-match: patterns not yet seen; the output from all_mark on. */
	size_t unseen;
	size_t all_mark;
};

/* --all-match: note which patterns the selected line matches. */
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
 * for NUL bytes in the same pass, for check_binary.
 */
static unsigned long long
line_number_at(struct file_search *fs, const char *buf, size_t pos)
{
	size_t from = fs->count_pos;
	bool nul = false;

	fs->line_no += bytecount_newlines_nul(buf + from, pos - from, &nul);
	fs->count_pos = pos;
	note_nul_scan(fs, buf, from, pos, nul);
	return fs->line_no;
}

/* Binary data begins at the chunk's offset at: say so once. */
static void
binary_begins(struct file_search *fs, size_t at)
{
	fs->binary = true;
	fs->binary_summary = fs->s->sel->binary;
	fs->k->ops->binary(fs->k, fs->offset + at);
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

/* One more line is selected: report or count it, and decide to go on. */
static void
select_line(struct file_search *fs, const char *buf, struct span line)
{
	struct sink *k = fs->k;
	struct sink_line sl;

	if (fs->unseen > 0)
		note_patterns(fs, buf, line);
	fs->selected++;
	if (k->wants & SINK_WANTS_LINES) {
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
			k->ops->selected(k, &sl);
			fs->printed++;
		}
	} else if ((k->wants & SINK_WANTS_FIRST) && fs->unseen == 0) {
		fs->done = true;
	}
	if (fs->s->sel->has_max_count && fs->selected >= fs->s->sel->max_count)
		fs->done = true;
}

/* Select every line of buf[from, to): the non-matching lines of -v. */
static void
select_range(struct file_search *fs, const char *buf, size_t from, size_t to)
{
	while (from < to && !fs->done) {
		const char *nl = memchr(buf + from, '\n', to - from);
		struct span line = {from, nl ? (size_t)(nl - buf) : to};

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

	while (pos < len && !fs->done) {
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
		else if (!invert && !fs->done)
			select_line(fs, buf, line);
		pos = line.end + 1;
	}
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
	if (sel->text || fs->binary || fs->offset >= BINARY_BLOCK ||
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
	if (fs->s->sel->text || fs->binary)
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
	if (s->sel->text)
		fs->nul_checked = len;
	matcher_new_buffer(fs->s->scratch);
	fs->count_pos = 0;
	if (fs->in_long)
		start = finish_long_line(fs, buf, len);
	fs->count_pos = start;
	search_lines(fs, buf, start, len);
	/*
	 * Later chunks need the count (for -n, and to name the line of a
	 * match error); after the last one nobody does.
	 */
	if (!reader_at_end(&s->reader))
		line_number_at(fs, buf, len);
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

	while (!fs->done && !cancel_requested()) {
		const char *chunk;
		size_t len;
		enum reader_status st_read = reader_next(r, &chunk, &len);

		if (st_read == READER_END)
			break;
		if (st_read == READER_ERROR) {
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
			fs->line_no++;
			continue;
		}
		fs->out_mark = fs->k->out->len;
		search_chunk(fs, chunk, len, &skip);
		if (skip)
			break;
		if (s->flush != NULL && s->seen == NULL &&
		    fs->k->out->len > 0 &&
		    (stream || fs->k->out->len >= STREAM_FLUSH))
			s->flush(fs->k->out);
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
	if (fs->s->seen != NULL && !sel->invert) {
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
	bool skip = false;

	memset(res, 0, sizeof(*res));
	begin_file(&fs);
	reader_start(r, &in->src);
	/*
	 * Counting or listing plain strings needs no whole line: hold at most
	 * STREAM_LINE_MAX bytes of one, and look for the string in pieces.
	 */
	if (matcher_literal_span(s->matcher) > 0 && !s->sel->invert &&
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
	};

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
}
