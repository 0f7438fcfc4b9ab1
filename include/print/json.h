/*
 * json.h - --json: JSON Lines in ripgrep's schema (begin, match, context,
 * end per file, and a summary at the end of the run).
 */
#ifndef ISOGREP_JSON_H
#define ISOGREP_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "base/outbuf.h"
#include "print/print_config.h"
#include "print/stats.h"
#include "search/sink.h"

/*
 * s[0, len) as a JSON value, as ripgrep writes text: {"text":"..."}, or
 * {"bytes":"BASE64"} when it is not valid UTF-8.
 */
void json_put_data(struct outbuf *out, const char *s, size_t len);

/* A sink printing JSON records into out. */
struct sink *json_sink_new(const struct print_config *pc, struct outbuf *out);

/*
 * A big file split across workers (split.h): each segment's sink prints
 * match and context records only; the split decides which segment opens
 * with the begin record (json_write_begin) and hands the file's totals
 * to the sink that ends it (json_sink_preset).
 */
struct json_split {
	struct print_stats records; /* matched lines, matches, bytes printed */
	bool begun;                 /* a begin record was printed */
	bool binary;
	unsigned long long binary_offset;
	unsigned long long started; /* print_stats_clock() at the start */
};

/* k prints the records of segments: no begin record, no end. */
void json_sink_segments(struct sink *k);

/* What k counted since the last call (or its begin), for one segment. */
void json_sink_take_segment(struct sink *k, struct json_split *seg);

/* The begin record of path. */
void json_write_begin(struct outbuf *out, const char *path);

/* The next file k begins is a split one, whose segments made file. */
void json_sink_preset(struct sink *k, const struct json_split *file);

/*
 * The last record of a run: the summed stats and the run's whole time;
 * skips (isogrep's addition, under "skipped") name why files were not
 * searched.
 */
void json_write_summary(struct outbuf *out, const struct print_stats *s,
    unsigned long long total_ns, const struct print_skip *skips,
    size_t nskips);

#endif
