/*
 * printer.h - the output formats: one sink each, chosen here.
 *
 * Every byte isogrep prints on stdout is laid out by a sink of this layer
 * (standard.c: lines; summary.c: -c, -l, -L, -q; json.c: --json), by
 * printer_name (the names of --files) or by stats.c (--stats), so the
 * format of a record is defined in one place.
 */
#ifndef ISOGREP_PRINTER_H
#define ISOGREP_PRINTER_H

#include <stdbool.h>
#include <stddef.h>

#include "base/outbuf.h"
#include "print/print_config.h"
#include "search/sink.h"

/*
 * The sink that prints results as pc asks, into out.  with_filename: the
 * records of a file name it (decided from the inputs, not in pc).
 */
struct sink *printer_sink_new(const struct print_config *pc,
    bool with_filename, struct outbuf *out);

void printer_sink_free(struct sink *k);

/*
 * Text as is, or with control characters made visible when escape is set
 * (the output is a terminal).
 */
void printer_text(struct outbuf *out, bool escape, const char *text,
    size_t len);

/*
 * A record's path field: "PATH" then sep, or a NUL with -0 (a name can
 * then hold any byte but NUL); colored and linked as pc asks.
 */
void printer_path_field(struct outbuf *out, const struct print_config *pc,
    const char *path, size_t len, char sep);

/*
 * The end of a line of output: "\n", or with --crlf "\r\n" as ripgrep
 * writes it (one "\n" after a line whose own CR was just printed).
 */
void printer_line_end(struct outbuf *out, const struct print_config *pc);

/* "PATH\n" (or "PATH\0") for -l, -L and --files. */
void printer_name(struct outbuf *out, const char *path, size_t len,
    char end, bool escape);

#endif
