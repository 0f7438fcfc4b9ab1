/*
 * test_bytecount.c - the newline counter agrees with a plain loop.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "search/bytecount.h"
#include "unit.h"

static size_t
naive(const char *p, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		c += p[i] == '\n';
	return c;
}

/* The count alone. */
static size_t
count(const char *p, size_t n)
{
	bool nul;

	return bytecount_newlines_nul(p, n, &nul);
}

/* Every length and alignment around the 16-byte and 255-block edges. */
static void
test_bytecount_matches_naive(void)
{
	enum { SIZE = 16 * 255 * 3 + 40 };
	char *buf = malloc(SIZE);
	unsigned seed = 12345;

	assert_ptr_not_null(buf);
	for (size_t i = 0; i < SIZE; i++) {
		seed = seed * 1103515245u + 12345u;
		buf[i] = (seed >> 16) % 3 == 0 ? '\n' : (char)(seed >> 8);
	}
	for (size_t off = 0; off < 17; off++)
		for (size_t n = 0; off + n <= SIZE; n += n < 300 ? 1 : 97)
			expect_size_eq(count(buf + off, n),
			    naive(buf + off, n));
	free(buf);
}

/* All newlines: the per-byte tallies must not wrap at 256. */
static void
test_bytecount_all_newlines(void)
{
	enum { SIZE = 16 * 1000 + 5 };
	char *buf = malloc(SIZE);

	assert_ptr_not_null(buf);
	memset(buf, '\n', SIZE);
	expect_size_eq(count(buf, SIZE), SIZE);
	memset(buf, 'x', SIZE);
	expect_size_eq(count(buf, SIZE), 0);
	free(buf);
}

/* The NUL test sees one NUL wherever it is, in the vectors or the tail. */
static void
test_bytecount_finds_nul(void)
{
	enum { SIZE = 32 * 255 + 70 };
	char *buf = malloc(SIZE);

	assert_ptr_not_null(buf);
	for (size_t i = 0; i < SIZE; i++)
		buf[i] = i % 7 == 0 ? '\n' : 'a';
	for (size_t n = 0; n <= SIZE; n += n < 100 ? 1 : 61) {
		bool nul = true;

		expect_size_eq(bytecount_newlines_nul(buf, n, &nul),
		    naive(buf, n));
		expect_false(nul);
	}
	for (size_t at = 0; at < SIZE; at += at < 100 ? 1 : 37) {
		bool nul = false;
		char saved = buf[at];

		buf[at] = '\0';
		expect_size_eq(bytecount_newlines_nul(buf, SIZE, &nul),
		    naive(buf, SIZE));
		expect_true(nul);
		buf[at] = saved;
	}
	free(buf);
}

int
main(int argc, char **argv)
{
	static const struct unit_test tests[] = {
		UNIT_TEST(test_bytecount_matches_naive),
		UNIT_TEST(test_bytecount_all_newlines),
		UNIT_TEST(test_bytecount_finds_nul),
	};

	return unit_run(argc, argv, tests, UNIT_COUNT(tests));
}
