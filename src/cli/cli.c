/*
 * cli.c - the command-line parser.
 *
 * The command-line layer (src/cli/): the one flag table, the parser, the
 * config file and the documents generated from the table.  Only this
 * layer and main see the whole struct options; it hands each layer below
 * its own config.
 *
 * GNU-style: short flags bundle (-inH), arguments attach or follow (-m2,
 * -m 2, --max-count=2), flags may come after positional arguments, and "--"
 * ends the flags.  Flag names and arities come from the table in flags.c;
 * this file only knows what each flag does to struct options.
 */
#include "cli/cli.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/diag.h"
#include "base/xmalloc.h"
#include "cli/config.h"
#include "cli/docgen.h"
#include "cli/flags.h"
#include "cli/units.h"
#include "print/color.h"
#include "print/hyperlink.h"
#include "print/replace.h"
#include "cli/version.h"


/* The positional arguments, kept reachable for the leak checker (volatile:
 * a store that is never read must not be optimised away). */
static const char **volatile positional_store;

/* Growable list of patterns; grows in place inside opts. */
static size_t patterns_cap;

/* file: the -f file it is line `line` of, or NULL. */
static void
add_pattern(struct options *opts, const char *text, size_t len,
    const char *file, unsigned long line)
{
	struct pattern *p;

	if (opts->match.npatterns == patterns_cap) {
		size_t cap = patterns_cap ? patterns_cap * 2 : 8;

		p = xrealloc(opts->match.patterns, cap * sizeof(*p));
		opts->match.patterns = p;
		patterns_cap = cap;
	}
	p = &opts->match.patterns[opts->match.npatterns++];
	p->text = text;
	p->len = len;
	p->file = file;
	p->line = line;
}

/* A pattern with newlines is several patterns, as in grep. */
static void
add_pattern_lines(struct options *opts, const char *text, size_t len,
    bool drop_final_empty, const char *file)
{
	const char *end = text + len;
	unsigned long line = 1;

	for (;; line++) {
		const char *nl = memchr(text, '\n', (size_t)(end - text));

		if (nl == NULL) {
			if (text < end || !drop_final_empty)
				add_pattern(opts, text, (size_t)(end - text),
				    file, line);
			return;
		}
		add_pattern(opts, text, (size_t)(nl - text), file, line);
		text = nl + 1;
	}
}

/* --and, --not: one condition per line of arg. */
static void
add_condition(struct pattern **list, size_t *n, const char *arg)
{
	const char *end = arg + strlen(arg);

	for (;;) {
		const char *nl = memchr(arg, '\n', (size_t)(end - arg));
		struct pattern *p = xrealloc(*list, (*n + 1) * sizeof(*p));

		*list = p;
		p += (*n)++;
		memset(p, 0, sizeof(*p));
		p->text = arg;
		p->len = nl ? (size_t)(nl - arg) : (size_t)(end - arg);
		if (nl == NULL)
			return;
		arg = nl + 1;
	}
}

/*
 * All of a file ('-': standard input) into *len bytes, and a NUL after
 * them, that live as long as the program (NULL when it is empty);
 * failing to read it is fatal.
 */
static char *
read_whole_file(const char *path, size_t *lenp)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char *data = NULL;
	size_t len = 0, cap = 0;

	if (f == NULL)
		diag_fatal("%s: %s", path, strerror(errno));
	for (;;) {
		size_t n;

		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 8192;
			data = xrealloc(data, cap);
		}
		n = fread(data + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f))
		diag_fatal("%s: %s", path, strerror(errno));
	if (f != stdin)
		fclose(f);
	if (len == 0) {
		free(data);
		data = NULL;
	} else {
		data[len] = '\0'; /* the last read left room */
	}
	*lenp = len;
	return data;
}

/* Read all of a pattern file. */
static void
add_pattern_file(struct options *opts, const char *path)
{
	size_t len;
	char *data = read_whole_file(path, &len);

	/* An empty file has no patterns at all: it matches nothing. */
	if (data != NULL)
		add_pattern_lines(opts, data, len, true,
		    strcmp(path, "-") == 0 ? "(standard input)" : path);
}

/* Append to a growable array of n items of size bytes; returns the slot. */
static void *
push(void *arrayp, size_t *n, size_t size)
{
	void **array = arrayp;
	char *grown = xrealloc(*array, (*n + 1) * size);

	*array = grown;
	return grown + (*n)++ * size;
}

static void
push_str(const char ***array, size_t *n, const char *s)
{
	*(const char **)push(array, n, sizeof(**array)) = s;
}

static void
add_glob(struct options *o, const char *arg, bool casefold)
{
	struct glob_arg *g = push(&o->filter.globs, &o->filter.nglobs, sizeof(*g));

	g->negated = arg[0] == '!';
	g->text = g->negated ? arg + 1 : arg;
	g->casefold = casefold;
}

static void
add_file_glob(struct options *o, const char *text, bool include)
{
	struct file_glob_arg *g = push(&o->filter.file_globs,
	    &o->filter.nfile_globs, sizeof(*g));

	g->text = text;
	g->include = include;
}

/*
 * --exclude-from: each line of FILE is an --exclude.  As grep (gnulib's
 * add_exclude_file), trailing white space is dropped and blank lines
 * hold no glob.
 */
static void
add_exclude_file(struct options *o, const char *path)
{
	size_t len;
	char *data = read_whole_file(path, &len);
	char *line = data, *end;

	if (data == NULL)
		return;
	for (end = data + len; line < end;) {
		char *nl = memchr(line, '\n', (size_t)(end - line));
		char *stop = nl ? nl : end;
		char *next = nl ? nl + 1 : end;

		while (stop > line && (stop[-1] == ' ' ||
		    (stop[-1] >= '\t' && stop[-1] <= '\r')))
			stop--;
		if (stop > line) {
			*stop = '\0';
			add_file_glob(o, line, false);
		}
		line = next;
	}
}

/* --binary-files=TYPE; the last of it, -a and -I decides. */
static void
parse_binary_files(struct options *o, const char *arg)
{
	o->select.text = strcmp(arg, "text") == 0;
	if (strcmp(arg, "binary") == 0)
		o->select.binary_files = BINARY_FILES_BINARY;
	else if (strcmp(arg, "without-match") == 0)
		o->select.binary_files = BINARY_FILES_WITHOUT_MATCH;
	else if (!o->select.text)
		diag_fatal("invalid argument '%s' for --binary-files: expected "
		    "'binary', 'text' or 'without-match'", arg);
}

/* "f", "d", "l", "x", "e" or their full names, comma separated. */
static unsigned
parse_entry_types(const char *arg)
{
	static const struct {
		const char *letter;
		const char *name;
		unsigned bit;
	} kinds[] = {
		{"f", "file", ENTRY_FILE}, {"d", "directory", ENTRY_DIR},
		{"l", "symlink", ENTRY_SYMLINK}, {"x", "executable", ENTRY_EXEC},
		{"e", "empty", ENTRY_EMPTY},
	};
	const size_t nkinds = sizeof(kinds) / sizeof(kinds[0]);
	unsigned bits = 0;
	const char *p = arg;

	do {
		size_t len = strcspn(p, ",");
		size_t i;

		for (i = 0; i < nkinds; i++)
			if ((strlen(kinds[i].letter) == len &&
			    memcmp(p, kinds[i].letter, len) == 0) ||
			    (strlen(kinds[i].name) == len &&
			    memcmp(p, kinds[i].name, len) == 0))
				break;
		if (i == nkinds)
			diag_fatal("invalid argument '%s' for --type-entry: "
			    "expected f, d, l, x or e", arg);
		bits |= kinds[i].bit;
		p += len;
	} while (*p++ == ',');
	return bits;
}

static long long
parse_when(const char *flag, const char *arg)
{
	long long when;

	if (!units_parse_time(arg, (long long)time(NULL), &when))
		diag_fatal("invalid argument '%s' for %s: expected a duration "
		    "(10m, 2h, 3d, 1w) or a date (2026-01-31)", arg, flag);
	return when;
}

/* A decimal count from min to max; digits only. */
static unsigned long long
parse_count(const char *flag, const char *arg, unsigned long long min,
    unsigned long long max)
{
	char *end;
	unsigned long long v;

	errno = 0;
	if (arg[0] < '0' || arg[0] > '9')
		goto bad;
	v = strtoull(arg, &end, 10);
	if (*end != '\0')
		goto bad;
	if (errno == ERANGE || v < min || v > max)
		diag_fatal("invalid argument '%s' for %s: out of range (%llu to "
		    "%llu)", arg, flag, min, max);
	return v;
bad:
	diag_fatal("invalid argument '%s' for %s: expected a number", arg, flag);
}

/*
 * -m as GNU grep takes it (strtoimax's syntax: blanks and a sign may
 * lead): a negative count, or one too big for 64 bits, means no limit.
 */
static void
parse_max_count(struct options *o, const char *arg)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(arg, &end, 10);
	if (end == arg || *end != '\0')
		diag_fatal("invalid argument '%s' for --max-count: expected a "
		    "number", arg);
	o->select.has_max_count = errno != ERANGE && v >= 0;
	o->select.max_count = o->select.has_max_count ? (unsigned long long)v : 0;
}

/* What the print config points to, owned here for the run. */
static struct hyperlink_format *hyperlink_store;
static struct replace_template *replace_store;
static const char **separator_store;
static size_t separator_count;
/* Width of the names column of --help. */
enum { HELP_LEFT = 24 };

/* The name messages and usage show: isogrep, or grep's name in grep mode. */
static const char *program = "isogrep";

/* One option of --help: its names and argument, then its help line. */
static void
print_help_line(const struct flag *f)
{
	bool opt = (f->attrs & FLAG_OPTIONAL_ARG) != 0;
	char left[64];

	snprintf(left, sizeof(left), "%c%c%c %s%s%s%s%s%s",
	    f->short_name ? '-' : ' ', f->short_name ? f->short_name : ' ',
	    f->short_name && f->long_name ? ',' : ' ',
	    f->long_name ? "--" : "", f->long_name ? f->long_name : "",
	    opt ? "[" : "", f->arg_name ? "=" : "",
	    f->arg_name ? f->arg_name : "", opt ? "]" : "");
	/* A long name pushes its help right, on the same line. */
	printf("  %-*s %s\n", HELP_LEFT, left, f->help);
}

static void
print_help(enum flag_mode mode)
{
	if (mode == FLAG_MODE_GREP)
		printf("Usage: %s [OPTION]... PATTERNS [FILE]...\n"
		    "isogrep in grep mode: GNU grep's defaults and options.\n"
		    "Patterns are basic regular expressions (-E, -F, -P: "
		    "others); a directory\nis searched only with -r.  With no "
		    "FILE, read standard input (-r: '.').\n\n", program);
	else
		printf("Usage: isogrep [OPTION]... PATTERN [PATH]...\n"
		    "       isogrep [OPTION]... -e PATTERN... [PATH]...\n"
		    "       isogrep [OPTION]... -f FILE... [PATH]...\n"
		    "Search PATHs (directories recursively, in parallel) for "
		    "lines\nmatching a PCRE2 PATTERN.  With no PATH, search "
		    "standard input\nwhen it is a pipe or a file, else the "
		    "current directory.\n\n");
	for (int g = 0; g < FLAG_GROUP_COUNT; g++) {
		bool titled = false;

		for (size_t i = 0; i < flag_count; i++) {
			const struct flag *f = &flag_table[i];

			if (!flag_in_mode(f, mode) ||
			    flag_doc(f->id).group != (enum flag_group)g)
				continue;
			if (!titled)
				printf("%s%s:\n", g > 0 ? "\n" : "",
				    flag_group_title((enum flag_group)g));
			titled = true;
			print_help_line(f);
		}
	}
	printf("\nExit status: 0 if a line was selected, 1 if none, 2 on error"
	    " (0 with -q\nwhen a line was selected).\n");
}

struct parse_state {
	struct options *opts;
	enum flag_mode mode;
	bool have_pattern_flag; /* -e or -f seen: no positional pattern */
	bool quiet;             /* -q wins over -c, -l, -L in any order */
	unsigned unrestricted;  /* how many -u */
	/* -A and -B win over -C in any order, as in grep and ripgrep. */
	bool have_after, have_before;
	unsigned long long context; /* -C */
	/* --json and an output of another kind refuse each other. */
	bool json;
	const struct flag *not_json; /* the first -c, -l, -L, --files ... */
};

/* A context length: grep's message names the bad argument. */
static unsigned long long
parse_context(const char *arg)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(arg, &end, 10);
	if (arg[0] < '0' || arg[0] > '9' || *end != '\0')
		diag_fatal("%s: invalid context length argument", arg);
	return errno == ERANGE ? ULLONG_MAX : v;
}

/* grep's -d ACTION. */
/* --sort and --sortr: the last one given decides, as in ripgrep. */
static void
parse_sort(struct options *o, bool reverse, const char *arg)
{
	static const struct {
		const char *name;
		enum sort_mode mode;
	} keys[] = {
		{"none", SORT_NONE}, {"path", SORT_PATH},
		{"modified", SORT_MODIFIED}, {"accessed", SORT_ACCESSED},
		{"created", SORT_CREATED}, {"size", SORT_SIZE},
	};

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(arg, keys[i].name) == 0) {
			o->walk.sort = keys[i].mode;
			o->walk.sort_reverse = reverse;
			return;
		}
	diag_fatal("invalid argument '%s' for --%s: expected 'path', "
	    "'modified', 'accessed', 'created', 'size' or 'none'", arg,
	    reverse ? "sortr" : "sort");
}

static void
parse_directories(struct options *o, const char *arg)
{
	if (strcmp(arg, "read") == 0)
		o->walk.directories = DIRS_READ;
	else if (strcmp(arg, "skip") == 0)
		o->walk.directories = DIRS_SKIP;
	else if (strcmp(arg, "recurse") == 0)
		o->walk.directories = DIRS_RECURSE;
	else
		diag_fatal("invalid argument '%s' for --directories: expected "
		    "'read', 'skip' or 'recurse'", arg);
}

/*
 * --color[=WHEN]: ripgrep's words and grep's (yes, force, tty, ...); no
 * WHEN is auto, as in grep.  Grep mode checks it and writes no colors.
 */
static void
parse_color(struct options *o, const char *arg)
{
	static const struct {
		const char *name;
		enum color_when when;
	} whens[] = {
		{"always", COLOR_WHEN_ALWAYS}, {"yes", COLOR_WHEN_ALWAYS},
		{"force", COLOR_WHEN_ALWAYS}, {"ansi", COLOR_WHEN_ALWAYS},
		{"never", COLOR_WHEN_NEVER}, {"no", COLOR_WHEN_NEVER},
		{"none", COLOR_WHEN_NEVER}, {"auto", COLOR_WHEN_AUTO},
		{"tty", COLOR_WHEN_AUTO}, {"if-tty", COLOR_WHEN_AUTO},
	};

	if (arg == NULL) {
		o->print.color_when = COLOR_WHEN_AUTO;
		return;
	}
	for (size_t i = 0; i < sizeof(whens) / sizeof(whens[0]); i++)
		if (strcmp(arg, whens[i].name) == 0) {
			o->print.color_when = whens[i].when;
			return;
		}
	diag_fatal("invalid argument '%s' for --color: expected 'never', "
	    "'always', 'ansi' or 'auto'", arg);
}

static void
parse_colors(struct options *o, const char *arg)
{
	char err[512];

	if (!color_specs_apply(&o->print.colors, arg, err, sizeof(err)))
		diag_fatal("error parsing flag --colors: %s", err);
}

static void
parse_hyperlink(struct options *o, const char *arg)
{
	char err[512];
	struct hyperlink_format *f = hyperlink_parse(arg, err, sizeof(err));

	if (f == NULL)
		diag_fatal("error parsing flag --hyperlink-format: %s", err);
	hyperlink_free(hyperlink_store);
	hyperlink_store = f;
	o->print.hyperlink = f;
}

/*
 * A field separator, with ripgrep's escapes: \t \n \r \\ \0 \xHH
 * (any other backslash stays).
 */
static const char *
unescape_separator(const char *arg, size_t *len)
{
	char *out = xmalloc(strlen(arg) + 1), *w = out;
	static const char hex[] = "0123456789abcdef";

	for (const char *p = arg; *p != '\0'; p++) {
		const char *h1, *h2;

		if (*p != '\\' || p[1] == '\0') {
			*w++ = *p;
			continue;
		}
		switch (p[1]) {
		case 't': *w++ = '\t'; p++; continue;
		case 'n': *w++ = '\n'; p++; continue;
		case 'r': *w++ = '\r'; p++; continue;
		case '\\': *w++ = '\\'; p++; continue;
		case '0': *w++ = '\0'; p++; continue;
		case 'x':
			h1 = p[2] ? strchr(hex, p[2] | 0x20) : NULL;
			h2 = h1 && p[3] ? strchr(hex, p[3] | 0x20) : NULL;
			if (h1 != NULL && h2 != NULL) {
				*w++ = (char)((h1 - hex) * 16 + (h2 - hex));
				p += 3;
				continue;
			}
			break;
		default:
			break;
		}
		*w++ = *p;
	}
	*w = '\0';
	*len = (size_t)(w - out);
	push_str(&separator_store, &separator_count, out);
	return out;
}

/* A flag as a message names it: its long form when it has one. */
static const char *
flag_display_name(const struct flag *f)
{
	static char name[64];

	if (f->long_name != NULL)
		snprintf(name, sizeof(name), "--%s", f->long_name);
	else
		snprintf(name, sizeof(name), "-%c", f->short_name);
	return name;
}

/* Apply one flag (its argument, if any, in arg). */
static void
apply_flag(struct parse_state *st, const struct flag *f, const char *arg)
{
	struct options *o = st->opts;

	switch (f->id) {
	case FLAG_COUNT:
	case FLAG_COUNT_MATCHES:
	case FLAG_FILES_WITH_MATCHES:
	case FLAG_FILES_WITHOUT_MATCH:
	case FLAG_FILES:
		if (st->not_json == NULL)
			st->not_json = f;
		break;
	default:
		break;
	}
	switch (f->id) {
	case FLAG_REGEXP:
		add_pattern_lines(o, arg, strlen(arg), false, NULL);
		st->have_pattern_flag = true;
		break;
	case FLAG_FILE:
		add_pattern_file(o, arg);
		st->have_pattern_flag = true;
		break;
	case FLAG_AND:
		add_condition(&o->match.and_patterns, &o->match.nand, arg);
		break;
	case FLAG_NOT:
		add_condition(&o->match.not_patterns, &o->match.nnot, arg);
		break;
	case FLAG_ALL_MATCH:
		o->match.each_pattern = true;
		o->select.all_match = true;
		break;
	case FLAG_FIXED_STRINGS: o->match.fixed_strings = true; break;
	/* As in grep, the last of -E, -F, -G and -P decides. */
	case FLAG_EXTENDED_REGEXP:
		o->match.fixed_strings = false;
		o->match.syntax = SYNTAX_ERE;
		break;
	case FLAG_BASIC_REGEXP:
		o->match.fixed_strings = false;
		o->match.syntax = SYNTAX_BRE;
		break;
	case FLAG_PERL_REGEXP:
		o->match.fixed_strings = false;
		o->match.syntax = SYNTAX_PCRE2;
		break;
	case FLAG_IGNORE_CASE: o->match.case_mode = CASE_INSENSITIVE; break;
	case FLAG_SMART_CASE: o->match.case_mode = CASE_SMART; break;
	case FLAG_CASE_SENSITIVE: o->match.case_mode = CASE_SENSITIVE; break;
	case FLAG_WORD_REGEXP: o->match.word = true; break;
	case FLAG_LINE_REGEXP: o->match.line = true; break;
	case FLAG_INVERT_MATCH: o->select.invert = true; break;
	case FLAG_LINE_NUMBER:
		o->print.line_number = true;
		o->print.no_line_number = false;
		break;
	case FLAG_WITH_FILENAME: o->print.with_filename = 1; break;
	case FLAG_NO_FILENAME: o->print.with_filename = 0; break;
	case FLAG_COUNT: o->print.output = OUTPUT_COUNT; break;
	case FLAG_FILES_WITH_MATCHES: o->print.output = OUTPUT_FILES_WITH; break;
	case FLAG_FILES_WITHOUT_MATCH: o->print.output = OUTPUT_FILES_WITHOUT; break;
	case FLAG_ONLY_MATCHING: o->print.only_matching = true; break;
	case FLAG_QUIET: st->quiet = true; break;
	case FLAG_MAX_COUNT: parse_max_count(o, arg); break;
	case FLAG_NO_MESSAGES: o->no_messages = true; break;
	case FLAG_TEXT: o->select.text = true; break;
	/*
	 * Directories are always searched; -r only changes the default.  In
	 * grep mode it is -d recurse.
	 */
	case FLAG_RECURSIVE:
		o->recursive = true;
		o->walk.directories = DIRS_RECURSE;
		break;
	case FLAG_DEREFERENCE_RECURSIVE:
		o->recursive = o->walk.follow = true;
		o->walk.directories = DIRS_RECURSE;
		break;
	case FLAG_DIRECTORIES: parse_directories(o, arg); break;
	case FLAG_DEVICES:
		if (strcmp(arg, "read") != 0 && strcmp(arg, "skip") != 0)
			diag_fatal("invalid argument '%s' for --devices: "
			    "expected 'read' or 'skip'", arg);
		o->skip_devices = strcmp(arg, "skip") == 0;
		break;
	case FLAG_INITIAL_TAB: o->print.initial_tab = true; break;
	case FLAG_BINARY_NOOP: break;
	case FLAG_COLOR: parse_color(o, arg); break;
	case FLAG_COLORS: parse_colors(o, arg); break;
	case FLAG_HEADING: o->print.heading = 1; break;
	case FLAG_NO_HEADING: o->print.heading = 0; break;
	case FLAG_NO_LINE_NUMBER:
		o->print.line_number = false;
		o->print.no_line_number = true;
		break;
	case FLAG_PRETTY:
		o->print.color_when = COLOR_WHEN_ALWAYS;
		o->print.heading = 1;
		o->print.line_number = true;
		o->print.no_line_number = false;
		break;
	case FLAG_HYPERLINK_FORMAT: parse_hyperlink(o, arg); break;
	case FLAG_MAX_COLUMNS:
		o->print.max_columns = parse_count("--max-columns", arg, 0,
		    ULLONG_MAX);
		break;
	case FLAG_MAX_COLUMNS_PREVIEW: o->print.max_columns_preview = true; break;
	case FLAG_TRIM: o->print.trim = true; break;
	case FLAG_COLUMN: o->print.column = true; break;
	case FLAG_VIMGREP: o->print.vimgrep = true; break;
	case FLAG_BYTE_OFFSET: o->print.byte_offset = true; break;
	case FLAG_COUNT_MATCHES:
		o->print.output = OUTPUT_COUNT;
		o->print.count_matches = true;
		break;
	case FLAG_INCLUDE_ZERO: o->print.include_zero = true; break;
	case FLAG_FIELD_MATCH_SEPARATOR:
		o->print.match_sep = unescape_separator(arg,
		    &o->print.match_sep_len);
		break;
	case FLAG_FIELD_CONTEXT_SEPARATOR:
		o->print.context_sep = unescape_separator(arg,
		    &o->print.context_sep_len);
		break;
	case FLAG_REPLACE:
		replace_free(replace_store);
		o->print.replace = replace_store = replace_parse(arg);
		break;
	case FLAG_LINE_BUFFERED: o->line_buffered = 1; break;
	case FLAG_BLOCK_BUFFERED: o->line_buffered = 0; break;
	case FLAG_LABEL: o->input_label = arg; break;
	case FLAG_CRLF: o->match.crlf = o->print.crlf = true; break;
	case FLAG_GREP_MODE: break; /* seen before parsing (cli_grep_mode) */
	case FLAG_NULL_DATA:
		o->select.null_data = o->print.null_data = true;
		o->match.null_data = true;
		break;
	/* As in ripgrep, the last of --passthru and -A, -B, -C wins. */
	case FLAG_AFTER_CONTEXT:
		o->select.after = parse_context(arg);
		st->have_after = o->select.context_breaks = true;
		o->select.passthru = false;
		break;
	case FLAG_BEFORE_CONTEXT:
		o->select.before = parse_context(arg);
		st->have_before = o->select.context_breaks = true;
		o->select.passthru = false;
		break;
	case FLAG_CONTEXT:
		st->context = parse_context(arg);
		o->select.context_breaks = true;
		o->select.passthru = false;
		break;
	case FLAG_CONTEXT_SEPARATOR:
		o->print.group_sep = unescape_separator(arg,
		    &o->print.group_sep_len);
		break;
	case FLAG_GROUP_SEPARATOR:
		o->print.group_sep = arg;
		o->print.group_sep_len = strlen(arg);
		break;
	case FLAG_NO_CONTEXT_SEPARATOR: o->print.group_sep = NULL; break;
	case FLAG_PASSTHRU:
		o->select.passthru = true;
		o->select.after = o->select.before = st->context = 0;
		st->have_after = st->have_before = false;
		o->select.context_breaks = false;
		break;
	case FLAG_MULTILINE: o->match.multiline = true; break;
	case FLAG_MULTILINE_DOTALL: o->match.multiline_dotall = true; break;
	case FLAG_THREADS:
		/* 0 keeps the default, online CPUs (as ripgrep's -j 0). */
		o->threads = strcmp(arg, "0") == 0 ? 0 :
		    (unsigned)parse_count("--threads", arg, 1, 1024);
		break;
	case FLAG_NO_IGNORE:
		o->walk.no_ignore_vcs = o->walk.no_ignore_dot = true;
		o->walk.no_ignore_global = o->walk.no_ignore_parent = true;
		o->walk.no_ignore_files = true;
		break;
	case FLAG_NO_IGNORE_VCS: o->walk.no_ignore_vcs = true; break;
	case FLAG_NO_IGNORE_DOT: o->walk.no_ignore_dot = true; break;
	case FLAG_NO_IGNORE_GLOBAL: o->walk.no_ignore_global = true; break;
	case FLAG_NO_IGNORE_PARENT: o->walk.no_ignore_parent = true; break;
	case FLAG_HIDDEN: o->walk.hidden = true; break;
	case FLAG_UNRESTRICTED:
		/* Each -u loosens one more level. */
		st->unrestricted++;
		if (st->unrestricted >= 1) {
			o->walk.no_ignore_vcs = o->walk.no_ignore_dot = true;
			o->walk.no_ignore_global = o->walk.no_ignore_parent = true;
			o->walk.no_ignore_files = true;
		}
		if (st->unrestricted >= 2)
			o->walk.hidden = true;
		if (st->unrestricted >= 3)
			o->select.text = true;
		break;
	case FLAG_IGNORE_FILE:
		push_str(&o->walk.ignore_files, &o->walk.nignore_files, arg);
		break;
	case FLAG_GLOB: add_glob(o, arg, false); break;
	case FLAG_IGLOB: add_glob(o, arg, true); break;
	case FLAG_TYPE: push_str(&o->filter.types, &o->filter.ntypes, arg); break;
	case FLAG_TYPE_NOT: push_str(&o->filter.types_not, &o->filter.ntypes_not, arg); break;
	case FLAG_TYPE_ADD: push_str(&o->type_adds, &o->ntype_adds, arg); break;
	case FLAG_TYPE_LIST: o->type_list = true; break;
	case FLAG_MAX_DEPTH:
		o->walk.max_depth = (long)parse_count("--max-depth", arg, 0,
		    LONG_MAX);
		break;
	case FLAG_FOLLOW: o->walk.follow = true; break;
	case FLAG_ONE_FILE_SYSTEM: o->walk.one_file_system = true; break;
	case FLAG_MAX_FILESIZE:
		o->filter.has_max_filesize = true;
		if (!units_parse_size(arg, &o->filter.max_filesize))
			diag_fatal("invalid argument '%s' for --max-filesize: "
			    "expected a size such as 100K, 10M or 1G", arg);
		break;
	case FLAG_FILES: o->files_mode = true; break;
	case FLAG_NULL: o->print.null_sep = true; break;
	case FLAG_NAME: o->filter.name_regex = arg; break;
	case FLAG_FULL_PATH: o->filter.full_path = true; break;
	case FLAG_TYPE_ENTRY: o->filter.entry_types |= parse_entry_types(arg); break;
	case FLAG_SIZE:
		if (!units_parse_size_arg(arg, push(&o->filter.sizes, &o->filter.nsizes,
		    sizeof(*o->filter.sizes))))
			diag_fatal("invalid argument '%s' for --size: expected "
			    "[+-]N with an optional k, m or g suffix", arg);
		break;
	case FLAG_CHANGED_WITHIN:
		o->filter.has_changed_within = true;
		o->filter.changed_within = parse_when("--changed-within", arg);
		break;
	case FLAG_CHANGED_BEFORE:
		o->filter.has_changed_before = true;
		o->filter.changed_before = parse_when("--changed-before", arg);
		break;
	case FLAG_SORT:
	case FLAG_SORTR:
		parse_sort(o, f->id == FLAG_SORTR, arg);
		break;
	case FLAG_STATS:
		o->stats = true;
		o->print.stats = true;
		break;
	/*
	 * --json with -c, -l, -L or --files is refused (see cli_parse), as
	 * ripgrep up to 13 did: a script that reads JSON gets an error, not
	 * lines of another format.
	 */
	case FLAG_JSON:
		o->print.output = OUTPUT_JSON;
		st->json = true;
		break;
	case FLAG_SEARCH_ZIP: o->search_zip = true; break;
	case FLAG_INCLUDE: add_file_glob(o, arg, true); break;
	case FLAG_EXCLUDE: add_file_glob(o, arg, false); break;
	case FLAG_EXCLUDE_FROM: add_exclude_file(o, arg); break;
	case FLAG_EXCLUDE_DIR:
		push_str(&o->filter.exclude_dirs, &o->filter.nexclude_dirs, arg);
		break;
	case FLAG_WITHOUT_MATCH:
		o->select.text = false;
		o->select.binary_files = BINARY_FILES_WITHOUT_MATCH;
		break;
	case FLAG_BINARY_FILES: parse_binary_files(o, arg); break;
	case FLAG_BINARY: o->select.binary = true; break;
	case FLAG_NO_CONFIG: break; /* handled before parsing (config.c) */
	case FLAG_MATCH_LIMIT:
		o->match.match_limit = (unsigned)parse_count("--match-limit", arg,
		    0, UINT32_MAX);
		break;
	case FLAG_DEPTH_LIMIT:
		o->match.depth_limit = (unsigned)parse_count("--depth-limit", arg,
		    0, UINT32_MAX);
		break;
	case FLAG_GENERATE:
		if (!docgen_write(arg))
			diag_fatal("invalid argument '%s' for --generate: expected "
			    "man, bash, zsh or fish", arg);
		diag_flush_stdout();
		exit(EXIT_MATCH);
	case FLAG_HELP:
		print_help(st->mode);
		diag_flush_stdout();
		exit(EXIT_MATCH);
	case FLAG_VERSION:
		version_write(stdout);
		diag_flush_stdout();
		exit(EXIT_MATCH);
	}
}

static _Noreturn void usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static _Noreturn void
usage_error(const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	char usage[256];

	snprintf(usage, sizeof(usage), "Usage: %s [OPTION]... PATTERN "
	    "[PATH]...\nTry '%s --help' for more information.", program,
	    program);
	diag_usage_fatal(usage, "%s", msg);
}

/* Parse "--name" or "--name=value"; may consume argv[*i + 1]. */
static void
parse_long(struct parse_state *st, int argc, char **argv, int *i)
{
	const char *name = argv[*i] + 2;
	const char *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	const struct flag *f = flag_by_long(name, len, st->mode);
	const char *arg = NULL;

	if (f == NULL) {
		const char *near = flag_nearest_long(name, len, st->mode);

		if (near != NULL)
			usage_error("unknown option '%s' (did you mean '--%s'?)",
			    argv[*i], near);
		usage_error("unknown option '%s'", argv[*i]);
	}
	if (f->attrs & FLAG_OPTIONAL_ARG) {
		arg = eq != NULL ? eq + 1 : NULL;
	} else if (f->arg_name != NULL) {
		if (eq != NULL)
			arg = eq + 1;
		else if (*i + 1 < argc)
			arg = argv[++*i];
		else
			usage_error("option '--%s' needs an argument",
			    f->long_name);
	} else if (eq != NULL) {
		usage_error("option '--%s' takes no argument", f->long_name);
	}
	apply_flag(st, f, arg);
}

/* Parse a bundle of short flags "-abc" or "-m5"; may consume argv[*i+1]. */
static void
parse_short(struct parse_state *st, int argc, char **argv, int *i)
{
	const char *p = argv[*i] + 1;

	for (; *p != '\0'; p++) {
		const struct flag *f = flag_by_short(*p, st->mode);
		char name[3] = {'-', *p, '\0'};

		/* grep's -NUM is -C NUM: "-5n" is -C 5 -n. */
		if (f == NULL && st->mode == FLAG_MODE_GREP && *p >= '0' &&
		    *p <= '9') {
			size_t digits = strspn(p, "0123456789");
			char *num = xmalloc(digits + 1);

			memcpy(num, p, digits);
			num[digits] = '\0';
			apply_flag(st, flag_by_long("context", 7, st->mode), num);
			free(num);
			p += digits - 1;
			continue;
		}
		if (f == NULL)
			usage_error("unknown option '%s'", name);
		if (f->arg_name == NULL) {
			apply_flag(st, f, NULL);
			continue;
		}
		if (p[1] != '\0')
			apply_flag(st, f, p + 1);
		else if (*i + 1 < argc)
			apply_flag(st, f, argv[++*i]);
		else
			usage_error("option '%s' needs an argument", name);
		return;
	}
}

/* The name argv[0] ends with: "grep", "egrep", "fgrep" mean grep mode. */
static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

bool
cli_grep_mode(int argc, char **argv)
{
	const char *name = argc > 0 ? base_name(argv[0]) : "";

	if (strcmp(name, "grep") == 0 || strcmp(name, "egrep") == 0 ||
	    strcmp(name, "fgrep") == 0)
		return true;
	/* The letters mean other things there: look before parsing. */
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--grep-mode") == 0)
			return true;
	return false;
}

/*
 * GNU grep's defaults: no ignore files, hidden files and binary files
 * searched like others, invalid UTF-8 lines not printed.  egrep and
 * fgrep are grep -E and grep -F.
 */
static void
grep_mode_defaults(struct options *o, const char *name)
{
	o->grep_mode = true;
	o->match.syntax = strcmp(name, "egrep") == 0 ? SYNTAX_ERE : SYNTAX_BRE;
	o->match.fixed_strings = strcmp(name, "fgrep") == 0;
	o->walk.no_ignore_vcs = o->walk.no_ignore_dot = true;
	o->walk.no_ignore_global = o->walk.no_ignore_parent = true;
	o->walk.no_ignore_files = true;
	o->walk.hidden = o->walk.dot_git = true;
	o->walk.directories = DIRS_READ;
	o->select.binary_files = BINARY_FILES_BINARY;
	o->print.include_zero = true; /* grep -c counts every file */
}

void
cli_parse(int argc, char **argv, struct options *opts)
{
	struct parse_state st = {.opts = opts, .mode = FLAG_MODE_ISOGREP};
	const char **positional = positional_store =
	    xcalloc((size_t)argc + 1, sizeof(char *));
	size_t npositional = 0;
	bool flags_done = false;

	memset(opts, 0, sizeof(*opts));
	patterns_cap = 0;
	/*
	 * A parse starts with nothing of its own: what an earlier parse
	 * allocated is that parse's (the fuzz target frees it between
	 * inputs; once freed, an old pointer here would be freed again).
	 */
	hyperlink_store = NULL;
	replace_store = NULL;
	separator_store = NULL;
	separator_count = 0;
	opts->print.with_filename = -1;
	opts->print.heading = -1;
	color_specs_default(&opts->print.colors);
	opts->walk.max_depth = -1;
	opts->line_buffered = -1;
	opts->match.case_mode = CASE_SENSITIVE;
	opts->print.group_sep = "--";
	opts->print.group_sep_len = 2;
	if (cli_grep_mode(argc, argv)) {
		const char *name = base_name(argv[0]);

		/* --grep-mode under another name speaks as grep. */
		program = strcmp(name, "egrep") == 0 || strcmp(name, "fgrep") == 0 ?
		    name : "grep";
		st.mode = FLAG_MODE_GREP;
		grep_mode_defaults(opts, name);
		diag_set_program(program);
	}

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		char origin[PATH_MAX + 64];

		/* An error in a config file's argument names its line. */
		diag_set_context(config_arg_origin(i, origin, sizeof(origin)) ?
		    origin : NULL);
		if (flags_done || a[0] != '-' || a[1] == '\0')
			positional[npositional++] = a;
		else if (strcmp(a, "--") == 0)
			flags_done = true;
		else if (a[1] == '-')
			parse_long(&st, argc, argv, &i);
		else
			parse_short(&st, argc, argv, &i);
	}
	diag_set_context(NULL);

	/* Listing files or types takes no pattern: every positional is a path. */
	if (!st.have_pattern_flag && !opts->files_mode && !opts->type_list) {
		if (npositional == 0)
			usage_error("no pattern given");
		add_pattern_lines(opts, positional[0], strlen(positional[0]),
		    false, NULL);
		positional++;
		npositional--;
	}
	if (st.json && st.not_json != NULL)
		usage_error("--json cannot be used with '%s'",
		    flag_display_name(st.not_json));
	/* --json -q: no records, but the summary (as ripgrep). */
	opts->json_summary = opts->print.output == OUTPUT_JSON &&
	    !opts->files_mode;
	if (opts->json_summary)
		opts->print.stats = true;
	if (st.quiet)
		opts->print.output = OUTPUT_QUIET;
	if (!st.have_after)
		opts->select.after = st.context;
	if (!st.have_before)
		opts->select.before = st.context;
	/*
	 * --passthru shows every line: nothing is left out between groups.
	 * Groups of no context are parted in grep (-A 0), not in ripgrep.
	 */
	if (opts->select.passthru || (!opts->grep_mode &&
	    opts->select.after == 0 && opts->select.before == 0))
		opts->select.context_breaks = false;
	if (opts->grep_mode) {
		opts->recursive = opts->walk.directories == DIRS_RECURSE;
		if (!opts->select.text)
			opts->print.encoding = opts->select.binary_files ==
			    BINARY_FILES_WITHOUT_MATCH ? ENCODING_HIDE :
			    ENCODING_BINARY;
	}
	/* --column and --vimgrep show line numbers, as in ripgrep. */
	if (opts->print.vimgrep) {
		opts->print.column = true;
		if (opts->print.with_filename < 0)
			opts->print.with_filename = 1;
	}
	if (opts->print.column && !opts->print.no_line_number)
		opts->print.line_number = true;
	color_specs_finish(&opts->print.colors);
	opts->paths = positional;
	opts->npaths = npositional;
	diag_set_quiet_files(opts->no_messages);
}
