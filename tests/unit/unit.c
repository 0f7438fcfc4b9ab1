/*
 * unit.c - the runner behind unit.h.
 *
 * Tests of the isolate runtime check from several threads at once, so a
 * failure is recorded under a mutex and printed by the runner when the test
 * ends: the result line carries the first failure, later ones follow it
 * indented.  assert_* leaves the test with a longjmp to the runner, which
 * is only sound on the runner's own thread; elsewhere it aborts.
 */
#include "unit.h"

#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum {
	UNIT_KEPT = 8,		/* failure messages kept per test */
	UNIT_MSG = 512,		/* bytes per failure message or note */
	UNIT_TIMEOUT = 120,	/* default seconds per test */
};

static pthread_mutex_t unit_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned unit_failures;	/* of the running test */
static char unit_msgs[UNIT_KEPT][UNIT_MSG];
static char unit_notes[UNIT_MSG];

static pthread_t unit_runner;
static jmp_buf unit_jmp;
static const char *volatile unit_current = "";

void
unit_fail(const char *file, int line, const char *expr, const char *fmt, ...)
{
	char detail[UNIT_MSG / 2];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	pthread_mutex_lock(&unit_lock);
	if (unit_failures < UNIT_KEPT)
		snprintf(unit_msgs[unit_failures], UNIT_MSG, "%s:%d: %s%s%s",
		    file, line, expr, detail[0] != '\0' ? " " : "", detail);
	unit_failures++;
	pthread_mutex_unlock(&unit_lock);
}

_Noreturn void
unit_stop(void)
{
	if (!pthread_equal(pthread_self(), unit_runner)) {
		/* No way back to the runner from here: report and quit. */
		unsigned last;

		pthread_mutex_lock(&unit_lock);
		last = unit_failures < UNIT_KEPT ? unit_failures : UNIT_KEPT;
		printf("FAIL %s: %s (assert off the test's thread)\n",
		    unit_current, unit_msgs[last > 0 ? last - 1 : 0]);
		fflush(stdout);
		abort();
	}
	longjmp(unit_jmp, 1);
}

void
unit_note(const char *fmt, ...)
{
	size_t used;
	va_list ap;

	pthread_mutex_lock(&unit_lock);
	used = strlen(unit_notes);
	snprintf(unit_notes + used, sizeof(unit_notes) - used, "%s",
	    used == 0 ? " # " : "; ");
	used = strlen(unit_notes);
	va_start(ap, fmt);
	vsnprintf(unit_notes + used, sizeof(unit_notes) - used, fmt, ap);
	va_end(ap);
	pthread_mutex_unlock(&unit_lock);
}

void
unit_sleep_ms(unsigned ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) != 0)
		;
}

static double
unit_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* A hung test (a lost wake-up, a deadlock) fails rather than blocks. */
static void
unit_on_alarm(int sig)
{
	static const char head[] = "FAIL ";
	static const char tail[] = ": timed out\n";
	const char *name = unit_current;

	(void)sig;
	(void)!write(STDOUT_FILENO, head, sizeof(head) - 1);
	(void)!write(STDOUT_FILENO, name, strlen(name));
	(void)!write(STDOUT_FILENO, tail, sizeof(tail) - 1);
	_exit(1);
}

static bool
unit_selected(int argc, char **argv, const char *name)
{
	if (argc < 2)
		return true;
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return true;
	return false;
}

/* Run one test; true when it passed. */
static bool
unit_run_one(const struct unit_test *t, unsigned timeout)
{
	double start;
	unsigned failures, kept;

	unit_failures = 0;
	unit_notes[0] = '\0';
	unit_current = t->name;
	start = unit_now_ms();
	alarm(timeout);
	if (setjmp(unit_jmp) == 0)
		t->fn();
	alarm(0);

	pthread_mutex_lock(&unit_lock);
	failures = unit_failures;
	if (failures == 0) {
		printf("ok   %s (%.0f ms)%s\n", t->name, unit_now_ms() - start,
		    unit_notes);
	} else {
		printf("FAIL %s: %s%s\n", t->name, unit_msgs[0], unit_notes);
		kept = failures < UNIT_KEPT ? failures : UNIT_KEPT;
		for (unsigned i = 1; i < kept; i++)
			printf("     %s\n", unit_msgs[i]);
		if (failures > kept)
			printf("     ... and %u more\n", failures - kept);
	}
	pthread_mutex_unlock(&unit_lock);
	fflush(stdout);
	return failures == 0;
}

int
unit_run(int argc, char **argv, const struct unit_test *tests, size_t n)
{
	const char *env = getenv("UNIT_TIMEOUT");
	unsigned timeout = UNIT_TIMEOUT;
	size_t failed = 0, ran = 0;

	if (env != NULL && atoi(env) > 0)
		timeout = (unsigned)atoi(env);
	unit_runner = pthread_self();
	signal(SIGALRM, unit_on_alarm);
	for (size_t i = 0; i < n; i++) {
		if (!unit_selected(argc, argv, tests[i].name))
			continue;
		ran++;
		if (!unit_run_one(&tests[i], timeout))
			failed++;
	}
	if (ran == 0) {
		printf("FAIL no test matched the arguments\n");
		return 1;
	}
	if (failed > 0)
		printf("%zu of %zu tests failed\n", failed, ran);
	return failed > 0;
}
