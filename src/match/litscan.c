/*
 * litscan.c - find where any of a few strings starts, in one pass.
 *
 * literal.c decides which strings every match must contain; this file only
 * finds them, as fast as the processor allows.  Its contract is exact: the
 * first start >= from of any string, never a miss and never a false hit.
 *
 * One string.  Two of its rarer bytes are tested at their offsets, 16 (SSE2)
 * or 32 (AVX2) positions at a time, and the whole string is compared only
 * where both agree.
 *
 * Several strings.  Testing each string in turn costs a pass per string, so
 * a set is found with a fingerprint instead.  Each string contributes a
 * window of W = min(3, shortest length) consecutive bytes, its rarest by a
 * table of byte frequencies; the window of string s starts at offset off[s]
 * in it.  The strings are dealt into 8 buckets, one bit each.  For each window byte j a
 * position's byte is split into its low and high nibble, and two 16-entry
 * tables give the buckets whose strings could have that nibble there; pshufb
 * looks up 16 or 32 bytes at once.  ANDing the low and high results of the
 * W window bytes leaves, per position, the buckets whose window may start
 * there.  A nonzero byte is a candidate: each string of its buckets is
 * compared in full at the start its offset implies.  (With at most 8 strings
 * each bucket holds one and the nibble tables are exact for it; with more,
 * strings sharing a bucket blur each other's tables, never hiding a hit.)
 *
 * Windows are visited in order, but the strings' offsets differ, so the
 * first window that verifies need not give the first start: a string with a
 * larger offset may start earlier and have its window later.  Such a start
 * lies at most max(off) before that window, and those few positions are
 * compared directly before answering.
 *
 * Caseless scanning keeps the strings in lowercase and lets each ASCII
 * letter's tables (and compares) admit both cases.  Which letters may stand
 * for more than their ASCII pair under Unicode rules (k, s) is literal.c's
 * business: it does not hand such strings in.
 *
 * The vector loops stop where a full load would leave the buffer; the last
 * positions go through the same test with exact 256-entry byte tables,
 * which are also the whole scan on processors without SSSE3.
 */
#include "match/litscan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/cpu.h"
#include "base/diag.h"
#include "base/xmalloc.h"

#ifdef __SSE2__
#include <immintrin.h>
#endif

enum {
	WINDOW_MAX = 3,  /* fingerprint bytes per string (the loops' slots) */
	BUCKETS = 8,     /* one bit of a fingerprint byte each */
	OFFSET_MAX = 8,  /* how far into a string its window may start */
};

struct ls_needle {
	unsigned char *bytes; /* lowercase ASCII letters when caseless */
	size_t len;
	size_t off;           /* where its window starts (several strings) */
	/*
	 * Its first min(len, 8) bytes as a word: 8 text bytes x match them
	 * when (x | fold) & mask == head (fold: 0x20 in a caseless letter's
	 * byte, which then admits exactly its two cases).
	 */
	uint64_t head, fold, mask;
};

struct litscan {
	bool caseless;
	bool sse2, ssse3, avx2; /* vector loops this scanner may use */
	size_t count;
	struct ls_needle *needles; /* several: sorted by bucket */

	/* One string: the offsets of its two tested bytes. */
	size_t rare1, rare2;

	/* Several strings. */
	size_t window;         /* W: bytes in a window, 1..WINDOW_MAX */
	bool ascii;            /* no window byte is >= 0x80 */
	size_t min_off, max_off;
	size_t bucket_start[BUCKETS + 1]; /* needles of bucket b: [b], [b+1] */
	/* Slot j tests window byte min(j, W - 1); unused slots repeat it. */
	unsigned char lo[WINDOW_MAX][16], hi[WINDOW_MAX][16];
	unsigned char table[WINDOW_MAX][256];
};

static int simd_cap = 2;

void
litscan_limit_simd(int level)
{
	simd_cap = level;
}

static bool
is_upper(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool
is_lower(unsigned char c)
{
	return c >= 'a' && c <= 'z';
}

static unsigned char
fold(unsigned char c)
{
	return is_upper(c) ? (unsigned char)(c | 0x20) : c;
}

/*
 * How rare each byte is in source code and text: -8 log2 of its frequency,
 * measured on 64 MiB of the Linux sources and as much of Debian's
 * documentation and Python library.  Higher is rarer.
 */
static const unsigned char byte_rarity[256] = {
	 97,108,108,118,108,119,120,118,107, 81, 50,119,119,118,119,117,
	108,117,118,116,118,119,119,118,119,119,118,119,119,118,118,117,
	 15,104, 63, 60,101,109, 97, 85, 70, 70, 69, 99, 72, 64, 57, 50,
	 46, 53, 59, 62, 64, 71, 73, 72, 71, 73, 64, 83, 59, 69, 59,110,
	 69, 48, 63, 47, 52, 47, 55, 59, 64, 50, 86, 67, 51, 59, 53, 57,
	 54, 80, 49, 45, 49, 62, 66, 71, 59, 68, 76, 76, 87, 76,114, 34,
	 74, 45, 58, 48, 48, 37, 53, 60, 53, 43, 73, 75, 50, 54, 44, 45,
	 53, 91, 46, 44, 41, 56, 67, 67, 58, 65, 90, 93,102, 93,111,116,
	105,117,117,118,116,119,118,118,117,118,118,118,118,119,118,117,
	119,119,119,118,113,118,118,117,118,117,118,118,115,116,118,114,
	 87,117,118,118,119,118,118,118,118,114,118,115,118,117,117,117,
	118,118,117,118,117,117,115,117,117,117,117,117,117,116,116,116,
	118,118, 87,109,119,118,118,118,119,118,118,117,118,118,118,117,
	113,117,118,118,118,118,118,116,119,118,118,117,118,117,117,116,
	118,118,110,117,118,117,117,117,118,117,118,117,118,117,117,116,
	118,118,117,117,118,117,117,116,117,117,117,116,116,116,116,114,
};

/* The same for a letter in either case: a to z. */
static const unsigned char letter_rarity[26] = {
	 38,  52,  40,  42,  33,  46,  51,  49,  38,  70,  62,  42,  48,
	 40,  42,  46,  76,  40,  36,  36,  50,  59,  60,  50,  58,  73,
};

/* The rarity of a string byte: a caseless letter stands for both cases. */
static int
needle_rarity(const struct litscan *ls, unsigned char c)
{
	return ls->caseless && is_lower(c) ? letter_rarity[c - 'a'] :
	    byte_rarity[c];
}

static uint64_t
load64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* Do text[i] and n's byte i agree for i in [from, n->len)? */
static bool
bytes_equal(const struct litscan *ls, const unsigned char *text,
    const struct ls_needle *n, size_t from)
{
	if (!ls->caseless)
		return memcmp(text + from, n->bytes + from, n->len - from) == 0;
	for (size_t i = from; i < n->len; i++)
		if (fold(text[i]) != n->bytes[i])
			return false;
	return true;
}

/* Does needle n start at s, inside buf[0, len)? */
static inline bool
starts_at(const struct litscan *ls, const unsigned char *buf, size_t len,
    const struct ls_needle *n, size_t s)
{
	if (s > len || n->len > len - s)
		return false;
	/* Most candidates differ in the first 8 bytes: one compare. */
	if (len - s >= 8) {
		if (((load64(buf + s) | n->fold) & n->mask) != n->head)
			return false;
		return n->len <= 8 || bytes_equal(ls, buf + s, n, 8);
	}
	return bytes_equal(ls, buf + s, n, 0);
}

static void
head_init(const struct litscan *ls, struct ls_needle *n)
{
	unsigned char head[8] = {0}, fold_bits[8] = {0}, mask[8] = {0};

	for (size_t i = 0; i < n->len && i < 8; i++) {
		head[i] = n->bytes[i];
		mask[i] = 0xff;
		if (ls->caseless && is_lower(n->bytes[i]))
			fold_bits[i] = 0x20;
	}
	n->head = load64(head);
	n->fold = load64(fold_bits);
	n->mask = load64(mask);
}

/* ---- One string ---------------------------------------------------- */

static void
single_init(struct litscan *ls)
{
	const struct ls_needle *n = &ls->needles[0];

	ls->rare1 = 0;
	for (size_t i = 1; i < n->len; i++)
		if (needle_rarity(ls, n->bytes[i]) >
		    needle_rarity(ls, n->bytes[ls->rare1]))
			ls->rare1 = i;
	ls->rare2 = ls->rare1 == 0 && n->len > 1 ? 1 : 0;
	for (size_t i = 0; i < n->len; i++)
		if (i != ls->rare1 && needle_rarity(ls, n->bytes[i]) >
		    needle_rarity(ls, n->bytes[ls->rare2]))
			ls->rare2 = i;
}

#ifdef __SSE2__
/* The bits a caseless letter's byte is ORed with before comparing. */
static char
single_case_bit(const struct litscan *ls, size_t at)
{
	return ls->caseless && is_lower(ls->needles[0].bytes[at]) ? 0x20 : 0;
}

/* Candidates of a vector step: mask bits; the first that verifies. */
static size_t
single_verify(const struct litscan *ls, const unsigned char *buf,
    size_t len, size_t i, unsigned mask)
{
	const struct ls_needle *n = &ls->needles[0];

	while (mask != 0) {
		unsigned bit = (unsigned)__builtin_ctz(mask);

		if (starts_at(ls, buf, len, n, i + bit))
			return i + bit;
		mask &= mask - 1;
	}
	return SIZE_MAX;
}

/*
 * The AVX2 form of the SSE2 loop in single_find, 32 positions a step; *at
 * is where it stopped (the caller finishes the tail).  A hit or SIZE_MAX.
 */
__attribute__((target("avx2"))) static size_t
single_avx2(const struct litscan *ls, const unsigned char *buf, size_t len,
    size_t *at)
{
	const struct ls_needle *n = &ls->needles[0];
	const __m256i b1 = _mm256_set1_epi8((char)n->bytes[ls->rare1]);
	const __m256i b2 = _mm256_set1_epi8((char)n->bytes[ls->rare2]);
	const __m256i f1 = _mm256_set1_epi8(single_case_bit(ls, ls->rare1));
	const __m256i f2 = _mm256_set1_epi8(single_case_bit(ls, ls->rare2));
	const unsigned char *p1 = buf + ls->rare1;
	const unsigned char *p2 = buf + ls->rare2;
	size_t hi = ls->rare1 > ls->rare2 ? ls->rare1 : ls->rare2;
	/* Both loads and every candidate of a step at i < end stay inside. */
	size_t reach = (hi + 1 > n->len ? hi + 1 : n->len) + 31;
	size_t end = len >= reach ? len - reach + 1 : 0;
	size_t i = *at;

/* The candidates of the 32 positions from j, as mask bits. */
#define SINGLE_STEP(j) _mm256_and_si256( \
	_mm256_cmpeq_epi8(_mm256_or_si256(_mm256_loadu_si256( \
	    (const __m256i *)(const void *)(p1 + (j))), f1), b1), \
	_mm256_cmpeq_epi8(_mm256_or_si256(_mm256_loadu_si256( \
	    (const __m256i *)(const void *)(p2 + (j))), f2), b2))

	/*
	 * Two steps are tested with one branch: on text, candidates are rare
	 * and the loop's cost is its loads and that branch.
	 */
	while (i + 32 < end) {
		__m256i c0 = SINGLE_STEP(i);
		__m256i c1 = SINGLE_STEP(i + 32);

		if (_mm256_testz_si256(_mm256_or_si256(c0, c1),
		    _mm256_or_si256(c0, c1)) == 0) {
			unsigned m0 = (unsigned)_mm256_movemask_epi8(c0);
			unsigned m1 = (unsigned)_mm256_movemask_epi8(c1);
			size_t hit = m0 ? single_verify(ls, buf, len, i, m0) :
			    SIZE_MAX;

			if (hit == SIZE_MAX && m1)
				hit = single_verify(ls, buf, len, i + 32, m1);
			if (hit != SIZE_MAX)
				return hit;
		}
		i += 64;
	}
	while (i < end) {
		unsigned mask = (unsigned)_mm256_movemask_epi8(SINGLE_STEP(i));

		if (mask != 0) {
			size_t hit = single_verify(ls, buf, len, i, mask);

			if (hit != SIZE_MAX)
				return hit;
		}
		i += 32;
	}
#undef SINGLE_STEP
	*at = i;
	return SIZE_MAX;
}
#endif

static size_t
single_find(const struct litscan *ls, const unsigned char *buf, size_t len,
    size_t from)
{
	const struct ls_needle *n = &ls->needles[0];
	size_t i = from;

	if (len < n->len || from > len - n->len)
		return len;
#ifdef __SSE2__
	if (ls->avx2) {
		size_t hit = single_avx2(ls, buf, len, &i);

		if (hit != SIZE_MAX)
			return hit;
	}
	if (ls->sse2) {
		const __m128i b1 = _mm_set1_epi8((char)n->bytes[ls->rare1]);
		const __m128i b2 = _mm_set1_epi8((char)n->bytes[ls->rare2]);
		const __m128i f1 = _mm_set1_epi8(single_case_bit(ls, ls->rare1));
		const __m128i f2 = _mm_set1_epi8(single_case_bit(ls, ls->rare2));
		size_t hi = ls->rare1 > ls->rare2 ? ls->rare1 : ls->rare2;

		while (i + 16 + hi <= len && i + 15 + n->len <= len) {
			__m128i v1 = _mm_loadu_si128(
			    (const __m128i *)(const void *)(buf + i + ls->rare1));
			__m128i v2 = _mm_loadu_si128(
			    (const __m128i *)(const void *)(buf + i + ls->rare2));
			unsigned mask = (unsigned)_mm_movemask_epi8(
			    _mm_and_si128(
			    _mm_cmpeq_epi8(_mm_or_si128(v1, f1), b1),
			    _mm_cmpeq_epi8(_mm_or_si128(v2, f2), b2)));

			if (mask != 0) {
				size_t hit = single_verify(ls, buf, len, i, mask);

				if (hit != SIZE_MAX)
					return hit;
			}
			i += 16;
		}
	}
#endif
	if (!ls->caseless) {
		const void *hit = memmem(buf + i, len - i, n->bytes, n->len);

		return hit ? (size_t)((const unsigned char *)hit - buf) : len;
	}
	for (; i + n->len <= len; i++)
		if (starts_at(ls, buf, len, n, i))
			return i;
	return len;
}

/* ---- Several strings ----------------------------------------------- */

/* The window offset in n with the rarest bytes. */
static size_t
choose_offset(const struct litscan *ls, const struct ls_needle *n)
{
	size_t last = n->len - ls->window, best = 0;
	int best_rarity = 0;

	if (last > OFFSET_MAX)
		last = OFFSET_MAX;
	for (size_t off = 0; off <= last; off++) {
		int rarity = 0;

		for (size_t j = 0; j < ls->window; j++)
			rarity += needle_rarity(ls, n->bytes[off + j]);
		if (rarity > best_rarity) {
			best = off;
			best_rarity = rarity;
		}
	}
	return best;
}

/*
 * Order needles by their window bytes (up to WINDOW_MAX from the window's
 * start), so that alike ones share buckets.
 */
static int
window_cmp(const void *a, const void *b)
{
	const struct ls_needle *x = a, *y = b;
	size_t xn = x->len - x->off, yn = y->len - y->off;
	size_t n = xn < yn ? xn : yn;
	int c;

	if (n > WINDOW_MAX)
		n = WINDOW_MAX;
	c = memcmp(x->bytes + x->off, y->bytes + y->off, n);
	if (c != 0 || (xn >= WINDOW_MAX && yn >= WINDOW_MAX))
		return c;
	return xn < yn ? -1 : xn > yn;
}

/* Mark bucket bit as accepting byte c in window slot j. */
static void
add_byte(struct litscan *ls, size_t j, unsigned char c, unsigned bit)
{
	ls->lo[j][c & 15] |= (unsigned char)bit;
	ls->hi[j][c >> 4] |= (unsigned char)bit;
	ls->table[j][c] |= (unsigned char)bit;
}

static void
multi_init(struct litscan *ls)
{
	size_t min_len = SIZE_MAX;

	for (size_t i = 0; i < ls->count; i++)
		if (ls->needles[i].len < min_len)
			min_len = ls->needles[i].len;
	ls->window = min_len < WINDOW_MAX ? min_len : WINDOW_MAX;
	ls->ascii = true;
	ls->min_off = SIZE_MAX;
	ls->max_off = 0;
	for (size_t i = 0; i < ls->count; i++) {
		struct ls_needle *n = &ls->needles[i];

		n->off = choose_offset(ls, n);
		if (n->off < ls->min_off)
			ls->min_off = n->off;
		if (n->off > ls->max_off)
			ls->max_off = n->off;
	}
	if (ls->count > BUCKETS)
		qsort(ls->needles, ls->count, sizeof(ls->needles[0]),
		    window_cmp);
	/* Bucket b: needles [count * b / 8, count * (b + 1) / 8). */
	for (size_t b = 0; b <= BUCKETS; b++)
		ls->bucket_start[b] = ls->count * b / BUCKETS;
	for (size_t b = 0; b < BUCKETS; b++) {
		for (size_t i = ls->bucket_start[b]; i < ls->bucket_start[b + 1];
		    i++) {
			const struct ls_needle *n = &ls->needles[i];

			for (size_t j = 0; j < WINDOW_MAX; j++) {
				size_t k = j < ls->window ? j : ls->window - 1;
				unsigned char c = n->bytes[n->off + k];

				if (c >= 0x80)
					ls->ascii = false;
				add_byte(ls, j, c, 1u << b);
				if (ls->caseless && is_lower(c))
					add_byte(ls, j, (unsigned char)(c ^ 0x20),
					    1u << b);
			}
		}
	}
}

/*
 * The first window that verified is at q and gives start best: look for
 * earlier starts of strings whose windows lie further in (see the top).
 */
static size_t
multi_settle(const struct litscan *ls, const unsigned char *buf, size_t len,
    size_t from, size_t q, size_t best)
{
	if (ls->min_off == ls->max_off)
		return best;
	for (size_t i = 0; i < ls->count; i++) {
		const struct ls_needle *n = &ls->needles[i];
		size_t s = q > n->off ? q - n->off : 0;

		for (s = s < from ? from : s; s < best; s++)
			if (starts_at(ls, buf, len, n, s)) {
				best = s;
				break;
			}
	}
	return best;
}

/* Window position q has fingerprint byte buckets: a start, or SIZE_MAX. */
static size_t
multi_verify_at(const struct litscan *ls, const unsigned char *buf,
    size_t len, size_t from, size_t q, unsigned buckets)
{
	while (buckets != 0) {
		unsigned b = (unsigned)__builtin_ctz(buckets);

		buckets &= buckets - 1;
		for (size_t i = ls->bucket_start[b]; i < ls->bucket_start[b + 1];
		    i++) {
			const struct ls_needle *n = &ls->needles[i];

			if (q - from >= n->off &&
			    starts_at(ls, buf, len, n, q - n->off))
				return multi_settle(ls, buf, len, from, q,
				    q - n->off);
		}
	}
	return SIZE_MAX;
}

#ifdef __SSE2__
/* Candidates of a vector step at q: mask bits, fingerprints in fp. */
static size_t
multi_verify(const struct litscan *ls, const unsigned char *buf, size_t len,
    size_t from, size_t q, unsigned mask, const unsigned char *fp)
{
	while (mask != 0) {
		unsigned bit = (unsigned)__builtin_ctz(mask);
		size_t hit = multi_verify_at(ls, buf, len, from, q + bit,
		    fp[bit]);

		if (hit != SIZE_MAX)
			return hit;
		mask &= mask - 1;
	}
	return SIZE_MAX;
}

/*
 * The buckets whose slot accepts each byte of v.  pshufb looks at the low
 * 4 bits of an index byte and gives 0 for one with bit 7 set; so where no
 * string has a window byte >= 0x80 (ascii), the text byte itself may be
 * the index for the low nibble: one >= 0x80 could not match anyway.
 */
__attribute__((target("avx2"), always_inline)) static inline __m256i
classify_avx2(__m256i v, __m256i lo, __m256i hi, bool ascii)
{
	const __m256i low4 = _mm256_set1_epi8(0x0f);

	return _mm256_and_si256(
	    _mm256_shuffle_epi8(lo, ascii ? v : _mm256_and_si256(v, low4)),
	    _mm256_shuffle_epi8(hi,
	    _mm256_and_si256(_mm256_srli_epi16(v, 4), low4)));
}

__attribute__((target("avx2"))) static inline __m256i
load_table_avx2(const unsigned char *t)
{
	return _mm256_broadcastsi128_si256(
	    _mm_loadu_si128((const __m128i *)(const void *)t));
}

/* The fingerprints of the 32 windows at p. */
__attribute__((target("avx2"), always_inline)) static inline __m256i
multi_step_avx2(const unsigned char *p, size_t d1, size_t d2, __m256i lo0,
    __m256i hi0, __m256i lo1, __m256i hi1, __m256i lo2, __m256i hi2,
    bool ascii)
{
	__m256i v0 = _mm256_loadu_si256((const __m256i *)(const void *)p);
	__m256i v1 = _mm256_loadu_si256((const __m256i *)(const void *)(p + d1));
	__m256i v2 = _mm256_loadu_si256((const __m256i *)(const void *)(p + d2));

	return _mm256_and_si256(classify_avx2(v0, lo0, hi0, ascii),
	    _mm256_and_si256(classify_avx2(v1, lo1, hi1, ascii),
	    classify_avx2(v2, lo2, hi2, ascii)));
}

/* Verify the nonzero fingerprints r of the windows at q. */
__attribute__((target("avx2"))) static size_t
multi_candidates_avx2(const struct litscan *ls, const unsigned char *buf,
    size_t len, size_t from, size_t q, __m256i r)
{
	unsigned char fp[32];
	unsigned mask = ~(unsigned)_mm256_movemask_epi8(
	    _mm256_cmpeq_epi8(r, _mm256_setzero_si256()));

	if (mask == 0)
		return SIZE_MAX;
	_mm256_storeu_si256((__m256i *)(void *)fp, r);
	return multi_verify(ls, buf, len, from, q, mask, fp);
}

/* Windows from *at on, 32 a step; *at: where it stopped. */
__attribute__((target("avx2"), always_inline)) static inline size_t
multi_avx2_loop(const struct litscan *ls, const unsigned char *buf,
    size_t len, size_t from, size_t *at, bool ascii)
{
	const __m256i lo0 = load_table_avx2(ls->lo[0]);
	const __m256i hi0 = load_table_avx2(ls->hi[0]);
	const __m256i lo1 = load_table_avx2(ls->lo[1]);
	const __m256i hi1 = load_table_avx2(ls->hi[1]);
	const __m256i lo2 = load_table_avx2(ls->lo[2]);
	const __m256i hi2 = load_table_avx2(ls->hi[2]);
	size_t d1 = ls->window > 1 ? 1 : 0, d2 = ls->window - 1;
	size_t q = *at;

	while (q + 32 + d2 <= len) {
		__m256i r = multi_step_avx2(buf + q, d1, d2, lo0, hi0, lo1,
		    hi1, lo2, hi2, ascii);

		if (!_mm256_testz_si256(r, r)) {
			size_t hit = multi_candidates_avx2(ls, buf, len, from, q,
			    r);

			if (hit != SIZE_MAX)
				return hit;
		}
		q += 32;
	}
	*at = q;
	return SIZE_MAX;
}

/* One copy of the loop for each classify_avx2 form. */
__attribute__((target("avx2"))) static size_t
multi_avx2(const struct litscan *ls, const unsigned char *buf, size_t len,
    size_t from, size_t *at)
{
	if (ls->ascii)
		return multi_avx2_loop(ls, buf, len, from, at, true);
	return multi_avx2_loop(ls, buf, len, from, at, false);
}

__attribute__((target("ssse3"))) static inline __m128i
classify_ssse3(__m128i v, __m128i lo, __m128i hi)
{
	const __m128i low4 = _mm_set1_epi8(0x0f);

	return _mm_and_si128(_mm_shuffle_epi8(lo, _mm_and_si128(v, low4)),
	    _mm_shuffle_epi8(hi, _mm_and_si128(_mm_srli_epi16(v, 4), low4)));
}

/* The 16-a-step form of multi_avx2. */
__attribute__((target("ssse3"))) static size_t
multi_ssse3(const struct litscan *ls, const unsigned char *buf, size_t len,
    size_t from, size_t *at)
{
	const __m128i lo0 = _mm_loadu_si128((const __m128i *)(const void *)
	    ls->lo[0]);
	const __m128i hi0 = _mm_loadu_si128((const __m128i *)(const void *)
	    ls->hi[0]);
	const __m128i lo1 = _mm_loadu_si128((const __m128i *)(const void *)
	    ls->lo[1]);
	const __m128i hi1 = _mm_loadu_si128((const __m128i *)(const void *)
	    ls->hi[1]);
	const __m128i lo2 = _mm_loadu_si128((const __m128i *)(const void *)
	    ls->lo[2]);
	const __m128i hi2 = _mm_loadu_si128((const __m128i *)(const void *)
	    ls->hi[2]);
	size_t d1 = ls->window > 1 ? 1 : 0, d2 = ls->window - 1;
	size_t q = *at;

	while (q + 16 + d2 <= len) {
		__m128i v0 = _mm_loadu_si128(
		    (const __m128i *)(const void *)(buf + q));
		__m128i v1 = _mm_loadu_si128(
		    (const __m128i *)(const void *)(buf + q + d1));
		__m128i v2 = _mm_loadu_si128(
		    (const __m128i *)(const void *)(buf + q + d2));
		__m128i r = _mm_and_si128(classify_ssse3(v0, lo0, hi0),
		    _mm_and_si128(classify_ssse3(v1, lo1, hi1),
		    classify_ssse3(v2, lo2, hi2)));
		unsigned mask = 0xffffu & ~(unsigned)_mm_movemask_epi8(
		    _mm_cmpeq_epi8(r, _mm_setzero_si128()));

		if (mask != 0) {
			unsigned char fp[16];
			size_t hit;

			_mm_storeu_si128((__m128i *)(void *)fp, r);
			hit = multi_verify(ls, buf, len, from, q, mask, fp);
			if (hit != SIZE_MAX)
				return hit;
		}
		q += 16;
	}
	*at = q;
	return SIZE_MAX;
}
#endif

static size_t
multi_find(const struct litscan *ls, const unsigned char *buf, size_t len,
    size_t from)
{
	size_t d1 = ls->window > 1 ? 1 : 0, d2 = ls->window - 1;
	size_t q;

	if (from > len || len - from < ls->window + ls->min_off)
		return len;
	q = from + ls->min_off;
#ifdef __SSE2__
	if (ls->avx2) {
		size_t hit = multi_avx2(ls, buf, len, from, &q);

		if (hit != SIZE_MAX)
			return hit;
	}
	if (ls->ssse3) {
		size_t hit = multi_ssse3(ls, buf, len, from, &q);

		if (hit != SIZE_MAX)
			return hit;
	}
#endif
	for (; q + d2 < len; q++) {
		unsigned buckets = ls->table[0][buf[q]] &
		    ls->table[1][buf[q + d1]] & ls->table[2][buf[q + d2]];

		if (buckets != 0) {
			size_t hit = multi_verify_at(ls, buf, len, from, q,
			    buckets);

			if (hit != SIZE_MAX)
				return hit;
		}
	}
	return len;
}

/* ---- The interface ------------------------------------------------- */

struct litscan *
litscan_new(const char *const *needles, const size_t *lens, size_t count,
    bool caseless)
{
	struct litscan *ls;

	if (count == 0)
		diag_fatal("litscan: no strings");
	ls = xcalloc(1, sizeof(*ls));
	ls->caseless = caseless;
	ls->count = count;
	ls->needles = xcalloc(count, sizeof(*ls->needles));
	for (size_t i = 0; i < count; i++) {
		struct ls_needle *n = &ls->needles[i];

		n->len = lens[i];
		if (n->len == 0)
			diag_fatal("litscan: an empty string");
		n->bytes = xmalloc(n->len);
		for (size_t k = 0; k < n->len; k++) {
			unsigned char c = (unsigned char)needles[i][k];

			n->bytes[k] = caseless ? fold(c) : c;
		}
		head_init(ls, n);
	}
#ifdef __SSE2__
	ls->sse2 = simd_cap >= 1;
	ls->ssse3 = simd_cap >= 1 && __builtin_cpu_supports("ssse3");
	ls->avx2 = simd_cap >= 2 && cpu_has_avx2();
#endif
	if (count == 1)
		single_init(ls);
	else
		multi_init(ls);
	return ls;
}

void
litscan_free(struct litscan *ls)
{
	if (ls == NULL)
		return;
	for (size_t i = 0; i < ls->count; i++)
		free(ls->needles[i].bytes);
	free(ls->needles);
	free(ls);
}

size_t
litscan_find(const struct litscan *ls, const char *buf, size_t len,
    size_t from)
{
	const unsigned char *b = (const unsigned char *)buf;

	if (ls->count == 1)
		return single_find(ls, b, len, from);
	return multi_find(ls, b, len, from);
}
