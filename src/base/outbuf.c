/*
 * outbuf.c - growable output buffers.
 *
 * Isolates format a whole file's output into one of these and send it to
 * the printer in one message; the direct (single file) path flushes one to
 * stdout as it fills.  Running out of memory is reported, never ignored.
 *
 * Writing one out must never leave half a record (a line, a count, a
 * name) in the output when a signal ends the program.  A buffer always
 * holds whole records; the danger is a write that is under way when the
 * program exits.  A regular file or a terminal takes a write at once, so
 * the signal thread just waits for it (outbuf_writing).  A pipe may not:
 * its reader can stall, a big write then blocks half done, and waiting
 * for it could be forever.  So to a pipe or a socket the buffer goes in
 * pieces of whole records of at most PIPE_BUF bytes, which the kernel
 * writes all or nothing: killed while blocked in one, nothing of it is
 * written.  Only a record longer than PIPE_BUF needs several writes; the
 * signal thread gives such a record a bounded time to finish.  Once
 * outbuf_stop_writes is called no new piece is started.
 */
#include "base/outbuf.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/xmalloc.h"

/* The byte that ends a record: '\n', or '\0' for -0 name lists. */
static atomic_int record_end = '\n';
/* Set by the signal thread: no new piece is written. */
static atomic_bool writes_stopped;
/* Writes under way that may stop inside a record. */
static atomic_int writes_open;
/* What fd 1 is: 0 not known yet, 1 a pipe or socket, 2 anything else. */
static atomic_int stdout_kind;
/* The byte outbuf_drop_first drops, or -1 once stdout was written to. */
static atomic_int drop_first = -1;
/* outbuf_set_interrupt_trailer's string and whether it is always due. */
static _Atomic(const char *) interrupt_trailer;
static atomic_bool trailer_always;

void
outbuf_grow(struct outbuf *b, size_t extra)
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
outbuf_put_uint(struct outbuf *b, unsigned long long n)
{
	/* Two digits at a time: line numbers and offsets are in every record. */
	static const char pairs[] =
	    "00010203040506070809101112131415161718192021222324252627282930"
	    "31323334353637383940414243444546474849505152535455565758596061"
	    "62636465666768697071727374757677787980818283848586878889909192"
	    "93949596979899";
	char digits[24];
	size_t i = sizeof(digits);

	while (n >= 100) {
		unsigned r = (unsigned)(n % 100);

		n /= 100;
		i -= 2;
		memcpy(digits + i, pairs + 2 * r, 2);
	}
	if (n >= 10) {
		i -= 2;
		memcpy(digits + i, pairs + 2 * n, 2);
	} else {
		digits[--i] = (char)('0' + n);
	}
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
outbuf_set_record_end(char c)
{
	atomic_store(&record_end, (unsigned char)c);
}

void
outbuf_stop_writes(void)
{
	atomic_store(&writes_stopped, true);
}

bool
outbuf_writing(void)
{
	return atomic_load(&writes_open) > 0;
}

/* Does fd take writes of up to PIPE_BUF bytes all or nothing? */
static bool
outbuf_fd_is_pipe(int fd)
{
	int kind = fd == STDOUT_FILENO ? atomic_load(&stdout_kind) : 0;
	struct stat st;

	if (kind == 0) {
		kind = fstat(fd, &st) == 0 && (S_ISFIFO(st.st_mode) ||
		    S_ISSOCK(st.st_mode)) ? 1 : 2;
		if (fd == STDOUT_FILENO)
			atomic_store(&stdout_kind, kind);
	}
	return kind == 1;
}

static void
outbuf_write_all(int fd, const char *p, size_t left)
{
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
}

/*
 * The next piece of p[0, left) to write, which ends a record, and
 * whether the kernel writes it all or nothing (*whole).
 */
static size_t
outbuf_piece(const char *p, size_t left, bool pipe, bool *whole)
{
	int end = atomic_load(&record_end);
	const char *cut;

	*whole = pipe && left <= PIPE_BUF;
	if (!pipe || left <= PIPE_BUF)
		return left;
	cut = memrchr(p, end, PIPE_BUF);
	if (cut != NULL) {
		*whole = true;
		return (size_t)(cut - p) + 1;
	}
	/* One record longer than PIPE_BUF: it goes alone, in several writes. */
	cut = memchr(p + PIPE_BUF, end, left - PIPE_BUF);
	return cut != NULL ? (size_t)(cut - p) + 1 : left;
}

void
outbuf_drop_first(char c)
{
	atomic_store(&drop_first, (unsigned char)c);
}

void
outbuf_set_interrupt_trailer(const char *s, bool always)
{
	atomic_store(&trailer_always, always);
	atomic_store(&interrupt_trailer, s);
}

static void *
trailer_write(void *arg)
{
	const char *s = arg;

	(void)!write(STDOUT_FILENO, s, strlen(s));
	return NULL;
}

void
outbuf_write_interrupt_trailer(void)
{
	struct timespec wait = {0, 20 * 1000 * 1000};
	const char *trailer = atomic_load(&interrupt_trailer);
	pthread_t t;

	if (trailer == NULL || (!atomic_load(&trailer_always) &&
	    !outbuf_writing()))
		return;
	/*
	 * A terminal stopped by ^S would block the write: it goes from a
	 * thread of its own, given a moment, and the exit does not wait.
	 */
	if (pthread_create(&t, NULL, trailer_write, (void *)trailer) != 0)
		return;
	pthread_detach(t);
	nanosleep(&wait, NULL);
}

void
outbuf_write_fd(struct outbuf *b, int fd)
{
	const char *p = b->data;
	size_t left = b->len;
	bool pipe = left > 0 && outbuf_fd_is_pipe(fd);

	if (fd == STDOUT_FILENO && left > 0 &&
	    atomic_load(&drop_first) >= 0) {
		if ((unsigned char)p[0] == atomic_exchange(&drop_first, -1)) {
			p++;
			left--;
		}
	}

	while (left > 0) {
		bool whole;
		size_t n = outbuf_piece(p, left, pipe, &whole);

		/*
		 * Count the write before looking at the stop flag (both
		 * sequentially consistent): the signal thread sets the flag
		 * before it looks at the count, so either this piece is not
		 * started or the signal thread waits for it.
		 */
		if (!whole)
			atomic_fetch_add(&writes_open, 1);
		if (atomic_load(&writes_stopped)) {
			if (!whole)
				atomic_fetch_sub(&writes_open, 1);
			break; /* the rest is whole records, never started */
		}
		outbuf_write_all(fd, p, n);
		if (!whole)
			atomic_fetch_sub(&writes_open, 1);
		p += n;
		left -= n;
	}
	b->len = 0;
}
