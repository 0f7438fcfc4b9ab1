/*
 * ignore.h - gitignore rules: one ignore file's rules, and the stack of
 * directories a walk is in, each with the ignore files found there.
 *
 * Semantics are git's (gitignore(5)): blank lines and '#' comments are
 * skipped ('\#' is a literal '#'); trailing unescaped spaces are dropped;
 * '!' negates ('\!' is literal); a pattern with a '/' at its start or in
 * its middle is anchored to the file's directory, otherwise it matches the
 * name at any depth below it; a trailing '/' matches directories only;
 * '**' as in glob.h; the last matching rule of a file wins.
 */
#ifndef ISOGREP_IGNORE_H
#define ISOGREP_IGNORE_H

#include <stdbool.h>
#include <stddef.h>

enum ignore_verdict {
	IGNORE_UNDECIDED, /* no rule matched */
	IGNORE_EXCLUDE,   /* the last matching rule ignores the path */
	IGNORE_INCLUDE,   /* the last matching rule is a '!' negation */
};

struct ignore_file;

/*
 * Parse the text of one ignore file.  Lines whose glob is invalid are
 * skipped (as git does).
 */
struct ignore_file *ignore_file_parse(const char *text, size_t len,
    unsigned glob_flags);

/*
 * Read and parse the file at path.  NULL with *err = 0 when it does not
 * exist (not an error), or with *err = errno when it cannot be read.
 */
struct ignore_file *ignore_file_load(const char *path, unsigned glob_flags,
    int *err);

/*
 * Match relpath ('/'-separated, relative to the directory the file applies
 * to, no leading "./" or '/') against the file's rules.
 */
enum ignore_verdict ignore_file_match(const struct ignore_file *f,
    const char *relpath, size_t len, bool is_dir);

void ignore_file_free(struct ignore_file *f);

/*
 * One directory of a walk and the ignore files that apply from it down.
 * Nodes form a stack through parent; a path is judged by the deepest node
 * with a verdict, and within a node by the file latest in its list.
 */
struct ignore_dir;

/*
 * Push the directory dir (its path as the walk names it, e.g. "src/lib",
 * without trailing '/'; "" for a root named "." or given without prefix)
 * with its ignore files in increasing precedence (NULL entries skipped).
 * The node takes ownership of the files.
 */
struct ignore_dir *ignore_dir_push(const struct ignore_dir *parent,
    const char *dir, size_t dir_len, struct ignore_file **files,
    size_t nfiles);

/* True when the node holds no files and its ancestors hold none either. */
bool ignore_dir_empty(const struct ignore_dir *d);

/*
 * Judge path (as the walk names it, below d's directory) for d and its
 * ancestors: the deepest node with a verdict decides.
 */
enum ignore_verdict ignore_dir_match(const struct ignore_dir *d,
    const char *path, size_t len, bool is_dir);

/* Free one node and its files (not its parent). */
void ignore_dir_free(struct ignore_dir *d);

#endif
