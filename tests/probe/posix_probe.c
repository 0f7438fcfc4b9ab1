/*
 * posix_probe.c - run many -E/-G patterns over one text in one process,
 * for tests/grep_syntax.bats, which compares the output with GNU grep's.
 *
 * Usage: posix_probe E|G PATTERNS TEXT
 *
 * For each line of PATTERNS it prints "== N" (N counts from 1), then
 * either "error" (grep would refuse the pattern) or the selected lines of
 * TEXT as grep -n prints them, "-- o", and the matches as grep -on prints
 * them.  A separate program and not an isogrep option: thousands of
 * isogrep launches would make the test slow, and it goes through the same
 * translator and matcher (matcher_next_line, matcher_line_spans) a search
 * does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/outbuf.h"
#include "match/matcher.h"
#include "match/pattern.h"
#include "match/posix_syntax.h"

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct outbuf b = OUTBUF_INIT;
	char chunk[65536];
	size_t n;

	if (f == NULL) {
		perror(path);
		exit(2);
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		outbuf_append(&b, chunk, n);
	fclose(f);
	outbuf_reserve(&b, 1);
	return outbuf_take(&b, len);
}

static size_t
line_number(const char *buf, size_t at)
{
	size_t n = 1;

	for (size_t i = 0; i < at; i++)
		n += buf[i] == '\n';
	return n;
}

static void
probe(const struct match_config *mc, const char *text, size_t len)
{
	struct matcher_error e;
	struct matcher *m = matcher_compile(mc, &e);
	struct matcher_scratch *s;
	struct span_list spans = {NULL, 0, 0};
	struct outbuf sel = OUTBUF_INIT, only = OUTBUF_INIT;
	size_t from = 0;
	struct span line;

	if (m == NULL) {
		puts("error");
		return;
	}
	s = matcher_scratch_new(m);

	if (s == NULL)
		exit(2);
	while (from < len && matcher_next_line(m, s, text, len, from,
	    &line) == 1) {
		size_t n = line_number(text, line.start);

		outbuf_put_uint(&sel, n);
		outbuf_putc(&sel, ':');
		outbuf_append(&sel, text + line.start, line.end - line.start);
		outbuf_putc(&sel, '\n');
		matcher_line_spans(m, s, text + line.start,
		    line.end - line.start, &spans);
		for (size_t i = 0; i < spans.len; i++) {
			/* -o leaves out empty matches (standard.c). */
			if (spans.v[i].end == spans.v[i].start)
				continue;
			outbuf_put_uint(&only, n);
			outbuf_putc(&only, ':');
			outbuf_append(&only, text + line.start + spans.v[i].start,
			    spans.v[i].end - spans.v[i].start);
			outbuf_putc(&only, '\n');
		}
		from = line.end + 1;
	}
	fwrite(sel.data, 1, sel.len, stdout);
	fputs("-- o\n", stdout);
	fwrite(only.data, 1, only.len, stdout);
	outbuf_free(&sel);
	outbuf_free(&only);
	span_list_free(&spans);
	matcher_scratch_free(s);
	matcher_free(m);
}

int
main(int argc, char **argv)
{
	size_t plen, tlen;
	char *pats, *text, *p, *end;
	struct match_config mc;
	unsigned long n = 0;

	if (argc != 4 || (strcmp(argv[1], "E") && strcmp(argv[1], "G"))) {
		fputs("usage: posix_probe E|G PATTERNS TEXT\n", stderr);
		return 2;
	}
	pats = slurp(argv[2], &plen);
	text = slurp(argv[3], &tlen);
	memset(&mc, 0, sizeof(mc));
	mc.syntax = argv[1][0] == 'E' ? SYNTAX_ERE : SYNTAX_BRE;
	mc.case_mode = CASE_SENSITIVE;
	for (p = pats, end = pats + plen; p < end; p++) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		struct pattern pat = {0};
		struct outbuf check = OUTBUF_INIT;
		char err[POSIX_SYNTAX_ERR_SIZE];

		if (nl == NULL)
			nl = end;
		pat.text = p;
		pat.len = (size_t)(nl - p);
		printf("== %lu\n", ++n);
		/* Ask the translator first: its refusal is the answer. */
		if (!posix_syntax_translate(pat.text, pat.len, mc.syntax, false,
		    &check, err)) {
			puts("error");
		} else {
			mc.patterns = &pat;
			mc.npatterns = 1;
			fflush(stdout);
			probe(&mc, text, tlen);
		}
		outbuf_free(&check);
		p = nl;
	}
	free(pats);
	free(text);
	return 0;
}
