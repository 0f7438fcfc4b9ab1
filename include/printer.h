/*
 * printer.h - formatting of output records into an outbuf.
 */
#ifndef ISOGREP_PRINTER_H
#define ISOGREP_PRINTER_H

#include <stdbool.h>
#include <stddef.h>

#include "outbuf.h"

/* How each record of one file is prefixed. */
struct printer_prefix {
	const char *path;  /* printed as "PATH:" when not NULL */
	size_t path_len;
	int line_number;   /* print "NUM:" before each line */
	char path_end;     /* after a path: ':' , or '\0' with -0 */
	char name_end;     /* after a -l/-L name: '\n', or '\0' with -0 */
	bool escape;       /* output is a terminal: make controls visible */
};

/* "[PATH:][NUM:]TEXT\n"; num is ignored without line_number. */
void printer_record(struct outbuf *out, const struct printer_prefix *pre,
    unsigned long long num, const char *text, size_t len);

/* "[PATH:]COUNT\n" for -c. */
void printer_count(struct outbuf *out, const struct printer_prefix *pre,
    unsigned long long count);

/* "PATH\n" (or "PATH\0") for -l, -L and --files. */
void printer_path(struct outbuf *out, const struct printer_prefix *pre,
    const char *path, size_t path_len);

/* "PATH: binary file matches (N lines)\n" for --binary. */
void printer_binary_summary(struct outbuf *out,
    const struct printer_prefix *pre, const char *path,
    unsigned long long lines);

#endif
