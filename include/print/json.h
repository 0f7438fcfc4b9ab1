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

/* A sink printing JSON records into out. */
struct sink *json_sink_new(const struct print_config *pc, struct outbuf *out);

/*
 * The last record of a run: the summed stats and the run's whole time;
 * skips (isogrep's addition, under "skipped") name why files were not
 * searched.
 */
void json_write_summary(struct outbuf *out, const struct print_stats *s,
    unsigned long long total_ns, const struct print_skip *skips,
    size_t nskips);

#endif
