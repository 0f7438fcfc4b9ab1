/*
 * replace.c - --replace: parsing a template once, expanding it per match.
 *
 * A print-layer module of its own because every sink that shows
 * replacements needs the same reading of '$'; only the groups of a match
 * come from the matcher (matcher_captures), and only when the template
 * refers to one.
 */
#include "print/replace.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"

enum piece_kind {
	PIECE_TEXT,   /* text[start, start + len) as is */
	PIECE_NUMBER, /* group number */
	PIECE_NAME,   /* the group named text[start, start + len) */
};

struct piece {
	enum piece_kind kind;
	size_t start, len;
	size_t number;
};

struct replace_template {
	char *text;        /* the template; names are nul-terminated copies */
	struct piece *pieces;
	size_t npieces;
	size_t max_number; /* the highest group number referred to */
	bool has_groups;   /* any reference at all */
};

static void
add_piece(struct replace_template *t, struct piece p)
{
	t->pieces = xreallocarray(t->pieces, t->npieces + 1, sizeof(p));
	t->pieces[t->npieces++] = p;
}

static bool
is_name_byte(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || c == '_';
}

/* "$N" or "${N}" when all digits fit a group number; else a name. */
static struct piece
reference(const char *name, size_t start, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9' || n > UINT32_MAX / 10)
			return (struct piece){PIECE_NAME, start, len, 0};
		n = n * 10 + (size_t)(name[i] - '0');
	}
	if (n > UINT32_MAX)
		return (struct piece){PIECE_NAME, start, len, 0};
	return (struct piece){PIECE_NUMBER, 0, 0, n};
}

/*
 * The reference at text[i] ('$'): its piece and the index after it, or
 * false when none starts there.
 */
static bool
parse_reference(const char *text, size_t i, struct piece *p, size_t *next)
{
	bool brace = text[i + 1] == '{';
	size_t start = i + 1 + brace, end = start;

	while (is_name_byte(text[end]))
		end++;
	if (end == start || (brace && text[end] != '}'))
		return false;
	*p = reference(text + start, start, end - start);
	*next = end + brace;
	return true;
}

struct replace_template *
replace_parse(const char *text)
{
	struct replace_template *t = xcalloc(1, sizeof(*t));
	size_t len = strlen(text), i = 0, lit = 0;

	/* Room to nul-terminate each name in place: one copy per name. */
	t->text = xmalloc(len * 2 + 2);
	memcpy(t->text, text, len + 1);
	size_t names = len + 1;

	while (i < len) {
		struct piece p;
		size_t next;

		if (text[i] != '$') {
			i++;
			continue;
		}
		if (i > lit)
			add_piece(t, (struct piece){PIECE_TEXT, lit, i - lit, 0});
		if (text[i + 1] == '$') {
			add_piece(t, (struct piece){PIECE_TEXT, i, 1, 0});
			i = lit = i + 2;
			continue;
		}
		if (!parse_reference(text, i, &p, &next)) {
			lit = i;
			i++;
			continue;
		}
		if (p.kind == PIECE_NAME) {
			memcpy(t->text + names, text + p.start, p.len);
			t->text[names + p.len] = '\0';
			p.start = names;
			names += p.len + 1;
		} else if (p.number > t->max_number) {
			t->max_number = p.number;
		}
		t->has_groups = true;
		add_piece(t, p);
		i = lit = next;
	}
	if (len > lit)
		add_piece(t, (struct piece){PIECE_TEXT, lit, len - lit, 0});
	return t;
}

void
replace_free(struct replace_template *t)
{
	if (t == NULL)
		return;
	free(t->text);
	free(t->pieces);
	free(t);
}

void
replace_scratch_free(struct replace_scratch *rs)
{
	free(rs->groups);
	rs->groups = NULL;
	rs->cap = 0;
}

enum {
	GROUPS_MAX = 65536, /* a reference past any real pattern's groups */
};

int
replace_expand(const struct replace_template *t, const struct matcher *m,
    struct matcher_scratch *ms, struct replace_scratch *rs, const char *line,
    size_t len, struct span match, struct outbuf *out)
{
	size_t ngroups = 0;
	int rc = 0;

	if (t->has_groups) {
		/* Names can only be numbered within the program's groups. */
		ngroups = (t->max_number < GROUPS_MAX ? t->max_number :
		    GROUPS_MAX) + 1;
		for (size_t i = 0; i < t->npieces; i++)
			if (t->pieces[i].kind == PIECE_NAME) {
				int n = matcher_group_number(m,
				    t->text + t->pieces[i].start);

				if (n >= 0 && (size_t)n + 1 > ngroups)
					ngroups = (size_t)n + 1;
			}
		if (ngroups > rs->cap) {
			rs->groups = xreallocarray(rs->groups, ngroups,
			    sizeof(*rs->groups));
			rs->cap = ngroups;
		}
		rc = matcher_captures(m, ms, line, len, match, rs->groups,
		    ngroups);
		if (rc < 0)
			for (size_t i = 0; i < ngroups; i++)
				rs->groups[i].start = SIZE_MAX;
	}
	for (size_t i = 0; i < t->npieces; i++) {
		const struct piece *p = &t->pieces[i];
		size_t g;

		if (p->kind == PIECE_TEXT) {
			outbuf_append(out, t->text + p->start, p->len);
			continue;
		}
		if (p->kind == PIECE_NUMBER) {
			g = p->number;
		} else {
			int n = matcher_group_number(m, t->text + p->start);

			if (n < 0)
				continue;
			g = (size_t)n;
		}
		if (g < ngroups && rs->groups[g].start != SIZE_MAX)
			outbuf_append(out, line + rs->groups[g].start,
			    rs->groups[g].end - rs->groups[g].start);
	}
	return rc < 0 ? rc : 0;
}
