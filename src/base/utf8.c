/*
 * utf8.c - the encoding check behind grep mode's "binary file matches".
 *
 * GNU grep in a UTF-8 locale does not print a line that is not valid in
 * the locale's encoding; it says that the file is binary instead.  What is
 * valid is what glibc's decoder accepts, which is not quite RFC 3629 (see
 * utf8.h).  It is its own module because the printing layer asks it and
 * nothing in it is about printing.  Lines are mostly ASCII: eight bytes
 * are tested at a time until a byte >= 0x80 turns up.
 */
#include "base/utf8.h"

#include <stdint.h>
#include <string.h>

/* Lowest code point of each sequence length: below it is overlong. */
static const uint32_t utf8_min[7] = {
	0, 0, 0x80, 0x800, 0x10000, 0x200000, 0x4000000,
};

/* The check, with sequences of at most max_n bytes up to max_cp. */
static bool
utf8_check(const char *str, size_t len, size_t max_n, uint32_t max_cp)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		uint64_t word;
		size_t n;
		uint32_t cp;

		if (len - i >= 8) {
			memcpy(&word, s + i, 8);
			if ((word & 0x8080808080808080ULL) == 0) {
				i += 8;
				continue;
			}
		}
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c < 0xc0 || c > 0xfd)
			return false; /* a continuation byte, or 0xfe, 0xff */
		n = c < 0xe0 ? 2 : c < 0xf0 ? 3 : c < 0xf8 ? 4 : c < 0xfc ? 5 : 6;
		if (n > max_n || len - i < n)
			return false;
		cp = c & (0x7f >> n);
		for (size_t k = 1; k < n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if (cp < utf8_min[n] || (cp >= 0xd800 && cp <= 0xdfff) ||
		    cp > max_cp)
			return false;
		i += n;
	}
	return true;
}

bool
utf8_valid(const char *str, size_t len)
{
	return utf8_check(str, len, 6, 0x7fffffff);
}

bool
utf8_valid_strict(const char *str, size_t len)
{
	return utf8_check(str, len, 4, 0x10ffff);
}
