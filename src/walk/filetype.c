/*
 * filetype.c - the type table behind -t, -T, --type-add and --type-list.
 *
 * This module knows which names make a file "c" or "make"; it does not walk,
 * stat or decide anything else about a file.  The walker asks it about a
 * base name, and for an extensionless script about the first line, which
 * the walker reads (with filetype_read_head) because only the walker knows
 * whether the file is a regular, executable one worth opening.
 *
 * Two stages.  The database is the built-in table plus the user's
 * --type-add and --type-clear, kept as plain lists of globs so --type-list
 * and includes are simple.  A selection is compiled from it once for the
 * -t and -T names: running every glob of every chosen type on every file
 * would cost a glob match per glob per file, so the globs are sorted into
 * three kinds.  "*.EXT" globs go into a hash set keyed by EXT, looked up
 * once per '.' in the name (which also covers "*.tar.gz"); globs without
 * wildcards go into a hash set of whole names; only the rest (such as
 * "Dockerfile.*") are compiled and matched one by one.  Each entry carries
 * bits saying whether it stands for a -t type, a -T type or both.
 *
 * Matching is case-sensitive, as in ripgrep: the table spells out the case
 * variants that matter ("*.C" is C++, "*.R" is R, "Makefile" and
 * "makefile").
 */
#include "walk/filetype.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/xmalloc.h"
#include "walk/glob.h"

/* Interpreter families a "#!" line can name, as a bit set. */
enum {
	SB_PYTHON = 1 << 0,
	SB_SH = 1 << 1,
	SB_ZSH = 1 << 2,
	SB_CSH = 1 << 3,
	SB_PERL = 1 << 4,
	SB_RUBY = 1 << 5,
	SB_NODE = 1 << 6,
	SB_LUA = 1 << 7,
	SB_PHP = 1 << 8,
	SB_AWK = 1 << 9,
	SB_TCL = 1 << 10,
};

/*
 * The built-in types.  Globs are separated by spaces (no built-in glob
 * needs one).  Keep the rows sorted by name: it makes duplicates obvious.
 */
static const struct ft_builtin {
	const char *name;
	const char *globs;
	unsigned shebang;
} ft_builtins[] = {
	{ "ada", "*.adb *.ads", 0 },
	{ "asciidoc", "*.adoc *.asc *.asciidoc", 0 },
	{ "asm", "*.S *.asm *.s", 0 },
	{ "awk", "*.awk", SB_AWK },
	{ "bat", "*.bat *.cmd", 0 },
	{ "bazel", "*.bazel *.bazelrc *.bzl BUILD WORKSPACE", 0 },
	{ "c", "*.H *.c *.c.in *.h *.h.in", 0 },
	{ "clojure", "*.clj *.cljc *.cljs *.edn", 0 },
	{ "cmake", "*.cmake CMakeLists.txt", 0 },
	{ "coffeescript", "*.coffee", 0 },
	{ "config", "*.cfg *.conf *.config *.ini", 0 },
	{ "cpp", "*.C *.H *.c++ *.cc *.cpp *.cxx *.h *.h++ *.hh *.hpp *.hxx "
	    "*.inl *.ipp *.tcc", 0 },
	{ "cs", "*.cs *.csx", 0 },
	{ "css", "*.css *.scss", 0 },
	{ "csv", "*.csv *.tsv", 0 },
	{ "cuda", "*.cu *.cuh", 0 },
	{ "cython", "*.pxd *.pxi *.pyx", 0 },
	{ "d", "*.d", 0 },
	{ "dart", "*.dart", 0 },
	{ "diff", "*.diff *.patch", 0 },
	{ "docker", "*.Dockerfile *.dockerfile Containerfile Dockerfile "
	    "Dockerfile.*", 0 },
	{ "elisp", "*.el", 0 },
	{ "elixir", "*.eex *.ex *.exs *.heex *.leex", 0 },
	{ "elm", "*.elm", 0 },
	{ "erlang", "*.erl *.escript *.hrl", 0 },
	{ "fish", "*.fish", 0 },
	{ "fortran", "*.F *.F77 *.F90 *.F95 *.f *.f03 *.f08 *.f77 *.f90 "
	    "*.f95 *.for", 0 },
	{ "fsharp", "*.fs *.fsi *.fsx", 0 },
	{ "gn", "*.gn *.gni", 0 },
	{ "go", "*.go", 0 },
	{ "gradle", "*.gradle *.gradle.kts", 0 },
	{ "graphql", "*.gql *.graphql", 0 },
	{ "groovy", "*.gradle *.groovy", 0 },
	{ "haskell", "*.hs *.hs-boot *.hsc *.lhs", 0 },
	{ "html", "*.ejs *.htm *.html *.shtml", 0 },
	{ "java", "*.java *.jsp *.jspx *.properties", 0 },
	{ "jinja", "*.j2 *.jinja *.jinja2", 0 },
	{ "js", "*.cjs *.js *.jsx *.mjs *.vue", SB_NODE },
	{ "json", "*.json *.jsonc composer.lock", 0 },
	{ "jsonl", "*.jsonl *.ndjson", 0 },
	{ "julia", "*.jl", 0 },
	{ "jupyter", "*.ipynb", 0 },
	{ "kotlin", "*.kt *.kts", 0 },
	{ "less", "*.less", 0 },
	{ "license", "COPYING COPYING.* COPYRIGHT LICENCE LICENCE.* LICENSE "
	    "LICENSE-* LICENSE.* NOTICE UNLICENSE", 0 },
	{ "lisp", "*.asd *.lisp *.lsp", 0 },
	{ "log", "*.log", 0 },
	{ "lua", "*.lua", SB_LUA },
	{ "m4", "*.ac *.m4", 0 },
	{ "make", "*.mak *.mk GNUmakefile Makefile Makefile.am Makefile.in "
	    "makefile", 0 },
	{ "man", "*.1 *.2 *.3 *.4 *.5 *.6 *.7 *.8 *.9 *.man", 0 },
	{ "markdown", "*.markdown *.md *.mdown *.mdx *.mkdn", 0 },
	{ "matlab", "*.m", 0 },
	{ "md", "*.markdown *.md *.mdown *.mdx *.mkdn", 0 },
	{ "meson", "meson.build meson.options meson_options.txt", 0 },
	{ "nim", "*.nim *.nimble *.nims", 0 },
	{ "ninja", "*.ninja", 0 },
	{ "nix", "*.nix", 0 },
	{ "objc", "*.h *.m", 0 },
	{ "objcpp", "*.h *.mm", 0 },
	{ "ocaml", "*.ml *.mli *.mll *.mly", 0 },
	{ "org", "*.org", 0 },
	{ "pascal", "*.dpr *.lpr *.pas *.pp", 0 },
	{ "perl", "*.PL *.perl *.pl *.plx *.pm *.pod *.t", SB_PERL },
	{ "php", "*.php *.php3 *.php4 *.php5 *.phpt *.phtml", SB_PHP },
	{ "po", "*.po *.pot", 0 },
	{ "pod", "*.pod", 0 },
	{ "protobuf", "*.proto", 0 },
	{ "ps", "*.ps1 *.ps1xml *.psd1 *.psm1", 0 },
	{ "puppet", "*.epp *.pp", 0 },
	{ "py", "*.py *.pyi *.pyw", SB_PYTHON },
	{ "r", "*.R *.Rmd *.Rnw *.r", 0 },
	{ "readme", "README README.*", 0 },
	{ "rst", "*.rst", 0 },
	{ "ruby", "*.gemspec *.rake *.rb *.rbw *.ru .irbrc Gemfile Rakefile",
	    SB_RUBY },
	{ "rust", "*.rs", 0 },
	{ "sass", "*.sass *.scss", 0 },
	{ "scala", "*.sbt *.sc *.scala", 0 },
	{ "scheme", "*.scm *.sld *.sls *.ss", 0 },
	{ "sh", "*.bash *.bashrc *.csh *.ksh *.sh *.tcsh *.zsh .bash_login "
	    ".bash_logout .bash_profile .bashrc .cshrc .kshrc .login .logout "
	    ".profile .tcshrc .zlogin .zlogout .zprofile .zshenv .zshrc "
	    "bashrc profile zshenv zshrc", SB_SH | SB_ZSH | SB_CSH },
	{ "sql", "*.psql *.sql", 0 },
	{ "svelte", "*.svelte", 0 },
	{ "svg", "*.svg", 0 },
	{ "swift", "*.swift", 0 },
	{ "systemd", "*.automount *.mount *.path *.service *.slice *.socket "
	    "*.target *.timer", 0 },
	{ "tcl", "*.tcl *.tk", SB_TCL },
	{ "tex", "*.bib *.cls *.dtx *.ins *.ltx *.sty *.tex", 0 },
	{ "tf", "*.tf *.tfvars", 0 },
	{ "toml", "*.toml Cargo.lock", 0 },
	{ "ts", "*.cts *.mts *.ts *.tsx", 0 },
	{ "txt", "*.txt", 0 },
	{ "verilog", "*.sv *.svh *.v *.vh", 0 },
	{ "vhdl", "*.vhd *.vhdl", 0 },
	{ "vim", "*.vim .gvimrc .vimrc gvimrc vimrc", 0 },
	{ "vue", "*.vue", 0 },
	{ "xml", "*.dtd *.plist *.rng *.xhtml *.xml *.xml.dist *.xsd *.xsl "
	    "*.xslt", 0 },
	{ "yacc", "*.y *.yy", 0 },
	{ "yaml", "*.yaml *.yml", 0 },
	{ "zig", "*.zig *.zon", 0 },
	{ "zsh", "*.zsh .zlogin .zlogout .zprofile .zshenv .zshrc zshenv "
	    "zshrc", SB_ZSH },
};

/*
 * Interpreters, matched against the base name of the "#!" command: the
 * name itself or the name followed by a version of digits and dots
 * ("python3.11", "tclsh8.6").
 */
static const struct ft_interpreter {
	const char *name;
	unsigned family;
} ft_interpreters[] = {
	{ "python", SB_PYTHON }, { "pypy", SB_PYTHON },
	{ "sh", SB_SH }, { "bash", SB_SH }, { "dash", SB_SH },
	{ "ash", SB_SH }, { "ksh", SB_SH }, { "mksh", SB_SH },
	{ "yash", SB_SH }, { "posh", SB_SH },
	{ "zsh", SB_ZSH },
	{ "csh", SB_CSH }, { "tcsh", SB_CSH },
	{ "perl", SB_PERL },
	{ "ruby", SB_RUBY }, { "jruby", SB_RUBY },
	{ "node", SB_NODE }, { "nodejs", SB_NODE }, { "deno", SB_NODE },
	{ "bun", SB_NODE },
	{ "lua", SB_LUA }, { "luajit", SB_LUA },
	{ "php", SB_PHP },
	{ "awk", SB_AWK }, { "gawk", SB_AWK }, { "mawk", SB_AWK },
	{ "nawk", SB_AWK },
	{ "tclsh", SB_TCL }, { "wish", SB_TCL },
};

/* The type filetype_shebang_type names for each family. */
static const struct ft_family_name {
	unsigned family;
	const char *type;
} ft_family_names[] = {
	{ SB_PYTHON, "py" }, { SB_SH, "sh" }, { SB_ZSH, "zsh" },
	{ SB_CSH, "sh" }, { SB_PERL, "perl" }, { SB_RUBY, "ruby" },
	{ SB_NODE, "js" }, { SB_LUA, "lua" }, { SB_PHP, "php" },
	{ SB_AWK, "awk" }, { SB_TCL, "tcl" },
};

#define FT_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A glob or name: into the static table, or into a string db->owned has. */
struct ft_str {
	const char *s;
	size_t len;
};

struct ft_type {
	struct ft_str name;
	struct ft_str *globs;
	size_t nglobs;
	size_t cap;
	unsigned shebang; /* SB_* families that make a script this type */
};

struct filetype_db {
	struct ft_type *types;
	size_t ntypes;
	size_t cap;
	char **owned; /* copies of user names and globs */
	size_t nowned;
	size_t owned_cap;
};

/* What an entry of a selection stands for. */
enum {
	SEL_ACCEPT = 1, /* a -t type */
	SEL_REJECT = 2, /* a -T type */
};

struct ft_slot {
	char *key; /* NULL: empty slot */
	size_t len;
	unsigned bits;
};

/* An open-addressing hash set of strings; cap is 0 or a power of two. */
struct ft_set {
	struct ft_slot *slots;
	size_t cap;
	size_t count;
};

struct ft_general {
	struct glob *glob;
	unsigned bits;
};

struct filetype_selection {
	struct ft_set exts;  /* "*.EXT" globs, keyed by EXT */
	struct ft_set names; /* globs without wildcards */
	struct ft_general *general;
	size_t ngeneral;
	bool has_select;           /* some -t was given */
	unsigned shebang_select;   /* families of the -t types */
	unsigned shebang_negate;   /* families of the -T types */
};

static void *
ft_alloc(size_t n, size_t size)
{
	return xcalloc(n, size);
}

/*
 * Make array (*cap elements of size bytes) hold at least need elements;
 * returns it, perhaps moved.
 */
static void *
ft_grow(void *array, size_t *cap, size_t need, size_t size)
{
	size_t ncap = *cap ? *cap : 8;

	if (need <= *cap)
		return array;
	while (ncap < need)
		ncap *= 2;
	array = xreallocarray(array, ncap, size);
	*cap = ncap;
	return array;
}

static char *
ft_strndup(const char *s, size_t len)
{
	char *copy = ft_alloc(len + 1, 1);

	memcpy(copy, s, len);
	return copy;
}

static bool
ft_str_eq(struct ft_str a, const char *s, size_t len)
{
	return a.len == len && memcmp(a.s, s, len) == 0;
}

/* Keep a copy of s[0, len) for the database's lifetime. */
static struct ft_str
db_own(struct filetype_db *db, const char *s, size_t len)
{
	char *copy = ft_strndup(s, len);

	db->owned = ft_grow(db->owned, &db->owned_cap, db->nowned + 1,
	    sizeof(*db->owned));
	db->owned[db->nowned++] = copy;
	return (struct ft_str){ copy, len };
}

/* The index of the type name[0, len), or -1. */
static long
db_find(const struct filetype_db *db, const char *name, size_t len)
{
	for (size_t i = 0; i < db->ntypes; i++)
		if (ft_str_eq(db->types[i].name, name, len))
			return (long)i;
	return -1;
}

/* Append an empty type; name must outlive the database. */
static size_t
db_new_type(struct filetype_db *db, struct ft_str name)
{
	struct ft_type *t;

	db->types = ft_grow(db->types, &db->cap, db->ntypes + 1,
	    sizeof(*db->types));
	t = &db->types[db->ntypes];
	memset(t, 0, sizeof(*t));
	t->name = name;
	return db->ntypes++;
}

/* Add a glob to a type unless it is there already. */
static void
type_add_glob(struct ft_type *t, struct ft_str glob)
{
	for (size_t i = 0; i < t->nglobs; i++)
		if (ft_str_eq(t->globs[i], glob.s, glob.len))
			return;
	t->globs = ft_grow(t->globs, &t->cap, t->nglobs + 1,
	    sizeof(*t->globs));
	t->globs[t->nglobs++] = glob;
}

struct filetype_db *
filetype_db_new(void)
{
	struct filetype_db *db = ft_alloc(1, sizeof(*db));

	for (size_t i = 0; i < FT_COUNT(ft_builtins); i++) {
		const struct ft_builtin *b = &ft_builtins[i];
		size_t at = db_new_type(db,
		    (struct ft_str){ b->name, strlen(b->name) });
		struct ft_type *t = &db->types[at];
		const char *p = b->globs;

		t->shebang = b->shebang;
		while (*p != '\0') {
			size_t n = strcspn(p, " ");

			if (n > 0)
				type_add_glob(t, (struct ft_str){ p, n });
			p += n;
			p += strspn(p, " ");
		}
	}
	return db;
}

void
filetype_db_free(struct filetype_db *db)
{
	if (db == NULL)
		return;
	for (size_t i = 0; i < db->ntypes; i++)
		free(db->types[i].globs);
	free(db->types);
	for (size_t i = 0; i < db->nowned; i++)
		free(db->owned[i]);
	free(db->owned);
	free(db);
}

/*
 * Letters, digits, '_', '-' and any non-ASCII byte (so UTF-8 names work
 * without this module judging them); "all" is the selection of every type.
 */
static bool
valid_type_name(const char *name, size_t len)
{
	if (len == 0 || (len == 3 && memcmp(name, "all", 3) == 0))
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];

		if (!(c >= 0x80 || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '_' || c == '-'))
			return false;
	}
	return true;
}

/* The "NAME:include:A,B" form of filetype_add; list is "A,B". */
static bool
add_include(struct filetype_db *db, const char *spec, struct ft_str name,
    const char *list, char *err, size_t errsize)
{
	size_t target;
	long found;

	if (*list == '\0') {
		snprintf(err, errsize, "invalid --type-add '%s': no type "
		    "after 'include:'", spec);
		return false;
	}
	/* Check every name first, so a failed add changes nothing. */
	for (const char *p = list;;) {
		size_t n = strcspn(p, ",");

		if (db_find(db, p, n) < 0) {
			snprintf(err, errsize, "invalid --type-add '%s': "
			    "unknown file type '%.*s'", spec, (int)n, p);
			return false;
		}
		if (p[n] == '\0')
			break;
		p += n + 1;
	}
	found = db_find(db, name.s, name.len);
	target = found >= 0 ? (size_t)found :
	    db_new_type(db, db_own(db, name.s, name.len));
	/*
	 * Indices, not pointers: the target's glob array may move as it
	 * grows, and the source may be the target itself.
	 */
	for (const char *p = list;;) {
		size_t n = strcspn(p, ",");
		size_t from = (size_t)db_find(db, p, n);

		for (size_t i = 0; i < db->types[from].nglobs; i++)
			type_add_glob(&db->types[target],
			    db->types[from].globs[i]);
		db->types[target].shebang |= db->types[from].shebang;
		if (p[n] == '\0')
			break;
		p += n + 1;
	}
	return true;
}

bool
filetype_add(struct filetype_db *db, const char *spec, char *err,
    size_t errsize)
{
	static const char include[] = "include:";
	const char *colon = strchr(spec, ':');
	const char *glob_text, *why = NULL;
	struct ft_str name;
	struct glob *g;
	size_t glob_len;
	long found;

	if (colon == NULL) {
		snprintf(err, errsize, "invalid --type-add '%s': expected "
		    "NAME:GLOB or NAME:include:TYPE,...", spec);
		return false;
	}
	name = (struct ft_str){ spec, (size_t)(colon - spec) };
	if (!valid_type_name(name.s, name.len)) {
		snprintf(err, errsize, "invalid --type-add '%s': %s", spec,
		    name.len == 0 ? "empty type name" :
		    ft_str_eq(name, "all", 3) ? "the type name 'all' is "
		    "reserved" : "a type name is letters, digits, '_' and '-'");
		return false;
	}
	glob_text = colon + 1;
	if (strncmp(glob_text, include, sizeof(include) - 1) == 0)
		return add_include(db, spec, name,
		    glob_text + sizeof(include) - 1, err, errsize);

	glob_len = strlen(glob_text);
	if (glob_len == 0)
		why = "empty glob";
	else if (memchr(glob_text, '/', glob_len) != NULL)
		why = "type globs match base names, so cannot contain '/'";
	if (why != NULL) {
		snprintf(err, errsize, "invalid --type-add '%s': %s", spec,
		    why);
		return false;
	}
	g = glob_compile(glob_text, glob_len, 0, &why);
	if (g == NULL) {
		snprintf(err, errsize, "invalid --type-add '%s': %s", spec,
		    why);
		return false;
	}
	glob_free(g);

	found = db_find(db, name.s, name.len);
	if (found < 0)
		found = (long)db_new_type(db, db_own(db, name.s, name.len));
	type_add_glob(&db->types[found], db_own(db, glob_text, glob_len));
	return true;
}

void
filetype_clear(struct filetype_db *db, const char *name)
{
	long found = db_find(db, name, strlen(name));
	size_t i;

	if (found < 0)
		return;
	i = (size_t)found;
	free(db->types[i].globs);
	memmove(&db->types[i], &db->types[i + 1],
	    (db->ntypes - i - 1) * sizeof(*db->types));
	db->ntypes--;
}

/* Byte order, a shorter string first on a tie: what strcmp would say. */
static int
ft_str_cmp(struct ft_str a, struct ft_str b)
{
	int c = memcmp(a.s, b.s, a.len < b.len ? a.len : b.len);

	if (c != 0)
		return c;
	return (a.len > b.len) - (a.len < b.len);
}

static int
cmp_type_ptr(const void *a, const void *b)
{
	const struct ft_type *const *x = a, *const *y = b;

	return ft_str_cmp((*x)->name, (*y)->name);
}

static int
cmp_str(const void *a, const void *b)
{
	return ft_str_cmp(*(const struct ft_str *)a,
	    *(const struct ft_str *)b);
}

void
filetype_list(const struct filetype_db *db, struct outbuf *out)
{
	const struct ft_type **order = ft_alloc(db->ntypes, sizeof(*order));
	struct ft_str *globs = NULL;
	size_t globs_cap = 0;

	for (size_t i = 0; i < db->ntypes; i++)
		order[i] = &db->types[i];
	qsort(order, db->ntypes, sizeof(*order), cmp_type_ptr);
	for (size_t i = 0; i < db->ntypes; i++) {
		const struct ft_type *t = order[i];

		globs = ft_grow(globs, &globs_cap, t->nglobs, sizeof(*globs));
		if (t->nglobs > 0)
			memcpy(globs, t->globs, t->nglobs * sizeof(*globs));
		qsort(globs, t->nglobs, sizeof(*globs), cmp_str);
		outbuf_append(out, t->name.s, t->name.len);
		outbuf_putc(out, ':');
		for (size_t j = 0; j < t->nglobs; j++) {
			outbuf_puts(out, j == 0 ? " " : ", ");
			outbuf_append(out, globs[j].s, globs[j].len);
		}
		outbuf_putc(out, '\n');
	}
	free(globs);
	free(order);
}

/* FNV-1a: short keys, no adversary worth a keyed hash. */
static uint64_t
ft_hash(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325u;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3u;
	}
	return h;
}

/* The slot holding s[0, len), or the empty slot where it would go. */
static struct ft_slot *
set_slot(const struct ft_set *set, const char *s, size_t len)
{
	size_t mask = set->cap - 1;
	size_t i = (size_t)ft_hash(s, len) & mask;

	while (set->slots[i].key != NULL &&
	    !(set->slots[i].len == len &&
	    memcmp(set->slots[i].key, s, len) == 0))
		i = (i + 1) & mask;
	return &set->slots[i];
}

static unsigned
set_get(const struct ft_set *set, const char *s, size_t len)
{
	if (set->count == 0)
		return 0;
	return set_slot(set, s, len)->bits;
}

/* Add bits to the entry for s[0, len), creating it. */
static void
set_add(struct ft_set *set, const char *s, size_t len, unsigned bits)
{
	struct ft_slot *slot;

	/* At most half full, so probes stay short and always end. */
	if (2 * (set->count + 1) > set->cap) {
		struct ft_set grown = { NULL, set->cap ? 2 * set->cap : 16, 0 };

		grown.slots = ft_alloc(grown.cap, sizeof(*grown.slots));
		for (size_t i = 0; i < set->cap; i++) {
			struct ft_slot *old = &set->slots[i];

			if (old->key != NULL)
				*set_slot(&grown, old->key, old->len) = *old;
		}
		grown.count = set->count;
		free(set->slots);
		*set = grown;
	}
	slot = set_slot(set, s, len);
	if (slot->key == NULL) {
		slot->key = ft_strndup(s, len);
		slot->len = len;
		set->count++;
	}
	slot->bits |= bits;
}

static void
set_free(struct ft_set *set)
{
	for (size_t i = 0; i < set->cap; i++)
		free(set->slots[i].key);
	free(set->slots);
}

static bool
has_wildcard(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (memchr("*?[\\", s[i], 4) != NULL)
			return true;
	return false;
}

/*
 * The general globs of a selection while it is built, merged by text and
 * compiled at the end.
 */
struct pending {
	struct pending_glob {
		struct ft_str text;
		unsigned bits;
	} *globs;
	size_t n;
	size_t cap;
};

/* File one glob of a type under the fastest check that is exact for it. */
static void
sel_add_glob(struct filetype_selection *sel, struct pending *pend,
    struct ft_str glob, unsigned bits)
{
	if (!has_wildcard(glob.s, glob.len)) {
		set_add(&sel->names, glob.s, glob.len, bits);
		return;
	}
	if (glob.len > 2 && glob.s[0] == '*' && glob.s[1] == '.' &&
	    !has_wildcard(glob.s + 2, glob.len - 2)) {
		set_add(&sel->exts, glob.s + 2, glob.len - 2, bits);
		return;
	}
	for (size_t i = 0; i < pend->n; i++) {
		if (ft_str_eq(pend->globs[i].text, glob.s, glob.len)) {
			pend->globs[i].bits |= bits;
			return;
		}
	}
	pend->globs = ft_grow(pend->globs, &pend->cap, pend->n + 1,
	    sizeof(*pend->globs));
	pend->globs[pend->n++] = (struct pending_glob){ glob, bits };
}

static void
sel_add_type(struct filetype_selection *sel, struct pending *pend,
    const struct ft_type *t, unsigned bits)
{
	for (size_t i = 0; i < t->nglobs; i++)
		sel_add_glob(sel, pend, t->globs[i], bits);
	if (bits & SEL_ACCEPT)
		sel->shebang_select |= t->shebang;
	if (bits & SEL_REJECT)
		sel->shebang_negate |= t->shebang;
}

/* Add the types named in names[0, n); false on an unknown name. */
static bool
sel_add_names(struct filetype_selection *sel, struct pending *pend,
    const struct filetype_db *db, const char *const *names, size_t n,
    unsigned bits, char *err, size_t errsize)
{
	for (size_t i = 0; i < n; i++) {
		long found;

		if (strcmp(names[i], "all") == 0) {
			for (size_t j = 0; j < db->ntypes; j++)
				sel_add_type(sel, pend, &db->types[j], bits);
			continue;
		}
		found = db_find(db, names[i], strlen(names[i]));
		if (found < 0) {
			snprintf(err, errsize, "unknown file type '%s'; see "
			    "--type-list", names[i]);
			return false;
		}
		sel_add_type(sel, pend, &db->types[found], bits);
	}
	return true;
}

struct filetype_selection *
filetype_selection_new(const struct filetype_db *db,
    const char *const *select, size_t nselect, const char *const *negate,
    size_t nnegate, char *err, size_t errsize)
{
	struct filetype_selection *sel = ft_alloc(1, sizeof(*sel));
	struct pending pend = { NULL, 0, 0 };
	bool ok;

	sel->has_select = nselect > 0;
	ok = sel_add_names(sel, &pend, db, select, nselect, SEL_ACCEPT, err,
	    errsize) && sel_add_names(sel, &pend, db, negate, nnegate,
	    SEL_REJECT, err, errsize);
	if (ok && pend.n > 0) {
		sel->general = ft_alloc(pend.n, sizeof(*sel->general));
		for (size_t i = 0; i < pend.n; i++) {
			const char *why = NULL;
			struct ft_str text = pend.globs[i].text;
			struct glob *g = glob_compile(text.s, text.len, 0,
			    &why);

			if (g == NULL) {
				snprintf(err, errsize, "invalid type glob "
				    "'%.*s': %s", (int)text.len, text.s, why);
				ok = false;
				break;
			}
			sel->general[sel->ngeneral].glob = g;
			sel->general[sel->ngeneral++].bits =
			    pend.globs[i].bits;
		}
	}
	free(pend.globs);
	if (!ok) {
		filetype_selection_free(sel);
		return NULL;
	}
	return sel;
}

void
filetype_selection_free(struct filetype_selection *sel)
{
	if (sel == NULL)
		return;
	set_free(&sel->exts);
	set_free(&sel->names);
	for (size_t i = 0; i < sel->ngeneral; i++)
		glob_free(sel->general[i].glob);
	free(sel->general);
	free(sel);
}

bool
filetype_selection_needs_shebang(const struct filetype_selection *sel)
{
	return (sel->shebang_select | sel->shebang_negate) != 0;
}

/* The decision once the name's SEL_* bits are known, "#!" aside. */
static enum filetype_verdict
judge(const struct filetype_selection *sel, unsigned bits, bool may_shebang)
{
	if (bits & SEL_REJECT)
		return FILETYPE_REJECT;
	if (sel->has_select && !(bits & SEL_ACCEPT))
		return may_shebang && sel->shebang_select != 0 ?
		    FILETYPE_SHEBANG : FILETYPE_REJECT;
	/*
	 * Accepted by name, or no -t at all: only a -T interpreter can
	 * still reject an extensionless script, and a name that matched a
	 * -t type is taken at its word.
	 */
	if (!sel->has_select && may_shebang && sel->shebang_negate != 0)
		return FILETYPE_SHEBANG;
	return FILETYPE_ACCEPT;
}

enum filetype_verdict
filetype_select(const struct filetype_selection *sel, const char *base,
    size_t len)
{
	unsigned bits = set_get(&sel->names, base, len);
	bool has_ext = false;

	for (size_t i = 0; i < len && !(bits & SEL_REJECT); i++) {
		if (base[i] != '.')
			continue;
		if (i > 0)
			has_ext = true;
		bits |= set_get(&sel->exts, base + i + 1, len - i - 1);
	}
	for (size_t i = 0; i < sel->ngeneral && !(bits & SEL_REJECT); i++) {
		const struct ft_general *g = &sel->general[i];

		/* Skip a glob that could not change the answer. */
		if ((g->bits & ~bits) == 0)
			continue;
		if (glob_match(g->glob, base, len))
			bits |= g->bits;
	}
	return judge(sel, bits, !has_ext);
}

/* Split off the next blank-separated word of line[*pos, end). */
static bool
next_word(const char *line, size_t end, size_t *pos, struct ft_str *word)
{
	size_t i = *pos;

	while (i < end && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (i == end)
		return false;
	word->s = line + i;
	while (i < end && line[i] != ' ' && line[i] != '\t')
		i++;
	word->len = (size_t)(line + i - word->s);
	*pos = i;
	return true;
}

static struct ft_str
base_name(struct ft_str path)
{
	size_t i = path.len;

	while (i > 0 && path.s[i - 1] != '/')
		i--;
	return (struct ft_str){ path.s + i, path.len - i };
}

static bool
word_is(struct ft_str w, const char *s)
{
	return ft_str_eq(w, s, strlen(s));
}

/*
 * After "env": skip its options and VAR=value words to the command.  -S
 * (split the rest into words) needs nothing more, as the line is split on
 * blanks anyway; -u and -C take an argument.
 */
static bool
env_command(const char *line, size_t end, size_t *pos, struct ft_str *cmd)
{
	while (next_word(line, end, pos, cmd)) {
		if (word_is(*cmd, "-u") || word_is(*cmd, "--unset") ||
		    word_is(*cmd, "-C") || word_is(*cmd, "--chdir")) {
			struct ft_str arg;

			if (!next_word(line, end, pos, &arg))
				return false;
			continue;
		}
		if (cmd->len > 2 && cmd->s[0] == '-' && cmd->s[1] == 'S') {
			/* "-Spython3": the command is glued on. */
			cmd->s += 2;
			cmd->len -= 2;
			return true;
		}
		if (cmd->s[0] == '-' || memchr(cmd->s, '=', cmd->len) != NULL)
			continue;
		return true;
	}
	return false;
}

/* The SB_* family of an interpreter's base name, or 0. */
static unsigned
interpreter_family(struct ft_str name)
{
	/* "-S 'python3 -u'" leaves a quote on the command. */
	while (name.len > 0 && (name.s[0] == '\'' || name.s[0] == '"')) {
		name.s++;
		name.len--;
	}
	for (size_t i = 0; i < FT_COUNT(ft_interpreters); i++) {
		const char *known = ft_interpreters[i].name;
		size_t n = strlen(known), j;

		if (name.len < n || memcmp(name.s, known, n) != 0)
			continue;
		for (j = n; j < name.len; j++)
			if (!((name.s[j] >= '0' && name.s[j] <= '9') ||
			    name.s[j] == '.'))
				break;
		if (j == name.len)
			return ft_interpreters[i].family;
	}
	return 0;
}

/* The SB_* family of the "#!" line at the start of head, or 0. */
static unsigned
shebang_family(const char *head, size_t len)
{
	const char *nl;
	size_t end, pos = 2;
	struct ft_str cmd;

	if (head == NULL || len < 2 || head[0] != '#' || head[1] != '!')
		return 0;
	nl = memchr(head, '\n', len);
	end = nl != NULL ? (size_t)(nl - head) : len;
	if (end > pos && head[end - 1] == '\r')
		end--;
	if (!next_word(head, end, &pos, &cmd))
		return 0;
	cmd = base_name(cmd);
	if (word_is(cmd, "env") &&
	    !env_command(head, end, &pos, &cmd))
		return 0;
	return interpreter_family(base_name(cmd));
}

const char *
filetype_shebang_type(const char *head, size_t len)
{
	unsigned family = shebang_family(head, len);

	for (size_t i = 0; i < FT_COUNT(ft_family_names); i++)
		if (ft_family_names[i].family == family)
			return ft_family_names[i].type;
	return NULL;
}

bool
filetype_select_shebang(const struct filetype_selection *sel,
    const char *head, size_t len)
{
	unsigned family = shebang_family(head, len);

	if (family & sel->shebang_negate)
		return false;
	if (!sel->has_select)
		return true;
	return (family & sel->shebang_select) != 0;
}

ssize_t
filetype_read_head(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
	size_t got = 0;
	int saved;

	if (fd < 0)
		return -1;
	while (got < size) {
		ssize_t n = read(fd, buf + got, size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			break; /* an empty FIFO or the like: no "#!" */
		if (n < 0) {
			saved = errno;
			close(fd);
			errno = saved;
			return -1;
		}
		if (n == 0 || memchr(buf + got, '\n', (size_t)n) != NULL) {
			got += (size_t)n;
			break;
		}
		got += (size_t)n;
	}
	close(fd);
	return (ssize_t)got;
}
