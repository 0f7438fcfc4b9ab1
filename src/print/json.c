/*
 * json.c - the sink for --json: JSON Lines as ripgrep writes them.
 *
 * Tools that read ripgrep's JSON (editor plugins, scripts) must read ours
 * unchanged, so the records, their field order and their numbers are
 * ripgrep's: compact objects, one a line; "begin" and "end" only around a
 * file with records; text as {"text":...} when it is valid UTF-8 and as
 * {"bytes":BASE64} when not (names too), since JSON strings cannot hold
 * arbitrary bytes.  The end record carries the file's stats and the
 * summary (written by main once the run is done) their sum: the sink is
 * where records are made, so it is where they are counted.
 */
#include "print/json.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/xmalloc.h"
#include "print/replace.h"

struct json_sink {
	struct sink base;
	const struct print_config *pc;
	const char *name;       /* the file's path */
	struct outbuf path;     /* ... as a JSON value, once a record needs it */
	bool path_done;
	bool begun;             /* its begin record is written */
	bool binary;
	unsigned long long binary_offset;
	unsigned long long started;
	struct print_stats file;
	struct span_list spans;
	struct outbuf replaced;   /* -r: one match's replacement */
	struct replace_scratch rs;
	bool segments;          /* searching segments: no begin, no end */
	bool preset;            /* the next file's records were counted */
	struct json_split preset_file;
};

/*
 * What a byte becomes in a JSON string: 0 for itself, else the letter
 * after the backslash ('u' for \u00XX).
 */
static const unsigned char escape_as[256] = {
	['\b'] = 'b', ['\t'] = 't', ['\n'] = 'n', ['\f'] = 'f', ['\r'] = 'r',
	[0x00] = 'u', [0x01] = 'u', [0x02] = 'u', [0x03] = 'u', [0x04] = 'u',
	[0x05] = 'u', [0x06] = 'u', [0x07] = 'u', [0x0b] = 'u', [0x0e] = 'u',
	[0x0f] = 'u', [0x10] = 'u', [0x11] = 'u', [0x12] = 'u', [0x13] = 'u',
	[0x14] = 'u', [0x15] = 'u', [0x16] = 'u', [0x17] = 'u', [0x18] = 'u',
	[0x19] = 'u', [0x1a] = 'u', [0x1b] = 'u', [0x1c] = 'u', [0x1d] = 'u',
	[0x1e] = 'u', [0x1f] = 'u', ['"'] = '"', ['\\'] = '\\',
};

/*
 * Does any of the 8 bytes in w need an escape (below 0x20, '"' or '\\')?
 * The classic has-less / has-zero bit tricks: exact as to whether one
 * does, which is all the scan needs to skip a clean word at once.
 */
static inline bool
word_needs_escape(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t high = 0x8080808080808080ULL;
	uint64_t quote = w ^ (ones * '"');
	uint64_t slash = w ^ (ones * '\\');

	return (((w - ones * 0x20) & ~w) | ((quote - ones) & ~quote) |
	    ((slash - ones) & ~slash)) & high;
}

/* The JSON string body of s[0, len): serde_json's escapes. */
static void
put_escaped(struct outbuf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	size_t run = 0, i = 0;

	while (i < len) {
		unsigned char c;
		char esc[6] = {'\\', 0, '0', '0', 0, 0};

		if (len - i >= 8) {
			uint64_t w;

			memcpy(&w, p + i, 8);
			if (!word_needs_escape(w)) {
				i += 8;
				continue;
			}
		}
		c = p[i];
		if (escape_as[c] == 0) {
			i++;
			continue;
		}
		outbuf_append(out, s + run, i - run);
		run = ++i;
		esc[1] = (char)escape_as[c];
		if (esc[1] != 'u') {
			outbuf_append(out, esc, 2);
			continue;
		}
		esc[4] = hex[c >> 4];
		esc[5] = hex[c & 15];
		outbuf_append(out, esc, 6);
	}
	outbuf_append(out, s + run, len - run);
}

static void
put_base64(struct outbuf *out, const char *s, size_t len)
{
	static const char digits[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	outbuf_reserve(out, (len + 2) / 3 * 4);
	for (; len - i >= 3; i += 3) {
		unsigned long v = (unsigned long)p[i] << 16 |
		    (unsigned long)p[i + 1] << 8 | p[i + 2];
		char q[4] = {digits[v >> 18], digits[v >> 12 & 63],
		    digits[v >> 6 & 63], digits[v & 63]};

		outbuf_append(out, q, 4);
	}
	if (len - i > 0) {
		unsigned long v = (unsigned long)p[i] << 16 |
		    (len - i > 1 ? (unsigned long)p[i + 1] << 8 : 0);
		char q[4] = {digits[v >> 18], digits[v >> 12 & 63],
		    len - i > 1 ? digits[v >> 6 & 63] : '=', '='};

		outbuf_append(out, q, 4);
	}
}

void
json_put_data(struct outbuf *out, const char *s, size_t len)
{
	outbuf_reserve(out, len + 16);
	if (utf8_valid_strict(s, len)) {
		outbuf_puts(out, "{\"text\":\"");
		put_escaped(out, s, len);
	} else {
		outbuf_puts(out, "{\"bytes\":\"");
		put_base64(out, s, len);
	}
	outbuf_puts(out, "\"}");
}

/* {"type":"TYPE","data":{"path":PATH, -- the start of a file's records. */
static void
put_head(struct json_sink *js, const char *type)
{
	struct outbuf *out = js->base.out;

	outbuf_puts(out, "{\"type\":\"");
	outbuf_puts(out, type);
	outbuf_puts(out, "\",\"data\":{\"path\":");
	/* Most files have no record: their path is never converted. */
	if (!js->path_done) {
		outbuf_clear(&js->path);
		json_put_data(&js->path, js->name, strlen(js->name));
		js->path_done = true;
	}
	outbuf_append(out, js->path.data, js->path.len);
}

static void
json_begin(struct sink *k, const char *path)
{
	struct json_sink *js = (struct json_sink *)k;

	js->name = path;
	js->path_done = false;
	js->begun = false;
	js->binary = false;
	memset(&js->file, 0, sizeof(js->file));
	js->started = print_stats_clock();
	if (js->preset) {
		/* The end of a split file: its segments made the records. */
		js->preset = false;
		js->begun = js->preset_file.begun;
		js->binary = js->preset_file.binary;
		js->binary_offset = js->preset_file.binary_offset;
		js->file = js->preset_file.records;
		js->started = js->preset_file.started;
	}
}

/* The begin record, before a file's first record. */
static void
begin_once(struct json_sink *js)
{
	if (js->begun || js->segments)
		return;
	js->begun = true;
	put_head(js, "begin");
	outbuf_puts(js->base.out, "}}\n");
}

/*
 * A match or context record.  Submatches are listed in context lines
 * too, as ripgrep does (with -v those are the lines that match).
 */
static void
put_line(struct json_sink *js, const char *type, const struct sink_line *line)
{
	struct outbuf *out = js->base.out;
	size_t mark;

	/* The begin record counts as printed, as in ripgrep. */
	mark = out->len;
	begin_once(js);
	put_head(js, type);
	outbuf_puts(out, ",\"lines\":");
	/* The line's newline is part of it, as ripgrep prints it. */
	json_put_data(out, line->text, line->len + (line->newline ? 1 : 0));
	outbuf_puts(out, ",\"line_number\":");
	outbuf_put_uint(out, line->number);
	outbuf_puts(out, ",\"absolute_offset\":");
	outbuf_put_uint(out, line->offset);
	outbuf_puts(out, ",\"submatches\":[");
	/* A failed match ends the list; what was found is still listed. */
	(void)sink_line_spans(&js->base, line, &js->spans);
	for (size_t i = 0; i < js->spans.len; i++) {
		const struct span *m = &js->spans.v[i];

		outbuf_puts(out, i > 0 ? ",{\"match\":" : "{\"match\":");
		json_put_data(out, line->text + m->start, m->end - m->start);
		/* -r: what the match becomes, as ripgrep lists it. */
		if (js->pc->replace != NULL) {
			js->replaced.len = 0;
			(void)replace_expand(js->pc->replace, js->base.matcher,
			    js->base.scratch, &js->rs, line->text,
			    line->len + line->eol, *m, &js->replaced);
			outbuf_puts(out, ",\"replacement\":");
			json_put_data(out, js->replaced.data, js->replaced.len);
		}
		outbuf_puts(out, ",\"start\":");
		outbuf_put_uint(out, m->start);
		outbuf_puts(out, ",\"end\":");
		outbuf_put_uint(out, m->end);
		outbuf_putc(out, '}');
	}
	outbuf_puts(out, "]}}\n");
	js->file.bytes_printed += out->len - mark;
}

static void
json_selected(struct sink *k, const struct sink_line *line)
{
	struct json_sink *js = (struct json_sink *)k;

	put_line(js, "match", line);
	js->file.matched_lines++;
	js->file.matches += js->spans.len;
}

static void
json_context(struct sink *k, const struct sink_line *line,
    enum sink_context kind)
{
	(void)kind;
	put_line((struct json_sink *)k, "context", line);
}

/* ripgrep's JSON has no record for a break between groups. */
static void
json_context_break(struct sink *k)
{
	(void)k;
}

static void
json_binary(struct sink *k, unsigned long long offset)
{
	struct json_sink *js = (struct json_sink *)k;

	js->binary = true;
	js->binary_offset = offset;
}

static void
put_stat(struct outbuf *out, const char *name, unsigned long long n)
{
	outbuf_puts(out, ",\"");
	outbuf_puts(out, name);
	outbuf_puts(out, "\":");
	outbuf_put_uint(out, n);
}

static void
json_end(struct sink *k, const struct sink_end *end)
{
	struct json_sink *js = (struct json_sink *)k;
	struct outbuf *out = k->out;
	struct print_stats *f = &js->file;

	print_stats_end_file(f, end, js->started);
	if (k->stats != NULL)
		print_stats_add(k->stats, f);
	if (!js->begun)
		return;
	put_head(js, "end");
	outbuf_puts(out, ",\"binary_offset\":");
	if (js->binary)
		outbuf_put_uint(out, js->binary_offset);
	else
		outbuf_puts(out, "null");
	outbuf_puts(out, ",\"stats\":{\"elapsed\":");
	print_stats_json_elapsed(out, f->elapsed_ns, false);
	put_stat(out, "searches", f->searches);
	put_stat(out, "searches_with_match", f->searches_with_match);
	put_stat(out, "bytes_searched", f->bytes_searched);
	put_stat(out, "bytes_printed", f->bytes_printed);
	put_stat(out, "matched_lines", f->matched_lines);
	put_stat(out, "matches", f->matches);
	outbuf_puts(out, "}}}\n");
}

static void
json_free(struct sink *k)
{
	struct json_sink *js = (struct json_sink *)k;

	outbuf_free(&js->path);
	outbuf_free(&js->replaced);
	replace_scratch_free(&js->rs);
	span_list_free(&js->spans);
	free(js);
}

static const struct sink_ops json_ops = {
	.begin = json_begin,
	.selected = json_selected,
	.context = json_context,
	.context_break = json_context_break,
	.binary = json_binary,
	.end = json_end,
	.free = json_free,
};

struct sink *
json_sink_new(const struct print_config *pc, struct outbuf *out)
{
	struct json_sink *js = xcalloc(1, sizeof(*js));

	js->base.ops = &json_ops;
	/* ripgrep's JSON always numbers lines. */
	js->base.wants = SINK_WANTS_LINES | SINK_WANTS_NUMBERS;
	js->base.out = out;
	js->pc = pc;
	return &js->base;
}

void
json_sink_segments(struct sink *k)
{
	((struct json_sink *)k)->segments = true;
}

void
json_sink_take_segment(struct sink *k, struct json_split *seg)
{
	struct json_sink *js = (struct json_sink *)k;

	memset(seg, 0, sizeof(*seg));
	seg->records = js->file;
	seg->binary = js->binary;
	seg->binary_offset = js->binary_offset;
	memset(&js->file, 0, sizeof(js->file));
}

void
json_write_begin(struct outbuf *out, const char *path)
{
	outbuf_puts(out, "{\"type\":\"begin\",\"data\":{\"path\":");
	json_put_data(out, path, strlen(path));
	outbuf_puts(out, "}}\n");
}

void
json_sink_preset(struct sink *k, const struct json_split *file)
{
	struct json_sink *js = (struct json_sink *)k;

	js->preset = true;
	js->preset_file = *file;
}

void
json_write_summary(struct outbuf *out, const struct print_stats *s,
    unsigned long long total_ns, const struct print_skip *skips,
    size_t nskips)
{
	/* ripgrep writes this record with its keys sorted. */
	outbuf_puts(out, "{\"data\":{\"elapsed_total\":");
	print_stats_json_elapsed(out, total_ns, true);
	if (nskips > 0) {
		outbuf_puts(out, ",\"skipped\":{");
		for (size_t i = 0; i < nskips; i++) {
			if (i > 0)
				outbuf_putc(out, ',');
			outbuf_putc(out, '"');
			put_escaped(out, skips[i].reason,
			    strlen(skips[i].reason));
			outbuf_puts(out, "\":");
			outbuf_put_uint(out, skips[i].count);
		}
		outbuf_putc(out, '}');
	}
	outbuf_puts(out, ",\"stats\":{\"bytes_printed\":");
	outbuf_put_uint(out, s->bytes_printed);
	put_stat(out, "bytes_searched", s->bytes_searched);
	outbuf_puts(out, ",\"elapsed\":");
	print_stats_json_elapsed(out, s->elapsed_ns, true);
	put_stat(out, "matched_lines", s->matched_lines);
	put_stat(out, "matches", s->matches);
	put_stat(out, "searches", s->searches);
	put_stat(out, "searches_with_match", s->searches_with_match);
	outbuf_puts(out, "}},\"type\":\"summary\"}\n");
}
