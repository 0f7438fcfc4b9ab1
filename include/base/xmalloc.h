/*
 * xmalloc.h - allocation that cannot fail.
 *
 * Running out of memory is not something isogrep can search around: each
 * of these reports "out of memory" and exits with status 2, so callers
 * never check for NULL and there is one failure path, not one per call.
 */
#ifndef ISOGREP_XMALLOC_H
#define ISOGREP_XMALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
/* calloc, for n objects of size bytes (n * size may not overflow). */
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
/* realloc for n objects of size bytes, failing if n * size overflows. */
void *xreallocarray(void *p, size_t n, size_t size);

/* Report "out of memory" and exit 2: for a size that would overflow. */
_Noreturn void xalloc_die(void);

/*
 * p itself, or the end of the program when it is NULL: for what a library
 * allocates (PCRE2's contexts and match data, say).
 */
void *xnonnull(void *p);

#endif
