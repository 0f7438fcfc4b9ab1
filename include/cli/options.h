/*
 * options.h - the immutable settings of one run.
 *
 * cli.c fills a struct options from argv.  Only the command-line layer
 * and main see the whole of it: each lower layer is handed its own part
 * (match, select, print, walk, filter), read-only, and nothing else.
 */
#ifndef ISOGREP_OPTIONS_H
#define ISOGREP_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "match/pattern.h"
#include "print/print_config.h"
#include "search/select.h"
#include "walk/walk_config.h"

struct options {
	/* The parts each layer is given alone. */
	struct match_config match;
	struct select_config select;
	struct print_config print;

	bool no_messages;      /* -s */
	unsigned threads;      /* -j; 0: online CPUs */

	struct walk_config walk;
	struct filter_config filter;

	const char **type_adds; /* --type-add */
	size_t ntype_adds;
	bool type_list;
	bool files_mode;       /* --files: list, do not search */
	bool stats;            /* --stats */
	bool search_zip;       /* -z: compressed files and archives */
	bool json_summary;     /* --json: a summary record ends the run */

	const char **paths;    /* the inputs; "-" is standard input */
	size_t npaths;
	bool implicit_root;    /* no path given: "." with no "./" prefix */
	bool recursive;        /* -r, -R: no path means ".", never stdin */
	bool grep_mode;        /* called as grep (egrep, fgrep), --grep-mode */
	bool skip_devices;     /* -D skip: devices, FIFOs, sockets named */
	/* --line-buffered 1, --block-buffered 0; -1: when on a terminal */
	int line_buffered;
	const char *input_label; /* --label: standard input's name, or NULL */
};

#endif
