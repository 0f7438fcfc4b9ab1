/*
 * color.h - ripgrep's color specs: what --colors means, and the escape
 * sequences that color each kind of field.
 *
 * A spec is "TYPE:ATTRIBUTE:VALUE" (path, line, column, match or
 * highlight; fg, bg or style) or "TYPE:none".  The sequences are built
 * once, when the command line is read, so a sink only copies bytes.
 */
#ifndef ISOGREP_COLOR_H
#define ISOGREP_COLOR_H

#include <stdbool.h>
#include <stddef.h>

enum color_type {
	COLOR_PATH,
	COLOR_LINE,
	COLOR_COLUMN,
	COLOR_MATCH,
	COLOR_HIGHLIGHT,
	COLOR_NTYPES,
};

enum color_kind {
	COLOR_UNSET,
	COLOR_BASIC,   /* black .. white: 0..7 */
	COLOR_ANSI256,
	COLOR_RGB,
};

struct color_value {
	enum color_kind kind;
	unsigned char v[3]; /* the number, or red, green, blue */
};

struct color_spec {
	struct color_value fg, bg;
	bool bold, intense, underline, italic;
};

enum {
	COLOR_SEQ_MAX = 96, /* the longest start sequence of a spec */
};

struct color_specs {
	struct color_spec spec[COLOR_NTYPES];
	/* Built by color_specs_finish: what starts each type's text. */
	char start[COLOR_NTYPES][COLOR_SEQ_MAX];
	unsigned char start_len[COLOR_NTYPES];
	bool none[COLOR_NTYPES]; /* no attribute at all */
};

/* What ends colored text. */
#define COLOR_RESET "\x1b[0m"
#define COLOR_RESET_LEN 4

/* ripgrep's defaults: magenta paths, green line numbers, bold red matches. */
void color_specs_default(struct color_specs *c);

/*
 * Apply one --colors spec; false with a message in err (as ripgrep words
 * it) when it is not one.
 */
bool color_specs_apply(struct color_specs *c, const char *spec, char *err,
    size_t err_size);

/* Build the sequences once every spec is applied. */
void color_specs_finish(struct color_specs *c);

#endif
