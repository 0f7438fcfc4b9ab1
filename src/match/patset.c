/*
 * patset.c - pattern sets: many patterns, each its own program, found in
 * one pass.
 *
 * Joining patterns into one PCRE2 alternation changes what they mean
 * (group numbers, names, (*VERB)s and \Q run into each other) and stops
 * working at a few thousand.  Here every pattern is compiled alone, and
 * PCRE2 stays the authority on whether a pattern matches a line.  What
 * finds the candidate lines depends on the query:
 *
 *  - joined: a few patterns that can share an alternation (no
 *    back-references, names, verbs, \Q) are found by one matcher.c
 *    program, with its literal prefilter or DFA; the per-pattern programs
 *    only split a line into -o spans.
 *  - each: a few patterns that cannot be joined are each found by its own
 *    program, and the first line any of them finds wins.
 *  - Hyperscan: a larger set is reduced to the strings one of which every
 *    match of a pattern must contain (literal.h), all of them compiled
 *    into one Hyperscan literal database (hs_compile_lit_multi builds in
 *    a fraction of the time its regex compiler takes).  One scan of a
 *    buffer reports the lines holding any string; a line is then scanned
 *    again alone, and a pattern whose strings are the whole pattern
 *    (a plain -F string) matches there outright, any other is confirmed
 *    by its PCRE2 program.  The few patterns without such a string
 *    ("residual") are found by their own program, as in "each".
 *
 * -o spans follow GNU grep: at each position the leftmost match across
 * the patterns, and of those the longest; an empty match never hides a
 * non-empty one that starts at the same place.
 *
 * --and and --not patterns are programs of their own, tried on a line
 * the patterns selected.
 */
#include "match/patset.h"

#include <ctype.h>
#include <hs/hs.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/outbuf.h"
#include "base/utf8.h"
#include "base/xmalloc.h"
#include "match/hashscan.h"
#include "match/literal.h"
#include "match/nul_records.h"
#include "match/posix_syntax.h"

enum {
	JOIN_MAX = 64,   /* more patterns are not joined into one program */
	EACH_MAX = 8,    /* at most this many are each scanned for alone */
	RESIDUAL_JIT_MAX = 16, /* residual programs beyond these: no JIT */
	HS_PIECE = 1 << 30, /* hs_scan takes an unsigned length */
	/*
	 * More strings than this go to hashscan.h: Hyperscan would take
	 * longer to build than to search.
	 */
	HS_STRINGS_MAX = 20000,
};

#define KELVIN UINT32_MAX

/* What a Hyperscan id stands for. */
struct hs_id {
	uint32_t pattern; /* KELVIN: U+212A or U+017F, see patset.kelvin */
	uint32_t len;  /* of the string */
	bool exact;    /* a hit is a match of the pattern, with that span */
};

struct patset {
	size_t n;
	struct matcher **subs;     /* per pattern; NULL where hs is exact */
	bool jit;                  /* subs compiled with JIT (own scratches) */
	struct matcher *joined;    /* all patterns as one program, or NULL */
	hs_database_t *hs;
	hs_scratch_t *hs_proto;
	struct hashscan *hscan;    /* instead of hs, for the largest sets */
	bool strings;              /* hs or hscan: the required strings */
	struct hs_id *ids;
	bool hs_exact;             /* every id exact: a hit is a match */
	size_t *residual;          /* found by their own program */
	size_t nresidual;
	/*
	 * Caseless patterns whose strings hold k or s: a line with U+212A
	 * or U+017F (found as the KELVIN strings) is a candidate for each.
	 */
	size_t *kelvin;
	size_t nkelvin;
	bool *jit_sub;             /* this sub has JIT and its own scratch */
	struct matcher **ands;
	size_t nands;
	struct matcher **nots;
	size_t nnots;
};

/* A match found in a line's Hyperscan scan (exact ids only). */
struct hit {
	size_t start, end;
	uint32_t pattern;
};

/* The next match of one candidate pattern in the current line. */
struct next_match {
	size_t pattern;
	int state; /* 0: not looked for yet, 1: in span, 2: none */
	struct span span;
};

/* The next line a residual pattern matches in the buffer. */
struct residual_next {
	bool valid;
	int rc;
	struct span line;
};

struct patset_scratch {
	struct matcher_scratch **own;    /* per sub with JIT, else NULL */
	struct matcher_scratch *shared;  /* for the others */
	struct matcher_scratch *joined;
	struct matcher_scratch **ands;
	struct matcher_scratch **nots;
	hs_scratch_t *hs;
	/* Candidate lines of the current buffer (their ends), from hs. */
	bool scanned;
	size_t scan_from;
	size_t *cand;
	size_t ncand, capcand, icand;
	struct residual_next *res;
	/* The current line (patset_begin_line). */
	uint32_t *stamp;
	uint32_t now;
	struct hit *hits;
	size_t nhits, caphits, ihit;
	struct next_match *next;
	size_t nnext, capnext;
	/* A line's confirmation scan. */
	const struct patset *ps;
	const char *line;
	size_t line_len;
	int found; /* 1 matched, < 0 a PCRE2 error */
};

bool
patset_join_safe(const struct pattern *p)
{
	const char *t = p->text;

	for (size_t i = 0; i < p->len; i++) {
		char next = i + 1 < p->len ? t[i + 1] : '\0';

		if (t[i] == '\\') {
			if (isdigit((unsigned char)next) ||
			    strchr("gkQ", next) != NULL)
				return false;
			i++;
			continue;
		}
		if (t[i] != '(')
			continue;
		if (next == '*')
			return false;
		if (next == '?' && i + 2 < p->len) {
			char c = t[i + 2];
			char d = i + 3 < p->len ? t[i + 3] : '\0';

			if (strchr("P'|(R&+", c) != NULL ||
			    isdigit((unsigned char)c) ||
			    (c == '-' && isdigit((unsigned char)d)) ||
			    (c == '<' && d != '=' && d != '!'))
				return false;
		}
	}
	return true;
}

/* Is p free of regex syntax (the same as a -F string)? */
static bool
plain_text(const struct pattern *p)
{
	for (size_t i = 0; i < p->len; i++)
		if (strchr("\\^$.|?*+()[]{}#", p->text[i]) != NULL ||
		    p->text[i] == '\0' || p->text[i] == ' ')
			return false;
	return true;
}

/*
 * A pattern that is not valid UTF-8 compiles in byte mode (see
 * compile_text): joined with others it would take them out of UTF mode
 * too, and -i would no longer fold their non-ASCII letters.
 */
static bool
all_join_safe(const struct match_config *mc)
{
	for (size_t i = 0; i < mc->npatterns; i++) {
		const struct pattern *p = &mc->patterns[i];

		if (!utf8_valid_strict(p->text, p->len))
			return false;
		if (!mc->fixed_strings && !patset_join_safe(p))
			return false;
	}
	return true;
}

bool
patset_wanted(const struct match_config *mc)
{
	if (mc->nand > 0 || mc->nnot > 0)
		return true;
	if (mc->npatterns <= 1)
		return false;
	if (mc->each_pattern)
		return true;
	/* -P: each pattern's own leftmost-first match decides -o spans. */
	if (!mc->fixed_strings && mc->syntax == SYNTAX_PCRE2)
		return true;
	return mc->npatterns > JOIN_MAX || !all_join_safe(mc);
}

/* mc with only its pattern p, in the case mode decided for all. */
static struct match_config
one_pattern(const struct match_config *mc, const struct pattern *p,
    bool caseless)
{
	struct match_config one = *mc;

	one.patterns = (struct pattern *)p;
	one.npatterns = 1;
	one.and_patterns = one.not_patterns = NULL;
	one.nand = one.nnot = 0;
	one.each_pattern = false;
	one.case_mode = caseless ? CASE_INSENSITIVE : CASE_SENSITIVE;
	return one;
}

static struct matcher *
compile_one(const struct match_config *mc, const struct pattern *p,
    bool caseless, bool jit, struct matcher_error *e)
{
	struct match_config one = one_pattern(mc, p, caseless);

	return matcher_compile_single(&one, jit, e);
}

/* Compile each of n patterns into *out (allocated); false on error. */
static bool
compile_list(const struct match_config *mc, const struct pattern *pats,
    size_t n, bool caseless, struct matcher ***out, struct matcher_error *e)
{
	*out = xcalloc(n ? n : 1, sizeof(**out));
	for (size_t i = 0; i < n; i++) {
		(*out)[i] = compile_one(mc, &pats[i], caseless, true, e);
		if ((*out)[i] == NULL)
			return false;
	}
	return true;
}

/* The growing input of hs_compile_lit_multi. */
struct hs_input {
	const char **exprs;
	size_t *lens;
	unsigned *flags;
	unsigned *idv;
	struct hs_id *ids;
	size_t count, cap;
	struct literal_strings *keep; /* per pattern, freed after compiling */
};

static void
hs_input_add(struct hs_input *in, const char *s, size_t len, unsigned flags,
    struct hs_id id)
{
	if (in->count == in->cap) {
		in->cap = in->cap ? in->cap * 2 : 256;
		in->exprs = xreallocarray(in->exprs, in->cap, sizeof(*in->exprs));
		in->lens = xreallocarray(in->lens, in->cap, sizeof(*in->lens));
		in->flags = xreallocarray(in->flags, in->cap, sizeof(*in->flags));
		in->idv = xreallocarray(in->idv, in->cap, sizeof(*in->idv));
		in->ids = xreallocarray(in->ids, in->cap, sizeof(*in->ids));
	}
	in->exprs[in->count] = s;
	in->lens[in->count] = len;
	in->flags[in->count] = flags;
	in->idv[in->count] = (unsigned)in->count;
	in->ids[in->count] = id;
	in->count++;
}

/* "FILE:LINE: " or "" for where p came from. */
static void
origin(const struct pattern *p, char *buf, size_t size)
{
	if (p->file != NULL)
		snprintf(buf, size, "%s:%lu: ", p->file, p->line);
	else
		buf[0] = '\0';
}

/*
 * The strings of pattern i for the scanner; false when it has none.  -E
 * and -G patterns are read in their PCRE2 translation, and with
 * --null-data in the rewrite the matcher compiles (nul_records.h).
 */
static bool
pattern_strings(const struct match_config *mc, const struct pattern *p,
    bool caseless, struct literal_strings *out, struct matcher_error *e,
    bool *bad)
{
	struct outbuf text = OUTBUF_INIT;
	struct outbuf rewritten = OUTBUF_INIT;
	char err[POSIX_SYNTAX_ERR_SIZE];
	struct pattern tp;
	bool ok;

	*bad = false;
	if (mc->fixed_strings)
		return literal_required(p, true, caseless, out);
	if (mc->syntax == SYNTAX_PCRE2) {
		outbuf_append(&text, p->text, p->len);
	} else if (!posix_syntax_translate(p->text, p->len, mc->syntax,
	    caseless, &text, err)) {
		char where[300];

		origin(p, where, sizeof(where));
		snprintf(e->message, sizeof(e->message), "%s%s", where, err);
		outbuf_free(&text);
		*bad = true;
		return false;
	}
	if (mc->null_data) {
		nul_records_rewrite(text.data, text.len, nul_records_dotall(mc),
		    &rewritten);
		outbuf_free(&text);
		text = rewritten;
	}
	tp.text = text.data ? text.data : "";
	tp.len = text.len;
	ok = literal_required(&tp, false, caseless, out);
	outbuf_free(&text);
	return ok;
}

/* Build the Hyperscan database over the required strings; false: error. */
static bool
compile_hs(struct patset *ps, const struct match_config *mc, bool caseless,
    struct matcher_error *e)
{
	struct hs_input in = {0};
	hs_compile_error_t *cerr = NULL;
	bool ok = true;
	size_t jit_residuals = 0;

	in.keep = xcalloc(mc->npatterns, sizeof(*in.keep));
	ps->residual = xcalloc(mc->npatterns, sizeof(*ps->residual));
	ps->kelvin = xcalloc(mc->npatterns, sizeof(*ps->kelvin));
	ps->hs_exact = true;
	for (size_t i = 0; ok && i < mc->npatterns; i++) {
		const struct pattern *p = &mc->patterns[i];
		struct literal_strings *ls = &in.keep[i];
		bool bad, exact, jit;

		if (!pattern_strings(mc, p, caseless, ls, e, &bad)) {
			if (bad) {
				ok = false;
				break;
			}
			ps->residual[ps->nresidual++] = i;
			jit = jit_residuals++ < RESIDUAL_JIT_MAX;
			ps->jit_sub[i] = jit;
			ps->subs[i] = compile_one(mc, p, caseless, jit, e);
			ok = ps->subs[i] != NULL;
			continue;
		}
		exact = ls->exact && !mc->word && !mc->line;
		if (ls->kelvin)
			ps->kelvin[ps->nkelvin++] = i;
		for (size_t k = 0; k < ls->count; k++) {
			struct hs_id id = {(uint32_t)i, (uint32_t)ls->lens[k],
			    exact};

			hs_input_add(&in, ls->strs[k], ls->lens[k],
			    caseless ? HS_FLAG_CASELESS : 0, id);
		}
		/*
		 * A regex is compiled (PCRE2 checks its syntax) unless it is
		 * plain text, valid as it stands.
		 */
		if (!exact || (!mc->fixed_strings && !plain_text(p))) {
			ps->subs[i] = compile_one(mc, p, caseless, false, e);
			ok = ps->subs[i] != NULL;
		}
		ps->hs_exact = ps->hs_exact && exact;
	}
	if (ok && ps->nkelvin > 0) {
		struct hs_id id = {KELVIN, 0, false};

		hs_input_add(&in, "\xe2\x84\xaa", 3, 0, id);
		hs_input_add(&in, "\xc5\xbf", 2, 0, id);
	}
	if (ok && in.count > HS_STRINGS_MAX) {
		ps->hscan = hashscan_new(in.exprs, in.lens, in.count, caseless);
	} else if (ok && in.count > 0) {
		if (hs_compile_lit_multi(in.exprs, in.flags, in.idv, in.lens,
		    (unsigned)in.count, HS_MODE_BLOCK, NULL, &ps->hs,
		    &cerr) != HS_SUCCESS) {
			snprintf(e->message, sizeof(e->message), "cannot compile "
			    "the pattern set: %s", cerr ? cerr->message : "?");
			hs_free_compile_error(cerr);
			ok = false;
		} else if (hs_alloc_scratch(ps->hs, &ps->hs_proto) !=
		    HS_SUCCESS) {
			diag_fatal("out of memory (Hyperscan scratch)");
		}
	}
	ps->strings = ps->hs != NULL || ps->hscan != NULL;
	ps->ids = in.ids;
	in.ids = NULL;
	for (size_t i = 0; i < mc->npatterns; i++)
		literal_strings_free(&in.keep[i]);
	free(in.keep);
	free(in.exprs);
	free(in.lens);
	free(in.flags);
	free(in.idv);
	free(in.ids);
	return ok;
}

struct patset *
patset_compile(const struct match_config *mc, bool caseless,
    struct matcher_error *e)
{
	struct patset *ps = xcalloc(1, sizeof(*ps));
	size_t n = mc->npatterns;
	bool ok = true;

	ps->n = n;
	ps->subs = xcalloc(n ? n : 1, sizeof(*ps->subs));
	ps->jit_sub = xcalloc(n ? n : 1, sizeof(*ps->jit_sub));
	if (n <= JOIN_MAX && all_join_safe(mc)) {
		struct match_config all = *mc;

		all.nand = all.nnot = 0;
		all.each_pattern = false;
		all.case_mode = caseless ? CASE_INSENSITIVE : CASE_SENSITIVE;
		for (size_t i = 0; ok && i < n; i++) {
			ps->subs[i] = compile_one(mc, &mc->patterns[i], caseless,
			    false, e);
			ok = ps->subs[i] != NULL;
		}
		if (ok && n > 0) {
			ps->joined = matcher_compile_single(&all, true, e);
			ok = ps->joined != NULL;
		}
	} else if (n <= EACH_MAX) {
		ps->residual = xcalloc(n ? n : 1, sizeof(*ps->residual));
		for (size_t i = 0; ok && i < n; i++) {
			ps->subs[i] = compile_one(mc, &mc->patterns[i], caseless,
			    true, e);
			ps->jit_sub[i] = true;
			ps->residual[ps->nresidual++] = i;
			ok = ps->subs[i] != NULL;
		}
	} else {
		ok = compile_hs(ps, mc, caseless, e);
	}
	ok = ok && compile_list(mc, mc->and_patterns, mc->nand, caseless,
	    &ps->ands, e);
	ps->nands = mc->nand;
	ok = ok && compile_list(mc, mc->not_patterns, mc->nnot, caseless,
	    &ps->nots, e);
	ps->nnots = mc->nnot;
	if (!ok) {
		patset_free(ps);
		return NULL;
	}
	return ps;
}

static void
free_list(struct matcher **l, size_t n)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		matcher_free(l[i]);
	free(l);
}

void
patset_free(struct patset *ps)
{
	if (ps == NULL)
		return;
	free_list(ps->subs, ps->n);
	matcher_free(ps->joined);
	hs_free_database(ps->hs);
	hashscan_free(ps->hscan);
	hs_free_scratch(ps->hs_proto);
	free(ps->ids);
	free(ps->residual);
	free(ps->kelvin);
	free(ps->jit_sub);
	free_list(ps->ands, ps->nands);
	free_list(ps->nots, ps->nnots);
	free(ps);
}

size_t
patset_npatterns(const struct patset *ps)
{
	return ps->n;
}

static struct matcher_scratch **
scratch_list(struct matcher *const *l, size_t n)
{
	struct matcher_scratch **s = xcalloc(n ? n : 1, sizeof(*s));

	for (size_t i = 0; i < n; i++)
		s[i] = matcher_scratch_new(l[i]);
	return s;
}

static void
scratch_list_free(struct matcher_scratch **s, size_t n)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		matcher_scratch_free(s[i]);
	free(s);
}

struct patset_scratch *
patset_scratch_new(const struct patset *ps)
{
	struct patset_scratch *s = xcalloc(1, sizeof(*s));

	s->own = xcalloc(ps->n ? ps->n : 1, sizeof(*s->own));
	for (size_t i = 0; i < ps->n; i++)
		if (ps->jit_sub[i] && ps->subs[i] != NULL)
			s->own[i] = matcher_scratch_new(ps->subs[i]);
	s->shared = matcher_scratch_new_shared(ps->subs, ps->n);
	if (ps->joined != NULL)
		s->joined = matcher_scratch_new(ps->joined);
	s->ands = scratch_list(ps->ands, ps->nands);
	s->nots = scratch_list(ps->nots, ps->nnots);
	if (ps->hs_proto != NULL &&
	    hs_clone_scratch(ps->hs_proto, &s->hs) != HS_SUCCESS)
		diag_fatal("out of memory (Hyperscan scratch)");
	s->res = xcalloc(ps->nresidual ? ps->nresidual : 1, sizeof(*s->res));
	s->stamp = xcalloc(ps->n ? ps->n : 1, sizeof(*s->stamp));
	s->ps = ps;
	return s;
}

void
patset_scratch_free(struct patset_scratch *s)
{
	if (s == NULL)
		return;
	scratch_list_free(s->own, s->ps->n);
	matcher_scratch_free(s->shared);
	matcher_scratch_free(s->joined);
	scratch_list_free(s->ands, s->ps->nands);
	scratch_list_free(s->nots, s->ps->nnots);
	hs_free_scratch(s->hs);
	free(s->cand);
	free(s->res);
	free(s->stamp);
	free(s->hits);
	free(s->next);
	free(s);
}

void
patset_new_buffer(struct patset_scratch *s)
{
	const struct patset *ps = s->ps;

	s->scanned = false;
	for (size_t r = 0; r < ps->nresidual; r++)
		s->res[r].valid = false;
	for (size_t i = 0; i < ps->n; i++)
		if (s->own[i] != NULL)
			matcher_new_buffer(s->own[i]);
	if (s->joined != NULL)
		matcher_new_buffer(s->joined);
}

static struct matcher_scratch *
sub_scratch(struct patset_scratch *s, size_t i)
{
	return s->own[i] != NULL ? s->own[i] : s->shared;
}

/* A new line: patterns already tried on the last one count again. */
static void
next_stamp(struct patset_scratch *s)
{
	if (++s->now == 0) {
		memset(s->stamp, 0, s->ps->n * sizeof(*s->stamp));
		s->now = 1;
	}
}

/* Where a string ends in a scan; nonzero stops it. */
typedef int (*hit_fn)(unsigned id, size_t end, void *ctx);

struct hs_adapter {
	hit_fn fn;
	void *ctx;
};

static int
on_hs_match(unsigned id, unsigned long long from, unsigned long long to,
    unsigned flags, void *ctx)
{
	struct hs_adapter *a = ctx;

	(void)from;
	(void)flags;
	return a->fn(id, (size_t)to, a->ctx);
}

/* Every occurrence of a required string in buf[0, len) (len < 4 GiB). */
static void
scan_strings(const struct patset *ps, struct patset_scratch *s,
    const char *buf, size_t len, hit_fn fn, void *ctx)
{
	struct hs_adapter a = {fn, ctx};

	if (ps->hscan != NULL) {
		hashscan_scan(ps->hscan, buf, len, fn, ctx);
		return;
	}
	/* Stopped by fn, or an error: the hits so far stand. */
	(void)hs_scan(ps->hs, len ? buf : "", (unsigned)len, 0, s->hs,
	    on_hs_match, &a);
}

/* Scan context of one buffer: the ends of lines holding a string. */
struct buffer_scan {
	struct patset_scratch *s;
	const char *buf;
	size_t len, base;
};

static int
on_buffer_hit(unsigned id, size_t to, void *ctx)
{
	struct buffer_scan *b = ctx;
	struct patset_scratch *s = b->s;
	size_t last = b->base + to - 1; /* strings are not empty */
	const char *nl;

	(void)id;
	if (s->ncand > 0 && last <= s->cand[s->ncand - 1])
		return 0;
	nl = memchr(b->buf + last, '\n', b->len - last);
	if (s->ncand == s->capcand) {
		s->capcand = s->capcand ? s->capcand * 2 : 256;
		s->cand = xreallocarray(s->cand, s->capcand, sizeof(*s->cand));
	}
	s->cand[s->ncand++] = nl ? (size_t)(nl - b->buf) : b->len;
	return 0;
}

/* Find the candidate lines of buf[from, len) in one scan. */
static void
scan_buffer(const struct patset *ps, struct patset_scratch *s,
    const char *buf, size_t len, size_t from)
{
	struct buffer_scan b = {s, buf, len, from};

	s->ncand = s->icand = 0;
	s->scanned = true;
	s->scan_from = from;
	while (b.base < len) {
		size_t piece = len - b.base;

		if (piece > HS_PIECE) {
			const char *nl = memrchr(buf + b.base, '\n', HS_PIECE);

			piece = nl ? (size_t)(nl - (buf + b.base)) + 1 : HS_PIECE;
		}
		scan_strings(ps, s, buf + b.base, piece, on_buffer_hit, &b);
		b.base += piece;
	}
}

/* Does pattern i match in the current line?  1, 0 or < 0. */
static int
sub_matches(const struct patset *ps, struct patset_scratch *s, size_t i,
    const char *line, size_t len)
{
	struct span sp;

	return matcher_find_in_line(ps->subs[i], sub_scratch(s, i), line, len,
	    0, &sp);
}

/* Confirm pattern i in the line once; nonzero (found) stops the scan. */
static int
try_pattern(struct patset_scratch *s, size_t i)
{
	int rc;

	if (s->stamp[i] == s->now)
		return 0;
	s->stamp[i] = s->now;
	rc = sub_matches(s->ps, s, i, s->line, s->line_len);
	if (rc != 0) {
		s->found = rc;
		return 1;
	}
	return 0;
}

static int
on_line_hit(unsigned id, size_t to, void *ctx)
{
	struct patset_scratch *s = ctx;
	const struct patset *ps = s->ps;
	const struct hs_id *hid = &ps->ids[id];
	int rc;

	(void)to;
	if (hid->exact) {
		s->found = 1;
		return 1;
	}
	if (hid->pattern == KELVIN) {
		for (size_t k = 0; k < ps->nkelvin; k++) {
			rc = try_pattern(s, ps->kelvin[k]);
			if (rc != 0)
				return rc;
		}
		return 0;
	}
	return try_pattern(s, hid->pattern);
}

/* Is a hs candidate line a match of some pattern?  1, 0 or < 0. */
static int
confirm_line(const struct patset *ps, struct patset_scratch *s,
    const char *line, size_t len)
{
	if (ps->hs_exact)
		return 1;
	next_stamp(s);
	s->line = line;
	s->line_len = len;
	s->found = 0;
	scan_strings(ps, s, line, len, on_line_hit, s);
	return s->found;
}

/* The --and and --not conditions on a matching line: 1, 0 or < 0. */
static int
conditions_hold(const struct patset *ps, struct patset_scratch *s,
    const char *line, size_t len)
{
	struct span sp;

	for (size_t i = 0; i < ps->nands; i++) {
		int rc = matcher_find_in_line(ps->ands[i], s->ands[i], line,
		    len, 0, &sp);

		if (rc <= 0)
			return rc;
	}
	for (size_t i = 0; i < ps->nnots; i++) {
		int rc = matcher_find_in_line(ps->nots[i], s->nots[i], line,
		    len, 0, &sp);

		if (rc != 0)
			return rc < 0 ? rc : 0;
	}
	return 1;
}

/* The next line from `from` that a residual pattern matches. */
static void
residual_next(const struct patset *ps, struct patset_scratch *s, size_t r,
    const char *buf, size_t len, size_t from)
{
	struct residual_next *rn = &s->res[r];
	size_t i = ps->residual[r];

	if (rn->valid && (rn->rc == 0 || rn->line.start >= from))
		return;
	rn->rc = matcher_next_line(ps->subs[i], sub_scratch(s, i), buf, len,
	    from, &rn->line);
	rn->valid = true;
}

/*
 * The first candidate line from `from`: *exact when a residual program
 * found it (no confirmation needed).  0 when there is none.
 */
static int
next_candidate(const struct patset *ps, struct patset_scratch *s,
    const char *buf, size_t len, size_t from, struct span *line, bool *exact)
{
	int best = 0;

	if (ps->strings) {
		if (!s->scanned || from < s->scan_from)
			scan_buffer(ps, s, buf, len, from);
		while (s->icand < s->ncand && s->cand[s->icand] < from)
			s->icand++;
		if (s->icand < s->ncand) {
			size_t end = s->cand[s->icand];
			const char *nl = end > from ?
			    memrchr(buf + from, '\n', end - from) : NULL;

			line->start = nl ? (size_t)(nl - buf) + 1 : from;
			line->end = end;
			*exact = false;
			best = 1;
		}
	}
	for (size_t r = 0; r < ps->nresidual; r++) {
		struct residual_next *rn;

		residual_next(ps, s, r, buf, len, from);
		rn = &s->res[r];
		if (rn->rc == 0)
			continue;
		if (best == 0 || rn->line.start < line->start ||
		    (rn->line.start == line->start && !*exact)) {
			*line = rn->line;
			*exact = true;
			best = rn->rc;
		}
	}
	return best;
}

int
patset_next_line(const struct patset *ps, struct patset_scratch *s,
    const char *buf, size_t len, size_t from, struct span *line)
{
	while (from < len) {
		int rc;
		bool exact = true;

		if (ps->joined != NULL)
			rc = matcher_next_line(ps->joined, s->joined, buf, len,
			    from, line);
		else
			rc = next_candidate(ps, s, buf, len, from, line, &exact);
		if (rc <= 0)
			return rc;
		if (!exact)
			rc = confirm_line(ps, s, buf + line->start,
			    line->end - line->start);
		if (rc > 0)
			rc = conditions_hold(ps, s, buf + line->start,
			    line->end - line->start);
		if (rc != 0)
			return rc;
		from = line->end + 1;
	}
	return 0;
}

static void
add_next(struct patset_scratch *s, size_t pattern)
{
	if (s->nnext == s->capnext) {
		s->capnext = s->capnext ? s->capnext * 2 : 64;
		s->next = xreallocarray(s->next, s->capnext, sizeof(*s->next));
	}
	s->next[s->nnext].pattern = pattern;
	s->next[s->nnext].state = 0;
	s->nnext++;
}

/* Pattern i may match in the line: once a candidate for its spans. */
static void
add_candidate(struct patset_scratch *s, size_t i)
{
	if (s->stamp[i] != s->now) {
		s->stamp[i] = s->now;
		add_next(s, i);
	}
}

static int
on_collect_hit(unsigned id, size_t to, void *ctx)
{
	struct patset_scratch *s = ctx;
	const struct hs_id *hid = &s->ps->ids[id];

	if (hid->pattern == KELVIN) {
		for (size_t k = 0; k < s->ps->nkelvin; k++)
			add_candidate(s, s->ps->kelvin[k]);
		return 0;
	}
	if (!hid->exact) {
		add_candidate(s, hid->pattern);
		return 0;
	}
	if (s->nhits == s->caphits) {
		s->caphits = s->caphits ? s->caphits * 2 : 64;
		s->hits = xreallocarray(s->hits, s->caphits, sizeof(*s->hits));
	}
	s->hits[s->nhits].start = to - hid->len;
	s->hits[s->nhits].end = to;
	s->hits[s->nhits].pattern = hid->pattern;
	s->nhits++;
	return 0;
}

/* Leftmost first; at one start, longest first. */
static int
hit_order(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	return x->pattern < y->pattern ? -1 : x->pattern > y->pattern;
}

int
patset_begin_line(const struct patset *ps, struct patset_scratch *s,
    const char *line, size_t len)
{
	s->nhits = s->ihit = s->nnext = 0;
	if (!ps->strings) {
		for (size_t i = 0; i < ps->n; i++)
			add_next(s, i);
		return 0;
	}
	next_stamp(s);
	for (size_t r = 0; r < ps->nresidual; r++) {
		s->stamp[ps->residual[r]] = s->now;
		add_next(s, ps->residual[r]);
	}
	scan_strings(ps, s, line, len, on_collect_hit, s);
	if (s->nhits > 1)
		qsort(s->hits, s->nhits, sizeof(*s->hits), hit_order);
	return 0;
}

/* Is candidate (start, end) better than the best so far? */
static bool
better(bool have, const struct span *best, size_t start, size_t end)
{
	return !have || start < best->start ||
	    (start == best->start && end > best->end);
}

int
patset_next_span(const struct patset *ps, struct patset_scratch *s,
    const char *line, size_t len, size_t start, struct span *match,
    size_t *pattern)
{
	bool have = false;
	size_t who = SIZE_MAX;

	while (s->ihit < s->nhits && s->hits[s->ihit].start < start)
		s->ihit++;
	if (s->ihit < s->nhits) {
		match->start = s->hits[s->ihit].start;
		match->end = s->hits[s->ihit].end;
		who = s->hits[s->ihit].pattern;
		have = true;
	}
	for (size_t c = 0; c < s->nnext; c++) {
		struct next_match *nm = &s->next[c];

		if (nm->state == 0 || (nm->state == 1 &&
		    nm->span.start < start)) {
			int rc = matcher_find_span(ps->subs[nm->pattern],
			    sub_scratch(s, nm->pattern), line, len, start,
			    &nm->span, NULL);

			if (rc < 0)
				return rc;
			nm->state = rc > 0 ? 1 : 2;
		}
		if (nm->state == 1 &&
		    better(have, match, nm->span.start, nm->span.end)) {
			*match = nm->span;
			who = nm->pattern;
			have = true;
		}
	}
	if (pattern != NULL)
		*pattern = who;
	return have ? 1 : 0;
}

int
patset_line_patterns(const struct patset *ps, struct patset_scratch *s,
    const char *line, size_t len, bool *seen)
{
	int rc = patset_begin_line(ps, s, line, len);

	if (rc < 0)
		return rc;
	for (size_t h = 0; h < s->nhits; h++)
		seen[s->hits[h].pattern] = true;
	for (size_t c = 0; c < s->nnext; c++) {
		size_t i = s->next[c].pattern;

		if (seen[i])
			continue;
		rc = sub_matches(ps, s, i, line, len);
		if (rc < 0)
			return rc;
		seen[i] = rc > 0;
	}
	return 0;
}
