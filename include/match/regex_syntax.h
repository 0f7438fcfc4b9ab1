/*
 * regex_syntax.h - the subset of PCRE2 syntax the lazy DFA understands,
 * parsed into a Thompson NFA over ASCII bytes.
 *
 * The NFA only answers for ASCII text: every consuming node holds the set
 * of ASCII bytes (never '\n') that its atom matches, as PCRE2 itself says
 * (each class-like atom is compiled alone and tried on the 128 bytes), so
 * no Unicode table of our own is involved.  What the subset leaves out
 * (backreferences, lookaround, option settings, \b, ...) makes
 * nfa_compile refuse the pattern rather than guess.
 */
#ifndef ISOGREP_REGEX_SYNTAX_H
#define ISOGREP_REGEX_SYNTAX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A set of ASCII bytes: bit b of bits[b / 64]. */
struct nfa_set {
	uint64_t bits[2];
};

static inline bool
nfa_set_has(const struct nfa_set *s, unsigned b)
{
	return b < 128 && (s->bits[b >> 6] >> (b & 63) & 1) != 0;
}

enum nfa_op {
	NFA_BYTE,   /* consume a byte of sets[set], go to out */
	NFA_SPLIT,  /* go to out and to out1 */
	NFA_EMPTY,  /* go to out */
	NFA_BOL,    /* go to out at the start of a line */
	NFA_EOL,    /* go to out at the end of a line */
	NFA_MATCH,
};

struct nfa_node {
	uint8_t op;
	uint32_t set;
	uint32_t out;
	uint32_t out1;
};

struct nfa {
	struct nfa_node *nodes;
	uint32_t nnodes;
	struct nfa_set *sets;  /* distinct sets, indexed by nfa_node.set */
	uint32_t nsets;
	uint32_t start;
};

/* NFAs bigger than this are refused (x{1000}, long -f lists). */
enum { NFA_MAX_NODES = 4000 };

/*
 * The NFA of program (PCRE2 syntax, compiled by the caller with PCRE2_UTF,
 * PCRE2_UCP, PCRE2_MATCH_INVALID_UTF, PCRE2_MULTILINE and, when caseless,
 * PCRE2_CASELESS), or NULL when the pattern leaves the subset, is too big,
 * or memory runs out.
 */
struct nfa *nfa_compile(const char *program, size_t len, bool caseless);

void nfa_free(struct nfa *nfa);

#endif
