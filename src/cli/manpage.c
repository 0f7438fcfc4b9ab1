/*
 * manpage.c - the man page, in mdoc.
 *
 * The OPTIONS section is printed from the flag table, grouped as in
 * --help, so an option cannot be added and left out of the page; the
 * prose around it (ignore rules, binary files, modes, examples) is kept
 * here, next to that loop, rather than in a hand-edited copy that could
 * drift from it.  `make docs-check` compares man/isogrep.1 with this.
 */
#include "cli/manpage.h"

#include <stdio.h>
#include <string.h>

#include "cli/flags.h"

/* The date the page gives (mdoc's .Dd); change it with the prose. */
#define MAN_DATE "November 28, 2026"

/*
 * Text for an mdoc text line: a backslash becomes \e, and a leading '.'
 * or '\'' is guarded so that it is not read as a request.
 */
static void
mdoc_text(const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", stdout);
	for (; *s != '\0'; s++) {
		if (*s == '\\')
			fputs("\\e", stdout);
		else
			putchar(*s);
	}
}

/* The .It line of one option: -s ARG, --long=ARG. */
static void
option_item(const struct flag *f)
{
	bool opt = (f->attrs & FLAG_OPTIONAL_ARG) != 0;

	fputs(".It", stdout);
	if (f->short_name) {
		printf(" Fl %c", f->short_name);
		if (f->arg_name && !opt)
			printf(" Ar %s", f->arg_name);
		if (f->long_name)
			fputs(" ,", stdout);
	}
	if (f->long_name) {
		printf(" Fl \\-%s", f->long_name);
		if (f->arg_name)
			printf(" Ns %s Ns Ar %s", opt ? "Op =" : "=",
			    f->arg_name);
	}
	putchar('\n');
}

static void
options_section(void)
{
	puts(".Sh OPTIONS\n"
	    "Options are grouped as in\n"
	    ".Fl \\-help .\n"
	    "Those marked (grep mode) exist only in grep mode, those marked\n"
	    "(own mode) only outside it; see\n"
	    ".Sx GREP MODE .");
	for (int g = 0; g < FLAG_GROUP_COUNT; g++) {
		bool open = false;

		for (size_t i = 0; i < flag_count; i++) {
			const struct flag *f = &flag_table[i];

			if (flag_doc(f->id).group != (enum flag_group)g)
				continue;
			if (!open)
				printf(".Ss %s\n.Bl -tag -width Ds\n",
				    flag_group_title((enum flag_group)g));
			open = true;
			option_item(f);
			mdoc_text(f->help);
			if (f->attrs & FLAG_GREP_ONLY)
				fputs(" (grep mode)", stdout);
			if (f->attrs & FLAG_ISOGREP_ONLY)
				fputs(" (own mode)", stdout);
			putchar('\n');
		}
		if (open)
			puts(".El");
	}
}

static const char head[] =
    ".Dd " MAN_DATE "\n"
    ".Dt ISOGREP 1\n"
    ".Os\n"
    ".Sh NAME\n"
    ".Nm isogrep\n"
    ".Nd search files and streams in parallel, filter files\n"
    ".Sh SYNOPSIS\n"
    ".Nm\n"
    ".Op Ar option ...\n"
    ".Ar pattern\n"
    ".Op Ar path ...\n"
    ".Nm\n"
    ".Op Ar option ...\n"
    ".Fl e Ar pattern ...\n"
    ".Op Ar path ...\n"
    ".Nm\n"
    ".Op Ar option ...\n"
    ".Fl f Ar file ...\n"
    ".Op Ar path ...\n"
    ".Nm\n"
    ".Fl \\-files\n"
    ".Op Ar option ...\n"
    ".Op Ar path ...\n"
    ".Sh DESCRIPTION\n"
    ".Nm\n"
    "searches the files under each\n"
    ".Ar path\n"
    "(directories recursively, by several workers in parallel) for lines\n"
    "that match a PCRE2\n"
    ".Ar pattern ,\n"
    "and prints them.\n"
    "With no\n"
    ".Ar path\n"
    "it reads standard input when that is a pipe or a file, and searches\n"
    "the current directory otherwise; it never waits on a terminal.\n"
    ".Sq -\n"
    "names standard input.\n"
    ".Pp\n"
    "Patterns are PCRE2 (Perl syntax) and UTF-8 aware;\n"
    ".Fl E\n"
    "and\n"
    ".Fl G\n"
    "take GNU grep's extended and basic syntax,\n"
    ".Fl F\n"
    "literal strings.\n"
    "Input that is not valid UTF-8 is never an error, and lines are\n"
    "printed byte for byte.\n"
    "A match never spans two lines.\n"
    ".Pp\n"
    "On a terminal, control characters in file names and lines are shown\n"
    "as visible escapes; diagnostics always escape them.\n";

/* The sections after OPTIONS, in mdoc's conventional order. */
static const char *const prose[] = {
    ".Sh IGNORE RULES\n"
    "A directory search skips what a developer does not want searched:\n"
    ".Bl -bullet\n"
    ".It\n"
    "files matched by ignore files:\n"
    ".Pa .gitignore\n"
    "inside a git work tree (also those in directories above the search\n"
    "root, up to the top of the work tree),\n"
    ".Pa .git/info/exclude ,\n"
    "git's global excludes file\n"
    ".Pf ( Cm core.excludesFile ,\n"
    "else\n"
    ".Pa $XDG_CONFIG_HOME/git/ignore ) ,\n"
    ".Pa .ignore\n"
    "and\n"
    ".Pa .isogrepignore ;\n"
    ".It\n"
    "hidden files and directories (the\n"
    ".Pa .git\n"
    "directory is never searched);\n"
    ".It\n"
    "binary files (see\n"
    ".Sx BINARY FILES ) .\n"
    ".El\n"
    ".Pp\n"
    "Ignore files follow git's semantics: negation with\n"
    ".Sq \\&! ,\n"
    "anchoring with a leading or inner\n"
    ".Sq / ,\n"
    "directory-only rules ending in\n"
    ".Sq / ,\n"
    ".Sq **\n"
    "for any number of directories.\n"
    "A rule in a deeper directory wins over one above it, and within one\n"
    "directory\n"
    ".Pa .isogrepignore\n"
    "wins over\n"
    ".Pa .ignore ,\n"
    "which wins over\n"
    ".Pa .gitignore ,\n"
    "which wins over\n"
    ".Pa .git/info/exclude\n"
    "and the global file;\n"
    ".Fl \\-ignore\\-file\n"
    "rules come last.\n"
    "Globs given with\n"
    ".Fl g\n"
    "and types given with\n"
    ".Fl t\n"
    "are applied after the ignore rules.\n"
    "A path named on the command line is always searched.\n"
    ".Pp\n"
    "Loosen the rules with\n"
    ".Fl \\-no\\-ignore\n"
    "(or one kind with\n"
    ".Fl \\-no\\-ignore\\-vcs ,\n"
    ".Fl \\-no\\-ignore\\-dot ,\n"
    ".Fl \\-no\\-ignore\\-global ,\n"
    ".Fl \\-no\\-ignore\\-parent ) ,\n"
    ".Fl \\-hidden ,\n"
    "or in levels:\n"
    ".Fl u\n"
    "ignores the ignore files,\n"
    ".Fl uu\n"
    "also searches hidden files, and\n"
    ".Fl uuu\n"
    "also binary files (as\n"
    ".Fl a ) .\n"
    ".Fl \\-stats\n"
    "counts what was skipped and why.\n",
    ".Sh BINARY FILES\n"
    "A file with a NUL byte in its first 64 KiB is binary.\n"
    "A directory walk skips binary files.\n"
    "A binary file named on the command line is searched, and if it\n"
    "matches,\n"
    ".Dq binary file matches\n"
    "is reported in place of its lines\n"
    ".Pf ( Fl c\n"
    "and\n"
    ".Fl l\n"
    "work as usual).\n"
    "A NUL byte later in a file ends its text part: a match after it is\n"
    "reported the same way.\n"
    ".Fl a\n"
    "searches binary files as text,\n"
    ".Fl I\n"
    "takes them as matching nothing, and\n"
    ".Fl \\-binary\n"
    "searches them in a walk too and reports how many lines matched.\n",
    ".Sh FILE-FILTER MODE\n"
    ".Nm\n"
    ".Fl \\-files\n"
    "lists the files a search would read, honouring every rule above,\n"
    "without opening them: it is what shell completion functions call.\n"
    ".Fl \\-name ,\n"
    ".Fl \\-type\\-entry ,\n"
    ".Fl \\-size ,\n"
    ".Fl \\-changed\\-within\n"
    "and\n"
    ".Fl \\-changed\\-before\n"
    "select by name, kind, size and age;\n"
    ".Fl 0\n"
    "ends each path with a NUL byte for\n"
    ".Xr xargs 1\n"
    ".Fl 0 .\n",
    ".Sh PATTERN SETS AND BOOLEAN QUERIES\n"
    "Each\n"
    ".Fl e\n"
    "pattern, and each line of a\n"
    ".Fl f\n"
    "file, is a pattern of its own: its groups, back-references, names,\n"
    "leading verbs and\n"
    ".Sq \\eQ\n"
    "belong to it.\n"
    "A line is selected when any pattern matches it (with\n"
    ".Fl v ,\n"
    "when none does).\n"
    "With\n"
    ".Fl o ,\n"
    "colors and\n"
    ".Fl \\-json ,\n"
    "the match at each position is the leftmost across the patterns and,\n"
    "among those, the longest; an empty match never hides another.\n"
    "An empty match is a match, as in ripgrep, except right where the\n"
    "one before it ends: it is a submatch in\n"
    ".Fl \\-json ,\n"
    "a record of\n"
    ".Fl \\-vimgrep ,\n"
    "counted by\n"
    ".Fl \\-count\\-matches ,\n"
    "and replaced by\n"
    ".Fl \\-replace\n"
    "(so\n"
    ".Ql \"\\-\\-replace '> ' '^'\"\n"
    "prefixes lines); only\n"
    ".Fl o\n"
    "leaves it out, as grep does.\n"
    "Lists of any size are searched in one pass over each buffer: small\n"
    "sets by isogrep's own engines, large ones through Hyperscan, which\n"
    "finds the strings every match must contain while PCRE2 decides what\n"
    "a pattern means.\n"
    "A bad pattern in a\n"
    ".Fl f\n"
    "file is reported with its line number before any file is read.\n"
    ".Pp\n"
    ".Fl \\-and Ar pattern\n"
    "keeps only the selected lines that also match\n"
    ".Ar pattern ,\n"
    ".Fl \\-not Ar pattern\n"
    "those that do not; both repeat and take\n"
    ".Fl i ,\n"
    ".Fl w\n"
    "and\n"
    ".Fl F ,\n"
    "and only the\n"
    ".Fl e\n"
    "and\n"
    ".Fl f\n"
    "patterns are reported as matches.\n"
    ".Fl \\-all\\-match\n"
    "selects a file only when every\n"
    ".Fl e\n"
    "pattern matches some line of it:\n"
    ".Dl isogrep -l --all-match -e session=42 -e timeout logs\n",
    ".Sh COMPRESSED FILES AND ARCHIVES\n"
    "With\n"
    ".Fl z\n"
    ".Pq Fl \\-search\\-zip ,\n"
    "files compressed with gzip, bzip2, xz, lzma, zstd, lz4 or compress\n"
    "are decompressed as they are read, in the process, through\n"
    "libarchive; they are known by their first bytes, not their names.\n"
    "Memory stays bounded whatever they inflate to.\n"
    "Archives (tar, compressed or not, zip, cpio, 7z) are searched member\n"
    "by member, and a member's lines are reported as\n"
    ".Ar archive Ns { Ns Ar member Ns } ,\n"
    "also by\n"
    ".Fl l\n"
    "and\n"
    ".Fl \\-json ;\n"
    ".Fl g\n"
    "and\n"
    ".Fl t\n"
    "select members by name too.\n"
    "A damaged file's lines before the damage are searched, the library's\n"
    "error is reported with the file and member, the other files go on,\n"
    "and the exit status is 2.\n"
    "A gzip file's CRC is checked against its trailer (not on a pipe,\n"
    "inside a tar.gz, or in a file of several gzip members): data that\n"
    "changed but still inflates is reported at its end.\n"
    "No option runs another program.\n",
    ".Sh GREP MODE\n"
    "Called through a link named\n"
    ".Nm grep ,\n"
    ".Nm egrep\n"
    "or\n"
    ".Nm fgrep ,\n"
    "or with\n"
    ".Fl \\-grep\\-mode ,\n"
    ".Nm\n"
    "reads its command line as GNU grep 3.8 does, so that scripts written\n"
    "for grep run unchanged; it stays parallel underneath.\n"
    "Patterns are basic regular expressions\n"
    ".Pf ( Nm egrep :\n"
    "extended,\n"
    ".Nm fgrep :\n"
    "fixed strings); a directory is searched only with\n"
    ".Fl r ;\n"
    "ignore files, hidden files and binary files are searched;\n"
    "standard input is read when no file is named;\n"
    ".Fl d ,\n"
    ".Fl D ,\n"
    ".Fl T ,\n"
    ".Fl y ,\n"
    ".Fl Z\n"
    "and\n"
    ".Fl U\n"
    "have grep's meanings; a line that is not valid UTF-8 makes the file\n"
    "binary, as in grep under a UTF-8 locale; messages carry the name it\n"
    "was called by, and the config file is not read.\n"
    ".Pp\n"
    "How grep's options fare in each mode:\n"
    ".Bl -column \"-b, --label, --line-buffered\" \"ripgrep's colors\" \"grep mode\"\n"
    ".It Em option Ta Em own mode Ta Em grep mode\n"
    ".It patterns Ta PCRE2 Ta BRE; egrep: ERE\n"
    ".It Fl E , Fl G , Fl F , Fl P Ta as grep Ta as grep\n"
    ".It a directory operand Ta walked Ta an error unless Fl r\n"
    ".It no path Ta piped stdin, or Pa \\&. Ta stdin; Fl r : Pa \\&.\n"
    ".It Fl d Ta Fl \\-max\\-depth Ta as grep\n"
    ".It Fl D Ta not there Ta as grep\n"
    ".It ignore and hidden files Ta skipped Ta searched\n"
    ".It Fl T Ta Fl \\-type\\-not Ta as grep\n"
    ".It Fl z Ta Fl \\-search\\-zip Ta Fl \\-null\\-data\n"
    ".It Fl U Ta Fl \\-multiline Ta no effect\n"
    ".It Fl A , Fl B , Fl C Ta as grep Ta as grep\n"
    ".It Fl Ns Ar NUM Ta not there Ta Fl C Ar NUM\n"
    ".It Fl 0 , Fl Z Ta Fl 0 Ta Fl Z\n"
    ".It Fl y Ta not there Ta Fl i\n"
    ".It Fl \\-color Ta ripgrep's colors Ta ignored\n"
    ".It Fl I , Fl \\-binary\\-files Ta as grep Ta as grep\n"
    ".It Fl \\-include , Fl \\-exclude Ta as grep Ta as grep\n"
    ".It Fl b , Fl \\-label , Fl \\-line\\-buffered Ta as grep Ta as grep\n"
    ".El\n"
    ".Pp\n"
    "Differences that remain: input and patterns are always UTF-8 (grep\n"
    "follows the locale and works on bytes in the C locale); output order\n"
    "across files is the order the workers finish\n"
    ".Pf ( Fl \\-sort\n"
    "fixes one);\n"
    ".Fl \\-version\n"
    "and\n"
    ".Fl \\-help\n"
    "are isogrep's;\n"
    ".Fl \\-include\n"
    "and\n"
    ".Fl \\-exclude\n"
    "on a named file do not let\n"
    ".Sq *\n"
    "cross\n"
    ".Sq / .\n"
    "README.md has a table of every grep option in both modes.\n",
    ".Sh ENVIRONMENT\n"
    ".Bl -tag -width Ds\n"
    ".It Ev ISOGREP_CONFIG_PATH\n"
    "A file of default arguments, one per line;\n"
    ".Sq #\n"
    "starts a comment.\n"
    "A world-writable file is refused, and a bad line is an error that\n"
    "names the file and line.\n"
    "No other config file is read;\n"
    ".Fl \\-no\\-config\n"
    "ignores this one.\n"
    ".It Ev NO_COLOR\n"
    "When set and not empty, no colors unless\n"
    ".Fl \\-color\n"
    "asks for them.\n"
    ".It Ev TERM\n"
    ".Cm dumb\n"
    "turns automatic colors off.\n"
    ".It Ev GREP_COLORS\n"
    "Read in grep mode, as GNU grep does.\n"
    ".El\n",
    ".Sh FILES\n"
    ".Bl -tag -width Ds\n"
    ".It Pa .gitignore , .ignore , .isogrepignore\n"
    "Ignore rules, see\n"
    ".Sx IGNORE RULES .\n"
    ".It Pa $XDG_CONFIG_HOME/git/ignore\n"
    "git's global excludes file, unless\n"
    ".Cm core.excludesFile\n"
    "names another.\n"
    ".El\n",
    ".Sh EXIT STATUS\n"
    ".Bl -tag -width Ds -compact\n"
    ".It 0\n"
    "A line was selected (or, with\n"
    ".Fl l ,\n"
    ".Fl L\n"
    "or\n"
    ".Fl \\-files ,\n"
    "a path listed).\n"
    ".It 1\n"
    "None was.\n"
    ".It 2\n"
    "An error occurred: a bad pattern or option, a missing or unreadable\n"
    "file, a write error; unless\n"
    ".Fl q\n"
    "selected a line.\n"
    "The other files are still searched.\n"
    ".It 130, 143\n"
    "Interrupted by SIGINT or SIGTERM.\n"
    ".El\n",
    ".Sh EXAMPLES\n"
    "Interactive search: the uses of a function in a tree, with line\n"
    "numbers, in Python files only, whole words:\n"
    ".Pp\n"
    ".Dl $ isogrep -n -w -t py parse_args\n"
    ".Pp\n"
    "File listing for a completion function: the files under\n"
    ".Pa src\n"
    "that a search would read, NUL-separated:\n"
    ".Pp\n"
    ".Dl $ isogrep --files -0 src | xargs -0 ls -l\n"
    ".Pp\n"
    "Log filtering in a pipeline: count the lines of a journal that\n"
    "report an out-of-memory kill:\n"
    ".Pp\n"
    ".Dl $ journalctl | isogrep -c oom-kill\n"
    ".Pp\n"
    "The lines of a log that hold none of the strings of a block list:\n"
    ".Pp\n"
    ".Dl $ isogrep -v -F -f blocklist.txt access.log\n",
    ".Sh SEE ALSO\n"
    ".Xr git 1 ,\n"
    ".Xr grep 1 ,\n"
    ".Xr rg 1 ,\n"
    ".Xr pcre2pattern 3 ,\n"
    ".Xr gitignore 5\n",
    ".Sh STANDARDS\n"
    "In grep mode,\n"
    ".Nm\n"
    "follows GNU grep 3.8 and, through it,\n"
    ".St -p1003.1-2008\n"
    "for the options and basic and extended regular expressions grep\n"
    "defines there.\n"
    "Its own mode follows ripgrep's options where they exist.\n",
};

void
manpage_write(void)
{
	fputs(head, stdout);
	options_section();
	for (size_t i = 0; i < sizeof(prose) / sizeof(prose[0]); i++)
		fputs(prose[i], stdout);
}
