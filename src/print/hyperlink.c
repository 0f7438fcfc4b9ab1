/*
 * hyperlink.c - OSC 8 links: ripgrep's format aliases, parsing a URL
 * template, and expanding it for one file.
 *
 * Apart from the sinks because any format that prints paths for a
 * terminal may link them; the template is checked once (a scheme, a
 * {path}, known variables) so expanding is only copying.
 */
#include "print/hyperlink.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/xmalloc.h"

enum var {
	VAR_TEXT,
	VAR_PATH,
	VAR_LINE,
	VAR_COLUMN,
	VAR_HOST,
	VAR_WSLPREFIX,
};

struct part {
	enum var var;
	size_t start, len; /* VAR_TEXT: the text in format */
};

struct hyperlink_format {
	char *format;
	struct part *parts;
	size_t nparts;
	char host[256];
	char wslprefix[256];
	bool wants_line;
};

static const struct {
	const char *name, *format;
} aliases[] = {
	{"default", "file://{host}{path}"},
	{"none", ""},
	{"file", "file://{host}{path}"},
	{"grep+", "grep+://{path}:{line}"},
	{"kitty", "file://{host}{path}#{line}"},
	{"macvim", "mvim://open?url=file://{path}&line={line}&column={column}"},
	{"textmate", "txmt://open?url=file://{path}&line={line}&column={column}"},
	{"vscode", "vscode://file{path}:{line}:{column}"},
	{"vscode-insiders", "vscode-insiders://file{path}:{line}:{column}"},
	{"vscodium", "vscodium://file{path}:{line}:{column}"},
};

static const char *const var_names[] = {
	[VAR_PATH] = "path", [VAR_LINE] = "line", [VAR_COLUMN] = "column",
	[VAR_HOST] = "host", [VAR_WSLPREFIX] = "wslprefix",
};

static void
add_part(struct hyperlink_format *f, enum var v, size_t start, size_t len)
{
	f->parts = xreallocarray(f->parts, f->nparts + 1, sizeof(*f->parts));
	f->parts[f->nparts++] = (struct part){v, start, len};
}

static bool
fail(struct hyperlink_format *f, char *err, size_t err_size, const char *msg,
    const char *detail)
{
	snprintf(err, err_size, "invalid hyperlink format: %s%s%s", msg,
	    detail != NULL ? detail : "", detail != NULL ? "'" : "");
	hyperlink_free(f);
	return false;
}

/* A URL scheme before the first ':' of a template ([0-9A-Za-z+-.]+). */
static bool
has_scheme(const char *s)
{
	size_t n = strspn(s, "0123456789abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ+-.");

	return n > 0 && s[n] == ':';
}

static bool
parse_template(struct hyperlink_format *f, char *err, size_t err_size)
{
	const char *s = f->format;
	size_t i = 0, lit = 0;
	bool path = false;

	while (s[i] != '\0') {
		const char *close;
		size_t v;

		if (s[i] != '{') {
			i++;
			continue;
		}
		close = strchr(s + i, '}');
		if (close == NULL)
			return fail(f, err, err_size, "unclosed variable: found "
			    "'{' without a corresponding '}' following it", NULL);
		if (i > lit)
			add_part(f, VAR_TEXT, lit, i - lit);
		for (v = VAR_PATH; v <= VAR_WSLPREFIX; v++)
			if (strlen(var_names[v]) == (size_t)(close - s - i - 1) &&
			    memcmp(var_names[v], s + i + 1,
			    (size_t)(close - s - i - 1)) == 0)
				break;
		if (v > VAR_WSLPREFIX) {
			char name[128];

			snprintf(name, sizeof(name), "%.*s",
			    (int)(close - s - i - 1), s + i + 1);
			snprintf(err, err_size, "invalid hyperlink format: "
			    "invalid hyperlink format variable: '%s', choose "
			    "from: path, line, column, host, wslprefix", name);
			hyperlink_free(f);
			return false;
		}
		add_part(f, (enum var)v, 0, 0);
		path |= v == VAR_PATH;
		f->wants_line |= v == VAR_LINE || v == VAR_COLUMN;
		i = lit = (size_t)(close - s) + 1;
	}
	if (i > lit)
		add_part(f, VAR_TEXT, lit, i - lit);
	if (!path)
		return fail(f, err, err_size, "the {path} variable is required "
		    "in a hyperlink format", NULL);
	if (!has_scheme(s))
		return fail(f, err, err_size, "the hyperlink format must start "
		    "with a valid URL scheme, i.e., [0-9A-Za-z+-.]+:", NULL);
	return true;
}

struct hyperlink_format *
hyperlink_parse(const char *arg, char *err, size_t err_size)
{
	struct hyperlink_format *f = xcalloc(1, sizeof(*f));
	const char *format = arg;
	const char *wsl = getenv("WSL_DISTRO_NAME");

	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcmp(arg, aliases[i].name) == 0)
			format = aliases[i].format;
	f->format = xmalloc(strlen(format) + 1);
	strcpy(f->format, format);
	if (format[0] == '\0')
		return f;
	if (gethostname(f->host, sizeof(f->host) - 1) != 0)
		f->host[0] = '\0';
	if (wsl != NULL && wsl[0] != '\0')
		snprintf(f->wslprefix, sizeof(f->wslprefix), "wsl$/%s", wsl);
	if (!parse_template(f, err, err_size))
		return NULL;
	return f;
}

void
hyperlink_free(struct hyperlink_format *f)
{
	if (f == NULL)
		return;
	free(f->format);
	free(f->parts);
	free(f);
}

bool
hyperlink_enabled(const struct hyperlink_format *f)
{
	return f != NULL && f->nparts > 0;
}

bool
hyperlink_wants_line(const struct hyperlink_format *f)
{
	return hyperlink_enabled(f) && f->wants_line;
}

/* URL-safe bytes stay; bytes from 128 up stay too, as ripgrep leaves them. */
static void
percent_encode(struct outbuf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') || c >= 128 ||
		    strchr("/:-._~", c) != NULL) {
			outbuf_putc(out, (char)c);
		} else {
			char esc[3] = {'%', hex[c >> 4], hex[c & 15]};

			outbuf_append(out, esc, 3);
		}
	}
}

void
hyperlink_path(const char *path, size_t len, struct outbuf *abs)
{
	char *real = realpath(path, NULL);
	struct outbuf raw = OUTBUF_INIT;

	outbuf_clear(abs);
	if (real != NULL) {
		outbuf_puts(&raw, real);
		free(real);
	} else {
		char *cwd = getcwd(NULL, 0);

		if (path[0] != '/' && cwd != NULL) {
			outbuf_puts(&raw, cwd);
			outbuf_putc(&raw, '/');
		}
		free(cwd);
		outbuf_append(&raw, path, len);
	}
	percent_encode(abs, raw.data, raw.len);
	outbuf_free(&raw);
}

void
hyperlink_open(struct outbuf *out, const struct hyperlink_format *f,
    const struct outbuf *abs, unsigned long long line,
    unsigned long long column)
{
	outbuf_puts(out, "\x1b]8;;");
	for (size_t i = 0; i < f->nparts; i++) {
		const struct part *p = &f->parts[i];

		switch (p->var) {
		case VAR_TEXT:
			outbuf_append(out, f->format + p->start, p->len);
			break;
		case VAR_PATH:
			outbuf_append(out, abs->data, abs->len);
			break;
		case VAR_LINE:
			outbuf_put_uint(out, line ? line : 1);
			break;
		case VAR_COLUMN:
			outbuf_put_uint(out, column ? column : 1);
			break;
		case VAR_HOST:
			outbuf_puts(out, f->host);
			break;
		case VAR_WSLPREFIX:
			outbuf_puts(out, f->wslprefix);
			break;
		}
	}
	outbuf_puts(out, "\x1b\\");
}

void
hyperlink_close(struct outbuf *out)
{
	outbuf_puts(out, "\x1b]8;;\x1b\\");
}
