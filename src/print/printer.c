/*
 * printer.c - picks the sink for a print config, and the pieces every
 * format shares.
 *
 * The printing layer (src/print/): sinks, events to bytes.  Each output
 * format is one sink, so a format is added as one file here.
 *
 * Line text and names are copied byte for byte, never transcoded --
 * except that on a terminal control characters are made visible
 * (escape.c).
 */
#include "print/printer.h"

#include "base/escape.h"
#include "print/hyperlink.h"
#include "print/json.h"
#include "print/standard.h"
#include "print/summary.h"

struct sink *
printer_sink_new(const struct print_config *pc, bool with_filename,
    struct outbuf *out)
{
	if (pc->output == OUTPUT_LINES)
		return standard_sink_new(pc, with_filename, out);
	if (pc->output == OUTPUT_JSON)
		return json_sink_new(pc, out);
	return summary_sink_new(pc, with_filename, out);
}

void
printer_sink_free(struct sink *k)
{
	if (k != NULL)
		k->ops->free(k);
}

void
printer_text(struct outbuf *out, bool escape, const char *text, size_t len)
{
	if (escape)
		escape_append(out, text, len);
	else
		outbuf_append(out, text, len);
}

void
printer_line_end(struct outbuf *out, const struct print_config *pc)
{
	if (pc->crlf && (out->len == 0 || out->data[out->len - 1] != '\r'))
		outbuf_putc(out, '\r');
	outbuf_putc(out, '\n');
}

void
printer_path_field(struct outbuf *out, const struct print_config *pc,
    const char *path, size_t len, char sep)
{
	bool link = pc->color && hyperlink_enabled(pc->hyperlink);

	if (link) {
		struct outbuf abs = OUTBUF_INIT;

		hyperlink_path(path, len, &abs);
		hyperlink_open(out, pc->hyperlink, &abs, 0, 0);
		outbuf_free(&abs);
	}
	if (pc->color) {
		outbuf_append(out, pc->colors.start[COLOR_PATH],
		    pc->colors.start_len[COLOR_PATH]);
		printer_text(out, pc->escape, path, len);
		outbuf_append(out, COLOR_RESET, COLOR_RESET_LEN);
	} else {
		printer_text(out, pc->escape, path, len);
	}
	if (link)
		hyperlink_close(out);
	outbuf_putc(out, pc->null_sep ? '\0' : sep);
}

void
printer_name(struct outbuf *out, const char *path, size_t len, char end,
    bool escape)
{
	printer_text(out, escape, path, len);
	outbuf_putc(out, end);
}
