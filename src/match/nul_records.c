/*
 * nul_records.c - a PCRE2 pattern rewritten for --null-data's buffers.
 *
 * The rewrite sits in the match layer, after -E/-G are translated and
 * before anything reads the pattern (PCRE2, the DFA, the literal
 * prefilter, Hyperscan's required strings), so every engine sees the same
 * swapped newline; the reader and searcher stay line-based and know
 * nothing of it.  It is a scan of PCRE2's syntax that knows only what
 * can name a newline: escapes, classes, `\Q...\E` and `.`.
 */
#include "match/nul_records.h"

#include <string.h>

/* A hex digit's value, or -1. */
static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * The code point named by the escape at t[i] (a backslash) when it is
 * written as a number: \xhh, \x{hhh}, \0oo or \o{ooo}; *end is then the
 * index after it.  -1 for any other escape.
 */
static long
numeric_escape(const char *t, size_t len, size_t i, size_t *end)
{
	size_t j = i + 1;
	long v = 0;
	int digits = 0;

	if (j >= len)
		return -1;
	if (t[j] == 'x' && j + 1 < len && t[j + 1] == '{') {
		for (j += 2; j < len && hex_value(t[j]) >= 0 && digits < 8;
		    j++, digits++)
			v = v * 16 + hex_value(t[j]);
		if (j >= len || t[j] != '}' || digits == 0)
			return -1;
		*end = j + 1;
		return v;
	}
	if (t[j] == 'x') {
		for (j++; j < len && hex_value(t[j]) >= 0 && digits < 2;
		    j++, digits++)
			v = v * 16 + hex_value(t[j]);
		if (digits == 0)
			return -1;
		*end = j;
		return v;
	}
	if (t[j] == 'o' && j + 1 < len && t[j + 1] == '{') {
		for (j += 2; j < len && t[j] >= '0' && t[j] <= '7' &&
		    digits < 11; j++, digits++)
			v = v * 8 + (t[j] - '0');
		if (j >= len || t[j] != '}' || digits == 0)
			return -1;
		*end = j + 1;
		return v;
	}
	if (t[j] == '0') {
		for (j++; j < len && t[j] >= '0' && t[j] <= '7' && digits < 2;
		    j++, digits++)
			v = v * 8 + (t[j] - '0');
		*end = j;
		return v;
	}
	return -1;
}

/*
 * The escape at t[i] (a backslash, with a character after it), rewritten
 * into out; returns the index after it.  *quoted is set by \Q.
 */
static size_t
rewrite_escape(const char *t, size_t len, size_t i, bool in_class,
    bool *quoted, struct outbuf *out)
{
	char n = t[i + 1];
	size_t end;
	long v = numeric_escape(t, len, i, &end);

	if (v == '\n' || v == 0) {
		/* The buffer holds a record's newline as NUL, and no NUL. */
		outbuf_puts(out, v == 0 ? "\\n" : "\\x00");
		return end;
	}
	if (v > 0) {
		outbuf_append(out, t + i, end - i);
		return end;
	}
	switch (n) {
	case 'n':
		outbuf_puts(out, "\\x00");
		return i + 2;
	case 's':
	case 'v':
		outbuf_puts(out, in_class ? "" : "[");
		outbuf_append(out, t + i, 2);
		outbuf_puts(out, in_class ? "\\x00" : "\\x00]");
		return i + 2;
	case 'S':
	case 'V':
		if (in_class)
			break; /* [\S] is left as it is: see the header */
		outbuf_puts(out, n == 'S' ? "[^\\s\\x00]" : "[^\\v\\x00]");
		return i + 2;
	case 'N':
		/* \N{U+hh} names a character; \N alone is "not a newline". */
		if (in_class || (i + 2 < len && t[i + 2] == '{'))
			break;
		outbuf_puts(out, "[^\\n\\x00]");
		return i + 2;
	case 'R':
		if (in_class)
			break;
		outbuf_puts(out, "(?:\\R|\\x00)");
		return i + 2;
	case 'Q':
		*quoted = true;
		break;
	default:
		break;
	}
	outbuf_append(out, t + i, 2);
	return i + 2;
}

/*
 * Does the pattern turn dotall on inline, as `(?s)` or `(?is:` do?
 * (grep -Pzo '(?s)begin.*?end' is how grep users match across lines.)
 * Where it does, it is taken to be on for the whole pattern.
 */
static bool
sets_dotall(const char *t, size_t len)
{
	for (size_t i = 0; i + 2 < len; i++) {
		if (t[i] == '\\') {
			i++;
			continue;
		}
		if (t[i] != '(' || t[i + 1] != '?')
			continue;
		for (size_t j = i + 2; j < len; j++) {
			if (t[j] == 's')
				return true;
			if (t[j] == '-' || t[j] == ')' || t[j] == ':' ||
			    !((t[j] >= 'a' && t[j] <= 'z') ||
			    (t[j] >= 'A' && t[j] <= 'Z') || t[j] == '^'))
				break;
		}
	}
	return false;
}

void
nul_records_rewrite(const char *t, size_t len, bool dotall,
    struct outbuf *out)
{
	static const char space[] = "[:space:]";
	bool in_class = false, quoted = false;
	size_t class_start = 0; /* where a ']' is still a member */
	size_t i = 0;

	dotall = dotall || sets_dotall(t, len);
	while (i < len) {
		char c = t[i];

		if (quoted) {
			if (c == '\\' && i + 1 < len && t[i + 1] == 'E') {
				quoted = false;
				outbuf_puts(out, "\\E");
				i += 2;
			} else
				outbuf_putc(out, t[i++]);
			continue;
		}
		if (c == '\\' && i + 1 < len) {
			i = rewrite_escape(t, len, i, in_class, &quoted, out);
			continue;
		}
		if (in_class) {
			if (c == '[' && i + 1 < len && t[i + 1] == ':') {
				const char *close = memmem(t + i + 2, len - i - 2,
				    ":]", 2);

				if (close != NULL) {
					size_t e = (size_t)(close - t) + 2;

					outbuf_append(out, t + i, e - i);
					if (e - i == sizeof(space) - 1 &&
					    memcmp(t + i, space, e - i) == 0)
						outbuf_puts(out, "\\x00");
					i = e;
					continue;
				}
			}
			if (c == ']' && i != class_start)
				in_class = false;
			outbuf_putc(out, t[i++]);
			continue;
		}
		if (c == '[') {
			in_class = true;
			outbuf_putc(out, t[i++]);
			if (i < len && t[i] == '^')
				outbuf_putc(out, t[i++]);
			class_start = i;
			continue;
		}
		if (c == '.' && !dotall) {
			outbuf_puts(out, "[^\\n\\x00]");
			i++;
			continue;
		}
		outbuf_putc(out, t[i++]);
	}
}

bool
nul_records_dotall(const struct match_config *mc)
{
	return mc->multiline_dotall || mc->syntax != SYNTAX_PCRE2;
}
