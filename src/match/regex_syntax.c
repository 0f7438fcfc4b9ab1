/*
 * regex_syntax.c - parse the DFA's subset of PCRE2 syntax into an NFA.
 *
 * Two steps.  A recursive-descent parser turns the pattern into a small
 * syntax tree: byte sets, concatenation, alternation, repetition, ^ and $.
 * Then a Thompson construction turns the tree into NFA nodes, compiling a
 * repeated item once per copy (x{2,4} is x x x? x?).
 *
 * Byte sets come from PCRE2, never from tables of ours: each atom ("[^a-f]",
 * "\w", "\p{Greek}", ".", a caseless letter) is compiled alone with the
 * caller's flags and tried, anchored, on each of the 128 ASCII bytes.  '\n'
 * is then removed from every set, as matching is per line.  Bytes >= 0x80
 * are left to the caller: the DFA hands such lines to PCRE2.
 *
 * The parser refuses (nfa_compile returns NULL) whatever it does not model
 * exactly: backreferences, lookaround, atomic groups, possessive
 * quantifiers, option settings, verbs, \Q..\E, \b and the other escapes
 * that are not one character, quantified ^/$, and "{" forms whose meaning
 * changed between PCRE2 versions.  The caller checks that PCRE2 accepts the
 * whole pattern first, so the parser need not diagnose errors.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "match/regex_syntax.h"

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

enum {
	MAX_DEPTH = 200,      /* nested groups */
	MAX_REPEAT = 1000,    /* a bigger {n,m} bound: refuse */
	MAX_MEMO = 256,       /* atoms whose sets are remembered */
	REPEAT_INF = -1,
};

enum ast_kind { AST_EMPTY, AST_SET, AST_CAT, AST_ALT, AST_REPEAT, AST_BOL,
    AST_EOL };

struct ast {
	uint8_t kind;
	uint32_t set;      /* AST_SET */
	int min, max;      /* AST_REPEAT; max REPEAT_INF for no bound */
	uint32_t first;    /* children: kids[first, first + n) */
	uint32_t n;
};

struct memo {
	const char *text;
	size_t len;
	uint32_t set;
};

struct parser {
	const char *p, *end;
	bool caseless;
	bool fail;
	struct ast *ast;
	uint32_t nast, capast;
	uint32_t *kids;
	uint32_t nkids, capkids;
	struct nfa *nfa;
	uint32_t capsets, capnodes;
	struct memo memo[MAX_MEMO];
	uint32_t nmemo;
	/* PCRE2 objects for testing atoms, created on first use. */
	pcre2_match_data *md;
};

static bool
grow(void **arr, uint32_t *cap, uint32_t need, size_t size)
{
	uint32_t n = *cap ? *cap : 16;
	void *bigger;

	if (need <= *cap)
		return true;
	while (n < need)
		n *= 2;
	bigger = realloc(*arr, (size_t)n * size);
	if (bigger == NULL)
		return false;
	*arr = bigger;
	*cap = n;
	return true;
}

static uint32_t
new_ast(struct parser *ps, enum ast_kind kind)
{
	if (!grow((void **)&ps->ast, &ps->capast, ps->nast + 1,
	    sizeof(*ps->ast))) {
		ps->fail = true;
		return 0;
	}
	memset(&ps->ast[ps->nast], 0, sizeof(ps->ast[0]));
	ps->ast[ps->nast].kind = (uint8_t)kind;
	return ps->nast++;
}

/* Index of set s in the NFA's distinct sets, adding it when new. */
static uint32_t
intern_set(struct parser *ps, const struct nfa_set *s)
{
	struct nfa *nfa = ps->nfa;

	for (uint32_t i = 0; i < nfa->nsets; i++)
		if (nfa->sets[i].bits[0] == s->bits[0] &&
		    nfa->sets[i].bits[1] == s->bits[1])
			return i;
	if (!grow((void **)&nfa->sets, &ps->capsets, nfa->nsets + 1,
	    sizeof(*nfa->sets))) {
		ps->fail = true;
		return 0;
	}
	nfa->sets[nfa->nsets] = *s;
	return nfa->nsets++;
}

static uint32_t
pcre2_flags(bool caseless)
{
	return PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF |
	    PCRE2_MULTILINE | (caseless ? PCRE2_CASELESS : 0);
}

/* The ASCII bytes (but '\n') that the atom text[0, len) matches alone. */
static bool
atom_set(struct parser *ps, const char *text, size_t len, struct nfa_set *out)
{
	int err;
	PCRE2_SIZE erroff;
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)text, len,
	    pcre2_flags(ps->caseless), &err, &erroff, NULL);
	pcre2_match_data *md;

	if (code == NULL)
		return false;
	md = pcre2_match_data_create(1, NULL);
	if (md == NULL) {
		pcre2_code_free(code);
		return false;
	}
	memset(out, 0, sizeof(*out));
	for (unsigned b = 0; b < 128; b++) {
		unsigned char subject = (unsigned char)b;
		int rc = pcre2_match(code, &subject, 1, 0, PCRE2_ANCHORED, md,
		    NULL);

		if (b != '\n' && rc > 0 && pcre2_get_ovector_pointer(md)[1] == 1)
			out->bits[b >> 6] |= (uint64_t)1 << (b & 63);
	}
	pcre2_match_data_free(md);
	pcre2_code_free(code);
	return true;
}

/* An AST_SET node for the atom text[0, len) (literal: a plain character). */
static uint32_t
atom(struct parser *ps, const char *text, size_t len, bool literal)
{
	struct nfa_set s;
	uint32_t set, node;
	uint32_t i;

	memset(&s, 0, sizeof(s));
	if (literal && len == 1 && !ps->caseless &&
	    (unsigned char)text[0] < 0x80) {
		/* A plain ASCII character matches itself alone. */
		if (text[0] != '\n')
			s.bits[(unsigned char)text[0] >> 6] |=
			    (uint64_t)1 << (text[0] & 63);
		set = intern_set(ps, &s);
	} else {
		for (i = 0; i < ps->nmemo; i++)
			if (ps->memo[i].len == len &&
			    memcmp(ps->memo[i].text, text, len) == 0)
				break;
		if (i < ps->nmemo) {
			set = ps->memo[i].set;
		} else {
			if (!atom_set(ps, text, len, &s)) {
				ps->fail = true;
				return 0;
			}
			set = intern_set(ps, &s);
			if (ps->nmemo < MAX_MEMO)
				ps->memo[ps->nmemo++] =
				    (struct memo){text, len, set};
		}
	}
	node = new_ast(ps, AST_SET);
	if (!ps->fail)
		ps->ast[node].set = set;
	return node;
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_alnum(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Bytes in the UTF-8 character starting with lead (1 for a stray byte). */
static size_t
utf8_len(unsigned char lead)
{
	if (lead >= 0xf0)
		return 4;
	if (lead >= 0xe0)
		return 3;
	if (lead >= 0xc0)
		return 2;
	return 1;
}

/* Skip to just past the '}' of a "{...}" at p; NULL when unclosed. */
static const char *
skip_braces(const char *p, const char *end)
{
	const char *close = memchr(p, '}', (size_t)(end - p));

	return close ? close + 1 : NULL;
}

/*
 * A quantifier "{n}", "{n,}" or "{n,m}" at p?  Sets *min, *max and *next.
 * Returns 1 for one, 0 when "{" is a literal in every PCRE2 version, -1 for
 * forms that changed meaning ("{,n}", spaces) or are out of our range.
 */
static int
parse_braces(const char *p, const char *end, int *min, int *max,
    const char **next)
{
	long lo = 0, hi;
	const char *q = p + 1;

	if (q >= end)
		return 0;
	if (!is_digit(*q))
		return *q == ',' || *q == ' ' || *q == '\t' ? -1 : 0;
	while (q < end && is_digit(*q)) {
		lo = lo * 10 + (*q++ - '0');
		if (lo > MAX_REPEAT)
			return -1;
	}
	if (q < end && *q == '}') {
		*min = *max = (int)lo;
		*next = q + 1;
		return 1;
	}
	if (q >= end || *q != ',')
		return -1;
	q++;
	if (q < end && *q == '}') {
		*min = (int)lo;
		*max = REPEAT_INF;
		*next = q + 1;
		return 1;
	}
	if (q >= end || !is_digit(*q))
		return -1;
	hi = 0;
	while (q < end && is_digit(*q)) {
		hi = hi * 10 + (*q++ - '0');
		if (hi > MAX_REPEAT)
			return -1;
	}
	if (q >= end || *q != '}' || hi < lo)
		return -1;
	*min = (int)lo;
	*max = (int)hi;
	*next = q + 1;
	return 1;
}

/* The end of the class "[...]" starting at p, or NULL to refuse it. */
static const char *
class_end(const char *p, const char *end)
{
	const char *q = p + 1;

	if (q < end && *q == '^')
		q++;
	if (q < end && *q == ']')
		q++;    /* a leading ']' is a member */
	while (q < end) {
		if (*q == ']')
			return q + 1;
		if (*q == '\\') {
			if (q + 1 >= end || q[1] == 'Q' || q[1] == 'E')
				return NULL;
			if ((q[1] == 'x' || q[1] == 'p' || q[1] == 'P' ||
			    q[1] == 'o' || q[1] == 'N') && q + 2 < end &&
			    q[2] == '{') {
				q = skip_braces(q + 2, end);
				if (q == NULL)
					return NULL;
				continue;
			}
			q += 2;
			continue;
		}
		if (*q == '[' && q + 1 < end) {
			if (q[1] == '.' || q[1] == '=')
				return NULL;
			if (q[1] == ':') {
				const char *close = q + 2;

				while (close + 1 < end &&
				    !(close[0] == ':' && close[1] == ']'))
					close++;
				if (close + 1 >= end)
					return NULL;
				q = close + 2;
				continue;
			}
		}
		q++;
	}
	return NULL;
}

/* The escape at p (a backslash): a set atom, or a failure. */
static uint32_t
parse_escape(struct parser *ps)
{
	const char *start = ps->p;
	const char *q = start + 1;
	char c;

	if (q >= ps->end) {
		ps->fail = true;
		return 0;
	}
	c = *q++;
	if ((unsigned char)c >= 0x80) {
		q = start + 1 + utf8_len((unsigned char)c);
		if (q > ps->end)
			q = ps->end;
	} else if (c == 'x') {
		if (q < ps->end && *q == '{') {
			q = skip_braces(q, ps->end);
			if (q == NULL) {
				ps->fail = true;
				return 0;
			}
		} else {
			for (int i = 0; i < 2 && q < ps->end && is_hex(*q); i++)
				q++;
		}
	} else if (c == 'p' || c == 'P') {
		if (q < ps->end && *q == '{') {
			q = skip_braces(q, ps->end);
			if (q == NULL) {
				ps->fail = true;
				return 0;
			}
		} else if (q < ps->end) {
			q++;
		}
	} else if (c == 'c') {
		if (q >= ps->end || (unsigned char)*q >= 0x80) {
			ps->fail = true;
			return 0;
		}
		q++;
	} else if (is_alnum(c) && strchr("tnrfeawWdDsShHvV", c) == NULL) {
		/* \b, \A, \Q, backreferences, \N, \R, \X, \o{}, ... */
		ps->fail = true;
		return 0;
	}
	ps->p = q;
	return atom(ps, start, (size_t)(q - start), false);
}

static uint32_t parse_alt(struct parser *ps, int depth);

/* A group "(...)" at p: the group's contents, or a failure. */
static uint32_t
parse_group(struct parser *ps, int depth)
{
	const char *q = ps->p + 1;
	uint32_t inner;

	if (depth >= MAX_DEPTH || q >= ps->end || *q == '*') {
		ps->fail = true;
		return 0;
	}
	if (*q == '?') {
		char close = 0;

		q++;
		if (q < ps->end && *q == ':') {
			q++;
		} else if (q + 1 < ps->end && *q == 'P' && q[1] == '<') {
			q += 2;
			close = '>';
		} else if (q < ps->end && (*q == '<' || *q == '\'')) {
			close = *q == '<' ? '>' : '\'';
			q++;
			/* "(?<=" and "(?<!" are lookbehind. */
			if (q >= ps->end || !(is_alnum(*q) || *q == '_') ||
			    is_digit(*q)) {
				ps->fail = true;
				return 0;
			}
		} else {
			ps->fail = true;
			return 0;
		}
		if (close != 0) {
			while (q < ps->end && (is_alnum(*q) || *q == '_'))
				q++;
			if (q >= ps->end || *q != close) {
				ps->fail = true;
				return 0;
			}
			q++;
		}
	}
	ps->p = q;
	inner = parse_alt(ps, depth + 1);
	if (ps->fail || ps->p >= ps->end || *ps->p != ')') {
		ps->fail = true;
		return 0;
	}
	ps->p++;
	return inner;
}

/* One item: an atom, a group, ^ or $, without its quantifier. */
static uint32_t
parse_atom(struct parser *ps, int depth, bool *repeatable)
{
	const char *p = ps->p;
	int min, max;
	const char *next;
	const char *close;

	*repeatable = true;
	switch (*p) {
	case '(':
		return parse_group(ps, depth);
	case '^':
	case '$':
		*repeatable = false;
		ps->p++;
		return new_ast(ps, *p == '^' ? AST_BOL : AST_EOL);
	case '.':
		ps->p++;
		return atom(ps, p, 1, false);
	case '[':
		close = class_end(p, ps->end);
		if (close == NULL) {
			ps->fail = true;
			return 0;
		}
		ps->p = close;
		return atom(ps, p, (size_t)(close - p), false);
	case '\\':
		return parse_escape(ps);
	case '*':
	case '+':
	case '?':
		ps->fail = true;
		return 0;
	case '{':
		if (parse_braces(p, ps->end, &min, &max, &next) != 0) {
			ps->fail = true;
			return 0;
		}
		ps->p++;
		return atom(ps, p, 1, true);
	default:
		break;
	}
	if ((unsigned char)*p >= 0x80) {
		size_t n = utf8_len((unsigned char)*p);

		if (n > (size_t)(ps->end - p))
			n = (size_t)(ps->end - p);
		ps->p += n;
		return atom(ps, p, n, true);
	}
	ps->p++;
	return atom(ps, p, 1, true);
}

/* A quantifier at p, if any: 1 with the bounds, 0 none, -1 refuse. */
static int
parse_quantifier(struct parser *ps, int *min, int *max)
{
	const char *p = ps->p;
	const char *next = p + 1;
	int r;

	if (p >= ps->end)
		return 0;
	switch (*p) {
	case '*':
		*min = 0;
		*max = REPEAT_INF;
		break;
	case '+':
		*min = 1;
		*max = REPEAT_INF;
		break;
	case '?':
		*min = 0;
		*max = 1;
		break;
	case '{':
		r = parse_braces(p, ps->end, min, max, &next);
		if (r <= 0)
			return r;
		break;
	default:
		return 0;
	}
	/* Lazy "?" does not change whether a line matches; "+" would. */
	if (next < ps->end && *next == '+')
		return -1;
	if (next < ps->end && *next == '?')
		next++;
	ps->p = next;
	return 1;
}

static bool
push_kid(struct parser *ps, uint32_t **list, uint32_t *n, uint32_t *cap,
    uint32_t kid)
{
	if (!grow((void **)list, cap, *n + 1, sizeof(**list))) {
		ps->fail = true;
		return false;
	}
	(*list)[(*n)++] = kid;
	return true;
}

/* A node with the children list[0, n). */
static uint32_t
node_of(struct parser *ps, enum ast_kind kind, const uint32_t *list,
    uint32_t n)
{
	uint32_t node;

	if (n == 0)
		return new_ast(ps, AST_EMPTY);
	if (n == 1)
		return list[0];
	if (!grow((void **)&ps->kids, &ps->capkids, ps->nkids + n,
	    sizeof(*ps->kids))) {
		ps->fail = true;
		return 0;
	}
	node = new_ast(ps, kind);
	if (ps->fail)
		return 0;
	memcpy(ps->kids + ps->nkids, list, n * sizeof(*list));
	ps->ast[node].first = ps->nkids;
	ps->ast[node].n = n;
	ps->nkids += n;
	return node;
}

static uint32_t
parse_concat(struct parser *ps, int depth)
{
	uint32_t *items = NULL;
	uint32_t n = 0, cap = 0, node;

	while (!ps->fail && ps->p < ps->end && *ps->p != '|' && *ps->p != ')') {
		bool repeatable;
		uint32_t item = parse_atom(ps, depth, &repeatable);
		int min, max, q;

		if (ps->fail)
			break;
		q = parse_quantifier(ps, &min, &max);
		if (q < 0 || (q > 0 && !repeatable)) {
			ps->fail = true;
			break;
		}
		if (q > 0) {
			uint32_t rep = new_ast(ps, AST_REPEAT);
			int min2, max2;

			if (ps->fail)
				break;
			ps->ast[rep].min = min;
			ps->ast[rep].max = max;
			ps->ast[rep].first = item;
			item = rep;
			/* "a{2}{3}", "a**": leave the odd forms alone. */
			if (parse_quantifier(ps, &min2, &max2) != 0) {
				ps->fail = true;
				break;
			}
		}
		push_kid(ps, &items, &n, &cap, item);
	}
	node = ps->fail ? 0 : node_of(ps, AST_CAT, items, n);
	free(items);
	return node;
}

static uint32_t
parse_alt(struct parser *ps, int depth)
{
	uint32_t *branches = NULL;
	uint32_t n = 0, cap = 0, node;

	for (;;) {
		uint32_t branch = parse_concat(ps, depth);

		if (ps->fail || !push_kid(ps, &branches, &n, &cap, branch))
			break;
		if (ps->p >= ps->end || *ps->p != '|')
			break;
		ps->p++;
	}
	node = ps->fail ? 0 : node_of(ps, AST_ALT, branches, n);
	free(branches);
	return node;
}

/* --- Thompson construction ------------------------------------------- */

static uint32_t
new_node(struct parser *ps, enum nfa_op op, uint32_t out, uint32_t out1)
{
	struct nfa *nfa = ps->nfa;

	if (ps->fail || nfa->nnodes >= NFA_MAX_NODES ||
	    !grow((void **)&nfa->nodes, &ps->capnodes, nfa->nnodes + 1,
	    sizeof(*nfa->nodes))) {
		ps->fail = true;
		return 0;
	}
	nfa->nodes[nfa->nnodes] = (struct nfa_node){(uint8_t)op, 0, out, out1};
	return nfa->nnodes++;
}

/* The nodes of ast node i, continuing to next; returns the entry. */
static uint32_t
build(struct parser *ps, uint32_t i, uint32_t next, int depth)
{
	const struct ast *a = &ps->ast[i];
	uint32_t entry, split;

	if (ps->fail || depth > MAX_DEPTH + 1) {
		ps->fail = true;
		return 0;
	}
	switch (a->kind) {
	case AST_EMPTY:
		return next;
	case AST_SET:
		entry = new_node(ps, NFA_BYTE, next, 0);
		if (!ps->fail)
			ps->nfa->nodes[entry].set = a->set;
		return entry;
	case AST_BOL:
		return new_node(ps, NFA_BOL, next, 0);
	case AST_EOL:
		return new_node(ps, NFA_EOL, next, 0);
	case AST_CAT:
		entry = next;
		for (uint32_t k = a->n; k-- > 0 && !ps->fail;)
			entry = build(ps, ps->kids[a->first + k], entry,
			    depth + 1);
		return entry;
	case AST_ALT:
		entry = build(ps, ps->kids[a->first + a->n - 1], next,
		    depth + 1);
		for (uint32_t k = a->n - 1; k-- > 0 && !ps->fail;)
			entry = new_node(ps, NFA_SPLIT, build(ps,
			    ps->kids[a->first + k], next, depth + 1), entry);
		return entry;
	case AST_REPEAT:
		if (a->max == REPEAT_INF) {
			/* x{n,}: n copies, then a loop x*. */
			split = new_node(ps, NFA_SPLIT, 0, next);
			entry = build(ps, a->first, split, depth + 1);
			if (ps->fail)
				return 0;
			ps->nfa->nodes[split].out = entry;
			entry = split;
		} else {
			/* x{n,m}: n copies, then m - n nested optional ones. */
			entry = next;
			for (int k = a->min; k < a->max && !ps->fail; k++)
				entry = new_node(ps, NFA_SPLIT, build(ps,
				    a->first, entry, depth + 1), next);
		}
		for (int k = 0; k < a->min && !ps->fail; k++)
			entry = build(ps, a->first, entry, depth + 1);
		return entry;
	}
	ps->fail = true;
	return 0;
}

struct nfa *
nfa_compile(const char *program, size_t len, bool caseless)
{
	struct parser ps;
	struct nfa *nfa = calloc(1, sizeof(*nfa));
	uint32_t root, match;

	if (nfa == NULL)
		return NULL;
	memset(&ps, 0, sizeof(ps));
	ps.p = program;
	ps.end = program + len;
	ps.caseless = caseless;
	ps.nfa = nfa;
	root = parse_alt(&ps, 0);
	/* An unbalanced ")" stops the parse early. */
	if (ps.p != ps.end)
		ps.fail = true;
	match = new_node(&ps, NFA_MATCH, 0, 0);
	if (!ps.fail)
		nfa->start = build(&ps, root, match, 0);
	free(ps.ast);
	free(ps.kids);
	if (ps.fail) {
		nfa_free(nfa);
		return NULL;
	}
	return nfa;
}

void
nfa_free(struct nfa *nfa)
{
	if (nfa == NULL)
		return;
	free(nfa->nodes);
	free(nfa->sets);
	free(nfa);
}
