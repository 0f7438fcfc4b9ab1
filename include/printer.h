/*
 * printer.h - formatting of output records into an outbuf.
 */
#ifndef ISOGREP_PRINTER_H
#define ISOGREP_PRINTER_H

#include <stddef.h>

#include "outbuf.h"

/* How each record of one file is prefixed. */
struct printer_prefix {
	const char *path;  /* printed as "PATH:" when not NULL */
	size_t path_len;
	int line_number;   /* print "NUM:" before each line */
};

/* "[PATH:][NUM:]TEXT\n"; num is ignored without line_number. */
void printer_record(struct outbuf *out, const struct printer_prefix *pre,
    unsigned long long num, const char *text, size_t len);

/* "[PATH:]COUNT\n" for -c. */
void printer_count(struct outbuf *out, const struct printer_prefix *pre,
    unsigned long long count);

/* "PATH\n" for -l and -L. */
void printer_path(struct outbuf *out, const char *path, size_t path_len);

#endif
