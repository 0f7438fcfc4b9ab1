/*
 * hashscan.h - find every occurrence of any of a very large set of strings
 * in one pass, with a scanner that builds in linear time.
 *
 * Hyperscan scans a set fast, but its compile time grows with the set:
 * past some tens of thousands of strings, building it costs more than a
 * whole search.  This scanner hashes each string's first bytes into a
 * table (built in one pass over the strings) and checks every text
 * position against it: slower per byte than Hyperscan, but ready at once.
 */
#ifndef ISOGREP_HASHSCAN_H
#define ISOGREP_HASHSCAN_H

#include <stdbool.h>
#include <stddef.h>

struct hashscan;

/*
 * A scanner for strs[i] (lens[i] >= 1 bytes each, n >= 1; the arrays
 * need not outlive the call).  caseless: ASCII letters match either case.
 */
struct hashscan *hashscan_new(const char *const *strs, const size_t *lens,
    size_t n, bool caseless);
void hashscan_free(struct hashscan *h);

/*
 * Called for each occurrence of string id ending at offset end (just
 * past its last byte); nonzero stops the scan.  Occurrences come in order
 * of their start.
 */
typedef int (*hashscan_fn)(unsigned id, size_t end, void *ctx);

void hashscan_scan(const struct hashscan *h, const char *buf, size_t len,
    hashscan_fn fn, void *ctx);

#endif
