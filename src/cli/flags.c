/*
 * flags.c - the table of every command-line flag.
 *
 * One row per flag feeds the parser (cli.c) and --help, so a flag cannot
 * exist in one and be missing from the other.
 */
#include "cli/flags.h"

#include <string.h>

const struct flag flag_table[] = {
	{'e', "regexp", "PATTERN", FLAG_REGEXP,
	    "a pattern (repeatable: lines matching any)", 0},
	{'f', "file", "FILE", FLAG_FILE,
	    "patterns from FILE, one per line ('-': stdin)", 0},
	{0, "and", "PATTERN", FLAG_AND,
	    "a selected line must also match PATTERN (repeatable)", 0},
	{0, "not", "PATTERN", FLAG_NOT,
	    "a selected line must not match PATTERN (repeatable)", 0},
	{0, "all-match", NULL, FLAG_ALL_MATCH,
	    "a file counts only where every -e pattern matches", 0},
	{'F', "fixed-strings", NULL, FLAG_FIXED_STRINGS,
	    "patterns are literal strings", 0},
	{'E', "extended-regexp", NULL, FLAG_EXTENDED_REGEXP,
	    "patterns are POSIX extended regexps (egrep)", 0},
	{'G', "basic-regexp", NULL, FLAG_BASIC_REGEXP,
	    "patterns are POSIX basic regexps (grep's default)", 0},
	{'P', "perl-regexp", NULL, FLAG_PERL_REGEXP,
	    "patterns are PCRE2 (default; last of -EFGP wins)", 0},
	{'i', "ignore-case", NULL, FLAG_IGNORE_CASE,
	    "match case-insensitively", 0},
	{'y', NULL, NULL, FLAG_IGNORE_CASE,
	    "-i (an old name for it)", FLAG_GREP_ONLY},
	{'S', "smart-case", NULL, FLAG_SMART_CASE,
	    "ignore case unless a pattern has an uppercase", 0},
	{0, "case-sensitive", NULL, FLAG_CASE_SENSITIVE,
	    "match case-sensitively (undoes -i and -S)", 0},
	{'w', "word-regexp", NULL, FLAG_WORD_REGEXP,
	    "match only whole words", 0},
	{'x', "line-regexp", NULL, FLAG_LINE_REGEXP,
	    "match only whole lines", 0},
	{'v', "invert-match", NULL, FLAG_INVERT_MATCH,
	    "select the lines that do not match", 0},
	{'n', "line-number", NULL, FLAG_LINE_NUMBER,
	    "print the line number of each line", 0},
	{'H', "with-filename", NULL, FLAG_WITH_FILENAME,
	    "print the file name of each match", 0},
	{'h', "no-filename", NULL, FLAG_NO_FILENAME,
	    "never print file names", 0},
	{'c', "count", NULL, FLAG_COUNT,
	    "print the count of selected lines per file", 0},
	{'l', "files-with-matches", NULL, FLAG_FILES_WITH_MATCHES,
	    "print only names of files with selected lines", 0},
	{'L', "files-without-match", NULL, FLAG_FILES_WITHOUT_MATCH,
	    "print only names of files without selected lines", 0},
	{'o', "only-matching", NULL, FLAG_ONLY_MATCHING,
	    "print only the matches, one per line", 0},
	{'q', "quiet", NULL, FLAG_QUIET,
	    "print nothing; exit 0 at the first selected line", 0},
	{'m', "max-count", "NUM", FLAG_MAX_COUNT,
	    "stop reading a file after NUM selected lines", 0},
	{'s', "no-messages", NULL, FLAG_NO_MESSAGES,
	    "no messages about missing or unreadable files", 0},
	{'a', "text", NULL, FLAG_TEXT,
	    "search binary files as if they were text", 0},
	{'r', "recursive", NULL, FLAG_RECURSIVE,
	    "no PATH: search '.', never stdin (grep mode: recurse)", 0},
	{'R', "dereference-recursive", NULL, FLAG_DEREFERENCE_RECURSIVE,
	    "-r, and follow symbolic links", 0},
	{'j', "threads", "N", FLAG_THREADS,
	    "worker threads (default: online CPUs)", 0},
	{0, "no-ignore", NULL, FLAG_NO_IGNORE,
	    "do not use ignore files (.gitignore, .ignore, ...)", 0},
	{0, "no-ignore-vcs", NULL, FLAG_NO_IGNORE_VCS,
	    "do not use .gitignore and .git/info/exclude", 0},
	{0, "no-ignore-dot", NULL, FLAG_NO_IGNORE_DOT,
	    "do not use .ignore and .isogrepignore", 0},
	{0, "no-ignore-global", NULL, FLAG_NO_IGNORE_GLOBAL,
	    "do not use git's global excludes file", 0},
	{0, "no-ignore-parent", NULL, FLAG_NO_IGNORE_PARENT,
	    "do not use ignore files above the roots", 0},
	{0, "hidden", NULL, FLAG_HIDDEN,
	    "search hidden files and directories (not .git)", 0},
	{'u', "unrestricted", NULL, FLAG_UNRESTRICTED,
	    "-u: --no-ignore; -uu: and --hidden; -uuu: and -a",
	    FLAG_ISOGREP_ONLY},
	{0, "ignore-file", "FILE", FLAG_IGNORE_FILE,
	    "add the gitignore-style rules of FILE", 0},
	{'g', "glob", "GLOB", FLAG_GLOB,
	    "search only files matching GLOB ('!GLOB': not)", 0},
	{0, "iglob", "GLOB", FLAG_IGLOB,
	    "like --glob, ignoring case", 0},
	{'t', "type", "TYPE", FLAG_TYPE,
	    "search only files of TYPE (see --type-list)", 0},
	{'T', "type-not", "TYPE", FLAG_TYPE_NOT,
	    "do not search files of TYPE", FLAG_ISOGREP_ONLY},
	{0, "type-add", "SPEC", FLAG_TYPE_ADD,
	    "add a type: 'name:glob' or 'name:include:a,b'", 0},
	{0, "type-list", NULL, FLAG_TYPE_LIST,
	    "list the file types and their globs, then exit", 0},
	{'d', "max-depth", "N", FLAG_MAX_DEPTH,
	    "descend at most N levels below the roots", FLAG_ISOGREP_ONLY},
	{0, "follow", NULL, FLAG_FOLLOW,
	    "follow symbolic links (loops are reported once)", 0},
	{0, "one-file-system", NULL, FLAG_ONE_FILE_SYSTEM,
	    "do not cross into other file systems", 0},
	{0, "max-filesize", "SIZE", FLAG_MAX_FILESIZE,
	    "skip files larger than SIZE (K, M, G)", 0},
	{0, "files", NULL, FLAG_FILES,
	    "list the files that would be searched, then exit", 0},
	{'0', "null", NULL, FLAG_NULL,
	    "end each listed path with NUL, not newline", FLAG_ISOGREP_ONLY},
	{'Z', "null", NULL, FLAG_NULL,
	    "end each file name with NUL, not ':' or newline", FLAG_GREP_ONLY},
	{0, "name", "REGEX", FLAG_NAME,
	    "select files whose name matches REGEX", 0},
	{0, "full-path", NULL, FLAG_FULL_PATH,
	    "--name matches the whole path, not the base name", 0},
	{0, "type-entry", "KINDS", FLAG_TYPE_ENTRY,
	    "select kinds: f, d, l (link), x (executable), e", 0},
	{0, "size", "[+-]N", FLAG_SIZE,
	    "by size: +N at least, -N at most (k, m, g)", 0},
	{0, "changed-within", "WHEN", FLAG_CHANGED_WITHIN,
	    "modified within 10m, 2h, 3d, 1w or since a date", 0},
	{0, "changed-before", "WHEN", FLAG_CHANGED_BEFORE,
	    "modified before a duration ago or a date", 0},
	{0, "include", "GLOB", FLAG_INCLUDE,
	    "grep's: search only files matching GLOB", 0},
	{0, "exclude", "GLOB", FLAG_EXCLUDE,
	    "grep's: skip files matching GLOB", 0},
	{0, "exclude-from", "FILE", FLAG_EXCLUDE_FROM,
	    "grep's: --exclude each GLOB of FILE", 0},
	{0, "exclude-dir", "GLOB", FLAG_EXCLUDE_DIR,
	    "grep's: do not enter directories matching GLOB", 0},
	{0, "sort", "KEY", FLAG_SORT,
	    "sort by path, modified, accessed, created, size", 0},
	{0, "sortr", "KEY", FLAG_SORTR,
	    "output in descending order of KEY (as --sort)", 0},
	{0, "stats", NULL, FLAG_STATS,
	    "print counts of matches, files and bytes at the end", 0},
	{0, "json", NULL, FLAG_JSON,
	    "print JSON Lines in ripgrep's schema", FLAG_ISOGREP_ONLY},
	{'I', "ignore-binary", NULL, FLAG_WITHOUT_MATCH,
	    "skip binary files, named ones too", 0},
	{0, "binary-files", "TYPE", FLAG_BINARY_FILES,
	    "binary, text (-a) or without-match (-I)", 0},
	{0, "binary", NULL, FLAG_BINARY,
	    "search binary files, report how many lines match",
	    FLAG_ISOGREP_ONLY},
	{'U', "multiline", NULL, FLAG_MULTILINE,
	    "a match may span lines (\\n, \\s, [^a] match newlines)",
	    FLAG_ISOGREP_ONLY},
	{0, "multiline", NULL, FLAG_MULTILINE,
	    "a match may span lines (\\n, \\s, [^a] match newlines)",
	    FLAG_GREP_ONLY},
	{0, "multiline-dotall", NULL, FLAG_MULTILINE_DOTALL,
	    "with --multiline (-U), '.' matches newlines too", 0},
	{'U', "binary", NULL, FLAG_BINARY_NOOP,
	    "no effect (keeps CRs on Windows only)",
	    FLAG_GREP_ONLY},
	{'d', "directories", "ACTION", FLAG_DIRECTORIES,
	    "a directory operand: read (error), skip, recurse",
	    FLAG_GREP_ONLY},
	{'D', "devices", "ACTION", FLAG_DEVICES,
	    "a device, FIFO or socket operand: read or skip",
	    FLAG_GREP_ONLY},
	{'T', "initial-tab", NULL, FLAG_INITIAL_TAB,
	    "a tab before the text; numbers padded as grep's",
	    FLAG_GREP_ONLY},
	{'z', "search-zip", NULL, FLAG_SEARCH_ZIP,
	    "search compressed files and archive members", FLAG_ISOGREP_ONLY},
	{'z', "null-data", NULL, FLAG_NULL_DATA,
	    "input and output records end in NUL, not newline", FLAG_GREP_ONLY},
	{0, "null-data", NULL, FLAG_NULL_DATA,
	    "input and output records end in NUL, not newline",
	    FLAG_ISOGREP_ONLY},
	{'A', "after-context", "NUM", FLAG_AFTER_CONTEXT,
	    "print NUM lines of context after each selected line", 0},
	{'B', "before-context", "NUM", FLAG_BEFORE_CONTEXT,
	    "print NUM lines of context before each selected line", 0},
	{'C', "context", "NUM", FLAG_CONTEXT,
	    "-A NUM -B NUM (grep mode: also -NUM)", 0},
	{0, "context-separator", "SEP", FLAG_CONTEXT_SEPARATOR,
	    "print SEP between groups ('--')", 0},
	{0, "no-context-separator", NULL, FLAG_NO_CONTEXT_SEPARATOR,
	    "print nothing between groups of context lines", 0},
	{0, "group-separator", "SEP", FLAG_GROUP_SEPARATOR,
	    "grep's --context-separator (no escapes)", 0},
	{0, "no-group-separator", NULL, FLAG_NO_CONTEXT_SEPARATOR,
	    "grep's --no-context-separator", 0},
	{0, "passthru", NULL, FLAG_PASSTHRU,
	    "print every line: the others as context lines", 0},
	{0, "color", "WHEN", FLAG_COLOR,
	    "colors: auto (on a terminal), always, never or ansi",
	    FLAG_ISOGREP_ONLY},
	{0, "colour", "WHEN", FLAG_COLOR,
	    "--color", FLAG_ISOGREP_ONLY},
	{0, "color", "WHEN", FLAG_COLOR,
	    "accepted and ignored: no colors in grep mode",
	    FLAG_OPTIONAL_ARG | FLAG_GREP_ONLY},
	{0, "colour", "WHEN", FLAG_COLOR,
	    "--color", FLAG_OPTIONAL_ARG | FLAG_GREP_ONLY},
	{0, "colors", "SPEC", FLAG_COLORS,
	    "TYPE:fg|bg|style:VALUE, or TYPE:none",
	    FLAG_ISOGREP_ONLY},
	{0, "heading", NULL, FLAG_HEADING,
	    "file names above their matches (tty default)", FLAG_ISOGREP_ONLY},
	{0, "no-heading", NULL, FLAG_NO_HEADING,
	    "the file name in each record, not as a heading",
	    FLAG_ISOGREP_ONLY},
	{'N', "no-line-number", NULL, FLAG_NO_LINE_NUMBER,
	    "no line numbers (they are the default on a terminal)",
	    FLAG_ISOGREP_ONLY},
	{'p', "pretty", NULL, FLAG_PRETTY,
	    "--color=always --heading --line-number", FLAG_ISOGREP_ONLY},
	{0, "hyperlink-format", "FORMAT", FLAG_HYPERLINK_FORMAT,
	    "link paths: vscode, file, ... or a URL",
	    FLAG_ISOGREP_ONLY},
	{'M', "max-columns", "NUM", FLAG_MAX_COLUMNS,
	    "leave out lines longer than NUM bytes (0: no limit)",
	    FLAG_ISOGREP_ONLY},
	{0, "max-columns-preview", NULL, FLAG_MAX_COLUMNS_PREVIEW,
	    "with -M, show the start of a long line", FLAG_ISOGREP_ONLY},
	{0, "trim", NULL, FLAG_TRIM,
	    "leave out the blanks that start a line", FLAG_ISOGREP_ONLY},
	{0, "column", NULL, FLAG_COLUMN,
	    "print the column of the first match (implies -n)",
	    FLAG_ISOGREP_ONLY},
	{0, "vimgrep", NULL, FLAG_VIMGREP,
	    "a record PATH:LINE:COLUMN:LINE for every match",
	    FLAG_ISOGREP_ONLY},
	{'b', "byte-offset", NULL, FLAG_BYTE_OFFSET,
	    "print each line's byte offset (-o: each match's)", 0},
	{0, "count-matches", NULL, FLAG_COUNT_MATCHES,
	    "as -c, counting matches rather than lines", FLAG_ISOGREP_ONLY},
	{0, "include-zero", NULL, FLAG_INCLUDE_ZERO,
	    "with -c, also print walked files that count 0",
	    FLAG_ISOGREP_ONLY},
	{0, "field-match-separator", "SEP", FLAG_FIELD_MATCH_SEPARATOR,
	    "after a match's fields (default ':')",
	    FLAG_ISOGREP_ONLY},
	{0, "field-context-separator", "SEP", FLAG_FIELD_CONTEXT_SEPARATOR,
	    "after a context line's fields ('-')",
	    FLAG_ISOGREP_ONLY},
	{0, "replace", "TEXT", FLAG_REPLACE,
	    "print TEXT for each match ($1, ${name}, $$)",
	    FLAG_ISOGREP_ONLY},
	{0, "line-buffered", NULL, FLAG_LINE_BUFFERED,
	    "write each line when found (tty default)",
	    0},
	{0, "block-buffered", NULL, FLAG_BLOCK_BUFFERED,
	    "write output in large blocks, even to a tty",
	    0},
	{0, "label", "NAME", FLAG_LABEL,
	    "name standard input NAME in the output", 0},
	{0, "crlf", NULL, FLAG_CRLF,
	    "CRLF is a line end for ^ and $ (lines keep the CR)",
	    0},
	{0, "match-limit", "N", FLAG_MATCH_LIMIT,
	    "PCRE2's limit of backtracking steps per match", 0},
	{0, "depth-limit", "N", FLAG_DEPTH_LIMIT,
	    "PCRE2's backtracking depth limit (no JIT)", 0},
	{0, "grep-mode", NULL, FLAG_GREP_MODE,
	    "GNU grep's defaults and options (as named grep)", 0},
	{0, "no-config", NULL, FLAG_NO_CONFIG,
	    "do not read the file ISOGREP_CONFIG_PATH names", 0},
	{0, "generate", "KIND", FLAG_GENERATE,
	    "print the man page or a completion script", 0},
	{0, "help", NULL, FLAG_HELP,
	    "print this help and exit", 0},
	{'V', "version", NULL, FLAG_VERSION,
	    "print the version and exit", 0},
};

const size_t flag_count = sizeof(flag_table) / sizeof(flag_table[0]);

bool
flag_in_mode(const struct flag *f, enum flag_mode m)
{
	unsigned other = m == FLAG_MODE_GREP ? FLAG_ISOGREP_ONLY :
	    FLAG_GREP_ONLY;

	return (f->attrs & other) == 0;
}

const struct flag *
flag_by_short(char c, enum flag_mode m)
{
	for (size_t i = 0; i < flag_count; i++)
		if (flag_table[i].short_name == c &&
		    flag_in_mode(&flag_table[i], m))
			return &flag_table[i];
	return NULL;
}

const struct flag *
flag_by_long(const char *name, size_t len, enum flag_mode m)
{
	for (size_t i = 0; i < flag_count; i++) {
		const char *l = flag_table[i].long_name;

		if (l != NULL && strlen(l) == len && memcmp(l, name, len) == 0 &&
		    flag_in_mode(&flag_table[i], m))
			return &flag_table[i];
	}
	return NULL;
}

const char *
flag_group_title(enum flag_group g)
{
	static const char *const titles[FLAG_GROUP_COUNT] = {
		[FLAG_GROUP_INPUT] = "Input",
		[FLAG_GROUP_MATCHING] = "Matching",
		[FLAG_GROUP_FILES] = "Selection of files",
		[FLAG_GROUP_OUTPUT] = "Output",
		[FLAG_GROUP_CONTEXT] = "Context",
		[FLAG_GROUP_FORMATS] = "Formats",
		[FLAG_GROUP_PERFORMANCE] = "Performance",
		[FLAG_GROUP_OTHER] = "Other",
	};

	return (unsigned)g < FLAG_GROUP_COUNT ? titles[g] : "Other";
}

/*
 * A switch without a default: -Wswitch (in -Wall) names any flag_id
 * added to flags.h and forgotten here, so none goes ungrouped.
 */
struct flag_doc
flag_doc(enum flag_id id)
{
	struct flag_doc d = {FLAG_GROUP_OTHER, FLAG_ARG_NONE, NULL};

#define DOC(g, a) d.group = FLAG_GROUP_##g, d.arg = FLAG_ARG_##a
#define CHOICE(g, c) \
	d.group = FLAG_GROUP_##g, d.arg = FLAG_ARG_CHOICE, d.choices = (c)
	switch (id) {
	case FLAG_FILE: DOC(INPUT, FILE); break;
	case FLAG_TEXT:
	case FLAG_BINARY:
	case FLAG_WITHOUT_MATCH:
	case FLAG_BINARY_NOOP:
	case FLAG_NULL_DATA:
	case FLAG_RECURSIVE:
	case FLAG_DEREFERENCE_RECURSIVE: DOC(INPUT, NONE); break;
	case FLAG_SEARCH_ZIP:
	case FLAG_CRLF:
	case FLAG_MULTILINE:
	case FLAG_MULTILINE_DOTALL: DOC(INPUT, NONE); break;
	case FLAG_LABEL: DOC(INPUT, TEXT); break;
	case FLAG_BINARY_FILES:
		CHOICE(INPUT, "binary text without-match");
		break;
	case FLAG_DIRECTORIES: CHOICE(INPUT, "read skip recurse"); break;
	case FLAG_DEVICES: CHOICE(INPUT, "read skip"); break;

	case FLAG_REGEXP:
	case FLAG_AND:
	case FLAG_NOT: DOC(MATCHING, TEXT); break;
	case FLAG_ALL_MATCH: DOC(MATCHING, NONE); break;
	case FLAG_FIXED_STRINGS:
	case FLAG_EXTENDED_REGEXP:
	case FLAG_BASIC_REGEXP:
	case FLAG_PERL_REGEXP:
	case FLAG_IGNORE_CASE:
	case FLAG_SMART_CASE:
	case FLAG_CASE_SENSITIVE:
	case FLAG_WORD_REGEXP:
	case FLAG_LINE_REGEXP:
	case FLAG_INVERT_MATCH: DOC(MATCHING, NONE); break;
	case FLAG_MAX_COUNT: DOC(MATCHING, NUMBER); break;

	case FLAG_NO_IGNORE:
	case FLAG_NO_IGNORE_VCS:
	case FLAG_NO_IGNORE_DOT:
	case FLAG_NO_IGNORE_GLOBAL:
	case FLAG_NO_IGNORE_PARENT:
	case FLAG_HIDDEN:
	case FLAG_UNRESTRICTED:
	case FLAG_TYPE_LIST:
	case FLAG_FOLLOW:
	case FLAG_ONE_FILE_SYSTEM:
	case FLAG_FILES:
	case FLAG_FULL_PATH: DOC(FILES, NONE); break;
	case FLAG_IGNORE_FILE:
	case FLAG_EXCLUDE_FROM: DOC(FILES, FILE); break;
	case FLAG_GLOB:
	case FLAG_IGLOB:
	case FLAG_TYPE_ADD:
	case FLAG_NAME:
	case FLAG_CHANGED_WITHIN:
	case FLAG_CHANGED_BEFORE:
	case FLAG_INCLUDE:
	case FLAG_EXCLUDE:
	case FLAG_EXCLUDE_DIR: DOC(FILES, TEXT); break;
	case FLAG_TYPE:
	case FLAG_TYPE_NOT: DOC(FILES, TYPE); break;
	case FLAG_MAX_DEPTH:
	case FLAG_MAX_FILESIZE:
	case FLAG_SIZE: DOC(FILES, NUMBER); break;
	case FLAG_TYPE_ENTRY: CHOICE(FILES, "f d l x e"); break;

	case FLAG_LINE_NUMBER:
	case FLAG_WITH_FILENAME:
	case FLAG_NO_FILENAME:
	case FLAG_COUNT:
	case FLAG_FILES_WITH_MATCHES:
	case FLAG_FILES_WITHOUT_MATCH:
	case FLAG_ONLY_MATCHING:
	case FLAG_QUIET:
	case FLAG_NO_MESSAGES:
	case FLAG_NULL:
	case FLAG_INITIAL_TAB:
	case FLAG_STATS: DOC(OUTPUT, NONE); break;
	case FLAG_HEADING:
	case FLAG_NO_HEADING:
	case FLAG_NO_LINE_NUMBER:
	case FLAG_PRETTY:
	case FLAG_MAX_COLUMNS_PREVIEW:
	case FLAG_TRIM:
	case FLAG_COLUMN:
	case FLAG_BYTE_OFFSET:
	case FLAG_INCLUDE_ZERO:
	case FLAG_COUNT_MATCHES: DOC(OUTPUT, NONE); break;
	case FLAG_COLORS:
	case FLAG_FIELD_MATCH_SEPARATOR:
	case FLAG_FIELD_CONTEXT_SEPARATOR:
	case FLAG_REPLACE: DOC(OUTPUT, TEXT); break;
	case FLAG_MAX_COLUMNS: DOC(OUTPUT, NUMBER); break;
	case FLAG_COLOR: CHOICE(OUTPUT, "never auto always ansi"); break;
	case FLAG_HYPERLINK_FORMAT:
		CHOICE(OUTPUT, "default none file grep+ kitty macvim textmate "
		    "vscode vscode-insiders vscodium");
		break;
	case FLAG_SORT:
	case FLAG_SORTR:
		CHOICE(OUTPUT, "path modified accessed created size none");
		break;

	case FLAG_CONTEXT:
	case FLAG_AFTER_CONTEXT:
	case FLAG_BEFORE_CONTEXT: DOC(CONTEXT, NUMBER); break;
	case FLAG_CONTEXT_SEPARATOR:
	case FLAG_GROUP_SEPARATOR: DOC(CONTEXT, TEXT); break;
	case FLAG_NO_CONTEXT_SEPARATOR:
	case FLAG_PASSTHRU: DOC(CONTEXT, NONE); break;

	case FLAG_JSON:
	case FLAG_VIMGREP: DOC(FORMATS, NONE); break;

	case FLAG_THREADS:
	case FLAG_MATCH_LIMIT:
	case FLAG_DEPTH_LIMIT: DOC(PERFORMANCE, NUMBER); break;
	case FLAG_LINE_BUFFERED:
	case FLAG_BLOCK_BUFFERED: DOC(PERFORMANCE, NONE); break;

	case FLAG_GREP_MODE:
	case FLAG_NO_CONFIG:
	case FLAG_HELP:
	case FLAG_VERSION: DOC(OTHER, NONE); break;
	case FLAG_GENERATE: CHOICE(OTHER, "man bash zsh fish"); break;
	}
#undef DOC
#undef CHOICE
	return d;
}

/* Edit distance (insert, delete, substitute) between a[0,n) and b[0,m). */
static size_t
edit_distance(const char *a, size_t n, const char *b, size_t m)
{
	size_t row[64];

	if (m >= sizeof(row) / sizeof(row[0]))
		return (size_t)-1;
	for (size_t j = 0; j <= m; j++)
		row[j] = j;
	for (size_t i = 1; i <= n; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[m];
}

const char *
flag_nearest_long(const char *name, size_t len, enum flag_mode m)
{
	const char *best = NULL;
	/* A third of the name may be wrong, at least one letter, at most 3. */
	size_t limit = len / 3 < 1 ? 1 : len / 3 > 3 ? 3 : len / 3;
	size_t best_d = limit + 1;

	for (size_t i = 0; i < flag_count; i++) {
		const char *l = flag_table[i].long_name;
		size_t d;

		if (l == NULL || !flag_in_mode(&flag_table[i], m))
			continue;
		d = edit_distance(name, len, l, strlen(l));
		if (d < best_d) {
			best_d = d;
			best = l;
		}
	}
	return best;
}
