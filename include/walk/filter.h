/*
 * filter.h - the plan of file filters the walker applies to each entry.
 *
 * The plan is built once from the options (globs, types, --name, kinds,
 * sizes, ages, --max-filesize) and then evaluated by the walker thread for
 * every candidate; it is not shared with the isolates.
 */
#ifndef ISOGREP_FILTER_H
#define ISOGREP_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "walk/filetype.h"
#include "walk/walk_config.h"

/* Why an entry was not searched; counted for --stats. */
enum skip_reason {
	SKIP_NONE,
	SKIP_IGNORED,   /* an ignore file's rule */
	SKIP_HIDDEN,    /* a dot name, without --hidden */
	SKIP_BINARY,    /* a NUL byte in the first block */
	SKIP_TOO_LARGE, /* --max-filesize */
	SKIP_GLOB,      /* -g, --iglob */
	SKIP_TYPE,      /* -t, -T */
	SKIP_NAME,      /* --name */
	SKIP_KIND,      /* --type-entry */
	SKIP_SIZE,      /* --size */
	SKIP_AGE,       /* --changed-within, --changed-before */
	SKIP_REASONS,
};

/* "ignored", "hidden", ... for messages. */
extern const char *const skip_reason_names[SKIP_REASONS];

/* An entry met by the walker, with its stat taken only when needed. */
struct candidate {
	const char *path;   /* as printed and opened */
	size_t path_len;
	const char *name;   /* the base name, inside path */
	size_t name_len;
	const char *rel;    /* relative to its root; "" for a root */
	size_t rel_len;
	unsigned char type; /* DT_REG, DT_DIR, DT_LNK, ... (DT_UNKNOWN: stat) */
	bool follow;        /* stat the target of a symlink */
	int stat_state;     /* 0: not yet, 1: st is valid, -1: stat failed */
	int stat_errno;
	struct stat st;
	int dir_empty;      /* directories: -1 unknown, 0 no, 1 yes */
	/*
	 * A regular file (by its directory entry) on a local disk's file
	 * system, where a read returns less than asked only at the end.
	 */
	bool short_read_ends;
};

/* The entry's stat (lstat unless follow), or NULL with stat_errno set. */
const struct stat *candidate_stat(struct candidate *c);

struct filter_plan;

/*
 * Build the plan; types come from db (for -t/-T).  A bad glob, regex or
 * type name is reported and the program exits with status 2.
 */
struct filter_plan *filter_plan_new(const struct filter_config *cfg,
    const struct filetype_db *db);

void filter_plan_free(struct filter_plan *p);

/*
 * Judge an entry that would be listed or searched (a file, or with
 * --type-entry a directory or symlink): SKIP_NONE to take it.
 */
enum skip_reason filter_plan_eval(const struct filter_plan *p,
    struct candidate *c);

/*
 * Does a '!GLOB' or an --exclude-dir exclude this directory (then it is
 * not entered)?
 */
bool filter_plan_prunes_dir(const struct filter_plan *p, struct candidate *c);

/*
 * Is a path named on the command line (not "-") left out by grep's
 * --include/--exclude (a file) or --exclude-dir (a directory)?  As in
 * grep, a glob may match the whole path or the part after any '/'.
 */
bool filter_plan_skips_operand(const struct filter_plan *p, const char *path,
    bool is_dir);

/*
 * Does a member of an archive, path[0, len) inside it, pass the globs
 * (-g, --include, --exclude) and types (-t, -T)?  Only those: the other
 * filters need a file on disk.  Safe to call from many threads at once.
 */
bool filter_plan_keeps_member(const struct filter_plan *p, const char *path,
    size_t len);

/*
 * Which entry kinds are listed (ENTRY_* bits of --type-entry, with
 * ENTRY_FILE when none was given).
 */
unsigned filter_plan_kinds(const struct filter_plan *p);

/* Was --type-entry given (then skipping an entry for its kind counts)? */
bool filter_plan_typed(const struct filter_plan *p);

#endif
