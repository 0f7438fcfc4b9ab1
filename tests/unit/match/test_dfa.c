/*
 * test_dfa.c - the ASCII lazy DFA: hand-written cases for each construct,
 * the patterns it must refuse, and a differential test against PCRE2 on
 * thousands of random patterns and buffers.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/dfa.h"
#include "match/matcher.h"
#include "match/pattern.h"
#include "unit.h"

/* Does PCRE2 match line[0, len) alone, as the matcher would? */
static bool
pcre2_line(pcre2_code *code, pcre2_match_data *md, const char *line,
    size_t len)
{
	return pcre2_match(code, (PCRE2_SPTR)(len ? line : ""), len, 0, 0, md,
	    NULL) >= 0;
}

static pcre2_code *
compile_ref(const char *pattern, bool caseless)
{
	int err;
	PCRE2_SIZE erroff;

	return pcre2_compile((PCRE2_SPTR)pattern, strlen(pattern),
	    PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_MULTILINE |
	    (caseless ? PCRE2_CASELESS : 0), &err, &erroff, NULL);
}

/*
 * The DFA's verdict on each line of buf: 'M' match, '?' maybe, '.' none
 * (a line it skipped).  Written to out (one char per line); returns the
 * number of lines, or -1 when the reported lines were not lines of buf.
 */
static int
dfa_verdicts(const struct dfa *d, struct dfa_cache *c, const char *buf,
    size_t len, char *out, size_t outsize)
{
	size_t nlines = 0, from = 0, pos = 0;
	struct span line;
	enum dfa_result r;

	/* Number the lines first: all '.' until reported. */
	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);

		if (nlines + 1 >= outsize)
			return -1;
		out[nlines++] = '.';
		pos = nl ? (size_t)(nl - buf) + 1 : len;
	}
	out[nlines] = '\0';
	while ((r = dfa_next_line(d, c, buf, len, from, &line)) != DFA_NONE) {
		size_t index = 0;

		/* The line must start at a line start at or after from. */
		if (line.start < from || line.end > len || line.start > line.end ||
		    (line.start > 0 && buf[line.start - 1] != '\n') ||
		    (line.end < len && buf[line.end] != '\n') ||
		    memchr(buf + line.start, '\n', line.end - line.start) != NULL)
			return -1;
		for (size_t i = 0; i < line.start; i++)
			if (buf[i] == '\n')
				index++;
		out[index] = r == DFA_MATCH ? 'M' : '?';
		if (line.end >= len)
			break;
		from = line.end + 1;
	}
	return (int)nlines;
}

/*
 * Check the DFA against PCRE2 on buf.  A line reported as a match must
 * match; one reported "maybe" must hold a byte >= 0x80; a line not
 * reported must not match.  Returns true when all agree.
 */
static bool
agrees(const char *pattern, bool caseless, const char *buf, size_t len,
    bool *compiled)
{
	pcre2_code *code = compile_ref(pattern, caseless);
	pcre2_match_data *md;
	struct dfa *d;
	struct dfa_cache *c;
	char *verdicts = malloc(len + 2);
	int n;
	bool ok = true;
	size_t pos = 0;

	*compiled = false;
	if (code == NULL || verdicts == NULL) {
		free(verdicts);
		pcre2_code_free(code);
		return code == NULL;
	}
	d = dfa_compile(pattern, strlen(pattern), caseless);
	if (d == NULL) {
		free(verdicts);
		pcre2_code_free(code);
		return true;
	}
	*compiled = true;
	md = pcre2_match_data_create_from_pattern(code, NULL);
	c = dfa_cache_new(d);
	if (md == NULL || c == NULL || verdicts == NULL) {
		ok = false;
		goto out;
	}
	n = dfa_verdicts(d, c, buf, len, verdicts, len + 2);
	if (n < 0) {
		ok = false;
		goto out;
	}
	for (int i = 0; i < n; i++) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - buf) : len;
		bool want = pcre2_line(code, md, buf + pos, end - pos);
		bool high = false;

		for (size_t k = pos; k < end; k++)
			if ((unsigned char)buf[k] >= 0x80)
				high = true;
		if ((verdicts[i] == 'M' && !want) ||
		    (verdicts[i] == '.' && want) ||
		    (verdicts[i] == '?' && !high))
			ok = false;
		pos = end + 1;
	}
out:
	free(verdicts);
	dfa_cache_free(c);
	dfa_free(d);
	pcre2_match_data_free(md);
	pcre2_code_free(code);
	return ok;
}

/* The verdicts of pattern on buf ("" when the DFA refuses it). */
static void
verdicts_of(const char *pattern, bool caseless, const char *buf,
    char *out, size_t outsize)
{
	struct dfa *d = dfa_compile(pattern, strlen(pattern), caseless);
	struct dfa_cache *c;

	out[0] = '\0';
	if (d == NULL)
		return;
	c = dfa_cache_new(d);
	if (c != NULL && dfa_verdicts(d, c, buf, strlen(buf), out, outsize) < 0)
		snprintf(out, outsize, "bad line");
	dfa_cache_free(c);
	dfa_free(d);
}

static void
test_dfa_constructs(void)
{
	static const struct {
		const char *pattern;
		bool caseless;
		const char *buf;
		const char *want; /* per line: M match, ? maybe, . none */
	} cases[] = {
		{"abc", false, "abc\nab\nxabcx\nABC\n", "M.M."},
		{"abc", true, "abc\nab\nxabcx\nABC\n", "M.MM"},
		{"a.c", false, "abc\na\tc\nac\na\xc3\xa9" "c\n", "MM.?"},
		{"a\\.c", false, "abc\na.c\n", ".M"},
		{"\\x61\\x{62}", false, "ab\nAb\n", "M."},
		{"a\\tb", false, "a\tb\na b\n", "M."},
		{"[a-c]x", false, "bx\ndx\n", "M."},
		{"[^a]", false, "aaa\naab\n\n", ".M."},
		{"[]a]b", false, "]b\nab\nbb\n", "MM."},
		{"[[:digit:]]{2}", false, "a1b2\na12\n", ".M"},
		{"\\w+\\s+\\d", false, "abc 1\nabc\t\t2\nabc x\n", "MM."},
		{"\\W\\S\\D", false, "!ab\nab1\n", "M."},
		{"\\h\\v", false, "\t\x0b\n  \n", "M."},
		{"\\p{Lu}\\P{Lu}", false, "Ab\nAB\nab\n", "M.."},
		{"\\p{Greek}", false, "abc\n\xce\xb1\nxyz\n", ".?."},
		{"(ab|cd)+e", false, "ababe\ncde\nae\n", "MM."},
		{"(?:ab)?c", false, "c\nabc\nx\n", "MM."},
		{"(?<n>a)(?P<m>b)(?'o'c)", false, "abc\nab\n", "M."},
		{"a{2,3}b", false, "ab\naab\naaaab\n", ".MM"},
		{"^a{3}$", false, "aa\naaa\naaaa\n", ".M."},
		{"a{2,}?b", false, "ab\naab\n", ".M"},
		{"x*?y+?", false, "y\nx\n", "M."},
		{"^ab", false, "ab\ncab\nab\n", "M.M"},
		{"ab$", false, "ab\nabc\ncab", "M.M"},
		{"^$", false, "a\n\nb\n\n", ".M.M"},
		{"^$", false, "a\n", "."},          /* no line after the last '\n' */
		{"a^b", false, "ab\na^b\n", ".."},
		{"a$b", false, "ab\n", "."},
		{"x|^y", false, "ay\nyb\nax\n", ".MM"},
		{"", false, "a\n\nb", "MMM"},        /* every line matches */
		{"a*", false, "\nb\n\xff\n", "MM?"}, /* not before \xff */
		{"a|", false, "x\n", "M"},
		{"b$", false, "ab\r\nab\n", ".M"},   /* CRLF: '\r' is on the line */
		{"\\r$", false, "ab\r\nab\n", "M."},
		{"\\s$", false, "a \na\n", "M."},     /* \s never crosses '\n' */
		{"a\\nb", false, "a\nb\nab\n", "..."},
		{"a[^x]b", false, "a\nb\nayb\n", "..M"},
		{"\\W", false, "abc\nab\n", ".."},
		{"[^a]*z", false, "bbbz\nbbb\n", "M."},
		{"k", true, "K\n\xe2\x84\xaa\nx\n", "M?."}, /* Kelvin sign */
		{"\xc3\xa9", false, "e\n\xc3\xa9\n", ".?"},
		{"[[:alpha:]]+1", true, "AbC1\n___1\n", "M."},
		{"a{0}b", false, "b\nc\n", "M."},
		{"(a|b)*c(d|)", false, "abababc\nabab\n", "M."},
		{"#{3} }", false, "### }\n## }\n", "M."},
		{"a{x}", false, "a{x}\nax\n", "M."},
		{"\\cA", false, "\x01\nA\n", "M."},
		{"\\e\\a\\f", false, "\x1b\x07\x0c\nx\n", "M."},
		{".", false, "\n\n", ".."},
		{"ab", false, "xx\xff" "ab\nab\xff\n", "?M"},
		{"\\d\\d", false, "1\x80" "2\n", "?"},
	};
	char got[64];

	for (size_t i = 0; i < UNIT_COUNT(cases); i++) {
		bool compiled;

		verdicts_of(cases[i].pattern, cases[i].caseless, cases[i].buf, got,
		    sizeof(got));
		if (strcmp(got, cases[i].want) != 0)
			unit_fail(__FILE__, __LINE__, cases[i].pattern,
			    "(caseless %d: got \"%s\", want \"%s\")",
			    cases[i].caseless, got, cases[i].want);
		expect_true(agrees(cases[i].pattern, cases[i].caseless,
		    cases[i].buf, strlen(cases[i].buf), &compiled));
	}
}

static void
test_dfa_refuses(void)
{
	static const char *const refused[] = {
		"(a)\\1", "a(?=b)", "(?<=a)b", "(?<!a)b", "a(?!b)", "(?>ab)",
		"a++", "a*+", "a?+", "a{2}+", "(?i)a", "(?i:a)", "(*UTF)a",
		"\\Qa.b\\E", "\\ba", "a\\B", "\\Aa", "a\\z", "a\\Z", "\\Ga",
		"a\\Kb", "\\R", "\\X", "\\C", "\\N", "a{,3}", "a{1000000}",
		"(?|a|b)", "(?#c)a", "(?(1)a|b)", "(a)(?1)", "(?R)", "\\g1",
		"\\k<n>", "\\o{101}", "\\0", "a{2}{3}", "^*", "x(?C1)",
		"(?<n>a)\\k<n>", "\\E", "(a{100}){100}", "[[.a.]]",
		"(", "a)", "[a", "*a", "a{3,2}",
	};

	for (size_t i = 0; i < UNIT_COUNT(refused); i++) {
		struct dfa *d = dfa_compile(refused[i], strlen(refused[i]),
		    false);

		if (d != NULL)
			unit_fail(__FILE__, __LINE__, refused[i], "%s",
			    "(accepted)");
		dfa_free(d);
	}
}

/* A small deterministic generator (xorshift), so failures reproduce. */
static uint64_t rng_state = 0x2545f4914f6cdd1dULL;

static unsigned
rnd(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % n);
}

struct text {
	char data[1024];
	size_t len;
};

static void
put(struct text *t, const char *s)
{
	size_t n = strlen(s);

	if (t->len + n < sizeof(t->data)) {
		memcpy(t->data + t->len, s, n);
		t->len += n;
		t->data[t->len] = '\0';
	}
}

static void gen_alt(struct text *t, int depth, unsigned *groups);

static void
gen_atom(struct text *t, int depth, unsigned *groups, bool *repeatable)
{
	static const char *const literals[] = {
		"a", "b", "_", " ", "1", "\\t", "A", "B", "\\.", "-", "\\x61",
		"\xc3\xa9", "k", "\\x{4b}",
	};
	static const char *const sets[] = {
		".", "\\w", "\\s", "\\d", "\\W", "\\S", "\\D", "\\h", "\\v",
		"[ab]", "[^a]", "[a-c_]", "[[:alpha:]]", "[^\\s]", "[\\d_]",
		"[]a]", "[^]a]", "\\p{L}", "\\P{Ll}", "\\p{Greek}", "[^\\w\\s]",
		"[A-Z]", "[^\\n]", "\\n", "\\r",
	};
	char name[32];

	*repeatable = true;
	switch (rnd(12)) {
	case 0: case 1: case 2: case 3: case 4:
		put(t, literals[rnd(UNIT_COUNT(literals))]);
		return;
	case 5: case 6: case 7:
		put(t, sets[rnd(UNIT_COUNT(sets))]);
		return;
	case 8: case 9:
		if (depth < 3) {
			switch (rnd(3)) {
			case 0:
				put(t, "(");
				break;
			case 1:
				put(t, "(?:");
				break;
			default:
				snprintf(name, sizeof(name), "(?<g%u>",
				    (*groups)++);
				put(t, name);
				break;
			}
			gen_alt(t, depth + 1, groups);
			put(t, ")");
			return;
		}
		put(t, "a");
		return;
	case 10:
		*repeatable = false;
		put(t, rnd(2) ? "^" : "$");
		return;
	default:
		put(t, literals[rnd(4)]);
		return;
	}
}

static void
gen_concat(struct text *t, int depth, unsigned *groups)
{
	static const char *const quantifiers[] = {
		"*", "+", "?", "{2}", "{1,3}", "{0,2}", "{2,}", "*?", "+?",
		"??", "{1,2}?", "{0}",
	};
	unsigned n = rnd(5);

	for (unsigned i = 0; i < n; i++) {
		bool repeatable;

		gen_atom(t, depth, groups, &repeatable);
		if (repeatable && rnd(3) == 0)
			put(t, quantifiers[rnd(UNIT_COUNT(quantifiers))]);
	}
}

static void
gen_alt(struct text *t, int depth, unsigned *groups)
{
	unsigned n = 1 + (rnd(4) == 0 ? rnd(3) : 0);

	for (unsigned i = 0; i < n; i++) {
		if (i > 0)
			put(t, "|");
		gen_concat(t, depth, groups);
	}
}

static void
gen_buffer(struct text *t)
{
	static const char *const pieces[] = {
		"a", "b", "_", " ", "1", "\t", "A", "B", ".", "-", "k", "K",
		"ab", "aab", "\r", "\n", "\n", "\n", "\xc3\xa9", "\xce\xb1",
		"\xff", "\xe2\x84\xaa", "\x0b", "\x80",
	};
	unsigned n = rnd(40);
	bool high = rnd(3) == 0;

	t->len = 0;
	t->data[0] = '\0';
	for (unsigned i = 0; i < n; i++) {
		unsigned k = rnd(high ? UNIT_COUNT(pieces) : 18);

		put(t, pieces[k]);
	}
	if (rnd(2))
		put(t, "\n");
}

static void
test_dfa_differential(void)
{
	unsigned patterns = 0, accepted = 0, failures = 0;

	for (unsigned i = 0; i < 6000 && failures < 10; i++) {
		struct text pattern = {{0}, 0};
		unsigned groups = 0;
		bool caseless = rnd(4) == 0;
		bool compiled = false;

		gen_alt(&pattern, 0, &groups);
		patterns++;
		for (unsigned k = 0; k < 8; k++) {
			struct text buf;

			gen_buffer(&buf);
			if (!agrees(pattern.data, caseless, buf.data, buf.len,
			    &compiled)) {
				fprintf(stderr, "pattern \"%s\" (caseless %d) "
				    "buffer \"", pattern.data, caseless);
				for (size_t j = 0; j < buf.len; j++) {
					unsigned char ch =
					    (unsigned char)buf.data[j];

					if (ch >= 0x20 && ch < 0x7f && ch != '\\')
						fputc(ch, stderr);
					else
						fprintf(stderr, "\\x%02x", ch);
				}
				fprintf(stderr, "\"\n");
				failures++;
				expect_true(false);
				break;
			}
		}
		if (compiled)
			accepted++;
	}
	unit_note("%u patterns, %u taken by the DFA", patterns, accepted);
	/* The generator only writes the supported syntax. */
	expect_true(accepted * 10 > patterns * 9);
}

/*
 * Through the matcher: the lines matcher_next_line selects for opts are
 * exactly those PCRE2 matches alone (with -x: as a whole line).
 */
static bool
matcher_agrees(const struct match_config *opts, bool caseless, const char *buf,
    size_t len)
{
	struct matcher_error e;
	struct matcher *m = matcher_compile(opts, &e);
	struct matcher_scratch *s = matcher_scratch_new(m);
	pcre2_compile_context *cctx = pcre2_compile_context_create(NULL);
	int err;
	PCRE2_SIZE erroff;
	pcre2_code *code;
	pcre2_match_data *md;
	size_t from = 0, pos = 0;
	struct span line;
	bool ok = true;

	if (opts->line)
		pcre2_set_compile_extra_options(cctx, PCRE2_EXTRA_MATCH_LINE);
	code = pcre2_compile((PCRE2_SPTR)opts->patterns[0].text,
	    opts->patterns[0].len, PCRE2_UTF | PCRE2_UCP |
	    PCRE2_MATCH_INVALID_UTF | PCRE2_MULTILINE |
	    (caseless ? PCRE2_CASELESS : 0), &err, &erroff, cctx);
	/*
	 * JIT, as the matcher: PCRE2 10.42's interpreter and JIT disagree on
	 * empty matches next to invalid UTF-8 ("^" on "\xff").
	 */
	if (code != NULL)
		pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	md = code ? pcre2_match_data_create_from_pattern(code, NULL) : NULL;
	while (ok && md != NULL && s != NULL && pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - buf) : len;
		bool want = pcre2_line(code, md, buf + pos, end - pos);

		if (from <= pos) {
			if (matcher_next_line(m, s, buf, len, from, &line) != 1)
				line.start = line.end = len + 1;
			from = line.end + 1;
		}
		if ((line.start == pos) != want)
			ok = false;
		pos = end + 1;
	}
	pcre2_match_data_free(md);
	pcre2_code_free(code);
	pcre2_compile_context_free(cctx);
	matcher_scratch_free(s);
	matcher_free(m);
	return ok;
}

static void
test_dfa_matcher_differential(void)
{
	unsigned failures = 0;

	for (unsigned i = 0; i < 1500 && failures < 10; i++) {
		struct text pattern = {{0}, 0};
		struct pattern p = {0};
		struct match_config o;
		unsigned groups = 0;

		gen_alt(&pattern, 0, &groups);
		p.text = pattern.data;
		p.len = pattern.len;
		memset(&o, 0, sizeof(o));
		o.patterns = &p;
		o.npatterns = 1;
		o.case_mode = rnd(4) == 0 ? CASE_INSENSITIVE : CASE_SENSITIVE;
		o.line = rnd(5) == 0;
		for (unsigned k = 0; k < 4; k++) {
			struct text buf;

			gen_buffer(&buf);
			if (!matcher_agrees(&o, o.case_mode == CASE_INSENSITIVE,
			    buf.data, buf.len)) {
				fprintf(stderr, "matcher: pattern \"%s\" -i %d "
				    "-x %d, buffer of %zu bytes\n", pattern.data,
				    o.case_mode == CASE_INSENSITIVE, o.line,
				    buf.len);
				failures++;
				expect_true(false);
				break;
			}
		}
	}
}

/*
 * A pattern with thousands of DFA states, on a long buffer: the cache
 * fills and is emptied many times, and the answers stay right.
 */
static void
test_dfa_cache_reset(void)
{
	static const char pattern[] = "[ab]*a[ab]{13}c";
	size_t len = 400000;
	char *buf = malloc(len);
	bool compiled;

	assert_ptr_not_null(buf);
	for (size_t i = 0; i < len; i++) {
		unsigned r = rnd(200);

		buf[i] = r == 0 ? '\n' : r == 1 ? 'c' : (char)('a' + (r & 1));
	}
	expect_true(agrees(pattern, false, buf, len, &compiled));
	expect_true(compiled);
	free(buf);
}

int
main(int argc, char **argv)
{
	static const struct unit_test tests[] = {
		UNIT_TEST(test_dfa_constructs),
		UNIT_TEST(test_dfa_refuses),
		UNIT_TEST(test_dfa_differential),
		UNIT_TEST(test_dfa_matcher_differential),
		UNIT_TEST(test_dfa_cache_reset),
	};

	return unit_run(argc, argv, tests, UNIT_COUNT(tests));
}
