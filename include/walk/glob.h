/*
 * glob.h - shell/gitignore-style glob patterns.
 *
 * Syntax: '*' any run of characters except '/'; '?' one character (one
 * UTF-8 character, or one byte with GLOB_BYTES) except '/'; '[...]' a class with ranges, '!' or '^'
 * negation and ']' first taken literally; '\' escapes the next character;
 * '**' as in gitignore: a leading "**" followed by '/' matches in every
 * directory, a trailing '/' then "**" matches everything inside, and '/'
 * "**" '/' in the middle matches zero or more directories; any other "**"
 * acts like '*'.
 * Matching is against a whole '/'-separated relative path (or a base name).
 */
#ifndef ISOGREP_GLOB_H
#define ISOGREP_GLOB_H

#include <stdbool.h>
#include <stddef.h>

enum {
	GLOB_CASEFOLD = 1, /* ASCII letters match either case */
	GLOB_BYTES = 2,    /* '?' and classes take one byte, as in git */
};

struct glob;

/*
 * Compile pattern[0, len).  NULL on an invalid glob (an unclosed '[', a
 * trailing lone '\'), with a static message saying why in *err.
 */
struct glob *glob_compile(const char *pattern, size_t len, unsigned flags,
    const char **err);

/* Does the whole of s[0, len) match? */
bool glob_match(const struct glob *g, const char *s, size_t len);

void glob_free(struct glob *g);

#endif
