/*
 * input.c - the checks and choices made once per input before reading.
 */
#include "search/input.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "base/diag.h"
#include "search/filecheck.h"

/* Would reading this file read our own output? */
static bool
is_output_file(const struct input_policy *p, const struct stat *st)
{
	return p->refuse_output && filecheck_is_output(p->out, st);
}

/* Read a compressed file decompressed; an archive, member by member. */
static bool
open_compressed(struct input *in, int fd, const char *path, bool alone)
{
	in->zip = decompress_open(fd, path, alone);
	if (in->zip == NULL)
		return false;
	if (decompress_is_archive(in->zip))
		source_open_region(&in->src, "", 0);
	else
		decompress_source(in->zip, &in->src);
	return true;
}

bool
input_open_fd(struct input *in, int fd, const char *path, bool named,
    const struct input_policy *p)
{
	struct stat st;
	bool have_stat = fstat(fd, &st) == 0;
	long long size;

	memset(in, 0, sizeof(*in));
	in->fd = fd;
	in->path = path;
	in->named = named;
	in->stream = !have_stat || !S_ISREG(st.st_mode);
	in->start = -1;
	/* A walked entry that is no longer a regular file is not read. */
	if (!named && in->stream)
		return false;
	if (have_stat && is_output_file(p, &st)) {
		diag_file_message(path, "input file is also the output");
		return false;
	}
	if (in->stream && have_stat && S_ISFIFO(st.st_mode))
		source_widen_pipe(fd);
	/* -z: the first bytes say whether a regular file is compressed. */
	if (p->search_zip && !in->stream && decompress_sniff_fd(fd))
		return open_compressed(in, fd, path, p->may_map);
	/*
	 * A pipe cannot be looked at before it is read: libarchive reads it
	 * and tells (plain text passes through its raw format unchanged).
	 */
	if (p->search_zip && in->stream && have_stat &&
	    (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)))
		return open_compressed(in, fd, path, false);
	if (in->stream) {
		source_open_fd(&in->src, fd, -1, false, false);
		return true;
	}
	/*
	 * A descriptor someone read part of (a shared standard input) is
	 * searched from where it stands; only a whole file is mapped.
	 */
	in->start = named ? lseek(fd, 0, SEEK_CUR) : 0;
	size = (long long)st.st_size;
	if (in->start > 0)
		size = size > in->start ? size - in->start : 0;
	source_open_fd(&in->src, fd, size,
	    filecheck_is_sparse(&st) && in->start <= 0,
	    p->may_map && in->start <= 0);
	return true;
}

bool
input_reads_unchecked(const struct input_policy *p)
{
	return p->stat_lazily && !p->search_zip && !(p->refuse_output &&
	    p->out != NULL && S_ISREG(p->out->st_mode));
}

/*
 * A walked regular file read without a look first (source_open_walked):
 * only when nothing needs its stat before reading.
 */
static bool
open_walked_unchecked(struct input *in, int fd, const char *path,
    unsigned hints, const struct input_policy *p)
{
	if (!(hints & INPUT_SHORT_READ_ENDS) || !input_reads_unchecked(p))
		return false;
	memset(in, 0, sizeof(*in));
	in->fd = fd;
	in->path = path;
	in->start = 0;
	source_open_walked(&in->src, fd);
	return true;
}

bool
input_open_path(struct input *in, const char *path, bool named,
    unsigned hints, const struct input_policy *p)
{
	int flags = O_RDONLY | O_NOCTTY | O_CLOEXEC;
	int fd;

	if (strcmp(path, "-") == 0)
		return input_open_fd(in, STDIN_FILENO, p->stdin_label ?
		    p->stdin_label : "(standard input)", true, p);
	/*
	 * A walked path must still be the regular file the walk saw: no link
	 * swapped in (unless links are followed), no FIFO to block on.
	 */
	if (!named) {
		flags |= O_NONBLOCK;
		if (!p->follow)
			flags |= O_NOFOLLOW;
	}
	/* -D skip: looked at before open, which would block on a FIFO. */
	if (named && p->skip_devices) {
		struct stat st;

		if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
		    !S_ISDIR(st.st_mode)) {
			memset(in, 0, sizeof(*in));
			in->fd = -1;
			return false;
		}
	}
	fd = open(path, flags);
	if (fd < 0) {
		memset(in, 0, sizeof(*in));
		in->fd = -1;
		diag_file_error(path, errno);
		return false;
	}
	if (!named && open_walked_unchecked(in, fd, path, hints, p)) {
		in->own_fd = true;
		return true;
	}
	if (!input_open_fd(in, fd, path, named, p)) {
		close(fd);
		return false;
	}
	in->own_fd = true;
	return true;
}

void
input_open_region(struct input *in, const char *path, const char *buf,
    size_t len)
{
	memset(in, 0, sizeof(*in));
	in->fd = -1;
	in->start = -1;
	in->path = path;
	in->named = true;
	source_open_region(&in->src, buf, len);
}

void
input_leave_at(struct input *in, unsigned long long pos)
{
	if (in->start >= 0 && in->fd >= 0)
		(void)lseek(in->fd, (off_t)(in->start + (long long)pos),
		    SEEK_SET);
}

void
input_close(struct input *in)
{
	source_close(&in->src);
	decompress_close(in->zip);
	in->zip = NULL;
	if (in->own_fd && in->fd >= 0)
		close(in->fd);
	in->fd = -1;
	in->own_fd = false;
}
