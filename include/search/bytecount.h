/*
 * bytecount.h - counting newlines fast (line numbers for -n).
 */
#ifndef ISOGREP_BYTECOUNT_H
#define ISOGREP_BYTECOUNT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * How many '\n' bytes are in p[0, n), and (*nul) whether it holds a NUL
 * byte: the searcher's binary check rides in the same pass.
 */
size_t bytecount_newlines_nul(const char *p, size_t n, bool *nul);

#endif
