/*
 * test_input.c - a descriptor read part-way, and -m's stop offset.
 *
 * A regular file handed over at an offset (a shared standard input) is
 * searched from there, mapped or not, and after -m NUM the descriptor
 * can be left just after the NUMth selected line: worked out here from
 * the generated text.  A pipe is read with a bigger pipe buffer.
 */
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/outbuf.h"
#include "match/matcher.h"
#include "search/input.h"
#include "search/searcher.h"
#include "search/sink.h"
#include "unit.h"

/* A sink that only counts. */
static void
nop_begin(struct sink *k, const char *path)
{
	(void)k;
	(void)path;
}

static void
nop_selected(struct sink *k, const struct sink_line *l)
{
	(void)k;
	(void)l;
}

static void
nop_context(struct sink *k, const struct sink_line *l, enum sink_context c)
{
	(void)k;
	(void)l;
	(void)c;
}

static void
nop_sink(struct sink *k)
{
	(void)k;
}

static void
nop_binary(struct sink *k, unsigned long long at)
{
	(void)k;
	(void)at;
}

static void
nop_end(struct sink *k, const struct sink_end *e)
{
	(void)k;
	(void)e;
}

static const struct sink_ops nop_ops = {
	nop_begin, nop_selected, nop_context, nop_sink, nop_binary, nop_end,
	nop_sink,
};

/* Lines "line N" for N in [1, count], in a temporary file. */
static int
temp_lines(unsigned count, struct outbuf *text)
{
	char path[] = "/tmp/isogrep-test-input-XXXXXX";
	int fd = mkstemp(path);
	char line[32];

	if (fd < 0)
		return -1;
	unlink(path);
	for (unsigned i = 1; i <= count; i++) {
		int n = snprintf(line, sizeof(line), "line %u\n", i);

		outbuf_append(text, line, (size_t)n);
	}
	if (write(fd, text->data, text->len) != (ssize_t)text->len) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * Search fd from offset start for "7$" with -m max, mapped or read; the
 * descriptor is then left where the searcher says.  Returns its offset.
 */
static long long
search_from(int fd, long long start, unsigned long long max, bool map,
    unsigned long long *selected)
{
	struct pattern pat = {.text = "7$", .len = 2};
	struct match_config mc = {.patterns = &pat, .npatterns = 1};
	struct select_config sel = {.has_max_count = true, .max_count = max};
	struct matcher_error e;
	struct matcher *m = matcher_compile(&mc, &e);
	struct outbuf out = OUTBUF_INIT;
	struct sink k = {.ops = &nop_ops, .wants = SINK_WANTS_LINES,
	    .out = &out};
	struct input_policy policy = {.may_map = map};
	struct searcher s;
	struct search_result res;
	struct input in;
	long long at;

	lseek(fd, start, SEEK_SET);
	searcher_init(&s, &sel, m, &k);
	assert_true(input_open_fd(&in, fd, "f", true, &policy));
	expect_true(in.start == start);
	searcher_search(&s, &in, &res);
	expect_true(res.stopped);
	input_leave_at(&in, res.stop_offset);
	at = lseek(fd, 0, SEEK_CUR);
	input_close(&in);
	searcher_free(&s);
	matcher_free(m);
	outbuf_free(&out);
	*selected = res.selected;
	return at;
}

/* The offset just after the nth line ending in 7 from byte start on. */
static long long
after_nth(const struct outbuf *text, long long start, unsigned n)
{
	const char *p = text->data + start;
	const char *end = text->data + text->len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if (nl > p && nl[-1] == '7' && --n == 0)
			return nl + 1 - text->data;
		p = nl + 1;
	}
	return -1;
}

static void
test_input_stop_offset(void)
{
	struct outbuf text = OUTBUF_INIT;
	/* Over SOURCE_MAP_MIN: mapped when it may be and read whole. */
	int fd = temp_lines(200000, &text);
	unsigned long long sel;

	assert_true(fd >= 0);
	/* Read and mapped from the start; read from part-way. */
	for (int map = 0; map <= 1; map++) {
		expect_true(search_from(fd, 0, 3, map, &sel) ==
		    after_nth(&text, 0, 3));
		expect_u64_eq(sel, 3);
		expect_true(search_from(fd, 12345, 1000, map, &sel) ==
		    after_nth(&text, 12345, 1000));
		expect_u64_eq(sel, 1000);
	}
	close(fd);
	outbuf_free(&text);
}

/*
 * A pipe opened as an input gets the bigger buffer, unless the system
 * refuses (a user's pipe quota): then it keeps its size and still opens.
 */
static void
test_input_pipe_widened(void)
{
	struct input_policy policy = {.may_map = true};
	struct input in;
	int p[2];
	int before, after;

	assert_true(pipe(p) == 0);
	before = fcntl(p[0], F_GETPIPE_SZ);
	assert_true(input_open_fd(&in, p[0], "(standard input)", true,
	    &policy));
	expect_true(in.stream);
	after = fcntl(p[0], F_GETPIPE_SZ);
	if (after == before)
		unit_note("the system kept the pipe at %d bytes", before);
	else
		expect_true(after >= SOURCE_PIPE_SIZE);
	input_close(&in);
	close(p[0]);
	close(p[1]);
}

int
main(int argc, char **argv)
{
	static const struct unit_test tests[] = {
		UNIT_TEST(test_input_stop_offset),
		UNIT_TEST(test_input_pipe_widened),
	};

	return unit_run(argc, argv, tests, UNIT_COUNT(tests));
}
