/*
 * docgen.c - documents generated from the one flag table.
 *
 * The man page and the bash, zsh and fish completions are printed by
 * `isogrep --generate KIND` from flags.c, and the copies in man/ and
 * completions/ are checked against it by `make check`, so a flag cannot
 * be added to the parser and forgotten in its documentation.
 */
#include "cli/docgen.h"

#include <stdio.h>
#include <string.h>

#include "cli/flags.h"

/* roff: a leading '.' or '\'' would be a request; '-' and '\' escaped. */
static void
roff_text(const char *s)
{
	if (*s == '.' || *s == '\'')
		printf("\\&");
	for (; *s != '\0'; s++) {
		if (*s == '-' || *s == '\\')
			putchar('\\');
		putchar(*s);
	}
}

static void
write_man(void)
{
	printf(".TH ISOGREP 1\n"
	    ".SH NAME\n"
	    "isogrep \\- search files and streams in parallel, filter files\n"
	    ".SH SYNOPSIS\n"
	    ".B isogrep\n"
	    "[\\fIOPTION\\fR]... \\fIPATTERN\\fR [\\fIPATH\\fR]...\n"
	    ".br\n"
	    ".B isogrep\n"
	    "[\\fIOPTION\\fR]... \\fB\\-e\\fR \\fIPATTERN\\fR... "
	    "[\\fIPATH\\fR]...\n"
	    ".br\n"
	    ".B isogrep \\-\\-files\n"
	    "[\\fIOPTION\\fR]... [\\fIPATH\\fR]...\n"
	    ".SH DESCRIPTION\n"
	    "isogrep searches the files under each PATH (directories "
	    "recursively, in\nparallel) for lines that match a PCRE2 "
	    "PATTERN.  With no PATH it reads\nstandard input when that is "
	    "a pipe or a file, and searches the current\ndirectory "
	    "otherwise.  Ignore files (.gitignore inside a git work tree, "
	    ".ignore,\n\\&.isogrepignore), hidden files and binary files are "
	    "skipped unless asked\nfor.\n"
	    ".SH OPTIONS\n");
	for (size_t i = 0; i < flag_count; i++) {
		const struct flag *f = &flag_table[i];
		bool opt = (f->attrs & FLAG_OPTIONAL_ARG) != 0;

		printf(".TP\n");
		if (f->short_name) {
			printf("\\fB\\-%c\\fR", f->short_name);
			if (f->arg_name)
				printf(" \\fI%s\\fR", f->arg_name);
			if (f->long_name)
				printf(", ");
		}
		if (f->long_name) {
			printf("\\fB");
			roff_text("--");
			roff_text(f->long_name);
			printf("\\fR");
		}
		if (f->arg_name && f->long_name) {
			printf("%s=\\fI", opt ? "[" : "");
			roff_text(f->arg_name);
			printf("\\fR%s", opt ? "]" : "");
		}
		printf("\n");
		roff_text(f->help);
		if (f->attrs & FLAG_GREP_ONLY)
			printf(" (grep mode only)");
		if (f->attrs & FLAG_ISOGREP_ONLY)
			printf(" (not in grep mode)");
		printf("\n");
	}
	printf(".SH GREP MODE\n"
	    "Called through a link named \\fBgrep\\fR, \\fBegrep\\fR or "
	    "\\fBfgrep\\fR, or with\n\\fB\\-\\-grep\\-mode\\fR, isogrep "
	    "takes GNU grep's defaults and option letters:\nbasic regular "
	    "expressions (egrep: extended, fgrep: fixed strings), no\n"
	    "recursion without \\fB\\-r\\fR (a directory operand is an "
	    "error, or see \\fB\\-d\\fR), no\nignore files, hidden and "
	    "binary files searched, standard input when no file\nis named, "
	    "and messages under the name it was called by.  A line that is "
	    "not\nvalid UTF\\-8 is not printed and the file is reported as "
	    "binary, as grep does in\na UTF\\-8 locale.  The isogrep config "
	    "file is not read.  Not supported yet:\ncontext lines (\\fB\\-A"
	    "\\fR, \\fB\\-B\\fR, \\fB\\-C\\fR, \\fB\\-\\fINUM\\fR), "
	    "\\fB\\-z\\fR, \\fB\\-\\-label\\fR and colors "
	    "(\\fB\\-\\-color\\fR is\naccepted and ignored).\n");
	printf(".SH EXIT STATUS\n"
	    "0 if a line was selected (or a file listed), 1 if none was, 2 if "
	    "an error\noccurred \\(em unless \\fB\\-q\\fR selected a line.\n"
	    ".SH ENVIRONMENT\n"
	    ".TP\n"
	    ".B ISOGREP_CONFIG_PATH\n"
	    "A file of default arguments, one per line; '#' starts a comment."
	    "\nA world\\-writable file is refused.  No other file is read.\n"
	    ".SH SEE ALSO\n"
	    "grep(1), rg(1), pcre2pattern(3), gitignore(5)\n");
}

/* Completions are for the isogrep command: its own mode's rows. */
static bool
completed(const struct flag *f)
{
	return flag_in_mode(f, FLAG_MODE_ISOGREP);
}

static void
write_bash(void)
{
	printf("# bash completion for isogrep (generated: isogrep "
	    "--generate bash)\n"
	    "_isogrep()\n{\n"
	    "\tlocal cur prev\n"
	    "\tcur=${COMP_WORDS[COMP_CWORD]}\n"
	    "\tprev=${COMP_WORDS[COMP_CWORD-1]}\n"
	    "\tcase $prev in\n"
	    "\t-t|-T|--type|--type-not)\n"
	    "\t\tCOMPREPLY=($(compgen -W \"$(isogrep --type-list 2>/dev/null"
	    " | cut -d: -f1)\" -- \"$cur\"))\n"
	    "\t\treturn;;\n"
	    "\t-f|--file|--ignore-file)\n"
	    "\t\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n"
	    "\t\treturn;;\n"
	    "\tesac\n"
	    "\tif [[ $cur == -* ]]; then\n"
	    "\t\tCOMPREPLY=($(compgen -W \"");
	for (size_t i = 0; i < flag_count; i++) {
		const struct flag *f = &flag_table[i];

		if (!completed(f))
			continue;
		if (f->short_name)
			printf("-%c ", f->short_name);
		if (f->long_name)
			printf("--%s ", f->long_name);
	}
	printf("\" -- \"$cur\"))\n"
	    "\telse\n"
	    "\t\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n"
	    "\tfi\n"
	    "}\n"
	    "complete -o filenames -F _isogrep isogrep\n");
}

/* Help text with the characters zsh's _arguments gives meaning quoted. */
static void
zsh_text(const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\'')
			printf("'\\''");
		else if (*s == '[' || *s == ']' || *s == ':')
			printf("\\%c", *s);
		else
			putchar(*s);
	}
}

static void
write_zsh(void)
{
	printf("#compdef isogrep\n"
	    "# zsh completion for isogrep (generated: isogrep --generate "
	    "zsh)\n"
	    "_arguments -s \\\n");
	for (size_t i = 0; i < flag_count; i++) {
		const struct flag *f = &flag_table[i];
		const char *arg = f->arg_name ? ":value:_files" : "";

		if (!completed(f))
			continue;
		if (f->attrs & FLAG_OPTIONAL_ARG)
			arg = "";
		if (f->short_name && f->long_name == NULL) {
			printf("  '-%c[", f->short_name);
		} else if (f->short_name) {
			printf("  '(-%c --%s)'{-%c,--%s}'[", f->short_name,
			    f->long_name, f->short_name, f->long_name);
		} else {
			printf("  '--%s[", f->long_name);
		}
		zsh_text(f->help);
		printf("]%s' \\\n", arg);
	}
	printf("  '1:pattern:' \\\n  '*:path:_files'\n");
}

static void
write_fish(void)
{
	printf("# fish completion for isogrep (generated: isogrep "
	    "--generate fish)\n");
	for (size_t i = 0; i < flag_count; i++) {
		const struct flag *f = &flag_table[i];

		if (!completed(f))
			continue;
		printf("complete -c isogrep");
		if (f->short_name)
			printf(" -s %c", f->short_name);
		if (f->long_name)
			printf(" -l %s", f->long_name);
		printf("%s -d '", f->arg_name && !(f->attrs & FLAG_OPTIONAL_ARG) ?
		    " -r" : "");
		for (const char *s = f->help; *s != '\0'; s++) {
			if (*s == '\'' || *s == '\\')
				putchar('\\');
			putchar(*s);
		}
		printf("'\n");
	}
}

bool
docgen_write(const char *kind)
{
	static const struct {
		const char *name;
		void (*write)(void);
	} kinds[] = {
		{"man", write_man}, {"bash", write_bash},
		{"zsh", write_zsh}, {"fish", write_fish},
	};

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (strcmp(kind, kinds[i].name) == 0) {
			kinds[i].write();
			return true;
		}
	}
	return false;
}
