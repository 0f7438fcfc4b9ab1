/*
 * summary.h - the formats that sum a file up: -c, -l, -L and -q.
 */
#ifndef ISOGREP_SUMMARY_H
#define ISOGREP_SUMMARY_H

#include <stdbool.h>

#include "base/outbuf.h"
#include "print/print_config.h"
#include "search/sink.h"

/* A sink printing one record per file (or none, -q) into out. */
struct sink *summary_sink_new(const struct print_config *pc,
    bool with_filename, struct outbuf *out);

#endif
