/*
 * source.h - the bytes of one input, for the reader.
 *
 * A byte source is where the reader's bytes come from: a descriptor read
 * with read(2) (skipping the holes of a sparse file), a file mapped whole,
 * or a region of bytes someone else holds.  A decompressing source
 * plugs in the same way, through read.  The reader never calls the system
 * itself, and which source an input gets is decided once, by whoever opens
 * the input (input.h), not by the searcher.
 */
#ifndef ISOGREP_SOURCE_H
#define ISOGREP_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

enum {
	SOURCE_MAP_MIN = 1024 * 1024, /* files this big may be mapped */
	SOURCE_PIPE_SIZE = 1024 * 1024, /* Linux's pipe-max-size default */
};

struct byte_source {
	/*
	 * A streaming source: read up to cap bytes into buf.  Returns the
	 * number read, 0 at the end, or -1 with errno set.  NULL for a
	 * mapped source.
	 */
	ssize_t (*read)(struct byte_source *src, char *buf, size_t cap);
	/* A mapped source: all of its bytes at once (else NULL). */
	const char *map;
	size_t map_len;
	/* Set by a streaming source that knows no bytes are left. */
	bool ended;
	/* The state of a source that is not built in (a decompressor). */
	void *ctx;
	/* Why read failed, when errno cannot say (a decompressor's words). */
	const char *error;

	/* The state of the built-in sources. */
	int fd;            /* not owned */
	long long size;    /* the file's size when known, else -1 */
	long long total;   /* bytes delivered so far */
	bool sparse;       /* skip holes with SEEK_DATA */
	bool unchecked;    /* source_open_walked: not stat'ed yet */
	bool map_owned;    /* unmap on close */
	size_t released;   /* mapped pages before this were given back */
};

/*
 * Read fd (not owned) from its current offset.  size: the regular file's
 * size, or -1; once that many bytes are read the source counts as ended,
 * which saves a read (a file that grows meanwhile is searched as it was
 * when opened).  sparse: the file has holes; each is skipped and stands
 * in the data as a single NUL byte, so the file still reads as binary.
 * may_map: a file of SOURCE_MAP_MIN bytes or more is mapped instead.
 */
void source_open_fd(struct byte_source *src, int fd, long long size,
    bool sparse, bool may_map);

/*
 * Read fd, a regular file as a walk saw it, without looking at it first:
 * on a tree of small files, fstat costs a tenth of the reading.  The walk
 * saw it on a file system where a read that returns less than it asked
 * for is at the end of the file (a local disk's; not a FUSE file system
 * or /proc), so such a read ends the source.  The first read that fills
 * the buffer (or fails) looks at the file after all, for its size and
 * holes, and ends the source with nothing delivered if it is no longer
 * a regular file (replaced since the walk: a device is never read on).
 * A small sparse file reads as the zeros it holds.
 */
void source_open_walked(struct byte_source *src, int fd);

/*
 * fd is a pipe or FIFO: ask for a bigger pipe buffer (up to
 * SOURCE_PIPE_SIZE, as far as the system allows; nothing if it does not).
 * Each byte through a pipe is copied in and out whatever its size, but
 * with the default 64 KiB the writer and this reader take turns every
 * 64 KiB, and switching between them costs more than the search: a
 * bigger buffer lets both run on, with a third or a quarter of those
 * switches.  Reads still
 * return whatever has arrived, so a streamed line is seen as soon.
 */
void source_widen_pipe(int fd);

/* buf[0, len), held by the caller (a buffer or a mapping) and kept. */
void source_open_region(struct byte_source *src, const char *buf,
    size_t len);

/*
 * The mapped bytes before upto are done with: give their pages back to
 * the system (they stay in the page cache).  Only for a mapping the
 * source made; a no-op otherwise.
 */
void source_release(struct byte_source *src, size_t upto);

/* Unmap what the source mapped.  The descriptor is the caller's. */
void source_close(struct byte_source *src);

#endif
