/*
 * dfa.c - the ASCII lazy DFA line filter.
 *
 * regex_syntax.c gives a Thompson NFA whose consuming nodes hold sets of
 * ASCII bytes.  This file runs it as a DFA built on demand, one line at a
 * time: a DFA state is the set of consuming NFA nodes live at a point of
 * the line (after following empty moves), plus whether the line would match
 * if it ended there.  The search is unanchored, so every state also holds
 * the NFA's start (without ^: only the state at a line's start has ^).
 * $ is only tried where the line ends, at '\n' or at the buffer's end.
 *
 * Bytes are first mapped to classes: ASCII bytes that every set treats
 * alike share a class; '\n' and the bytes >= 0x80 have one class each.  The
 * transition table holds, per state and class, the address of the next
 * state's row or one of a few small sentinels, so the inner loop is one
 * load and one compare per byte (an address rather than a row number saves
 * an addition on the chain of loads, which bounds the speed):
 *
 *   UNKNOWN  not built yet: build it (the only slow path);
 *   MATCH    the line matches (at '\n': it matches at its end);
 *   MAYBE    a byte >= 0x80: PCRE2 must decide the line;
 *   NEWLINE  the line ends without a match: start the next one (the
 *            entry is then replaced by the start state, so that later
 *            lines cross '\n' without leaving the inner loop);
 *   DEAD     nothing later on the line can match: skip to its end.
 *
 * States live in a per-thread cache of fixed size, allocated up front; when
 * it is full it is emptied and the search goes on from the state it was
 * building, so memory stays bounded and nothing is lost.
 *
 * When no ASCII byte can take part in a match (\p{Greek}) and no empty line
 * matches, no ASCII-only line can match: the scan just looks for the next
 * byte >= 0x80, 16 or 32 bytes at a time, and hands its line to PCRE2.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "match/dfa.h"

#include <pcre2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/cpu.h"
#include "match/regex_syntax.h"

#ifdef __SSE2__
#include <immintrin.h>
#endif

enum {
	T_UNKNOWN = 0,
	T_MATCH = 1,
	T_MAYBE = 2,
	T_NEWLINE = 3,
	T_DEAD = 4,
	T_SPECIAL = 8,  /* below: a sentinel; above: a row's address */
};

enum {
	TABLE_BYTES = 3 * 512 * 1024, /* the transition table's share */
	POOL_ENTRIES = 128 * 1024,    /* NFA node ids of all states */
	MAX_STATES = 65536,
	MAX_PROGRAM = 64 * 1024,      /* longer programs: PCRE2 alone */
};

struct dfa {
	struct nfa *nfa;
	uint8_t classmap[256];
	uint8_t rep[256];      /* a byte of each ASCII class */
	uint32_t nclasses;     /* including '\n' and >= 0x80 */
	uint32_t stride;       /* table row length: >= nclasses */
	uint32_t nl_class, hi_class;
	bool never_ascii;      /* no ASCII-only line can match */
};

struct state {
	uint32_t off, n;       /* its NFA nodes: pool[off, off + n) */
	uint32_t hash;
	bool eol;              /* the line matches if it ends here */
};

struct dfa_cache {
	uintptr_t *table;      /* rows of stride entries; row 0 unused */
	struct state *states;  /* by row number */
	uint32_t nstates, max_states;
	uint32_t *pool;
	uint32_t npool;
	uint32_t *slots;       /* hash of states: row number, 0 empty */
	uint32_t nslots;       /* a power of 2, >= 2 * max_states */
	uintptr_t start;       /* a row's address, T_MATCH or T_DEAD */
	uint32_t *start_list;  /* the start state, to rebuild it after a reset */
	uint32_t start_n;
	bool start_eol;
	uint32_t epoch;        /* counts resets */
	/* Scratch space for building a state. */
	uint32_t *mark;        /* NFA node -> generation that saw it */
	uint32_t gen;
	uint32_t *stack;
	uint32_t *list;
	uint32_t *kernel;
};

/* --- byte classes ------------------------------------------------------ */

static void
make_classes(struct dfa *d)
{
	const struct nfa *nfa = d->nfa;
	uint8_t cls[128];
	uint32_t n = 1;

	/* Start with one class of all ASCII bytes, split by each set. */
	memset(cls, 0, sizeof(cls));
	for (uint32_t s = 0; s < nfa->nsets; s++) {
		int16_t split[256];

		for (int i = 0; i < 256; i++)
			split[i] = -1;
		for (unsigned b = 0; b < 128; b++) {
			if (b == '\n' || !nfa_set_has(&nfa->sets[s], b))
				continue;
			if (split[cls[b]] < 0)
				split[cls[b]] = (int16_t)n++;
			cls[b] = (uint8_t)split[cls[b]];
		}
		/* Renumber densely: unused class numbers would waste rows. */
		{
			int16_t dense[256];
			uint32_t m = 0;

			for (int i = 0; i < 256; i++)
				dense[i] = -1;
			for (unsigned b = 0; b < 128; b++) {
				if (b == '\n')
					continue;
				if (dense[cls[b]] < 0)
					dense[cls[b]] = (int16_t)m++;
				cls[b] = (uint8_t)dense[cls[b]];
			}
			n = m;
		}
	}
	d->nl_class = n;
	d->hi_class = n + 1;
	d->nclasses = n + 2;
	d->stride = d->nclasses;
	for (unsigned b = 0; b < 256; b++) {
		if (b == '\n')
			d->classmap[b] = (uint8_t)d->nl_class;
		else if (b >= 128)
			d->classmap[b] = (uint8_t)d->hi_class;
		else
			d->classmap[b] = cls[b];
	}
	for (unsigned b = 128; b-- > 0;)
		if (b != '\n')
			d->rep[cls[b]] = (uint8_t)b;
}

/* --- closures ---------------------------------------------------------- */

/*
 * Follow the empty moves from kernel[0, nk): ^ only when bol, $ only when
 * eol.  Collects the consuming nodes reached into list (when list is not
 * NULL, in *n) and returns whether the match node is reached.
 */
static bool
closure(const struct nfa *nfa, struct dfa_cache *c, uint32_t nk, bool bol,
    bool eol, uint32_t *list, uint32_t *n)
{
	uint32_t top = 0, count = 0;
	bool match = false;

	if (++c->gen == 0) {
		memset(c->mark, 0, nfa->nnodes * sizeof(*c->mark));
		c->gen = 1;
	}
	for (uint32_t i = nk; i-- > 0;)
		c->stack[top++] = c->kernel[i];
	while (top > 0) {
		uint32_t id = c->stack[--top];
		const struct nfa_node *node = &nfa->nodes[id];

		if (c->mark[id] == c->gen)
			continue;
		c->mark[id] = c->gen;
		switch (node->op) {
		case NFA_BYTE:
			if (list != NULL)
				list[count++] = id;
			break;
		case NFA_SPLIT:
			c->stack[top++] = node->out1;
			c->stack[top++] = node->out;
			break;
		case NFA_EMPTY:
			c->stack[top++] = node->out;
			break;
		case NFA_BOL:
			if (bol)
				c->stack[top++] = node->out;
			break;
		case NFA_EOL:
			if (eol)
				c->stack[top++] = node->out;
			break;
		case NFA_MATCH:
			match = true;
			break;
		}
	}
	if (n != NULL)
		*n = count;
	return match;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

static uint32_t
hash_state(const uint32_t *list, uint32_t n, bool eol)
{
	uint32_t h = 2166136261u ^ (eol ? 0x9e3779b9u : 0);

	for (uint32_t i = 0; i < n; i++) {
		h ^= list[i];
		h *= 16777619u;
	}
	return h ^ (h >> 15);
}

/* --- the cache --------------------------------------------------------- */

/* Empty the cache and put the start state back (as row 1). */
static void
cache_reset(const struct dfa *d, struct dfa_cache *c);

/*
 * The row address of the state (list[0, n), eol), adding it when new.  May
 * reset the cache to make room (c->epoch then changes).
 */
static uintptr_t
intern(const struct dfa *d, struct dfa_cache *c, const uint32_t *list,
    uint32_t n, bool eol)
{
	uint32_t h = hash_state(list, n, eol);
	uint32_t mask = c->nslots - 1;
	uint32_t i = h & mask;
	struct state *st;
	uintptr_t *row;

	for (; c->slots[i] != 0; i = (i + 1) & mask) {
		st = &c->states[c->slots[i]];
		if (st->hash == h && st->n == n && st->eol == eol &&
		    memcmp(c->pool + st->off, list, n * sizeof(*list)) == 0)
			return (uintptr_t)(c->table +
			    (size_t)c->slots[i] * d->stride);
	}
	if (c->nstates >= c->max_states || c->npool + n > POOL_ENTRIES) {
		cache_reset(d, c);
		return intern(d, c, list, n, eol);
	}
	st = &c->states[c->nstates];
	st->off = c->npool;
	st->n = n;
	st->hash = h;
	st->eol = eol;
	memcpy(c->pool + c->npool, list, n * sizeof(*list));
	c->npool += n;
	c->slots[i] = c->nstates;
	row = c->table + (size_t)c->nstates * d->stride;
	memset(row, 0, d->stride * sizeof(*row));
	row[d->nl_class] = eol ? T_MATCH : T_NEWLINE;
	row[d->hi_class] = T_MAYBE;
	c->nstates++;
	return (uintptr_t)row;
}

static void
cache_reset(const struct dfa *d, struct dfa_cache *c)
{
	memset(c->slots, 0, c->nslots * sizeof(*c->slots));
	c->nstates = 1;
	c->npool = 0;
	c->epoch++;
	if (c->start >= T_SPECIAL)
		c->start = intern(d, c, c->start_list, c->start_n, c->start_eol);
}

/*
 * The state after kernel[0, nk) (a line's start when bol): its row's
 * address, or T_MATCH or T_DEAD.
 */
static uintptr_t
state_for(const struct dfa *d, struct dfa_cache *c, uint32_t nk, bool bol)
{
	const struct nfa *nfa = d->nfa;
	uint32_t n;
	bool eol = closure(nfa, c, nk, bol, true, NULL, NULL);

	if (closure(nfa, c, nk, bol, false, c->list, &n))
		return T_MATCH;
	if (n == 0 && !eol)
		return T_DEAD;
	qsort(c->list, n, sizeof(*c->list), cmp_u32);
	return intern(d, c, c->list, n, eol);
}

/* Build the transition of the state at row s on class cls; returns it. */
static uintptr_t
step(const struct dfa *d, struct dfa_cache *c, uintptr_t s, unsigned cls)
{
	const struct nfa *nfa = d->nfa;
	const struct state *st =
	    &c->states[(size_t)((uintptr_t *)s - c->table) / d->stride];
	unsigned byte = d->rep[cls];
	uint32_t nk = 0, epoch = c->epoch;
	uintptr_t t;

	for (uint32_t i = 0; i < st->n; i++) {
		const struct nfa_node *node = &nfa->nodes[c->pool[st->off + i]];

		if (nfa_set_has(&nfa->sets[node->set], byte))
			c->kernel[nk++] = node->out;
	}
	c->kernel[nk++] = nfa->start;
	t = state_for(d, c, nk, false);
	if (c->epoch == epoch)
		((uintptr_t *)s)[cls] = t;
	return t;
}

struct dfa_cache *
dfa_cache_new(const struct dfa *d)
{
	struct dfa_cache *c = calloc(1, sizeof(*c));
	uint32_t nnodes = d->nfa->nnodes;

	if (c == NULL)
		return NULL;
	c->max_states = TABLE_BYTES / (d->stride * sizeof(uintptr_t));
	if (c->max_states > MAX_STATES)
		c->max_states = MAX_STATES;
	c->nslots = 1;
	while (c->nslots < 2 * c->max_states)
		c->nslots *= 2;
	c->table = malloc((size_t)c->max_states * d->stride *
	    sizeof(uintptr_t));
	c->states = malloc((size_t)c->max_states * sizeof(*c->states));
	c->pool = malloc(POOL_ENTRIES * sizeof(*c->pool));
	c->slots = calloc(c->nslots, sizeof(*c->slots));
	c->mark = calloc(nnodes, sizeof(*c->mark));
	c->stack = malloc((3 * (size_t)nnodes + 16) * sizeof(*c->stack));
	c->list = malloc((size_t)nnodes * sizeof(*c->list) + 16);
	c->kernel = malloc(((size_t)nnodes + 1) * sizeof(*c->kernel));
	c->start_list = malloc((size_t)nnodes * sizeof(*c->start_list) + 16);
	if (c->table == NULL || c->states == NULL || c->pool == NULL ||
	    c->slots == NULL || c->mark == NULL || c->stack == NULL ||
	    c->list == NULL || c->kernel == NULL || c->start_list == NULL) {
		dfa_cache_free(c);
		return NULL;
	}
	c->nstates = 1;
	c->kernel[0] = d->nfa->start;
	c->start = state_for(d, c, 1, true);
	if (c->start >= T_SPECIAL) {
		const struct state *st = &c->states[(size_t)((uintptr_t *)
		    c->start - c->table) / d->stride];

		memcpy(c->start_list, c->pool + st->off,
		    st->n * sizeof(*c->pool));
		c->start_n = st->n;
		c->start_eol = st->eol;
	}
	return c;
}

void
dfa_cache_free(struct dfa_cache *c)
{
	if (c == NULL)
		return;
	free(c->table);
	free(c->states);
	free(c->pool);
	free(c->slots);
	free(c->mark);
	free(c->stack);
	free(c->list);
	free(c->kernel);
	free(c->start_list);
	free(c);
}

/* --- compiling --------------------------------------------------------- */

/* Can no line of ASCII bytes match?  See the top of the file. */
static bool
never_ascii(const struct dfa *d)
{
	const struct nfa *nfa = d->nfa;
	struct dfa_cache *c = dfa_cache_new(d);
	bool never = c != NULL;

	for (int bol = 0; bol < 2 && never; bol++) {
		uint32_t n;

		c->kernel[0] = nfa->start;
		if (closure(nfa, c, 1, bol, true, NULL, NULL) ||
		    closure(nfa, c, 1, bol, false, c->list, &n)) {
			never = false;
			break;
		}
		for (uint32_t i = 0; i < n; i++) {
			const struct nfa_set *s =
			    &nfa->sets[nfa->nodes[c->list[i]].set];

			if (s->bits[0] != 0 || s->bits[1] != 0)
				never = false;
		}
	}
	dfa_cache_free(c);
	return never;
}

struct dfa *
dfa_compile(const char *program, size_t len, bool caseless)
{
	uint32_t flags = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF |
	    PCRE2_MULTILINE | (caseless ? PCRE2_CASELESS : 0);
	uint32_t newline = 0;
	int err;
	PCRE2_SIZE erroff;
	pcre2_code *code;
	struct dfa *d;

	/* $ and . are modelled for '\n' as the only newline. */
	if (pcre2_config(PCRE2_CONFIG_NEWLINE, &newline) < 0 ||
	    newline != PCRE2_NEWLINE_LF || len > MAX_PROGRAM)
		return NULL;
	if (program == NULL)
		program = "";
	/* Only patterns PCRE2 accepts: the parser does not diagnose. */
	code = pcre2_compile((PCRE2_SPTR)program, len, flags, &err, &erroff,
	    NULL);
	if (code == NULL)
		return NULL;
	pcre2_code_free(code);

	d = calloc(1, sizeof(*d));
	if (d == NULL)
		return NULL;
	d->nfa = nfa_compile(program, len, caseless);
	if (d->nfa == NULL) {
		free(d);
		return NULL;
	}
	make_classes(d);
	d->never_ascii = never_ascii(d);
	return d;
}

void
dfa_free(struct dfa *d)
{
	if (d == NULL)
		return;
	nfa_free(d->nfa);
	free(d);
}

/* --- searching --------------------------------------------------------- */

#ifdef __SSE2__
__attribute__((target("avx2"))) static const unsigned char *
find_high_avx2(const unsigned char *p, const unsigned char *end)
{
	while (end - p >= 64) {
		__m256i a = _mm256_loadu_si256((const __m256i *)(const void *)p);
		__m256i b = _mm256_loadu_si256(
		    (const __m256i *)(const void *)(p + 32));

		if (_mm256_movemask_epi8(_mm256_or_si256(a, b)) != 0)
			break;
		p += 64;
	}
	while (end - p >= 32) {
		unsigned mask = (unsigned)_mm256_movemask_epi8(
		    _mm256_loadu_si256((const __m256i *)(const void *)p));

		if (mask != 0)
			return p + __builtin_ctz(mask);
		p += 32;
	}
	return p;
}
#endif

/* The first byte >= 0x80 in [p, end), or end. */
static const unsigned char *
find_high(const unsigned char *p, const unsigned char *end)
{
#ifdef __SSE2__
	if (cpu_has_avx2())
		p = find_high_avx2(p, end);
	while (end - p >= 16) {
		unsigned mask = (unsigned)_mm_movemask_epi8(
		    _mm_loadu_si128((const __m128i *)(const void *)p));

		if (mask != 0)
			return p + __builtin_ctz(mask);
		p += 16;
	}
#endif
	while (p < end && *p < 0x80)
		p++;
	return p;
}

/*
 * The hot loop: step from state *sp over [p, end) until a transition is a
 * sentinel (left in *tp, with the returned p at its byte) or the end (*tp
 * is then T_SPECIAL).  Kept apart so that only these few values compete
 * for registers; unrolled, as each step waits on the load before it.
 */
static inline const unsigned char *
run(const uint8_t *classmap, const unsigned char *p, const unsigned char *end,
    uintptr_t *sp, uintptr_t *tp)
{
	uintptr_t s = *sp, t = T_SPECIAL;

#define DFA_STEP(k) do {						\
		t = ((const uintptr_t *)s)[classmap[p[k]]];		\
		if (t < T_SPECIAL) {					\
			p += k;						\
			goto out;					\
		}							\
		s = t;							\
	} while (0)
	while (end - p >= 4) {
		DFA_STEP(0);
		DFA_STEP(1);
		DFA_STEP(2);
		DFA_STEP(3);
		p += 4;
	}
	while (p < end) {
		DFA_STEP(0);
		p++;
	}
#undef DFA_STEP
	t = T_SPECIAL;
out:
	*sp = s;
	*tp = t;
	return p;
}

enum dfa_result
dfa_next_line(const struct dfa *d, struct dfa_cache *c, const char *buf,
    size_t len, size_t from, struct span *line)
{
	const unsigned char *base = (const unsigned char *)buf;
	const unsigned char *p = base + from, *end = base + len;
	const unsigned char *nl;
	const uint8_t *classmap = d->classmap;
	enum dfa_result result;
	uintptr_t s, t;

	if (from >= len)
		return DFA_NONE;
	if (d->never_ascii) {
		p = find_high(p, end);
		if (p == end)
			return DFA_NONE;
		result = DFA_MAYBE;
		goto found;
	}
	s = c->start;
	if (s == T_DEAD)
		return DFA_NONE;
	if (s == T_MATCH) {
		/*
		 * The empty match at the line's start: PCRE2 does not take it
		 * in front of an invalid UTF-8 byte, so let it decide there.
		 */
		result = p < end && *p >= 0x80 ? DFA_MAYBE : DFA_MATCH;
		goto found;
	}
	for (;;) {
		p = run(classmap, p, end, &s, &t);
		if (t == T_SPECIAL) {
			/* The buffer ends the line, unless it ended with '\n'. */
			if (end[-1] == '\n' ||
			    ((const uintptr_t *)s)[d->nl_class] != T_MATCH)
				return DFA_NONE;
			result = DFA_MATCH;
			goto found;
		}
		if (t == T_UNKNOWN) {
			t = step(d, c, s, classmap[*p]);
			if (t >= T_SPECIAL) {
				s = t;
				p++;
				continue;
			}
		}
		switch (t) {
		case T_MATCH:
			result = DFA_MATCH;
			goto found;
		case T_MAYBE:
			result = DFA_MAYBE;
			goto found;
		case T_DEAD:
			p = memchr(p, '\n', (size_t)(end - p));
			if (p == NULL)
				return DFA_NONE;
			break;
		default:
			/* '\n' ends the line: go to the start from now on. */
			((uintptr_t *)s)[d->nl_class] = c->start;
			break;
		}
		p++;
		s = c->start;
	}
found:
	/* p is on the line (at its '\n' for a match at its end). */
	nl = p > base + from ? memrchr(base + from, '\n',
	    (size_t)(p - (base + from))) : NULL;
	line->start = nl != NULL ? (size_t)(nl - base) + 1 : from;
	nl = memchr(p, '\n', (size_t)(end - p));
	line->end = nl != NULL ? (size_t)(nl - base) : len;
	return result;
}
