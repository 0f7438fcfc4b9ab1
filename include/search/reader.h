/*
 * reader.h - reading a file in chunks of whole lines, in bounded memory.
 */
#ifndef ISOGREP_READER_H
#define ISOGREP_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "search/source.h"

enum {
	READER_CHUNK = 256 * 1024,        /* normal buffer size */
	READER_MAX_LINE = 64 * 1024 * 1024, /* longest line held whole */
};

struct reader {
	struct byte_source *src; /* where the bytes come from */
	char *buf;       /* a streaming source's bytes */
	size_t cap;
	size_t len;      /* bytes held in buf */
	size_t consumed; /* bytes handed out by the last reader_next */
	bool eof;
	bool skipping;   /* dropping the rest of a line that was too long */
	size_t max_line;  /* longest line held whole (READER_MAX_LINE) */
	size_t partial_keep; /* 0: drop longer lines; else hand them out */
	size_t map_pos;   /* mapped source: start of the bytes not yet out */
	/*
	 * --null-data: records end in NUL.  '\n' and NUL are swapped as the
	 * bytes are read, so that all above sees lines ending in '\n' (and
	 * the sink swaps them back).  Streaming sources only: a mapping is
	 * read-only.
	 */
	bool nul_records;
	size_t kept;     /* bytes of the last chunk reader_keep gave back */
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
 * Start reading src (not owned by the reader).  When the source says it
 * has ended, the chunk handed out is known to be the last, which saves a
 * read and lets the searcher skip work after it.
 */
void reader_start(struct reader *r, struct byte_source *src);

/*
 * True when the source is a mapping: chunks then point into it (no copy),
 * and a file cut short while it is searched raises SIGBUS on access,
 * which the caller must be ready for (see mapguard.h).
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
 * Hand out the bytes of the last chunk from its offset from on again, at
 * the start of the next chunk, which then holds more after them (unless
 * the input ended): for a match that may go on past the chunk (-U).
 */
void reader_keep(struct reader *r, size_t from);

/* After an input: give back memory a very long line made the buffer grow. */
void reader_trim(struct reader *r);

#endif
