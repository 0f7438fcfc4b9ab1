/*
 * test_literal.c - which strings the prefilter requires, and finding them.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "match/literal.h"
#include "match/litscan.h"
#include "match/pattern.h"
#include "unit.h"

/*
 * The first candidate offset the prefilter of pattern (alone) gives in
 * text; *have: there is a prefilter.
 */
static size_t
first_hit_case(const char *pattern, bool fixed, bool caseless,
    const char *text, bool *have)
{
	struct pattern p = {.text = pattern, .len = strlen(pattern)};
	struct match_config o;
	struct literal_set *ls;
	struct literal_cursor c = {.buf = NULL};
	size_t at;

	memset(&o, 0, sizeof(o));
	o.patterns = &p;
	o.npatterns = 1;
	o.fixed_strings = fixed;
	ls = literal_extract(&o, caseless);
	*have = ls != NULL;
	if (ls == NULL)
		return 0;
	literal_cursor_reset(ls, &c, text, strlen(text));
	at = literal_next(ls, &c, 0);
	literal_cursor_free(&c);
	literal_free(ls);
	return at;
}

static size_t
first_hit(const char *pattern, bool fixed, const char *text, bool *have)
{
	return first_hit_case(pattern, fixed, false, text, have);
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
		/* A one-letter property takes its letter (fuzzer: "\Pzz"). */
		{"\\Pzz", "\\z", false, 0},
		{"\\pLabc", "xabc", true, 1},
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

/*
 * Caseless: the strings stop at k, s and non-ASCII letters, so that text
 * using KELVIN SIGN (E2 84 AA) or LONG S (C5 BF) for them is still found.
 */
static void
test_literal_caseless_extraction(void)
{
	static const struct {
		const char *pattern;
		bool fixed;
		const char *text;
		bool have;
		size_t at;
	} cases[] = {
		/* A regex: matcher.c confirms every line, pieces are fine. */
		{"PM_RESUME\\(", false, "x pm_re\xc5\xbfume(", true, 2},
		{"LINK_UPDATE\\b", false, "lin\xe2\x84\xaa_update", true, 6},
		{"ERR_SYS.*x", false, "err_\xc5\xbfys x", true, 0},
		{"ERR_SYS.*x", false, "ERR_", true, 0},
		{"ab+cd|xyz\\d", false, "__XYZ1", true, 2},
		{"kiss\\d", false, "x", false, 0}, /* "i": too short */
		{"\xc3\x84" "BCDE\\d", false, "\xc3\xa4" "bcde1", true, 2},
		{"(?i)abc", false, "ABC", false, 0},
		{"(?-i)abc", false, "abc", false, 0},
		/* Plain strings: pieces too (matcher.c asks literal_set_exact). */
		{"ABC", false, "xxAbC", true, 2},
		{"ABC", true, "xxAbC", true, 2},
		{"a.b", true, "xxA.B", true, 2},
		{"PM_RESUME", false, "x pm_re\xc5\xbfume", true, 2},
		{"PM_RESUME", true, "x pm_re\xc5\xbfume", true, 2},
		{"ks", true, "ks", false, 0},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool have;
		size_t at = first_hit_case(cases[i].pattern, cases[i].fixed,
		    true, cases[i].text, &have);

		expect_int_eq(have, cases[i].have);
		if (have && cases[i].have)
			expect_size_eq(at, cases[i].at);
	}
}

/* Which sets are whole patterns, found exactly as PCRE2 would match. */
static void
test_literal_exact(void)
{
	static const struct {
		const char *pattern;
		bool fixed, caseless, exact;
	} cases[] = {
		{"PM_RESUME", false, false, true},
		{"PM_RESUME", true, false, true},
		{"PM_RE+SUME", false, false, false},
		{"ab|cd", false, false, true},
		{"ab|cd\\d", false, false, false},
		{"ABC", false, true, true},
		{"a.b", true, true, true},
		{"AB|CD", false, true, true},
		{"PM_RESUME\\(", false, true, false},
		{"\xc3\xa4" "BCDE\\d", false, true, false},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pattern p = {.text = cases[i].pattern,
		    .len = strlen(cases[i].pattern)};
		struct match_config o;
		struct literal_set *ls;

		memset(&o, 0, sizeof(o));
		o.patterns = &p;
		o.npatterns = 1;
		o.fixed_strings = cases[i].fixed;
		ls = literal_extract(&o, cases[i].caseless);
		expect_ptr_not_null(ls);
		if (ls != NULL)
			expect_int_eq(literal_set_exact(ls), cases[i].exact);
		literal_free(ls);
	}
}

/* Several patterns (-e a -e b): the earliest of any; none when one fails. */
static void
test_literal_several_patterns(void)
{
	struct pattern p[3] = {
		{.text = "zzz+q", .len = 5}, {.text = "Yyy", .len = 3},
		{.text = "x{3}abc", .len = 7},
	};
	struct match_config o;
	struct literal_set *ls;
	struct literal_cursor c = {.buf = NULL};
	const char *text = "..YYY.abc..zzz.yyy..xabc";

	memset(&o, 0, sizeof(o));
	o.patterns = p;
	o.npatterns = 3;
	ls = literal_extract(&o, true);
	assert_ptr_not_null(ls);
	literal_cursor_reset(ls, &c, text, strlen(text));
	expect_size_eq(literal_next(ls, &c, 0), 2);
	expect_size_eq(literal_next(ls, &c, 1), 2);
	expect_size_eq(literal_next(ls, &c, 3), 6);
	expect_size_eq(literal_next(ls, &c, 7), 11);
	expect_size_eq(literal_next(ls, &c, 12), 15);
	expect_size_eq(literal_next(ls, &c, 16), 21);
	expect_size_eq(literal_next(ls, &c, 22), strlen(text));
	/* Going back is allowed too. */
	expect_size_eq(literal_next(ls, &c, 0), 2);
	literal_cursor_free(&c);
	literal_free(ls);
	o.npatterns = 2;
	p[1].text = "y";
	p[1].len = 1;
	expect_ptr_null(literal_extract(&o, false));
}

/* Up to 64 strings; beyond 16, each must have 3 bytes. */
static void
test_literal_many(void)
{
	static const char *const sizes[] = {
		"abc|", "ab|",
	};
	static const char last[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789_-#";
	struct pattern p = {0};
	struct match_config o;
	char text[65 * 4];

	memset(&o, 0, sizeof(o));
	o.patterns = &p;
	o.npatterns = 1;
	for (size_t n = 1; n <= 65; n++) {
		for (size_t k = 0; k < 2; k++) {
			struct literal_set *ls;
			size_t len = 0;

			/* n alternatives: "abA|abB|..." or "aA|aB|...". */
			for (size_t i = 0; i < n; i++) {
				memcpy(text + len, sizes[k], strlen(sizes[k]));
				text[len + strlen(sizes[k]) - 2] = last[i];
				len += strlen(sizes[k]);
			}
			p.text = text;
			p.len = len - 1;
			ls = literal_extract(&o, false);
			if (n <= 16 || (k == 0 && n <= 64))
				expect_ptr_not_null(ls);
			else
				expect_ptr_null(ls);
			literal_free(ls);
		}
	}
}

/*
 * The caseless rule rests on PCRE2's case sets: with UTF and UCP, only k
 * and s among ASCII characters match anything outside ASCII (U+212A and
 * U+017F).  Check that against the PCRE2 linked in.
 */
static void
test_literal_pcre2_case_partners(void)
{
	static const struct {
		const char *pattern;
		uint32_t partners[3]; /* its non-ASCII matches, then 0 */
	} cases[] = {
		{"[\\x01-\\x7f]", {0x17f, 0x212a, 0}},
		{"[a-jl-rt-zA-JL-RT-Z\\x01-\\x40\\x5b-\\x60\\x7b-\\x7f]",
		    {0}},
		{"k", {0x212a, 0}},
		{"K", {0x212a, 0}},
		{"s", {0x17f, 0}},
		{"S", {0x17f, 0}},
	};
	struct {
		char *p;
		size_t len;
	} text = {NULL, 0};
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);

	assert_ptr_not_null(md);
	/* Every scalar value from U+0080 on, UTF-8 encoded. */
	text.p = malloc(4 * 0x110000);
	assert_ptr_not_null(text.p);
	for (uint32_t u = 0x80; u < 0x110000; u++) {
		unsigned char *o = (unsigned char *)text.p + text.len;

		if (u >= 0xd800 && u < 0xe000)
			continue;
		if (u < 0x800) {
			o[0] = (unsigned char)(0xc0 | u >> 6);
			o[1] = (unsigned char)(0x80 | (u & 0x3f));
			text.len += 2;
		} else if (u < 0x10000) {
			o[0] = (unsigned char)(0xe0 | u >> 12);
			o[1] = (unsigned char)(0x80 | (u >> 6 & 0x3f));
			o[2] = (unsigned char)(0x80 | (u & 0x3f));
			text.len += 3;
		} else {
			o[0] = (unsigned char)(0xf0 | u >> 18);
			o[1] = (unsigned char)(0x80 | (u >> 12 & 0x3f));
			o[2] = (unsigned char)(0x80 | (u >> 6 & 0x3f));
			o[3] = (unsigned char)(0x80 | (u & 0x3f));
			text.len += 4;
		}
	}
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int err;
		PCRE2_SIZE erroff, at = 0;
		pcre2_code *code = pcre2_compile(
		    (PCRE2_SPTR)cases[i].pattern, PCRE2_ZERO_TERMINATED,
		    PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &err, &erroff,
		    NULL);
		size_t found = 0;

		assert_ptr_not_null(code);
		while (pcre2_match(code, (PCRE2_SPTR)text.p, text.len, at, 0,
		    md, NULL) > 0) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
			const unsigned char *m = (const unsigned char *)text.p +
			    ov[0];
			uint32_t u = ov[1] - ov[0] == 2 ?
			    (uint32_t)(m[0] & 0x1f) << 6 | (m[1] & 0x3f) :
			    (uint32_t)(m[0] & 0x0f) << 12 |
			    (uint32_t)(m[1] & 0x3f) << 6 | (m[2] & 0x3f);

			if (found < 2)
				expect_u64_eq(u, cases[i].partners[found]);
			found++;
			at = ov[1];
		}
		expect_true(found < 3 && cases[i].partners[found] == 0);
		pcre2_code_free(code);
	}
	pcre2_match_data_free(md);
	free(text.p);
}

/* Deterministic pseudo-random numbers (xorshift64*). */
static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static unsigned
rng(unsigned n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (unsigned)((rng_state * 0x2545f4914f6cdd1du) >> 33) % n;
}

static unsigned char
ascii_fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c | 0x20) : c;
}

static bool
naive_at(const char *buf, size_t len, const char *needle, size_t nlen,
    size_t at, bool caseless)
{
	if (nlen > len - at)
		return false;
	for (size_t k = 0; k < nlen; k++) {
		unsigned char a = (unsigned char)buf[at + k];
		unsigned char b = (unsigned char)needle[k];

		if (caseless ? ascii_fold(a) != ascii_fold(b) : a != b)
			return false;
	}
	return true;
}

/* The first start >= from of any needle, by trying every one everywhere. */
static size_t
naive_find(const char *buf, size_t len, char **needles, const size_t *lens,
    size_t count, size_t from, bool caseless)
{
	for (size_t at = from; at < len; at++)
		for (size_t i = 0; i < count; i++)
			if (naive_at(buf, len, needles[i], lens[i], at,
			    caseless))
				return at;
	return len;
}

/*
 * litscan against the naive search: random needle sets over a small
 * alphabet (so that near misses and overlaps abound), random texts with
 * needles planted, every start offset, every vector width.  Texts are
 * allocated to their exact length, so ASan catches any read past them.
 */
static void
test_litscan_differential(void)
{
	static const char alphabet[] = "aAbBkKsS_\n\x80\xc5\xbf\xff";
	enum { ROUNDS = 600, NEEDLES_MAX = 64, NEEDLE_LEN_MAX = 9,
	    TEXT_MAX = 300 };
	size_t failures = 0;

	for (int level = 0; level <= 2; level++) {
		litscan_limit_simd(level);
		for (int round = 0; round < ROUNDS && failures < 5; round++) {
			bool caseless = rng(2) == 0;
			size_t count = round % 10 == 0 ? 1 :
			    2 + rng(round % 3 == 0 ? NEEDLES_MAX - 1 : 15);
			char *needles[NEEDLES_MAX];
			size_t lens[NEEDLES_MAX];
			size_t len = rng(TEXT_MAX);
			char *text = malloc(len ? len : 1);
			struct litscan *ls;

			assert_ptr_not_null(text);
			for (size_t i = 0; i < count; i++) {
				lens[i] = 1 + rng(round % 4 == 0 ? 2 :
				    NEEDLE_LEN_MAX);
				needles[i] = malloc(lens[i]);
				assert_ptr_not_null(needles[i]);
				for (size_t k = 0; k < lens[i]; k++)
					needles[i][k] = alphabet[rng(
					    sizeof(alphabet) - 1)];
			}
			for (size_t k = 0; k < len; k++)
				text[k] = alphabet[rng(sizeof(alphabet) - 1)];
			/* Plant a few whole needles, some flipped in case. */
			for (unsigned n = rng(4); n > 0; n--) {
				size_t i = rng((unsigned)count);
				size_t at;

				if (lens[i] > len)
					continue;
				at = rng((unsigned)(len - lens[i] + 1));
				for (size_t k = 0; k < lens[i]; k++) {
					char ch = needles[i][k];

					if (caseless && rng(2) &&
					    ((ch >= 'a' && ch <= 'z') ||
					    (ch >= 'A' && ch <= 'Z')))
						ch ^= 0x20;
					text[at + k] = ch;
				}
			}
			ls = litscan_new((const char *const *)needles, lens,
			    count, caseless);
			for (size_t from = 0; from <= len; from++) {
				size_t want = naive_find(text, len, needles,
				    lens, count, from, caseless);
				size_t got = litscan_find(ls, text, len, from);

				if (got != want && failures++ < 5)
					expect_size_eq(got, want);
			}
			litscan_free(ls);
			for (size_t i = 0; i < count; i++)
				free(needles[i]);
			free(text);
		}
	}
	litscan_limit_simd(2);
	unit_note("%d rounds x 3 instruction sets", ROUNDS);
}

/* Long texts: hits far in, past many vector steps and near misses. */
static void
test_litscan_long_text(void)
{
	const char *needles[] = {"ERR_SYS", "PME_TURN_OFF", "LINK_REQ_RST",
	    "CFG_BME_EVT"};
	size_t lens[4];
	size_t len = 1 << 16;
	char *text = malloc(len);

	assert_ptr_not_null(text);
	for (size_t i = 0; i < 4; i++)
		lens[i] = strlen(needles[i]);
	for (size_t k = 0; k < len; k++)
		text[k] = "ERR_PME_LINK_CFG_\n"[k % 18];
	for (int level = 0; level <= 2; level++) {
		struct litscan *ls;

		litscan_limit_simd(level);
		ls = litscan_new(needles, lens, 4, false);
		expect_size_eq(litscan_find(ls, text, len, 0), len);
		memcpy(text + 40000, "CFG_BME_EVT", 11);
		memcpy(text + 50001, "cfg_bme_evT", 11);
		expect_size_eq(litscan_find(ls, text, len, 0), 40000);
		expect_size_eq(litscan_find(ls, text, len, 40001), len);
		litscan_free(ls);
		ls = litscan_new(needles, lens, 4, true);
		expect_size_eq(litscan_find(ls, text, len, 0), 40000);
		expect_size_eq(litscan_find(ls, text, len, 40001), 50001);
		expect_size_eq(litscan_find(ls, text, len, len - 11), len);
		litscan_free(ls);
		for (size_t k = 40000; k < 50012; k++)
			text[k] = "ERR_PME_LINK_CFG_\n"[k % 18];
	}
	litscan_limit_simd(2);
	free(text);
}

int
main(int argc, char **argv)
{
	static const struct unit_test tests[] = {
		UNIT_TEST(test_literal_extraction),
		UNIT_TEST(test_literal_fixed_and_scan),
		UNIT_TEST(test_literal_caseless_extraction),
		UNIT_TEST(test_literal_exact),
		UNIT_TEST(test_literal_several_patterns),
		UNIT_TEST(test_literal_many),
		UNIT_TEST(test_literal_pcre2_case_partners),
		UNIT_TEST(test_litscan_differential),
		UNIT_TEST(test_litscan_long_text),
	};

	return unit_run(argc, argv, tests, UNIT_COUNT(tests));
}
