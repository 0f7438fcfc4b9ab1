/*
 * fuzz_ignore.c - libFuzzer target: the gitignore parser and matcher, and
 * globs.
 *
 * Input layout: one flag byte (bit 0: GLOB_CASEFOLD), then the text of an
 * ignore file up to the first NUL, then NUL-separated words.  The words
 * are paths to judge (with fixed ones), globs to compile, and together a
 * second ignore file for a subdirectory "sub" pushed on the first.  Every
 * path is judged as a file and as a directory, by the file alone and by
 * the directory stack; every glob is matched against every path.
 *
 * Beyond the sanitizers, a few certain facts are checked: a word without
 * glob characters is a glob that matches itself (and, caseless, its
 * upper-case form), "*" matches any path without '/', and an ignore file
 * whose only line is a plain name excludes that name.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "walk/glob.h"
#include "walk/ignore.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum {
	WORDS_MAX = 8,
	PATH_MAX_LEN = 256,
};

struct word {
	const char *text;
	size_t len;
};

static const char *const fixed_paths[] = {
	"", "a", "a/b", "build", "build/out.o", "src/main.c", ".git",
	"sub/x.txt", "sub/deep/dir/file", "README.md", "a/b/c/d/e/f",
	"\xc3\xa9t\xc3\xa9", "sub", "x/sub/y",
};

/* A word with no glob or gitignore syntax in it: letters, digits, "._-". */
static bool
is_plain(const char *s, size_t len)
{
	bool alnum = false;

	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (isalnum(c))
			alnum = true;
		else if (c != '.' && c != '_' && c != '-')
			return false;
	}
	return alnum;
}

static void
check_globs(const struct word *words, size_t nwords, unsigned flags)
{
	const char *err;
	struct glob *star = glob_compile("*", 1, flags, &err);

	if (star == NULL)
		abort();
	for (size_t i = 0; i < nwords; i++) {
		struct glob *g = glob_compile(words[i].text, words[i].len,
		    flags, &err);

		if (memchr(words[i].text, '/', words[i].len) == NULL &&
		    !glob_match(star, words[i].text, words[i].len))
			abort(); /* "*" matches any name */
		if (g == NULL)
			continue;
		for (size_t j = 0; j < nwords; j++)
			(void)glob_match(g, words[j].text, words[j].len);
		for (size_t j = 0; j < sizeof(fixed_paths) /
		    sizeof(fixed_paths[0]); j++)
			(void)glob_match(g, fixed_paths[j],
			    strlen(fixed_paths[j]));
		if (is_plain(words[i].text, words[i].len)) {
			char upper[PATH_MAX_LEN];

			if (!glob_match(g, words[i].text, words[i].len))
				abort(); /* a plain word matches itself */
			for (size_t k = 0; k < words[i].len; k++)
				upper[k] = (char)toupper(
				    (unsigned char)words[i].text[k]);
			if ((flags & GLOB_CASEFOLD) &&
			    !glob_match(g, upper, words[i].len))
				abort();
		}
		glob_free(g);
	}
	glob_free(star);
}

/* An ignore file of the one line "word" excludes that word. */
static void
check_plain_rule(const struct word *w, unsigned flags)
{
	struct ignore_file *f;

	if (!is_plain(w->text, w->len))
		return;
	f = ignore_file_parse(w->text, w->len, flags);
	if (f == NULL)
		abort();
	if (ignore_file_match(f, w->text, w->len, false) != IGNORE_EXCLUDE ||
	    ignore_file_match(f, w->text, w->len, true) != IGNORE_EXCLUDE)
		abort();
	ignore_file_free(f);
}

/* Judge path with the file alone and with the stack, as file and dir. */
static void
judge(const struct ignore_file *f, const struct ignore_dir *d,
    const char *path, size_t len)
{
	char sub[PATH_MAX_LEN + 8];

	for (int is_dir = 0; is_dir < 2; is_dir++) {
		(void)ignore_file_match(f, path, len, is_dir);
		(void)ignore_dir_match(d, path, len, is_dir);
		if (len <= PATH_MAX_LEN) {
			memcpy(sub, "sub/", 4);
			memcpy(sub + 4, path, len);
			(void)ignore_dir_match(d, sub, len + 4, is_dir);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct word words[WORDS_MAX];
	size_t nwords = 0;
	const char *text, *end, *rest;
	size_t rules_len;
	unsigned flags;
	struct ignore_file *f, *files[2];
	struct ignore_dir *root, *sub;

	if (size < 1)
		return 0;
	flags = (data[0] & 1) ? GLOB_CASEFOLD : 0;
	text = (const char *)data + 1;
	end = (const char *)data + size;
	rest = memchr(text, '\0', (size_t)(end - text));
	rules_len = rest ? (size_t)(rest - text) : (size_t)(end - text);
	rest = rest ? rest + 1 : end;

	/* The words after the rules; the last one runs to the end. */
	for (const char *p = rest; p < end && nwords < WORDS_MAX;) {
		const char *nul = memchr(p, '\0', (size_t)(end - p));
		const char *stop = nul ? nul : end;

		if ((size_t)(stop - p) <= PATH_MAX_LEN) {
			words[nwords].text = p;
			words[nwords].len = (size_t)(stop - p);
			nwords++;
		}
		p = stop + 1;
	}

	f = ignore_file_parse(text, rules_len, flags);
	if (f == NULL)
		abort();
	/* The stack: the root with f's rules, "sub" with the words'. */
	root = ignore_dir_push(NULL, "", 0, &f, 1);
	if (root == NULL)
		abort();
	files[0] = ignore_file_parse(rest, (size_t)(end - rest), flags);
	files[1] = NULL;
	if (files[0] == NULL)
		abort();
	sub = ignore_dir_push(root, "sub", 3, files, 2);
	if (sub == NULL)
		abort();

	for (size_t i = 0; i < sizeof(fixed_paths) / sizeof(fixed_paths[0]);
	    i++)
		judge(f, sub, fixed_paths[i], strlen(fixed_paths[i]));
	for (size_t i = 0; i < nwords; i++) {
		judge(f, sub, words[i].text, words[i].len);
		check_plain_rule(&words[i], flags);
	}
	/* The rules' own lines as paths too. */
	for (const char *p = text, *stop; p < text + rules_len; p = stop + 1) {
		stop = memchr(p, '\n', (size_t)(text + rules_len - p));
		if (stop == NULL)
			stop = text + rules_len;
		judge(f, sub, p, (size_t)(stop - p));
	}
	check_globs(words, nwords, flags);

	ignore_dir_free(sub);
	ignore_dir_free(root);
	return 0;
}
