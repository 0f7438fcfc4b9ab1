/*
 * stats.c - the counts behind --stats and --json's end and summary.
 *
 * The sinks count (they alone see what is printed and how many matches a
 * line holds); each isolate's counts are summed once it is done, so no
 * counter is shared.  Words, order and number formats are ripgrep's, so
 * scripts that read its --stats or --json numbers read ours.
 */
#include "print/stats.h"

#include <time.h>

unsigned long long
print_stats_clock(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ULL +
	    (unsigned long long)ts.tv_nsec;
}

void
print_stats_add(struct print_stats *sum, const struct print_stats *s)
{
	sum->elapsed_ns += s->elapsed_ns;
	sum->searches += s->searches;
	sum->searches_with_match += s->searches_with_match;
	sum->bytes_searched += s->bytes_searched;
	sum->bytes_printed += s->bytes_printed;
	sum->matched_lines += s->matched_lines;
	sum->matches += s->matches;
}

void
print_stats_end_file(struct print_stats *file, const struct sink_end *end,
    unsigned long long started)
{
	file->elapsed_ns = print_stats_clock() - started;
	file->searches = 1;
	file->searches_with_match = end->selected > 0;
	file->bytes_searched = end->bytes_searched;
}

/*
 * Seconds with six decimals, as ripgrep's "human" field and --stats
 * (written by hand: --json has one in every file's end record).
 */
static void
put_seconds(struct outbuf *out, unsigned long long ns)
{
	unsigned long long secs = ns / 1000000000ULL;
	unsigned long long micros = (ns % 1000000000ULL + 500) / 1000;
	char frac[7];

	/* Rounding up to a whole second (999999.5 us). */
	if (micros == 1000000) {
		secs++;
		micros = 0;
	}
	frac[0] = '.';
	for (int i = 6; i > 0; i--) {
		frac[i] = (char)('0' + micros % 10);
		micros /= 10;
	}
	outbuf_put_uint(out, secs);
	outbuf_append(out, frac, sizeof(frac));
}

void
print_stats_json_elapsed(struct outbuf *out, unsigned long long ns,
    bool sorted_keys)
{
	unsigned long long secs = ns / 1000000000ULL;
	unsigned long long nanos = ns % 1000000000ULL;

	if (sorted_keys) {
		outbuf_puts(out, "{\"human\":\"");
		put_seconds(out, ns);
		outbuf_puts(out, "s\",\"nanos\":");
		outbuf_put_uint(out, nanos);
		outbuf_puts(out, ",\"secs\":");
		outbuf_put_uint(out, secs);
		outbuf_putc(out, '}');
		return;
	}
	outbuf_puts(out, "{\"secs\":");
	outbuf_put_uint(out, secs);
	outbuf_puts(out, ",\"nanos\":");
	outbuf_put_uint(out, nanos);
	outbuf_puts(out, ",\"human\":\"");
	put_seconds(out, ns);
	outbuf_puts(out, "s\"}");
}

static void
put_count(struct outbuf *out, unsigned long long n, const char *words)
{
	outbuf_put_uint(out, n);
	outbuf_putc(out, ' ');
	outbuf_puts(out, words);
	outbuf_putc(out, '\n');
}

void
print_stats_text(struct outbuf *out, const struct print_stats *s,
    unsigned long long total_ns, const struct print_skip *skips,
    size_t nskips)
{
	put_count(out, s->matches, "matches");
	put_count(out, s->matched_lines, "matched lines");
	put_count(out, s->searches_with_match, "files contained matches");
	put_count(out, s->searches, "files searched");
	put_count(out, s->bytes_printed, "bytes printed");
	put_count(out, s->bytes_searched, "bytes searched");
	put_seconds(out, s->elapsed_ns);
	outbuf_puts(out, " seconds spent searching\n");
	put_seconds(out, total_ns);
	outbuf_puts(out, " seconds total\n");
	print_stats_skips(out, skips, nskips);
}

void
print_stats_skips(struct outbuf *out, const struct print_skip *skips,
    size_t nskips)
{
	for (size_t i = 0; i < nskips; i++) {
		outbuf_put_uint(out, skips[i].count);
		outbuf_puts(out, " files skipped: ");
		outbuf_puts(out, skips[i].reason);
		outbuf_putc(out, '\n');
	}
}
