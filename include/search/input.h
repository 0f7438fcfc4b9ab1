/*
 * input.h - opening one input for a search.
 *
 * Everything decided about an input before its first byte is read is
 * decided here, once: whether a walked entry is still a regular file,
 * whether the input is our own output file, and which byte source reads
 * it (read(2) around holes, a mapping, or with -z a decompressor when the
 * first bytes say the file is compressed).  The searcher then only reads.
 */
#ifndef ISOGREP_INPUT_H
#define ISOGREP_INPUT_H

#include <stdbool.h>
#include <sys/stat.h>

#include "search/decompress.h"
#include "search/source.h"

/* How inputs are opened; the same for every input of a run. */
struct input_policy {
	bool follow;   /* walked symbolic links may be followed */
	bool may_map;  /* map big files (an input searched alone) */
	/*
	 * Standard output when it is a regular file, or NULL; with
	 * refuse_output, an input that is that file is refused, since
	 * searching it while appending lines to it would never end.
	 */
	const struct stat *out;
	bool refuse_output;
	bool skip_devices; /* grep's -D skip: named non-files pass silently */
	const char *stdin_label; /* --label: standard input's name, or NULL */
	bool search_zip;   /* -z: compressed files and archives are read */
	/*
	 * A walked file with INPUT_SHORT_READ_ENDS need not be stat'ed
	 * before it is read (source_open_walked).  Not with -T, which pads
	 * line numbers to the file's size.
	 */
	bool stat_lazily;
};

/* What the walk knows of a path it hands over (input_open_path). */
enum {
	/* A regular file on a file system where a short read is the end. */
	INPUT_SHORT_READ_ENDS = 1,
};

struct input {
	struct byte_source src;
	const char *path; /* as shown to the user */
	bool named;       /* given by the user: a binary file is reported */
	bool stream;      /* not a regular file: output goes out as found */
	int fd;
	bool own_fd;
	/*
	 * A regular file's offset when opened (reading starts there, as
	 * for `{ head -1; isogrep x; } < file`); -1 for anything else.
	 */
	long long start;
	/*
	 * -z: a compressed file (src reads it decompressed) or an archive
	 * (src is empty; its members are searched one by one, members.h).
	 */
	struct decompressor *zip;
};

/*
 * May a walked file with INPUT_SHORT_READ_ENDS be read with no stat
 * first under policy p?  Not when -z must sniff it, -T wants its size,
 * or standard output is a regular file it might be.
 */
bool input_reads_unchecked(const struct input_policy *p);

/*
 * Open path ("-": standard input, shown as "(standard input)").  False
 * when there is nothing to search: an open failure or a refused input
 * (reported on stderr), or a walked entry that is no longer a regular
 * file (silently).  named: the user gave it.  hints: INPUT_* flags of a
 * walked file, or 0.
 */
bool input_open_path(struct input *in, const char *path, bool named,
    unsigned hints, const struct input_policy *p);

/*
 * The same for the open descriptor fd (not owned), shown as path.  A
 * regular file is read from its current offset.
 */
bool input_open_fd(struct input *in, int fd, const char *path, bool named,
    const struct input_policy *p);

/*
 * buf[0, len), bytes of the file path that the caller holds (a buffer
 * or a mapping) and keeps until the input is closed.
 */
void input_open_region(struct input *in, const char *path, const char *buf,
    size_t len);

/*
 * Leave a regular file's offset pos bytes after where reading started,
 * as grep -m does for standard input, so that the next reader of a
 * shared descriptor goes on from there.  Nothing for other inputs.
 */
void input_leave_at(struct input *in, unsigned long long pos);

void input_close(struct input *in);

#endif
