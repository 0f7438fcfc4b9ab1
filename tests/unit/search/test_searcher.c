/*
 * test_searcher.c - the events a search reports, seen by a recording sink.
 *
 * The expected events are worked out here from the generated text with a
 * plain line-by-line strstr, independently of the searcher: matches
 * across the reader's chunk edges (read and mapped), an inverted search,
 * and a file whose binary data begins after some matches.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/outbuf.h"
#include "match/matcher.h"
#include "search/input.h"
#include "search/reader.h"
#include "search/searcher.h"
#include "search/sink.h"
#include "unit.h"

/* A sink that writes each event as a line of text into log. */
struct recorder {
	struct sink base;
	struct outbuf log;
};

static void
rec_printf(struct sink *k, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
rec_printf(struct sink *k, const char *fmt, ...)
{
	struct recorder *r = (struct recorder *)k;
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	outbuf_append(&r->log, line, (size_t)n < sizeof(line) ? (size_t)n :
	    sizeof(line) - 1);
}

static void
rec_begin(struct sink *k, const char *path)
{
	rec_printf(k, "begin %s\n", path);
}

static void
rec_selected(struct sink *k, const struct sink_line *l)
{
	rec_printf(k, "line %llu @%llu %.*s\n", l->number, l->offset,
	    (int)l->len, l->text);
}

static void
rec_context(struct sink *k, const struct sink_line *l, enum sink_context c)
{
	rec_printf(k, "context %d %llu %.*s\n", (int)c, l->number,
	    (int)l->len, l->text);
}

static void
rec_break(struct sink *k)
{
	rec_printf(k, "break\n");
}

static void
rec_binary(struct sink *k, unsigned long long offset)
{
	rec_printf(k, "binary @%llu\n", offset);
}

static void
rec_end(struct sink *k, const struct sink_end *e)
{
	rec_printf(k, "end %llu binary=%d\n", e->selected,
	    (int)e->binary_matched);
}

static void
rec_free(struct sink *k)
{
	(void)k;
}

static const struct sink_ops rec_ops = {
	rec_begin, rec_selected, rec_context, rec_break, rec_binary, rec_end,
	rec_free,
};

/* A temporary file holding text[0, len); returns its descriptor. */
static int
temp_file(const char *text, size_t len)
{
	char path[] = "/tmp/isogrep-test-searcher-XXXXXX";
	int fd = mkstemp(path);

	if (fd < 0)
		return -1;
	unlink(path);
	if (write(fd, text, len) != (ssize_t)len) {
		close(fd);
		return -1;
	}
	lseek(fd, 0, SEEK_SET);
	return fd;
}

/*
 * Search text for needle as the searcher would (select, matcher) and
 * return the recorded events.
 */
static char *
record_search(const char *text, size_t len, const char *needle,
    const struct select_config *sel, bool map, bool named)
{
	struct pattern pat = {.text = needle, .len = strlen(needle)};
	struct match_config mc = {.patterns = &pat, .npatterns = 1};
	struct matcher_error e;
	struct matcher *m = matcher_compile(&mc, &e);
	struct recorder rec = {.log = OUTBUF_INIT};
	struct outbuf out = OUTBUF_INIT;
	struct input_policy policy = {.may_map = map};
	struct searcher s;
	struct search_result res;
	struct input in;
	int fd = temp_file(text, len);
	size_t n;
	char *log;

	rec.base.ops = &rec_ops;
	rec.base.wants = SINK_WANTS_LINES | SINK_WANTS_NUMBERS;
	rec.base.out = &out;
	if (fd < 0)
		return NULL;
	searcher_init(&s, sel, m, &rec.base);
	if (input_open_fd(&in, fd, "f", named, &policy)) {
		searcher_search(&s, &in, &res);
		input_close(&in);
	}
	close(fd);
	searcher_free(&s);
	matcher_free(m);
	outbuf_free(&out);
	outbuf_putc(&rec.log, '\0');
	log = outbuf_take(&rec.log, &n);
	return log;
}

/*
 * The events expected for the lines of text[0, len): those holding
 * needle (or, inverted, not), up to the line where binary data (at
 * nul_at, or none: len) begins.
 */
static char *
expect_events(const char *text, size_t len, const char *needle, bool invert,
    size_t nul_at)
{
	struct outbuf log = OUTBUF_INIT;
	unsigned long long num = 1, selected = 0;
	size_t pos = 0, n;
	bool binary = false;
	char line[512];

	outbuf_puts(&log, "begin f\n");
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		char *copy = strndup(text + pos, end - pos);
		bool hit = strstr(copy, needle) != NULL;

		free(copy);
		if (hit != invert) {
			selected++;
			if (end >= nul_at) {
				snprintf(line, sizeof(line), "binary @%zu\n",
				    nul_at);
				outbuf_puts(&log, line);
				binary = true;
				break;
			}
			snprintf(line, sizeof(line), "line %llu @%zu %.*s\n",
			    num, pos, (int)(end - pos), text + pos);
			outbuf_puts(&log, line);
		}
		num++;
		pos = end + 1;
	}
	snprintf(line, sizeof(line), "end %llu binary=%d\n", selected,
	    (int)binary);
	outbuf_puts(&log, line);
	outbuf_putc(&log, '\0');
	return outbuf_take(&log, &n);
}

/*
 * About 3.5 chunks of numbered lines; "needle" on every 97th line and on
 * the lines that straddle each multiple of READER_CHUNK.
 */
static char *
make_text(size_t *len)
{
	struct outbuf t = OUTBUF_INIT;

	for (unsigned i = 0; t.len < 3 * READER_CHUNK + READER_CHUNK / 2;
	    i++) {
		size_t start = t.len;
		char line[128];
		int k = snprintf(line, sizeof(line),
		    "line %u of the text, padded to be long enough\n", i);
		bool edge = start / READER_CHUNK !=
		    (start + (size_t)k) / READER_CHUNK;

		if (i % 97 == 0 || edge)
			k = snprintf(line, sizeof(line),
			    "line %u holds the needle here\n", i);
		outbuf_append(&t, line, (size_t)k);
	}
	return outbuf_take(&t, len);
}

static void
check_search(const char *text, size_t len, const char *needle,
    const struct select_config *sel, bool map, size_t nul_at)
{
	char *got = record_search(text, len, needle, sel, map, true);
	char *want = expect_events(text, len, needle, sel->invert, nul_at);

	assert_ptr_not_null(got);
	expect_true(strcmp(got, want) == 0);
	if (strcmp(got, want) != 0)
		unit_note("got %zu bytes of events, want %zu", strlen(got),
		    strlen(want));
	free(got);
	free(want);
}

/* Matches on both sides of every chunk edge, read and mapped. */
static void
test_searcher_chunk_edges(void)
{
	struct select_config sel = {0};
	size_t len;
	char *text = make_text(&len);

	check_search(text, len, "needle", &sel, false, len);
	check_search(text, len, "needle", &sel, true, len);
	free(text);
}

/* -v: every line without the string, across the same edges. */
static void
test_searcher_inverted(void)
{
	struct select_config sel = {.invert = true};
	size_t len;
	char *text = make_text(&len);

	check_search(text, len, "needle", &sel, false, len);
	free(text);
}

/*
 * A NUL byte past the first 64 KiB: the matches before its line are
 * reported, then binary data at its offset, and the search stops.
 */
static void
test_searcher_binary(void)
{
	struct select_config sel = {0};
	size_t len;
	char *text = make_text(&len);
	size_t nul_at = READER_CHUNK + READER_CHUNK / 3;

	/* Not a newline: the NUL stays inside a line. */
	while (text[nul_at] == '\n')
		nul_at++;
	text[nul_at] = '\0';
	check_search(text, len, "needle", &sel, false, nul_at);
	free(text);
}

/* A binary file met in a walk (not named) is skipped: no line, no end. */
static void
test_searcher_walked_binary_skipped(void)
{
	struct select_config sel = {0};
	static const char text[] = "a needle\n\0b needle\n";
	char *got = record_search(text, sizeof(text) - 1, "needle", &sel,
	    false, false);

	assert_ptr_not_null(got);
	expect_true(strcmp(got, "begin f\n") == 0);
	free(got);
}

int
main(int argc, char **argv)
{
	static const struct unit_test tests[] = {
		UNIT_TEST(test_searcher_chunk_edges),
		UNIT_TEST(test_searcher_inverted),
		UNIT_TEST(test_searcher_binary),
		UNIT_TEST(test_searcher_walked_binary_skipped),
	};

	return unit_run(argc, argv, tests, UNIT_COUNT(tests));
}
