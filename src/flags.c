/*
 * flags.c - the table of every command-line flag.
 *
 * One row per flag feeds the parser (cli.c) and --help, so a flag cannot
 * exist in one and be missing from the other.
 */
#include "flags.h"

#include <string.h>

const struct flag flag_table[] = {
	{'e', "regexp", "PATTERN", FLAG_REGEXP,
	    "a pattern to search for (repeatable: any of them)"},
	{'f', "file", "FILE", FLAG_FILE,
	    "read patterns from FILE, one per line ('-': stdin)"},
	{'F', "fixed-strings", NULL, FLAG_FIXED_STRINGS,
	    "patterns are literal strings, not regular expressions"},
	{'E', "extended-regexp", NULL, FLAG_EXTENDED_REGEXP,
	    "patterns are POSIX extended regular expressions (egrep)"},
	{'G', "basic-regexp", NULL, FLAG_BASIC_REGEXP,
	    "patterns are POSIX basic regular expressions (grep's default)"},
	{'P', "perl-regexp", NULL, FLAG_PERL_REGEXP,
	    "patterns are PCRE2 (the default); the last of -E -F -G -P wins"},
	{'i', "ignore-case", NULL, FLAG_IGNORE_CASE,
	    "match case-insensitively"},
	{'S', "smart-case", NULL, FLAG_SMART_CASE,
	    "ignore case unless a pattern has an uppercase letter"},
	{0, "case-sensitive", NULL, FLAG_CASE_SENSITIVE,
	    "match case-sensitively (undoes -i and -S)"},
	{'w', "word-regexp", NULL, FLAG_WORD_REGEXP,
	    "match only whole words"},
	{'x', "line-regexp", NULL, FLAG_LINE_REGEXP,
	    "match only whole lines"},
	{'v', "invert-match", NULL, FLAG_INVERT_MATCH,
	    "select the lines that do not match"},
	{'n', "line-number", NULL, FLAG_LINE_NUMBER,
	    "print the line number of each line"},
	{'H', "with-filename", NULL, FLAG_WITH_FILENAME,
	    "print the file name of each match"},
	{'h', "no-filename", NULL, FLAG_NO_FILENAME,
	    "never print file names"},
	{'c', "count", NULL, FLAG_COUNT,
	    "print the number of selected lines of each file"},
	{'l', "files-with-matches", NULL, FLAG_FILES_WITH_MATCHES,
	    "print only the names of files with selected lines"},
	{'L', "files-without-match", NULL, FLAG_FILES_WITHOUT_MATCH,
	    "print only the names of files without selected lines"},
	{'o', "only-matching", NULL, FLAG_ONLY_MATCHING,
	    "print only the matched parts of lines, one per line"},
	{'q', "quiet", NULL, FLAG_QUIET,
	    "print nothing; exit 0 at the first selected line"},
	{'m', "max-count", "NUM", FLAG_MAX_COUNT,
	    "stop reading a file after NUM selected lines"},
	{'s', "no-messages", NULL, FLAG_NO_MESSAGES,
	    "suppress messages about missing or unreadable files"},
	{'a', "text", NULL, FLAG_TEXT,
	    "search binary files as if they were text"},
	{'r', "recursive", NULL, FLAG_RECURSIVE,
	    "with no PATH, search the current directory, never stdin"},
	{'R', "dereference-recursive", NULL, FLAG_DEREFERENCE_RECURSIVE,
	    "-r, and follow symbolic links (as --follow)"},
	{'j', "threads", "N", FLAG_THREADS,
	    "number of worker threads (default: online CPUs)"},
	{0, "no-ignore", NULL, FLAG_NO_IGNORE,
	    "do not use ignore files (.gitignore, .ignore, ...)"},
	{0, "no-ignore-vcs", NULL, FLAG_NO_IGNORE_VCS,
	    "do not use .gitignore and .git/info/exclude"},
	{0, "no-ignore-dot", NULL, FLAG_NO_IGNORE_DOT,
	    "do not use .ignore and .isogrepignore"},
	{0, "no-ignore-global", NULL, FLAG_NO_IGNORE_GLOBAL,
	    "do not use git's global excludes file"},
	{0, "no-ignore-parent", NULL, FLAG_NO_IGNORE_PARENT,
	    "do not use ignore files in directories above the roots"},
	{0, "hidden", NULL, FLAG_HIDDEN,
	    "search hidden files and directories (not .git)"},
	{'u', "unrestricted", NULL, FLAG_UNRESTRICTED,
	    "-u: --no-ignore; -uu: and --hidden; -uuu: and --text"},
	{0, "ignore-file", "FILE", FLAG_IGNORE_FILE,
	    "add the gitignore-style rules of FILE"},
	{'g', "glob", "GLOB", FLAG_GLOB,
	    "search only files matching GLOB ('!GLOB' excludes)"},
	{0, "iglob", "GLOB", FLAG_IGLOB,
	    "like --glob, ignoring case"},
	{'t', "type", "TYPE", FLAG_TYPE,
	    "search only files of TYPE (see --type-list)"},
	{'T', "type-not", "TYPE", FLAG_TYPE_NOT,
	    "do not search files of TYPE"},
	{0, "type-add", "SPEC", FLAG_TYPE_ADD,
	    "add a type: 'name:glob' or 'name:include:a,b'"},
	{0, "type-list", NULL, FLAG_TYPE_LIST,
	    "list the file types and their globs, then exit"},
	{'d', "max-depth", "N", FLAG_MAX_DEPTH,
	    "descend at most N directories below the roots"},
	{0, "follow", NULL, FLAG_FOLLOW,
	    "follow symbolic links (loops are reported once)"},
	{0, "one-file-system", NULL, FLAG_ONE_FILE_SYSTEM,
	    "do not cross into other file systems"},
	{0, "max-filesize", "SIZE", FLAG_MAX_FILESIZE,
	    "skip files larger than SIZE (K, M, G suffixes)"},
	{0, "files", NULL, FLAG_FILES,
	    "list the files that would be searched, then exit"},
	{'0', "null", NULL, FLAG_NULL,
	    "end each listed path with NUL, not newline"},
	{0, "name", "REGEX", FLAG_NAME,
	    "select files whose name matches REGEX"},
	{0, "full-path", NULL, FLAG_FULL_PATH,
	    "--name matches the whole path, not the base name"},
	{0, "type-entry", "KINDS", FLAG_TYPE_ENTRY,
	    "select f(ile), d(irectory), l(ink), x (executable), e(mpty)"},
	{0, "size", "[+-]N", FLAG_SIZE,
	    "select by size: +N at least, -N at most (k, m, g)"},
	{0, "changed-within", "WHEN", FLAG_CHANGED_WITHIN,
	    "modified within a duration (10m, 2h, 3d, 1w) or since a date"},
	{0, "changed-before", "WHEN", FLAG_CHANGED_BEFORE,
	    "modified before a duration ago or a date (2026-01-31)"},
	{0, "include", "GLOB", FLAG_INCLUDE,
	    "grep's: search only files whose name matches GLOB"},
	{0, "exclude", "GLOB", FLAG_EXCLUDE,
	    "grep's: skip files whose name matches GLOB"},
	{0, "exclude-from", "FILE", FLAG_EXCLUDE_FROM,
	    "grep's: --exclude each GLOB of FILE, one per line"},
	{0, "exclude-dir", "GLOB", FLAG_EXCLUDE_DIR,
	    "grep's: do not enter directories whose name matches GLOB"},
	{0, "sort", "ORDER", FLAG_SORT,
	    "'path': output sorted by path; 'none': as found"},
	{0, "stats", NULL, FLAG_STATS,
	    "print counts of files searched and skipped, by reason"},
	{'I', "ignore-binary", NULL, FLAG_WITHOUT_MATCH,
	    "skip binary files, named ones too (--binary-files=without-match)"},
	{0, "binary-files", "TYPE", FLAG_BINARY_FILES,
	    "binary files: 'binary' (report), 'text' (-a), 'without-match' (-I)"},
	{0, "binary", NULL, FLAG_BINARY,
	    "search binary files; report 'binary file matches (N lines)'"},
	{0, "match-limit", "N", FLAG_MATCH_LIMIT,
	    "PCRE2 match limit: backtracking steps per match attempt"},
	{0, "depth-limit", "N", FLAG_DEPTH_LIMIT,
	    "PCRE2 depth limit (backtracking depth, interpreter only)"},
	{0, "no-config", NULL, FLAG_NO_CONFIG,
	    "do not read the file ISOGREP_CONFIG_PATH names"},
	{0, "generate", "KIND", FLAG_GENERATE,
	    "print the man page or a shell completion (man, bash, zsh, fish)"},
	{0, "help", NULL, FLAG_HELP,
	    "print this help and exit"},
	{'V', "version", NULL, FLAG_VERSION,
	    "print the version and exit"},
};

const size_t flag_count = sizeof(flag_table) / sizeof(flag_table[0]);

const struct flag *
flag_by_short(char c)
{
	for (size_t i = 0; i < flag_count; i++)
		if (flag_table[i].short_name == c)
			return &flag_table[i];
	return NULL;
}

const struct flag *
flag_by_long(const char *name, size_t len)
{
	for (size_t i = 0; i < flag_count; i++) {
		const char *l = flag_table[i].long_name;

		if (strlen(l) == len && memcmp(l, name, len) == 0)
			return &flag_table[i];
	}
	return NULL;
}
