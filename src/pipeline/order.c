/*
 * order.c - sorting a walk by what only its end can tell.
 *
 * Sorted by path, results can stream: the walk reads each directory in
 * order, so the walk order is the output order and the collector only
 * reorders what the workers finish out of turn.  Sorted by a time or a
 * size (or by path in reverse), the first file to print may be the last
 * the walk meets, so the whole walk is held first -- names and keys
 * only, never contents: memory grows with the number of files, as the
 * walk's own listing would.  Then the entries are sorted and replayed,
 * in order, to the same dispatch as an unsorted walk: the workers still
 * search in parallel and the collector (collector.c) writes the results
 * in that order within its budget.  Ties keep walk order (the sort is
 * stable and the walk reads directories sorted), so a run's order never
 * depends on timing.  An entry whose stat fails sorts first, as in
 * ripgrep (its search then reports the error).  The keys are read once
 * the walk is over, by as many threads as the search will use: a stat
 * per file is most of a held walk's cost, and the workers are idle
 * until the first entry is replayed.
 */
#include "pipeline/order.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/xmalloc.h"
#include "runtime/isolate.h"

enum {
	KEYS_MIN = 4096, /* entries worth a thread of their own */
};

struct held {
	size_t path_off;   /* in names */
	size_t path_len;
	long long key_hi;  /* seconds, or the size */
	long key_lo;       /* nanoseconds */
	bool has_key;
	bool named;
	unsigned char type;
	size_t walk_index; /* ties keep walk order */
};

struct order {
	enum sort_mode mode;
	bool reverse;
	unsigned threads;  /* that read the keys */
	struct held *v;
	size_t len, cap;
	char *names;
	size_t names_len, names_cap;
};

bool
order_needs_walk(const struct walk_config *wc)
{
	return wc->sort != SORT_NONE &&
	    (wc->sort != SORT_PATH || wc->sort_reverse);
}

struct order *
order_new(const struct walk_config *wc, unsigned threads)
{
	struct order *o = xcalloc(1, sizeof(*o));

	o->mode = wc->sort;
	o->reverse = wc->sort_reverse;
	o->threads = threads > 0 ? threads : 1;
	return o;
}

/* The birth time, where the file system keeps one. */
static bool
birth_time(const char *path, bool follow, struct held *h)
{
#ifdef STATX_BTIME
	struct statx stx;

	if (statx(AT_FDCWD, path, follow ? 0 : AT_SYMLINK_NOFOLLOW,
	    STATX_BTIME, &stx) != 0 || !(stx.stx_mask & STATX_BTIME))
		return false;
	h->key_hi = stx.stx_btime.tv_sec;
	h->key_lo = (long)stx.stx_btime.tv_nsec;
	return true;
#else
	(void)path;
	(void)follow;
	(void)h;
	return false;
#endif
}

/* The entry's sort key; false when its metadata cannot be read. */
static bool
sort_key(const struct order *o, struct candidate *c, struct held *h)
{
	const struct stat *st;

	/* ripgrep sorts by the metadata of what it searches: the target. */
	if (o->mode == SORT_CREATED)
		return birth_time(c->path, true, h);
	c->follow = true;
	st = candidate_stat(c);
	if (st == NULL)
		return false;
	switch (o->mode) {
	case SORT_MODIFIED:
		h->key_hi = st->st_mtim.tv_sec;
		h->key_lo = st->st_mtim.tv_nsec;
		break;
	case SORT_ACCESSED:
		h->key_hi = st->st_atim.tv_sec;
		h->key_lo = st->st_atim.tv_nsec;
		break;
	default:
		h->key_hi = (long long)st->st_size;
		break;
	}
	return true;
}

void
order_add(void *ctx, const struct candidate *c, bool named)
{
	struct order *o = ctx;
	struct held *h;

	if (o->len == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 1024;
		o->v = xreallocarray(o->v, o->cap, sizeof(*o->v));
	}
	h = &o->v[o->len];
	memset(h, 0, sizeof(*h));
	h->walk_index = o->len++;
	h->named = named;
	h->type = c->type;
	if (o->names_cap - o->names_len < c->path_len + 1) {
		while (o->names_cap - o->names_len < c->path_len + 1)
			o->names_cap = o->names_cap ? o->names_cap * 2 : 64 * 1024;
		o->names = xrealloc(o->names, o->names_cap);
	}
	h->path_off = o->names_len;
	h->path_len = c->path_len;
	memcpy(o->names + o->names_len, c->path, c->path_len);
	o->names[o->names_len + c->path_len] = '\0';
	o->names_len += c->path_len + 1;
}

/* Read the keys of the held entries from, ..., to - 1. */
static void
read_keys(struct order *o, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		struct held *h = &o->v[i];
		struct candidate c;

		memset(&c, 0, sizeof(c));
		c.path = o->names + h->path_off;
		c.path_len = h->path_len;
		c.type = h->type;
		h->has_key = sort_key(o, &c, h);
	}
}

/* A share of the held entries, whose keys one isolate reads. */
struct key_share {
	struct order *o;
	size_t from, to;
};

static void
key_isolate(struct isolate *self, void *arg)
{
	struct key_share *ks = arg;

	(void)self;
	read_keys(ks->o, ks->from, ks->to);
}

/*
 * Every held entry's key, read in shares by o->threads threads (this one
 * too).  Each share is its isolate's alone until the join hands it back.
 */
static void
read_all_keys(struct order *o)
{
	size_t n = o->len;
	size_t k = o->threads;
	struct key_share *shares;
	struct isolate **isolates;

	if (k > n / KEYS_MIN)
		k = n / KEYS_MIN;
	if (k <= 1) {
		read_keys(o, 0, n);
		return;
	}
	shares = xcalloc(k, sizeof(*shares));
	isolates = xcalloc(k, sizeof(*isolates));
	for (size_t i = 0; i < k; i++)
		shares[i] = (struct key_share){o, n * i / k, n * (i + 1) / k};
	for (size_t i = 1; i < k; i++)
		isolates[i] = isolate_spawn(key_isolate, &shares[i]);
	read_keys(o, shares[0].from, shares[0].to);
	for (size_t i = 1; i < k; i++) {
		if (isolates[i] != NULL)
			isolate_join(isolates[i]);
		else
			read_keys(o, shares[i].from, shares[i].to);
	}
	free(isolates);
	free(shares);
}

/* Compare by key alone: -1, 0 or 1 (no key first). */
static int
key_cmp(const struct held *a, const struct held *b)
{
	if (a->has_key != b->has_key)
		return a->has_key ? 1 : -1;
	if (a->key_hi != b->key_hi)
		return a->key_hi < b->key_hi ? -1 : 1;
	if (a->key_lo != b->key_lo)
		return a->key_lo < b->key_lo ? -1 : 1;
	return 0;
}

/* qsort is not stable: the walk index breaks ties. */
static int
held_cmp_up(const void *pa, const void *pb)
{
	const struct held *a = pa, *b = pb;
	int c = key_cmp(a, b);

	if (c != 0)
		return c;
	return a->walk_index < b->walk_index ? -1 : 1;
}

/*
 * Reversed: by key down, and ties in walk order (ripgrep's --sortr
 * reverses the comparison of keys, and its sort is stable); by path the
 * whole walk order is reversed.
 */
static int
held_cmp_down(const void *pa, const void *pb)
{
	const struct held *a = pa, *b = pb;
	int c = key_cmp(b, a);

	if (c != 0)
		return c;
	return a->walk_index < b->walk_index ? -1 : 1;
}

void
order_replay(struct order *o, walker_emit emit, void *ctx)
{
	if (o->mode == SORT_PATH) {
		/* Keys are all equal: walk order, reversed. */
		for (size_t i = 0; i < o->len / 2; i++) {
			struct held t = o->v[i];

			o->v[i] = o->v[o->len - 1 - i];
			o->v[o->len - 1 - i] = t;
		}
	} else if (o->len > 1) {
		read_all_keys(o);
		qsort(o->v, o->len, sizeof(*o->v),
		    o->reverse ? held_cmp_down : held_cmp_up);
	}
	for (size_t i = 0; i < o->len; i++) {
		const struct held *h = &o->v[i];
		struct candidate c;

		memset(&c, 0, sizeof(c));
		c.path = o->names + h->path_off;
		c.path_len = h->path_len;
		c.type = h->type;
		c.dir_empty = -1;
		emit(ctx, &c, h->named);
	}
}

void
order_free(struct order *o)
{
	if (o == NULL)
		return;
	free(o->v);
	free(o->names);
	free(o);
}
