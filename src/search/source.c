/*
 * source.c - the built-in byte sources: read(2), a mapping, a region.
 *
 * These are the only calls to read, mmap, madvise, lseek and fcntl on an
 * input, so that the reader above works on any source of bytes alike.
 *
 * A big regular file is mapped rather than read: copying it through
 * read() costs as much as searching it.  A sparse file is read around its
 * holes, each of which becomes one NUL byte.  A file a walk found on a
 * local disk is read before anyone stats it, and only stat'ed here if
 * its first read fills the buffer (source_open_walked).
 */
#include "search/source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "search/filecheck.h"

enum {
	MAP_RELEASE = 1024 * 1024, /* pages behind us dropped this often */
};

/*
 * At a hole, jump to the next data and deliver one NUL in its place; at
 * the last hole, end the source.  Returns 1 with the NUL in *buf, 0 when
 * not at a hole.
 */
static ssize_t
skip_hole(struct byte_source *src, char *buf)
{
	off_t here = lseek(src->fd, 0, SEEK_CUR);
	off_t data;

	if (here < 0)
		return 0;
	data = lseek(src->fd, here, SEEK_DATA);
	if (data < 0) {
		/* ENXIO: only a hole is left.  Anything else: just read. */
		if (errno != ENXIO)
			return 0;
		data = src->size >= 0 ? (off_t)src->size : here;
		src->ended = true;
	}
	if (data == here)
		return 0;
	src->total += data - here;
	buf[0] = '\0';
	if (src->size >= 0 && src->total >= src->size)
		src->ended = true;
	return 1;
}

/*
 * source_open_walked's look at the file, once its first read filled the
 * buffer or failed: false when it is no longer a regular file.
 */
static bool
check_walked(struct byte_source *src)
{
	struct stat st;
	int err = errno;

	src->unchecked = false;
	if (fstat(src->fd, &st) != 0) {
		errno = err;
		return true;
	}
	errno = err;
	if (!S_ISREG(st.st_mode))
		return false;
	src->size = st.st_size > 0 ? st.st_size : -1;
	src->sparse = filecheck_is_sparse(&st);
	return true;
}

static ssize_t
fd_read(struct byte_source *src, char *buf, size_t cap)
{
	ssize_t n;

	if (src->ended || cap == 0)
		return 0;
	if (src->sparse && (n = skip_hole(src, buf)) > 0)
		return n;
	do
		n = read(src->fd, buf, cap);
	while (n < 0 && errno == EINTR);
	if (src->unchecked) {
		if (n >= 0 && (size_t)n < cap) {
			src->ended = true; /* short: the end (see .h) */
			src->total += n;
			return n;
		}
		if (!check_walked(src)) {
			src->ended = true;
			return 0;
		}
	}
	if (n == 0)
		src->ended = true;
	if (n <= 0)
		return n;
	src->total += n;
	if (src->size >= 0 && src->total >= src->size)
		src->ended = true;
	return n;
}

/* Map a big file whole; on any failure it is simply read. */
static bool
map_whole(struct byte_source *src, int fd, long long size)
{
	void *map;

	if (size < SOURCE_MAP_MIN || (unsigned long long)size > SIZE_MAX)
		return false;
	map = mmap(NULL, (size_t)size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED)
		return false;
	(void)madvise(map, (size_t)size, MADV_SEQUENTIAL);
	src->map = map;
	src->map_len = (size_t)size;
	src->map_owned = true;
	return true;
}

void
source_open_fd(struct byte_source *src, int fd, long long size, bool sparse,
    bool may_map)
{
	memset(src, 0, sizeof(*src));
	src->fd = fd;
	src->size = size > 0 ? size : -1;
	src->sparse = sparse;
	if (may_map && !sparse && map_whole(src, fd, size))
		return;
	src->read = fd_read;
}

void
source_open_walked(struct byte_source *src, int fd)
{
	source_open_fd(src, fd, -1, false, false);
	src->unchecked = true;
}

void
source_widen_pipe(int fd)
{
#ifdef F_SETPIPE_SZ
	int size = fcntl(fd, F_GETPIPE_SZ);

	/* EPERM past the user's pipe quota: the pipe just stays as it is. */
	if (size > 0 && size < SOURCE_PIPE_SIZE)
		(void)fcntl(fd, F_SETPIPE_SZ, SOURCE_PIPE_SIZE);
#else
	(void)fd;
#endif
}

void
source_open_region(struct byte_source *src, const char *buf, size_t len)
{
	memset(src, 0, sizeof(*src));
	src->fd = -1;
	src->size = -1;
	src->map = buf;
	src->map_len = len;
}

void
source_release(struct byte_source *src, size_t upto)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	upto = upto / page * page;
	if (!src->map_owned || upto < src->released + MAP_RELEASE)
		return;
	(void)madvise((char *)(uintptr_t)src->map + src->released,
	    upto - src->released, MADV_DONTNEED);
	src->released = upto;
}

void
source_close(struct byte_source *src)
{
	if (src->map != NULL && src->map_owned)
		munmap((void *)(uintptr_t)src->map, src->map_len);
	src->map = NULL;
	src->map_len = 0;
	src->map_owned = false;
}
