/*
 * dirlist.h - all entries of one directory, read in a few system calls.
 */
#ifndef ISOGREP_DIRLIST_H
#define ISOGREP_DIRLIST_H

#include <stdbool.h>
#include <stddef.h>

struct dir_entry {
	const char *name;   /* NUL-terminated, inside the list's storage */
	size_t len;
	size_t offset;      /* of name in the storage, while it may move */
	unsigned char type; /* DT_REG, DT_DIR, DT_LNK, ... or DT_UNKNOWN */
};

struct dirlist {
	struct dir_entry *entries;
	size_t count;
	char *names;        /* storage of all names */
	size_t names_len, names_cap;
	size_t entries_cap;
};

#define DIRLIST_INIT {NULL, 0, NULL, 0, 0, 0}

/*
 * Read every entry of the open directory fd except "." and "..", replacing
 * the list's contents (its memory is reused).  With sort, entries are in
 * byte order of their names.  Returns 0 or an errno value.
 */
int dirlist_read(struct dirlist *l, int fd, bool sort);

void dirlist_free(struct dirlist *l);

#endif
