/*
 * test_input.c - a descriptor read part-way, and -m's stop offset.
 *
 * A regular file handed over at an offset (a shared standard input) is
 * searched from there, mapped or not, and after -m NUM the descriptor
 * can be left just after the NUMth selected line: worked out here from
 * the generated text.  A pipe is read with a bigger pipe buffer.  A
 * walked file on a local disk is read without a stat first, whole, and a
 * device found in its place is not read on.
 */
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/outbuf.h"
#include "match/matcher.h"
#include "search/input.h"
#include "search/reader.h"
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

/*
 * Lines "line N" for N in [1, count] in text and in a new temporary file
 * named path (a template); its descriptor, or -1.
 */
static int
temp_lines_at(unsigned count, struct outbuf *text, char *path)
{
	int fd = mkstemp(path);
	char line[32];

	if (fd < 0)
		return -1;
	for (unsigned i = 1; i <= count; i++) {
		int n = snprintf(line, sizeof(line), "line %u\n", i);

		outbuf_append(text, line, (size_t)n);
	}
	if (write(fd, text->data, text->len) != (ssize_t)text->len) {
		close(fd);
		unlink(path);
		return -1;
	}
	return fd;
}

/* The same in a temporary file already unlinked. */
static int
temp_lines(unsigned count, struct outbuf *text)
{
	char path[] = "/tmp/isogrep-test-input-XXXXXX";
	int fd = temp_lines_at(count, text, path);

	if (fd >= 0)
		unlink(path);
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

/* Lines ending in "7" in text. */
static unsigned long long
count_sevens(const struct outbuf *text)
{
	unsigned long long n = 0;

	for (size_t i = 1; i < text->len; i++)
		n += text->data[i] == '\n' && text->data[i - 1] == '7';
	return n;
}

/* Open path as a walk would hand it over and search it for "7$". */
static unsigned long long
search_walked(const char *path, const struct input_policy *policy,
    bool *unchecked, long long *size_after, long long *total)
{
	struct pattern pat = {.text = "7$", .len = 2};
	struct match_config mc = {.patterns = &pat, .npatterns = 1};
	struct select_config sel = {.text = true};
	struct matcher_error e;
	struct matcher *m = matcher_compile(&mc, &e);
	struct outbuf out = OUTBUF_INIT;
	struct sink k = {.ops = &nop_ops, .wants = SINK_WANTS_LINES,
	    .out = &out};
	struct searcher s;
	struct search_result res = {0};
	struct input in;

	assert_ptr_not_null(m);
	searcher_init(&s, &sel, m, &k);
	assert_true(input_open_path(&in, path, false, INPUT_SHORT_READ_ENDS,
	    policy));
	*unchecked = in.src.unchecked;
	searcher_search(&s, &in, &res);
	*size_after = in.src.size;
	*total = in.src.total;
	input_close(&in);
	searcher_free(&s);
	matcher_free(m);
	outbuf_free(&out);
	return res.selected;
}

/* A temporary file of count lines; its path in path (unlinked by caller). */
static bool
temp_named_lines(unsigned count, struct outbuf *text, char *path)
{
	int fd;

	strcpy(path, "/tmp/isogrep-test-walked-XXXXXX");
	fd = temp_lines_at(count, text, path);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

/*
 * A walked file on a local disk: a small one is searched whole with no
 * stat (its size stays unknown); one bigger than a read is stat'ed at
 * its first full read and searched whole too.  Without the policy's
 * consent (-T, -z, standard output a regular file) it is stat'ed first.
 */
static void
test_input_walked_unchecked(void)
{
	static const unsigned counts[] = {3, 1000, 200000};
	struct input_policy lazy = {.stat_lazily = true};

	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		struct outbuf text = OUTBUF_INIT;
		char path[64];
		bool unchecked;
		long long size, total;

		assert_true(temp_named_lines(counts[i], &text, path));
		expect_u64_eq(search_walked(path, &lazy, &unchecked, &size,
		    &total), count_sevens(&text));
		expect_true(unchecked);
		expect_true(total == (long long)text.len);
		if (text.len < READER_CHUNK)
			expect_true(size == -1);
		else
			expect_true(size == (long long)text.len);
		unlink(path);
		outbuf_free(&text);
	}
}

/* Where the policy needs the stat, the file is stat'ed before reading. */
static void
test_input_walked_policy(void)
{
	struct outbuf text = OUTBUF_INIT;
	struct stat regular = {.st_mode = S_IFREG};
	struct input_policy no_lazy = {.stat_lazily = false};
	struct input_policy zip = {.stat_lazily = true, .search_zip = true};
	struct input_policy out_file = {.stat_lazily = true,
	    .refuse_output = true, .out = &regular};
	const struct input_policy *policies[] = {&no_lazy, &zip, &out_file};
	char path[64];

	assert_true(temp_named_lines(100, &text, path));
	for (size_t i = 0; i < 3; i++) {
		bool unchecked;
		long long size, total;

		expect_u64_eq(search_walked(path, policies[i], &unchecked,
		    &size, &total), count_sevens(&text));
		expect_false(unchecked);
		expect_true(size == (long long)text.len);
	}
	unlink(path);
	outbuf_free(&text);
}

/*
 * A device in the place of a walked file (swapped in since the walk saw
 * a regular file): its first read fills the buffer, the look that
 * follows sees a device, and nothing of it is searched.  /dev/zero would
 * never end.
 */
static void
test_input_walked_device(void)
{
	struct input_policy lazy = {.stat_lazily = true};
	bool unchecked;
	long long size, total;

	expect_u64_eq(search_walked("/dev/zero", &lazy, &unchecked, &size,
	    &total), 0);
	expect_true(unchecked);
	expect_true(total == 0);
}

int
main(int argc, char **argv)
{
	static const struct unit_test tests[] = {
		UNIT_TEST(test_input_stop_offset),
		UNIT_TEST(test_input_pipe_widened),
		UNIT_TEST(test_input_walked_unchecked),
		UNIT_TEST(test_input_walked_policy),
		UNIT_TEST(test_input_walked_device),
	};

	return unit_run(argc, argv, tests, UNIT_COUNT(tests));
}
