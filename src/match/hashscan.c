/*
 * hashscan.c - many strings by hashing their first bytes.
 *
 * Every string is keyed by its first w bytes, w its length but at most 4;
 * the strings of each width have a table.  The keys go into an
 * open-addressing table whose slots list the strings with that key, and
 * into a bit filter that rejects most text positions with one load.
 * Scanning looks at each position of the text through every table; where
 * the filter and the table agree, each string of the slot is compared
 * whole.  (One table keyed by the shortest width would put thousands of
 * strings behind each key of one or two bytes.)  Building is one pass over the strings,
 * so a list of 100,000 is ready in milliseconds (see hashscan.h for why
 * Hyperscan is not used there).
 */
#include "match/hashscan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"

enum {
	FILTER_BITS = 22, /* 4 Mbit, 512 KiB per table */
	WIDTHS = 4,
};

/* One distinct key and the strings that start with it. */
struct slot {
	uint32_t key;
	uint32_t first; /* index into order[], or UINT32_MAX: empty slot */
	uint32_t count;
};

/* The strings keyed by their first w bytes. */
struct table {
	size_t w;
	uint64_t *filter;
	struct slot *slots;
	size_t mask;     /* slots - 1 */
	uint32_t *order; /* string ids, grouped by key */
};

struct hashscan {
	bool caseless;
	unsigned char fold[256];
	struct table tables[WIDTHS]; /* width w at [w - 1]; unused: no order */
	char **strs;     /* folded copies */
	size_t *lens;
	size_t n;
};

static uint32_t
key_of(const struct hashscan *h, size_t w, const unsigned char *p)
{
	uint32_t k = 0;

	for (size_t i = 0; i < w; i++)
		k = k << 8 | h->fold[p[i]];
	return k;
}

static uint32_t
hash32(uint32_t k)
{
	k *= 0x9e3779b1u;
	return k ^ (k >> 15);
}

static struct slot *
find_slot(const struct table *t, uint32_t key)
{
	size_t i = hash32(key) & t->mask;

	while (t->slots[i].first != UINT32_MAX && t->slots[i].key != key)
		i = (i + 1) & t->mask;
	return &t->slots[i];
}

static size_t
width_of(size_t len)
{
	return len < WIDTHS ? len : WIDTHS;
}

/* Build the table of the ids[0, n) strings (counting sort by key). */
static void
table_build(const struct hashscan *h, struct table *t, const uint32_t *ids,
    size_t n)
{
	size_t nslots = 16;
	uint32_t *next_free;
	uint32_t at = 0;

	while (nslots < n * 2)
		nslots *= 2;
	t->mask = nslots - 1;
	t->slots = xreallocarray(NULL, nslots, sizeof(*t->slots));
	for (size_t i = 0; i < nslots; i++)
		t->slots[i].first = UINT32_MAX;
	t->filter = xcalloc((size_t)1 << (FILTER_BITS - 6), sizeof(uint64_t));
	for (size_t i = 0; i < n; i++) {
		uint32_t key = key_of(h, t->w,
		    (const unsigned char *)h->strs[ids[i]]);
		struct slot *s = find_slot(t, key);
		uint32_t hv = hash32(key) >> (32 - FILTER_BITS);

		if (s->first == UINT32_MAX) {
			s->key = key;
			s->first = 0;
			s->count = 0;
		}
		s->count++;
		t->filter[hv >> 6] |= (uint64_t)1 << (hv & 63);
	}
	for (size_t i = 0; i < nslots; i++) {
		if (t->slots[i].first == UINT32_MAX)
			continue;
		t->slots[i].first = at;
		at += t->slots[i].count;
	}
	t->order = xreallocarray(NULL, n, sizeof(*t->order));
	next_free = xcalloc(nslots, sizeof(*next_free));
	for (size_t i = 0; i < n; i++) {
		struct slot *s = find_slot(t, key_of(h, t->w,
		    (const unsigned char *)h->strs[ids[i]]));

		t->order[s->first + next_free[s - t->slots]++] = ids[i];
	}
	free(next_free);
}

struct hashscan *
hashscan_new(const char *const *strs, const size_t *lens, size_t n,
    bool caseless)
{
	struct hashscan *h = xcalloc(1, sizeof(*h));
	uint32_t *ids = xreallocarray(NULL, n, sizeof(*ids));

	h->caseless = caseless;
	h->n = n;
	for (int c = 0; c < 256; c++)
		h->fold[c] = (unsigned char)(caseless && c >= 'A' && c <= 'Z' ?
		    c + 32 : c);
	h->strs = xreallocarray(NULL, n, sizeof(*h->strs));
	h->lens = xreallocarray(NULL, n, sizeof(*h->lens));
	for (size_t i = 0; i < n; i++) {
		h->strs[i] = xmalloc(lens[i]);
		for (size_t j = 0; j < lens[i]; j++)
			h->strs[i][j] = (char)h->fold[(unsigned char)strs[i][j]];
		h->lens[i] = lens[i];
	}
	for (size_t w = 1; w <= WIDTHS; w++) {
		size_t count = 0;

		for (size_t i = 0; i < n; i++)
			if (width_of(lens[i]) == w)
				ids[count++] = (uint32_t)i;
		h->tables[w - 1].w = w;
		if (count > 0)
			table_build(h, &h->tables[w - 1], ids, count);
	}
	free(ids);
	return h;
}

void
hashscan_free(struct hashscan *h)
{
	if (h == NULL)
		return;
	for (size_t i = 0; i < h->n; i++)
		free(h->strs[i]);
	for (size_t w = 0; w < WIDTHS; w++) {
		free(h->tables[w].filter);
		free(h->tables[w].slots);
		free(h->tables[w].order);
	}
	free(h->strs);
	free(h->lens);
	free(h);
}

static bool
equal_at(const struct hashscan *h, const unsigned char *p, const char *s,
    size_t len)
{
	if (!h->caseless)
		return memcmp(p, s, len) == 0;
	for (size_t i = 0; i < len; i++)
		if (h->fold[p[i]] != (unsigned char)s[i])
			return false;
	return true;
}

/* The strings of table t that start at p[0] (left bytes left): 1 stop. */
static int
try_table(const struct hashscan *h, const struct table *t,
    const unsigned char *p, size_t left, size_t at, hashscan_fn fn,
    void *ctx)
{
	uint32_t key = key_of(h, t->w, p);
	uint32_t hv = hash32(key) >> (32 - FILTER_BITS);
	const struct slot *s;

	if (!(t->filter[hv >> 6] >> (hv & 63) & 1))
		return 0;
	s = find_slot(t, key);
	if (s->first == UINT32_MAX)
		return 0;
	for (uint32_t j = 0; j < s->count; j++) {
		uint32_t id = t->order[s->first + j];

		if (h->lens[id] <= left &&
		    equal_at(h, p, h->strs[id], h->lens[id]) &&
		    fn(id, at + h->lens[id], ctx) != 0)
			return 1;
	}
	return 0;
}

void
hashscan_scan(const struct hashscan *h, const char *buf, size_t len,
    hashscan_fn fn, void *ctx)
{
	const unsigned char *p = (const unsigned char *)buf;
	const struct table *used[WIDTHS];
	size_t nused = 0;

	for (size_t w = 0; w < WIDTHS; w++)
		if (h->tables[w].order != NULL)
			used[nused++] = &h->tables[w];
	for (size_t i = 0; i < len; i++)
		for (size_t k = 0; k < nused; k++)
			if (used[k]->w <= len - i && try_table(h, used[k],
			    p + i, len - i, i, fn, ctx) != 0)
				return;
}
