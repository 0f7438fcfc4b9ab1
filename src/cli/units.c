/*
 * units.c - sizes, durations and dates as users type them.
 *
 * Kept apart from the parser so each rule is written once and can be unit
 * tested; every function rejects anything it does not fully understand,
 * so a typo is an error before the search rather than a silent filter.
 */
#include "cli/units.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Parse leading decimal digits; false on none or overflow. */
static bool
parse_digits(const char **s, unsigned long long *v)
{
	char *end;

	if (!isdigit((unsigned char)**s))
		return false;
	errno = 0;
	*v = strtoull(*s, &end, 10);
	if (errno != 0)
		return false;
	*s = end;
	return true;
}

static bool
scale(unsigned long long *v, unsigned long long by)
{
	if (*v > ULLONG_MAX / by)
		return false;
	*v *= by;
	return true;
}

bool
units_parse_size(const char *s, unsigned long long *bytes)
{
	unsigned long long v;

	if (!parse_digits(&s, &v))
		return false;
	switch (*s) {
	case '\0':
		break;
	case 'k': case 'K':
		if (!scale(&v, 1024ULL))
			return false;
		s++;
		break;
	case 'm': case 'M':
		if (!scale(&v, 1024ULL * 1024))
			return false;
		s++;
		break;
	case 'g': case 'G':
		if (!scale(&v, 1024ULL * 1024 * 1024))
			return false;
		s++;
		break;
	default:
		return false;
	}
	if (*s != '\0')
		return false;
	*bytes = v;
	return true;
}

bool
units_parse_size_arg(const char *s, struct size_arg *out)
{
	out->sign = 0;
	if (*s == '+' || *s == '-')
		out->sign = *s++ == '+' ? 1 : -1;
	return units_parse_size(s, &out->bytes);
}

static long long
unit_seconds(char u)
{
	switch (u) {
	case 's': return 1;
	case 'm': return 60;
	case 'h': return 3600;
	case 'd': return 86400;
	case 'w': return 7 * 86400;
	default: return 0;
	}
}

static bool
parse_duration(const char *s, long long *seconds)
{
	long long total = 0;

	if (*s == '\0')
		return false;
	while (*s != '\0') {
		unsigned long long v;
		long long unit;

		if (!parse_digits(&s, &v))
			return false;
		unit = unit_seconds(*s);
		if (unit == 0 || v > (unsigned long long)(LLONG_MAX / unit) ||
		    total > LLONG_MAX - (long long)v * unit)
			return false;
		total += (long long)v * unit;
		s++;
	}
	*seconds = total;
	return true;
}

static bool
parse_date(const char *s, long long *when)
{
	struct tm tm;
	const char *rest;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	rest = strptime(s, "%Y-%m-%d", &tm);
	if (rest == NULL)
		return false;
	if (*rest == ' ' || *rest == 'T') {
		const char *hm = strptime(rest + 1, "%H:%M", &tm);

		if (hm == NULL)
			return false;
		rest = hm;
		if (*rest == ':') {
			rest = strptime(rest + 1, "%S", &tm);
			if (rest == NULL)
				return false;
		}
	}
	if (*rest != '\0')
		return false;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	if (t == (time_t)-1)
		return false;
	*when = (long long)t;
	return true;
}

bool
units_parse_time(const char *s, long long now, long long *when)
{
	long long seconds;

	if (parse_duration(s, &seconds)) {
		*when = now - seconds;
		return true;
	}
	return parse_date(s, when);
}
