/*
 * posix_syntax.c - GNU grep's BRE and ERE, translated to PCRE2.
 *
 * isogrep has one regex engine, PCRE2; -G and -E patterns are rewritten
 * into PCRE2 patterns that select the same lines, so the literal
 * prefilter, the DFA and the JIT serve every syntax alike.  The rewrite is
 * a one-pass parser that follows what GNU grep 3.8 (its dfa.c, and glibc's
 * regex where grep defers to it) does with each construct, including the
 * corners POSIX leaves open:
 *
 *   - BRE: \( \) \{ \} \| \+ \? are operators and ( ) { } | + ? literals;
 *     ^ is an anchor only first in the pattern, a group or an alternative,
 *     $ only last; a quantifier with nothing before it is a literal.
 *   - ERE: a quantifier with nothing before it quantifies the empty string
 *     (so it vanishes); an unmatched ')' is a literal; a '{' that does not
 *     start a valid interval is a literal; {,n} means {0,n}.
 *   - Both: back-references \1-\9 to a closed group, the GNU escapes \w \W
 *     \s \S \b \B \< \> \` \', bracket expressions with POSIX classes,
 *     [=c=] and [.c.], where a backslash is an ordinary character.
 *
 * Nothing here knows about files, lines or the matcher's wrappers: it maps
 * one pattern's text to another, which is why it is its own module (and
 * unit-testable without compiling anything).  Leftmost-longest matching,
 * which POSIX requires and PCRE2 does not do, is the matcher's business.
 */
#include "match/posix_syntax.h"

#include <stdio.h>
#include <string.h>

enum {
	DUP_MAX = 0x7fff,     /* RE_DUP_MAX: glibc's largest repeat count */
	MAX_NESTING = 2000,   /* groups deeper than this are refused */
};

/* What the last item written was, for the quantifier after it. */
enum item {
	ITEM_NONE,        /* nothing since the start, '(' or '|' */
	ITEM_ATOM,        /* a character, class, group or back-reference */
	ITEM_LINE_ANCHOR, /* ^ $ \` \' */
	ITEM_WORD_ANCHOR, /* \< \> \b \B */
	ITEM_EMPTY,       /* ERE: a quantifier applied to nothing */
};

struct xlat {
	const char *p, *end;
	bool ere;
	bool caseless;
	struct outbuf *out;
	char *err;
	bool failed;

	bool laststart;    /* only zero-width items since '(' '|' or start */
	bool after_open;   /* the last token was the start, '(' or '|' */
	enum item item;
	size_t item_start; /* where the last item begins in out */
	bool item_quantified;
	unsigned ngroups;  /* groups opened so far */
	unsigned closed;   /* bit n: group n (1-9) is closed */
	unsigned depth;
};

static bool
fail(struct xlat *x, const char *msg)
{
	if (!x->failed)
		snprintf(x->err, POSIX_SYNTAX_ERR_SIZE, "%s", msg);
	x->failed = true;
	return false;
}

/* Bytes in the UTF-8 character at p (1 for an invalid byte). */
static size_t
char_len(const char *p, const char *end)
{
	unsigned char c = (unsigned char)*p;
	size_t n = c < 0x80 ? 1 : c >= 0xf0 && c < 0xf5 ? 4 :
	    c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 1;

	if (n > (size_t)(end - p))
		return 1;
	for (size_t i = 1; i < n; i++)
		if (((unsigned char)p[i] & 0xc0) != 0x80)
			return 1;
	return n;
}

/* The code point of the character c[0, n), or its byte when invalid. */
static unsigned long
code_point(const char *c, size_t n)
{
	unsigned long cp = (unsigned char)c[0];

	if (n == 1)
		return cp;
	cp &= 0x7f >> n;
	for (size_t i = 1; i < n; i++)
		cp = cp << 6 | ((unsigned char)c[i] & 0x3f);
	return cp;
}

static bool
is_ascii_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

/*
 * One character as a PCRE2 literal, in or out of a class: ASCII
 * punctuation and space behind a backslash (always literal in PCRE2),
 * controls as \x{..}, letters, digits and other bytes as they are.
 */
static void
put_char(struct outbuf *out, const char *c, size_t n)
{
	unsigned char b = (unsigned char)c[0];
	char hex[16];

	if (n > 1 || b >= 0x80 || is_ascii_alnum(b)) {
		outbuf_append(out, c, n);
	} else if (b < 0x20 || b == 0x7f) {
		snprintf(hex, sizeof(hex), "\\x{%x}", b);
		outbuf_puts(out, hex);
	} else {
		outbuf_putc(out, '\\');
		outbuf_putc(out, (char)b);
	}
}

static void
begin_item(struct xlat *x, enum item kind)
{
	x->item = kind;
	x->item_start = x->out->len;
	x->item_quantified = false;
	x->after_open = false;
	if (kind == ITEM_ATOM)
		x->laststart = false;
}

static void
literal(struct xlat *x, const char *c, size_t n)
{
	begin_item(x, ITEM_ATOM);
	put_char(x->out, c, n);
}

/* Wrap out[item_start, len) in "(?:" ")". */
static void
wrap_item(struct xlat *x)
{
	struct outbuf *out = x->out;
	size_t n = out->len - x->item_start;

	outbuf_reserve(out, 4);
	memmove(out->data + x->item_start + 3, out->data + x->item_start, n);
	memcpy(out->data + x->item_start, "(?:", 3);
	out->len += 3;
	outbuf_putc(out, ')');
}

/*
 * A quantifier q (PCRE2 text) was read; lit[0, litn) is how it reads as
 * a literal in the places where BRE takes it as one.
 */
static void
quantify(struct xlat *x, const char *q, const char *lit, size_t litn)
{
	/* After \< \> \b \B: a literal in BRE, dropped in ERE (glibc). */
	if (x->item == ITEM_WORD_ANCHOR || (x->laststart &&
	    x->item != ITEM_LINE_ANCHOR)) {
		if (!x->ere) {
			literal(x, lit, litn);
		} else if (x->item != ITEM_WORD_ANCHOR) {
			x->item = ITEM_EMPTY;
		}
		return;
	}
	if (x->laststart && !x->ere) {
		/* BRE "^*": the star is a literal. */
		literal(x, lit, litn);
		return;
	}
	if (x->item == ITEM_EMPTY || x->item == ITEM_NONE)
		return;
	if (x->item_quantified || x->item == ITEM_LINE_ANCHOR)
		wrap_item(x);
	outbuf_puts(x->out, q);
	x->item = ITEM_ATOM;
	x->item_quantified = true;
	x->laststart = false;
	x->after_open = false;
}

/* One token of an interval: end, close (} or \}), or a character. */
enum itok { ITOK_END, ITOK_CLOSE, ITOK_CHAR, ITOK_ESCAPED };

static enum itok
interval_token(struct xlat *x, char *c)
{
	if (x->p >= x->end)
		return ITOK_END;
	if (*x->p == '\\') {
		if (x->p + 1 >= x->end) {
			x->p++;
			return ITOK_END;
		}
		*c = x->p[1];
		x->p += 2;
		return !x->ere && *c == '}' ? ITOK_CLOSE : ITOK_ESCAPED;
	}
	*c = *x->p++;
	return x->ere && *c == '}' ? ITOK_CLOSE : ITOK_CHAR;
}

/* glibc's fetch_number: -1 no digits, -2 invalid; *tok ends it. */
static long
interval_number(struct xlat *x, enum itok *tok, char *c)
{
	long num = -1;

	for (;;) {
		*tok = interval_token(x, c);
		if (*tok == ITOK_END)
			return -2;
		if (*tok == ITOK_CLOSE || *c == ',')
			return num;
		if (*tok != ITOK_CHAR || *c < '0' || *c > '9' || num == -2)
			num = -2;
		else
			num = num == -1 ? *c - '0' :
			    (num * 10 + (*c - '0') > DUP_MAX ? DUP_MAX + 1 :
			    num * 10 + (*c - '0'));
	}
}

/*
 * An interval after "{" (ERE) or "\{" (BRE).  False on an error; in ERE a
 * malformed one makes the '{' a literal.
 */
static bool
interval(struct xlat *x, const char *brace, size_t bracen)
{
	const char *start_p = x->p;
	enum itok tok;
	char c = 0;
	long lo, hi = -2;
	char q[32];

	if (!x->ere && (x->laststart || x->item == ITEM_WORD_ANCHOR)) {
		literal(x, "{", 1);
		return true;
	}
	lo = interval_number(x, &tok, &c);
	if (lo == -1) {
		if (tok == ITOK_CHAR && c == ',')
			lo = 0;
		else
			return fail(x, "Invalid content of \\{\\}");
	}
	if (lo != -2)
		hi = tok == ITOK_CLOSE ? lo : c == ',' && tok != ITOK_END ?
		    interval_number(x, &tok, &c) : -2;
	if (lo == -2 || hi == -2) {
		if (!x->ere)
			return fail(x, tok == ITOK_END ? "Unmatched \\{" :
			    "Invalid content of \\{\\}");
		x->p = start_p;
		literal(x, brace, bracen);
		return true;
	}
	if ((hi != -1 && lo > hi) || tok != ITOK_CLOSE)
		return fail(x, "Invalid content of \\{\\}");
	if ((hi == -1 ? lo : hi) > DUP_MAX)
		return fail(x, "Regular expression too big");
	if (hi == -1)
		snprintf(q, sizeof(q), "{%ld,}", lo);
	else if (hi == lo)
		snprintf(q, sizeof(q), "{%ld}", lo);
	else
		snprintf(q, sizeof(q), "{%ld,%ld}", lo, hi);
	quantify(x, q, brace, bracen);
	return true;
}

static const char unmatched_bracket[] = "Unmatched [, [^, [:, [., or [=";

/*
 * A [:class:], [.c.] or [=c=] at x->p (just after its "[").  A class is
 * written to out; a single-character [.c.] or [=c=] is returned in
 * *c, *n.  Returns 0 on error, 1 for a class, 2 for a character.
 */
static int
bracket_special(struct xlat *x, struct outbuf *out, const char **c, size_t *n)
{
	static const char *const classes[] = {
		"alpha", "upper", "lower", "digit", "xdigit", "space", "print",
		"punct", "graph", "cntrl", "blank", "alnum",
	};
	char delim = *x->p;
	const char *name = x->p + 1, *q;
	size_t len;

	for (q = name; q + 1 < x->end && !(q[0] == delim && q[1] == ']'); q++)
		;
	if (q + 1 >= x->end)
		return fail(x, unmatched_bracket);
	len = (size_t)(q - name);
	x->p = q + 2;
	if (delim != ':') {
		if (len == 0 || char_len(name, q) != len)
			return fail(x, "Invalid collation character");
		*c = name;
		*n = len;
		return 2;
	}
	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
		if (strlen(classes[i]) != len || memcmp(classes[i], name, len))
			continue;
		/* grep -i reads [:upper:] and [:lower:] as [:alpha:]. */
		if (x->caseless && (i == 1 || i == 2))
			i = 0;
		/* Under UCP, PCRE2's [:digit:] is \p{Nd}; grep's is 0-9. */
		if (i == 3) {
			outbuf_puts(out, "0-9");
		} else {
			outbuf_puts(out, "[:");
			outbuf_puts(out, classes[i]);
			outbuf_puts(out, ":]");
		}
		return 1;
	}
	return fail(x, "Invalid character class name");
}

/* A bracket expression; x->p is just after its '['. */
static bool
bracket(struct xlat *x)
{
	struct outbuf *out = x->out;
	bool first = true, plain_only = true, has_noncolon = false;
	bool starts_colon, ends_colon = false;

	begin_item(x, ITEM_ATOM);
	outbuf_putc(out, '[');
	if (x->p < x->end && *x->p == '^') {
		x->p++;
		/* Lines have no newline, but a whole-buffer scan does. */
		outbuf_puts(out, "^\\n");
	}
	starts_colon = x->p < x->end && *x->p == ':';
	for (;;) {
		const char *c;
		size_t n;

		if (x->p >= x->end)
			return fail(x, unmatched_bracket);
		if (*x->p == ']' && !first)
			break;
		first = false;
		if (*x->p == '[' && x->p + 1 < x->end &&
		    (x->p[1] == ':' || x->p[1] == '.' || x->p[1] == '=')) {
			int kind;

			x->p++;
			plain_only = false;
			kind = bracket_special(x, out, &c, &n);
			if (kind == 0)
				return false;
			if (kind == 1) {
				if (x->p + 1 < x->end && x->p[0] == '-' &&
				    x->p[1] != ']')
					return fail(x, "Invalid range end");
				continue;
			}
		} else {
			c = x->p;
			n = char_len(x->p, x->end);
			x->p += n;
			ends_colon = *c == ':';
			if (*c != ':')
				has_noncolon = true;
		}
		put_char(out, c, n);
		/* A range: c-d, where d is not the closing ']'. */
		if (x->p + 1 < x->end && x->p[0] == '-' && x->p[1] != ']') {
			const char *d;
			size_t dn;

			x->p++;
			plain_only = false;
			if (*x->p == '[' && x->p + 1 < x->end &&
			    (x->p[1] == '.' || x->p[1] == '=')) {
				x->p++;
				if (bracket_special(x, out, &d, &dn) == 0)
					return false;
			} else if (*x->p == '[' && x->p + 1 < x->end &&
			    x->p[1] == ':') {
				return fail(x, "Invalid range end");
			} else {
				d = x->p;
				dn = char_len(x->p, x->end);
				x->p += dn;
			}
			if (code_point(d, dn) < code_point(c, n))
				return fail(x, "Invalid range end");
			outbuf_putc(out, '-');
			put_char(out, d, dn);
		}
	}
	x->p++;
	if (starts_colon && ends_colon && has_noncolon && plain_only)
		return fail(x, "character class syntax is [[:space:]], "
		    "not [:space:]");
	outbuf_putc(out, ']');
	return true;
}

static void
anchor(struct xlat *x, enum item kind, const char *text)
{
	begin_item(x, kind);
	outbuf_puts(x->out, text);
}

/* Does the BRE text at p end a branch ("", "\)" or "\|")? */
static bool
bre_branch_ends(const struct xlat *x, const char *p)
{
	return p == x->end || (p + 1 < x->end && p[0] == '\\' &&
	    (p[1] == ')' || p[1] == '|'));
}

static bool parse(struct xlat *x, bool in_group);

static bool
group(struct xlat *x)
{
	size_t start = x->out->len;
	unsigned n = ++x->ngroups;

	if (++x->depth > MAX_NESTING)
		return fail(x, "Regular expression too big");
	outbuf_putc(x->out, '(');
	x->laststart = x->after_open = true;
	x->item = ITEM_NONE;
	if (!parse(x, true))
		return false;
	outbuf_putc(x->out, ')');
	x->depth--;
	if (n <= 9)
		x->closed |= 1u << n;
	x->item = ITEM_ATOM;
	x->item_start = start;
	x->item_quantified = false;
	x->laststart = x->after_open = false;
	return true;
}

/* A backslash and the character c[0, n) after it. */
static bool
escape(struct xlat *x, const char *c, size_t n)
{
	if (n > 1) {
		literal(x, c, n);
		return true;
	}
	switch (*c) {
	case 'w': case 'W': case 's': case 'S': {
		char e[3] = {'\\', *c, '\0'};

		begin_item(x, ITEM_ATOM);
		outbuf_puts(x->out, e);
		return true;
	}
	case 'b': anchor(x, ITEM_WORD_ANCHOR, "\\b"); return true;
	case 'B': anchor(x, ITEM_WORD_ANCHOR, "\\B"); return true;
	case '<': anchor(x, ITEM_WORD_ANCHOR, "\\b(?=\\w)"); return true;
	case '>': anchor(x, ITEM_WORD_ANCHOR, "\\b(?<=\\w)"); return true;
	/* grep matches line by line: buffer edges are line edges. */
	case '`': anchor(x, ITEM_LINE_ANCHOR, "^"); return true;
	case '\'': anchor(x, ITEM_LINE_ANCHOR, "$"); return true;
	default:
		break;
	}
	if (*c >= '1' && *c <= '9') {
		char ref[8];

		if (!(x->closed & (1u << (*c - '0'))))
			return fail(x, "Invalid back reference");
		begin_item(x, ITEM_ATOM);
		/* \g{n}: a digit after it stays a literal digit. */
		snprintf(ref, sizeof(ref), "\\g{%c}", *c);
		outbuf_puts(x->out, ref);
		return true;
	}
	/* Any other escaped character is itself (grep warns; we do not). */
	literal(x, c, n);
	return true;
}

/*
 * Parse until the end of the pattern (in_group false) or the ')' that
 * closes the group (consumed).
 */
static bool
parse(struct xlat *x, bool in_group)
{
	/*
	 * A back-reference sees the groups closed before this alternative
	 * began or inside it, not those of a sibling alternative (glibc).
	 */
	unsigned initial = x->closed, others = 0;

	while (x->p < x->end) {
		const char *c = x->p;
		bool bs = *c == '\\';
		size_t n;

		if (bs) {
			if (x->p + 1 >= x->end)
				return fail(x, "Trailing backslash");
			c = ++x->p;
		}
		n = char_len(c, x->end);
		x->p += n;
		if (n > 1) {
			literal(x, c, n);
			continue;
		}
		/* Operators: backslashed in BRE, bare in ERE (except * . [ ^ $). */
		if (bs == !x->ere) {
			switch (*c) {
			case '(':
				if (!group(x))
					return false;
				continue;
			case ')':
				if (in_group) {
					x->closed |= others;
					return true;
				}
				if (!x->ere)
					return fail(x, "Unmatched ) or \\)");
				literal(x, c, 1);
				continue;
			case '|':
				others |= x->closed;
				x->closed = initial;
				outbuf_putc(x->out, '|');
				x->laststart = x->after_open = true;
				x->item = ITEM_NONE;
				continue;
			case '+':
				quantify(x, "+", c, 1);
				continue;
			case '?':
				quantify(x, "?", c, 1);
				continue;
			case '{':
				if (!interval(x, c, 1))
					return false;
				continue;
			default:
				break;
			}
		}
		if (bs) {
			if (!escape(x, c, n))
				return false;
			continue;
		}
		switch (*c) {
		case '*':
			quantify(x, "*", c, 1);
			break;
		case '.':
			begin_item(x, ITEM_ATOM);
			outbuf_putc(x->out, '.');
			break;
		case '[':
			if (!bracket(x))
				return false;
			break;
		case '^':
			if (x->ere || x->after_open)
				anchor(x, ITEM_LINE_ANCHOR, "^");
			else
				literal(x, c, 1);
			break;
		case '$':
			if (x->ere || bre_branch_ends(x, x->p))
				anchor(x, ITEM_LINE_ANCHOR, "$");
			else
				literal(x, c, 1);
			break;
		default:
			literal(x, c, 1);
			break;
		}
	}
	if (in_group)
		return fail(x, "Unmatched ( or \\(");
	x->closed |= others;
	return true;
}

bool
posix_syntax_translate(const char *text, size_t len,
    enum pattern_syntax syntax, bool caseless, struct outbuf *out,
    char err[POSIX_SYNTAX_ERR_SIZE])
{
	struct xlat x;

	memset(&x, 0, sizeof(x));
	x.p = text != NULL ? text : "";
	x.end = x.p + len;
	x.ere = syntax == SYNTAX_ERE;
	x.caseless = caseless;
	x.out = out;
	x.err = err;
	x.laststart = x.after_open = true;
	x.item = ITEM_NONE;
	err[0] = '\0';
	return parse(&x, false);
}
