/*
 * matcher.c - the PCRE2 adapter.
 *
 * The matching layer (src/match/): what a pattern means and where it
 * matches in a buffer -- PCRE2, the literal prefilter, the ASCII DFA, the
 * translation of grep's BRE and ERE.  No files, no threads, no output:
 * the fuzzers and the DFA tests drive it on plain buffers.
 *
 * One pattern, or a few that can share an alternation (-F strings, -E
 * and -G patterns without back-references), become one PCRE2 program,
 * compiled once (with JIT) before any isolate starts and then only read.
 * Anything else -- patterns that must stay apart, large lists, --and and
 * --not -- is a pattern set (patset.h), which this file hands the query
 * to.  Each isolate owns a scratch: its match data, match context and
 * JIT stack.
 *
 * Finding matching lines.  Calling PCRE2 once per line costs a call per
 * line, so the program is compiled with PCRE2_MULTILINE and run over the
 * whole buffer: the first match found gives a candidate line, which is then
 * confirmed by matching that line alone (a match may run past the line's
 * newline, as with \s or [^a]).  Leftmost-first search guarantees that no
 * earlier line could have matched on its own -- for patterns whose meaning
 * at a line edge does not depend on the text beyond it.  Patterns that look
 * past the line (lookaround, \A, \z, \Z, \G, \K, backtracking verbs) or
 * that may swallow a newline atomically (atomic groups, possessive
 * quantifiers, \R, \X) are
 * matched one line at a time instead, as are buffers where the whole-buffer
 * run hits a PCRE2 limit.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "match/matcher.h"

#include <ctype.h>
#include <limits.h>
#include <pcre2.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/escape.h"
#include "base/outbuf.h"
#include "base/xmalloc.h"
#include "match/dfa.h"
#include "match/literal.h"
#include "match/patset.h"
#include "match/nul_records.h"
#include "match/posix_syntax.h"

struct matcher {
	struct patset *set; /* the patterns are a set: it does everything */
	size_t npatterns;
	pcre2_code *code;  /* NULL: no patterns, nothing matches */
	bool buffer_scan;  /* whole-buffer candidate search is exact */
	size_t literal_span;  /* see matcher_literal_span */
	struct literal_set *literals; /* required strings, or NULL */
	struct dfa *dfa;   /* ASCII line filter, or NULL (see dfa.h) */
	uint32_t match_limit; /* 0: PCRE2's default */
	uint32_t depth_limit;
	bool multiline;    /* -U: see matcher_find_multiline */
	bool longest;      /* POSIX syntax: -o reports leftmost-longest */
	pcre2_code *longest_code; /* the program for longest_at */
	bool longest_backtrack; /* it has back-references: see longest_at */
	struct pattern *translated; /* -E/-G patterns as PCRE2, or NULL */
	size_t ntranslated;
	struct pattern *nul_rewritten; /* --null-data's (nul_records.h) */
	size_t nnul_rewritten;
	bool crlf;         /* --crlf: see line_text */
};

struct matcher_scratch {
	struct patset_scratch *set; /* for a set */
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	pcre2_jit_stack *jit_stack;
	size_t jit_max;    /* the JIT stack's current maximum size */
	struct literal_cursor cursor; /* prefilter state in the buffer */
	size_t last_from;
	struct dfa_cache *dfa_cache; /* the DFA's states, when m->dfa */
	int *dfa_workspace; /* pcre2_dfa_match's, when m->longest */
	/*
	 * The match run_line found in the line matcher_next_line returned
	 * last: a sink listing that line's matches starts from it instead
	 * of running PCRE2 over the same line again.  Valid until the next
	 * matcher_next_line or matcher_new_buffer (the buffer may change).
	 */
	struct {
		const struct matcher *m;
		const char *line;
		size_t len;
		struct span match;
	} last;
};

enum {
	JIT_STACK_START = 32 * 1024,
	JIT_STACK_FIRST_MAX = 1024 * 1024,
	JIT_STACK_CAP = 64 * 1024 * 1024, /* doubling stops here */
	DFA_WORKSPACE = 4096, /* ints; a bigger need falls back (see longest_at) */
};

/* Does text contain an uppercase letter (any script)? */
static bool
text_has_uppercase(const char *text, size_t len)
{
	static const char upper[] = "[\\p{Lu}\\p{Lt}]";
	int err;
	PCRE2_SIZE erroff;
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)upper, sizeof(upper) - 1,
	    PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &err, &erroff, NULL);
	pcre2_match_data *md;
	int rc;

	if (code == NULL)
		diag_fatal("cannot compile the smart-case check");
	md = xnonnull(pcre2_match_data_create_from_pattern(code, NULL));
	rc = pcre2_match(code, (PCRE2_SPTR)(len ? text : ""), len, 0, 0, md,
	    NULL);
	pcre2_match_data_free(md);
	pcre2_code_free(code);
	return rc >= 0;
}

/*
 * Does the pattern contain an uppercase letter outside an escape?  Escapes
 * (\S, \W, \p{Greek}, \x{41}, \N{U+41}) are dropped before looking.
 */
static bool
has_uppercase(const struct pattern *p)
{
	struct outbuf plain = OUTBUF_INIT;
	bool upper;

	for (size_t i = 0; i < p->len; i++) {
		if (p->text[i] == '\\' && i + 1 < p->len) {
			char next = p->text[++i];

			if ((next == 'p' || next == 'P' || next == 'x' ||
			    next == 'N') && i + 1 < p->len &&
			    p->text[i + 1] == '{') {
				while (i < p->len && p->text[i] != '}')
					i++;
			}
			continue;
		}
		outbuf_putc(&plain, p->text[i]);
	}
	upper = text_has_uppercase(plain.data, plain.len);
	outbuf_free(&plain);
	return upper;
}

/* Append p as a literal: every ASCII punctuation byte escaped. */
static void
append_escaped(struct outbuf *out, const struct pattern *p)
{
	for (size_t i = 0; i < p->len; i++) {
		unsigned char c = (unsigned char)p->text[i];

		if (c == 0) {
			outbuf_puts(out, "\\x00");
			continue;
		}
		if (c < 0x80 && !isalnum(c) && c != '_')
			outbuf_putc(out, '\\');
		outbuf_putc(out, (char)c);
	}
}

/* Does s[0, len) contain any byte of set? */
static bool
strpbrk_len(const char *s, size_t len, const char *set)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != '\0' && strchr(set, s[i]) != NULL)
			return true;
	return false;
}

static bool
contains(const struct pattern *p, const char *needle)
{
	size_t n = strlen(needle);

	return p->len >= n && memmem(p->text, p->len, needle, n) != NULL;
}

/*
 * Does an option setting turn multiline off ("(?-m)", "(?i-sm:", "(?^)")?
 * Then ^ and $ no longer see line edges inside a buffer.
 */
static bool
unsets_multiline(const struct pattern *p)
{
	for (size_t i = 0; i + 2 < p->len; i++) {
		bool unset = false;

		if (p->text[i] != '(' || p->text[i + 1] != '?')
			continue;
		for (size_t j = i + 2; j < p->len && (isalpha((unsigned char)
		    p->text[j]) || p->text[j] == '-' || p->text[j] == '^'); j++) {
			if (p->text[j] == '^')
				return true;
			if (p->text[j] == '-')
				unset = true;
			else if (p->text[j] == 'm' && unset)
				return true;
		}
	}
	return false;
}

/*
 * Can a whole-buffer search miss a line that matches on its own?  Only when
 * the pattern can see past a line edge without consuming it.  This errs on
 * the side of "unsafe": a false alarm only costs speed.
 */
static bool
pattern_sees_past_line(const struct pattern *p)
{
	static const char *const risky[] = {
		"(?=", "(?!", "(?<", "(*", "(?C", "\\A", "\\z", "\\Z", "\\G",
		"\\K", "\\R", "\\X", "(?>", "++", "*+", "?+", "}+",
	};

	for (size_t i = 0; i < sizeof(risky) / sizeof(risky[0]); i++)
		if (contains(p, risky[i]))
			return true;
	return unsets_multiline(p);
}

static uint32_t
compile_flags(const struct match_config *mc)
{
	uint32_t flags = PCRE2_MULTILINE | PCRE2_UTF | PCRE2_MATCH_INVALID_UTF |
	    PCRE2_UCP;
	bool caseless = mc->case_mode == CASE_INSENSITIVE;

	if (mc->case_mode == CASE_SMART) {
		caseless = true;
		for (size_t i = 0; i < mc->npatterns; i++)
			if (has_uppercase(&mc->patterns[i]))
				caseless = false;
	}
	if (caseless)
		flags |= PCRE2_CASELESS;
	if (mc->multiline && mc->multiline_dotall)
		flags |= PCRE2_DOTALL;
	return flags;
}

static bool
is_utf_error(int code)
{
	return code <= PCRE2_ERROR_UTF8_ERR1 && code >= PCRE2_ERROR_UTF8_ERR21;
}

/*
 * Compile, falling back to byte semantics when the pattern itself is not
 * valid UTF-8 (a Latin-1 -F string, say).
 */
static pcre2_code *
compile_text(const char *text, size_t len, uint32_t flags,
    pcre2_compile_context *cctx, int *err, PCRE2_SIZE *erroff)
{
	pcre2_code *code;

	/* PCRE2 refuses a NULL pattern even when it is empty. */
	if (text == NULL)
		text = "";
	code = pcre2_compile((PCRE2_SPTR)text, len, flags, err, erroff, cctx);

	if (code == NULL && is_utf_error(*err))
		code = pcre2_compile((PCRE2_SPTR)text, len,
		    flags & ~(uint32_t)(PCRE2_UTF | PCRE2_MATCH_INVALID_UTF |
		    PCRE2_UCP), err, erroff, cctx);
	return code;
}

/* "FILE:LINE: " for a pattern read from a -f file, else "". */
static void
pattern_origin(const struct pattern *p, char *buf, size_t size)
{
	if (p->file != NULL)
		snprintf(buf, size, "%s:%lu: ", p->file, p->line);
	else
		buf[0] = '\0';
}

/* Say in err what is wrong with p (PCRE2's code err at erroff). */
static void
describe_bad_pattern(const struct pattern *p, int err, PCRE2_SIZE erroff,
    struct matcher_error *e)
{
	PCRE2_UCHAR msg[256];
	struct outbuf text = OUTBUF_INIT;
	char where[300];
	char tail[64];
	size_t n;

	pcre2_get_error_message(err, msg, sizeof(msg));
	pattern_origin(p, where, sizeof(where));
	outbuf_puts(&text, where);
	outbuf_puts(&text, "invalid pattern '");
	escape_append(&text, p->text ? p->text : "", p->len > 200 ? 200 :
	    p->len);
	outbuf_puts(&text, "': ");
	outbuf_puts(&text, (const char *)msg);
	snprintf(tail, sizeof(tail), " at offset %zu", (size_t)erroff);
	outbuf_puts(&text, tail);
	/* Cut to fit; the pattern's text is at most 200 bytes of it. */
	n = text.len < sizeof(e->message) - 1 ? text.len :
	    sizeof(e->message) - 1;
	memcpy(e->message, text.data, n);
	e->message[n] = '\0';
	outbuf_free(&text);
}

/*
 * Check each pattern alone, so errors name the pattern and its offset;
 * false with the first error in e.
 */
static bool
validate_patterns(const struct match_config *mc, uint32_t flags,
    struct matcher_error *e)
{
	/* A huge -f list is checked as a whole below, not pattern by pattern. */
	if (mc->fixed_strings || mc->npatterns > 1000)
		return true;
	for (size_t i = 0; i < mc->npatterns; i++) {
		const struct pattern *p = &mc->patterns[i];
		int err;
		PCRE2_SIZE erroff;
		pcre2_code *code = compile_text(p->text, p->len, flags, NULL,
		    &err, &erroff);

		if (code == NULL) {
			describe_bad_pattern(p, err, erroff, e);
			return false;
		}
		pcre2_code_free(code);
	}
	return true;
}

/*
 * Could the pattern leave an extended-mode comment open at its end?  Then
 * a wrapper's closing parenthesis needs a newline before it.  (Only then:
 * outside extended mode a newline is a literal that must match.)
 */
static bool
may_open_comment(const struct pattern *p)
{
	if (memchr(p->text, '#', p->len) == NULL)
		return false;
	for (size_t i = 0; i + 2 < p->len; i++) {
		if (p->text[i] != '(' || p->text[i + 1] != '?')
			continue;
		for (size_t j = i + 2; j < p->len && (isalpha((unsigned char)
		    p->text[j]) || p->text[j] == '-' || p->text[j] == '^'); j++)
			if (p->text[j] == 'x')
				return true;
	}
	return false;
}

/*
 * The length of the (*VERB)s that open p: PCRE2 reads them only at the
 * very start, so a wrapper goes after them.
 */
static size_t
leading_verbs(const struct pattern *p)
{
	size_t i = 0;

	while (i + 2 < p->len && p->text[i] == '(' && p->text[i + 1] == '*' &&
	    isupper((unsigned char)p->text[i + 2])) {
		const char *close = memchr(p->text + i, ')', p->len - i);

		if (close == NULL)
			break;
		i = (size_t)(close - p->text) + 1;
	}
	return i;
}

/* Does p end inside \Q...?  Then a wrapper's closing needs \E first. */
static bool
open_quote_at_end(const struct pattern *p)
{
	bool quoted = false;

	for (size_t i = 0; i + 1 < p->len; i++) {
		if (p->text[i] != '\\')
			continue;
		if (quoted) {
			if (p->text[i + 1] == 'E')
				quoted = false;
			i++;
			continue;
		}
		if (p->text[i + 1] == 'Q')
			quoted = true;
		i++;
	}
	return quoted;
}

/*
 * Append one pattern; wrapped in a group when others or -w surround it.
 * skip: bytes at its start already written (its leading verbs).
 */
static void
append_pattern(struct outbuf *out, const struct match_config *mc,
    const struct pattern *p, bool wrap, size_t skip)
{
	if (mc->fixed_strings) {
		append_escaped(out, p);
		return;
	}
	if (wrap)
		outbuf_puts(out, "(?:");
	outbuf_append(out, p->text + skip, p->len - skip);
	if (wrap && open_quote_at_end(p))
		outbuf_puts(out, "\\E");
	if (wrap)
		outbuf_puts(out, may_open_comment(p) ? "\n)" : ")");
}

/*
 * One regular expression: the alternation of all patterns (only patterns
 * that can be joined: patset_join_safe).  -w wraps it as grep does,
 * "(?<!\w)(?:...)(?!\w)", after a single pattern's leading verbs; -x is
 * PCRE2_EXTRA_MATCH_LINE.
 */
static void
build_program(const struct match_config *mc, struct outbuf *out)
{
	bool word = mc->word && !mc->line;
	bool wrap = word || mc->npatterns > 1;
	size_t verbs = 0;

	if (mc->npatterns == 1 && !mc->fixed_strings) {
		verbs = leading_verbs(&mc->patterns[0]);
		outbuf_append(out, mc->patterns[0].text, verbs);
	}
	if (word)
		outbuf_puts(out, "(?<!\\w)(?:");
	for (size_t i = 0; i < mc->npatterns; i++) {
		if (i > 0)
			outbuf_putc(out, '|');
		append_pattern(out, mc, &mc->patterns[i], wrap,
		    i == 0 ? verbs : 0);
	}
	if (word)
		outbuf_puts(out, ")(?!\\w)");
}

/* Bytes the longest match can span when every pattern is a plain string. */
static size_t
literal_span(const struct match_config *mc, uint32_t flags)
{
	size_t longest = 0;

	if (mc->word || mc->line)
		return 0;
	for (size_t i = 0; i < mc->npatterns; i++) {
		const struct pattern *p = &mc->patterns[i];

		if (!mc->fixed_strings &&
		    strpbrk_len(p->text, p->len, "\\^$.|?*+()[]{}"))
			return 0;
		if (p->len > longest)
			longest = p->len;
	}
	/* A caseless match may use longer encodings of the same letters. */
	return (flags & PCRE2_CASELESS) ? longest * 4 : longest;
}

/*
 * The ASCII DFA for the program, when it can stand in for PCRE2 on ASCII
 * lines: the program was compiled as UTF (not as bytes), has no -w
 * lookarounds, and the limits are PCRE2's own (with --match-limit or
 * --depth-limit the user asks for PCRE2's behaviour at its limits).
 */
static struct dfa *
compile_dfa(const struct matcher *m, const struct match_config *mc,
    const struct outbuf *program, uint32_t flags)
{
	uint32_t options = 0;
	struct outbuf text = OUTBUF_INIT;
	struct dfa *dfa;

	if (m->literals != NULL || mc->word || mc->match_limit > 0 ||
	    mc->depth_limit > 0 ||
	    pcre2_pattern_info(m->code, PCRE2_INFO_ALLOPTIONS, &options) != 0 ||
	    (options & PCRE2_UTF) == 0)
		return NULL;
	/* PCRE2_EXTRA_MATCH_LINE is "^(?:" and ")$" around the pattern. */
	if (mc->line)
		outbuf_puts(&text, "^(?:");
	outbuf_append(&text, program->data, program->len);
	if (mc->line)
		outbuf_puts(&text, ")$");
	dfa = dfa_compile(text.data, text.len, (flags & PCRE2_CASELESS) != 0);
	outbuf_free(&text);
	return dfa;
}

/*
 * -E and -G: rewrite every pattern in PCRE2 syntax into *out (whose
 * patterns m keeps), so that everything after this reads PCRE2 only.
 * NULL for a pattern grep would refuse, with grep's message in e.
 */
static const struct match_config *
translate_posix(struct matcher *m, const struct match_config *mc,
    bool caseless, struct match_config *out, struct matcher_error *e)
{
	*out = *mc;
	out->syntax = SYNTAX_PCRE2;
	m->translated = xcalloc(mc->npatterns, sizeof(*m->translated));
	for (size_t i = 0; i < mc->npatterns; i++) {
		struct outbuf text = OUTBUF_INIT;
		char err[POSIX_SYNTAX_ERR_SIZE];

		if (!posix_syntax_translate(mc->patterns[i].text,
		    mc->patterns[i].len, mc->syntax, caseless, &text, err)) {
			char where[300];

			outbuf_free(&text);
			pattern_origin(&mc->patterns[i], where, sizeof(where));
			snprintf(e->message, sizeof(e->message), "%s%s", where,
			    err);
			return NULL;
		}
		outbuf_reserve(&text, 1); /* an empty pattern is "", not NULL */
		m->translated[i].text = outbuf_take(&text, &m->translated[i].len);
		m->ntranslated++;
	}
	out->patterns = m->translated;
	return out;
}

/*
 * --null-data: every pattern rewritten into *out (whose patterns m
 * keeps) for a buffer whose records' newlines are NUL bytes.  orig is
 * the configuration as the user gave it (mc may be its translation).
 */
static const struct match_config *
rewrite_nul_records(struct matcher *m, const struct match_config *orig,
    const struct match_config *mc, struct match_config *out)
{
	*out = *mc;
	m->nul_rewritten = xcalloc(mc->npatterns, sizeof(*m->nul_rewritten));
	for (size_t i = 0; i < mc->npatterns; i++) {
		struct outbuf text = OUTBUF_INIT;

		nul_records_rewrite(mc->patterns[i].text, mc->patterns[i].len,
		    nul_records_dotall(orig), &text);
		outbuf_reserve(&text, 1); /* an empty pattern is "", not NULL */
		m->nul_rewritten[i] = mc->patterns[i];
		m->nul_rewritten[i].text = outbuf_take(&text,
		    &m->nul_rewritten[i].len);
		m->nnul_rewritten++;
	}
	out->patterns = m->nul_rewritten;
	return out;
}

static void
free_patterns(struct pattern *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free((char *)p[i].text);
	free(p);
}

/*
 * The program that finds the longest match at a given start (see
 * longest_at).  pcre2_dfa_match knows no back-references and no
 * PCRE2_MATCH_INVALID_UTF: it gets its own copy, for lines that are valid
 * UTF-8.  A program with back-references instead ends in a callout that
 * records where each way of matching ends and rejects it, so that the
 * backtracking matcher tries them all.
 */
static void
compile_longest(struct matcher *m, const struct outbuf *program,
    uint32_t flags)
{
	uint32_t backrefs = 0;
	struct outbuf text = OUTBUF_INIT;
	int err;
	PCRE2_SIZE erroff;

	if (pcre2_pattern_info(m->code, PCRE2_INFO_BACKREFMAX, &backrefs) != 0)
		return;
	m->longest_backtrack = backrefs > 0;
	if (m->longest_backtrack) {
		outbuf_puts(&text, "(?:");
		outbuf_append(&text, program->data, program->len);
		outbuf_puts(&text, ")(?C1)");
		/* Those optimisations skip ways of matching: keep them all. */
		flags |= PCRE2_NO_AUTO_POSSESS | PCRE2_NO_START_OPTIMIZE;
	} else {
		outbuf_append(&text, program->data, program->len);
		flags &= ~(uint32_t)PCRE2_MATCH_INVALID_UTF;
	}
	m->longest_code = pcre2_compile((PCRE2_SPTR)text.data, text.len, flags,
	    &err, &erroff, NULL);
	if (m->longest_code != NULL && m->longest_backtrack)
		pcre2_jit_compile(m->longest_code, PCRE2_JIT_COMPLETE);
	outbuf_free(&text);
}

struct matcher *
matcher_compile(const struct match_config *mc, struct matcher_error *e)
{
	struct matcher *m;

	if (!patset_wanted(mc))
		return matcher_compile_single(mc, true, e);
	m = xcalloc(1, sizeof(*m));
	m->npatterns = mc->npatterns;
	m->set = patset_compile(mc,
	    (compile_flags(mc) & PCRE2_CASELESS) != 0, e);
	if (m->set == NULL) {
		free(m);
		return NULL;
	}
	return m;
}

struct matcher *
matcher_compile_single(const struct match_config *mc, bool jit,
    struct matcher_error *e)
{
	struct matcher *m = xcalloc(1, sizeof(*m));
	struct outbuf program = OUTBUF_INIT;
	uint32_t flags = compile_flags(mc);
	const struct match_config *orig = mc;
	struct match_config translated, rewritten;
	bool posix;
	pcre2_compile_context *cctx;
	int err;
	PCRE2_SIZE erroff;

	m->match_limit = mc->match_limit;
	m->depth_limit = mc->depth_limit;
	m->npatterns = mc->npatterns;
	if (mc->npatterns == 0)
		return m;
	/* Joined -F strings: -o takes the longest at the leftmost start. */
	if (mc->fixed_strings && mc->npatterns > 1)
		m->longest = true;
	posix = !mc->fixed_strings && mc->syntax != SYNTAX_PCRE2;
	if (posix) {
		mc = translate_posix(m, mc, (flags & PCRE2_CASELESS) != 0,
		    &translated, e);
		if (mc == NULL)
			goto fail;
		m->longest = true;
	}
	if (!validate_patterns(mc, flags, e))
		goto fail;
	if (mc->null_data && !mc->fixed_strings)
		mc = rewrite_nul_records(m, orig, mc, &rewritten);
	build_program(mc, &program);
	cctx = xnonnull(pcre2_compile_context_create(NULL));
	if (mc->line)
		pcre2_set_compile_extra_options(cctx, PCRE2_EXTRA_MATCH_LINE);
	m->code = compile_text(program.data, program.len, flags, cctx, &err,
	    &erroff);
	pcre2_compile_context_free(cctx);
	if (m->code == NULL) {
		struct pattern whole = {.text = program.data, .len = program.len};

		/* Each pattern alone was fine: together they are too many. */
		if (mc->npatterns > 1 && err == PCRE2_ERROR_PATTERN_TOO_LARGE)
			snprintf(e->message, sizeof(e->message), "%zu patterns "
			    "are too many to combine into one regular "
			    "expression (PCRE2: regular expression is too "
			    "large)", mc->npatterns);
		else {
			if (mc->npatterns == 1 && !mc->fixed_strings)
				whole = mc->patterns[0];
			describe_bad_pattern(&whole, err, erroff, e);
		}
		outbuf_free(&program);
		goto fail;
	}
	/* Without JIT (unsupported CPU) the interpreter still works. */
	m->multiline = mc->multiline;
	if (jit)
		pcre2_jit_compile(m->code, PCRE2_JIT_COMPLETE |
		    (m->multiline ? PCRE2_JIT_PARTIAL_HARD : 0));
	/* With -x the one possible match is the whole line. */
	if (m->longest && !mc->line)
		compile_longest(m, &program, flags);
	m->longest = m->longest_code != NULL;

	m->literal_span = literal_span(mc, flags);
	/* --crlf: each line is matched alone, without its CR. */
	m->crlf = mc->crlf;
	if (jit) {
		m->literals = literal_extract(mc,
		    (flags & PCRE2_CASELESS) != 0);
		m->dfa = m->crlf ? NULL : compile_dfa(m, mc, &program, flags);
	}
	outbuf_free(&program);
	/*
	 * -w's lookarounds meet a PCRE2 10.42 JIT bug next to invalid UTF-8
	 * in a whole buffer (a line after "\n" then an invalid byte is
	 * missed); alone, each line is matched right.
	 */
	m->buffer_scan = !mc->word && !mc->crlf;
	for (size_t i = 0; i < mc->npatterns; i++)
		if (!mc->fixed_strings &&
		    pattern_sees_past_line(&mc->patterns[i]))
			m->buffer_scan = false;
	return m;
fail:
	matcher_free(m);
	return NULL;
}

void
matcher_free(struct matcher *m)
{
	if (m == NULL)
		return;
	patset_free(m->set);
	pcre2_code_free(m->code);
	pcre2_code_free(m->longest_code);
	literal_free(m->literals);
	dfa_free(m->dfa);
	free_patterns(m->translated, m->ntranslated);
	free_patterns(m->nul_rewritten, m->nnul_rewritten);
	free(m);
}

struct matcher_scratch *
matcher_scratch_new(const struct matcher *m)
{
	struct matcher_scratch *s = xcalloc(1, sizeof(*s));

	if (m->set != NULL)
		s->set = patset_scratch_new(m->set);
	if (m->code == NULL)
		return s;
	s->md = xnonnull(pcre2_match_data_create_from_pattern(m->code, NULL));
	s->mctx = xnonnull(pcre2_match_context_create(NULL));
	s->jit_max = JIT_STACK_FIRST_MAX;
	s->jit_stack = xnonnull(pcre2_jit_stack_create(JIT_STACK_START,
	    s->jit_max, NULL));
	if (m->match_limit > 0)
		pcre2_set_match_limit(s->mctx, m->match_limit);
	if (m->depth_limit > 0)
		pcre2_set_depth_limit(s->mctx, m->depth_limit);
	if (m->dfa != NULL)
		s->dfa_cache = xnonnull(dfa_cache_new(m->dfa));
	if (m->longest)
		s->dfa_workspace = xreallocarray(NULL, DFA_WORKSPACE,
		    sizeof(int));
	pcre2_jit_stack_assign(s->mctx, NULL, s->jit_stack);
	return s;
}

struct matcher_scratch *
matcher_scratch_new_shared(struct matcher *const *subs, size_t n)
{
	struct matcher_scratch *s = xcalloc(1, sizeof(*s));
	uint32_t most = 0;
	const struct matcher *any = NULL;

	for (size_t i = 0; i < n; i++) {
		uint32_t groups = 0;

		if (subs[i] == NULL || subs[i]->code == NULL)
			continue;
		any = subs[i];
		if (pcre2_pattern_info(subs[i]->code, PCRE2_INFO_CAPTURECOUNT,
		    &groups) == 0 && groups > most)
			most = groups;
	}
	if (any == NULL)
		return s;
	s->md = xnonnull(pcre2_match_data_create(most + 1, NULL));
	s->mctx = xnonnull(pcre2_match_context_create(NULL));
	s->jit_max = JIT_STACK_FIRST_MAX;
	s->jit_stack = xnonnull(pcre2_jit_stack_create(JIT_STACK_START,
	    s->jit_max, NULL));
	if (any->match_limit > 0)
		pcre2_set_match_limit(s->mctx, any->match_limit);
	if (any->depth_limit > 0)
		pcre2_set_depth_limit(s->mctx, any->depth_limit);
	s->dfa_workspace = xreallocarray(NULL, DFA_WORKSPACE, sizeof(int));
	pcre2_jit_stack_assign(s->mctx, NULL, s->jit_stack);
	return s;
}

void
matcher_scratch_free(struct matcher_scratch *s)
{
	if (s == NULL)
		return;
	patset_scratch_free(s->set);
	pcre2_match_data_free(s->md);
	pcre2_match_context_free(s->mctx);
	pcre2_jit_stack_free(s->jit_stack);
	literal_cursor_free(&s->cursor);
	dfa_cache_free(s->dfa_cache);
	free(s->dfa_workspace);
	free(s);
}

/* Double the isolate's JIT stack, up to the cap; false when it cannot. */
static bool
grow_jit_stack(struct matcher_scratch *s)
{
	pcre2_jit_stack *bigger;

	if (s->jit_max >= JIT_STACK_CAP)
		return false;
	bigger = pcre2_jit_stack_create(JIT_STACK_START, s->jit_max * 2, NULL);
	if (bigger == NULL)
		return false;
	pcre2_jit_stack_assign(s->mctx, NULL, bigger);
	pcre2_jit_stack_free(s->jit_stack);
	s->jit_stack = bigger;
	s->jit_max *= 2;
	return true;
}

/*
 * One PCRE2 run with the match options opts; 1 with the match in *match,
 * MATCHER_PARTIAL for a partial one, 0 none, <0 error.
 */
static int
run_opts(const struct matcher *m, struct matcher_scratch *s,
    const char *subject, size_t len, size_t start, uint32_t opts,
    struct span *match)
{
	int rc = pcre2_match(m->code, (PCRE2_SPTR)subject, len, start, opts,
	    s->md, s->mctx);
	PCRE2_SIZE *ov;

	/* Deep recursion in JIT code: more stack, same match again. */
	while (rc == PCRE2_ERROR_JIT_STACKLIMIT && grow_jit_stack(s))
		rc = pcre2_match(m->code, (PCRE2_SPTR)subject, len, start, opts,
		    s->md, s->mctx);

	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc == PCRE2_ERROR_PARTIAL) {
		match->start = pcre2_get_ovector_pointer(s->md)[0];
		match->end = len;
		return MATCHER_PARTIAL;
	}
	if (rc < 0)
		return rc;
	ov = pcre2_get_ovector_pointer(s->md);
	match->start = ov[0];
	/* \K can put the reported start after the end; keep start <= end. */
	match->end = ov[1] < ov[0] ? ov[0] : ov[1];
	return 1;
}

/* One PCRE2 run; 1 with the match in *match, 0 none, <0 error. */
static int
run(const struct matcher *m, struct matcher_scratch *s, const char *subject,
    size_t len, size_t start, struct span *match)
{
	return run_opts(m, s, subject, len, start, 0, match);
}

/*
 * The length of a line's text: with --crlf a final CR belongs to the line
 * end, so that $ matches before it and nothing matches it, while the
 * line is still printed whole.  Matching the line without it is the
 * whole of --crlf (lines are always matched alone then).
 */
static size_t
line_text(const struct matcher *m, const char *line, size_t len)
{
	return m->crlf && len > 0 && line[len - 1] == '\r' ? len - 1 : len;
}

int
matcher_find_in_line(const struct matcher *m, struct matcher_scratch *s,
    const char *line, size_t len, size_t start, struct span *match)
{
	if (m->set != NULL)
		return matcher_find_span(m, s, line, len, start, match, NULL);
	if (m->code == NULL)
		return 0;
	len = line_text(m, line, len);
	if (start > len)
		return 0;
	return run(m, s, line, len, start, match);
}

void
span_list_free(struct span_list *l)
{
	free(l->v);
	l->v = NULL;
	l->len = l->cap = 0;
}

static void
span_list_push(struct span_list *l, struct span sp)
{
	if (l->len == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		l->v = xreallocarray(l->v, cap, sizeof(*l->v));
		l->cap = cap;
	}
	l->v[l->len++] = sp;
}

/* The callout at the end of a longest_code with back-references. */
static int
record_end(pcre2_callout_block *cb, void *data)
{
	size_t *longest = data;

	if (cb->current_position > *longest)
		*longest = cb->current_position;
	return 1; /* fail here: backtrack into the next way of matching */
}

/*
 * POSIX wants the longest of the matches that start leftmost (grep -o -E
 * 'a|ab' prints "ab"); PCRE2 gives the first alternative that matches.
 * pcre2_dfa_match, anchored where the match starts, lists every match
 * there, longest first.  With back-references, the backtracking matcher
 * runs anchored through every way of matching (record_end).  Should
 * either fail (invalid UTF-8 in the line, the workspace too small, a
 * limit), the match found first stands.
 */
static void
longest_at(const struct matcher *m, struct matcher_scratch *s,
    const char *line, size_t len, struct span *sp)
{
	PCRE2_SIZE *ov;
	size_t longest = sp->end;
	int rc;

	if (m->longest_backtrack) {
		pcre2_set_callout(s->mctx, record_end, &longest);
		rc = pcre2_match(m->longest_code, (PCRE2_SPTR)line, len,
		    sp->start, PCRE2_ANCHORED, s->md, s->mctx);
		pcre2_set_callout(s->mctx, NULL, NULL);
		if (rc == PCRE2_ERROR_NOMATCH)
			sp->end = longest;
		return;
	}
	rc = pcre2_dfa_match(m->longest_code, (PCRE2_SPTR)line, len, sp->start,
	    PCRE2_ANCHORED, s->md, s->mctx, s->dfa_workspace, DFA_WORKSPACE);
	ov = pcre2_get_ovector_pointer(s->md);
	/* 0: more matches than the ovector holds; the first is still set. */
	if (rc >= 0 && ov[0] == sp->start && ov[1] > sp->end)
		sp->end = ov[1];
}

/* The first match from start, widened as -o reports it. */
static int
span_from(const struct matcher *m, struct matcher_scratch *s,
    const char *line, size_t len, size_t start, struct span *sp,
    size_t *pattern)
{
	int rc;

	if (m->set != NULL)
		return patset_next_span(m->set, s->set, line, len, start, sp,
		    pattern);
	if (pattern != NULL)
		*pattern = m->npatterns == 1 ? 0 : SIZE_MAX;
	if (m->code == NULL)
		return 0;
	/* The same run on the same line gave this match a moment ago. */
	if (start == 0 && s->last.m == m && s->last.line == line &&
	    s->last.len == len) {
		*sp = s->last.match;
		rc = 1;
	} else {
		rc = run(m, s, line, len, start, sp);
	}
	if (rc > 0 && m->longest)
		longest_at(m, s, line, len, sp);
	return rc;
}

int
matcher_find_span(const struct matcher *m, struct matcher_scratch *s,
    const char *line, size_t len, size_t start, struct span *match,
    size_t *pattern)
{
	if (m->set != NULL) {
		int rc = patset_begin_line(m->set, s->set, line, len);

		if (rc < 0)
			return rc;
	}
	return span_from(m, s, line, len, start, match, pattern);
}

size_t
matcher_npatterns(const struct matcher *m)
{
	return m->npatterns;
}

int
matcher_line_patterns(const struct matcher *m, struct matcher_scratch *s,
    const char *line, size_t len, bool *seen)
{
	struct span sp;
	int rc;

	if (m->set != NULL)
		return patset_line_patterns(m->set, s->set, line, len, seen);
	if (m->npatterns == 0)
		return 0;
	/* One program: a match is a match of every pattern it joins. */
	rc = matcher_find_in_line(m, s, line, len, 0, &sp);
	if (rc < 0)
		return rc;
	for (size_t i = 0; rc > 0 && i < m->npatterns; i++)
		seen[i] = true;
	return 0;
}

int
matcher_line_spans(const struct matcher *m, struct matcher_scratch *s,
    const char *line, size_t len, struct span_list *spans)
{
	size_t at = 0;
	size_t last_end = SIZE_MAX; /* where the last span reported ends */

	spans->len = 0;
	len = line_text(m, line, len);
	if (m->set != NULL) {
		int rc = patset_begin_line(m->set, s->set, line, len);

		if (rc < 0)
			return rc;
	}
	while (at <= len) {
		struct span sp;
		int rc = span_from(m, s, line, len, at, &sp, NULL);

		if (rc < 0)
			return rc;
		if (rc == 0)
			break;
		/*
		 * As ripgrep: an empty match counts, except right where the
		 * one before ended ("a*" on "ab" is "a" at 0 and "" at 2).
		 */
		if (sp.end > sp.start || sp.start != last_end) {
			span_list_push(spans, sp);
			last_end = sp.end;
		}
		if (sp.end > at) {
			at = sp.end;
		} else {
			/* Empty match: step over one whole UTF-8 character. */
			at++;
			while (at < len &&
			    ((unsigned char)line[at] & 0xc0) == 0x80)
				at++;
		}
	}
	return (int)(spans->len > INT_MAX ? INT_MAX : spans->len);
}

/* Does the line buf[line) match on its own?  As run(): 1, 0 or < 0. */
static int
run_line(const struct matcher *m, struct matcher_scratch *s, const char *buf,
    const struct span *line)
{
	const char *text = buf + line->start;
	size_t len = line_text(m, text, line->end - line->start);
	struct span match;
	int rc = run(m, s, text, len, 0, &match);

	if (rc > 0) {
		s->last.m = m;
		s->last.line = text;
		s->last.len = len;
		s->last.match = match;
	}
	return rc;
}

static size_t
line_end_from(const char *buf, size_t len, size_t pos)
{
	const char *nl = memchr(buf + pos, '\n', len - pos);

	return nl ? (size_t)(nl - buf) : len;
}

/* Match lines one at a time: exact for every pattern. */
static int
next_line_each(const struct matcher *m, struct matcher_scratch *s,
    const char *buf, size_t len, size_t from, struct span *line)
{
	while (from < len) {
		int rc;

		line->start = from;
		line->end = line_end_from(buf, len, from);
		rc = run_line(m, s, buf, line);
		if (rc != 0)
			return rc;
		from = line->end + 1;
	}
	return 0;
}

/*
 * With a prefilter: jump to the next line holding a required string and
 * match that line alone.  A line without one cannot match.
 */
static int
next_line_literal(const struct matcher *m, struct matcher_scratch *s,
    const char *buf, size_t len, size_t from, struct span *line)
{
	if (s->cursor.buf != buf || s->cursor.len != len || from < s->last_from)
		literal_cursor_reset(m->literals, &s->cursor, buf, len);
	while (from < len) {
		size_t at = literal_next(m->literals, &s->cursor, from);
		const char *nl;
		int rc;

		if (at >= len)
			break;
		nl = at > from ? memrchr(buf + from, '\n', at - from) : NULL;
		line->start = nl ? (size_t)(nl - buf) + 1 : from;
		line->end = line_end_from(buf, len, at);
		/* The strings are the whole patterns: finding one is a match. */
		rc = m->literal_span > 0 && literal_set_exact(m->literals) &&
		    !m->crlf ?
		    1 : run_line(m, s, buf, line);
		if (rc != 0) {
			s->last_from = line->end + 1;
			return rc;
		}
		from = line->end + 1;
	}
	s->last_from = len;
	return 0;
}

/*
 * With the ASCII DFA: it decides the lines it can; PCRE2 matches the lines
 * it hands back as "maybe" (a byte >= 0x80) alone.
 */
static int
next_line_dfa(const struct matcher *m, struct matcher_scratch *s,
    const char *buf, size_t len, size_t from, struct span *line)
{
	enum dfa_result r;

	while ((r = dfa_next_line(m->dfa, s->dfa_cache, buf, len, from,
	    line)) != DFA_NONE) {
		int rc;

		if (r == DFA_MATCH)
			return 1;
		rc = run_line(m, s, buf, line);
		if (rc != 0)
			return rc;
		from = line->end + 1;
	}
	return 0;
}

void
matcher_new_buffer(struct matcher_scratch *s)
{
	s->cursor.buf = NULL;
	s->last.m = NULL;
	if (s->set != NULL)
		patset_new_buffer(s->set);
}

int
matcher_next_line(const struct matcher *m, struct matcher_scratch *s,
    const char *buf, size_t len, size_t from, struct span *line)
{
	s->last.m = NULL;
	if (m->set != NULL)
		return patset_next_line(m->set, s->set, buf, len, from, line);
	if (m->code == NULL)
		return 0;
	if (m->literals != NULL)
		return next_line_literal(m, s, buf, len, from, line);
	if (m->dfa != NULL)
		return next_line_dfa(m, s, buf, len, from, line);
	if (!m->buffer_scan)
		return next_line_each(m, s, buf, len, from, line);

	while (from < len) {
		struct span match;
		const char *nl;
		int rc = run(m, s, buf, len, from, &match);

		if (rc == 0)
			return 0;
		if (rc < 0)
			return next_line_each(m, s, buf, len, from, line);
		/* An empty match after the final newline is not on any line. */
		if (match.start == len && buf[len - 1] == '\n')
			return 0;
		nl = match.start > from ?
		    memrchr(buf + from, '\n', match.start - from) : NULL;
		line->start = nl ? (size_t)(nl - buf) + 1 : from;
		line->end = line_end_from(buf, len, match.start);
		if (match.end <= line->end)
			return 1;
		/* The match ran past the newline: does the line match alone? */
		rc = run_line(m, s, buf, line);
		if (rc != 0)
			return rc;
		from = line->end + 1;
	}
	return 0;
}

bool
matcher_multiline(const struct matcher *m)
{
	return m->multiline;
}

int
matcher_find_multiline(const struct matcher *m, struct matcher_scratch *s,
    const char *buf, size_t len, size_t from, bool more, struct span *match)
{
	if (m->code == NULL)
		return 0;
	return run_opts(m, s, len ? buf : "", len, from,
	    more ? PCRE2_PARTIAL_HARD : 0, match);
}

size_t
matcher_literal_span(const struct matcher *m)
{
	return m->code != NULL && m->set == NULL ? m->literal_span : 0;
}

void
matcher_error_message(int code, char *buf, size_t size)
{
	PCRE2_UCHAR msg[256];

	if (pcre2_get_error_message(code, msg, sizeof(msg)) < 0)
		snprintf(buf, size, "PCRE2 error %d", code);
	else
		snprintf(buf, size, "%s", (const char *)msg);
}

/*
 * Capture groups, for --replace.  Kept to this block: the match at a span
 * is found again, anchored at its start, and the ovector read.
 */
int
matcher_group_number(const struct matcher *m, const char *name)
{
	int n;

	if (m->code == NULL)
		return -1;
	n = pcre2_substring_number_from_name(m->code, (PCRE2_SPTR)name);
	return n < 0 ? -1 : n;
}

int
matcher_captures(const struct matcher *m, struct matcher_scratch *s,
    const char *line, size_t len, struct span match, struct span *groups,
    size_t ngroups)
{
	PCRE2_SIZE *ov;
	uint32_t count;
	int rc;

	for (size_t i = 0; i < ngroups; i++)
		groups[i].start = groups[i].end = SIZE_MAX;
	if (m->code == NULL)
		return 0;
	rc = pcre2_match(m->code, (PCRE2_SPTR)line, len, match.start,
	    PCRE2_ANCHORED, s->md, s->mctx);
	while (rc == PCRE2_ERROR_JIT_STACKLIMIT && grow_jit_stack(s))
		rc = pcre2_match(m->code, (PCRE2_SPTR)line, len, match.start,
		    PCRE2_ANCHORED, s->md, s->mctx);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0)
		return rc;
	ov = pcre2_get_ovector_pointer(s->md);
	count = pcre2_get_ovector_count(s->md);
	for (size_t i = 0; i < ngroups && i < count; i++)
		if (ov[2 * i] != PCRE2_UNSET && ov[2 * i + 1] >= ov[2 * i]) {
			groups[i].start = ov[2 * i];
			groups[i].end = ov[2 * i + 1];
		}
	/* The span is what was matched, whatever \K or longest made of it. */
	if (ngroups > 0)
		groups[0] = match;
	return 1;
}
