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
#include "search/searcher.h"
#include "search/select.h"

struct search_setup {
	const struct matcher *matcher;
	const struct select_config *select;
	const struct print_config *print;
	bool with_filename;        /* records name their file */
	/*
	 * Context groups of different files are parted too: each file's
	 * output starts with the separator, and the printer drops the first
	 * (file_lead, the separator's whole record).
	 */
	const char *file_lead;
	size_t file_lead_len;
	struct input_policy input; /* how inputs are opened */
	enum searcher_flush flush_when; /* --line-buffered, --block-buffered */
	struct member_filter members; /* -z: which archive members */
};

#endif
