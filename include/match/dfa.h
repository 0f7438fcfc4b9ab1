/*
 * dfa.h - an ASCII lazy DFA that decides most lines without PCRE2.
 *
 * The DFA understands ASCII only.  A line made of ASCII bytes is decided
 * exactly (match or not, as PCRE2 would decide that line alone); a line on
 * which the DFA meets a byte >= 0x80 before it can decide is handed back as
 * "maybe", for PCRE2 to settle.  Source code is nearly all ASCII, so PCRE2
 * runs on few lines.
 *
 * The compiled struct dfa is read-only and shared by all threads; each
 * thread builds DFA states on demand in its own struct dfa_cache.
 */
#ifndef ISOGREP_DFA_H
#define ISOGREP_DFA_H

#include <stdbool.h>
#include <stddef.h>

#include "match/matcher.h"

struct dfa;
struct dfa_cache;

/*
 * Compile program, the exact text the matcher gives PCRE2 (flags
 * PCRE2_UTF, PCRE2_UCP, PCRE2_MATCH_INVALID_UTF, PCRE2_MULTILINE, plus
 * PCRE2_CASELESS when caseless).  NULL when the pattern uses anything the
 * DFA does not model (see regex_syntax.h) or is too big: then PCRE2 alone
 * is used.
 */
struct dfa *dfa_compile(const char *program, size_t len, bool caseless);

void dfa_free(struct dfa *dfa);

/* One thread's states; NULL on ENOMEM. */
struct dfa_cache *dfa_cache_new(const struct dfa *dfa);
void dfa_cache_free(struct dfa_cache *cache);

enum dfa_result { DFA_NONE = 0, DFA_MATCH = 1, DFA_MAYBE = 2 };

/*
 * The first line of buf[from, len) (from is a line start) that matches
 * (DFA_MATCH), or that holds a byte >= 0x80 before the DFA could decide it
 * (DFA_MAYBE: PCRE2 must tell); *line is that line without its '\n'.
 * DFA_NONE when no line of the rest can match.
 */
enum dfa_result dfa_next_line(const struct dfa *dfa, struct dfa_cache *cache,
    const char *buf, size_t len, size_t from, struct span *line);

#endif
