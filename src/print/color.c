/*
 * color.c - parsing ripgrep's --colors specs and building the escape
 * sequences they stand for.
 *
 * Kept apart from the sinks so every format that colors (the standard
 * sink today) shares one reading of the specs, and so a sink's inner loop
 * only copies prepared bytes.  The sequences are ripgrep's to the byte: a
 * reset, then bold, italic and underline, then the foreground and the
 * background; "intense" moves the eight basic colors to their bright
 * variants of the 256-color palette.
 */
#include "print/color.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const type_names[COLOR_NTYPES] = {
	"path", "line", "column", "match", "highlight",
};

/* In ANSI order: the index is the color's number. */
static const char *const basic_names[8] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

enum {
	BASIC_RED = 1,
	BASIC_GREEN = 2,
	BASIC_MAGENTA = 5,
};

void
color_specs_default(struct color_specs *c)
{
	memset(c, 0, sizeof(*c));
	c->spec[COLOR_PATH].fg = (struct color_value){COLOR_BASIC,
	    {BASIC_MAGENTA, 0, 0}};
	c->spec[COLOR_LINE].fg = (struct color_value){COLOR_BASIC,
	    {BASIC_GREEN, 0, 0}};
	c->spec[COLOR_MATCH].fg = (struct color_value){COLOR_BASIC,
	    {BASIC_RED, 0, 0}};
	c->spec[COLOR_MATCH].bold = true;
}

/* A number 0..255, decimal or "0x" hex; false when it is not one. */
static bool
parse_byte(const char *s, size_t len, unsigned char *out)
{
	unsigned v = 0, base = 10;

	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
		len -= 2;
	}
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned d;

		if (s[i] >= '0' && s[i] <= '9')
			d = (unsigned)(s[i] - '0');
		else if (base == 16 && s[i] >= 'a' && s[i] <= 'f')
			d = (unsigned)(s[i] - 'a' + 10);
		else if (base == 16 && s[i] >= 'A' && s[i] <= 'F')
			d = (unsigned)(s[i] - 'A' + 10);
		else
			return false;
		v = v * base + d;
		if (v > 255)
			return false;
	}
	*out = (unsigned char)v;
	return true;
}

static bool
parse_color(const char *s, struct color_value *cv, char *err, size_t err_size)
{
	const char *c1, *c2;

	for (unsigned i = 0; i < 8; i++)
		if (strcasecmp(s, basic_names[i]) == 0) {
			*cv = (struct color_value){COLOR_BASIC, {(unsigned char)i,
			    0, 0}};
			return true;
		}
	c1 = strchr(s, ',');
	if (c1 != NULL) {
		c2 = strchr(c1 + 1, ',');
		cv->kind = COLOR_RGB;
		if (c2 != NULL && strchr(c2 + 1, ',') == NULL &&
		    parse_byte(s, (size_t)(c1 - s), &cv->v[0]) &&
		    parse_byte(c1 + 1, (size_t)(c2 - c1 - 1), &cv->v[1]) &&
		    parse_byte(c2 + 1, strlen(c2 + 1), &cv->v[2]))
			return true;
		snprintf(err, err_size, "unrecognized RGB color triple, should "
		    "be '[0-255],[0-255],[0-255]' (or a hex triple), but is "
		    "'%s'", s);
		return false;
	}
	if (s[0] == '\0' || (s[0] >= '0' && s[0] <= '9')) {
		cv->kind = COLOR_ANSI256;
		if (parse_byte(s, strlen(s), &cv->v[0]))
			return true;
		snprintf(err, err_size, "unrecognized ansi256 color number, "
		    "should be '[0-255]' (or a hex number), but is '%s'", s);
		return false;
	}
	snprintf(err, err_size, "unrecognized color name '%s'. Choose from: "
	    "black, blue, green, red, cyan, magenta, yellow, white", s);
	return false;
}

static bool
parse_style(const char *s, struct color_spec *sp, char *err, size_t err_size)
{
	static const struct {
		const char *name;
		size_t field; /* offset of the bool in struct color_spec */
		bool on;
	} styles[] = {
		{"nobold", offsetof(struct color_spec, bold), false},
		{"bold", offsetof(struct color_spec, bold), true},
		{"nointense", offsetof(struct color_spec, intense), false},
		{"intense", offsetof(struct color_spec, intense), true},
		{"nounderline", offsetof(struct color_spec, underline), false},
		{"underline", offsetof(struct color_spec, underline), true},
		{"noitalic", offsetof(struct color_spec, italic), false},
		{"italic", offsetof(struct color_spec, italic), true},
	};

	for (size_t i = 0; i < sizeof(styles) / sizeof(styles[0]); i++)
		if (strcasecmp(s, styles[i].name) == 0) {
			*(bool *)((char *)sp + styles[i].field) = styles[i].on;
			return true;
		}
	snprintf(err, err_size, "unrecognized style attribute '%s'. Choose "
	    "from: nobold, bold, nointense, intense, nounderline, underline, "
	    "noitalic, italic.", s);
	return false;
}

bool
color_specs_apply(struct color_specs *c, const char *spec, char *err,
    size_t err_size)
{
	char buf[256];
	char *parts[3];
	size_t nparts = 0;
	char *p = buf;
	int type = -1;
	struct color_spec *sp;

	if (strlen(spec) >= sizeof(buf))
		goto bad_format;
	strcpy(buf, spec);
	/* "TYPE:ATTR:VALUE" (the value may hold no more colons) */
	for (;;) {
		char *colon = strchr(p, ':');

		if (nparts == 3)
			goto bad_format;
		parts[nparts++] = p;
		if (colon == NULL)
			break;
		*colon = '\0';
		p = colon + 1;
	}
	if (nparts < 2)
		goto bad_format;
	for (int i = 0; i < COLOR_NTYPES; i++)
		if (strcasecmp(parts[0], type_names[i]) == 0)
			type = i;
	if (type < 0) {
		snprintf(err, err_size, "unrecognized output type '%s'. Choose "
		    "from: path, line, column, match, highlight.", parts[0]);
		return false;
	}
	sp = &c->spec[type];
	if (strcasecmp(parts[1], "none") == 0) {
		memset(sp, 0, sizeof(*sp));
		return true;
	}
	if (strcasecmp(parts[1], "fg") != 0 && strcasecmp(parts[1], "bg") != 0
	    && strcasecmp(parts[1], "style") != 0) {
		snprintf(err, err_size, "unrecognized spec type '%s'. Choose "
		    "from: fg, bg, style, none.", parts[1]);
		return false;
	}
	if (nparts != 3)
		goto bad_format;
	if (strcasecmp(parts[1], "style") == 0)
		return parse_style(parts[2], sp, err, err_size);
	return parse_color(parts[2], strcasecmp(parts[1], "fg") == 0 ?
	    &sp->fg : &sp->bg, err, err_size);
bad_format:
	snprintf(err, err_size, "invalid color spec format: '%.200s'. Valid "
	    "format is '(path|line|column|match|highlight):(fg|bg|style):"
	    "(value)'.", spec);
	return false;
}

/* The sequence that sets one color; fg: 3x/38, else 4x/48. */
static int
put_color(char *buf, size_t size, const struct color_value *cv, bool fg,
    bool intense)
{
	int lead = fg ? 3 : 4;

	switch (cv->kind) {
	case COLOR_BASIC:
		if (intense)
			return snprintf(buf, size, "\x1b[%d8;5;%dm", lead,
			    cv->v[0] + 8);
		return snprintf(buf, size, "\x1b[%d%dm", lead, cv->v[0]);
	case COLOR_ANSI256:
		return snprintf(buf, size, "\x1b[%d8;5;%dm", lead, cv->v[0]);
	case COLOR_RGB:
		return snprintf(buf, size, "\x1b[%d8;2;%d;%d;%dm", lead,
		    cv->v[0], cv->v[1], cv->v[2]);
	case COLOR_UNSET:
		break;
	}
	return 0;
}

void
color_specs_finish(struct color_specs *c)
{
	for (int t = 0; t < COLOR_NTYPES; t++) {
		const struct color_spec *sp = &c->spec[t];
		char *b = c->start[t];
		size_t n = 0;

		n += (size_t)snprintf(b, COLOR_SEQ_MAX, "%s", COLOR_RESET);
		if (sp->bold)
			n += (size_t)snprintf(b + n, COLOR_SEQ_MAX - n, "\x1b[1m");
		if (sp->italic)
			n += (size_t)snprintf(b + n, COLOR_SEQ_MAX - n, "\x1b[3m");
		if (sp->underline)
			n += (size_t)snprintf(b + n, COLOR_SEQ_MAX - n, "\x1b[4m");
		n += (size_t)put_color(b + n, COLOR_SEQ_MAX - n, &sp->fg, true,
		    sp->intense);
		n += (size_t)put_color(b + n, COLOR_SEQ_MAX - n, &sp->bg, false,
		    sp->intense);
		c->start_len[t] = (unsigned char)n;
		c->none[t] = sp->fg.kind == COLOR_UNSET &&
		    sp->bg.kind == COLOR_UNSET && !sp->bold && !sp->intense &&
		    !sp->underline && !sp->italic;
	}
}
