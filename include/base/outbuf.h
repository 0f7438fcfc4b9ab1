/*
 * outbuf.h - a growable byte buffer that output is formatted into.
 */
#ifndef ISOGREP_OUTBUF_H
#define ISOGREP_OUTBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

struct outbuf {
	char *data;
	size_t len;
	size_t cap;
};

/* An empty buffer; no allocation until the first append. */
#define OUTBUF_INIT {NULL, 0, 0}

/*
 * The appends are inline: a record is made of many small pieces (a
 * separator, a number, a color sequence), and a call per piece, with
 * strlen on constant strings, was a sizable share of printing.  Only
 * growing the buffer is out of line.
 */

/* Make room for at least extra more bytes (the slow path of reserve). */
void outbuf_grow(struct outbuf *b, size_t extra);

/* Make room for extra more bytes; aborts the program with a message on ENOMEM. */
static inline void
outbuf_reserve(struct outbuf *b, size_t extra)
{
	if (b->cap - b->len < extra)
		outbuf_grow(b, extra);
}

static inline void
outbuf_append(struct outbuf *b, const void *data, size_t len)
{
	if (len == 0)
		return;
	outbuf_reserve(b, len);
	memcpy(b->data + b->len, data, len);
	b->len += len;
}

static inline void
outbuf_putc(struct outbuf *b, char c)
{
	outbuf_reserve(b, 1);
	b->data[b->len++] = c;
}

/* With a string constant, strlen is worked out when compiling. */
static inline void
outbuf_puts(struct outbuf *b, const char *s)
{
	outbuf_append(b, s, strlen(s));
}

/* Append the decimal form of n. */
void outbuf_put_uint(struct outbuf *b, unsigned long long n);

/* Forget the contents, keep the memory. */
void outbuf_clear(struct outbuf *b);

/* Free the memory; the buffer is empty and usable again. */
void outbuf_free(struct outbuf *b);

/* Hand the contents to the caller (to free()), leaving b empty. */
char *outbuf_take(struct outbuf *b, size_t *len);

/*
 * Write everything to fd and clear; a failure goes to diag_output_failed.
 * b must hold whole records: to a pipe it is written in pieces that end
 * records, and after outbuf_stop_writes the pieces not yet started are
 * dropped.
 */
void outbuf_write_fd(struct outbuf *b, int fd);

/* The byte that ends a record in the output: '\n' (the default) or '\0'. */
void outbuf_set_record_end(char c);

/*
 * For the signal thread: from now on outbuf_write_fd starts no new piece
 * (a piece under way is finished).
 */
void outbuf_stop_writes(void);

/* Is a write under way that may stop inside a record if cut short now? */
bool outbuf_writing(void);

/*
 * The first byte written to standard output is dropped if it is c: a
 * format that parts files with a leading separator (a blank line before
 * each file's heading) needs none before the first, and only the writer
 * knows which file comes first.
 */
void outbuf_drop_first(char c);

/*
 * What to write when a signal ends the run (colors on: a reset): always,
 * or with always false only when a write may have been cut short.
 */
void outbuf_set_interrupt_trailer(const char *s, bool always);

/*
 * For the signal thread, at the very end: write the trailer if one is
 * due; never blocks (a stalled terminal just does not get it).
 */
void outbuf_write_interrupt_trailer(void);

#endif
