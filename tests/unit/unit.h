/*
 * unit.h - a tiny unit test harness, after jemalloc's test/include/test.h.
 *
 * A test is a `static void test_x(void)` function.  Inside it:
 *
 *   expect_*(...)  records a failure and goes on;
 *   assert_*(...)  records a failure and stops the test at once.
 *
 * expect_* may be called from any thread the test starts.  assert_* stops
 * the test with a longjmp back to the runner, which only works on the
 * test's own thread: called from another thread it prints the failure and
 * aborts the whole program.  A stopped test skips its own clean-up (threads,
 * ports), so prefer expect_* where later code can still run safely.
 *
 * Each test file ends with
 *
 *   int
 *   main(int argc, char **argv)
 *   {
 *   	static const struct unit_test tests[] = {
 *   		UNIT_TEST(test_a),
 *   		UNIT_TEST(test_b),
 *   	};
 *
 *   	return unit_run(argc, argv, tests, UNIT_COUNT(tests));
 *   }
 *
 * The runner prints one line per test ("ok" or "FAIL" with file:line and the
 * failed expression) and exits nonzero when any test failed.  Arguments
 * name the tests to run (default: all).  A test that runs longer than
 * UNIT_TIMEOUT seconds (environment, default 120) fails the whole program,
 * so a deadlock fails instead of hanging.
 */
#ifndef ISOGREP_UNIT_H
#define ISOGREP_UNIT_H

#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct unit_test {
	const char *name;
	void (*fn)(void);
};

#define UNIT_TEST(fn) { #fn, fn }
#define UNIT_COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* Run the tests named in argv (all when none); 0 when all passed. */
int unit_run(int argc, char **argv, const struct unit_test *tests, size_t n);

/* Record a failure of the running test; thread-safe. */
void unit_fail(const char *file, int line, const char *expr,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Stop the running test after a failure (see assert_* above). */
_Noreturn void unit_stop(void);

/* Add a note to the test's result line, e.g. why a check was skipped. */
void unit_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Sleep ms milliseconds: lets another thread reach a blocking call. */
void unit_sleep_ms(unsigned ms);

/*
 * The checks.  Each operand is evaluated once, converted to T and printed
 * with fmt when the comparison fails; text is the check as written.
 */
#define unit_cmp_(stop, T, fmt, a, op, b, text) do {			\
	T unit_a_ = (a);						\
	T unit_b_ = (b);						\
	if (!(unit_a_ op unit_b_)) {					\
		unit_fail(__FILE__, __LINE__, text,			\
		    "(" fmt " vs " fmt ")", unit_a_, unit_b_);		\
		if (stop)						\
			unit_stop();					\
	}								\
} while (0)

#define unit_true_(stop, e, text) do {					\
	if (!(e)) {							\
		unit_fail(__FILE__, __LINE__, text, "%s", "");		\
		if (stop)						\
			unit_stop();					\
	}								\
} while (0)

#define unit_int_(s, a, op, b) \
	unit_cmp_(s, long long, "%lld", a, op, b, #a " " #op " " #b)
#define unit_size_(s, a, op, b) \
	unit_cmp_(s, size_t, "%zu", a, op, b, #a " " #op " " #b)
#define unit_u64_(s, a, op, b) \
	unit_cmp_(s, uint64_t, "%" PRIu64, a, op, b, #a " " #op " " #b)
#define unit_ptr_(s, a, op, b, text) \
	unit_cmp_(s, const void *, "%p", a, op, b, text)

#define expect_true(e)		unit_true_(false, e, #e)
#define expect_false(e)		unit_true_(false, !(e), "!(" #e ")")
#define expect_int_eq(a, b)	unit_int_(false, a, ==, b)
#define expect_int_ne(a, b)	unit_int_(false, a, !=, b)
#define expect_size_eq(a, b)	unit_size_(false, a, ==, b)
#define expect_u64_eq(a, b)	unit_u64_(false, a, ==, b)
#define expect_ptr_eq(a, b)	unit_ptr_(false, a, ==, b, #a " == " #b)
#define expect_ptr_ne(a, b)	unit_ptr_(false, a, !=, b, #a " != " #b)
#define expect_ptr_null(a)	unit_ptr_(false, a, ==, NULL, #a " == NULL")
#define expect_ptr_not_null(a)	unit_ptr_(false, a, !=, NULL, #a " != NULL")

#define assert_true(e)		unit_true_(true, e, #e)
#define assert_false(e)		unit_true_(true, !(e), "!(" #e ")")
#define assert_int_eq(a, b)	unit_int_(true, a, ==, b)
#define assert_int_ne(a, b)	unit_int_(true, a, !=, b)
#define assert_size_eq(a, b)	unit_size_(true, a, ==, b)
#define assert_u64_eq(a, b)	unit_u64_(true, a, ==, b)
#define assert_ptr_eq(a, b)	unit_ptr_(true, a, ==, b, #a " == " #b)
#define assert_ptr_ne(a, b)	unit_ptr_(true, a, !=, b, #a " != " #b)
#define assert_ptr_null(a)	unit_ptr_(true, a, ==, NULL, #a " == NULL")
#define assert_ptr_not_null(a)	unit_ptr_(true, a, !=, NULL, #a " != NULL")

#endif
