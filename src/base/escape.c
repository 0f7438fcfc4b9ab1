/*
 * escape.c - keeping file names and lines from driving a terminal.
 *
 * A file name or a line can hold escape sequences that retitle a window,
 * move the cursor or worse when written raw to a terminal.  Output to a
 * terminal and every diagnostic go through here; output to a pipe or a
 * file stays byte for byte.
 */
#include "base/escape.h"

static bool
is_c0(unsigned char c)
{
	return (c < 0x20 && c != '\t') || c == 0x7f;
}

/* A C1 control encoded in UTF-8: C2 followed by 80..9F. */
static bool
is_c1_at(const unsigned char *p, size_t left)
{
	return left >= 2 && p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f;
}

bool
escape_needed(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;

	for (size_t i = 0; i < len; i++)
		if (is_c0(p[i]) || is_c1_at(p + i, len - i))
			return true;
	return false;
}

void
escape_append(struct outbuf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	size_t run = 0; /* start of the bytes not yet copied */

	for (size_t i = 0; i < len; i++) {
		if (is_c0(p[i])) {
			outbuf_append(b, s + run, i - run);
			outbuf_putc(b, '^');
			outbuf_putc(b, p[i] == 0x7f ? '?' : (char)(p[i] + '@'));
			run = i + 1;
		} else if (is_c1_at(p + i, len - i)) {
			char u[6] = {'\\', 'u', '0', '0', hex[p[i + 1] >> 4],
			    hex[p[i + 1] & 15]};

			outbuf_append(b, s + run, i - run);
			outbuf_append(b, u, sizeof(u));
			i++;
			run = i + 1;
		}
	}
	outbuf_append(b, s + run, len - run);
}
