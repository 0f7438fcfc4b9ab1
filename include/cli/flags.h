/*
 * flags.h - the one table of command-line flags.
 *
 * Each row names a flag, says whether it takes an argument, and carries its
 * help line; the parser and --help both read it.  Most rows mean the same
 * in isogrep's own mode and in grep mode (called as grep, egrep, fgrep or
 * with --grep-mode); where GNU grep gives a letter another meaning (-d,
 * -T, -0), each mode has its own row.
 */
#ifndef ISOGREP_FLAGS_H
#define ISOGREP_FLAGS_H

#include <stdbool.h>
#include <stddef.h>

enum flag_id {
	FLAG_REGEXP,
	FLAG_FILE,
	FLAG_FIXED_STRINGS,
	FLAG_EXTENDED_REGEXP,
	FLAG_BASIC_REGEXP,
	FLAG_PERL_REGEXP,
	FLAG_IGNORE_CASE,
	FLAG_SMART_CASE,
	FLAG_CASE_SENSITIVE,
	FLAG_WORD_REGEXP,
	FLAG_LINE_REGEXP,
	FLAG_INVERT_MATCH,
	FLAG_LINE_NUMBER,
	FLAG_WITH_FILENAME,
	FLAG_NO_FILENAME,
	FLAG_COUNT,
	FLAG_FILES_WITH_MATCHES,
	FLAG_FILES_WITHOUT_MATCH,
	FLAG_ONLY_MATCHING,
	FLAG_QUIET,
	FLAG_MAX_COUNT,
	FLAG_NO_MESSAGES,
	FLAG_TEXT,
	FLAG_RECURSIVE,
	FLAG_DEREFERENCE_RECURSIVE,
	FLAG_THREADS,
	FLAG_NO_IGNORE,
	FLAG_NO_IGNORE_VCS,
	FLAG_NO_IGNORE_DOT,
	FLAG_NO_IGNORE_GLOBAL,
	FLAG_NO_IGNORE_PARENT,
	FLAG_HIDDEN,
	FLAG_UNRESTRICTED,
	FLAG_IGNORE_FILE,
	FLAG_GLOB,
	FLAG_IGLOB,
	FLAG_TYPE,
	FLAG_TYPE_NOT,
	FLAG_TYPE_ADD,
	FLAG_TYPE_LIST,
	FLAG_MAX_DEPTH,
	FLAG_FOLLOW,
	FLAG_ONE_FILE_SYSTEM,
	FLAG_MAX_FILESIZE,
	FLAG_FILES,
	FLAG_NULL,
	FLAG_NAME,
	FLAG_FULL_PATH,
	FLAG_TYPE_ENTRY,
	FLAG_SIZE,
	FLAG_CHANGED_WITHIN,
	FLAG_CHANGED_BEFORE,
	FLAG_INCLUDE,
	FLAG_EXCLUDE,
	FLAG_EXCLUDE_FROM,
	FLAG_EXCLUDE_DIR,
	FLAG_SORT,
	FLAG_SORTR,
	FLAG_STATS,
	FLAG_SEARCH_ZIP,
	FLAG_JSON,
	FLAG_WITHOUT_MATCH,
	FLAG_BINARY_FILES,
	FLAG_BINARY,
	FLAG_MATCH_LIMIT,
	FLAG_DEPTH_LIMIT,
	FLAG_NO_CONFIG,
	FLAG_GENERATE,
	FLAG_HELP,
	FLAG_VERSION,
	FLAG_GREP_MODE,
	FLAG_DIRECTORIES,
	FLAG_DEVICES,
	FLAG_INITIAL_TAB,
	FLAG_BINARY_NOOP,
	FLAG_NULL_DATA,
	FLAG_AFTER_CONTEXT,
	FLAG_BEFORE_CONTEXT,
	FLAG_CONTEXT,
	FLAG_CONTEXT_SEPARATOR,
	FLAG_GROUP_SEPARATOR,
	FLAG_NO_CONTEXT_SEPARATOR,
	FLAG_PASSTHRU,
	FLAG_MULTILINE,
	FLAG_MULTILINE_DOTALL,
	FLAG_COLOR,
	FLAG_HEADING,
	FLAG_NO_HEADING,
	FLAG_NO_LINE_NUMBER,
	FLAG_PRETTY,
	FLAG_COLORS,
	FLAG_MAX_COLUMNS,
	FLAG_MAX_COLUMNS_PREVIEW,
	FLAG_TRIM,
	FLAG_HYPERLINK_FORMAT,
	FLAG_COLUMN,
	FLAG_VIMGREP,
	FLAG_BYTE_OFFSET,
	FLAG_INCLUDE_ZERO,
	FLAG_COUNT_MATCHES,
	FLAG_FIELD_MATCH_SEPARATOR,
	FLAG_FIELD_CONTEXT_SEPARATOR,
	FLAG_REPLACE,
	FLAG_LINE_BUFFERED,
	FLAG_BLOCK_BUFFERED,
	FLAG_LABEL,
	FLAG_CRLF,
	FLAG_AND,
	FLAG_NOT,
	FLAG_ALL_MATCH,
};

/* The two ways the command line is read. */
enum flag_mode {
	FLAG_MODE_ISOGREP,
	FLAG_MODE_GREP, /* GNU grep's defaults and option letters */
};

/* Bits of struct flag.attrs. */
enum {
	FLAG_ISOGREP_ONLY = 1, /* grep mode gives the letter or name to another */
	FLAG_GREP_ONLY = 2,    /* only in grep mode */
	FLAG_OPTIONAL_ARG = 4, /* the argument only as --name=ARG */
};

struct flag {
	char short_name;       /* 0: long only */
	const char *long_name; /* NULL: short only */
	const char *arg_name;  /* NULL: takes no argument */
	enum flag_id id;
	const char *help;
	unsigned attrs;        /* FLAG_ISOGREP_ONLY, ...; 0 for most */
};

/*
 * Where --help and the man page list a flag.  Every flag_id belongs to
 * one group (flag_doc's switch has no default, so the compiler names a
 * flag that was added without one).
 */
enum flag_group {
	FLAG_GROUP_INPUT,
	FLAG_GROUP_MATCHING,
	FLAG_GROUP_FILES,
	FLAG_GROUP_OUTPUT,
	FLAG_GROUP_CONTEXT,
	FLAG_GROUP_FORMATS,
	FLAG_GROUP_PERFORMANCE,
	FLAG_GROUP_OTHER,
	FLAG_GROUP_COUNT
};

/* What a flag's argument is, for the shell completions. */
enum flag_arg {
	FLAG_ARG_NONE,   /* takes none */
	FLAG_ARG_TEXT,   /* free text: a pattern, a glob, a template */
	FLAG_ARG_NUMBER, /* a count or a size */
	FLAG_ARG_FILE,   /* a path */
	FLAG_ARG_TYPE,   /* a file type name (--type-list) */
	FLAG_ARG_CHOICE, /* one of flag_doc.choices */
};

struct flag_doc {
	enum flag_group group;
	enum flag_arg arg;
	const char *choices; /* FLAG_ARG_CHOICE: the values, space-separated */
};

extern const struct flag flag_table[];
extern const size_t flag_count;

/* How --help, the man page and the completions present a flag. */
struct flag_doc flag_doc(enum flag_id id);

/* The heading of a group in --help and the man page. */
const char *flag_group_title(enum flag_group g);

/* Is the row's flag there in mode m? */
bool flag_in_mode(const struct flag *f, enum flag_mode m);

/* The row for a short or long name in mode m; NULL when there is none. */
const struct flag *flag_by_short(char c, enum flag_mode m);
const struct flag *flag_by_long(const char *name, size_t len,
    enum flag_mode m);

/*
 * The long option of mode m nearest to the misspelt name[0,len), for a
 * "did you mean" hint; NULL when none is close.
 */
const char *flag_nearest_long(const char *name, size_t len,
    enum flag_mode m);

#endif
