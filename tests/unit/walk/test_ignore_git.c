/*
 * test_ignore_git.c - ignore.c against git itself.
 *
 * Random small trees with random .gitignore files (a fixed seed, so every
 * run builds the same trees) are listed twice: by git ls-files, and by a
 * walk written here on top of the ignore_dir stack the way isogrep's
 * walker uses it (a node per directory, excluded directories pruned, .git
 * never entered).  The two sets of files must be equal.  Then git
 * check-ignore judges every file and directory of the tree in one run,
 * and a few paths again one at a time with -q.
 *
 * The isogrep binary lists every tree too (--files --no-ignore-dot
 * --hidden, run inside the tree): its files must be git ls-files' files.
 * The binary is $ISOGREP (make unit sets it), else ./isogrep when the test
 * runs from the repository root, else that part is skipped with a note.
 *
 * After the GIT_TREES trees come GIT_GLOBAL_TREES more, more deeply nested,
 * with a .gitignore in every directory and a global excludes file,
 * $XDG_CONFIG_HOME/git/ignore: the file git reads when core.excludesFile
 * is unset, and isogrep too (it applies from the work tree's top, below
 * .git/info/exclude and every .gitignore).
 *
 * git and isogrep run with an empty HOME and XDG_CONFIG_HOME and git
 * without the system config, so no user setting (core.excludesFile,
 * core.ignoreCase) leaks in.  Without git the test passes with a note.
 */
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/outbuf.h"
#include "walk/ignore.h"
#include "unit.h"

enum {
	GIT_TREES = 40,
	GIT_GLOBAL_TREES = 8, /* nested, with a global excludes file */
	GIT_SEED = 20241124,
	GIT_MAX_DEPTH = 3,
	GIT_SAMPLES = 3, /* paths per tree asked one at a time */
};

/*
 * Names avoid pathspec magic (':' first) and glob characters.  Some are
 * not ASCII (e acute, two bytes in UTF-8; a CJK character, three), for
 * git's '?' and '[...]' take one byte, not one character.
 */
static const char *const git_names[] = {
	"a", "b", "ab", "x.o", "y.txt", "d1", "d2", ".h", "#x", "c.O", "!x",
	"\xc3\xa9", "x\xc3\xa9", "\xe6\x97\xa5",
};
static const char *const git_dirs[] = { "a", "d1", "d2", "x.o" };

#define GIT_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* xorshift64*: the same trees on every machine. */
static uint64_t git_rng = GIT_SEED;

static unsigned
git_rand(unsigned n)
{
	git_rng ^= git_rng >> 12;
	git_rng ^= git_rng << 25;
	git_rng ^= git_rng >> 27;
	return (unsigned)((git_rng * UINT64_C(2685821657736338717)) >> 33) % n;
}

struct git_paths {
	char **v;
	bool *ignored; /* with judged paths: what the walk decided */
	size_t n, cap;
};

static void
git_paths_add(struct git_paths *s, const char *path, bool ignored)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->v = realloc(s->v, s->cap * sizeof(*s->v));
		s->ignored = realloc(s->ignored, s->cap * sizeof(*s->ignored));
		if (s->v == NULL || s->ignored == NULL)
			abort();
	}
	s->v[s->n] = strdup(path);
	if (s->v[s->n] == NULL)
		abort();
	s->ignored[s->n++] = ignored;
}

static void
git_paths_free(struct git_paths *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	free(s->ignored);
	*s = (struct git_paths){ 0 };
}

static int
git_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort by name (qsort must not see the NULL of an empty set). */
static void
git_paths_sort(struct git_paths *s)
{
	if (s->n > 1)
		qsort(s->v, s->n, sizeof(*s->v), git_cmp);
}

/* One random rule line, from a pool of the shapes gitignore(5) shows. */
static void
git_rule(struct outbuf *out)
{
	const char *n = git_names[git_rand(GIT_COUNT(git_names))];
	const char *d = git_dirs[git_rand(GIT_COUNT(git_dirs))];
	char line[64];

	switch (git_rand(38)) {
	case 0: case 1: snprintf(line, sizeof(line), "%s", n); break;
	case 2: snprintf(line, sizeof(line), "*.o"); break;
	case 3: case 26: snprintf(line, sizeof(line), "/%s", n); break;
	case 4: snprintf(line, sizeof(line), "%s/", n); break;
	case 5: case 6: snprintf(line, sizeof(line), "!%s", n); break;
	case 7: snprintf(line, sizeof(line), "**/%s", n); break;
	case 8: snprintf(line, sizeof(line), "%s/**", d); break;
	case 9: snprintf(line, sizeof(line), "a/**/b"); break;
	case 10: snprintf(line, sizeof(line), "%s/**/%s", d, n); break;
	case 11: snprintf(line, sizeof(line), "*"); break;
	case 12: snprintf(line, sizeof(line), "!*.txt"); break;
	case 13: snprintf(line, sizeof(line), "# comment"); break;
	case 14: snprintf(line, sizeof(line), "%s", ""); break;
	case 15: snprintf(line, sizeof(line), "\\#x"); break;
	case 16: snprintf(line, sizeof(line), "%s/%s", d, n); break;
	case 17: snprintf(line, sizeof(line), "!%s/", d); break;
	case 18: snprintf(line, sizeof(line), "!*/"); break;
	case 19: snprintf(line, sizeof(line), "%s   ", n); break;
	case 20: snprintf(line, sizeof(line), "d[12]"); break;
	case 21: snprintf(line, sizeof(line), "?"); break;
	case 22: snprintf(line, sizeof(line), "!/%s", n); break;
	case 23: snprintf(line, sizeof(line), "*.o/"); break;
	case 24: snprintf(line, sizeof(line), "/%s/%s", d, n); break;
	case 27: snprintf(line, sizeof(line), "[!d]*"); break;
	case 28: snprintf(line, sizeof(line), "*.[oO]"); break;
	case 29: snprintf(line, sizeof(line), "%c*/", n[0]); break;
	/* Byte-wise wildcards: each matches non-ASCII names in git. */
	case 31: snprintf(line, sizeof(line), "??"); break;
	case 32: snprintf(line, sizeof(line), "???"); break;
	case 33: snprintf(line, sizeof(line), "[\xc3\xa9]"); break;
	case 34: snprintf(line, sizeof(line), "[!a]"); break;
	case 35: snprintf(line, sizeof(line), "*\xa9"); break;
	case 36: snprintf(line, sizeof(line), "x?\xa9"); break;
	case 37: snprintf(line, sizeof(line), "[\xc3\xe6]*"); break;
	default: snprintf(line, sizeof(line), "\\!x"); break;
	}
	outbuf_puts(out, line);
	outbuf_putc(out, '\n');
}

static bool
git_write(const char *path, const char *text, size_t len)
{
	FILE *fp = fopen(path, "w");
	bool ok;

	if (fp == NULL)
		return false;
	ok = fwrite(text, 1, len, fp) == len;
	return fclose(fp) == 0 && ok;
}

/*
 * Fill dir (rel below the tree's root) with random entries, spending
 * *budget; the .gitignore files written are logged in rules.  nested:
 * more subdirectories, and a .gitignore in every directory.
 */
static bool
git_gen_dir(const char *fs, const char *rel, int depth, int *budget,
    bool nested, struct outbuf *rules)
{
	unsigned entries = 4 + git_rand(7);
	char path[4096];

	for (unsigned k = 0; k < entries && *budget > 0; k++) {
		const char *name = git_names[git_rand(GIT_COUNT(git_names))];
		struct stat st;

		snprintf(path, sizeof(path), "%s/%s", fs, name);
		if (lstat(path, &st) == 0)
			continue;
		(*budget)--;
		if (depth < GIT_MAX_DEPTH && git_rand(nested ? 2 : 3) == 0) {
			char sub[4096];

			if (mkdir(path, 0755) != 0)
				return false;
			snprintf(sub, sizeof(sub), "%s%s%s", rel,
			    *rel ? "/" : "", name);
			if (!git_gen_dir(path, sub, depth + 1, budget, nested,
			    rules))
				return false;
		} else if (!git_write(path, "x\n", 2)) {
			return false;
		}
	}
	if (nested || git_rand(10) < (depth == 0 ? 8u : 4u)) {
		struct outbuf text = OUTBUF_INIT;
		unsigned lines = 1 + git_rand(8);
		bool ok;

		for (unsigned i = 0; i < lines; i++)
			git_rule(&text);
		snprintf(path, sizeof(path), "%s/.gitignore", fs);
		ok = git_write(path, text.data, text.len);
		outbuf_puts(rules, "--- ");
		outbuf_puts(rules, *rel ? rel : ".");
		outbuf_puts(rules, "/.gitignore\n");
		outbuf_append(rules, text.data, text.len);
		outbuf_free(&text);
		if (!ok)
			return false;
	}
	return true;
}

/*
 * The walk under test.  Directories judged excluded are not matched
 * below: everything in them is ignored, as git has it.  global: the
 * global excludes file or NULL, under the root's .gitignore.
 */
static bool
git_walk(const char *root, const char *rel, const struct ignore_dir *parent,
    bool excluded, const char *global, struct git_paths *listed,
    struct git_paths *judged)
{
	struct ignore_dir *node = NULL;
	struct dirent *de;
	struct git_paths names = { 0 };
	char fs[4096];
	DIR *dp;
	bool ok = true;

	snprintf(fs, sizeof(fs), "%s%s%s", root, *rel ? "/" : "", rel);
	if (!excluded) {
		char gi[4200];
		int err;
		struct ignore_file *f[2] = { NULL, NULL };

		if (*rel == '\0' && global != NULL) {
			f[0] = ignore_file_load(global, 0, &err);
			if (f[0] == NULL && err != 0) {
				unit_fail(__FILE__, __LINE__,
				    "ignore_file_load", "%s: %s", global,
				    strerror(err));
				return false;
			}
		}
		snprintf(gi, sizeof(gi), "%s/.gitignore", fs);
		f[1] = ignore_file_load(gi, 0, &err);
		if (f[1] == NULL && err != 0) {
			unit_fail(__FILE__, __LINE__, "ignore_file_load",
			    "%s: %s", gi, strerror(err));
			ignore_file_free(f[0]);
			return false;
		}
		node = ignore_dir_push(parent, rel, strlen(rel), f, 2);
		if (node == NULL)
			abort();
	}
	dp = opendir(fs);
	if (dp == NULL)
		return false;
	while ((de = readdir(dp)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0 &&
		    strcmp(de->d_name, ".git") != 0)
			git_paths_add(&names, de->d_name, false);
	closedir(dp);
	git_paths_sort(&names);

	for (size_t i = 0; i < names.n && ok; i++) {
		char child[4096], full[8200];
		struct stat st;
		bool is_dir, out;

		snprintf(child, sizeof(child), "%s%s%s", rel, *rel ? "/" : "",
		    names.v[i]);
		snprintf(full, sizeof(full), "%s/%s", root, child);
		if (lstat(full, &st) != 0) {
			ok = false;
			break;
		}
		is_dir = S_ISDIR(st.st_mode);
		out = excluded || ignore_dir_match(node, child, strlen(child),
		    is_dir) == IGNORE_EXCLUDE;
		git_paths_add(judged, child, out);
		if (is_dir)
			ok = git_walk(root, child, node, out, NULL, listed,
			    judged);
		else if (!out)
			git_paths_add(listed, child, false);
	}
	git_paths_free(&names);
	ignore_dir_free(node);
	return ok;
}

/* All of fp's data, NUL-terminated (so that an empty one is not NULL). */
static char *
git_slurp(FILE *fp, size_t *len)
{
	struct outbuf out = OUTBUF_INIT;
	char chunk[4096];
	size_t got;

	while ((got = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		outbuf_append(&out, chunk, got);
	outbuf_putc(&out, '\0');
	*len = out.len - 1;
	return out.data;
}

/*
 * Run cmd through the shell; its whole output, NULL on failure.  Exit
 * status 1 is success too when one_ok is set (check-ignore: none ignored).
 */
static char *
git_capture(const char *cmd, bool one_ok, size_t *len)
{
	FILE *fp = popen(cmd, "r");
	char *out;
	int rc;

	if (fp == NULL)
		return NULL;
	out = git_slurp(fp, len);
	rc = pclose(fp);
	if (rc == -1 || !WIFEXITED(rc) || WEXITSTATUS(rc) > (one_ok ? 1 : 0)) {
		free(out);
		return NULL;
	}
	return out;
}

static void
git_report(const char *title, const struct outbuf *rules)
{
	printf("  # %s; the rules were:\n%.*s", title, (int)rules->len,
	    rules->data);
}

/*
 * Print the differences between two sorted sets of paths (a duplicate in
 * one is a difference too); true when they are equal.
 */
static bool
git_diff(const struct git_paths *a, const char *a_name,
    const struct git_paths *b, const char *b_name, int t)
{
	size_t i = 0, j = 0;
	bool same = true;

	while (i < a->n || j < b->n) {
		int c = i == a->n ? 1 : j == b->n ? -1 :
		    strcmp(a->v[i], b->v[j]);

		if (c != 0 && same) {
			printf("  # tree %d: %s and %s list different files\n",
			    t, a_name, b_name);
			same = false;
		}
		if (c < 0)
			printf("  #   only %s lists %s\n", a_name, a->v[i++]);
		else if (c > 0)
			printf("  #   only %s lists %s\n", b_name, b->v[j++]);
		else
			i++, j++;
	}
	return same;
}

/* Split NUL-terminated paths into s, sorted. */
static void
git_paths_split(struct git_paths *s, const char *out, size_t len)
{
	for (size_t at = 0; at < len; at += strlen(out + at) + 1)
		git_paths_add(s, out + at, false);
	git_paths_sort(s);
}

/*
 * git ls-files against the walk: the same files.  git's files are left in
 * theirs (sorted) for the binary's turn.  *ran: whether git answered.
 */
static bool
git_compare_listing(const char *tree, const struct git_paths *listed,
    const struct outbuf *rules, int t, struct git_paths *theirs, bool *ran)
{
	char cmd[4400];
	size_t len;
	char *out;

	snprintf(cmd, sizeof(cmd), "cd '%s' && git ls-files --others "
	    "--cached --exclude-standard -z", tree);
	out = git_capture(cmd, false, &len);
	*ran = out != NULL;
	if (out == NULL) {
		unit_fail(__FILE__, __LINE__, "git ls-files", "tree %d", t);
		return false;
	}
	git_paths_split(theirs, out, len);
	free(out);
	if (!git_diff(theirs, "git", listed, "the walk", t)) {
		git_report("listing mismatch", rules);
		unit_fail(__FILE__, __LINE__, "same files",
		    "tree %d: the walk and git ls-files differ", t);
		return false;
	}
	return true;
}

/*
 * The binary's own listing against git's files.  Exit status 0 with at
 * least one file and nothing on stderr, or 1 with no file (isogrep may
 * then explain on stderr why nothing was listed).
 */
static bool
git_compare_binary(const char *base, const char *tree, const char *bin,
    const struct git_paths *theirs, const struct outbuf *rules, int t)
{
	char cmd[13000], errpath[4200];
	struct git_paths ours = { 0 };
	size_t len;
	bool same = true;
	char *out, *err = NULL;
	FILE *fp;
	int rc;

	snprintf(errpath, sizeof(errpath), "%s/stderr", base);
	snprintf(cmd, sizeof(cmd), "cd '%s' && exec '%s' --files "
	    "--no-ignore-dot --hidden -0 </dev/null 2>'%s'", tree, bin,
	    errpath);
	fp = popen(cmd, "r");
	if (fp == NULL) {
		unit_fail(__FILE__, __LINE__, "popen", "%s", cmd);
		return false;
	}
	out = git_slurp(fp, &len);
	rc = pclose(fp);
	fp = fopen(errpath, "r");
	if (fp != NULL) {
		size_t err_len;

		err = git_slurp(fp, &err_len);
		fclose(fp);
	}
	git_paths_split(&ours, out, len);
	free(out);
	if (rc == -1 || !WIFEXITED(rc) || WEXITSTATUS(rc) > 1 ||
	    (WEXITSTATUS(rc) == 0) != (ours.n > 0) ||
	    (WEXITSTATUS(rc) == 0 && err != NULL && *err != '\0')) {
		printf("  # tree %d: %s\n  # status %d, %zu files, stderr:\n"
		    "%s", t, cmd, rc == -1 || !WIFEXITED(rc) ? -1 :
		    WEXITSTATUS(rc), ours.n, err != NULL ? err : "");
		git_report("isogrep --files failed", rules);
		unit_fail(__FILE__, __LINE__, "isogrep --files",
		    "tree %d: status %d", t, rc);
		same = false;
	} else if (!git_diff(theirs, "git", &ours, "isogrep", t)) {
		git_report("isogrep --files mismatch", rules);
		unit_fail(__FILE__, __LINE__, "same files",
		    "tree %d: isogrep --files and git ls-files differ", t);
		same = false;
	}
	free(err);
	git_paths_free(&ours);
	return same;
}

/*
 * The isogrep binary to run, as an absolute path (the runs cd into the
 * trees): $ISOGREP, else ./isogrep.  False with bin empty when there is
 * none to run (a note), or when $ISOGREP names no program (a failure).
 */
static bool
git_find_binary(char *bin, size_t size)
{
	const char *env = getenv("ISOGREP");
	const char *name = env != NULL && *env != '\0' ? env : "./isogrep";
	char *abs;

	bin[0] = '\0';
	if (access(name, X_OK) != 0 || (abs = realpath(name, NULL)) == NULL) {
		if (name == env)
			unit_fail(__FILE__, __LINE__, "ISOGREP",
			    "%s: %s", env, strerror(errno));
		else
			unit_note("no ISOGREP and no ./isogrep: the binary "
			    "is not compared");
		return false;
	}
	if (strchr(abs, '\'') != NULL || strlen(abs) >= size) {
		unit_fail(__FILE__, __LINE__, "ISOGREP", "%s: unusable path",
		    abs);
		free(abs);
		return false;
	}
	snprintf(bin, size, "%s", abs);
	free(abs);
	return true;
}

/*
 * git check-ignore -v -n on every path at once: each answer is source,
 * line, pattern and path; an empty pattern or a '!' one is not ignored.
 */
static bool
git_compare_check_ignore(const char *base, const char *tree,
    const struct git_paths *judged, const struct outbuf *rules, int t)
{
	char list[4200], cmd[9000];
	struct outbuf in = OUTBUF_INIT;
	size_t len, at = 0, answers = 0;
	bool same = true;
	char *out;

	for (size_t i = 0; i < judged->n; i++)
		outbuf_append(&in, judged->v[i], strlen(judged->v[i]) + 1);
	snprintf(list, sizeof(list), "%s/paths", base);
	if (!git_write(list, in.data, in.len)) {
		outbuf_free(&in);
		return false;
	}
	outbuf_free(&in);
	snprintf(cmd, sizeof(cmd), "cd '%s' && git check-ignore --no-index "
	    "-v -n -z --stdin < '%s'", tree, list);
	out = git_capture(cmd, true, &len);
	if (out == NULL) {
		unit_fail(__FILE__, __LINE__, "git check-ignore", "tree %d", t);
		return false;
	}
	while (at < len) {
		const char *field[4];
		bool ignored;
		size_t k;

		for (int f = 0; f < 4; f++) {
			field[f] = out + at;
			at += strlen(out + at) + 1;
		}
		ignored = field[2][0] != '\0' && field[2][0] != '!';
		for (k = 0; k < judged->n; k++)
			if (strcmp(judged->v[k], field[3]) == 0)
				break;
		answers++;
		if (k == judged->n || judged->ignored[k] != ignored) {
			const char *ours = k == judged->n ? "never saw it" :
			    judged->ignored[k] ? "ignored" : "not ignored";

			printf("  # tree %d: %s: git says %s (%s:%s: %s), "
			    "the walk %s\n", t, field[3],
			    ignored ? "ignored" : "not ignored", field[0],
			    field[1], field[2], ours);
			same = false;
		}
	}
	free(out);
	if (answers != judged->n) {
		printf("  # tree %d: %zu answers for %zu paths\n", t, answers,
		    judged->n);
		same = false;
	}
	if (!same) {
		git_report("check-ignore mismatch", rules);
		unit_fail(__FILE__, __LINE__, "same verdicts",
		    "tree %d: the walk and git check-ignore differ", t);
	}
	return same;
}

/* A few paths one by one, the plain way: exit 0 means ignored. */
static void
git_compare_samples(const char *tree, const struct git_paths *judged,
    const struct outbuf *rules, int t)
{
	for (int s = 0; s < GIT_SAMPLES && judged->n > 0; s++) {
		size_t k = git_rand((unsigned)judged->n);
		char cmd[8400];
		int rc;

		snprintf(cmd, sizeof(cmd), "cd '%s' && git check-ignore -q "
		    "--no-index -- '%s'", tree, judged->v[k]);
		rc = system(cmd);
		if (rc == -1 || !WIFEXITED(rc) || WEXITSTATUS(rc) > 1) {
			unit_fail(__FILE__, __LINE__, "git check-ignore -q",
			    "tree %d: %s: status %d", t, judged->v[k], rc);
			continue;
		}
		if ((WEXITSTATUS(rc) == 0) != judged->ignored[k]) {
			git_report("check-ignore -q mismatch", rules);
			unit_fail(__FILE__, __LINE__, "same verdict",
			    "tree %d: %s: git -q says %s", t, judged->v[k],
			    WEXITSTATUS(rc) == 0 ? "ignored" : "not ignored");
		}
	}
}

static int
git_rm_one(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

/*
 * Point git and isogrep at empty configuration, with a directory
 * $XDG_CONFIG_HOME/git for the global excludes file; false when git
 * cannot run.
 */
static bool
git_setup(const char *base)
{
	char home[4200], gitdir[4300];

	snprintf(home, sizeof(home), "%s/home", base);
	snprintf(gitdir, sizeof(gitdir), "%s/git", home);
	if (mkdir(home, 0700) != 0 || mkdir(gitdir, 0700) != 0)
		return false;
	setenv("HOME", home, 1);
	setenv("XDG_CONFIG_HOME", home, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	unsetenv("GIT_CONFIG_GLOBAL");
	unsetenv("GIT_DIR");
	unsetenv("GIT_WORK_TREE");
	unsetenv("GIT_INDEX_FILE");
	unsetenv("ISOGREP_CONFIG_PATH"); /* no user defaults for isogrep */
	return system("git --version >/dev/null 2>&1") == 0;
}

/* Write the global excludes file global with a few random rules. */
static bool
git_gen_global(const char *global, struct outbuf *rules)
{
	struct outbuf text = OUTBUF_INIT;
	unsigned lines = 1 + git_rand(3);
	bool ok;

	for (unsigned i = 0; i < lines; i++)
		git_rule(&text);
	ok = git_write(global, text.data, text.len);
	outbuf_puts(rules, "--- $XDG_CONFIG_HOME/git/ignore\n");
	outbuf_append(rules, text.data, text.len);
	outbuf_free(&text);
	return ok;
}

static void
test_ignore_git_differential(void)
{
	char base[] = "/tmp/isogrep-ignore-git-XXXXXX";
	char bin[4096], global[4200];
	size_t files = 0, paths = 0, ignored = 0;
	int mismatched = 0, trees = 0, binary_runs = 0;
	bool have_bin;

	assert_ptr_not_null(mkdtemp(base));
	if (!git_setup(base)) {
		unit_note("git is not available: skipped");
		nftw(base, git_rm_one, 16, FTW_DEPTH | FTW_PHYS);
		return;
	}
	have_bin = git_find_binary(bin, sizeof(bin));
	snprintf(global, sizeof(global), "%s/home/git/ignore", base);
	git_rng = GIT_SEED;
	for (int t = 0; t < GIT_TREES + GIT_GLOBAL_TREES; t++) {
		char tree[4200], cmd[4400];
		struct outbuf rules = OUTBUF_INIT;
		struct git_paths listed = { 0 }, judged = { 0 }, theirs = { 0 };
		int budget = 20 + (int)git_rand(21);
		bool nested = t >= GIT_TREES, ok;

		snprintf(tree, sizeof(tree), "%s/t%02d", base, t);
		ok = mkdir(tree, 0755) == 0 &&
		    git_gen_dir(tree, "", 0, &budget, nested, &rules);
		ok = ok && (!nested || git_gen_global(global, &rules));
		snprintf(cmd, sizeof(cmd), "cd '%s' && git -c "
		    "init.defaultBranch=main init -q", tree);
		ok = ok && system(cmd) == 0;
		ok = ok && git_walk(tree, "", NULL, false,
		    nested ? global : NULL, &listed, &judged);
		if (!ok) {
			unit_fail(__FILE__, __LINE__, "tree set-up",
			    "tree %d", t);
		} else {
			bool same, ran;

			git_paths_sort(&listed);
			same = git_compare_listing(tree, &listed, &rules, t,
			    &theirs, &ran);
			same = git_compare_check_ignore(base, tree, &judged,
			    &rules, t) && same;
			if (have_bin && ran) {
				same = git_compare_binary(base, tree, bin,
				    &theirs, &rules, t) && same;
				binary_runs++;
			}
			if (!same)
				mismatched++;
			git_compare_samples(tree, &judged, &rules, t);
			files += listed.n;
			paths += judged.n;
			for (size_t i = 0; i < judged.n; i++)
				ignored += judged.ignored[i];
		}
		if (nested)
			remove(global);
		trees++;
		git_paths_free(&listed);
		git_paths_free(&judged);
		git_paths_free(&theirs);
		outbuf_free(&rules);
		if (mismatched >= 3)
			break; /* enough to go on */
	}
	unit_note("%d trees (%d with global excludes), %zu paths, %zu "
	    "ignored, %zu files listed, %d isogrep runs", trees,
	    trees > GIT_TREES ? trees - GIT_TREES : 0, paths, ignored, files,
	    binary_runs);
	expect_int_eq(nftw(base, git_rm_one, 16, FTW_DEPTH | FTW_PHYS), 0);
}

int
main(int argc, char **argv)
{
	static const struct unit_test tests[] = {
		UNIT_TEST(test_ignore_git_differential),
	};

	return unit_run(argc, argv, tests, UNIT_COUNT(tests));
}
