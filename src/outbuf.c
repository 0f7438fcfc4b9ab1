/*
 * outbuf.c - growable output buffers.
 *
 * Isolates format a whole file's output into one of these and send it to
 * the printer in one message; the direct (single file) path flushes one to
 * stdout as it fills.  Running out of memory is reported, never ignored.
 */
#include "outbuf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "xmalloc.h"

void
outbuf_reserve(struct outbuf *b, size_t extra)
{
	size_t need, cap;
	char *data;

	if (b->cap - b->len >= extra)
		return;
	need = b->len + extra;
	if (need < b->len)
		xalloc_die();
	cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap = cap * 2 > cap ? cap * 2 : need;
	data = xrealloc(b->data, cap);
	b->data = data;
	b->cap = cap;
}

void
outbuf_append(struct outbuf *b, const void *data, size_t len)
{
	if (len == 0)
		return;
	outbuf_reserve(b, len);
	memcpy(b->data + b->len, data, len);
	b->len += len;
}

void
outbuf_putc(struct outbuf *b, char c)
{
	outbuf_reserve(b, 1);
	b->data[b->len++] = c;
}

void
outbuf_puts(struct outbuf *b, const char *s)
{
	outbuf_append(b, s, strlen(s));
}

void
outbuf_put_uint(struct outbuf *b, unsigned long long n)
{
	char digits[24];
	size_t i = sizeof(digits);

	do {
		digits[--i] = (char)('0' + n % 10);
		n /= 10;
	} while (n > 0);
	outbuf_append(b, digits + i, sizeof(digits) - i);
}

void
outbuf_clear(struct outbuf *b)
{
	b->len = 0;
}

void
outbuf_free(struct outbuf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *
outbuf_take(struct outbuf *b, size_t *len)
{
	char *data = b->data;

	*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return data;
}

void
outbuf_write_fd(struct outbuf *b, int fd)
{
	const char *p = b->data;
	size_t left = b->len;

	while (left > 0) {
		ssize_t n = write(fd, p, left);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			diag_output_failed(errno);
		}
		p += n;
		left -= (size_t)n;
	}
	b->len = 0;
}
