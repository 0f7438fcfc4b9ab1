/*
 * test_json.c - the --json sink fed events directly: context records
 * (which the searcher does not send yet), binary offsets, escapes and
 * base64, and the stats it adds up.  The expected records are what
 * ripgrep 15.2 prints for the same input (rg --json -C1 ...); the fast
 * string escaper is checked against the plain byte-by-byte one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/matcher.h"
#include "print/json.h"
#include "print/stats.h"
#include "unit.h"

struct fixture {
	struct print_config pc;
	struct outbuf out;
	struct matcher *m;
	struct sink *k;
	struct print_stats stats;
};

static void
fixture_init(struct fixture *f, const char *needle)
{
	struct pattern pat = {.text = needle, .len = strlen(needle)};
	struct match_config mc = {.patterns = &pat, .npatterns = 1};
	struct matcher_error e;

	memset(f, 0, sizeof(*f));
	f->pc.output = OUTPUT_JSON;
	f->m = matcher_compile(&mc, &e);
	assert_ptr_not_null(f->m);
	f->k = json_sink_new(&f->pc, &f->out);
	f->k->matcher = f->m;
	f->k->scratch = matcher_scratch_new(f->m);
	f->k->stats = &f->stats;
	matcher_new_buffer(f->k->scratch);
}

static void
fixture_free(struct fixture *f)
{
	matcher_scratch_free(f->k->scratch);
	f->k->ops->free(f->k);
	matcher_free(f->m);
	outbuf_free(&f->out);
}

static struct sink_line
line_at(const char *text, unsigned long long number, size_t offset)
{
	const char *nl = strchr(text + offset, '\n');
	struct sink_line l = {
		.text = text + offset,
		.len = nl ? (size_t)(nl - text) - offset : strlen(text + offset),
		.number = number,
		.offset = offset,
		.newline = nl != NULL,
	};

	return l;
}

/* Drop the "elapsed" object of an end record, which no test can know. */
static void
drop_elapsed(struct outbuf *out)
{
	char *p = out->data;
	char *at;

	outbuf_putc(out, '\0');
	p = out->data;
	while ((at = strstr(p, "\"elapsed\":{")) != NULL) {
		char *close = strchr(at, '}');

		memmove(at, close + 2, strlen(close + 2) + 1);
		p = at;
	}
	out->len = strlen(out->data);
}

static void
test_context_records(void)
{
	static const char text[] =
	    "hello\nbye\nhello\x01\"\\\x7f\xc3\xa9\ttab";
	struct fixture f;
	struct sink_line l;
	struct sink_end end = {.selected = 1, .bytes_searched = 25};
	static const char want[] =
	    "{\"type\":\"begin\",\"data\":{\"path\":{\"text\":\"c.txt\"}}}\n"
	    "{\"type\":\"context\",\"data\":{\"path\":{\"text\":\"c.txt\"},"
	    "\"lines\":{\"text\":\"hello\\n\"},\"line_number\":1,"
	    "\"absolute_offset\":0,\"submatches\":[]}}\n"
	    "{\"type\":\"match\",\"data\":{\"path\":{\"text\":\"c.txt\"},"
	    "\"lines\":{\"text\":\"bye\\n\"},\"line_number\":2,"
	    "\"absolute_offset\":6,\"submatches\":[{\"match\":{\"text\":"
	    "\"bye\"},\"start\":0,\"end\":3}]}}\n"
	    "{\"type\":\"context\",\"data\":{\"path\":{\"text\":\"c.txt\"},"
	    "\"lines\":{\"text\":\"hello\\u0001\\\"\\\\\x7f\xc3\xa9\\ttab\"},"
	    "\"line_number\":3,\"absolute_offset\":10,\"submatches\":[]}}\n"
	    "{\"type\":\"end\",\"data\":{\"path\":{\"text\":\"c.txt\"},"
	    "\"binary_offset\":null,\"stats\":{"
	    "\"searches\":1,\"searches_with_match\":1,\"bytes_searched\":25,"
	    "\"bytes_printed\":498,\"matched_lines\":1,\"matches\":1}}}\n";

	fixture_init(&f, "bye");
	f.k->ops->begin(f.k, "c.txt");
	l = line_at(text, 1, 0);
	f.k->ops->context(f.k, &l, SINK_BEFORE);
	l = line_at(text, 2, 6);
	f.k->ops->selected(f.k, &l);
	l = line_at(text, 3, 10);
	f.k->ops->context(f.k, &l, SINK_AFTER);
	f.k->ops->context_break(f.k);
	f.k->ops->end(f.k, &end);
	drop_elapsed(&f.out);
	expect_true(strcmp(f.out.data, want) == 0);
	if (strcmp(f.out.data, want) != 0)
		unit_note("got %s", f.out.data);
	expect_u64_eq(f.stats.bytes_printed, 498);
	expect_u64_eq(f.stats.matches, 1);
	expect_u64_eq(f.stats.searches, 1);
	fixture_free(&f);
}

static void
test_bytes_and_binary(void)
{
	/* "x\xffhello\n": not UTF-8, so base64; the match itself is text. */
	static const char text[] = "x\xffhello\n";
	struct fixture f;
	struct sink_line l;
	struct sink_end end = {.selected = 1, .bytes_searched = 8};

	fixture_init(&f, "hello");
	f.k->ops->begin(f.k, "b\xfe.txt");
	l = line_at(text, 1, 0);
	f.k->ops->selected(f.k, &l);
	f.k->ops->binary(f.k, 4096);
	f.k->ops->end(f.k, &end);
	outbuf_putc(&f.out, '\0');
	expect_ptr_not_null(strstr(f.out.data,
	    "{\"path\":{\"bytes\":\"Yv4udHh0\"},\"lines\":{\"bytes\":"
	    "\"eP9oZWxsbwo=\"},\"line_number\":1,\"absolute_offset\":0,"
	    "\"submatches\":[{\"match\":{\"text\":\"hello\"},\"start\":2,"
	    "\"end\":7}]}}\n"));
	expect_ptr_not_null(strstr(f.out.data, "\"binary_offset\":4096,"));
	fixture_free(&f);
}

static void
test_no_records_no_begin(void)
{
	struct fixture f;
	struct sink_end end = {.selected = 0, .bytes_searched = 100};

	fixture_init(&f, "absent");
	f.k->ops->begin(f.k, "quiet.txt");
	f.k->ops->end(f.k, &end);
	expect_size_eq(f.out.len, 0);
	/* Still a search, for the summary. */
	expect_u64_eq(f.stats.searches, 1);
	expect_u64_eq(f.stats.bytes_searched, 100);
	fixture_free(&f);
}

/* The plain way to write a JSON string body, byte by byte. */
static void
reference_escape(struct outbuf *out, const unsigned char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		char buf[8];
		unsigned c = s[i];

		if (c == '"' || c == '\\') {
			outbuf_putc(out, '\\');
			outbuf_putc(out, (char)c);
			continue;
		}
		switch (c) {
		case '\b': outbuf_puts(out, "\\b"); continue;
		case '\f': outbuf_puts(out, "\\f"); continue;
		case '\n': outbuf_puts(out, "\\n"); continue;
		case '\r': outbuf_puts(out, "\\r"); continue;
		case '\t': outbuf_puts(out, "\\t"); continue;
		}
		if (c < 0x20) {
			snprintf(buf, sizeof(buf), "\\u%04x", c);
			outbuf_puts(out, buf);
		} else {
			outbuf_putc(out, (char)c);
		}
	}
}

/*
 * json_put_data's fast scan (eight bytes at a time) against the plain
 * escaper, on every ASCII byte at every place of a word and on random
 * ASCII strings of every length up to 40.
 */
static void
test_escape_matches_reference(void)
{
	struct outbuf got = OUTBUF_INIT, want = OUTBUF_INIT;
	unsigned char s[40];
	unsigned seed = 7;

	for (unsigned c = 0; c < 0x80; c++) {
		for (size_t at = 0; at < 17; at++) {
			memset(s, 'a', 17);
			s[at] = (unsigned char)c;
			outbuf_clear(&got);
			outbuf_clear(&want);
			json_put_data(&got, (const char *)s, 17);
			outbuf_puts(&want, "{\"text\":\"");
			reference_escape(&want, s, 17);
			outbuf_puts(&want, "\"}");
			assert_size_eq(got.len, want.len);
			expect_int_eq(memcmp(got.data, want.data, got.len), 0);
		}
	}
	for (int round = 0; round < 2000; round++) {
		size_t len = (size_t)round % 41;

		for (size_t i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			/* Mostly plain letters, so that clean words occur. */
			s[i] = (unsigned char)((seed >> 16) % 4 == 0 ?
			    (seed >> 8) % 0x80 : 'a' + (seed >> 8) % 26);
		}
		outbuf_clear(&got);
		outbuf_clear(&want);
		json_put_data(&got, (const char *)s, len);
		outbuf_puts(&want, "{\"text\":\"");
		reference_escape(&want, s, len);
		outbuf_puts(&want, "\"}");
		assert_size_eq(got.len, want.len);
		expect_int_eq(memcmp(got.data, want.data, got.len), 0);
	}
	outbuf_free(&got);
	outbuf_free(&want);
}

int
main(int argc, char **argv)
{
	static const struct unit_test tests[] = {
		UNIT_TEST(test_context_records),
		UNIT_TEST(test_bytes_and_binary),
		UNIT_TEST(test_no_records_no_begin),
		UNIT_TEST(test_escape_matches_reference),
	};

	return unit_run(argc, argv, tests, UNIT_COUNT(tests));
}
