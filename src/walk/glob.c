/*
 * glob.c - shell and gitignore globs, compiled to tokens and matched by
 * following every pattern position at once.
 *
 * Why a set of positions and not backtracking: with both '*' (stops at
 * '/') and '**' (crosses it) the classic "back up to the last star" trick
 * is no longer exact, and plain backtracking is exponential on patterns
 * like *a*a*a*a*b.  Keeping the set of token positions reachable after each
 * character of the text costs O(text * tokens) at worst, whatever the
 * pattern.  The common shapes (a plain name, '*' then a literal suffix)
 * skip the simulation altogether.
 *
 * Characters are UTF-8 code points, so '?' and classes take one whole
 * character; a byte that is not part of valid UTF-8 stands for itself.
 * With GLOB_BYTES every byte is a character, as in git's wildmatch:
 * ignore files use that, so that they mean what they mean to git.
 * The boundary: this file knows glob syntax only.  Which string a rule is
 * matched against (a base name, a path below a directory) is the caller's
 * business (ignore.c, filter.c, filetype.c).
 */
#include "walk/glob.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"

enum glob_op {
	GLOB_OP_CHAR,     /* one given character */
	GLOB_OP_ANY,      /* '?': any character but '/' */
	GLOB_OP_CLASS,    /* '[...]': one character of a class, never '/' */
	GLOB_OP_STAR,     /* '*': any run without '/' */
	GLOB_OP_GLOBSTAR, /* a whole-component "**" at the end: anything */
	GLOB_OP_DIRS,     /* "**" then '/': nothing, or a run ending in '/' */
	GLOB_OP_DIRS_IN,  /* always after DIRS: inside such a run */
};

/* Code points above Unicode stand for bytes that are not valid UTF-8. */
enum { GLOB_RAW_BYTE = 0x110000 };

/* The POSIX classes git knows, as bits. */
enum {
	GLOB_CC_ALNUM = 1 << 0,
	GLOB_CC_ALPHA = 1 << 1,
	GLOB_CC_BLANK = 1 << 2,
	GLOB_CC_CNTRL = 1 << 3,
	GLOB_CC_DIGIT = 1 << 4,
	GLOB_CC_GRAPH = 1 << 5,
	GLOB_CC_LOWER = 1 << 6,
	GLOB_CC_PRINT = 1 << 7,
	GLOB_CC_PUNCT = 1 << 8,
	GLOB_CC_SPACE = 1 << 9,
	GLOB_CC_UPPER = 1 << 10,
	GLOB_CC_XDIGIT = 1 << 11,
};

static const struct {
	const char *name;
	unsigned bit;
} glob_cc_names[] = {
	{ "alnum", GLOB_CC_ALNUM }, { "alpha", GLOB_CC_ALPHA },
	{ "blank", GLOB_CC_BLANK }, { "cntrl", GLOB_CC_CNTRL },
	{ "digit", GLOB_CC_DIGIT }, { "graph", GLOB_CC_GRAPH },
	{ "lower", GLOB_CC_LOWER }, { "print", GLOB_CC_PRINT },
	{ "punct", GLOB_CC_PUNCT }, { "space", GLOB_CC_SPACE },
	{ "upper", GLOB_CC_UPPER }, { "xdigit", GLOB_CC_XDIGIT },
};

struct glob_tok {
	enum glob_op op;
	uint32_t arg; /* the character, or the class's index */
};

struct glob_class {
	bool negated;
	unsigned posix;     /* GLOB_CC_* bits */
	size_t first, count; /* its ranges in glob->ranges */
};

/* How glob_match may skip the simulation. */
enum glob_shape {
	GLOB_SHAPE_GENERAL,
	GLOB_SHAPE_LITERAL, /* the whole text equals lit */
	GLOB_SHAPE_SUFFIX,  /* '*' then lit, lit without '/' */
};

struct glob {
	unsigned flags;
	enum glob_shape shape;
	struct glob_tok *toks;
	size_t ntoks;
	struct glob_class *classes;
	size_t nclasses;
	uint32_t (*ranges)[2];
	size_t nranges;
	char *lit; /* the bytes of all GLOB_OP_CHAR tokens, in order */
	size_t lit_len;
	/*
	 * For GENERAL: the runs of GLOB_OP_CHAR tokens that open and close
	 * the pattern, in tokens and in bytes (the start and end of lit).
	 * They are compared as bytes; the simulation covers the rest.
	 */
	size_t head_toks, head_len, tail_toks, tail_len;
};

/* Positions tracked without allocating: patterns up to 511 tokens. */
enum { GLOB_STACK_WORDS = 8 };

/*
 * Decode one character of s[0, len), len > 0: its code point, and its
 * length in *n.  Overlong forms, surrogates and stray bytes are taken one
 * byte at a time, as GLOB_RAW_BYTE + byte.  With bytes set, every byte is
 * a character of its own, its value the byte's.
 */
static uint32_t
glob_decode(const char *str, size_t len, size_t *n, bool bytes)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c = s[0];
	size_t need;
	uint32_t min;

	*n = 1;
	if (c < 0x80 || bytes)
		return c;
	if (c >= 0xc2 && c <= 0xdf) {
		need = 1, min = 0x80, c &= 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 2, min = 0x800, c &= 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 3, min = 0x10000, c &= 0x07;
	} else {
		return GLOB_RAW_BYTE + s[0];
	}
	if (len <= need)
		return GLOB_RAW_BYTE + s[0];
	for (size_t i = 1; i <= need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return GLOB_RAW_BYTE + s[0];
		c = c << 6 | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return GLOB_RAW_BYTE + s[0];
	*n = need + 1;
	return c;
}

static uint32_t
glob_fold(uint32_t c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static bool
glob_posix_has(unsigned posix, uint32_t c, bool casefold)
{
	bool upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z';
	bool digit = c >= '0' && c <= '9';

	if (c >= 0x80)
		return false; /* as git: the classes are ASCII */
	if (casefold && (upper || lower) &&
	    (posix & (GLOB_CC_UPPER | GLOB_CC_LOWER)) != 0)
		return true;
	return ((posix & GLOB_CC_ALNUM) && (upper || lower || digit)) ||
	    ((posix & GLOB_CC_ALPHA) && (upper || lower)) ||
	    ((posix & GLOB_CC_BLANK) && (c == ' ' || c == '\t')) ||
	    ((posix & GLOB_CC_CNTRL) && (c < 0x20 || c == 0x7f)) ||
	    ((posix & GLOB_CC_DIGIT) && digit) ||
	    ((posix & GLOB_CC_GRAPH) && c > 0x20 && c < 0x7f) ||
	    ((posix & GLOB_CC_LOWER) && lower) ||
	    ((posix & GLOB_CC_PRINT) && c >= 0x20 && c < 0x7f) ||
	    ((posix & GLOB_CC_PUNCT) && c > 0x20 && c < 0x7f && !upper &&
	    !lower && !digit) ||
	    ((posix & GLOB_CC_SPACE) && (c == ' ' || (c >= '\t' &&
	    c <= '\r'))) ||
	    ((posix & GLOB_CC_UPPER) && upper) ||
	    ((posix & GLOB_CC_XDIGIT) && (digit || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F')));
}

/* The bit of the POSIX class name[0, len), or 0 when there is none. */
static unsigned
glob_posix_lookup(const char *name, size_t len)
{
	for (size_t c = 0; c < sizeof(glob_cc_names) /
	    sizeof(glob_cc_names[0]); c++)
		if (strlen(glob_cc_names[c].name) == len &&
		    memcmp(glob_cc_names[c].name, name, len) == 0)
			return glob_cc_names[c].bit;
	return 0;
}

static bool
glob_class_has(const struct glob *g, const struct glob_class *k, uint32_t c)
{
	bool casefold = (g->flags & GLOB_CASEFOLD) != 0;
	bool in = false;

	if (c == '/')
		return false; /* not even a negated class crosses '/' */
	for (size_t i = k->first; i < k->first + k->count && !in; i++) {
		uint32_t lo = g->ranges[i][0], hi = g->ranges[i][1];

		in = c >= lo && c <= hi;
		if (!in && casefold && c < 0x80) {
			/* Try the other case of a letter. */
			uint32_t other = glob_fold(c) != c ? glob_fold(c) :
			    (c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c);

			in = other >= lo && other <= hi;
		}
	}
	if (!in && k->posix != 0)
		in = glob_posix_has(k->posix, c, casefold);
	return in != k->negated;
}

/* Growable arrays for the compiler. */
struct glob_builder {
	struct glob *g;
	size_t tok_cap, class_cap, range_cap, lit_cap;
	bool raw;   /* the pattern holds bytes that are not UTF-8 */
};

static void
glob_grow(void **array, size_t *cap, size_t used, size_t size)
{
	size_t want = *cap == 0 ? 8 : *cap * 2;

	if (used < *cap)
		return;
	*array = xreallocarray(*array, want, size);
	*cap = want;
}

static void
glob_add_tok(struct glob_builder *b, enum glob_op op, uint32_t arg)
{
	struct glob *g = b->g;

	glob_grow((void **)&g->toks, &b->tok_cap, g->ntoks,
	    sizeof(*g->toks));
	g->toks[g->ntoks].op = op;
	g->toks[g->ntoks].arg = arg;
	g->ntoks++;
}

static void
glob_add_range(struct glob_builder *b, uint32_t lo, uint32_t hi)
{
	struct glob *g = b->g;

	glob_grow((void **)&g->ranges, &b->range_cap, g->nranges,
	    sizeof(*g->ranges));
	g->ranges[g->nranges][0] = lo;
	g->ranges[g->nranges][1] = hi;
	g->nranges++;
}

/* A literal character: a token, and its bytes for the fast paths. */
static void
glob_add_char(struct glob_builder *b, const char *bytes, size_t n, uint32_t c)
{
	struct glob *g = b->g;

	if (c >= GLOB_RAW_BYTE)
		b->raw = true;
	glob_add_tok(b, GLOB_OP_CHAR, c);
	while (g->lit_len + n > b->lit_cap)
		glob_grow((void **)&g->lit, &b->lit_cap, b->lit_cap, 1);
	memcpy(g->lit + g->lit_len, bytes, n);
	g->lit_len += n;
}

/*
 * One member of a class at p[*i] (a character, maybe escaped); false when
 * the pattern ends inside it.
 */
static bool
glob_class_char(const char *p, size_t len, size_t *i, uint32_t *c,
    bool bytes)
{
	size_t n;

	if (p[*i] == '\\')
		(*i)++;
	if (*i >= len)
		return false;
	*c = glob_decode(p + *i, len - *i, &n, bytes);
	*i += n;
	return true;
}

/*
 * Compile the class that opens at p[*i] == '['; *i ends after its ']'.
 * The members follow git's wildmatch: a ']' first is literal, "a-z" is a
 * range unless the '-' comes last, "[:name:]" is a POSIX class, and a
 * "[:" without a closing ":]" leaves the '[' literal.
 */
static const char *
glob_compile_class(struct glob_builder *b, const char *p, size_t len,
    size_t *i)
{
	struct glob *g = b->g;
	struct glob_class k = { false, 0, g->nranges, 0 };
	bool bytes = (g->flags & GLOB_BYTES) != 0;
	size_t at = *i + 1;
	bool first = true;

	if (at < len && (p[at] == '!' || p[at] == '^')) {
		k.negated = true;
		at++;
	}
	for (;;) {
		uint32_t lo, hi;

		if (at >= len)
			return "unclosed '[' in glob";
		if (p[at] == ']' && !first) {
			at++;
			break;
		}
		first = false;
		if (p[at] == '[' && at + 1 < len && p[at + 1] == ':') {
			const char *name = p + at + 2;
			const char *close = memchr(name, ']',
			    len - (size_t)(name - p));
			unsigned bit;

			if (close == NULL)
				return "unclosed '[' in glob";
			if (close > name && close[-1] == ':') {
				bit = glob_posix_lookup(name,
				    (size_t)(close - 1 - name));
				if (bit == 0)
					return "unknown class name in glob";
				k.posix |= bit;
				at = (size_t)(close - p) + 1;
				continue;
			}
			/* No ":]": the '[' is an ordinary member. */
			glob_add_range(b, '[', '[');
			at++;
			continue;
		}
		if (!glob_class_char(p, len, &at, &lo, bytes))
			return "unclosed '[' in glob";
		hi = lo;
		if (at + 1 < len && p[at] == '-' && p[at + 1] != ']') {
			at++;
			if (!glob_class_char(p, len, &at, &hi,
			    bytes))
				return "unclosed '[' in glob";
		}
		if (lo >= GLOB_RAW_BYTE || hi >= GLOB_RAW_BYTE)
			b->raw = true;
		glob_add_range(b, lo, hi);
	}
	k.count = g->nranges - k.first;
	glob_grow((void **)&g->classes, &b->class_cap, g->nclasses,
	    sizeof(*g->classes));
	g->classes[g->nclasses] = k;
	glob_add_tok(b, GLOB_OP_CLASS, (uint32_t)g->nclasses);
	g->nclasses++;
	*i = at;
	return NULL;
}

/*
 * A run of stars at p[*i].  Two or more that fill a whole path component
 * (after the start or a '/', before the end or a '/') are git's "**";
 * anything else is one '*'.
 */
static void
glob_compile_stars(struct glob_builder *b, const char *p, size_t len,
    size_t *i)
{
	struct glob *g = b->g;
	size_t start = *i, end = *i;
	bool component_start = start == 0 || p[start - 1] == '/';

	while (end < len && p[end] == '*')
		end++;
	*i = end;
	if (end - start >= 2 && component_start) {
		if (end == len) {
			glob_add_tok(b, GLOB_OP_GLOBSTAR, 0);
			return;
		}
		if (p[end] == '/' || (p[end] == '\\' && end + 1 < len &&
		    p[end + 1] == '/')) {
			/*
			 * Two positions: before the run (which may skip it)
			 * and inside it (which must reach a '/').
			 */
			glob_add_tok(b, GLOB_OP_DIRS, 0);
			glob_add_tok(b, GLOB_OP_DIRS_IN, 0);
			*i = end + (p[end] == '/' ? 1 : 2);
			return;
		}
	}
	/* "**" and "*" in a row add nothing to a '*' already there. */
	if (g->ntoks > 0 && g->toks[g->ntoks - 1].op == GLOB_OP_STAR)
		return;
	glob_add_tok(b, GLOB_OP_STAR, 0);
}

/* The length of the character c in the text: UTF-8's, or one byte. */
static size_t
glob_char_len(const struct glob *g, uint32_t c)
{
	if (g->flags & GLOB_BYTES)
		return 1;
	return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

/* Pick a fast path when the tokens allow one. */
static void
glob_pick_shape(struct glob *g, bool raw)
{
	size_t chars = 0;

	g->shape = GLOB_SHAPE_GENERAL;
	if (raw)
		return; /* bytes compare differently from decoded text */
	for (size_t t = 0; t < g->ntoks; t++)
		chars += g->toks[t].op == GLOB_OP_CHAR;
	if (chars == g->ntoks) {
		g->shape = GLOB_SHAPE_LITERAL;
		return;
	}
	if (chars + 1 == g->ntoks && g->toks[0].op == GLOB_OP_STAR &&
	    (g->lit_len == 0 || memchr(g->lit, '/', g->lit_len) == NULL)) {
		g->shape = GLOB_SHAPE_SUFFIX;
		return;
	}
	/*
	 * Text that starts with the head's bytes decodes to the head's
	 * characters (a character's first byte is never a continuation
	 * byte, so nothing before it can take it), and likewise at the end.
	 */
	while (g->toks[g->head_toks].op == GLOB_OP_CHAR)
		g->head_len += glob_char_len(g, g->toks[g->head_toks++].arg);
	while (g->toks[g->ntoks - 1 - g->tail_toks].op == GLOB_OP_CHAR)
		g->tail_len += glob_char_len(g,
		    g->toks[g->ntoks - 1 - g->tail_toks++].arg);
}

struct glob *
glob_compile(const char *pattern, size_t len, unsigned flags,
    const char **err)
{
	struct glob_builder b = { 0 };
	const char *why = NULL;
	size_t i = 0;

	b.g = xcalloc(1, sizeof(*b.g));
	b.g->flags = flags;
	while (i < len && why == NULL) {
		size_t n;
		uint32_t c;

		switch (pattern[i]) {
		case '*':
			glob_compile_stars(&b, pattern, len, &i);
			break;
		case '?':
			glob_add_tok(&b, GLOB_OP_ANY, 0);
			i++;
			break;
		case '[':
			why = glob_compile_class(&b, pattern, len, &i);
			break;
		case '\\':
			if (++i == len) {
				why = "trailing '\\' in glob";
				break;
			}
			/* FALLTHROUGH */
		default:
			c = glob_decode(pattern + i, len - i, &n,
			    (flags & GLOB_BYTES) != 0);
			glob_add_char(&b, pattern + i, n, c);
			i += n;
			break;
		}
	}
	if (why != NULL) {
		glob_free(b.g);
		*err = why;
		return NULL;
	}
	glob_pick_shape(b.g, b.raw);
	return b.g;
}

/* Do a[0, n) and b[0, n) hold the same bytes, ASCII case aside? */
static bool
glob_equal(const char *a, const char *b, size_t n, bool casefold)
{
	if (!casefold)
		return n == 0 || memcmp(a, b, n) == 0; /* a may be NULL */
	for (size_t i = 0; i < n; i++)
		if (glob_fold((unsigned char)a[i]) !=
		    glob_fold((unsigned char)b[i]))
			return false;
	return true;
}

/*
 * The tokens that the simulation follows: a slice of the pattern's, with
 * position ntoks meaning "all of the slice matched".
 */
struct glob_run {
	const struct glob *g;
	const struct glob_tok *toks;
	size_t ntoks;
	bool casefold;
	bool bytes;
};

/* Add position t to set, with the positions a star lets it skip to. */
static void
glob_set_add(uint64_t *set, const struct glob_run *r, size_t t)
{
	for (;;) {
		uint64_t bit = UINT64_C(1) << (t % 64);

		if (set[t / 64] & bit)
			return;
		set[t / 64] |= bit;
		if (t == r->ntoks)
			return;
		/* Every kind of star may match nothing. */
		if (r->toks[t].op == GLOB_OP_STAR ||
		    r->toks[t].op == GLOB_OP_GLOBSTAR)
			t++;
		else if (r->toks[t].op == GLOB_OP_DIRS)
			t += 2;
		else
			return;
	}
}

/* Follow token t over the character c (fc when folded) into next. */
static void
glob_step(const struct glob_run *r, size_t t, uint32_t c, uint32_t fc,
    uint64_t *next)
{
	const struct glob_tok *k = &r->toks[t];

	switch (k->op) {
	case GLOB_OP_CHAR:
		if (fc == (r->casefold ? glob_fold(k->arg) : k->arg))
			glob_set_add(next, r, t + 1);
		break;
	case GLOB_OP_ANY:
		if (c != '/')
			glob_set_add(next, r, t + 1);
		break;
	case GLOB_OP_CLASS:
		if (glob_class_has(r->g, &r->g->classes[k->arg], c))
			glob_set_add(next, r, t + 1);
		break;
	case GLOB_OP_STAR:
		if (c != '/')
			glob_set_add(next, r, t);
		break;
	case GLOB_OP_GLOBSTAR:
		glob_set_add(next, r, t);
		break;
	case GLOB_OP_DIRS:
		glob_set_add(next, r, t + 1);
		if (c == '/')
			glob_set_add(next, r, t + 2);
		break;
	case GLOB_OP_DIRS_IN:
		glob_set_add(next, r, t);
		if (c == '/')
			glob_set_add(next, r, t + 1);
		break;
	}
}

/*
 * Does all of s[0, len) match the run's tokens?  cur and next hold one
 * bit per position.
 */
static bool
glob_simulate(const struct glob_run *r, const char *s, size_t len,
    uint64_t *cur, uint64_t *next, size_t words)
{
	size_t i = 0;

	memset(cur, 0, words * sizeof(*cur));
	glob_set_add(cur, r, 0);
	while (i < len) {
		size_t n;
		uint32_t c = glob_decode(s + i, len - i, &n, r->bytes);
		uint32_t fc = r->casefold ? glob_fold(c) : c;
		uint64_t alive = 0, *swap;

		memset(next, 0, words * sizeof(*next));
		for (size_t w = 0; w < words; w++) {
			for (uint64_t bits = cur[w]; bits != 0;
			    bits &= bits - 1) {
				size_t t = w * 64 +
				    (size_t)__builtin_ctzll(bits);

				/* The end position has nothing to follow. */
				if (t < r->ntoks)
					glob_step(r, t, c, fc, next);
			}
		}
		for (size_t w = 0; w < words; w++)
			alive |= next[w];
		if (alive == 0)
			return false;
		swap = cur, cur = next, next = swap;
		i += n;
	}
	return (cur[r->ntoks / 64] >> (r->ntoks % 64) & 1) != 0;
}

bool
glob_match(const struct glob *g, const char *s, size_t len)
{
	bool casefold = (g->flags & GLOB_CASEFOLD) != 0;
	uint64_t stack[2 * GLOB_STACK_WORDS];
	uint64_t *sets = stack;
	struct glob_run r;
	size_t words;
	bool hit;

	switch (g->shape) {
	case GLOB_SHAPE_LITERAL:
		return len == g->lit_len &&
		    glob_equal(s, g->lit, len, casefold);
	case GLOB_SHAPE_SUFFIX:
		return len >= g->lit_len &&
		    glob_equal(s + len - g->lit_len, g->lit, g->lit_len,
		    casefold) && (len == g->lit_len ||
		    memchr(s, '/', len - g->lit_len) == NULL);
	case GLOB_SHAPE_GENERAL:
		break;
	}
	/* Most texts fail on the literal head or tail, without a run. */
	if (len < g->head_len + g->tail_len ||
	    !glob_equal(s, g->lit, g->head_len, casefold) ||
	    (g->tail_len > 0 && !glob_equal(s + len - g->tail_len,
	    g->lit + g->lit_len - g->tail_len, g->tail_len, casefold)))
		return false;
	r.g = g;
	r.toks = g->toks + g->head_toks;
	r.ntoks = g->ntoks - g->head_toks - g->tail_toks;
	r.casefold = casefold;
	r.bytes = (g->flags & GLOB_BYTES) != 0;
	words = r.ntoks / 64 + 1;
	if (words > GLOB_STACK_WORDS) {
		/* Only patterns of hundreds of tokens get here. */
		sets = xreallocarray(NULL, 2 * words, sizeof(*sets));
	}
	hit = glob_simulate(&r, s + g->head_len,
	    len - g->head_len - g->tail_len, sets, sets + words, words);
	if (sets != stack)
		free(sets);
	return hit;
}

void
glob_free(struct glob *g)
{
	if (g == NULL)
		return;
	free(g->toks);
	free(g->classes);
	free(g->ranges);
	free(g->lit);
	free(g);
}
