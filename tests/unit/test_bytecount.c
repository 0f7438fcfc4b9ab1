/*
 * test_bytecount.c - the newline counter agrees with a plain loop.
 */
#include <stdlib.h>
#include <string.h>

#include "bytecount.h"
#include "unit.h"

static size_t
naive(const char *p, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		c += p[i] == '\n';
	return c;
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
			expect_size_eq(bytecount_newlines(buf + off, n),
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
	expect_size_eq(bytecount_newlines(buf, SIZE), SIZE);
	memset(buf, 'x', SIZE);
	expect_size_eq(bytecount_newlines(buf, SIZE), 0);
	free(buf);
}

int
main(int argc, char **argv)
{
	static const struct unit_test tests[] = {
		UNIT_TEST(test_bytecount_matches_naive),
		UNIT_TEST(test_bytecount_all_newlines),
	};

	return unit_run(argc, argv, tests, UNIT_COUNT(tests));
}
