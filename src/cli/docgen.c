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
#include "cli/manpage.h"

/* Completions are for the isogrep command: its own mode's rows. */
static bool
completed(const struct flag *f)
{
	return flag_in_mode(f, FLAG_MODE_ISOGREP);
}

/* The words of one flag, "-s --long", for a shell's case pattern. */
static void
print_names(const struct flag *f, const char *sep)
{
	if (f->short_name)
		printf("-%c", f->short_name);
	if (f->short_name && f->long_name)
		fputs(sep, stdout);
	if (f->long_name)
		printf("--%s", f->long_name);
}

/*
 * bash: the option being completed decides (after "--opt=" bash splits
 * at '=', so the option is two words back); types come from
 * --type-list, with the --type-add words already on the line.
 */
static void
write_bash(void)
{
	printf("# bash completion for isogrep (generated: isogrep "
	    "--generate bash)\n"
	    "# File types, with the --type-add words already on the line (read\n"
	    "# from COMP_LINE: COMP_WORDS splits them at ':' and '=').\n"
	    "_isogrep_types()\n{\n"
	    "\tlocal line=$COMP_LINE w adds=()\n"
	    "\tlocal re=\"--type-add[= ]+('[^']*'|\\\"[^\\\"]*\\\"|[^ ]+)\"\n"
	    "\twhile [[ $line =~ $re ]]; do\n"
	    "\t\tw=${BASH_REMATCH[1]}\n"
	    "\t\tw=${w#[\\\"\\']}\n"
	    "\t\tadds+=(--type-add \"${w%%[\\\"\\']}\")\n"
	    "\t\tline=${line#*\"${BASH_REMATCH[0]}\"}\n"
	    "\tdone\n"
	    "\t\"${COMP_WORDS[0]}\" --no-config \"${adds[@]}\" --type-list "
	    "2>/dev/null | cut -d: -f1\n"
	    "}\n\n"
	    "_isogrep()\n{\n"
	    "\tlocal cur=${COMP_WORDS[COMP_CWORD]} "
	    "prev=${COMP_WORDS[COMP_CWORD-1]}\n"
	    "\t# bash splits --opt=value at '=': the option is before it.\n"
	    "\tif [[ $cur == = ]]; then\n"
	    "\t\tcur=\n"
	    "\telif [[ $prev == = ]]; then\n"
	    "\t\tprev=${COMP_WORDS[COMP_CWORD-2]}\n"
	    "\tfi\n"
	    "\tcase $prev in\n");
	for (int kind = FLAG_ARG_TEXT; kind <= FLAG_ARG_CHOICE; kind++) {
		bool first = true;

		for (size_t i = 0; i < flag_count; i++) {
			const struct flag *f = &flag_table[i];
			struct flag_doc d = flag_doc(f->id);

			if (!completed(f) || (int)d.arg != kind ||
			    f->arg_name == NULL)
				continue;
			fputs(first ? "\t" : "|", stdout);
			print_names(f, "|");
			first = false;
			if (kind != FLAG_ARG_CHOICE)
				continue;
			printf(")\n\t\tCOMPREPLY=($(compgen -W \"%s\" -- "
			    "\"$cur\"))\n\t\treturn;;\n", d.choices);
			first = true;
		}
		if (first)
			continue;
		fputs(")\n\t\t", stdout);
		if (kind == FLAG_ARG_FILE)
			fputs("COMPREPLY=($(compgen -f -- \"$cur\"))", stdout);
		else if (kind == FLAG_ARG_TYPE)
			fputs("COMPREPLY=($(compgen -W \"$(_isogrep_types)\" -- "
			    "\"$cur\"))", stdout);
		else
			fputs("COMPREPLY=()", stdout);
		fputs("\n\t\treturn;;\n", stdout);
	}
	printf("\tesac\n"
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
	    "complete -o filenames -o bashdefault -F _isogrep isogrep\n");
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

/* The _arguments action of a flag's argument ("" for none). */
static void
zsh_action(const struct flag *f)
{
	struct flag_doc d = flag_doc(f->id);
	const char *colons = f->attrs & FLAG_OPTIONAL_ARG ? "::" : ":";

	if (f->arg_name == NULL)
		return;
	printf("%s%s:", colons, f->arg_name);
	switch (d.arg) {
	case FLAG_ARG_FILE: fputs("_files", stdout); break;
	case FLAG_ARG_TYPE: fputs("_isogrep_types", stdout); break;
	case FLAG_ARG_CHOICE: printf("(%s)", d.choices); break;
	default: fputs(" ", stdout); break;
	}
}

static void
write_zsh(void)
{
	printf("#compdef isogrep\n"
	    "# zsh completion for isogrep (generated: isogrep --generate "
	    "zsh)\n\n"
	    "# File types, with the --type-add words already on the line.\n"
	    "_isogrep_types() {\n"
	    "  local -a adds types\n"
	    "  local i\n"
	    "  for ((i = 2; i < CURRENT; i++)); do\n"
	    "    case $words[i] in\n"
	    "    --type-add) adds+=(--type-add \"$words[i+1]\") ;;\n"
	    "    --type-add=*) adds+=(\"$words[i]\") ;;\n"
	    "    esac\n"
	    "  done\n"
	    "  types=(${(f)\"$(_call_program types $words[1] --no-config "
	    "$adds --type-list 2>/dev/null)\"})\n"
	    "  _describe 'file type' types\n"
	    "}\n\n"
	    "_arguments -s -S \\\n");
	for (size_t i = 0; i < flag_count; i++) {
		const struct flag *f = &flag_table[i];
		bool arg = f->arg_name != NULL;
		bool opt = (f->attrs & FLAG_OPTIONAL_ARG) != 0;
		const char *sarg = arg && !opt ? "+" : "";
		const char *larg = arg ? (opt ? "=-" : "=") : "";

		if (!completed(f))
			continue;
		if (f->short_name && f->long_name == NULL) {
			printf("  '-%c%s[", f->short_name, sarg);
		} else if (f->short_name) {
			printf("  '(-%c --%s)'{-%c%s,--%s%s}'[", f->short_name,
			    f->long_name, f->short_name, sarg, f->long_name,
			    larg);
		} else {
			printf("  '--%s%s[", f->long_name, larg);
		}
		zsh_text(f->help);
		fputs("]", stdout);
		zsh_action(f);
		printf("' \\\n");
	}
	/* _guard: an empty action would stop a lone option from being
	 * inserted at the first TAB. */
	printf("  '1:pattern:_guard \"^-*\" pattern' \\\n"
	    "  '*:path:_files'\n");
}

static void
write_fish(void)
{
	printf("# fish completion for isogrep (generated: isogrep "
	    "--generate fish)\n\n"
	    "# File types, with the --type-add words already on the line.\n"
	    "function __isogrep_types\n"
	    "    set -l adds\n"
	    "    set -l words (commandline -opc)\n"
	    "    for i in (seq 2 (count $words))\n"
	    "        switch $words[$i]\n"
	    "            case --type-add\n"
	    "                set -a adds --type-add $words[(math $i + 1)]\n"
	    "            case '--type-add=*'\n"
	    "                set -a adds $words[$i]\n"
	    "        end\n"
	    "    end\n"
	    "    $words[1] --no-config $adds --type-list 2>/dev/null | "
	    "string replace -r ':.*' ''\n"
	    "end\n\n");
	for (size_t i = 0; i < flag_count; i++) {
		const struct flag *f = &flag_table[i];
		struct flag_doc d = flag_doc(f->id);

		if (!completed(f))
			continue;
		printf("complete -c isogrep");
		if (f->short_name)
			printf(" -s %c", f->short_name);
		if (f->long_name)
			printf(" -l %s", f->long_name);
		if (f->arg_name != NULL) {
			switch (d.arg) {
			case FLAG_ARG_FILE: fputs(" -r -F", stdout); break;
			case FLAG_ARG_TYPE:
				fputs(" -x -a '(__isogrep_types)'", stdout);
				break;
			case FLAG_ARG_CHOICE:
				printf(" -x -a '%s'", d.choices);
				break;
			default: fputs(" -x", stdout); break;
			}
		}
		fputs(" -d '", stdout);
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
		{"man", manpage_write}, {"bash", write_bash},
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
