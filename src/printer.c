/*
 * printer.c - how isogrep's output records look.
 *
 * Every byte isogrep prints on stdout is laid out here, so the format of a
 * line, a count or a file name is defined in one place.  Line text is
 * copied byte for byte: never transcoded.
 */
#include "printer.h"

static void
put_path_prefix(struct outbuf *out, const struct printer_prefix *pre)
{
	if (pre->path != NULL) {
		outbuf_append(out, pre->path, pre->path_len);
		outbuf_putc(out, ':');
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
	outbuf_append(out, text, len);
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
printer_path(struct outbuf *out, const char *path, size_t path_len)
{
	outbuf_append(out, path, path_len);
	outbuf_putc(out, '\n');
}
