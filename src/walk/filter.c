/*
 * filter.c - the file filters, as a plan of nodes.
 *
 * Like find(1)'s plan: each option that narrows the selection adds a node
 * with a keep function, in order of cost (name checks before anything
 * that needs a stat, a stat before reading a file's first line).  The
 * first node that rejects an entry gives the reason it was skipped.  Only
 * the nodes the options ask for are in the plan, so a plain search pays
 * for none of them.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "walk/filter.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/xmalloc.h"
#include "walk/glob.h"

const char *const skip_reason_names[SKIP_REASONS] = {
	[SKIP_NONE] = "searched",
	[SKIP_IGNORED] = "ignored",
	[SKIP_HIDDEN] = "hidden",
	[SKIP_BINARY] = "binary",
	[SKIP_TOO_LARGE] = "too large",
	[SKIP_GLOB] = "filtered by glob",
	[SKIP_TYPE] = "filtered by type",
	[SKIP_NAME] = "filtered by name",
	[SKIP_KIND] = "filtered by entry kind",
	[SKIP_SIZE] = "filtered by size",
	[SKIP_AGE] = "filtered by age",
};

struct plan_glob {
	struct glob *glob;
	bool negated;
	bool whole_path; /* has a '/': matched against the path from the root */
};

/* A grep --include or --exclude, or an --exclude-dir. */
struct plan_file_glob {
	struct glob *glob;
	bool include;
};

struct filter_plan;
typedef bool (*keep_fn)(const struct filter_plan *p, struct candidate *c);

struct filter_node {
	enum skip_reason reason;
	keep_fn keep;
};

struct filter_plan {
	const struct filter_config *cfg;
	struct filter_node nodes[10];
	size_t nnodes;
	bool needs_stat;
	unsigned kinds;           /* ENTRY_* to list */
	struct plan_glob *globs;
	size_t nglobs;
	bool has_positive_glob;
	struct plan_file_glob *file_globs; /* --include, --exclude */
	size_t nfile_globs;
	struct glob **exclude_dirs;
	size_t nexclude_dirs;
	struct filetype_selection *types;
	pcre2_code *name_re;
	pcre2_match_data *name_md;
};

const struct stat *
candidate_stat(struct candidate *c)
{
	if (c->stat_state == 0) {
		int flags = c->follow ? 0 : AT_SYMLINK_NOFOLLOW;

		if (fstatat(AT_FDCWD, c->path, &c->st, flags) == 0) {
			c->stat_state = 1;
		} else {
			c->stat_state = -1;
			c->stat_errno = errno;
		}
	}
	return c->stat_state == 1 ? &c->st : NULL;
}

/* The entry's kind as a DT_ value, with a stat only when the type is unknown. */
static unsigned char
candidate_type(struct candidate *c)
{
	if (c->type == DT_UNKNOWN) {
		const struct stat *st = candidate_stat(c);

		if (st == NULL)
			return DT_UNKNOWN;
		c->type = S_ISREG(st->st_mode) ? DT_REG : S_ISDIR(st->st_mode) ?
		    DT_DIR : S_ISLNK(st->st_mode) ? DT_LNK : DT_UNKNOWN;
	}
	return c->type;
}

static bool
keep_kind(const struct filter_plan *p, struct candidate *c)
{
	unsigned char t = candidate_type(c);
	unsigned k = p->kinds;
	unsigned base = k;
	bool ok;

	ok = ((base & ENTRY_FILE) && t == DT_REG) ||
	    ((base & ENTRY_DIR) && t == DT_DIR) ||
	    ((base & ENTRY_SYMLINK) && t == DT_LNK);
	if (!ok && (base & ENTRY_EXEC) && t == DT_REG) {
		const struct stat *st = candidate_stat(c);

		ok = st != NULL && (st->st_mode & 0111) != 0;
	}
	if (ok && (k & ENTRY_EMPTY)) {
		if (t == DT_REG) {
			const struct stat *st = candidate_stat(c);

			ok = st != NULL && st->st_size == 0;
		} else {
			ok = t == DT_DIR && c->dir_empty == 1;
		}
	}
	return ok;
}

static bool
glob_hits(const struct plan_glob *g, const struct candidate *c)
{
	if (g->whole_path)
		return glob_match(g->glob, c->rel, c->rel_len);
	return glob_match(g->glob, c->name, c->name_len);
}

/* The last matching glob decides; with positive globs, no match excludes. */
static bool
keep_glob(const struct filter_plan *p, struct candidate *c)
{
	for (size_t i = p->nglobs; i-- > 0;)
		if (glob_hits(&p->globs[i], c))
			return !p->globs[i].negated;
	return !p->has_positive_glob || c->type == DT_DIR;
}

/*
 * grep's rule for --include and --exclude (gnulib's exclude module): the
 * last glob that matches decides; when none does, a file is taken if the
 * first of them was an --exclude.
 */
static bool
file_globs_keep(const struct filter_plan *p, const char *name, size_t len)
{
	for (size_t i = p->nfile_globs; i-- > 0;)
		if (glob_match(p->file_globs[i].glob, name, len))
			return p->file_globs[i].include;
	return !p->file_globs[0].include;
}

/* Walked files are judged by their base name, as grep does. */
static bool
keep_file_glob(const struct filter_plan *p, struct candidate *c)
{
	if (candidate_type(c) == DT_DIR)
		return true;
	return file_globs_keep(p, c->name, c->name_len);
}

static bool
keep_type(const struct filter_plan *p, struct candidate *c)
{
	char head[256];
	ssize_t n = 0;
	const struct stat *st;

	if (candidate_type(c) == DT_DIR)
		return true;
	switch (filetype_select(p->types, c->name, c->name_len)) {
	case FILETYPE_ACCEPT:
		return true;
	case FILETYPE_REJECT:
		return false;
	case FILETYPE_SHEBANG:
		break;
	}
	/* An extensionless name: a script is known by its first line. */
	st = candidate_stat(c);
	if (st != NULL && S_ISREG(st->st_mode) && (st->st_mode & 0111) != 0)
		n = filetype_read_head(c->path, head, sizeof(head));
	if (n < 0)
		n = 0;
	return filetype_select_shebang(p->types, n > 0 ? head : NULL,
	    (size_t)n);
}

static bool
keep_name(const struct filter_plan *p, struct candidate *c)
{
	const char *s = p->cfg->full_path ? c->path : c->name;
	size_t len = p->cfg->full_path ? c->path_len : c->name_len;

	return pcre2_match(p->name_re, (PCRE2_SPTR)s, len, 0, 0, p->name_md,
	    NULL) >= 0;
}

static bool
keep_size(const struct filter_plan *p, struct candidate *c)
{
	const struct stat *st = candidate_stat(c);
	unsigned long long size;

	if (st == NULL || !S_ISREG(st->st_mode))
		return false;
	size = (unsigned long long)st->st_size;
	for (size_t i = 0; i < p->cfg->nsizes; i++) {
		const struct size_arg *s = &p->cfg->sizes[i];

		if ((s->sign > 0 && size < s->bytes) ||
		    (s->sign < 0 && size > s->bytes) ||
		    (s->sign == 0 && size != s->bytes))
			return false;
	}
	return true;
}

static bool
keep_age(const struct filter_plan *p, struct candidate *c)
{
	const struct stat *st = candidate_stat(c);
	long long mtime;

	if (st == NULL)
		return false;
	mtime = (long long)st->st_mtime;
	if (p->cfg->has_changed_within && mtime < p->cfg->changed_within)
		return false;
	if (p->cfg->has_changed_before && mtime >= p->cfg->changed_before)
		return false;
	return true;
}

static bool
keep_max_filesize(const struct filter_plan *p, struct candidate *c)
{
	const struct stat *st = candidate_stat(c);

	return st == NULL || !S_ISREG(st->st_mode) ||
	    (unsigned long long)st->st_size <= p->cfg->max_filesize;
}

static void
plan_add(struct filter_plan *p, enum skip_reason reason, keep_fn keep,
    bool needs_stat)
{
	p->nodes[p->nnodes].reason = reason;
	p->nodes[p->nnodes].keep = keep;
	p->nnodes++;
	p->needs_stat |= needs_stat;
}

static void
plan_compile_globs(struct filter_plan *p, const struct filter_config *o)
{
	p->globs = xcalloc(o->nglobs ? o->nglobs : 1, sizeof(*p->globs));
	for (size_t i = 0; i < o->nglobs; i++) {
		const struct glob_arg *a = &o->globs[i];
		const char *text = a->text;
		size_t len = strlen(text);
		const char *err = NULL;

		/* A trailing '/' means "directories", which globs only prune. */
		while (len > 1 && text[len - 1] == '/')
			len--;
		if (len > 0 && text[0] == '/') {
			text++;
			len--;
			p->globs[i].whole_path = true;
		}
		if (memchr(text, '/', len) != NULL)
			p->globs[i].whole_path = true;
		p->globs[i].glob = glob_compile(text, len,
		    a->casefold ? GLOB_CASEFOLD : 0, &err);
		if (p->globs[i].glob == NULL)
			diag_fatal("invalid glob '%s': %s", a->text, err);
		p->globs[i].negated = a->negated;
		p->has_positive_glob |= !a->negated;
		p->nglobs++;
	}
}

static struct glob *
compile_grep_glob(const char *text)
{
	const char *err = NULL;
	struct glob *g = glob_compile(text, strlen(text), 0, &err);

	if (g == NULL)
		diag_fatal("invalid glob '%s': %s", text, err);
	return g;
}

static void
plan_compile_file_globs(struct filter_plan *p, const struct filter_config *o)
{
	p->file_globs = xcalloc(o->nfile_globs ? o->nfile_globs : 1,
	    sizeof(*p->file_globs));
	for (size_t i = 0; i < o->nfile_globs; i++) {
		p->file_globs[i].glob = compile_grep_glob(o->file_globs[i].text);
		p->file_globs[i].include = o->file_globs[i].include;
		p->nfile_globs++;
	}
	p->exclude_dirs = xcalloc(o->nexclude_dirs ? o->nexclude_dirs : 1,
	    sizeof(*p->exclude_dirs));
	for (size_t i = 0; i < o->nexclude_dirs; i++) {
		p->exclude_dirs[i] = compile_grep_glob(o->exclude_dirs[i]);
		p->nexclude_dirs++;
	}
}

static void
plan_compile_name(struct filter_plan *p, const char *re)
{
	int err;
	PCRE2_SIZE off;

	p->name_re = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_UCP, &err, &off, NULL);
	if (p->name_re == NULL) {
		PCRE2_UCHAR msg[256];

		pcre2_get_error_message(err, msg, sizeof(msg));
		diag_fatal("invalid --name regex '%s': %s at offset %zu", re,
		    (const char *)msg, (size_t)off);
	}
	pcre2_jit_compile(p->name_re, PCRE2_JIT_COMPLETE);
	p->name_md = xnonnull(pcre2_match_data_create_from_pattern(p->name_re,
	    NULL));
}

struct filter_plan *
filter_plan_new(const struct filter_config *o, const struct filetype_db *db)
{
	struct filter_plan *p = xcalloc(1, sizeof(*p));
	unsigned kinds = o->entry_types ? o->entry_types : ENTRY_FILE;
	const unsigned base = ENTRY_FILE | ENTRY_DIR | ENTRY_SYMLINK |
	    ENTRY_EXEC;

	/* "Empty" alone means empty files and empty directories. */
	if ((kinds & base) == 0)
		kinds |= ENTRY_FILE | ENTRY_DIR;

	p->cfg = o;
	p->kinds = kinds;
	/* Plain files need no check beyond the walker's own d_type test. */
	if (kinds != ENTRY_FILE)
		plan_add(p, SKIP_KIND, keep_kind,
		    (kinds & (ENTRY_EXEC | ENTRY_EMPTY)) != 0);
	if (o->nglobs > 0) {
		plan_compile_globs(p, o);
		plan_add(p, SKIP_GLOB, keep_glob, false);
	}
	plan_compile_file_globs(p, o);
	if (o->nfile_globs > 0)
		plan_add(p, SKIP_GLOB, keep_file_glob, false);
	if (o->ntypes > 0 || o->ntypes_not > 0) {
		char err[FILETYPE_ERR_SIZE];

		p->types = filetype_selection_new(db, o->types, o->ntypes,
		    o->types_not, o->ntypes_not, err, sizeof(err));
		if (p->types == NULL)
			diag_fatal("%s", err);
		plan_add(p, SKIP_TYPE, keep_type, false);
	}
	if (o->name_regex != NULL) {
		plan_compile_name(p, o->name_regex);
		plan_add(p, SKIP_NAME, keep_name, false);
	}
	if (o->nsizes > 0)
		plan_add(p, SKIP_SIZE, keep_size, true);
	if (o->has_changed_within || o->has_changed_before)
		plan_add(p, SKIP_AGE, keep_age, true);
	if (o->has_max_filesize)
		plan_add(p, SKIP_TOO_LARGE, keep_max_filesize, true);
	return p;
}

void
filter_plan_free(struct filter_plan *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->nglobs; i++)
		glob_free(p->globs[i].glob);
	free(p->globs);
	for (size_t i = 0; i < p->nfile_globs; i++)
		glob_free(p->file_globs[i].glob);
	free(p->file_globs);
	for (size_t i = 0; i < p->nexclude_dirs; i++)
		glob_free(p->exclude_dirs[i]);
	free(p->exclude_dirs);
	filetype_selection_free(p->types);
	pcre2_match_data_free(p->name_md);
	pcre2_code_free(p->name_re);
	free(p);
}

bool
filter_plan_keeps_member(const struct filter_plan *p, const char *path,
    size_t len)
{
	const char *slash = memrchr(path, '/', len);
	/* No stat, no reading: the member is no file on disk. */
	struct candidate c = {
		.path = path, .path_len = len, .rel = path, .rel_len = len,
		.name = slash ? slash + 1 : path,
		.type = DT_REG, .stat_state = -1,
	};

	c.name_len = len - (size_t)(c.name - path);
	if (p->nglobs > 0 && !keep_glob(p, &c))
		return false;
	if (p->nfile_globs > 0 && !file_globs_keep(p, c.name, c.name_len))
		return false;
	if (p->types == NULL)
		return true;
	switch (filetype_select(p->types, c.name, c.name_len)) {
	case FILETYPE_ACCEPT:
		return true;
	case FILETYPE_REJECT:
		return false;
	case FILETYPE_SHEBANG:
		break;
	}
	return filetype_select_shebang(p->types, NULL, 0);
}

unsigned
filter_plan_kinds(const struct filter_plan *p)
{
	return p->kinds;
}

bool
filter_plan_typed(const struct filter_plan *p)
{
	return p->cfg->entry_types != 0;
}

enum skip_reason
filter_plan_eval(const struct filter_plan *p, struct candidate *c)
{
	for (size_t i = 0; i < p->nnodes; i++)
		if (!p->nodes[i].keep(p, c))
			return p->nodes[i].reason;
	return SKIP_NONE;
}

static bool
excluded_dir_name(const struct filter_plan *p, const char *name, size_t len)
{
	for (size_t i = 0; i < p->nexclude_dirs; i++)
		if (glob_match(p->exclude_dirs[i], name, len))
			return true;
	return false;
}

bool
filter_plan_prunes_dir(const struct filter_plan *p, struct candidate *c)
{
	if (excluded_dir_name(p, c->name, c->name_len))
		return true;
	for (size_t i = p->nglobs; i-- > 0;)
		if (glob_hits(&p->globs[i], c))
			return p->globs[i].negated;
	return false;
}

/* The whole path, or what follows any '/' in it (gnulib's unanchored). */
static bool
glob_match_unanchored(const struct glob *g, const char *path, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((i == 0 || (path[i - 1] == '/' && path[i] != '/')) &&
		    glob_match(g, path + i, len - i))
			return true;
	return false;
}

/* An operand is matched as grep matches one: see glob_match_unanchored. */
bool
filter_plan_skips_operand(const struct filter_plan *p, const char *path,
    bool is_dir)
{
	size_t len = strlen(path);

	if (is_dir) {
		for (size_t i = 0; i < p->nexclude_dirs; i++)
			if (glob_match_unanchored(p->exclude_dirs[i], path, len))
				return true;
		return false;
	}
	if (p->nfile_globs == 0)
		return false;
	for (size_t i = p->nfile_globs; i-- > 0;)
		if (glob_match_unanchored(p->file_globs[i].glob, path, len))
			return !p->file_globs[i].include;
	return p->file_globs[0].include;
}
