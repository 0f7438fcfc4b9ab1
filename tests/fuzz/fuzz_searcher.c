/*
 * fuzz_searcher.c - libFuzzer target: the matcher and searcher on arbitrary
 * patterns, buffers and options.
 *
 * Input layout: three option bytes (see the OPT_* and CTL_* bits below),
 * then the pattern up to the first NUL (at most PATTERN_MAX bytes, no NUL
 * needed after that), then the buffer to search.  A pattern with newlines
 * is several patterns, as on the command line.  The buffer is searched as a
 * named file (a memfd) or as a stream (a pipe).
 *
 * Besides what ASan and UBSan catch, each run checks what the searcher
 * found against a slow oracle that cannot be wrong the same way: the
 * number of selected lines is at most the number of lines; in a valid
 * UTF-8 buffer it equals the number of lines that match when matched alone
 * with matcher_find_in_line (the matcher's contract: matching is per line,
 * whatever the buffer scan or the prefilter do to go faster), with -v, -m,
 * -l/-L/-q and binary files taken into account; with -F (no -i, -w, -x) a
 * line matches exactly when one of the strings is in it (memmem); -c
 * prints that count (a walked file that counts 0 prints nothing without
 * --include-zero); and a walked file with a NUL is skipped.
 *
 * A bad pattern makes matcher_compile return NULL.  Should it call
 * diag_fatal all the same (an internal error), the fatal hook longjmps
 * back here, and track.h frees what matcher_compile had allocated by
 * then, so leak detection stays on.
 */
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/outbuf.h"
#include "cli/options.h"
#include "match/matcher.h"
#include "print/printer.h"
#include "print/replace.h"
#include "search/searcher.h"
#include "track.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum {
	PATTERN_MAX = 64,
	PIPE_MAX = 60 * 1024, /* fits a pipe's buffer: no reader thread */
	CHECK_MAX = 60 * 1024, /* below the searcher's binary block */
	MATCH_LIMIT = 100000,  /* a catastrophic pattern fails fast */
};

/* Byte 0. */
enum {
	OPT_I = 1, OPT_V = 2, OPT_W = 4, OPT_X = 8,
	OPT_F = 16, OPT_O = 32, OPT_C = 64, OPT_N = 128,
};

/*
 * Byte 1: bits 0-2 -m (7: none), 3 -S, 4 -a, 5-6 -c/lines, -l, -L, -q,
 * 7 --null-data.
 */
enum {
	CTL_SMART = 8, CTL_TEXT = 16, CTL_NULL_DATA = 128,
};

/* Byte 2. */
enum {
	CTL_PIPE = 1, CTL_BINARY = 2, CTL_FILENAME = 4, CTL_NULL = 8,
	CTL_ESCAPE = 16, CTL_WALKED = 32, CTL_INCLUDE_ZERO = 64,
	CTL_REPLACE = 128, /* --replace with groups, named or not */
};

static jmp_buf fatal_jmp;

static void
fatal_hook(void)
{
	longjmp(fatal_jmp, 1);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	diag_set_fatal_hook(fatal_hook);
	track_init();
	return 0;
}

/* Split text[0, len) at newlines into patterns (as cli.c does). */
static size_t
split_patterns(const char *text, size_t len, struct pattern *out)
{
	size_t n = 0;
	const char *end = text + len;

	for (;;) {
		const char *nl = memchr(text, '\n', (size_t)(end - text));

		/* Whole structs: no -f file, and nothing left unset. */
		if (nl == NULL) {
			out[n] = (struct pattern){.text = text,
			    .len = (size_t)(end - text)};
			return n + 1;
		}
		out[n] = (struct pattern){.text = text,
		    .len = (size_t)(nl - text)};
		n++;
		text = nl + 1;
	}
}

/* An fd holding buf: a pipe (stream) or a memfd (regular file). */
static int
open_input(const char *buf, size_t len, bool pipe_it)
{
	int fd;

	if (pipe_it) {
		int p[2];

		if (pipe(p) != 0)
			abort();
		if (len > 0 && write(p[1], buf, len) != (ssize_t)len)
			abort();
		close(p[1]);
		return p[0];
	}
	fd = memfd_create("fuzz", MFD_CLOEXEC);
	if (fd < 0)
		abort();
	if (len > 0 && write(fd, buf, len) != (ssize_t)len)
		abort();
	if (lseek(fd, 0, SEEK_SET) != 0)
		abort();
	return fd;
}

/* Does one of the strings occur in line[0, len)? */
static bool
fixed_match(const struct pattern *pats, size_t npats, const char *line,
    size_t len)
{
	for (size_t i = 0; i < npats; i++)
		if (pats[i].len == 0 ||
		    memmem(line, len, pats[i].text, pats[i].len) != NULL)
			return true;
	return false;
}

/*
 * The oracle: count the lines of buf and those that match alone.  With
 * fixed set, also check each verdict against memmem.  Returns false when
 * the matcher reported an error on some line (the matching count is then
 * unknown; the line count is still whole, for the bound on what was
 * selected).
 */
static bool
count_lines(const struct matcher *m, struct matcher_scratch *scratch,
    const char *buf, size_t len, const struct pattern *pats, size_t npats,
    bool fixed, unsigned long long *lines, unsigned long long *matching)
{
	size_t pos = 0;
	bool known = true;

	*lines = 0;
	*matching = 0;
	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - buf) : len;
		struct span sp;
		int rc = matcher_find_in_line(m, scratch, buf + pos, end - pos,
		    0, &sp);

		if (rc < 0) {
			known = false;
			(*lines)++;
			pos = end + 1;
			continue;
		}
		if (rc > 0 && (sp.start > sp.end || sp.end > end - pos))
			abort(); /* a match outside its line */
		if (fixed && (rc > 0) != fixed_match(pats, npats, buf + pos,
		    end - pos)) {
			fprintf(stderr, "fuzz_searcher: -F verdict %d differs "
			    "from memmem on line at %zu\n", rc, pos);
			abort();
		}
		(*lines)++;
		*matching += rc > 0;
		pos = end + 1;
	}
	return known;
}

/*
 * Is buf[0, len) valid UTF-8 (shortest forms, no surrogates, at most
 * U+10FFFF)?
 */
static bool
valid_utf8(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n;
		uint32_t cp, min;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			n = 1, cp = c & 0x1f, min = 0x80;
		else if (c >= 0xe0 && c <= 0xef)
			n = 2, cp = c & 0x0f, min = 0x800;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 3, cp = c & 0x07, min = 0x10000;
		else
			return false;
		if (len - i <= n)
			return false;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += n + 1;
	}
	return true;
}

static unsigned long long
min_ull(unsigned long long a, unsigned long long b)
{
	return a < b ? a : b;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum output_mode outputs[] = {
		OUTPUT_LINES, OUTPUT_FILES_WITH, OUTPUT_FILES_WITHOUT,
		OUTPUT_QUIET,
	};
	struct pattern pats[PATTERN_MAX + 1];
	struct options opts;
	struct matcher *m;
	struct searcher s;
	struct search_result res;
	struct outbuf out = OUTBUF_INIT;
	struct sink *sink;
	struct replace_template *template = NULL;
	struct matcher_error merr;
	struct input in;
	struct input_policy policy = {.out = NULL};
	const char *text = (const char *)data + 3;
	size_t text_len, pat_len, npats, buf_len;
	const char *buf;
	unsigned char b0, b1, b2;
	unsigned long long lines, matching, expect;
	bool exact, pipe_it, named, has_nul;
	int fd;

	if (size < 3)
		return 0;
	b0 = data[0];
	b1 = data[1];
	b2 = data[2];
	text_len = size - 3;
	{
		const char *nul = memchr(text, '\0',
		    text_len < PATTERN_MAX ? text_len : PATTERN_MAX);

		pat_len = nul ? (size_t)(nul - text) :
		    (text_len < PATTERN_MAX ? text_len : PATTERN_MAX);
		buf = text + pat_len + (nul != NULL);
		buf_len = text_len - pat_len - (nul != NULL);
	}
	npats = split_patterns(text, pat_len, pats);

	memset(&opts, 0, sizeof(opts));
	opts.match.patterns = pats;
	opts.match.npatterns = npats;
	opts.match.fixed_strings = b0 & OPT_F;
	opts.match.case_mode = (b1 & CTL_SMART) ? CASE_SMART :
	    (b0 & OPT_I) ? CASE_INSENSITIVE : CASE_SENSITIVE;
	opts.match.word = b0 & OPT_W;
	opts.match.line = b0 & OPT_X;
	opts.select.invert = b0 & OPT_V;
	opts.print.output = outputs[(b1 >> 5) & 3];
	if (opts.print.output == OUTPUT_LINES && (b0 & OPT_C))
		opts.print.output = OUTPUT_COUNT;
	opts.print.line_number = b0 & OPT_N;
	opts.print.with_filename = (b2 & CTL_FILENAME) != 0;
	opts.print.only_matching = b0 & OPT_O;
	opts.select.has_max_count = (b1 & 7) != 7;
	opts.select.max_count = b1 & 7;
	opts.select.text = b1 & CTL_TEXT;
	opts.select.binary = b2 & CTL_BINARY;
	opts.print.null_sep = b2 & CTL_NULL;
	opts.print.include_zero = b2 & CTL_INCLUDE_ZERO;
	opts.match.null_data = opts.select.null_data = opts.print.null_data =
	    (b1 & CTL_NULL_DATA) != 0;
	opts.match.match_limit = MATCH_LIMIT;
	opts.walk.max_depth = -1;
	pipe_it = (b2 & CTL_PIPE) && buf_len <= PIPE_MAX;
	named = !(b2 & CTL_WALKED);

	track_start();
	if (setjmp(fatal_jmp) != 0) {
		/* A bad pattern: nothing to search. */
		track_stop(true);
		return 0;
	}
	m = matcher_compile(&opts.match, &merr);
	track_stop(false);
	if (m == NULL)
		return 0; /* a bad pattern: nothing to search */

	opts.print.escape = b2 & CTL_ESCAPE;
	/* Replacement changes what is printed, never what is selected. */
	if (b2 & CTL_REPLACE)
		opts.print.replace = template = replace_parse("<$0|$1|${n}|$$>");
	sink = printer_sink_new(&opts.print, opts.print.with_filename, &out);
	searcher_init(&s, &opts.select, m, sink);
	fd = open_input(buf, buf_len, pipe_it);
	memset(&res, 0, sizeof(res));
	if (input_open_fd(&in, fd, "fuzz", named, &policy)) {
		searcher_search(&s, &in, &res);
		input_close(&in);
	}
	close(fd);

	/*
	 * --null-data: the oracle reads the records as the searcher does, in
	 * a copy with NUL and newline swapped, and no NUL is binary.
	 */
	if (opts.select.null_data) {
		char *swapped = malloc(buf_len ? buf_len : 1);

		if (swapped == NULL)
			abort();
		for (size_t i = 0; i < buf_len; i++)
			swapped[i] = buf[i] == '\0' ? '\n' :
			    buf[i] == '\n' ? '\0' : buf[i];
		exact = count_lines(m, s.scratch, swapped, buf_len, pats, npats,
		    opts.match.fixed_strings &&
		    opts.match.case_mode == CASE_SENSITIVE &&
		    !opts.match.word && !opts.match.line, &lines, &matching);
		free(swapped);
		has_nul = false;
	} else {
		exact = count_lines(m, s.scratch, buf, buf_len, pats, npats,
		    opts.match.fixed_strings &&
		    opts.match.case_mode == CASE_SENSITIVE &&
		    !opts.match.word && !opts.match.line, &lines, &matching);
		has_nul = memchr(buf, '\0', buf_len) != NULL;
	}
	if (res.selected > lines)
		abort();
	/* A walked stream is not read; a walked binary file is skipped. */
	if (!named && !pipe_it && has_nul && !opts.select.text && !opts.select.binary &&
	    buf_len < CHECK_MAX && !(opts.select.has_max_count &&
	    opts.select.max_count == 0) && !res.skipped_binary) {
		fprintf(stderr, "fuzz_searcher: binary file not skipped\n");
		abort();
	}
	if (!named && pipe_it)
		exact = false;
	if (res.skipped_binary)
		exact = false;
	if (buf_len >= CHECK_MAX)
		exact = false;
	/*
	 * PCRE2 10.42 with PCRE2_MATCH_INVALID_UTF: next to an invalid
	 * sequence, lookarounds (the -w wrapper's too) and ^ give results
	 * that depend on the text before the line, and the JIT and the
	 * interpreter disagree.  Only valid UTF-8 is held to the per-line
	 * count (memmem still checks -F lines above).
	 */
	if (!valid_utf8((const unsigned char *)buf, buf_len))
		exact = false;
	/*
	 * A stream comes in the chunks its reads give: its binary test sees
	 * the lines before the last one first, and prints them as text.
	 */
	if (pipe_it && has_nul && opts.print.output == OUTPUT_LINES &&
	    !opts.select.text && !opts.select.binary)
		exact = false;
	if (exact) {
		expect = opts.select.invert ? lines - matching : matching;
		if (opts.select.has_max_count)
			expect = min_ull(expect, opts.select.max_count);
		if (opts.print.output == OUTPUT_FILES_WITH ||
		    opts.print.output == OUTPUT_FILES_WITHOUT ||
		    opts.print.output == OUTPUT_QUIET)
			expect = min_ull(expect, 1);
		/* Lines of a binary file: the first one, then a notice. */
		if (opts.print.output == OUTPUT_LINES && !opts.select.text &&
		    !opts.select.binary && has_nul)
			expect = min_ull(expect, 1);
		if (res.selected != expect) {
			fprintf(stderr, "fuzz_searcher: selected %llu lines, "
			    "expected %llu (%llu lines, %llu match)\n",
			    res.selected, expect, lines, matching);
			abort();
		}
		/* -c: a walked file that counts 0 prints nothing. */
		if (opts.print.output == OUTPUT_COUNT && !opts.print.with_filename &&
		    expect == 0 && !named && !opts.print.include_zero) {
			if (out.len != 0)
				abort();
		} else if (opts.print.output == OUTPUT_COUNT &&
		    !opts.print.with_filename) {
			char want[32];
			int n = snprintf(want, sizeof(want), "%llu\n", expect);

			if (out.len < (size_t)n ||
			    memcmp(out.data, want, (size_t)n) != 0)
				abort();
		}
	}

	searcher_free(&s);
	printer_sink_free(sink);
	replace_free(template);
	outbuf_free(&out);
	matcher_free(m);
	return 0;
}
