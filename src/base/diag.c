/*
 * diag.c - every message isogrep prints on stderr goes through here.
 *
 * The base layer (src/base/): what every other layer may use -- output
 * buffers, messages and the exit status, escaping of control characters,
 * CPU features, and allocation that cannot fail.  It knows nothing of
 * searching.
 *
 * Errors never abort a search: reporting one sets a flag, and main turns
 * the flag into exit status 2 at the end.  Each message is formatted first
 * and written with a single write(2), so messages from different isolates
 * never mix within a line.
 */
#include "base/diag.h"

#include <errno.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/escape.h"
#include "base/outbuf.h"

static atomic_bool had_error;
static void (*fatal_hook)(void);
static bool quiet_files;
static const char *program = "isogrep";
static const char *context; /* what the message is about, or NULL */

void
diag_set_program(const char *name)
{
	program = name;
}

void
diag_set_context(const char *what)
{
	context = what;
}

void
diag_set_quiet_files(bool quiet)
{
	quiet_files = quiet;
}

void
diag_set_fatal_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

bool
diag_had_error(void)
{
	return atomic_load(&had_error);
}

/* Write one whole message line to stderr; errors here have nowhere to go. */
static void
diag_write(const char *msg, size_t len)
{
	while (len > 0) {
		ssize_t n = write(STDERR_FILENO, msg, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		msg += n;
		len -= (size_t)n;
	}
}

static void diag_vreport(const char *tail, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/*
 * Write "isogrep: MESSAGE", then tail (NULL: none) on lines of its own.
 * The message's control characters are made visible whatever put them
 * there (a pattern, an argument or a name can hold any byte); tail is
 * the program's own text, written as it is.
 */
static void
diag_vreport(const char *tail, const char *fmt, va_list ap)
{
	char line[4096];
	int off = context != NULL ?
	    snprintf(line, sizeof(line), "%s: %.1024s: ", program, context) :
	    snprintf(line, sizeof(line), "%s: ", program);
	int n = vsnprintf(line + off, sizeof(line) - (size_t)off - 1, fmt, ap);
	struct outbuf vis = OUTBUF_INIT;
	size_t len;

	if (n < 0)
		n = 0;
	len = (size_t)off + (size_t)n;
	if (len > sizeof(line) - 2)
		len = sizeof(line) - 2;
	if (tail == NULL && !escape_needed(line, len)) {
		line[len++] = '\n';
		diag_write(line, len);
		return;
	}
	escape_append(&vis, line, len);
	if (tail != NULL) {
		outbuf_putc(&vis, '\n');
		outbuf_puts(&vis, tail);
	}
	outbuf_putc(&vis, '\n');
	diag_write(vis.data, vis.len);
	outbuf_free(&vis);
}

void
diag_error(const char *fmt, ...)
{
	va_list ap;

	atomic_store(&had_error, true);
	va_start(ap, fmt);
	diag_vreport(NULL, fmt, ap);
	va_end(ap);
}

void
diag_notice(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vreport(NULL, fmt, ap);
	va_end(ap);
}

/* The end of a fatal error: nothing more runs. */
static _Noreturn void
diag_die(void)
{
	/*
	 * _exit: a fatal error can strike in any thread, mid-way through
	 * building something; nothing more should run, and what is left
	 * allocated is not a leak.  stdout is only written with write(2).
	 */
	if (fatal_hook != NULL)
		fatal_hook();
	fflush(stdout);
	_exit(EXIT_TROUBLE);
}

void
diag_fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vreport(NULL, fmt, ap);
	va_end(ap);
	diag_die();
}

void
diag_usage_fatal(const char *usage, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vreport(usage, fmt, ap);
	va_end(ap);
	diag_die();
}

/*
 * A path as it may appear on stderr: control characters made visible, so
 * a hostile file name cannot drive the terminal.  Returns buf or path.
 */
static const char *
visible_path(const char *path, struct outbuf *buf)
{
	size_t len = strlen(path);

	if (!escape_needed(path, len))
		return path;
	escape_append(buf, path, len);
	outbuf_putc(buf, '\0');
	return buf->data;
}

void
diag_file_error(const char *path, int errnum)
{
	struct outbuf buf = OUTBUF_INIT;

	atomic_store(&had_error, true);
	if (!quiet_files)
		diag_error("%s: %s", visible_path(path, &buf), strerror(errnum));
	outbuf_free(&buf);
}

void
diag_file_message(const char *path, const char *message)
{
	struct outbuf buf = OUTBUF_INIT;

	diag_error("%s: %s", visible_path(path, &buf), message);
	outbuf_free(&buf);
}

void
diag_line_message(const char *path, unsigned long long line,
    const char *message)
{
	struct outbuf buf = OUTBUF_INIT;

	diag_error("%s:%llu: %s", visible_path(path, &buf), line, message);
	outbuf_free(&buf);
}

void
diag_file_notice(const char *path, const char *message)
{
	struct outbuf buf = OUTBUF_INIT;

	diag_notice("%s: %s", visible_path(path, &buf), message);
	outbuf_free(&buf);
}

void
diag_flush_stdout(void)
{
	/* A failed write may be long past (ferror); its errno with it. */
	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout))
		diag_output_failed(errno != 0 ? errno : EIO);
}

void
diag_output_failed(int errnum)
{
	/* Like a reader that stopped listening: no message, nothing lost. */
	if (errnum == EPIPE)
		_exit(EXIT_MATCH);
	diag_fatal("write error: standard output: %s", strerror(errnum));
}
