/*
 * utf8.h - is a byte string text, as GNU grep judges it in a UTF-8 locale.
 */
#ifndef ISOGREP_UTF8_H
#define ISOGREP_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Is s[0, len) a sequence of whole characters as glibc's UTF-8 decoder
 * reads them (what grep's encoding check asks of mbrlen)?  Overlong forms
 * and surrogates are errors; the old 5- and 6-byte forms up to 0x7FFFFFFF
 * are not, since glibc takes them.
 */
bool utf8_valid(const char *s, size_t len);

/*
 * RFC 3629 UTF-8 only (at most 4 bytes, up to U+10FFFF), as Rust's
 * str::from_utf8 judges it: what --json prints as text, not bytes.
 */
bool utf8_valid_strict(const char *s, size_t len);

#endif
