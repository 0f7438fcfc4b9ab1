/*
 * search_setup.h - what every isolate of a search is given, read-only.
 *
 * Built once by main from the command line's configs; the workers, the
 * big-file split and the direct search each make their own searcher and
 * sink from it.
 */
#ifndef ISOGREP_SEARCH_SETUP_H
#define ISOGREP_SEARCH_SETUP_H

#include <stdbool.h>

#include "match/matcher.h"
#include "print/print_config.h"
#include "search/input.h"
#include "search/members.h"
#include "search/select.h"

struct search_setup {
	const struct matcher *matcher;
	const struct select_config *select;
	const struct print_config *print;
	bool with_filename;        /* records name their file */
	struct input_policy input; /* how inputs are opened */
	struct member_filter members; /* -z: which archive members */
};

#endif
