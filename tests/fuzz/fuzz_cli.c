/*
 * fuzz_cli.c - libFuzzer target: the command-line parser.
 *
 * The input is a list of NUL-separated words, the arguments after
 * argv[0] = "isogrep".  A usage error ends in diag_fatal, whose hook
 * longjmps back here.  cli_parse never frees what it allocates (the
 * arrays in opts live as long as the program; its list of positional
 * arguments, --replace's template, --hyperlink-format's and the field
 * separators are held by statics that the next parse starts afresh; the
 * regression inputs store-*-1, -2 parse one after the other), so this
 * target runs with leak detection off, and track.h frees everything the
 * parse allocated once the input is done with, to keep memory flat.
 *
 * Inputs that would leave the parser's reach are dropped: --help,
 * --version and --generate print and exit, and -f/--file reads a file (or standard
 * input) named by the input.  Any short-flag word with 'f' or 'V' in it
 * is dropped, which also drops some harmless ones ("-ef"): the price of
 * not parsing the arguments twice.
 *
 * After a successful parse, a few facts must hold: at least one pattern
 * unless listing (--files, --type-list), every pattern free of newlines,
 * and every path one of the words.
 */
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/diag.h"
#include "cli/cli.h"
#include "cli/options.h"
#include "track.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum {
	ARGS_MAX = 64,
};

static jmp_buf fatal_jmp;

static void
fatal_hook(void)
{
	longjmp(fatal_jmp, 1);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	diag_set_fatal_hook(fatal_hook);
	/*
	 * mktime (--changed-within DATE) makes libc allocate its time zone
	 * state, and with TZ unset it does so again on every call; with TZ
	 * set it does so once, now, before any tracking, so the blocks
	 * track_stop frees are all the parser's.
	 */
	{
		time_t now = time(NULL);
		struct tm tm;

		if (setenv("TZ", "UTC", 1) != 0)
			abort();
		tzset();
		if (localtime_r(&now, &tm) == NULL || mktime(&tm) == -1)
			abort();
	}
	track_init();
	return 0;
}

/* Would this word make cli_parse exit or read a file? */
static bool
unsafe_word(const char *w)
{
	if (w[0] != '-')
		return false;
	if (w[1] == '-') {
		size_t len = strcspn(w, "=");

		return (len == 6 && memcmp(w, "--help", 6) == 0) ||
		    (len == 9 && memcmp(w, "--version", 9) == 0) ||
		    (len == 10 && memcmp(w, "--generate", 10) == 0) ||
		    (len == 6 && memcmp(w, "--file", 6) == 0) ||
		    (len == 14 && memcmp(w, "--exclude-from", 14) == 0);
	}
	return strchr(w, 'f') != NULL || strchr(w, 'V') != NULL;
}

/* Is s one of the argv words? */
static bool
is_arg(char **argv, int argc, const char *s)
{
	for (int i = 1; i < argc; i++)
		if (argv[i] == s)
			return true;
	return false;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Static: cli_parse fills it in place up to a longjmp. */
	static struct options opts;
	static char *copy;
	char *argv[ARGS_MAX + 2];
	int argc = 1;

	copy = malloc(size + 1);
	if (copy == NULL)
		abort();
	memcpy(copy, data, size);
	copy[size] = '\0';
	argv[0] = "isogrep";
	for (char *p = copy; p < copy + size && argc <= ARGS_MAX;
	    p += strlen(p) + 1) {
		if (unsafe_word(p)) {
			free(copy);
			return 0;
		}
		argv[argc++] = p;
	}
	argv[argc] = NULL;

	track_start();
	if (setjmp(fatal_jmp) != 0) {
		/* A usage error. */
		track_stop(true);
		free(copy);
		return 0;
	}
	cli_parse(argc, argv, &opts);

	if (opts.match.npatterns == 0 && !opts.files_mode && !opts.type_list)
		abort();
	for (size_t i = 0; i < opts.match.npatterns; i++)
		if (opts.match.patterns[i].len > 0 &&
		    memchr(opts.match.patterns[i].text, '\n',
		    opts.match.patterns[i].len) != NULL)
			abort();
	for (size_t i = 0; i < opts.npaths; i++)
		if (!is_arg(argv, argc, opts.paths[i]))
			abort();
	/* Free everything the parse allocated, as after a usage error. */
	track_stop(true);
	free(copy);
	return 0;
}
