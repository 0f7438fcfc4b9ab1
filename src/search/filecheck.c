/*
 * filecheck.c - what an input's stat says before it is read.
 *
 * Two questions are asked of a file both by the searcher and by the
 * big-file split (which must decline a file the searcher would treat
 * specially): is it our own output, and does it have holes?  The answers
 * live here once, so the two can never disagree.
 */
#include "search/filecheck.h"

#include <stddef.h>

bool
filecheck_is_output(const struct stat *out, const struct stat *st)
{
	return out != NULL && S_ISREG(out->st_mode) &&
	    out->st_dev == st->st_dev && out->st_ino == st->st_ino;
}

bool
filecheck_is_sparse(const struct stat *st)
{
	/* st_blocks counts 512-byte units whatever the file system's. */
	return S_ISREG(st->st_mode) &&
	    (long long)st->st_blocks * 512 < (long long)st->st_size;
}
