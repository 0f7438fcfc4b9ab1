/*
 * test_filetype.c - the type table: built-in lookups, -t/-T selections,
 * --type-add in both forms and its errors, --type-clear, "#!" detection,
 * the --type-list format, and the fast name checks against plain glob
 * matching of the same globs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/outbuf.h"
#include "walk/filetype.h"
#include "walk/glob.h"
#include "unit.h"

#define expect_str_eq(a, b) do {					\
	const char *unit_x_ = (a), *unit_y_ = (b);			\
	if (unit_x_ == NULL || unit_y_ == NULL ? unit_x_ != unit_y_ :	\
	    strcmp(unit_x_, unit_y_) != 0)				\
		unit_fail(__FILE__, __LINE__, #a " == " #b,		\
		    "(\"%s\" vs \"%s\")", unit_x_ ? unit_x_ : "(null)",	\
		    unit_y_ ? unit_y_ : "(null)");			\
} while (0)

/* The verdict for a base name, named in the failure message. */
#define expect_verdict(sel, name, want) do {				\
	enum filetype_verdict unit_v_ =					\
	    filetype_select((sel), (name), strlen(name));		\
	if (unit_v_ != (want))						\
		unit_fail(__FILE__, __LINE__, #want,			\
		    "for '%s' (got %d)", (name), (int)unit_v_);		\
} while (0)

#define SB(s) (s), (sizeof(s) - 1)

static char err[FILETYPE_ERR_SIZE];

/* A selection from up to a few -t and -T names; asserts it builds. */
static struct filetype_selection *
sel_new(const struct filetype_db *db, const char *t1, const char *t2,
    const char *n1, const char *n2)
{
	const char *sel[2] = { NULL, NULL }, *neg[2] = { NULL, NULL };
	size_t ns = 0, nn = 0;
	struct filetype_selection *s;

	if (t1 != NULL)
		sel[ns++] = t1;
	if (t2 != NULL)
		sel[ns++] = t2;
	if (n1 != NULL)
		neg[nn++] = n1;
	if (n2 != NULL)
		neg[nn++] = n2;
	err[0] = '\0';
	s = filetype_selection_new(db, sel, ns, neg, nn, err, sizeof(err));
	if (s == NULL)
		unit_fail(__FILE__, __LINE__, "filetype_selection_new",
		    "(%s)", err);
	return s;
}

/* Is base of type name (with a selection of just -t name)? */
static bool
is_type(const struct filetype_db *db, const char *name, const char *base)
{
	struct filetype_selection *s = sel_new(db, name, NULL, NULL, NULL);
	bool yes;

	if (s == NULL)
		return false;
	yes = filetype_select(s, base, strlen(base)) == FILETYPE_ACCEPT;
	filetype_selection_free(s);
	return yes;
}

static void
test_builtin_lookup(void)
{
	struct filetype_db *db = filetype_db_new();

	expect_true(is_type(db, "c", "foo.c"));
	expect_true(is_type(db, "c", "foo.h"));
	expect_true(is_type(db, "c", "config.h.in"));
	expect_true(is_type(db, "c", ".c"));
	expect_false(is_type(db, "c", "x.tar.gz"));
	expect_false(is_type(db, "c", "foo.cc"));
	expect_false(is_type(db, "c", "foo.c~"));
	expect_false(is_type(db, "c", "c"));
	expect_false(is_type(db, "c", "foo"));
	expect_true(is_type(db, "cpp", "foo.cc"));
	expect_true(is_type(db, "cpp", "foo.C"));
	expect_false(is_type(db, "c", "foo.C")); /* case-sensitive */
	expect_true(is_type(db, "make", "Makefile"));
	expect_true(is_type(db, "make", "makefile"));
	expect_true(is_type(db, "make", "GNUmakefile"));
	expect_true(is_type(db, "make", "rules.mk"));
	expect_true(is_type(db, "make", "old.mak"));
	expect_false(is_type(db, "make", "MAKEFILE"));
	expect_false(is_type(db, "make", "Makefile.bak"));
	expect_true(is_type(db, "sh", "build.sh"));
	expect_true(is_type(db, "sh", "x.bash"));
	expect_true(is_type(db, "sh", ".bashrc"));
	expect_true(is_type(db, "sh", "bash.bashrc"));
	expect_true(is_type(db, "py", "setup.py"));
	expect_true(is_type(db, "rust", "lib.rs"));
	expect_true(is_type(db, "go", "main.go"));
	expect_true(is_type(db, "js", "app.mjs"));
	expect_true(is_type(db, "ts", "app.tsx"));
	expect_true(is_type(db, "java", "Main.java"));
	expect_true(is_type(db, "md", "README.md"));
	expect_true(is_type(db, "markdown", "README.md"));
	expect_true(is_type(db, "json", "package.json"));
	expect_true(is_type(db, "yaml", "ci.yml"));
	expect_true(is_type(db, "log", "app.log"));
	expect_false(is_type(db, "log", "app.log.1"));
	expect_true(is_type(db, "cmake", "CMakeLists.txt"));
	expect_true(is_type(db, "txt", "CMakeLists.txt"));
	expect_true(is_type(db, "docker", "Dockerfile"));
	expect_true(is_type(db, "docker", "Dockerfile.dev"));
	expect_false(is_type(db, "docker", "Dockerfile~"));
	expect_true(is_type(db, "license", "LICENSE-MIT"));
	expect_true(is_type(db, "xml", "phpunit.xml.dist"));
	expect_true(is_type(db, "toml", "Cargo.lock"));
	expect_true(is_type(db, "r", "analysis.R"));
	filetype_db_free(db);
}

static void
test_select_and_negate(void)
{
	struct filetype_db *db = filetype_db_new();
	struct filetype_selection *s;

	/* No -t, no -T: everything goes. */
	s = sel_new(db, NULL, NULL, NULL, NULL);
	assert_ptr_not_null(s);
	expect_verdict(s, "foo.c", FILETYPE_ACCEPT);
	expect_verdict(s, "whatever", FILETYPE_ACCEPT);
	expect_false(filetype_selection_needs_shebang(s));
	filetype_selection_free(s);

	/* -t c -t py: either type. */
	s = sel_new(db, "c", "py", NULL, NULL);
	assert_ptr_not_null(s);
	expect_verdict(s, "foo.c", FILETYPE_ACCEPT);
	expect_verdict(s, "foo.py", FILETYPE_ACCEPT);
	expect_verdict(s, "foo.rs", FILETYPE_REJECT);
	expect_verdict(s, "foo.py.orig", FILETYPE_REJECT);
	filetype_selection_free(s);

	/* -T c alone: all but c. */
	s = sel_new(db, NULL, NULL, "c", NULL);
	assert_ptr_not_null(s);
	expect_verdict(s, "foo.c", FILETYPE_REJECT);
	expect_verdict(s, "foo.h", FILETYPE_REJECT);
	expect_verdict(s, "foo.rs", FILETYPE_ACCEPT);
	expect_verdict(s, "noext", FILETYPE_ACCEPT);
	expect_false(filetype_selection_needs_shebang(s));
	filetype_selection_free(s);

	/* -t cpp -T c: *.h is both, and -T wins. */
	s = sel_new(db, "cpp", NULL, "c", NULL);
	assert_ptr_not_null(s);
	expect_verdict(s, "foo.cc", FILETYPE_ACCEPT);
	expect_verdict(s, "foo.h", FILETYPE_REJECT);
	expect_verdict(s, "foo.c", FILETYPE_REJECT);
	expect_verdict(s, "foo.go", FILETYPE_REJECT);
	filetype_selection_free(s);

	/* -t docker -T make: a general glob on each side. */
	s = sel_new(db, "docker", "license", "make", NULL);
	assert_ptr_not_null(s);
	expect_verdict(s, "Dockerfile.prod", FILETYPE_ACCEPT);
	expect_verdict(s, "LICENSE.txt", FILETYPE_ACCEPT);
	expect_verdict(s, "Makefile", FILETYPE_REJECT);
	filetype_selection_free(s);

	/* -t all and -T all. */
	s = sel_new(db, "all", NULL, NULL, NULL);
	assert_ptr_not_null(s);
	expect_verdict(s, "foo.c", FILETYPE_ACCEPT);
	expect_verdict(s, "Makefile", FILETYPE_ACCEPT);
	expect_verdict(s, "weird.zzz", FILETYPE_REJECT);
	filetype_selection_free(s);
	s = sel_new(db, NULL, NULL, "all", NULL);
	assert_ptr_not_null(s);
	expect_verdict(s, "foo.c", FILETYPE_REJECT);
	expect_verdict(s, "weird.zzz", FILETYPE_ACCEPT);
	filetype_selection_free(s);

	/* The same type twice, and selected and negated at once. */
	s = sel_new(db, "rust", "rust", "rust", NULL);
	assert_ptr_not_null(s);
	expect_verdict(s, "lib.rs", FILETYPE_REJECT);
	filetype_selection_free(s);
	filetype_db_free(db);
}

static void
test_unknown_type(void)
{
	struct filetype_db *db = filetype_db_new();
	const char *bad[] = { "c", "foo" };
	struct filetype_selection *s;

	s = filetype_selection_new(db, bad, 2, NULL, 0, err, sizeof(err));
	expect_ptr_null(s);
	expect_str_eq(err, "unknown file type 'foo'; see --type-list");
	filetype_selection_free(s);

	err[0] = '\0';
	s = filetype_selection_new(db, NULL, 0, bad + 1, 1, err, sizeof(err));
	expect_ptr_null(s);
	expect_str_eq(err, "unknown file type 'foo'; see --type-list");
	filetype_selection_free(s);

	/* Names are case-sensitive too. */
	s = filetype_selection_new(db, (const char *[]){ "C" }, 1, NULL, 0,
	    err, sizeof(err));
	expect_ptr_null(s);
	filetype_selection_free(s);
	filetype_db_free(db);
}

static void
test_type_add_glob(void)
{
	struct filetype_db *db = filetype_db_new();

	/* A new type. */
	expect_true(filetype_add(db, "foo:*.foo", err, sizeof(err)));
	expect_true(filetype_add(db, "foo:Foofile", err, sizeof(err)));
	expect_true(filetype_add(db, "foo:*.foo", err, sizeof(err)));
	expect_true(is_type(db, "foo", "a.foo"));
	expect_true(is_type(db, "foo", "Foofile"));
	expect_false(is_type(db, "foo", "a.c"));

	/* An existing type keeps its globs. */
	expect_true(filetype_add(db, "c:*.inc", err, sizeof(err)));
	expect_true(is_type(db, "c", "x.inc"));
	expect_true(is_type(db, "c", "x.c"));

	/* A glob may hold ':', and wildcards in any place. */
	expect_true(filetype_add(db, "odd:a:b", err, sizeof(err)));
	expect_true(is_type(db, "odd", "a:b"));
	expect_true(filetype_add(db, "bak:*~", err, sizeof(err)));
	expect_true(filetype_add(db, "bak:[#]*#", err, sizeof(err)));
	expect_true(is_type(db, "bak", "main.c~"));
	expect_true(is_type(db, "bak", "#main.c#"));
	expect_false(is_type(db, "bak", "main.c"));
	filetype_db_free(db);
}

static void
test_type_add_include(void)
{
	struct filetype_db *db = filetype_db_new();
	struct filetype_selection *s;

	expect_true(filetype_add(db, "web:include:html,css", err,
	    sizeof(err)));
	expect_true(is_type(db, "web", "index.html"));
	expect_true(is_type(db, "web", "site.css"));
	expect_false(is_type(db, "web", "app.js"));

	/* A copy: adding to html later does not reach web. */
	expect_true(filetype_add(db, "html:*.tmpl", err, sizeof(err)));
	expect_true(is_type(db, "html", "a.tmpl"));
	expect_false(is_type(db, "web", "a.tmpl"));

	/* Into an existing type, and into itself. */
	expect_true(filetype_add(db, "web:include:js", err, sizeof(err)));
	expect_true(is_type(db, "web", "app.js"));
	expect_true(is_type(db, "web", "index.html"));
	expect_true(filetype_add(db, "web:include:web", err, sizeof(err)));
	expect_true(is_type(db, "web", "app.js"));

	/* The interpreters come along. */
	expect_true(filetype_add(db, "scripts:include:py,sh", err,
	    sizeof(err)));
	s = sel_new(db, "scripts", NULL, NULL, NULL);
	assert_ptr_not_null(s);
	expect_true(filetype_selection_needs_shebang(s));
	expect_verdict(s, "run", FILETYPE_SHEBANG);
	expect_true(filetype_select_shebang(s, SB("#!/bin/sh\n")));
	expect_true(filetype_select_shebang(s, SB("#!/usr/bin/python\n")));
	expect_false(filetype_select_shebang(s, SB("#!/usr/bin/perl\n")));
	expect_verdict(s, "x.py", FILETYPE_ACCEPT);
	filetype_selection_free(s);
	filetype_db_free(db);
}

static void
test_type_add_errors(void)
{
	static const struct {
		const char *spec;
		const char *message; /* NULL: any message */
	} cases[] = {
		{ "nocolon", "invalid --type-add 'nocolon': expected "
		    "NAME:GLOB or NAME:include:TYPE,..." },
		{ ":*.x", "invalid --type-add ':*.x': empty type name" },
		{ "x:", "invalid --type-add 'x:': empty glob" },
		{ "all:*.x", "invalid --type-add 'all:*.x': the type name "
		    "'all' is reserved" },
		{ "bad name:*.x", NULL },
		{ "x/y:*.x", NULL },
		{ "x:[ab", NULL },
		{ "x:*.c\\", NULL },
		{ "x:src/*.c", NULL },
		{ "x:include:nosuch", "invalid --type-add 'x:include:nosuch': "
		    "unknown file type 'nosuch'" },
		{ "x:include:c,,py", NULL },
		{ "x:include:c,", NULL },
		{ "x:include:", NULL },
		{ "x:include:all", NULL },
	};
	struct filetype_db *db = filetype_db_new();
	const char *x[] = { "x" };
	struct filetype_selection *s;

	for (size_t i = 0; i < UNIT_COUNT(cases); i++) {
		err[0] = '\0';
		if (filetype_add(db, cases[i].spec, err, sizeof(err)))
			unit_fail(__FILE__, __LINE__, "filetype_add fails",
			    "for '%s'", cases[i].spec);
		else if (err[0] == '\0')
			unit_fail(__FILE__, __LINE__, "a message",
			    "for '%s'", cases[i].spec);
		if (cases[i].message != NULL)
			expect_str_eq(err, cases[i].message);
	}
	/* No failed add left a type "x" behind. */
	s = filetype_selection_new(db, x, 1, NULL, 0, err, sizeof(err));
	expect_ptr_null(s);
	filetype_selection_free(s);
	filetype_db_free(db);
}

static void
test_type_clear(void)
{
	struct filetype_db *db = filetype_db_new();
	const char *c[] = { "c" };
	struct filetype_selection *s;

	filetype_clear(db, "c");
	filetype_clear(db, "nosuch");
	s = filetype_selection_new(db, c, 1, NULL, 0, err, sizeof(err));
	expect_ptr_null(s);
	filetype_selection_free(s);
	expect_true(filetype_add(db, "c:*.c", err, sizeof(err)));
	expect_true(is_type(db, "c", "x.c"));
	expect_false(is_type(db, "c", "x.h"));
	expect_true(is_type(db, "cpp", "x.h"));

	/* Clearing py also drops its interpreter. */
	filetype_clear(db, "py");
	expect_true(filetype_add(db, "py:*.py", err, sizeof(err)));
	s = sel_new(db, "py", NULL, NULL, NULL);
	assert_ptr_not_null(s);
	expect_false(filetype_selection_needs_shebang(s));
	expect_verdict(s, "script", FILETYPE_REJECT);
	filetype_selection_free(s);
	filetype_db_free(db);
}

static void
test_shebang_type(void)
{
	static const struct {
		const char *line;
		const char *type; /* NULL: none */
	} cases[] = {
		{ "#!/usr/bin/python3\nimport os\n", "py" },
		{ "#!/usr/bin/python\n", "py" },
		{ "#!/usr/bin/python2.7\n", "py" },
		{ "#!/usr/bin/env python3\n", "py" },
		{ "#! /usr/bin/env python3\n", "py" },
		{ "#!\t/usr/bin/env\tpython3\n", "py" },
		{ "#!/usr/bin/env -S python3 -u\n", "py" },
		{ "#!/usr/bin/env -S'python3 -u'\n", "py" },
		{ "#!/usr/bin/env -i PYTHONPATH=. python3\n", "py" },
		{ "#!/usr/bin/env -u HOME python3\n", "py" },
		{ "#!/usr/bin/python3\r\n", "py" },
		{ "#!/usr/bin/env python3\r\nx\r\n", "py" },
		{ "#!/usr/local/bin/pypy3 -O\n", "py" },
		{ "#!/usr/bin/python3", "py" }, /* no newline in the head */
		{ "#!/bin/sh\n", "sh" },
		{ "#!/bin/sh -e\n", "sh" },
		{ "#!/bin/bash\n", "sh" },
		{ "#!/usr/bin/env bash\n", "sh" },
		{ "#!/bin/dash\n", "sh" },
		{ "#!/bin/ash\n", "sh" },
		{ "#!/bin/ksh93\n", "sh" },
		{ "#!/bin/tcsh -f\n", "sh" },
		{ "#!/bin/zsh\n", "zsh" },
		{ "#!/usr/bin/perl -w\n", "perl" },
		{ "#!/usr/bin/env perl5.36\n", "perl" },
		{ "#!/usr/bin/ruby\n", "ruby" },
		{ "#!/usr/bin/env ruby\n", "ruby" },
		{ "#!/usr/bin/env node\n", "js" },
		{ "#!/usr/bin/nodejs\n", "js" },
		{ "#!/usr/bin/lua5.4\n", "lua" },
		{ "#!/usr/bin/php\n", "php" },
		{ "#!/usr/bin/awk -f\n", "awk" },
		{ "#!/usr/bin/tclsh8.6\n", "tcl" },
		{ "python3\n", NULL },
		{ "# !/usr/bin/python3\n", NULL },
		{ "# comment\n#!/usr/bin/python3\n", NULL },
		{ "\n#!/usr/bin/python3\n", NULL },
		{ " #!/usr/bin/python3\n", NULL },
		{ "#!\n", NULL },
		{ "#!", NULL },
		{ "#", NULL },
		{ "", NULL },
		{ "#!/usr/bin/env\n", NULL },
		{ "#!/usr/bin/env -i\n", NULL },
		{ "#!/usr/bin/pythonic\n", NULL },
		{ "#!/usr/bin/python3-config\n", NULL },
		{ "#!/bin/bash-static\n", NULL },
		{ "#!/usr/bin/make -f\n", NULL },
		{ "#!/usr/bin/env\n python3\n", NULL },
		{ "#!/opt/python3/bin/node\n", "js" },
	};

	for (size_t i = 0; i < UNIT_COUNT(cases); i++) {
		const char *got = filetype_shebang_type(cases[i].line,
		    strlen(cases[i].line));
		bool same = got == NULL || cases[i].type == NULL ?
		    got == cases[i].type : strcmp(got, cases[i].type) == 0;

		if (!same)
			unit_fail(__FILE__, __LINE__, "shebang type",
			    "for \"%s\": %s, want %s", cases[i].line,
			    got ? got : "(none)",
			    cases[i].type ? cases[i].type : "(none)");
	}
	expect_ptr_null(filetype_shebang_type(NULL, 0));
	/* Only len bytes count. */
	expect_ptr_null(filetype_shebang_type("#!/bin/sh\n", 1));
	expect_str_eq(filetype_shebang_type("#!/bin/shell", 9), "sh");
}

static void
test_shebang_select(void)
{
	struct filetype_db *db = filetype_db_new();
	struct filetype_selection *s;

	/* -t py: extensionless names depend on the "#!" line. */
	s = sel_new(db, "py", NULL, NULL, NULL);
	assert_ptr_not_null(s);
	expect_true(filetype_selection_needs_shebang(s));
	expect_verdict(s, "manage", FILETYPE_SHEBANG);
	expect_verdict(s, ".hidden", FILETYPE_SHEBANG);
	expect_verdict(s, "notes.txt", FILETYPE_REJECT);
	expect_verdict(s, "app.py", FILETYPE_ACCEPT);
	expect_true(filetype_select_shebang(s,
	    SB("#!/usr/bin/env python3\n")));
	expect_true(filetype_select_shebang(s, SB("#!/usr/bin/python3\r\n")));
	expect_false(filetype_select_shebang(s, SB("#!/bin/sh\n")));
	expect_false(filetype_select_shebang(s, SB("import os\n")));
	expect_false(filetype_select_shebang(s, NULL, 0));
	filetype_selection_free(s);

	/* -t sh takes bash, zsh and csh scripts. */
	s = sel_new(db, "sh", NULL, NULL, NULL);
	assert_ptr_not_null(s);
	expect_true(filetype_select_shebang(s, SB("#!/bin/bash\n")));
	expect_true(filetype_select_shebang(s, SB("#!/bin/zsh\n")));
	expect_true(filetype_select_shebang(s, SB("#!/bin/csh\n")));
	expect_false(filetype_select_shebang(s, SB("#!/usr/bin/perl\n")));
	filetype_selection_free(s);

	/* -t zsh does not take a plain sh script. */
	s = sel_new(db, "zsh", NULL, NULL, NULL);
	assert_ptr_not_null(s);
	expect_true(filetype_select_shebang(s, SB("#!/bin/zsh\n")));
	expect_false(filetype_select_shebang(s, SB("#!/bin/bash\n")));
	filetype_selection_free(s);

	/* -T py alone: python scripts go, all else stays. */
	s = sel_new(db, NULL, NULL, "py", NULL);
	assert_ptr_not_null(s);
	expect_true(filetype_selection_needs_shebang(s));
	expect_verdict(s, "manage", FILETYPE_SHEBANG);
	expect_verdict(s, "main.rs", FILETYPE_ACCEPT);
	expect_verdict(s, "app.py", FILETYPE_REJECT);
	expect_false(filetype_select_shebang(s, SB("#!/usr/bin/python\n")));
	expect_true(filetype_select_shebang(s, SB("#!/bin/sh\n")));
	expect_true(filetype_select_shebang(s, NULL, 0));
	filetype_selection_free(s);

	/* -t sh -T zsh: bash yes, zsh no. */
	s = sel_new(db, "sh", NULL, "zsh", NULL);
	assert_ptr_not_null(s);
	expect_verdict(s, "x.zsh", FILETYPE_REJECT);
	expect_verdict(s, "x.sh", FILETYPE_ACCEPT);
	expect_true(filetype_select_shebang(s, SB("#!/bin/bash\n")));
	expect_false(filetype_select_shebang(s, SB("#!/bin/zsh\n")));
	filetype_selection_free(s);

	/* -t js covers node scripts; -t c has no interpreter. */
	s = sel_new(db, "js", NULL, NULL, NULL);
	assert_ptr_not_null(s);
	expect_true(filetype_select_shebang(s, SB("#!/usr/bin/env node\n")));
	filetype_selection_free(s);
	s = sel_new(db, "c", NULL, NULL, NULL);
	assert_ptr_not_null(s);
	expect_false(filetype_selection_needs_shebang(s));
	expect_verdict(s, "manage", FILETYPE_REJECT);
	filetype_selection_free(s);
	filetype_db_free(db);
}

/* The line of list that starts with prefix, as a new string, or NULL. */
static char *
list_line(const struct outbuf *list, const char *prefix)
{
	size_t n = strlen(prefix);

	for (size_t i = 0; i < list->len;) {
		const char *line = list->data + i;
		const char *nl = memchr(line, '\n', list->len - i);
		size_t len = nl ? (size_t)(nl - line) : list->len - i;

		if (len >= n && memcmp(line, prefix, n) == 0) {
			char *copy = malloc(len + 1);

			if (copy == NULL)
				return NULL;
			memcpy(copy, line, len);
			copy[len] = '\0';
			return copy;
		}
		i += len + 1;
	}
	return NULL;
}

#define expect_list_line(list, prefix, want) do {			\
	char *unit_l_ = list_line((list), (prefix));			\
	expect_str_eq(unit_l_, (want));					\
	free(unit_l_);							\
} while (0)

static void
test_type_list(void)
{
	struct filetype_db *db = filetype_db_new();
	struct outbuf out = OUTBUF_INIT;
	size_t lines = 0;
	const char *prev = NULL;
	size_t prev_len = 0;

	filetype_list(db, &out);
	assert_true(out.len > 0);
	assert_int_eq(out.data[out.len - 1], '\n');
	expect_list_line(&out, "c:", "c: *.H, *.c, *.c.in, *.h, *.h.in");
	expect_list_line(&out, "make:", "make: *.mak, *.mk, GNUmakefile, "
	    "Makefile, Makefile.am, Makefile.in, makefile");
	expect_list_line(&out, "log:", "log: *.log");
	expect_list_line(&out, "rust:", "rust: *.rs");
	expect_true(out.len >= 3 && memcmp(out.data, "ada: ", 5) == 0);

	/* Each line "name: glob, ...", names strictly increasing. */
	for (size_t i = 0; i < out.len;) {
		const char *line = out.data + i;
		const char *nl = memchr(line, '\n', out.len - i);
		const char *colon = memchr(line, ':', (size_t)(nl - line));
		size_t name_len;

		assert_ptr_not_null(colon);
		name_len = (size_t)(colon - line);
		expect_true(colon[1] == ' ' && colon[2] != ' ');
		if (prev != NULL) {
			size_t n = name_len < prev_len ? name_len : prev_len;
			int c = memcmp(prev, line, n);

			if (c > 0 || (c == 0 && prev_len >= name_len))
				unit_fail(__FILE__, __LINE__, "sorted",
				    "'%.*s' then '%.*s'", (int)prev_len, prev,
				    (int)name_len, line);
		}
		prev = line;
		prev_len = name_len;
		lines++;
		i = (size_t)(nl - out.data) + 1;
	}
	expect_true(lines >= 60);
	unit_note("%zu types", lines);

	/* User types take their place in the order. */
	outbuf_clear(&out);
	expect_true(filetype_add(db, "aaa:*.zz", err, sizeof(err)));
	expect_true(filetype_add(db, "c:*.cats", err, sizeof(err)));
	expect_true(filetype_add(db, "web:include:css,html", err,
	    sizeof(err)));
	filetype_clear(db, "ada");
	filetype_list(db, &out);
	expect_true(out.len >= 10 && memcmp(out.data, "aaa: *.zz\n", 10) ==
	    0);
	expect_list_line(&out, "c:", "c: *.H, *.c, *.c.in, *.cats, *.h, "
	    "*.h.in");
	expect_list_line(&out, "web:", "web: *.css, *.ejs, *.htm, *.html, "
	    "*.scss, *.shtml");
	expect_ptr_null(list_line(&out, "ada:"));
	outbuf_free(&out);
	filetype_db_free(db);
}

/*
 * The hash-set shortcuts must agree with matching each glob of the type
 * (taken from --type-list) with the glob module, for every type.
 */
static void
test_fast_path_agrees_with_globs(void)
{
	static const char *const names[] = {
		"foo.c", "foo.h", "x.tar.gz", "Makefile", "makefile",
		"GNUmakefile", "Makefile.in", "a.mk", ".bashrc", "bashrc",
		"Dockerfile", "Dockerfile.dev", "LICENSE", "LICENSE-MIT",
		"README", "README.md", "CMakeLists.txt", "Cargo.lock",
		"foo.C", "foo.R", "x.xml.dist", "x.gradle.kts", "a.d", ".c",
		"c", "", ".", "..", "a..c", "x.", "foo.hs-boot", "a.1",
		"meson.build", "composer.lock", "app.test.js", "noext",
		"a.c.in", "a.c.orig", "config.ru", "Gemfile", ".zshrc",
	};
	struct filetype_db *db = filetype_db_new();
	struct outbuf out = OUTBUF_INIT;
	unsigned checked = 0;

	filetype_list(db, &out);
	outbuf_putc(&out, '\0');
	for (char *line = out.data; *line != '\0';) {
		char *nl = strchr(line, '\n');
		char *colon = strchr(line, ':');
		struct glob *globs[64];
		size_t nglobs = 0;
		struct filetype_selection *s;

		*nl = '\0';
		*colon = '\0';
		for (char *g = colon + 2; *g != '\0' && nglobs < 64;) {
			size_t n = strcspn(g, ",");
			const char *why = NULL;

			globs[nglobs] = glob_compile(g, n, 0, &why);
			if (globs[nglobs] == NULL)
				unit_fail(__FILE__, __LINE__, "glob compiles",
				    "'%.*s': %s", (int)n, g, why);
			else
				nglobs++;
			g += n;
			g += strspn(g, ", ");
		}
		s = sel_new(db, line, NULL, NULL, NULL);
		for (size_t i = 0; s != NULL && i < UNIT_COUNT(names); i++) {
			size_t len = strlen(names[i]);
			bool want = false;
			bool got = filetype_select(s, names[i], len) ==
			    FILETYPE_ACCEPT;

			for (size_t j = 0; j < nglobs && !want; j++)
				want = glob_match(globs[j], names[i], len);
			if (got != want)
				unit_fail(__FILE__, __LINE__, "agrees",
				    "type %s, '%s': fast %d, globs %d", line,
				    names[i], got, want);
			checked++;
		}
		filetype_selection_free(s);
		for (size_t j = 0; j < nglobs; j++)
			glob_free(globs[j]);
		line = nl + 1;
	}
	unit_note("%u checks", checked);
	outbuf_free(&out);
	filetype_db_free(db);
}

static void
test_read_head(void)
{
	const char *tmp = getenv("TMPDIR");
	char path[4096], buf[256];
	static const char text[] = "#!/usr/bin/env python3\nprint(1)\n";
	ssize_t n;
	FILE *f;
	int fd;

	snprintf(path, sizeof(path), "%s/isogrep-filetype-XXXXXX",
	    tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
	fd = mkstemp(path);
	assert_int_ne(fd, -1);
	f = fdopen(fd, "w");
	assert_ptr_not_null(f);
	fputs(text, f);
	fclose(f);

	n = filetype_read_head(path, buf, sizeof(buf));
	expect_true(n >= 23 && (size_t)n <= sizeof(text) - 1);
	expect_true(n > 0 && memcmp(buf, text, 23) == 0);
	expect_str_eq(filetype_shebang_type(buf, n > 0 ? (size_t)n : 0),
	    "py");

	/* A short buffer takes what fits. */
	n = filetype_read_head(path, buf, 4);
	expect_int_eq(n, 4);
	expect_true(memcmp(buf, "#!/u", 4) == 0);

	unlink(path);
	errno = 0;
	expect_int_eq(filetype_read_head(path, buf, sizeof(buf)), -1);
	expect_int_eq(errno, ENOENT);
}

int
main(int argc, char **argv)
{
	static const struct unit_test tests[] = {
		UNIT_TEST(test_builtin_lookup),
		UNIT_TEST(test_select_and_negate),
		UNIT_TEST(test_unknown_type),
		UNIT_TEST(test_type_add_glob),
		UNIT_TEST(test_type_add_include),
		UNIT_TEST(test_type_add_errors),
		UNIT_TEST(test_type_clear),
		UNIT_TEST(test_shebang_type),
		UNIT_TEST(test_shebang_select),
		UNIT_TEST(test_type_list),
		UNIT_TEST(test_fast_path_agrees_with_globs),
		UNIT_TEST(test_read_head),
	};

	return unit_run(argc, argv, tests, UNIT_COUNT(tests));
}
