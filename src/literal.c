/*
 * literal.c - the required-literal prefilter.
 *
 * Most searches look for something with a fixed string in it: PM_RESUME,
 * [A-Z]+_RESUME, \w+_RESUME\(.  Any line that matches must contain that
 * string, so the searcher looks for the string first -- a vector scan far
 * faster than PCRE2 trying every position -- and runs PCRE2 only on the
 * lines where it occurs.
 *
 * Extraction reads just enough of PCRE2's syntax to be sure: it takes the
 * longest run of plain characters that every match must contain, from the
 * top level of the pattern (or of each top-level alternative).  Anything it
 * does not fully understand -- "(?" constructs, \Q, caseless matching --
 * means no prefilter, never a wrong one.
 *
 * The scan tests two of the needle's rarer bytes at their offsets 16
 * positions at a time (SSE2), or 32 with AVX2, and compares the whole
 * needle only where both agree.
 */
#include "literal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cpu.h"
#include "diag.h"
#include "outbuf.h"

#ifdef __SSE2__
#include <immintrin.h>
#endif

enum {
	LITERAL_MIN = 2,  /* shorter ones do not pay for themselves */
	LITERAL_MAX = 16, /* more alternatives: leave it to PCRE2 */
};

struct needle {
	char *bytes;
	size_t len;
	size_t rare1, rare2; /* offsets of the two bytes tested first */
};

struct literal_set {
	struct needle *needles;
	size_t count;
};

/* Rough commonness of a byte in source code and text: lower is rarer. */
static int
byte_rank(unsigned char c)
{
	static const char common[] = " etaoinsrlcdhupm\n\t_();,.*=-/>#\"'{}0x1";
	const char *hit = c ? strchr(common, c) : NULL;

	if (hit != NULL)
		return 100 - (int)(hit - common);
	if (c >= 'a' && c <= 'z')
		return 40;
	if (c >= 'A' && c <= 'Z')
		return 30;
	if (c >= '0' && c <= '9')
		return 30;
	return 10;
}

static void
needle_init(struct needle *n, const char *s, size_t len)
{
	n->bytes = malloc(len);
	if (n->bytes == NULL)
		diag_fatal("out of memory");
	memcpy(n->bytes, s, len);
	n->len = len;
	n->rare1 = 0;
	for (size_t i = 1; i < len; i++)
		if (byte_rank((unsigned char)s[i]) <
		    byte_rank((unsigned char)s[n->rare1]))
			n->rare1 = i;
	n->rare2 = n->rare1 == 0 ? 1 : 0;
	for (size_t i = 0; i < len; i++)
		if (i != n->rare1 && byte_rank((unsigned char)s[i]) <
		    byte_rank((unsigned char)s[n->rare2]))
			n->rare2 = i;
}

#ifdef __SSE2__
/*
 * The AVX2 form of the loop below, 32 positions a step; *at is where it
 * stopped (the caller finishes the tail).  Returns a hit or len.
 */
__attribute__((target("avx2"))) static size_t
needle_find_avx2(const struct needle *n, const char *buf, size_t len,
    size_t *at)
{
	const __m256i b1 = _mm256_set1_epi8(n->bytes[n->rare1]);
	const __m256i b2 = _mm256_set1_epi8(n->bytes[n->rare2]);
	size_t hi = n->rare1 > n->rare2 ? n->rare1 : n->rare2;
	size_t i = *at;

	while (i + 32 + hi <= len && i + 31 + n->len <= len) {
		__m256i v1 = _mm256_loadu_si256(
		    (const __m256i *)(const void *)(buf + i + n->rare1));
		__m256i v2 = _mm256_loadu_si256(
		    (const __m256i *)(const void *)(buf + i + n->rare2));
		unsigned mask = (unsigned)_mm256_movemask_epi8(
		    _mm256_and_si256(_mm256_cmpeq_epi8(v1, b1),
		    _mm256_cmpeq_epi8(v2, b2)));

		while (mask != 0) {
			unsigned bit = (unsigned)__builtin_ctz(mask);

			if (memcmp(buf + i + bit, n->bytes, n->len) == 0)
				return i + bit;
			mask &= mask - 1;
		}
		i += 32;
	}
	*at = i;
	return len;
}

#endif

/* First start >= from of the needle in buf[0, len), or len. */
static size_t
needle_find(const struct needle *n, const char *buf, size_t len, size_t from)
{
	size_t hi = n->rare1 > n->rare2 ? n->rare1 : n->rare2;
	size_t i = from;

	if (len < n->len || from > len - n->len)
		return len;
#ifdef __SSE2__
	if (cpu_has_avx2()) {
		size_t hit = needle_find_avx2(n, buf, len, &i);

		if (hit != len)
			return hit;
	}
	{
		const __m128i b1 = _mm_set1_epi8(n->bytes[n->rare1]);
		const __m128i b2 = _mm_set1_epi8(n->bytes[n->rare2]);

		/* Both loads and every candidate stay inside the buffer. */
		while (i + 16 + hi <= len && i + 15 + n->len <= len) {
			__m128i v1 = _mm_loadu_si128(
			    (const __m128i *)(const void *)(buf + i + n->rare1));
			__m128i v2 = _mm_loadu_si128(
			    (const __m128i *)(const void *)(buf + i + n->rare2));
			unsigned mask = (unsigned)_mm_movemask_epi8(
			    _mm_and_si128(_mm_cmpeq_epi8(v1, b1),
			    _mm_cmpeq_epi8(v2, b2)));

			while (mask != 0) {
				unsigned bit = (unsigned)__builtin_ctz(mask);

				if (memcmp(buf + i + bit, n->bytes, n->len) == 0)
					return i + bit;
				mask &= mask - 1;
			}
			i += 16;
		}
	}
#endif
	{
		const char *hit = memmem(buf + i, len - i, n->bytes, n->len);

		return hit ? (size_t)(hit - buf) : len;
	}
}

/* Extraction state for one alternative. */
struct scan {
	const char *p;
	size_t n, i;
	struct outbuf run;  /* the literal run being built */
	struct outbuf best; /* the longest finished run */
};

static void
end_run(struct scan *s)
{
	if (s->run.len > s->best.len) {
		outbuf_clear(&s->best);
		outbuf_append(&s->best, s->run.data, s->run.len);
	}
	outbuf_clear(&s->run);
}

/* Skip a [...] class starting at s->i; false when unterminated. */
static bool
skip_class(struct scan *s)
{
	size_t i = s->i + 1;

	if (i < s->n && s->p[i] == '^')
		i++;
	if (i < s->n && s->p[i] == ']')
		i++;
	for (; i < s->n; i++) {
		if (s->p[i] == '\\')
			i++;
		else if (s->p[i] == '[' && i + 1 < s->n && s->p[i + 1] == ':') {
			const char *end = memmem(s->p + i, s->n - i, ":]", 2);

			if (end == NULL)
				return false;
			i = (size_t)(end - s->p) + 1;
		} else if (s->p[i] == ']') {
			s->i = i + 1;
			return true;
		}
	}
	return false;
}

/* Skip a (...) group starting at s->i; false on "(?" or no match. */
static bool
skip_group(struct scan *s)
{
	int depth = 0;

	if (s->i + 1 < s->n && (s->p[s->i + 1] == '?' || s->p[s->i + 1] == '*'))
		return false;
	while (s->i < s->n) {
		char c = s->p[s->i];

		if (c == '\\') {
			s->i += 2;
			continue;
		}
		if (c == '[') {
			if (!skip_class(s))
				return false;
			continue;
		}
		if (c == '(')
			depth++;
		else if (c == ')' && --depth == 0) {
			s->i++;
			return true;
		}
		s->i++;
	}
	return false;
}

/*
 * Read a quantifier at s->i, if any: *min gets its lower bound (1 when
 * there is none).  False when the syntax is not understood.
 */
static bool
read_quantifier(struct scan *s, unsigned long *min, bool *quantified)
{
	char c = s->i < s->n ? s->p[s->i] : '\0';

	*quantified = true;
	*min = 1;
	if (c == '*' || c == '?')
		*min = 0;
	else if (c == '+')
		*min = 1;
	else if (c == '{') {
		char *end;

		if (s->i + 1 >= s->n || s->p[s->i + 1] < '0' ||
		    s->p[s->i + 1] > '9')
			return false;
		*min = strtoul(s->p + s->i + 1, &end, 10);
		while ((size_t)(end - s->p) < s->n && *end != '}')
			end++;
		if ((size_t)(end - s->p) >= s->n)
			return false;
		s->i = (size_t)(end - s->p);
	} else {
		*quantified = false;
		return true;
	}
	s->i++;
	/* Lazy or possessive forms take one more character. */
	if (s->i < s->n && (s->p[s->i] == '?' || s->p[s->i] == '+'))
		s->i++;
	return true;
}

/* The atom at s->i: its literal bytes (if it is one); false: give up. */
static bool
read_atom(struct scan *s, char *lit, size_t *lit_len)
{
	unsigned char c = (unsigned char)s->p[s->i];

	*lit_len = 0;
	if (c == '\\') {
		unsigned char d;

		if (s->i + 1 >= s->n)
			return false;
		d = (unsigned char)s->p[s->i + 1];
		s->i += 2;
		if (d < 0x80 && !((d >= 'a' && d <= 'z') ||
		    (d >= 'A' && d <= 'Z') || (d >= '0' && d <= '9'))) {
			lit[0] = (char)d;
			*lit_len = 1;
			return true;
		}
		/* \Q, \E, \g, \k and friends: too much syntax to follow. */
		if (strchr("QEgkcox", d) != NULL)
			return false;
		if ((d == 'p' || d == 'P' || d == 'N') && s->i < s->n &&
		    s->p[s->i] == '{') {
			const char *end = memchr(s->p + s->i, '}', s->n - s->i);

			if (end == NULL)
				return false;
			s->i = (size_t)(end - s->p) + 1;
		}
		return true; /* a class escape, anchor or backreference */
	}
	if (c == '[')
		return skip_class(s);
	if (c == '(')
		return skip_group(s);
	if (c == ')' || c == '*' || c == '+' || c == '?' || c == '{' ||
	    c == '|')
		return false;
	if (c == '.' || c == '^' || c == '$') {
		s->i++;
		return true;
	}
	/* A plain character: all bytes of a UTF-8 sequence together. */
	do {
		lit[(*lit_len)++] = s->p[s->i++];
	} while (s->i < s->n && *lit_len < 4 &&
	    ((unsigned char)s->p[s->i] & 0xc0) == 0x80);
	return true;
}

/* The longest literal every match of the alternative p[0, n) contains. */
static bool
alternative_literal(const char *p, size_t n, struct outbuf *out)
{
	struct scan s = {p, n, 0, OUTBUF_INIT, OUTBUF_INIT};
	bool ok = true;

	while (ok && s.i < s.n) {
		char lit[4];
		size_t lit_len;
		unsigned long min;
		bool quantified;

		ok = read_atom(&s, lit, &lit_len) &&
		    read_quantifier(&s, &min, &quantified);
		if (!ok)
			break;
		if (lit_len == 0) {
			end_run(&s);
		} else if (!quantified) {
			outbuf_append(&s.run, lit, lit_len);
		} else {
			/* A repeated character is there once, then the run ends. */
			if (min >= 1)
				outbuf_append(&s.run, lit, lit_len);
			end_run(&s);
		}
	}
	end_run(&s);
	if (ok && s.best.len >= LITERAL_MIN)
		outbuf_append(out, s.best.data, s.best.len);
	else
		ok = false;
	outbuf_free(&s.run);
	outbuf_free(&s.best);
	return ok;
}

static void
set_add(struct literal_set *ls, const char *s, size_t len)
{
	struct needle *n = realloc(ls->needles,
	    (ls->count + 1) * sizeof(*n));

	if (n == NULL)
		diag_fatal("out of memory");
	ls->needles = n;
	needle_init(&ls->needles[ls->count++], s, len);
}

/* Split p at top-level '|' and add each alternative's literal. */
static bool
add_pattern(struct literal_set *ls, const struct pattern *p)
{
	size_t start = 0;
	int depth = 0;

	for (size_t i = 0; i <= p->len; i++) {
		char c = i < p->len ? p->text[i] : '|';
		struct outbuf lit = OUTBUF_INIT;
		bool ok;

		/* A final backslash (quoted by \Q) must not skip the end. */
		if (c == '\\' && i + 1 < p->len) {
			i++;
			continue;
		}
		if (c == '[') {
			struct scan s = {p->text, p->len, i, OUTBUF_INIT,
			    OUTBUF_INIT};

			if (!skip_class(&s))
				return false;
			i = s.i - 1;
			continue;
		}
		if (c == '(')
			depth++;
		else if (c == ')')
			depth--;
		if (c != '|' || depth != 0)
			continue;
		ok = alternative_literal(p->text + start, i - start, &lit);
		if (ok)
			set_add(ls, lit.data, lit.len);
		outbuf_free(&lit);
		if (!ok || ls->count > LITERAL_MAX)
			return false;
		start = i + 1;
	}
	return true;
}

struct literal_set *
literal_extract(const struct options *opts, bool caseless)
{
	struct literal_set *ls;
	bool ok = true;

	if (caseless || opts->npatterns == 0)
		return NULL;
	ls = calloc(1, sizeof(*ls));
	if (ls == NULL)
		diag_fatal("out of memory");
	for (size_t i = 0; ok && i < opts->npatterns; i++) {
		const struct pattern *p = &opts->patterns[i];

		if (opts->fixed_strings) {
			ok = p->len >= LITERAL_MIN;
			if (ok)
				set_add(ls, p->text, p->len);
		} else {
			ok = add_pattern(ls, p);
		}
		ok = ok && ls->count <= LITERAL_MAX;
	}
	if (!ok) {
		literal_free(ls);
		return NULL;
	}
	return ls;
}

void
literal_free(struct literal_set *ls)
{
	if (ls == NULL)
		return;
	for (size_t i = 0; i < ls->count; i++)
		free(ls->needles[i].bytes);
	free(ls->needles);
	free(ls);
}

void
literal_cursor_reset(const struct literal_set *ls, struct literal_cursor *c,
    const char *buf, size_t len)
{
	if (c->nnext < ls->count) {
		size_t *next = realloc(c->next, ls->count * sizeof(*next));

		if (next == NULL)
			diag_fatal("out of memory");
		c->next = next;
		c->nnext = ls->count;
	}
	c->buf = buf;
	c->len = len;
	/* Nothing found yet: every literal must be searched for. */
	for (size_t i = 0; i < ls->count; i++)
		c->next[i] = SIZE_MAX;
}

void
literal_cursor_free(struct literal_cursor *c)
{
	free(c->next);
	c->next = NULL;
	c->nnext = 0;
}

size_t
literal_next(const struct literal_set *ls, struct literal_cursor *c,
    size_t from)
{
	size_t best = c->len;

	for (size_t i = 0; i < ls->count; i++) {
		if (c->next[i] == SIZE_MAX || (c->next[i] < from &&
		    c->next[i] != c->len))
			c->next[i] = needle_find(&ls->needles[i], c->buf,
			    c->len, from);
		if (c->next[i] < best)
			best = c->next[i];
	}
	return best;
}
