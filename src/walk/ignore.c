/*
 * ignore.c - gitignore rules, and the stack of directories a walk is in.
 *
 * A file's lines become rules in three bins, so that judging a path costs
 * a hash lookup or two and a short scan instead of a glob per rule:
 *
 *   names  rules that are a plain base name ("build", or "core" after a
 *          leading "**" and '/'): a hash from the name to the last such
 *          rule;
 *   exts   "*.ext" rules (one dot, no other wildcard): a hash from the
 *          extension to the last such rule;
 *   scan   everything else, as globs, in file order.
 *
 * The last matching rule wins, so the hashes give the latest candidate
 * and the scan runs backwards only over rules that come after it.
 *
 * The stack holds one node per directory that the walk entered, pointing
 * to its parent; nodes are immutable once pushed, so they may be shared
 * by the walk and anything it hands paths to.  A path is judged by the
 * deepest node with a verdict, relative to that node's directory.
 *
 * The boundary: this file judges one path at a time and never looks at
 * the file system except to read an ignore file.  git's rule that a file
 * cannot be re-included when a parent directory is excluded is the
 * walker's part: it asks about every directory before entering it and
 * does not descend into one judged IGNORE_EXCLUDE, so ignore_dir_match
 * never needs to look at the path's parents.
 */
#include "walk/ignore.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/xmalloc.h"
#include "walk/glob.h"

/* The latest rule of a bin entry: rank is its line's order plus one. */
struct ignore_hit {
	size_t rank; /* 0: none */
	bool negated;
};

/* A name or extension: the latest rule for files and for directories. */
struct ignore_slot {
	const char *key; /* NULL: the slot is free */
	size_t len;
	struct ignore_hit any;      /* rules that match files and dirs */
	struct ignore_hit dir_only; /* rules with a trailing '/' */
};

/* Open addressing; sized at parse time, never grown. */
struct ignore_table {
	struct ignore_slot *slots;
	size_t mask;
	size_t used;
};

struct ignore_scan {
	size_t rank;
	bool negated;
	bool dir_only;
	bool base;  /* matched against the base name, not the path */
	struct glob *glob;
};

struct ignore_file {
	unsigned glob_flags;
	struct ignore_table names;
	struct ignore_table exts;
	struct ignore_scan *scan;
	size_t nscan;
	char *pool; /* the keys of the tables */
	size_t pool_used;
};

struct ignore_dir {
	const struct ignore_dir *parent;
	struct ignore_file **files;
	size_t nfiles;
	bool empty; /* no files here or in any ancestor */
	size_t dir_len;
	char dir[];
};

static unsigned char
ignore_fold(unsigned char c, bool casefold)
{
	return casefold && c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* FNV-1a, over ASCII-folded bytes when the rules ignore case. */
static size_t
ignore_hash(const char *s, size_t len, bool casefold)
{
	uint64_t h = UINT64_C(14695981039346656037);

	for (size_t i = 0; i < len; i++) {
		h ^= ignore_fold((unsigned char)s[i], casefold);
		h *= UINT64_C(1099511628211);
	}
	return (size_t)(h ^ h >> 29);
}

static bool
ignore_same(const char *a, const char *b, size_t len, bool casefold)
{
	if (!casefold)
		return memcmp(a, b, len) == 0;
	for (size_t i = 0; i < len; i++)
		if (ignore_fold((unsigned char)a[i], true) !=
		    ignore_fold((unsigned char)b[i], true))
			return false;
	return true;
}

/* The slot for key: its own, or the free one where it would go. */
static struct ignore_slot *
ignore_table_find(const struct ignore_table *t, const char *key, size_t len,
    bool casefold)
{
	size_t i = ignore_hash(key, len, casefold) & t->mask;

	for (;; i = (i + 1) & t->mask) {
		struct ignore_slot *s = &t->slots[i];

		if (s->key == NULL || (s->len == len &&
		    ignore_same(s->key, key, len, casefold)))
			return s;
	}
}

/* Room for n keys at a load of at most one half. */
static void
ignore_table_init(struct ignore_table *t, size_t n)
{
	size_t cap = 4;

	while (cap < 2 * n)
		cap *= 2;
	t->slots = xcalloc(cap, sizeof(*t->slots));
	t->mask = cap - 1;
	t->used = 0;
}

static void
ignore_table_add(struct ignore_table *t, const char *key, size_t len,
    bool casefold, size_t rank, bool negated, bool dir_only)
{
	struct ignore_slot *s = ignore_table_find(t, key, len, casefold);

	if (s->key == NULL) {
		s->key = key;
		s->len = len;
		t->used++;
	}
	/* Lines arrive in order, so the new rule is the latest. */
	if (dir_only)
		s->dir_only = (struct ignore_hit){ rank, negated };
	else
		s->any = (struct ignore_hit){ rank, negated };
}

/* The later of *best and what the table holds for key. */
static void
ignore_table_best(const struct ignore_table *t, const char *key,
    size_t len, bool casefold, bool is_dir, struct ignore_hit *best)
{
	const struct ignore_slot *s;

	if (t->used == 0)
		return;
	s = ignore_table_find(t, key, len, casefold);
	if (s->key == NULL)
		return;
	if (s->any.rank > best->rank)
		*best = s->any;
	if (is_dir && s->dir_only.rank > best->rank)
		*best = s->dir_only;
}

/*
 * git's trimming: drop trailing spaces unless escaped ("a\ " keeps its
 * space).  Tabs are kept, as git keeps them.
 */
static size_t
ignore_trim(const char *s, size_t len)
{
	size_t keep = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\\' && i + 1 < len)
			keep = ++i + 1;
		else if (s[i] != ' ')
			keep = i + 1;
	}
	return keep;
}

/*
 * Unescape s[0, len) into out when it has no wildcard, returning its
 * length; (size_t)-1 when it is a glob.
 */
static size_t
ignore_literal(const char *s, size_t len, char *out)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '*' || s[i] == '?' || s[i] == '[')
			return (size_t)-1;
		if (s[i] == '\\' && ++i == len)
			return (size_t)-1; /* a lone '\': let glob refuse it */
		out[n++] = s[i];
	}
	return n;
}

/* Add one rule; lines that are blank, comments or bad globs add nothing. */
static void
ignore_add_line(struct ignore_file *f, const char *line, size_t len,
    size_t rank)
{
	bool casefold = (f->glob_flags & GLOB_CASEFOLD) != 0;
	bool negated = false, dir_only = false, anchored;
	char *key = f->pool + f->pool_used;
	size_t klen;
	struct ignore_scan *r;
	const char *why;

	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (len == 0 || line[0] == '#')
		return;
	len = ignore_trim(line, len);
	if (len > 0 && line[0] == '!') {
		negated = true;
		line++, len--;
	}
	if (len > 0 && line[len - 1] == '/') {
		dir_only = true;
		len--;
	}
	/* A '/' before the end anchors the rule to the file's directory. */
	anchored = memchr(line, '/', len) != NULL;
	if (len > 0 && line[0] == '/')
		line++, len--;
	/* "**" "/name" matches name at any depth: the same as plain name. */
	if (len > 3 && memcmp(line, "**/", 3) == 0 &&
	    memchr(line + 3, '/', len - 3) == NULL) {
		line += 3, len -= 3;
		anchored = false;
	}
	if (len == 0)
		return;

	if (!anchored) {
		klen = ignore_literal(line, len, key);
		if (klen != (size_t)-1) {
			f->pool_used += klen;
			ignore_table_add(&f->names, key, klen, casefold, rank,
			    negated, dir_only);
			return;
		}
		klen = ignore_literal(line + 1, len - 1, key);
		if (line[0] == '*' && klen != (size_t)-1 && klen >= 2 &&
		    key[0] == '.' && memchr(key + 1, '.', klen - 1) == NULL) {
			f->pool_used += klen;
			ignore_table_add(&f->exts, key, klen, casefold, rank,
			    negated, dir_only);
			return;
		}
	}
	r = &f->scan[f->nscan];
	/* Bytes, not UTF-8 characters: '?' and '[...]' mean what git reads. */
	r->glob = glob_compile(line, len, f->glob_flags | GLOB_BYTES, &why);
	if (r->glob == NULL)
		return; /* an invalid pattern is skipped, as git does */
	r->rank = rank;
	r->negated = negated;
	r->dir_only = dir_only;
	r->base = !anchored;
	f->nscan++;
}

struct ignore_file *
ignore_file_parse(const char *text, size_t len, unsigned glob_flags)
{
	struct ignore_file *f = xcalloc(1, sizeof(*f));
	size_t lines = 1, rank = 0;
	const char *end = text + len, *line = text;

	f->glob_flags = glob_flags;
	for (const char *p = text; p < end &&
	    (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
		lines++;
	f->scan = xreallocarray(NULL, lines, sizeof(*f->scan));
	f->pool = xmalloc(len + 1); /* keys are never longer than their line */
	ignore_table_init(&f->names, lines);
	ignore_table_init(&f->exts, lines);
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		line += 3; /* a UTF-8 byte order mark, skipped as git does */
	while (line < end) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		const char *stop = nl != NULL ? nl : end;

		ignore_add_line(f, line, (size_t)(stop - line), ++rank);
		line = stop + 1;
	}
	return f;
}

struct ignore_file *
ignore_file_load(const char *path, unsigned glob_flags, int *err)
{
	struct ignore_file *f = NULL;
	char *text = NULL;
	size_t len = 0, cap = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	*err = 0;
	if (fd < 0) {
		/* A missing file, or a path through a non-directory. */
		if (errno != ENOENT && errno != ENOTDIR)
			*err = errno;
		return NULL;
	}
	for (;;) {
		ssize_t got;

		if (len == cap) {
			size_t want = cap == 0 ? 4096 : cap * 2;
			text = xrealloc(text, want);
			cap = want;
		}
		got = read(fd, text + len, cap - len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			*err = errno;
			goto done;
		}
		if (got == 0)
			break;
		len += (size_t)got;
	}
	f = ignore_file_parse(text, len, glob_flags);
done:
	close(fd);
	free(text);
	return f;
}

enum ignore_verdict
ignore_file_match(const struct ignore_file *f, const char *relpath,
    size_t len, bool is_dir)
{
	bool casefold = (f->glob_flags & GLOB_CASEFOLD) != 0;
	const char *slash = memrchr(relpath, '/', len);
	const char *base = slash != NULL ? slash + 1 : relpath;
	size_t base_len = len - (size_t)(base - relpath);
	struct ignore_hit best = { 0, false };
	const char *dot;

	ignore_table_best(&f->names, base, base_len, casefold, is_dir, &best);
	if (f->exts.used > 0 &&
	    (dot = memrchr(base, '.', base_len)) != NULL)
		ignore_table_best(&f->exts, dot,
		    base_len - (size_t)(dot - base), casefold, is_dir, &best);
	for (size_t i = f->nscan; i-- > 0;) {
		const struct ignore_scan *r = &f->scan[i];

		if (r->rank < best.rank)
			break;
		if (r->dir_only && !is_dir)
			continue;
		if (r->base ? glob_match(r->glob, base, base_len) :
		    glob_match(r->glob, relpath, len))
			return r->negated ? IGNORE_INCLUDE : IGNORE_EXCLUDE;
	}
	if (best.rank == 0)
		return IGNORE_UNDECIDED;
	return best.negated ? IGNORE_INCLUDE : IGNORE_EXCLUDE;
}

void
ignore_file_free(struct ignore_file *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->nscan; i++)
		glob_free(f->scan[i].glob);
	free(f->scan);
	free(f->names.slots);
	free(f->exts.slots);
	free(f->pool);
	free(f);
}

/*
 * On failure the files stay the caller's: only a node that exists owns
 * them.
 */
struct ignore_dir *
ignore_dir_push(const struct ignore_dir *parent, const char *dir,
    size_t dir_len, struct ignore_file **files, size_t nfiles)
{
	struct ignore_dir *d = xmalloc(sizeof(*d) + dir_len + 1);
	size_t kept = 0;

	for (size_t i = 0; i < nfiles; i++)
		kept += files[i] != NULL;
	d->files = NULL;
	if (kept > 0) {
		d->files = xreallocarray(NULL, kept, sizeof(*d->files));
	}
	d->nfiles = 0;
	for (size_t i = 0; i < nfiles; i++)
		if (files[i] != NULL)
			d->files[d->nfiles++] = files[i];
	d->parent = parent;
	d->empty = kept == 0 && (parent == NULL || parent->empty);
	d->dir_len = dir_len;
	memcpy(d->dir, dir, dir_len);
	d->dir[dir_len] = '\0';
	return d;
}

bool
ignore_dir_empty(const struct ignore_dir *d)
{
	return d == NULL || d->empty;
}

/*
 * path below d's directory, or NULL when it is not below it.  The root
 * "/" already ends in its separator.
 */
static const char *
ignore_dir_relative(const struct ignore_dir *d, const char *path,
    size_t len, size_t *rel_len)
{
	size_t skip = d->dir_len;

	if (d->dir_len == 0) {
		*rel_len = len;
		return path;
	}
	if (d->dir[d->dir_len - 1] != '/')
		skip++;
	if (len <= skip || memcmp(path, d->dir, d->dir_len) != 0 ||
	    path[skip - 1] != '/')
		return NULL;
	*rel_len = len - skip;
	return path + skip;
}

/*
 * Only path itself is judged: a walker that prunes excluded directories
 * gives git's "no re-inclusion below an excluded directory" for free.
 */
enum ignore_verdict
ignore_dir_match(const struct ignore_dir *d, const char *path, size_t len,
    bool is_dir)
{
	for (; d != NULL && !d->empty; d = d->parent) {
		const char *rel;
		size_t rel_len;

		if (d->nfiles == 0)
			continue;
		rel = ignore_dir_relative(d, path, len, &rel_len);
		if (rel == NULL)
			continue;
		for (size_t i = d->nfiles; i-- > 0;) {
			enum ignore_verdict v = ignore_file_match(d->files[i],
			    rel, rel_len, is_dir);

			if (v != IGNORE_UNDECIDED)
				return v;
		}
	}
	return IGNORE_UNDECIDED;
}

void
ignore_dir_free(struct ignore_dir *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->nfiles; i++)
		ignore_file_free(d->files[i]);
	free(d->files);
	free(d);
}
