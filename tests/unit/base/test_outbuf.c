/*
 * test_outbuf.c - the decimal numbers outbuf_put_uint writes (two digits
 * at a time) against printf's, around every power of ten.
 */
#include <stdio.h>
#include <string.h>

#include "base/outbuf.h"
#include "unit.h"

static void
check_uint(unsigned long long n)
{
	struct outbuf out = OUTBUF_INIT;
	char want[32];
	int len = snprintf(want, sizeof(want), "%llu", n);

	outbuf_puts(&out, "x");
	outbuf_put_uint(&out, n);
	assert_size_eq(out.len, (size_t)len + 1);
	expect_int_eq(memcmp(out.data + 1, want, (size_t)len), 0);
	outbuf_free(&out);
}

static void
test_put_uint_like_printf(void)
{
	unsigned long long p = 1;

	for (unsigned long long n = 0; n < 1000; n++)
		check_uint(n);
	for (int i = 0; i < 19; i++) {
		p *= 10;
		check_uint(p - 1);
		check_uint(p);
		check_uint(p + 1);
		check_uint(p * 3 + 7);
	}
	check_uint(~0ULL);
}

int
main(int argc, char **argv)
{
	static const struct unit_test tests[] = {
		UNIT_TEST(test_put_uint_like_printf),
	};

	return unit_run(argc, argv, tests, UNIT_COUNT(tests));
}
