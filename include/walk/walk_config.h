/*
 * walk_config.h - which files a walk takes: the walk's own rules (ignore
 * files, hidden files, depth, links) and the filters on each entry.
 *
 * The command line fills both once; the walker reads walk_config, the
 * filter plan reads filter_config, and neither sees the rest.
 */
#ifndef ISOGREP_WALK_CONFIG_H
#define ISOGREP_WALK_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

/* Sort order of results. */
enum sort_mode {
	SORT_NONE, /* stream results as they are found */
	SORT_PATH, /* by path, component by component */
	SORT_MODIFIED, /* by the file's times, oldest first */
	SORT_ACCESSED,
	SORT_CREATED,
	SORT_SIZE, /* by size, smallest first (isogrep's addition) */
};

/* What a directory named on the command line is (grep's -d ACTION). */
enum dir_action {
	DIRS_RECURSE, /* walked: isogrep's way, grep's -r */
	DIRS_READ,    /* grep's default: "DIR: Is a directory" */
	DIRS_SKIP,    /* passed by in silence */
};

struct walk_config {
	enum dir_action directories;
	bool dot_git;          /* grep mode: .git is a directory like others */
	bool no_ignore_vcs;    /* .gitignore, .git/info/exclude */
	bool no_ignore_dot;    /* .ignore, .isogrepignore */
	bool no_ignore_global; /* git's core.excludesFile */
	bool no_ignore_parent; /* ignore files above the roots */
	bool no_ignore_files;  /* --no-ignore: --ignore-file too */
	bool hidden;           /* search hidden files and directories */
	const char **ignore_files; /* --ignore-file */
	size_t nignore_files;
	long max_depth;        /* -1: no limit */
	bool follow;           /* --follow */
	bool one_file_system;
	enum sort_mode sort;   /* any but SORT_NONE: read directories in order */
	bool sort_reverse;     /* --sortr */
};

/* Entry kinds for --type-entry, as a bit set. */
enum {
	ENTRY_FILE = 1,
	ENTRY_DIR = 2,
	ENTRY_SYMLINK = 4,
	ENTRY_EXEC = 8,
	ENTRY_EMPTY = 16,
};

/* A -g/--iglob rule. */
struct glob_arg {
	const char *text; /* without a leading '!' */
	bool negated;     /* '!GLOB': exclude what matches */
	bool casefold;    /* --iglob */
};

/* A grep --include or --exclude (--exclude-from gives one per line). */
struct file_glob_arg {
	const char *text;
	bool include;     /* --include */
};

/* A --size bound: compare the file size with bytes. */
struct size_arg {
	int sign;                 /* +1: at least, -1: at most, 0: exactly */
	unsigned long long bytes;
};

struct filter_config {
	struct glob_arg *globs;
	size_t nglobs;
	/* grep's --include/--exclude in their order, and --exclude-dir. */
	struct file_glob_arg *file_globs;
	size_t nfile_globs;
	const char **exclude_dirs;
	size_t nexclude_dirs;
	const char **types;    /* -t */
	size_t ntypes;
	const char **types_not; /* -T */
	size_t ntypes_not;
	bool has_max_filesize;
	unsigned long long max_filesize;
	const char *name_regex; /* --name */
	bool full_path;        /* --name matches the whole path */
	unsigned entry_types;  /* --type-entry bits; 0: any */
	struct size_arg *sizes; /* --size, all must hold */
	size_t nsizes;
	bool has_changed_within;
	long long changed_within; /* modified at or after this time (s) */
	bool has_changed_before;
	long long changed_before; /* modified before this time (s) */
};

#endif
