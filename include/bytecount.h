/*
 * bytecount.h - counting newlines fast (line numbers for -n).
 */
#ifndef ISOGREP_BYTECOUNT_H
#define ISOGREP_BYTECOUNT_H

#include <stdbool.h>
#include <stddef.h>

/* How many '\n' bytes are in p[0, n). */
size_t bytecount_newlines(const char *p, size_t n);

/* The same, and whether p[0, n) holds a NUL byte, in one pass. */
size_t bytecount_newlines_nul(const char *p, size_t n, bool *nul);

#endif
