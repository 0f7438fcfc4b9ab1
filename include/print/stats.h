/*
 * stats.h - what a search printed and read, counted as ripgrep counts it,
 * for --stats and the end and summary records of --json.
 */
#ifndef ISOGREP_PRINT_STATS_H
#define ISOGREP_PRINT_STATS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/outbuf.h"
#include "search/sink.h"

struct print_stats {
	unsigned long long elapsed_ns;   /* spent searching, file by file */
	unsigned long long searches;     /* files searched to their end */
	unsigned long long searches_with_match;
	unsigned long long bytes_searched;
	unsigned long long bytes_printed; /* records, not end records */
	unsigned long long matched_lines;
	unsigned long long matches;
};

/* Why a file was not searched, and how many were not (walk.h's reasons). */
struct print_skip {
	const char *reason;
	unsigned long long count;
};

/* A monotonic clock in nanoseconds, for elapsed times. */
unsigned long long print_stats_clock(void);

void print_stats_add(struct print_stats *sum, const struct print_stats *s);

/*
 * A file's search ended as end says, started at print_stats_clock()
 * time started: fill in file's time, search and byte counts.
 */
void print_stats_end_file(struct print_stats *file,
    const struct sink_end *end, unsigned long long started);

/*
 * {"secs":S,"nanos":N,"human":"0.000040s"}, or with sorted keys (as
 * ripgrep writes the summary record) {"human":...,"nanos":N,"secs":S}.
 */
void print_stats_json_elapsed(struct outbuf *out, unsigned long long ns,
    bool sorted_keys);

/*
 * The --stats block, in ripgrep's words and numbers, then isogrep's
 * reasons for skipping files ("N files skipped: REASON", every one).
 */
void print_stats_text(struct outbuf *out, const struct print_stats *s,
    unsigned long long total_ns, const struct print_skip *skips,
    size_t nskips);

/* Only the reasons for skipping files, as print_stats_text ends. */
void print_stats_skips(struct outbuf *out, const struct print_skip *skips,
    size_t nskips);

#endif
