/*
 * searcher.h - search one file or stream and format its output.
 */
#ifndef ISOGREP_SEARCHER_H
#define ISOGREP_SEARCHER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "matcher.h"
#include "options.h"
#include "outbuf.h"
#include "reader.h"

/* Everything one isolate needs to search files; owned by that isolate. */
struct searcher {
	const struct options *opts;
	const struct matcher *matcher;
	struct matcher_scratch *scratch;
	struct reader reader;
	bool with_filename; /* prefix records with the path */
	bool escape;        /* output is a terminal: make controls visible */
	/*
	 * Called with the output so far after each chunk when set (the
	 * direct path streams); NULL keeps a whole file's output together.
	 */
	void (*flush)(struct outbuf *out);
	/*
	 * Map big files instead of reading them: for a file searched alone.
	 * In a walk, reads into the one buffer keep memory lower at the same
	 * speed.
	 */
	bool map_files;
	/* Standard output's stat (or NULL): never read it as input. */
	const struct stat *out;
};

/* What searching one file found. */
struct search_result {
	unsigned long long selected; /* lines selected (capped by -m) */
	bool skipped_binary;         /* not searched: binary, in a walk */
};

/*
 * Set up a searcher; false on ENOMEM.  out: the stat of standard output,
 * or NULL (an input that is the output file is refused, since searching
 * it while appending matches to it would never end); it is kept, not
 * copied, so it must outlive the searcher.
 */
bool searcher_init(struct searcher *s, const struct options *opts,
    const struct matcher *m, bool with_filename, const struct stat *out);
void searcher_free(struct searcher *s);

/*
 * Search the open file fd, shown as path, appending its output to out.
 * named: the file was named by the user (a binary file is searched and
 * reported instead of skipped).  Read errors are reported on stderr.
 */
void searcher_search_fd(struct searcher *s, int fd, const char *path,
    bool named, struct outbuf *out, struct search_result *res);

/* Open path and search it; an open failure is reported. */
void searcher_search_path(struct searcher *s, const char *path, bool named,
    struct outbuf *out, struct search_result *res);

/* Where a piece of a file starts, to search it alone (see split.h). */
struct region_start {
	unsigned long long offset;  /* the piece's offset in the file */
	unsigned long long line_no; /* the number of its first line */
	bool binary;                /* binary data began before it */
};

/* What searching a piece found, to be summed over the pieces. */
struct region_result {
	unsigned long long selected;
	unsigned long long binary_lines;
	bool binary_matched;
};

/*
 * Search buf[0, len), whole lines of the mapped file path starting as at
 * says, as that part of the file: the lines it selects are appended to
 * out, but nothing that sums up the whole file (a -c count, the binary
 * notice) is.  The caller guards against SIGBUS (mapguard.h).
 */
void searcher_search_region(struct searcher *s, const char *path,
    const char *buf, size_t len, const struct region_start *at,
    struct outbuf *out, struct region_result *res);

/* After all pieces: what sums the file up, from the pieces' totals. */
void searcher_finish_regions(struct searcher *s, const char *path,
    const struct region_result *total, struct outbuf *out);

#endif
