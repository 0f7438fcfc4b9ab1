/*
 * test_ignore.c - gitignore parsing and matching, case by case from
 * gitignore(5), then loading files and the precedence of the directory
 * stack.  test_ignore_git.c compares whole walks with git itself.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "walk/glob.h"
#include "walk/ignore.h"
#include "unit.h"

enum {
	U = IGNORE_UNDECIDED,
	X = IGNORE_EXCLUDE,
	I = IGNORE_INCLUDE,
};

/* One ignore file's text and what it says about some paths. */
struct ignore_case {
	const char *rules;
	const char *path;
	bool is_dir;
	int want;
};

static void
ignore_check_table(const struct ignore_case *cases, size_t n, unsigned flags,
    const char *file, int line)
{
	for (size_t i = 0; i < n; i++) {
		const struct ignore_case *c = &cases[i];
		struct ignore_file *f = ignore_file_parse(c->rules,
		    strlen(c->rules), flags);
		enum ignore_verdict got;

		if (f == NULL) {
			unit_fail(file, line, "ignore_file_parse", "row %zu",
			    i);
			continue;
		}
		got = ignore_file_match(f, c->path, strlen(c->path),
		    c->is_dir);
		if ((int)got != c->want)
			unit_fail(file, line, "ignore_file_match",
			    "row %zu: rules \"%s\", %s \"%s\": got %d, want %d",
			    i, c->rules, c->is_dir ? "dir" : "file", c->path,
			    (int)got, c->want);
		ignore_file_free(f);
	}
}

#define CHECK_TABLE(cases, flags) \
	ignore_check_table(cases, UNIT_COUNT(cases), flags, __FILE__, __LINE__)

/* Plain names match the base name at any depth. */
static void
test_ignore_names(void)
{
	static const struct ignore_case cases[] = {
		{ "foo", "foo", false, X },
		{ "foo", "foo", true, X },
		{ "foo", "a/foo", false, X },
		{ "foo", "a/b/foo", true, X },
		{ "foo", "foo/a", false, U },   /* the walker prunes foo */
		{ "foo", "xfoo", false, U },
		{ "foo", "foox", false, U },
		{ "foo", "Foo", false, U },
		{ ".h", ".h", false, X },
		{ ".h", "a/.h", false, X },
		{ "a b", "a b", false, X },
		{ "", "x", false, U },
		{ "x\n\n\ny", "y", false, X },
		{ "x\ny", "x", false, X },
		{ "x\r\ny\r\n", "x", false, X },  /* CRLF */
		{ "x\r\ny\r\n", "y", false, X },
		{ "\xef\xbb\xbfx", "x", false, X }, /* a byte order mark */
	};

	CHECK_TABLE(cases, 0);
}

/* "*.ext" and other globs without a '/': the base name at any depth. */
static void
test_ignore_globs(void)
{
	static const struct ignore_case cases[] = {
		{ "*.o", "x.o", false, X },
		{ "*.o", "a/b/x.o", false, X },
		{ "*.o", ".o", false, X },
		{ "*.o", "x.c", false, U },
		{ "*.o", "x.o.c", false, U },
		{ "*.o", "x.o", true, X },
		{ "*.o", "d.o/x", false, U },
		{ "*.tar.gz", "a/x.tar.gz", false, X },
		{ "*.tar.gz", "x.gz", false, U },
		{ "*.gz", "x.tar.gz", false, X },
		{ "*~", "a/x~", false, X },
		{ "x*", "a/xyz", false, X },
		{ "x*", "a/yx", false, U },
		{ "?", "a/b", false, X },
		{ "?", "ab", false, U },
		{ "[ab]", "d/b", false, X },
		{ "d[12]", "d2", true, X },
		{ "*", "anything", false, X },
		{ "*", "a/b/.hidden", true, X },
		{ "**", "a/b", false, X },
		{ "*.[oa]", "lib/x.a", false, X },
	};

	CHECK_TABLE(cases, 0);
}

/* A '/' at the start or in the middle anchors to the file's directory. */
static void
test_ignore_anchored(void)
{
	static const struct ignore_case cases[] = {
		{ "/foo", "foo", false, X },
		{ "/foo", "foo", true, X },
		{ "/foo", "a/foo", false, U },
		{ "doc/frotz", "doc/frotz", false, X },
		{ "doc/frotz", "doc/frotz", true, X },
		{ "doc/frotz", "a/doc/frotz", false, U },
		{ "/doc/frotz", "doc/frotz", false, X },
		{ "doc/frotz/", "doc/frotz", true, X },
		{ "doc/frotz/", "doc/frotz", false, U },
		{ "doc/*.txt", "doc/a.txt", false, X },
		{ "doc/*.txt", "doc/x/a.txt", false, U },
		{ "/*.c", "main.c", false, X },
		{ "/*.c", "src/main.c", false, U },
		{ "a/b/c", "a/b/c", false, X },
		{ "a/b/c", "a/b", true, U },
		{ "//foo", "foo", false, U },
		{ "/", "x", true, U },
	};

	CHECK_TABLE(cases, 0);
}

/* A trailing '/' matches directories only. */
static void
test_ignore_dir_only(void)
{
	static const struct ignore_case cases[] = {
		{ "foo/", "foo", true, X },
		{ "foo/", "foo", false, U },
		{ "foo/", "a/foo", true, X },
		{ "foo/", "a/foo", false, U },
		{ "frotz/", "a/frotz", true, X },
		{ "*.o/", "x.o", true, X },
		{ "*.o/", "x.o", false, U },
		{ "d*/", "d1", true, X },
		{ "d*/", "d1", false, U },
		{ "/foo/", "foo", true, X },
		{ "/foo/", "a/foo", true, U },
		/* Two kinds of rule for one name: the later one decides. */
		{ "!foo\nfoo/", "foo", true, X },
		{ "!foo\nfoo/", "foo", false, I },
		{ "foo/\n!foo", "foo", true, I },
		{ "foo\n!foo/", "foo", false, X },
		{ "foo\n!foo/", "foo", true, I },
	};

	CHECK_TABLE(cases, 0);
}

/* '!' negates, and the last matching rule of a file wins. */
static void
test_ignore_negation(void)
{
	static const struct ignore_case cases[] = {
		{ "*.o\n!important.o", "important.o", false, I },
		{ "*.o\n!important.o", "x.o", false, X },
		{ "!important.o\n*.o", "important.o", false, X },
		{ "!foo", "foo", false, I },
		{ "!foo", "bar", false, U },
		{ "*\n!*.txt", "y.txt", false, I },
		{ "*\n!*.txt", "a.c", false, X },
		{ "*\n!*.txt", "d1", true, X },
		{ "*\n!*/", "d1", true, I },
		{ "*\n!*/", "x", false, X },
		/* Every bin against every other, both orders. */
		{ "x*\n!xa", "xa", false, I },
		{ "!xa\nx*", "xa", false, X },
		{ "xa\n!x*", "xa", false, I },
		{ "!x*\nxa", "xa", false, X },
		{ "*.o\n!x.o", "x.o", false, I },
		{ "!x.o\n*.o", "x.o", false, X },
		{ "x.o\n!*.o", "x.o", false, I },
		{ "!*.o\nx.o", "x.o", false, X },
		{ "*.o\n!/x.o", "x.o", false, I },
		{ "!/x.o\n*.o", "x.o", false, X },
		{ "/x.o\n!*.o\n/x.o", "x.o", false, X },
		{ "a\n!a\na\n!a", "a", false, I },
		{ "!", "x", false, U },
		{ "!/", "x", true, U },
	};

	CHECK_TABLE(cases, 0);
}

/* The "**" forms of gitignore(5). */
static void
test_ignore_globstar(void)
{
	static const struct ignore_case cases[] = {
		{ "**/foo", "foo", false, X },
		{ "**/foo", "a/foo", true, X },
		{ "**/foo", "a/b/foo", false, X },
		{ "**/foo", "a/xfoo", false, U },
		{ "**/foo/bar", "bar", false, U },
		{ "**/foo/bar", "foo/bar", false, X },
		{ "**/foo/bar", "a/b/foo/bar", false, X },
		{ "**/*.o", "a/x.o", false, X },
		{ "/**/foo", "a/foo", false, X },
		{ "abc/**", "abc/x", false, X },
		{ "abc/**", "abc/x/y", true, X },
		{ "abc/**", "abc", true, U },
		{ "abc/**", "x/abc/y", false, U },
		{ "a/**/b", "a/b", false, X },
		{ "a/**/b", "a/x/b", false, X },
		{ "a/**/b", "a/x/y/b", true, X },
		{ "a/**/b", "a/xb", false, U },
		{ "a/**/b", "x/a/b", false, U },
		{ "d1/**/x.o", "d1/d2/x.o", false, X },
		{ "foo/**/", "foo/x", true, X },
		{ "foo/**/", "foo/x", false, U },
	};

	CHECK_TABLE(cases, 0);
}

/* Comments, escapes and trailing spaces. */
static void
test_ignore_syntax(void)
{
	static const struct ignore_case cases[] = {
		{ "#file", "#file", false, U },
		{ "\\#file", "#file", false, X },
		{ " #file", " #file", false, X },  /* not a comment */
		{ "# comment\nfoo", "foo", false, X },
		{ "\\!x", "!x", false, X },
		{ "\\!x", "x", false, U },
		{ "!\\!x", "!x", false, I },
		{ "foo   ", "foo", false, X },
		{ "foo   ", "foo ", false, U },
		{ "foo\\ ", "foo ", false, X },
		{ "foo\\ ", "foo", false, U },
		{ "foo\\   ", "foo ", false, X },
		{ "foo\\ \\ ", "foo  ", false, X },
		{ "foo \\ ", "foo  ", false, X },
		{ "foo\t", "foo\t", false, X },    /* only spaces are trimmed */
		{ "foo\t", "foo", false, U },
		{ "   ", " ", false, U },          /* blank after trimming */
		{ "foo/  ", "foo", true, X },
		{ "foo/  ", "foo", false, U },
		{ "\\*", "*", false, X },
		{ "\\*", "x", false, U },
		{ "a\\[b]", "a[b]", false, X },
		{ "\\a", "a", false, X },
		/* Bad globs are skipped; the rest of the file still counts. */
		{ "[abc\nfoo", "foo", false, X },
		{ "[abc\nfoo", "[abc", false, U },
		{ "foo\\", "foo", false, U },
		{ "foo\\\nbar", "bar", false, X },
		{ "x\n[[:nope:]]", "x", false, X },
	};

	CHECK_TABLE(cases, 0);
}

static void
test_ignore_casefold(void)
{
	static const struct ignore_case fold[] = {
		{ "FOO", "foo", false, X },
		{ "foo", "a/FOO", false, X },
		{ "*.O", "x.o", false, X },
		{ "*.o", "X.O", false, X },
		{ "Doc/Frotz", "doc/frotz", false, X },
		{ "*.o\n!IMPORTANT.O", "important.o", false, I },
		{ "f[O]o", "FoO", false, X },
	};
	static const struct ignore_case exact[] = {
		{ "FOO", "foo", false, U },
		{ "*.O", "x.o", false, U },
	};

	CHECK_TABLE(fold, GLOB_CASEFOLD);
	CHECK_TABLE(exact, 0);
}

/* A file with many rules of every kind: the bins stay consistent. */
static void
test_ignore_many_rules(void)
{
	char *text = malloc(200000);
	size_t len = 0;
	struct ignore_file *f;

	assert_ptr_not_null(text);
	for (int i = 0; i < 3000; i++)
		len += (size_t)sprintf(text + len,
		    "name%d\n*.e%d\n/anch%d\ng%d*\n", i, i, i, i);
	len += (size_t)sprintf(text + len, "!name1234\n!*.e77\n");
	f = ignore_file_parse(text, len, 0);
	assert_ptr_not_null(f);
	expect_int_eq(ignore_file_match(f, "a/name2999", 10, false), X);
	expect_int_eq(ignore_file_match(f, "a/name1234", 10, false), I);
	expect_int_eq(ignore_file_match(f, "x.e1", 4, false), X);
	expect_int_eq(ignore_file_match(f, "x.e77", 5, false), I);
	expect_int_eq(ignore_file_match(f, "anch5", 5, false), X);
	expect_int_eq(ignore_file_match(f, "a/anch5", 7, false), U);
	expect_int_eq(ignore_file_match(f, "a/g7zz", 6, false), X);
	expect_int_eq(ignore_file_match(f, "a/h7zz", 6, false), U);
	expect_int_eq(ignore_file_match(f, "name3000", 8, false), U);
	ignore_file_free(f);
	free(text);
}

/* Write text to dir/name, returning the path (to free). */
static char *
ignore_write(const char *dir, const char *name, const char *text)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *path = malloc(n);
	FILE *fp;

	if (path == NULL)
		return NULL;
	snprintf(path, n, "%s/%s", dir, name);
	fp = fopen(path, "w");
	if (fp != NULL) {
		fputs(text, fp);
		fclose(fp);
	}
	return path;
}

static void
test_ignore_load(void)
{
	char dir[] = "/tmp/isogrep-test-ignore-XXXXXX";
	char *path, *missing, *through, *big;
	struct ignore_file *f;
	int err = -1;
	char *text;
	FILE *fp;

	assert_ptr_not_null(mkdtemp(dir));
	path = ignore_write(dir, "rules", "*.o\n!keep.o\nbuild/\n");
	missing = ignore_write(dir, "missing", "");
	through = ignore_write(dir, "rules/x", "");
	big = ignore_write(dir, "big", "");
	assert_ptr_not_null(path);
	assert_ptr_not_null(missing);
	assert_ptr_not_null(through);
	assert_ptr_not_null(big);
	unlink(missing);

	f = ignore_file_load(path, 0, &err);
	expect_ptr_not_null(f);
	expect_int_eq(err, 0);
	if (f != NULL) {
		expect_int_eq(ignore_file_match(f, "x.o", 3, false), X);
		expect_int_eq(ignore_file_match(f, "keep.o", 6, false), I);
		expect_int_eq(ignore_file_match(f, "build", 5, true), X);
		ignore_file_free(f);
	}

	/* Absent is not an error; unreadable is. */
	err = -1;
	expect_ptr_null(ignore_file_load(missing, 0, &err));
	expect_int_eq(err, 0);
	err = -1;
	expect_ptr_null(ignore_file_load(through, 0, &err));
	expect_int_eq(err, 0);
	err = -1;
	expect_ptr_null(ignore_file_load(dir, 0, &err));
	expect_int_eq(err, EISDIR);

	/* Larger than one read: the rule at the end still counts. */
	text = malloc(100000);
	assert_ptr_not_null(text);
	memset(text, '#', 99990);
	memcpy(text + 99990, "\nlast.rs\n", 10);
	fp = fopen(big, "w");
	assert_ptr_not_null(fp);
	fputs(text, fp);
	fclose(fp);
	free(text);
	f = ignore_file_load(big, 0, &err);
	expect_ptr_not_null(f);
	if (f != NULL) {
		expect_int_eq(ignore_file_match(f, "a/last.rs", 9, false), X);
		ignore_file_free(f);
	}

	unlink(path);
	unlink(big);
	rmdir(dir);
	free(path);
	free(missing);
	free(through);
	free(big);
}

static struct ignore_file *
ignore_text(const char *text)
{
	return ignore_file_parse(text, strlen(text), 0);
}

static enum ignore_verdict
ignore_at(const struct ignore_dir *d, const char *path, bool is_dir)
{
	return ignore_dir_match(d, path, strlen(path), is_dir);
}

/* The deepest node with a verdict decides; within one, the later file. */
static void
test_ignore_dir_stack(void)
{
	struct ignore_file *root_files[] = { ignore_text("*.o\n/gen\nlog/") };
	struct ignore_file *src_files[] = {
		ignore_text("*.log\n/gen\nsub/x"),
		NULL,
		ignore_text("!*.o\n!debug.log"),
	};
	struct ignore_file *lib_files[] = { NULL };
	struct ignore_dir *root, *src, *lib;

	root = ignore_dir_push(NULL, "", 0, root_files, 1);
	assert_ptr_not_null(root);
	src = ignore_dir_push(root, "src", 3, src_files, 3);
	assert_ptr_not_null(src);
	lib = ignore_dir_push(src, "src/lib", 7, lib_files, 1);
	assert_ptr_not_null(lib);

	expect_int_eq(ignore_at(root, "x.o", false), X);
	expect_int_eq(ignore_at(root, "src", true), U);
	expect_int_eq(ignore_at(src, "src/x.o", false), I);
	expect_int_eq(ignore_at(lib, "src/lib/x.o", false), I);
	expect_int_eq(ignore_at(lib, "src/lib/a.log", false), X);
	expect_int_eq(ignore_at(lib, "src/lib/debug.log", false), I);
	expect_int_eq(ignore_at(lib, "src/lib/a.c", false), U);
	/* Anchored rules are relative to their own node. */
	expect_int_eq(ignore_at(root, "gen", false), X);
	expect_int_eq(ignore_at(src, "src/gen", false), X);
	expect_int_eq(ignore_at(lib, "src/lib/gen", false), U);
	expect_int_eq(ignore_at(lib, "src/sub/x", false), X);
	/* A rule of an ancestor applies when no deeper node decides. */
	expect_int_eq(ignore_at(lib, "src/lib/log", true), X);
	expect_int_eq(ignore_at(lib, "src/lib/log", false), U);

	expect_false(ignore_dir_empty(root));
	expect_false(ignore_dir_empty(lib));

	ignore_dir_free(lib);
	ignore_dir_free(src);
	ignore_dir_free(root);
}

/* The later file of a node wins, whichever way round the rules are. */
static void
test_ignore_dir_file_order(void)
{
	struct ignore_file *a[] = {
		ignore_text("*.log"), ignore_text("!debug.log"),
	};
	struct ignore_file *b[] = {
		ignore_text("!debug.log"), ignore_text("*.log"),
	};
	struct ignore_dir *da = ignore_dir_push(NULL, "", 0, a, 2);
	struct ignore_dir *db = ignore_dir_push(NULL, "", 0, b, 2);

	assert_ptr_not_null(da);
	assert_ptr_not_null(db);
	expect_int_eq(ignore_at(da, "x/debug.log", false), I);
	expect_int_eq(ignore_at(db, "x/debug.log", false), X);
	expect_int_eq(ignore_at(da, "x/other.log", false), X);
	ignore_dir_free(da);
	ignore_dir_free(db);
}

static void
test_ignore_dir_edges(void)
{
	struct ignore_file *none[] = { NULL, NULL };
	struct ignore_file *one[] = { ignore_text("a") };
	struct ignore_file *slash[] = { ignore_text("/a") };
	struct ignore_dir *e1, *e2, *full, *child, *root;

	/* Nodes without files, above and below one with files. */
	e1 = ignore_dir_push(NULL, "", 0, none, 2);
	assert_ptr_not_null(e1);
	expect_true(ignore_dir_empty(e1));
	e2 = ignore_dir_push(e1, "d", 1, NULL, 0);
	assert_ptr_not_null(e2);
	expect_true(ignore_dir_empty(e2));
	expect_int_eq(ignore_at(e2, "d/a", false), U);
	full = ignore_dir_push(e2, "d/e", 3, one, 1);
	assert_ptr_not_null(full);
	expect_false(ignore_dir_empty(full));
	child = ignore_dir_push(full, "d/e/f", 5, none, 2);
	assert_ptr_not_null(child);
	expect_false(ignore_dir_empty(child));
	expect_int_eq(ignore_at(child, "d/e/f/a", false), X);
	expect_int_eq(ignore_at(child, "d/e/f/b", false), U);
	/* A path not below a node's directory is not judged by it. */
	expect_int_eq(ignore_at(full, "d/ex/a", false), U);
	expect_int_eq(ignore_at(full, "d/e", true), U);

	/* The root "/" already ends in its separator. */
	root = ignore_dir_push(NULL, "/", 1, slash, 1);
	assert_ptr_not_null(root);
	expect_int_eq(ignore_at(root, "/a", false), X);
	expect_int_eq(ignore_at(root, "/b/a", false), U);

	ignore_dir_free(child);
	ignore_dir_free(full);
	ignore_dir_free(e2);
	ignore_dir_free(e1);
	ignore_dir_free(root);
	ignore_dir_free(NULL);
	ignore_file_free(NULL);
	expect_true(ignore_dir_empty(NULL));

	/* Empty text, even without a buffer, is an empty rule set. */
	{
		struct ignore_file *f = ignore_file_parse(NULL, 0, 0);

		assert_ptr_not_null(f);
		expect_int_eq(ignore_file_match(f, "a", 1, false), U);
		ignore_file_free(f);
	}
}

int
main(int argc, char **argv)
{
	static const struct unit_test tests[] = {
		UNIT_TEST(test_ignore_names),
		UNIT_TEST(test_ignore_globs),
		UNIT_TEST(test_ignore_anchored),
		UNIT_TEST(test_ignore_dir_only),
		UNIT_TEST(test_ignore_negation),
		UNIT_TEST(test_ignore_globstar),
		UNIT_TEST(test_ignore_syntax),
		UNIT_TEST(test_ignore_casefold),
		UNIT_TEST(test_ignore_many_rules),
		UNIT_TEST(test_ignore_load),
		UNIT_TEST(test_ignore_dir_stack),
		UNIT_TEST(test_ignore_dir_file_order),
		UNIT_TEST(test_ignore_dir_edges),
	};

	return unit_run(argc, argv, tests, UNIT_COUNT(tests));
}
