/*
 * litscan.h - find the first place in a buffer where any of a small set of
 * strings starts, in one pass, optionally ignoring ASCII case.
 */
#ifndef ISOGREP_LITSCAN_H
#define ISOGREP_LITSCAN_H

#include <stdbool.h>
#include <stddef.h>

struct litscan;

/*
 * A scanner for the count strings needles[i] (lens[i] bytes each, at
 * least 1; count at least 1).  caseless: ASCII letters match either case,
 * every other byte only itself.
 */
struct litscan *litscan_new(const char *const *needles, const size_t *lens,
    size_t count, bool caseless);

void litscan_free(struct litscan *ls);

/*
 * The smallest offset >= from at which one of the strings starts and fits
 * in buf[0, len), or len when there is none.
 */
size_t litscan_find(const struct litscan *ls, const char *buf, size_t len,
    size_t from);

/*
 * For tests: scanners created after this call use at most the given vector
 * instruction set (0: scalar, 1: SSE2/SSSE3, 2: AVX2; default 2).  Not
 * thread-safe.
 */
void litscan_limit_simd(int level);

#endif
