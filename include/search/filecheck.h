/*
 * filecheck.h - what an input's stat says before it is read.
 */
#ifndef ISOGREP_FILECHECK_H
#define ISOGREP_FILECHECK_H

#include <stdbool.h>
#include <sys/stat.h>

/*
 * Is the file st standard output, when that is a regular file?  out:
 * standard output's stat, or NULL when it has none.  (Searching a file
 * while appending its matches to it would never end.)
 */
bool filecheck_is_output(const struct stat *out, const struct stat *st);

/*
 * Does the regular file st have holes (fewer blocks than its size)?  Its
 * holes are better skipped than read as runs of NUL bytes.
 */
bool filecheck_is_sparse(const struct stat *st);

#endif
