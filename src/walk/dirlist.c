/*
 * dirlist.c - reading a directory whole with getdents64.
 *
 * The walker reads each directory completely before looking at any entry:
 * the file types come free from the kernel (d_type), so no entry needs a
 * stat just to be classified, and the directory's descriptor can be
 * closed before its children are visited, which keeps the number of open
 * descriptors bounded in deep trees.
 */
#include "walk/dirlist.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/xmalloc.h"

enum { DENTS_BUF = 32 * 1024 };

static void
dirlist_add(struct dirlist *l, const char *name, unsigned char type)
{
	size_t len = strlen(name);

	if (l->count == l->entries_cap) {
		size_t cap = l->entries_cap ? l->entries_cap * 2 : 64;
		struct dir_entry *e = xrealloc(l->entries, cap * sizeof(*e));

		l->entries = e;
		l->entries_cap = cap;
	}
	if (l->names_cap - l->names_len < len + 1) {
		size_t cap = l->names_cap ? l->names_cap : 4096;
		char *n;

		while (cap - l->names_len < len + 1)
			cap *= 2;
		n = xrealloc(l->names, cap);
		l->names = n;
		l->names_cap = cap;
	}
	memcpy(l->names + l->names_len, name, len + 1);
	/* Names are pointed to once the block stops moving. */
	l->entries[l->count].offset = l->names_len;
	l->entries[l->count].len = len;
	l->entries[l->count].type = type;
	l->count++;
	l->names_len += len + 1;
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct dir_entry *x = a, *y = b;

	return strcmp(x->name, y->name);
}

int
dirlist_read(struct dirlist *l, int fd, bool sort)
{
	char buf[DENTS_BUF];

	l->count = 0;
	l->names_len = 0;
	for (;;) {
		ssize_t n = getdents64(fd, buf, sizeof(buf));

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		if (n == 0)
			break;
		for (ssize_t off = 0; off < n;) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);
			const char *name = d->d_name;

			off += d->d_reclen;
			if (name[0] == '.' && (name[1] == '\0' ||
			    (name[1] == '.' && name[2] == '\0')))
				continue;
			dirlist_add(l, name, d->d_type);
		}
	}
	for (size_t i = 0; i < l->count; i++)
		l->entries[i].name = l->names + l->entries[i].offset;
	if (sort)
		qsort(l->entries, l->count, sizeof(*l->entries), entry_cmp);
	return 0;
}

void
dirlist_free(struct dirlist *l)
{
	free(l->entries);
	free(l->names);
	memset(l, 0, sizeof(*l));
}
