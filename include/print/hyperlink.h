/*
 * hyperlink.h - --hyperlink-format: OSC 8 links around the paths that a
 * terminal shows, as ripgrep makes them.
 *
 * A format is a URL template with {path}, {line}, {column}, {host} and
 * {wslprefix}, or one of ripgrep's aliases (default, none, file, grep+,
 * kitty, macvim, textmate, vscode, vscode-insiders, vscodium).  It is
 * parsed once; the sinks only expand it.
 */
#ifndef ISOGREP_HYPERLINK_H
#define ISOGREP_HYPERLINK_H

#include <stdbool.h>
#include <stddef.h>

#include "base/outbuf.h"

struct hyperlink_format;

/*
 * Parse arg; NULL with a message in err when it is not a format.  An
 * empty format or "none" gives a format that makes no links.
 */
struct hyperlink_format *hyperlink_parse(const char *arg, char *err,
    size_t err_size);

void hyperlink_free(struct hyperlink_format *f);

/* Does f make links at all? */
bool hyperlink_enabled(const struct hyperlink_format *f);

/* Does f use {line} (or {column})? */
bool hyperlink_wants_line(const struct hyperlink_format *f);

/*
 * The absolute path of path as a link shows it, percent-encoded, into
 * *abs (emptied first): done once per file.
 */
void hyperlink_path(const char *path, size_t len, struct outbuf *abs);

/*
 * Open a link to the file whose hyperlink_path is abs, at line and column
 * (0: unknown, shown as 1).
 */
void hyperlink_open(struct outbuf *out, const struct hyperlink_format *f,
    const struct outbuf *abs, unsigned long long line,
    unsigned long long column);

/* Close the link opened last. */
void hyperlink_close(struct outbuf *out);

#endif
