/*
 * printer.c - how isogrep's output records look.
 *
 * Every byte isogrep prints on stdout is laid out here, so the format of a
 * line, a count or a file name is defined in one place.  Line text is
 * copied byte for byte, never transcoded -- except that on a terminal
 * control characters are made visible (escape.c).
 */
#include "printer.h"

#include <string.h>

#include "escape.h"

/* Text as is, or with controls made visible on a terminal. */
static void
put_text(struct outbuf *out, const struct printer_prefix *pre,
    const char *text, size_t len)
{
	if (pre->escape)
		escape_append(out, text, len);
	else
		outbuf_append(out, text, len);
}

static void
put_path_prefix(struct outbuf *out, const struct printer_prefix *pre)
{
	if (pre->path != NULL) {
		put_text(out, pre, pre->path, pre->path_len);
		outbuf_putc(out, pre->path_end);
	}
}

void
printer_record(struct outbuf *out, const struct printer_prefix *pre,
    unsigned long long num, const char *text, size_t len)
{
	/* One reservation for the common case keeps this off the profile. */
	outbuf_reserve(out, pre->path_len + len + 24);
	put_path_prefix(out, pre);
	if (pre->line_number) {
		outbuf_put_uint(out, num);
		outbuf_putc(out, ':');
	}
	put_text(out, pre, text, len);
	outbuf_putc(out, '\n');
}

void
printer_count(struct outbuf *out, const struct printer_prefix *pre,
    unsigned long long count)
{
	put_path_prefix(out, pre);
	outbuf_put_uint(out, count);
	outbuf_putc(out, '\n');
}

void
printer_path(struct outbuf *out, const struct printer_prefix *pre,
    const char *path, size_t path_len)
{
	put_text(out, pre, path, path_len);
	outbuf_putc(out, pre->name_end);
}

void
printer_binary_summary(struct outbuf *out, const struct printer_prefix *pre,
    const char *path, unsigned long long lines)
{
	put_text(out, pre, path, strlen(path));
	outbuf_puts(out, ": binary file matches (");
	outbuf_put_uint(out, lines);
	outbuf_puts(out, lines == 1 ? " line)\n" : " lines)\n");
}
