/*
 * test_glob.c - glob syntax and matching: tables of (pattern, text,
 * expected) per feature, the invalid globs, and patterns that would take
 * exponential time with naive backtracking.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "walk/glob.h"
#include "unit.h"

struct glob_case {
	const char *pattern;
	const char *text;
	bool match;
};

/* Run a table with the given flags, naming each failing row. */
static void
glob_check_table(const struct glob_case *cases, size_t n, unsigned flags,
    const char *file, int line)
{
	for (size_t i = 0; i < n; i++) {
		const struct glob_case *c = &cases[i];
		const char *err = NULL;
		struct glob *g = glob_compile(c->pattern, strlen(c->pattern),
		    flags, &err);
		bool got;

		if (g == NULL) {
			unit_fail(file, line, "glob_compile",
			    "row %zu: \"%s\" refused: %s", i, c->pattern, err);
			continue;
		}
		got = glob_match(g, c->text, strlen(c->text));
		if (got != c->match)
			unit_fail(file, line, "glob_match",
			    "row %zu: \"%s\" vs \"%s\": got %d, want %d", i,
			    c->pattern, c->text, got, c->match);
		glob_free(g);
	}
}

#define CHECK_TABLE(cases, flags) \
	glob_check_table(cases, UNIT_COUNT(cases), flags, __FILE__, __LINE__)

static void
test_glob_literal(void)
{
	static const struct glob_case cases[] = {
		{ "", "", true },
		{ "", "a", false },
		{ "abc", "abc", true },
		{ "abc", "abd", false },
		{ "abc", "ab", false },
		{ "abc", "abcd", false },
		{ "a/b", "a/b", true },
		{ "a/b", "a/c", false },
		{ "ABC", "abc", false },
		{ "caf\xc3\xa9", "caf\xc3\xa9", true },
		{ "x.o", "x.O", false },
	};

	CHECK_TABLE(cases, 0);
}

static void
test_glob_star(void)
{
	static const struct glob_case cases[] = {
		{ "*", "", true },
		{ "*", "abc", true },
		{ "*", "a/b", false },
		{ "*", ".hidden", true },
		{ "*.c", "main.c", true },
		{ "*.c", ".c", true },
		{ "*.c", "main.h", false },
		{ "*.c", "src/main.c", false },
		{ "*.c", "main.c.orig", false },
		{ "a*", "a", true },
		{ "a*", "abc", true },
		{ "a*", "ba", false },
		{ "a*b", "ab", true },
		{ "a*b", "axxb", true },
		{ "a*b", "ax/b", false },
		{ "a*b*c", "abc", true },
		{ "a*b*c", "aXbYbZc", true },
		{ "a*b*c", "aXbYbZ", false },
		{ "*a", "bbba", true },
		{ "*a*", "xax", true },
		{ "*/b", "a/b", true },
		{ "*/b", "a/c/b", false },
		{ "*/b", "/b", true },
		{ "a/*", "a/b", true },
		{ "a/*", "a/", true },
		{ "a/*", "a/b/c", false },
		{ "*/*", "a/b", true },
		{ "*/*", "a", false },
		{ "a**b", "axxb", true },    /* not a whole component: '*' */
		{ "a**b", "ax/b", false },
		{ "**a", "xa", true },
		{ "**a", "x/a", false },
		{ "a/**b", "a/xb", true },
		{ "a/**b", "a/x/b", false },
		{ "a**/b", "ax/b", true },
		{ "a**/b", "ax/y/b", false },
		{ "***", "a/b", true },      /* three stars are "**" too */
	};

	CHECK_TABLE(cases, 0);
}

static void
test_glob_question(void)
{
	static const struct glob_case cases[] = {
		{ "?", "a", true },
		{ "?", "", false },
		{ "?", "ab", false },
		{ "?", "/", false },
		{ "a?c", "abc", true },
		{ "a?c", "a/c", false },
		{ "??", "ab", true },
		/* One UTF-8 character, whatever its length. */
		{ "?", "\xc3\xa9", true },             /* e acute, 2 bytes */
		{ "??", "\xc3\xa9", false },
		{ "?", "\xe6\x97\xa5", true },         /* 3 bytes */
		{ "?", "\xf0\x9f\x98\x80", true },     /* 4 bytes */
		{ "a?b", "a\xe6\x97\xa5" "b", true },
		{ "caf?", "caf\xc3\xa9", true },
		/* Bytes that are not UTF-8 count one by one. */
		{ "?", "\xff", true },
		{ "??", "\xc3(", true },
		{ "?", "\xc3", true },
		{ "??", "\xe6\x97", true },            /* truncated */
		{ "?", "\xc0\x80", false },            /* overlong: 2 bytes */
		{ "*?", "x\xc3\xa9", true },
	};

	CHECK_TABLE(cases, 0);
}

static void
test_glob_class(void)
{
	static const struct glob_case cases[] = {
		{ "[abc]", "b", true },
		{ "[abc]", "d", false },
		{ "[abc]", "", false },
		{ "[abc]", "ab", false },
		{ "[a-z]", "m", true },
		{ "[a-z]", "M", false },
		{ "[a-z0-9]", "7", true },
		{ "[!a-z]", "M", true },
		{ "[!a-z]", "m", false },
		{ "[^a-z]", "m", false },
		{ "[^a-z]", "1", true },
		{ "[!a]", "/", false },     /* '/' is never in a class */
		{ "[/]", "/", false },
		{ "a[!b]c", "a/c", false },
		{ "[]a]", "]", true },      /* ']' first is literal */
		{ "[]a]", "a", true },
		{ "[]a]", "b", false },
		{ "[!]a]", "]", false },
		{ "[!]a]", "b", true },
		{ "[]-a]", "^", true },     /* the range ']'..'a' */
		{ "[a-]", "-", true },      /* '-' last is literal */
		{ "[-a]", "-", true },      /* '-' first too */
		{ "[a-c-e]", "-", true },   /* a range ends a range */
		{ "[a-c-e]", "d", false },
		{ "[a-c-e]", "e", true },
		{ "[z-a]", "m", false },    /* an empty range */
		{ "[a\\]]", "]", true },
		{ "[\\!]", "!", true },
		{ "[\\a-c]", "b", true },   /* an escaped range start */
		{ "[a-\\c]", "b", true },   /* and an escaped end */
		{ "[!!]", "!", false },
		{ "[!!]", "x", true },
		{ "[[:alpha:]]", "q", true },
		{ "[[:alpha:]]", "1", false },
		{ "[[:digit:]]", "5", true },
		{ "[[:digit:]]", "x", false },
		{ "[[:alnum:]]", "Z", true },
		{ "[[:alnum:]]", "_", false },
		{ "[[:upper:]]", "Q", true },
		{ "[[:upper:]]", "q", false },
		{ "[[:lower:]]", "q", true },
		{ "[[:space:]]", " ", true },
		{ "[[:space:]]", "\t", true },
		{ "[[:blank:]]", "\n", false },
		{ "[[:xdigit:]]", "f", true },
		{ "[[:xdigit:]]", "g", false },
		{ "[[:punct:]]", "!", true },
		{ "[[:punct:]]", "a", false },
		{ "[[:cntrl:]]", "\x01", true },
		{ "[[:graph:]]", " ", false },
		{ "[[:print:]]", " ", true },
		{ "[[:digit:][:upper:]]", "Q", true },
		{ "[[:digit:][:upper:]]", "3", true },
		{ "[[:digit:][:upper:]]", "q", false },
		{ "[![:digit:]]", "3", false },
		{ "[![:digit:]]", "x", true },
		{ "[[:digit:]-z]", "-", true }, /* a class ends no range */
		{ "[[:alpha:]]", "\xc3\xa9", false }, /* ASCII classes */
		/* "[:" without ":]": the '[' is a plain member. */
		{ "[[:a]", "[", true },
		{ "[[:a]", ":", true },
		{ "[[:a]", "a", true },
		{ "[[:a]", "b", false },
		{ "[[]", "[", true },
		/* Members are whole UTF-8 characters. */
		{ "[\xc3\xa9]", "\xc3\xa9", true },
		{ "[\xc3\xa9]", "\xc3", false },
		{ "[\xc3\xa0-\xc3\xbd]", "\xc3\xa9", true },
		{ "[!a]", "\xe6\x97\xa5", true },
		{ "x[0-9][0-9]", "x42", true },
		{ "*[0-9]", "file9", true },
		{ "*[0-9]", "file", false },
	};

	CHECK_TABLE(cases, 0);
}

static void
test_glob_escape(void)
{
	static const struct glob_case cases[] = {
		{ "\\*", "*", true },
		{ "\\*", "a", false },
		{ "\\?", "?", true },
		{ "\\?", "a", false },
		{ "\\[a]", "[a]", true },
		{ "\\[a]", "a", false },
		{ "a\\b", "ab", true },
		{ "\\\\", "\\", true },
		{ "\\#x", "#x", true },
		{ "\\!x", "!x", true },
		{ "a\\ ", "a ", true },
		{ "\\*\\*/x", "**/x", true },
		{ "\\*\\*/x", "a/x", false },
		{ "*\\*", "ab*", true },
		{ "*\\*", "ab", false },
	};

	CHECK_TABLE(cases, 0);
}

static void
test_glob_globstar(void)
{
	static const struct glob_case cases[] = {
		{ "**", "", true },
		{ "**", "a", true },
		{ "**", "a/b/c", true },
		/* A leading "**" "/": in every directory. */
		{ "**/foo", "foo", true },
		{ "**/foo", "a/foo", true },
		{ "**/foo", "a/b/foo", true },
		{ "**/foo", "afoo", false },
		{ "**/foo", "a/xfoo", false },
		{ "**/foo", "foo/a", false },
		{ "**/foo/bar", "x/foo/bar", true },
		{ "**/foo/bar", "foo/bar", true },
		{ "**/foo/bar", "foo/x/bar", false },
		{ "**/*.c", "main.c", true },
		{ "**/*.c", "src/a/main.c", true },
		{ "**/*.c", "src/a/main.h", false },
		{ "**\\/foo", "a/foo", true },
		/* A trailing "/" "**": everything inside. */
		{ "abc/**", "abc/x", true },
		{ "abc/**", "abc/x/y", true },
		{ "abc/**", "abc", false },
		{ "abc/**", "abcd/x", false },
		{ "abc/**", "x/abc/y", false },
		/* "/" "**" "/": zero or more directories. */
		{ "a/**/b", "a/b", true },
		{ "a/**/b", "a/x/b", true },
		{ "a/**/b", "a/x/y/b", true },
		{ "a/**/b", "a/xb", false },
		{ "a/**/b", "ab", false },
		{ "a/**/b", "a/x/bc", false },
		{ "a/**/b", "x/a/b", false },
		{ "a/**/b/**/c", "a/b/c", true },
		{ "a/**/b/**/c", "a/1/b/2/3/c", true },
		{ "a/**/b/**/c", "a/1/c", false },
		{ "**/**/x", "x", true },
		{ "**/**/x", "a/b/x", true },
		{ "a/**/*.o", "a/x.o", true },
		{ "a/**/*.o", "a/b/c/x.o", true },
		{ "a/**/*.o", "a/b/c/x.c", false },
		/* Mixed with single stars: "*" must not cross the '/'. */
		{ "**/a*b", "x/a/b", false },
		{ "**/a*b", "x/a/ab", true },
		{ "**/a*/b", "a/ab/b", true },
		{ "*/**/b", "x/b", true },
		{ "*/**/b", "b", false },
		{ "x/**/y*z", "x/y/y/z", false },
		{ "x/**/y*z", "x/y/yz", true },
	};

	CHECK_TABLE(cases, 0);
}

/* Literal characters that open or close a pattern with wildcards. */
static void
test_glob_head_tail(void)
{
	static const struct glob_case cases[] = {
		{ "ab*cd", "abcd", true },
		{ "ab*cd", "abXcd", true },
		{ "ab*cd", "abc", false },
		{ "ab*cd", "abcdx", false },
		{ "abc*bcd", "abcd", false },
		{ "abc*bcd", "abcbcd", true },
		{ "a?a", "aa", false },
		{ "a?a", "aaa", true },
		{ "x/**/y", "x/y", true },
		{ "x/**/y", "x/", false },
		{ "x/**/y", "x", false },
		{ "\xc3\xa9*\xc3\xa9", "\xc3\xa9\xc3\xa9", true },
		{ "\xc3\xa9?", "\xc3\xa9\xe6\x97\xa5", true },
		{ "?\xc3\xa9", "\xe6\x97\xa5\xc3\xa9", true },
		{ "?\xc3\xa9", "\xc3\xa9", false },
		{ "[ab]c", "bc", true },
		{ "a[bc]", "ac", true },
		{ "a[bc]", "ad", false },
		/* A stray lead byte before the tail does not take it. */
		{ "*\xc3\xa9", "x\xe6\xc3\xa9", true },
		{ "?\xc3\xa9", "\xe6\xc3\xa9", true },
	};

	CHECK_TABLE(cases, 0);
}

static void
test_glob_casefold(void)
{
	static const struct glob_case fold[] = {
		{ "ABC", "abc", true },
		{ "abc", "ABC", true },
		{ "*.C", "x.c", true },
		{ "*.c", "X.C", true },
		{ "[A-C]", "b", true },
		{ "[a-c]", "B", true },
		{ "[!a-c]", "B", false },
		{ "[[:upper:]]", "q", true },
		{ "[[:lower:]]", "Q", true },
		{ "?B?", "abc", true },
		{ "**/FOO", "x/foo", true },
		{ "a/**/B", "A/x/b", true },
		{ "AB*", "abx", true },
		{ "*x?Z", "QXyz", true },
		{ "\xc3\x89", "\xc3\xa9", false }, /* ASCII letters only */
		{ "abc", "abd", false },
	};
	static const struct glob_case exact[] = {
		{ "ABC", "abc", false },
		{ "[A-C]", "b", false },
		{ "*.C", "x.c", false },
		{ "a/**/B", "A/x/b", false },
	};

	CHECK_TABLE(fold, GLOB_CASEFOLD);
	CHECK_TABLE(exact, 0);
}

/*
 * GLOB_BYTES, for ignore files: one byte per '?' and class member, as
 * git's wildmatch has it, wherever the character boundaries fall.
 */
static void
test_glob_bytes(void)
{
	static const struct glob_case cases[] = {
		{ "?", "\xc3\xa9", false },             /* e acute, 2 bytes */
		{ "??", "\xc3\xa9", true },
		{ "???", "\xe6\x97\xa5", true },        /* 3 bytes */
		{ "?", "a", true },
		{ "[\xc3\xa9]", "\xc3\xa9", false },
		{ "[\xc3\xa9][\xc3\xa9]", "\xc3\xa9", true },
		{ "[!a]", "\xc3\xa9", false },
		{ "[!a]?", "\xc3\xa9", true },
		{ "[\xc2-\xc4]*", "\xc3\xa9", true },    /* a byte range */
		{ "*\xa9", "x\xc3\xa9", true },          /* half a character */
		{ "\xc3*", "\xc3\xa9", true },
		{ "?\xa9", "\xc3\xa9", true },
		{ "x?\xa9", "x\xc3\xa9", true },
		{ "caf?", "caf\xc3\xa9", false },
		{ "caf??", "caf\xc3\xa9", true },
		{ "caf\xc3\xa9", "caf\xc3\xa9", true },  /* literals as before */
		{ "*\xc3\xa9", "x\xc3\xa9", true },
		{ "a?b", "a/b", false },                /* never '/' */
		{ "[[:alpha:]]", "\xc3", false },
	};
	static const struct glob_case fold[] = {
		{ "?\xa9", "\xc3\xa9", true },
		{ "X?\xa9", "x\xc3\xa9", true },
		{ "\xc3\x89", "\xc3\xa9", false },
	};

	CHECK_TABLE(cases, GLOB_BYTES);
	CHECK_TABLE(fold, GLOB_BYTES | GLOB_CASEFOLD);
}

static void
test_glob_invalid(void)
{
	static const char *const bad[] = {
		"[abc", "[", "[!", "[]", "[!]", "a[a-", "[a-\\", "abc\\",
		"\\", "*\\", "[[:bogus:]]", "[[::]]", "[[:alpha:]",
		"x[[:digit:]",
	};

	for (size_t i = 0; i < UNIT_COUNT(bad); i++) {
		const char *err = NULL;
		struct glob *g = glob_compile(bad[i], strlen(bad[i]), 0,
		    &err);

		if (g != NULL) {
			unit_fail(__FILE__, __LINE__, "glob_compile",
			    "\"%s\" was accepted", bad[i]);
			glob_free(g);
			continue;
		}
		expect_ptr_not_null(err);
	}
	/* The length is the pattern's end, not a NUL. */
	{
		const char *err = NULL;
		struct glob *g = glob_compile("[ab]", 3, 0, &err);

		expect_ptr_null(g);
		g = glob_compile("ab\\", 2, 0, &err);
		assert_ptr_not_null(g);
		expect_true(glob_match(g, "ab", 2));
		glob_free(g);
	}
	glob_free(NULL);
}

/* Empty texts may come without a buffer. */
static void
test_glob_empty_text(void)
{
	static const char *const patterns[] = { "", "*", "*.c", "**", "?" };
	static const bool want[] = { true, true, false, true, false };

	for (size_t i = 0; i < UNIT_COUNT(patterns); i++) {
		const char *err = NULL;
		struct glob *g = glob_compile(patterns[i], strlen(patterns[i]),
		    i % 2 ? GLOB_CASEFOLD : 0, &err);

		assert_ptr_not_null(g);
		expect_int_eq(glob_match(g, NULL, 0), want[i]);
		glob_free(g);
	}
}

static double
glob_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Each pattern against a long text it does not match, in bounded time. */
static void
test_glob_pathological(void)
{
	static const struct {
		const char *pattern;
		char unit; /* the text repeats this, '/' every 5th */
		bool slashes;
		bool match;
	} cases[] = {
		{ "*a*a*a*a*a*b", 'a', false, false },
		/* A closing star leaves no literal tail to reject early. */
		{ "*a*a*a*a*a*b*", 'a', false, false },
		{ "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b*", 'a', false, false },
		{ "**/*a*a*a*a*a*b*", 'a', true, false },
		{ "a*a*a*a*a*a*b*a", 'a', false, false },
		{ "**/**/**/**/**/**/b", 'a', true, false },
		{ "a/**/a/**/a/**/a/**/a/**/b", 'a', true, false },
		{ "*?*?*?*?*?*?*?*?*?*?c", 'a', false, false },
		{ "*a*a*a*a*a*a", 'a', false, true },
		{ "**a**a**a**a**a**b", 'a', false, false },
	};
	enum { TEXT = 10000 };
	char *text = malloc(TEXT);

	assert_ptr_not_null(text);
	for (size_t i = 0; i < UNIT_COUNT(cases); i++) {
		const char *err = NULL;
		struct glob *g = glob_compile(cases[i].pattern,
		    strlen(cases[i].pattern), 0, &err);
		double start, took;

		if (g == NULL) {
			unit_fail(__FILE__, __LINE__, "glob_compile", "%s: %s",
			    cases[i].pattern, err);
			continue;
		}
		for (size_t k = 0; k < TEXT; k++)
			text[k] = cases[i].slashes && k % 5 == 4 ? '/' :
			    cases[i].unit;
		start = glob_now_ms();
		if (glob_match(g, text, TEXT) != cases[i].match)
			unit_fail(__FILE__, __LINE__, "glob_match",
			    "%s: wrong answer", cases[i].pattern);
		took = glob_now_ms() - start;
		if (took > 500)
			unit_fail(__FILE__, __LINE__, "glob_match",
			    "%s: %.0f ms", cases[i].pattern, took);
		glob_free(g);
	}
	free(text);
}

/* Patterns longer than the matcher's on-stack position set. */
static void
test_glob_long_pattern(void)
{
	enum { N = 700 };
	char *pattern = malloc(N + 1), *text = malloc(N + 1);
	const char *err = NULL;
	struct glob *g;

	assert_ptr_not_null(pattern);
	assert_ptr_not_null(text);
	for (size_t i = 0; i < N; i++) {
		pattern[i] = i % 7 == 3 ? '*' : '?';
		text[i] = 'x';
	}
	g = glob_compile(pattern, N, 0, &err);
	assert_ptr_not_null(g);
	expect_true(glob_match(g, text, N));
	/* The stars may match nothing: 100 of them give 100 spare. */
	expect_true(glob_match(g, text, N - N / 7));
	expect_false(glob_match(g, text, N - N / 7 - 1));
	text[10] = '/';
	expect_false(glob_match(g, text, N));
	glob_free(g);
	free(pattern);
	free(text);
}

int
main(int argc, char **argv)
{
	static const struct unit_test tests[] = {
		UNIT_TEST(test_glob_literal),
		UNIT_TEST(test_glob_star),
		UNIT_TEST(test_glob_question),
		UNIT_TEST(test_glob_class),
		UNIT_TEST(test_glob_escape),
		UNIT_TEST(test_glob_globstar),
		UNIT_TEST(test_glob_head_tail),
		UNIT_TEST(test_glob_casefold),
		UNIT_TEST(test_glob_bytes),
		UNIT_TEST(test_glob_invalid),
		UNIT_TEST(test_glob_empty_text),
		UNIT_TEST(test_glob_pathological),
		UNIT_TEST(test_glob_long_pattern),
	};

	return unit_run(argc, argv, tests, UNIT_COUNT(tests));
}
