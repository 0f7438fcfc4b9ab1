/*
 * test_replace.c - --replace templates expand as ripgrep's do, with the
 * groups matcher_captures finds; --colors specs give ripgrep's bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "base/outbuf.h"
#include "match/matcher.h"
#include "print/color.h"
#include "print/replace.h"
#include "unit.h"

/* Expand tmpl for every match of re in line; the lines joined by '|'. */
static char *
expand_all(const char *re, const char *tmpl, const char *line)
{
	struct pattern pat = {re, strlen(re)};
	struct match_config mc = {.patterns = &pat, .npatterns = 1};
	struct matcher_error e;
	struct matcher *m = matcher_compile(&mc, &e);
	struct matcher_scratch *s;
	struct replace_template *t = replace_parse(tmpl);
	struct replace_scratch rs = {NULL, 0};
	struct span_list spans = {NULL, 0, 0};
	struct outbuf out = OUTBUF_INIT;
	size_t len;

	if (m == NULL)
		return NULL;
	s = matcher_scratch_new(m);
	matcher_line_spans(m, s, line, strlen(line), &spans);
	for (size_t i = 0; i < spans.len; i++) {
		if (i > 0)
			outbuf_putc(&out, '|');
		expect_int_eq(replace_expand(t, m, s, &rs, line, strlen(line),
		    spans.v[i], &out), 0);
	}
	outbuf_putc(&out, '\0');
	span_list_free(&spans);
	replace_scratch_free(&rs);
	replace_free(t);
	matcher_scratch_free(s);
	matcher_free(m);
	return outbuf_take(&out, &len);
}

static void
expect_expansion(const char *re, const char *tmpl, const char *line,
    const char *want)
{
	char *got = expand_all(re, tmpl, line);

	assert_ptr_not_null(got);
	if (strcmp(got, want) != 0)
		unit_fail(__FILE__, __LINE__, tmpl, "'%s' gave '%s', not '%s'",
		    tmpl, got, want);
	free(got);
}

static void
test_replace_groups(void)
{
	expect_expansion("(\\w)=(\\w+)", "$2:$1", "a=bc d=e", "bc:a|e:d");
	expect_expansion("(\\w)=(\\w+)", "${2}x$1", "a=bc", "bcxa");
	/* "$1x" names a group "1x", which does not exist. */
	expect_expansion("(\\w)=(\\w+)", "$1x", "a=bc", "");
	expect_expansion("(?<k>\\w)=(?<v>\\w+)", "${v}/$k", "a=bc", "bc/a");
	expect_expansion("(?<k>\\w)=(?<v>\\w+)", "$nope.$0", "a=bc", ".a=bc");
	/* A group that took no part, and one past the last. */
	expect_expansion("(a)|(b)", "[$1$2$7]", "ab", "[a]|[b]");
	expect_expansion("(a)|(b)", "[$99999999999]", "a", "[]");
}

static void
test_replace_dollars(void)
{
	expect_expansion("b", "$$", "abc", "$");
	expect_expansion("b", "$$1", "abc", "$1");
	expect_expansion("b", "$", "abc", "$");
	expect_expansion("b", "a$", "abc", "a$");
	expect_expansion("b", "${", "abc", "${");
	expect_expansion("b", "${0", "abc", "${0");
	expect_expansion("b", "$-$0-", "abc", "$-b-");
	expect_expansion("b", "", "abc", "");
}

static void
expect_spec(const char *spec, enum color_type t, const char *want)
{
	struct color_specs c;
	char err[256];

	color_specs_default(&c);
	expect_true(color_specs_apply(&c, spec, err, sizeof(err)));
	color_specs_finish(&c);
	expect_size_eq(c.start_len[t], strlen(want));
	expect_true(memcmp(c.start[t], want, strlen(want)) == 0);
}

static void
test_color_specs(void)
{
	struct color_specs c;
	char err[256];

	color_specs_default(&c);
	color_specs_finish(&c);
	expect_true(memcmp(c.start[COLOR_MATCH], "\x1b[0m\x1b[1m\x1b[31m",
	    c.start_len[COLOR_MATCH]) == 0);
	expect_true(c.none[COLOR_COLUMN]);
	expect_spec("path:style:intense", COLOR_PATH, "\x1b[0m\x1b[38;5;13m");
	expect_spec("line:bg:0x10,20,255", COLOR_LINE,
	    "\x1b[0m\x1b[32m\x1b[48;2;16;20;255m");
	expect_spec("match:none", COLOR_MATCH, "\x1b[0m");
	expect_spec("column:style:italic", COLOR_COLUMN, "\x1b[0m\x1b[3m");
	expect_false(color_specs_apply(&c, "match:fg:256", err, sizeof(err)));
	expect_false(color_specs_apply(&c, "match:fg:1,2,3,4", err,
	    sizeof(err)));
	expect_false(color_specs_apply(&c, "x:y:z:w", err, sizeof(err)));
}

int
main(int argc, char **argv)
{
	static const struct unit_test tests[] = {
		UNIT_TEST(test_replace_groups),
		UNIT_TEST(test_replace_dollars),
		UNIT_TEST(test_color_specs),
	};

	return unit_run(argc, argv, tests, UNIT_COUNT(tests));
}
