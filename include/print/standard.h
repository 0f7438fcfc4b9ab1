/*
 * standard.h - the standard output format: the selected lines, or with -o
 * the matches in them, each as "[PATH:][NUM:]TEXT".
 */
#ifndef ISOGREP_STANDARD_H
#define ISOGREP_STANDARD_H

#include <stdbool.h>

#include "base/outbuf.h"
#include "print/print_config.h"
#include "search/sink.h"

/* A sink printing lines into out; NULL never (out of memory is fatal). */
struct sink *standard_sink_new(const struct print_config *pc,
    bool with_filename, struct outbuf *out);

#endif
