/*
 * config.c - the optional config file.
 *
 * Only one place is read, the file ISOGREP_CONFIG_PATH names; there is no
 * search of home or system directories, so a run's behaviour never
 * changes because of a file the user did not point at.  The file only
 * supplies arguments: isogrep has no option that runs another program.
 */
#include "cli/config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/outbuf.h"
#include "base/xmalloc.h"

/*
 * The argument list and the text its words point into live as long as the
 * program; kept here so they stay reachable (volatile: a store that is
 * never read must not be optimised away).
 */
static char **volatile kept_argv;
static char *volatile kept_text;
/* Where each argument of kept_argv came from: a line of the file, or 0. */
static unsigned *volatile kept_lines;
static const char *kept_path;

static int
has_no_config(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return 0;
		if (strcmp(argv[i], "--no-config") == 0)
			return 1;
	}
	return 0;
}

/*
 * Read the whole file at fd into a NUL-terminated string; NULL with errno
 * set when a read fails.
 */
static char *
read_all(int fd)
{
	struct outbuf b = OUTBUF_INIT;
	char chunk[4096];

	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int saved = errno;

			outbuf_free(&b);
			errno = saved;
			return NULL;
		}
		if (n == 0)
			break;
		outbuf_append(&b, chunk, (size_t)n);
	}
	outbuf_putc(&b, '\0');
	return b.data;
}

/* The 1-based line of text on which the word at p (inside text) starts. */
static unsigned
line_number_of(const char *text, const char *p)
{
	unsigned n = 1;

	/* strtok_r put NULs where the newlines were. */
	for (; text < p; text++)
		if (*text == '\0' || *text == '\n')
			n++;
	return n;
}

bool
config_arg_origin(int index, char *buf, size_t size)
{
	if (kept_lines == NULL || index <= 0 || kept_lines[index] == 0)
		return false;
	snprintf(buf, size, "config file %s line %u", kept_path,
	    kept_lines[index]);
	return true;
}

char **
config_apply(int argc, char **argv, int *new_argc, char *err,
    size_t errsize)
{
	const char *path = getenv("ISOGREP_CONFIG_PATH");
	char **out;
	char *text, *line, *save = NULL;
	struct stat st;
	int fd, n = 1;

	*new_argc = argc;
	if (path == NULL || *path == '\0' || has_no_config(argc, argv))
		return argv;
	fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		snprintf(err, errsize, "config file %s: %s", path,
		    strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(err, errsize, "config file %s: not a regular file",
		    path);
		close(fd);
		return NULL;
	}
	if (st.st_mode & S_IWOTH) {
		snprintf(err, errsize, "config file %s: refused, it is "
		    "world-writable", path);
		close(fd);
		return NULL;
	}
	text = kept_text = read_all(fd);
	if (text == NULL)
		snprintf(err, errsize, "config file %s: %s", path,
		    strerror(errno));
	close(fd);
	if (text == NULL)
		return NULL;

	/* At most one argument per line, plus the command line. */
	out = kept_argv = xcalloc(strlen(text) + (size_t)argc + 2,
	    sizeof(*out));
	kept_lines = xcalloc(strlen(text) + (size_t)argc + 2,
	    sizeof(*kept_lines));
	kept_path = path;
	out[0] = argv[0];
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		size_t len = strlen(line);

		if (len > 0 && line[len - 1] == '\r')
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		kept_lines[n] = line_number_of(text, line);
		out[n++] = line;
	}
	for (int i = 1; i < argc; i++)
		out[n++] = argv[i];
	out[n] = NULL;
	*new_argc = n;
	return out;
}
