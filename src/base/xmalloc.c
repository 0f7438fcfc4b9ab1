/*
 * xmalloc.c - the one allocation-failure path.
 */
#include "base/xmalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"

_Noreturn void
xalloc_die(void)
{
	diag_fatal("out of memory");
}

void *
xnonnull(void *p)
{
	if (p == NULL)
		xalloc_die();
	return p;
}

void *
xmalloc(size_t size)
{
	return xnonnull(malloc(size ? size : 1));
}

void *
xcalloc(size_t n, size_t size)
{
	return xnonnull(calloc(n ? n : 1, size ? size : 1));
}

void *
xrealloc(void *p, size_t size)
{
	return xnonnull(realloc(p, size ? size : 1));
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		xalloc_die();
	return xrealloc(p, n * size);
}

