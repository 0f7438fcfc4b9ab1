/*
 * test_matcher.c - --crlf: a line's final CR is part of its end; the
 * spans of a line reuse the match found when it was selected.
 *
 * The expected lines are worked out by hand on tiny buffers: with --crlf,
 * "$" matches before a CR that ends a line, "^$" matches a line holding
 * only a CR, and no match includes that CR; without it, none of that.
 */
#include <stdbool.h>
#include <string.h>

#include "match/matcher.h"
#include "unit.h"

static struct matcher *
compile(const char *re, bool crlf, bool fixed)
{
	static struct pattern pat;
	struct match_config mc = {.patterns = &pat, .npatterns = 1,
	    .crlf = crlf, .fixed_strings = fixed};
	struct matcher_error e;

	pat.text = re;
	pat.len = strlen(re);
	return matcher_compile(&mc, &e);
}

/* The 1-based numbers of the matching lines of buf, as a digit string. */
static void
matching_lines(const char *re, bool crlf, bool fixed, const char *buf,
    char *got, size_t size)
{
	struct matcher *m = compile(re, crlf, fixed);
	struct matcher_scratch *s;
	size_t len = strlen(buf), pos = 0, n = 0;
	struct span line;

	got[0] = '\0';
	assert_ptr_not_null(m);
	s = matcher_scratch_new(m);
	matcher_new_buffer(s);
	while (pos < len && matcher_next_line(m, s, buf, len, pos, &line) > 0) {
		size_t num = 1;

		for (size_t i = 0; i < line.start; i++)
			num += buf[i] == '\n';
		if (n + 1 < size)
			got[n++] = (char)('0' + num);
		pos = line.end + 1;
	}
	got[n] = '\0';
	matcher_scratch_free(s);
	matcher_free(m);
}

static const char text[] = "abc\r\nxbc\r\n\r\nab\nc\r";

static void
test_matcher_crlf_anchors(void)
{
	char got[16];

	matching_lines("c$", true, false, text, got, sizeof(got));
	expect_true(strcmp(got, "125") == 0);
	matching_lines("c$", false, false, text, got, sizeof(got));
	expect_true(strcmp(got, "") == 0);
	matching_lines("^$", true, false, text, got, sizeof(got));
	expect_true(strcmp(got, "3") == 0);
	matching_lines("^.*$", true, false, text, got, sizeof(got));
	expect_true(strcmp(got, "12345") == 0);
	matching_lines("\\r", true, false, text, got, sizeof(got));
	expect_true(strcmp(got, "") == 0);
	matching_lines("b$", true, true, text, got, sizeof(got));
	expect_true(strcmp(got, "") == 0);
	matching_lines("bc", true, true, text, got, sizeof(got));
	expect_true(strcmp(got, "12") == 0);
}

/* The spans of a line (-o, colors) never take in the final CR. */
static void
test_matcher_crlf_spans(void)
{
	struct matcher *m = compile(".+$", true, false);
	struct matcher_scratch *s;
	struct span_list spans = {NULL, 0, 0};

	assert_ptr_not_null(m);
	s = matcher_scratch_new(m);
	expect_int_eq(matcher_line_spans(m, s, "abc\r", 4, &spans), 1);
	expect_size_eq(spans.v[0].start, 0);
	expect_size_eq(spans.v[0].end, 3);
	span_list_free(&spans);
	matcher_scratch_free(s);
	matcher_free(m);
}

/*
 * The spans of the line matcher_next_line just returned start from the
 * match it found there; once the buffer is new (same address, other
 * bytes) that match is not used any more.
 */
static void
test_matcher_spans_after_next_line(void)
{
	struct matcher *m = compile("\\w+_lock", false, false);
	struct matcher_scratch *s;
	struct span_list spans = {NULL, 0, 0};
	char buf[64];
	struct span line;

	assert_ptr_not_null(m);
	s = matcher_scratch_new(m);
	strcpy(buf, "x\n  spin_lock(a); mutex_lock(b)\n");
	matcher_new_buffer(s);
	expect_int_eq(matcher_next_line(m, s, buf, strlen(buf), 0, &line), 1);
	expect_size_eq(line.start, 2);
	expect_int_eq(matcher_line_spans(m, s, buf + line.start,
	    line.end - line.start, &spans), 2);
	expect_size_eq(spans.v[0].start, 2);
	expect_size_eq(spans.v[0].end, 11);
	expect_size_eq(spans.v[1].start, 16);
	expect_size_eq(spans.v[1].end, 26);
	/* Other bytes at the same place: found again, not remembered. */
	strcpy(buf, "x\n  a_lock(b); xx       ab_lock\n");
	matcher_new_buffer(s);
	expect_int_eq(matcher_line_spans(m, s, buf + line.start,
	    line.end - line.start, &spans), 2);
	expect_size_eq(spans.v[0].start, 2);
	expect_size_eq(spans.v[0].end, 8);
	expect_size_eq(spans.v[1].start, 22);
	expect_size_eq(spans.v[1].end, 29);
	span_list_free(&spans);
	matcher_scratch_free(s);
	matcher_free(m);
}

int
main(int argc, char **argv)
{
	static const struct unit_test tests[] = {
		UNIT_TEST(test_matcher_crlf_anchors),
		UNIT_TEST(test_matcher_crlf_spans),
		UNIT_TEST(test_matcher_spans_after_next_line),
	};

	return unit_run(argc, argv, tests, UNIT_COUNT(tests));
}
