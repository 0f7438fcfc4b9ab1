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
 * does not fully understand -- "(?" constructs, \Q -- means no prefilter,
 * never a wrong one.
 *
 * Caseless matching (PCRE2_CASELESS with UTF and UCP) lets an ASCII letter
 * match its other case, and two of them more: k and K also match U+212A
 * KELVIN SIGN, s and S also U+017F LONG S (checked against PCRE2 10.42 for
 * every ASCII character; no other one has a partner outside ASCII).  Non-ASCII
 * characters have partners of other lengths or in ASCII.  So a caseless run
 * ends at k, s and any non-ASCII character, like at a character class: what
 * remains matches exactly its ASCII case variants, which the scanner
 * compares caselessly.
 *
 * litscan.c does the finding: one pass over the buffer for all strings.
 */
#include "match/literal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/outbuf.h"
#include "base/xmalloc.h"
#include "match/litscan.h"

enum {
	LITERAL_MIN = 2,  /* shorter ones do not pay for themselves */
	LITERAL_MAX = 64, /* more alternatives: leave it to the regex engines */
	/*
	 * Beyond this many strings, each needs LITERAL_MIN_MANY bytes: sets of
	 * many short strings blur litscan's fingerprint and hit nearly every
	 * line (the DFA does better there).
	 */
	LITERAL_MANY = 16,
	LITERAL_MIN_MANY = 3,
};

struct literal_set {
	struct litscan *scan;
	bool exact; /* every string is a whole alternative: see literal.h */
};

/* The strings being extracted, before they become a scanner. */
struct literal_list {
	char **strs;
	size_t *lens;
	size_t count;
	bool all_whole; /* every string is its whole alternative */
};

/* Extraction state for one alternative. */
struct scan {
	const char *p;
	size_t n, i;
	struct outbuf run;  /* the literal run being built */
	struct outbuf best; /* the longest finished run */
};

/* How a caseless run treats letters (see the top of this file). */
enum fold {
	FOLD_NONE,    /* case-sensitive */
	FOLD_ASCII,   /* a run ends at k, s and non-ASCII */
	FOLD_KEEP_KS, /* only at non-ASCII: the caller finds U+212A, U+017F */
};

static bool
strpbrk_n(const char *s, size_t len, const char *set)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != '\0' && strchr(set, s[i]) != NULL)
			return true;
	return false;
}

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
		} else if (d == 'p' || d == 'P') {
			/* \pL: a one-letter property name is part of it. */
			if (s->i >= s->n)
				return false;
			s->i++;
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

/*
 * May the character lit[0, len) stand for itself in a caseless run?  Only
 * ASCII other than k and s: those, and non-ASCII characters, may match
 * text of another length.
 */
static bool
caseless_exact(const char *lit, size_t len, enum fold fold)
{
	unsigned char c = (unsigned char)lit[0];

	return len == 1 && c < 0x80 &&
	    (fold == FOLD_KEEP_KS || strchr("kKsS", c) == NULL);
}

/*
 * The longest literal every match of the alternative p[0, n) contains;
 * *whole: it is the entire alternative.
 */
static bool
alternative_literal(const char *p, size_t n, enum fold caseless,
    struct outbuf *out, bool *whole)
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
		if (caseless && lit_len > 0 &&
		    !caseless_exact(lit, lit_len, caseless))
			lit_len = 0;
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
	*whole = s.best.len == n;
	if (ok && s.best.len >= LITERAL_MIN)
		outbuf_append(out, s.best.data, s.best.len);
	else
		ok = false;
	outbuf_free(&s.run);
	outbuf_free(&s.best);
	return ok;
}

static void
list_add(struct literal_list *l, const char *s, size_t len, bool whole)
{
	char **strs = xrealloc(l->strs, (l->count + 1) * sizeof(*strs));
	size_t *lens;

	l->strs = strs;
	lens = xrealloc(l->lens, (l->count + 1) * sizeof(*lens));
	l->lens = lens;
	l->strs[l->count] = xmalloc(len);
	memcpy(l->strs[l->count], s, len);
	l->lens[l->count++] = len;
	l->all_whole = l->all_whole && whole;
}

static void
list_free(struct literal_list *l)
{
	for (size_t i = 0; i < l->count; i++)
		free(l->strs[i]);
	free(l->strs);
	free(l->lens);
}

/* A -F string: all of it, or (caseless) its longest exact run. */
static bool
add_fixed(struct literal_list *l, const struct pattern *p,
    enum fold caseless)
{
	size_t best = 0, best_len = 0, start = 0;

	if (!caseless) {
		if (p->len < LITERAL_MIN)
			return false;
		list_add(l, p->text, p->len, true);
		return true;
	}
	for (size_t i = 0; i <= p->len; i++) {
		if (i < p->len && caseless_exact(p->text + i, 1, caseless))
			continue;
		if (i - start > best_len) {
			best = start;
			best_len = i - start;
		}
		start = i + 1;
	}
	if (best_len < LITERAL_MIN)
		return false;
	list_add(l, p->text + best, best_len, best_len == p->len);
	return true;
}

/* Split p at top-level '|' and add each alternative's literal. */
static bool
add_pattern(struct literal_list *l, const struct pattern *p,
    enum fold caseless)
{
	size_t start = 0;
	int depth = 0;

	for (size_t i = 0; i <= p->len; i++) {
		char c = i < p->len ? p->text[i] : '|';
		struct outbuf lit = OUTBUF_INIT;
		bool ok, whole;

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
		ok = alternative_literal(p->text + start, i - start, caseless,
		    &lit, &whole);
		if (ok)
			list_add(l, lit.data, lit.len, whole);
		outbuf_free(&lit);
		if (!ok || l->count > LITERAL_MAX)
			return false;
		start = i + 1;
	}
	/* Unbalanced (a parenthesis in \Q...): the last part was not read. */
	return depth == 0;
}

struct literal_set *
literal_extract(const struct match_config *mc, bool caseless)
{
	struct literal_list l = {NULL, NULL, 0, true};
	struct literal_set *ls = NULL;
	bool ok = mc->npatterns > 0;

	for (size_t i = 0; ok && i < mc->npatterns; i++) {
		const struct pattern *p = &mc->patterns[i];

		if (mc->fixed_strings)
			ok = add_fixed(&l, p, caseless ? FOLD_ASCII : FOLD_NONE);
		else
			ok = add_pattern(&l, p, caseless ? FOLD_ASCII :
			    FOLD_NONE);
		ok = ok && l.count <= LITERAL_MAX;
	}
	for (size_t i = 0; ok && l.count > LITERAL_MANY && i < l.count; i++)
		ok = l.lens[i] >= LITERAL_MIN_MANY;
	if (ok) {
		ls = xcalloc(1, sizeof(*ls));
		ls->exact = l.all_whole;
		ls->scan = litscan_new((const char *const *)l.strs, l.lens,
		    l.count, caseless);
	}
	list_free(&l);
	return ls;
}

bool
literal_required(const struct pattern *p, bool fixed, bool caseless,
    struct literal_strings *out)
{
	struct literal_list l = {NULL, NULL, 0, true};
	enum fold fold = caseless ? FOLD_KEEP_KS : FOLD_NONE;
	bool ok;

	memset(out, 0, sizeof(*out));
	if (fixed && !caseless && p->len > 0) {
		list_add(&l, p->text, p->len, true);
		ok = true;
	} else {
		ok = p->len > 0 && (fixed ? add_fixed(&l, p, fold) :
		    add_pattern(&l, p, fold)) && l.count > 0;
	}
	if (!ok) {
		list_free(&l);
		return false;
	}
	out->strs = l.strs;
	out->lens = l.lens;
	out->count = l.count;
	out->exact = l.all_whole;
	for (size_t i = 0; caseless && i < l.count; i++)
		if (strpbrk_n(l.strs[i], l.lens[i], "kKsS"))
			out->kelvin = true;
	/* A k or s may be U+212A or U+017F in the text: only a candidate. */
	out->exact = out->exact && !out->kelvin;
	return true;
}

void
literal_strings_free(struct literal_strings *ls)
{
	struct literal_list l = {ls->strs, ls->lens, ls->count, ls->exact};

	list_free(&l);
	memset(ls, 0, sizeof(*ls));
}

bool
literal_set_exact(const struct literal_set *ls)
{
	return ls->exact;
}

void
literal_free(struct literal_set *ls)
{
	if (ls == NULL)
		return;
	litscan_free(ls->scan);
	free(ls);
}

void
literal_cursor_reset(const struct literal_set *ls, struct literal_cursor *c,
    const char *buf, size_t len)
{
	(void)ls;
	c->buf = buf;
	c->len = len;
	c->from = 0;
	c->hit = SIZE_MAX; /* nothing searched yet */
}

void
literal_cursor_free(struct literal_cursor *c)
{
	c->hit = SIZE_MAX;
}

size_t
literal_next(const struct literal_set *ls, struct literal_cursor *c,
    size_t from)
{
	/* The last hit is still the first at or after from? */
	if (c->hit == SIZE_MAX || from < c->from || c->hit < from) {
		c->from = from;
		c->hit = litscan_find(ls->scan, c->buf, c->len, from);
	}
	return c->hit;
}
