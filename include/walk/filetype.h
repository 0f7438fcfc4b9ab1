/*
 * filetype.h - named file types for -t, -T, --type-add, --type-clear and
 * --type-list, as ripgrep has them.
 *
 * A type is a name and a list of globs matched against a file's base name,
 * case-sensitively (write "*.C" or "[Mm]akefile" where case varies).  Some
 * types also claim extensionless scripts by their "#!" line (py, sh, zsh,
 * perl, ruby, js, lua, php, awk, tcl); see filetype_shebang_type.
 *
 * A database holds the built-in types plus the user's changes.  From it a
 * selection is built once, for the -t and -T names, and then only read: it
 * may be used from any thread, and does not refer back to the database.
 *
 * Errors (a bad --type-add, an unknown type name) are returned as a message
 * in a caller's buffer, without the "isogrep: " prefix; the caller prints
 * it and exits with status 2.
 */
#ifndef ISOGREP_FILETYPE_H
#define ISOGREP_FILETYPE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "base/outbuf.h"

struct filetype_db;
struct filetype_selection;

/* Room for any error message (longer names are cut short). */
enum { FILETYPE_ERR_SIZE = 256 };

/* The built-in types.  Aborts on ENOMEM, as everything here does. */
struct filetype_db *filetype_db_new(void);

void filetype_db_free(struct filetype_db *db);

/*
 * Apply one --type-add: "NAME:GLOB" adds GLOB to the type NAME (creating
 * it); "NAME:include:A,B,..." adds every glob (and "#!" interpreter) that
 * the types A, B, ... have now -- a copy, as in ripgrep: later additions to
 * A do not reach NAME.  A GLOB may itself contain ':'.  NAME is letters,
 * digits, '_' and '-' (and non-ASCII bytes), and not "all".  On error
 * returns false with a message in err[0, errsize).
 */
bool filetype_add(struct filetype_db *db, const char *spec, char *err,
    size_t errsize);

/*
 * Apply one --type-clear: NAME is forgotten, globs and "#!" interpreters,
 * so -t NAME is an error again until a --type-add defines it.  Clearing an
 * unknown name does nothing.
 */
void filetype_clear(struct filetype_db *db, const char *name);

/*
 * --type-list: one line per type, sorted by name, with its globs sorted:
 * "c: *.H, *.c, *.h\n".
 */
void filetype_list(const struct filetype_db *db, struct outbuf *out);

/*
 * Build the selection for the -t names select[0, nselect) and the -T names
 * negate[0, nnegate).  The name "all" stands for every defined type.  An
 * unknown name gives NULL and a message in err.
 */
struct filetype_selection *filetype_selection_new(
    const struct filetype_db *db, const char *const *select, size_t nselect,
    const char *const *negate, size_t nnegate, char *err, size_t errsize);

void filetype_selection_free(struct filetype_selection *sel);

enum filetype_verdict {
	FILETYPE_REJECT,  /* skip the file */
	FILETYPE_ACCEPT,  /* search it */
	FILETYPE_SHEBANG, /* it depends on the "#!" line: see below */
};

/*
 * Judge a file by its base name base[0, len): a file matching any -T type
 * is rejected; with -t, one matching none of the -t types is rejected too;
 * anything else is accepted.
 *
 * FILETYPE_SHEBANG is returned only for names without an extension (no
 * '.' after the first byte) when a selected or negated type knows
 * interpreters.  The caller then reads the head of the file -- only for a
 * regular file with an execute bit -- and asks filetype_select_shebang;
 * for any other file, or when the read fails, it passes an empty head.
 */
enum filetype_verdict filetype_select(const struct filetype_selection *sel,
    const char *base, size_t len);

/*
 * The final answer for a file that got FILETYPE_SHEBANG: head[0, len) is
 * the start of the file (NULL with len 0: no "#!" line).  True: search it.
 */
bool filetype_select_shebang(const struct filetype_selection *sel,
    const char *head, size_t len);

/* Could filetype_select ever answer FILETYPE_SHEBANG? */
bool filetype_selection_needs_shebang(const struct filetype_selection *sel);

/*
 * The built-in type whose interpreter the "#!" line at the start of
 * head[0, len) names, or NULL.  "#!/usr/bin/python3", "#! /usr/bin/env
 * python3", "#!/usr/bin/env -S python3 -u" and "#!/usr/bin/python2.7" all
 * give "py"; a version suffix of digits and dots is ignored.  sh, bash,
 * dash, ash, ksh, mksh, yash, posh, csh and tcsh give "sh" (there is no
 * separate bash type: ripgrep's sh type already covers *.bash); zsh gives
 * "zsh", and a zsh script is also of type sh, whose globs include *.zsh.
 * node, nodejs, deno and bun give "js"; perl, ruby, lua, php, awk (gawk,
 * mawk, nawk) and tcl (tclsh, wish) give their own types.  "env" options
 * and VAR=value words are skipped.  A line ended by "\r\n" is fine.
 */
const char *filetype_shebang_type(const char *head, size_t len);

/*
 * Read the first bytes of path into buf[0, size), stopping early at a
 * newline or the end of the file.  The open uses O_NONBLOCK, so a FIFO
 * that slipped past the caller's checks cannot hang the walk, and
 * O_NOCTTY.  Returns the byte count, or -1 with errno set.
 */
ssize_t filetype_read_head(const char *path, char *buf, size_t size);

#endif
