/*
 * posix_syntax.h - GNU grep's basic and extended regular expressions,
 * rewritten as PCRE2 patterns that match the same strings.
 */
#ifndef ISOGREP_POSIX_SYNTAX_H
#define ISOGREP_POSIX_SYNTAX_H

#include <stdbool.h>
#include <stddef.h>

#include "base/outbuf.h"
#include "match/pattern.h"

enum {
	POSIX_SYNTAX_ERR_SIZE = 128,
};

/*
 * Append to out the PCRE2 form of the pattern text[0, len) written in
 * syntax (SYNTAX_BRE or SYNTAX_ERE, with GNU grep's extensions).  caseless
 * says whether the pattern will be matched ignoring case: grep then reads
 * [[:upper:]] and [[:lower:]] as [[:alpha:]].  The result is meant for
 * PCRE2_UTF | PCRE2_UCP and is valid wherever it is placed in a larger
 * pattern (inside a group, beside others).  On a pattern grep refuses,
 * returns false with grep's message in err; out is then unspecified.
 */
bool posix_syntax_translate(const char *text, size_t len,
    enum pattern_syntax syntax, bool caseless, struct outbuf *out,
    char err[POSIX_SYNTAX_ERR_SIZE]);

#endif
