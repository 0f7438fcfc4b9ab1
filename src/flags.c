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
	    "accepted for grep users: directories are always searched"},
	{'j', "threads", "N", FLAG_THREADS,
	    "number of worker threads (default: online CPUs)"},
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
