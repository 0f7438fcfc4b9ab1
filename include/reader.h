/*
 * reader.h - reading a file in chunks of whole lines, in bounded memory.
 */
#ifndef ISOGREP_READER_H
#define ISOGREP_READER_H

#include <stdbool.h>
#include <stddef.h>

enum {
	READER_CHUNK = 256 * 1024,        /* normal buffer size */
	READER_MAX_LINE = 64 * 1024 * 1024, /* longest line held whole */
	READER_MAP_MIN = 1024 * 1024,     /* files this big are mapped */
};

struct reader {
	char *buf;
	size_t cap;
	size_t len;      /* bytes held in buf */
	size_t consumed; /* bytes handed out by the last reader_next */
	int fd;
	bool eof;
	bool skipping;   /* dropping the rest of a line that was too long */
	long long expect; /* the file's size when known, else -1 */
	long long total;  /* bytes read so far */
	size_t max_line;  /* longest line held whole (READER_MAX_LINE) */
	size_t partial_keep; /* 0: drop longer lines; else hand them out */
	bool sparse;      /* the file has holes: skip them, never read them */
	const char *map;  /* the file mapped whole, or NULL: read() */
	size_t map_len;
	size_t map_pos;   /* start of the bytes not yet handed out */
	size_t map_released; /* pages before this were given back */
	bool map_owned;   /* reader_start mapped it (else: a caller's region) */
};

enum reader_status {
	READER_CHUNK_READY = 1,
	READER_END = 0,
	READER_ERROR = -1,    /* errno says why */
	READER_TOO_LONG = -2, /* a line over READER_MAX_LINE was skipped */
	READER_PARTIAL = 2,   /* a piece of a line too long to hold whole */
};

void reader_init(struct reader *r);
void reader_free(struct reader *r);

/*
 * Start reading fd (not owned by the reader) from its current offset.
 * size: the regular file's size, or -1.  Once that many bytes are read
 * the file counts as ended, which saves a read and tells the searcher the
 * chunk it gets is the last (a file that grows meanwhile is searched as
 * it was when opened).  sparse: the file has holes (fewer blocks than
 * its size); each hole is skipped with SEEK_DATA and stands in the data
 * as a single NUL byte, so the file still reads as binary.  may_map: a
 * file of READER_MAP_MIN bytes or more may be mapped instead of read.
 */
void reader_start(struct reader *r, int fd, long long size, bool sparse,
    bool may_map);

/*
 * Hand out buf[0, len), part of a mapping the caller owns and keeps, in
 * chunks as if it were a mapped file.
 */
void reader_start_region(struct reader *r, const char *buf, size_t len);

/*
 * True when the file is memory-mapped: chunks then point into the mapping
 * (no copy), and a file cut short while it is searched raises SIGBUS on
 * access, which the caller must be ready for (see mapguard.h).
 */
bool reader_is_mapped(const struct reader *r);

/*
 * Hand out pieces of over-long lines instead of dropping them: lines past
 * max_line bytes come as READER_PARTIAL chunks (no newline inside), each
 * starting with the last keep bytes of the one before, so a match of up
 * to keep + 1 bytes is never cut in two.  Memory stays at max_line.
 */
void reader_stream_long_lines(struct reader *r, size_t max_line, size_t keep);

/* True when the chunk last returned is the file's last. */
bool reader_at_end(const struct reader *r);

/*
 * The next chunk of whole lines: *chunk..*chunk+*len ends with '\n', except
 * the last chunk of a file that does not end with one.  The chunk stays
 * valid until the next call.  A line that does not fit in READER_MAX_LINE
 * bytes is dropped and READER_TOO_LONG returned once for it; the
 * following call goes on after it.
 */
enum reader_status reader_next(struct reader *r, const char **chunk,
    size_t *len);

/*
 * After a file: unmap it, and give back memory a very long line made the
 * buffer grow.
 */
void reader_trim(struct reader *r);

#endif
