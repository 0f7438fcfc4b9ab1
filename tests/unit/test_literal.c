/*
 * test_literal.c - which strings the prefilter requires, and finding them.
 */
#include <string.h>

#include "literal.h"
#include "options.h"
#include "unit.h"

/* Is the prefilter of pattern (alone) able to find "want" in text? */
static size_t
first_hit(const char *pattern, bool fixed, const char *text, bool *have)
{
	struct pattern p = {pattern, strlen(pattern)};
	struct options o;
	struct literal_set *ls;
	struct literal_cursor c = {NULL, 0, NULL, 0};
	size_t at;

	memset(&o, 0, sizeof(o));
	o.patterns = &p;
	o.npatterns = 1;
	o.fixed_strings = fixed;
	ls = literal_extract(&o, false);
	*have = ls != NULL;
	if (ls == NULL)
		return 0;
	literal_cursor_reset(ls, &c, text, strlen(text));
	at = literal_next(ls, &c, 0);
	literal_cursor_free(&c);
	literal_free(ls);
	return at;
}

static void
test_literal_extraction(void)
{
	static const struct {
		const char *pattern;
		const char *text;
		bool have;
		size_t at; /* first candidate offset in text */
	} cases[] = {
		{"PM_RESUME", "xx PM_RESUME", true, 3},
		{"[A-Z]+_RESUME", "AB_RESUME", true, 2},
		{"\\w+_RESUME\\(", "x_RESUME(", true, 1},
		{"\\wAh", "zAh", true, 1},
		{"ab|cd", "xxcdab", true, 2},
		{"ab|c", "ab", false, 0},      /* "c" is too short */
		{"ab|", "ab", false, 0},       /* empty alternative */
		{"(?i)abc", "ABC", false, 0},  /* inline options: give up */
		{"ab*c", "ac", false, 0},      /* only "a", "c": too short */
		{"abc*d", "abd", true, 0},     /* "ab" required */
		{"x?abc", "abc", true, 0},
		{"a{2}bc", "abc", true, 1},    /* "abc": one a, then bc */
		{"\\Qa.b\\E", "a.b", false, 0},
		{"a\\.b", "a.b", true, 0},
		{"[]x]yz", "]yz", true, 1},
		{"(ab)+cd", "abcd", true, 2},
		{"\\p{Greek}", "x", false, 0},
		{"", "x", false, 0},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool have;
		size_t at = first_hit(cases[i].pattern, false, cases[i].text,
		    &have);

		expect_int_eq(have, cases[i].have);
		if (have && cases[i].have)
			expect_size_eq(at, cases[i].at);
	}
}

static void
test_literal_fixed_and_scan(void)
{
	static char text[200];
	bool have;

	/* Long enough to use the vector loop, with near misses first. */
	memset(text, 'a', sizeof(text) - 1);
	memcpy(text + 40, "needlx", 6);
	memcpy(text + 150, "needle", 6);
	expect_size_eq(first_hit("needle", true, text, &have), 150);
	expect_true(have);
	expect_size_eq(first_hit("a.b(", true, "xxa.b(", &have), 2);
	expect_true(have);
	/* Not there at all: the buffer's length. */
	expect_size_eq(first_hit("zz", true, text, &have), strlen(text));
}

int
main(int argc, char **argv)
{
	static const struct unit_test tests[] = {
		UNIT_TEST(test_literal_extraction),
		UNIT_TEST(test_literal_fixed_and_scan),
	};

	return unit_run(argc, argv, tests, UNIT_COUNT(tests));
}
