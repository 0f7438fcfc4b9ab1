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
 * git runs with an empty HOME and XDG_CONFIG_HOME and without the system
 * config, so no user setting (core.excludesFile, core.ignoreCase) leaks
 * in.  Without git the test passes with a note.
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

#include "ignore.h"
#include "outbuf.h"
#include "unit.h"

enum {
	GIT_TREES = 40,
	GIT_SEED = 20241124,
	GIT_MAX_DEPTH = 3,
	GIT_SAMPLES = 3, /* paths per tree asked one at a time */
};

/* Names avoid pathspec magic (':' first) and glob characters. */
static const char *const git_names[] = {
	"a", "b", "ab", "x.o", "y.txt", "d1", "d2", ".h", "#x", "c.O", "!x",
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

	switch (git_rand(31)) {
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
 * *budget; the .gitignore files written are logged in rules.
 */
static bool
git_gen_dir(const char *fs, const char *rel, int depth, int *budget,
    struct outbuf *rules)
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
		if (depth < GIT_MAX_DEPTH && git_rand(3) == 0) {
			char sub[4096];

			if (mkdir(path, 0755) != 0)
				return false;
			snprintf(sub, sizeof(sub), "%s%s%s", rel,
			    *rel ? "/" : "", name);
			if (!git_gen_dir(path, sub, depth + 1, budget, rules))
				return false;
		} else if (!git_write(path, "x\n", 2)) {
			return false;
		}
	}
	if (git_rand(10) < (depth == 0 ? 8u : 4u)) {
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
 * below: everything in them is ignored, as git has it.
 */
static bool
git_walk(const char *root, const char *rel, const struct ignore_dir *parent,
    bool excluded, struct git_paths *listed, struct git_paths *judged)
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
		struct ignore_file *f;

		snprintf(gi, sizeof(gi), "%s/.gitignore", fs);
		f = ignore_file_load(gi, 0, &err);
		if (f == NULL && err != 0) {
			unit_fail(__FILE__, __LINE__, "ignore_file_load",
			    "%s: %s", gi, strerror(err));
			return false;
		}
		node = ignore_dir_push(parent, rel, strlen(rel), &f, 1);
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
			ok = git_walk(root, child, node, out, listed, judged);
		else if (!out)
			git_paths_add(listed, child, false);
	}
	git_paths_free(&names);
	ignore_dir_free(node);
	return ok;
}

/*
 * Run cmd through the shell; its whole output, NULL on failure.  Exit
 * status 1 is success too when one_ok is set (check-ignore: none ignored).
 */
static char *
git_capture(const char *cmd, bool one_ok, size_t *len)
{
	int rc;

	FILE *fp = popen(cmd, "r");
	struct outbuf out = OUTBUF_INIT;
	char chunk[4096];
	size_t got;

	if (fp == NULL)
		return NULL;
	while ((got = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		outbuf_append(&out, chunk, got);
	outbuf_putc(&out, '\0'); /* so that an empty output is not NULL */
	rc = pclose(fp);
	if (rc == -1 || !WIFEXITED(rc) || WEXITSTATUS(rc) > (one_ok ? 1 : 0)) {
		outbuf_free(&out);
		return NULL;
	}
	*len = out.len - 1;
	return out.data;
}

static void
git_report(const char *title, const struct outbuf *rules)
{
	printf("  # %s; the rules were:\n%.*s", title, (int)rules->len,
	    rules->data);
}

/* git ls-files against the walk: the same files. */
static bool
git_compare_listing(const char *tree, const struct git_paths *listed,
    const struct outbuf *rules, int t)
{
	char cmd[4400];
	struct git_paths theirs = { 0 };
	size_t len, i = 0, j = 0;
	bool same = true;
	char *out;

	snprintf(cmd, sizeof(cmd), "cd '%s' && git ls-files --others "
	    "--cached --exclude-standard -z", tree);
	out = git_capture(cmd, false, &len);
	if (out == NULL) {
		unit_fail(__FILE__, __LINE__, "git ls-files", "tree %d", t);
		return false;
	}
	for (size_t at = 0; at < len; at += strlen(out + at) + 1)
		git_paths_add(&theirs, out + at, false);
	free(out);
	git_paths_sort(&theirs);

	while (i < theirs.n || j < listed->n) {
		int c = i == theirs.n ? 1 : j == listed->n ? -1 :
		    strcmp(theirs.v[i], listed->v[j]);

		if (c != 0 && same) {
			printf("  # tree %d: listings differ\n", t);
			same = false;
		}
		if (c < 0)
			printf("  #   only git lists %s\n", theirs.v[i++]);
		else if (c > 0)
			printf("  #   only the walk lists %s\n",
			    listed->v[j++]);
		else
			i++, j++;
	}
	if (!same) {
		git_report("listing mismatch", rules);
		unit_fail(__FILE__, __LINE__, "same files",
		    "tree %d: the walk and git ls-files differ", t);
	}
	git_paths_free(&theirs);
	return same;
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

/* Point git at empty configuration; false when git cannot run. */
static bool
git_setup(const char *base)
{
	char home[4200];

	snprintf(home, sizeof(home), "%s/home", base);
	if (mkdir(home, 0700) != 0)
		return false;
	setenv("HOME", home, 1);
	setenv("XDG_CONFIG_HOME", home, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	unsetenv("GIT_CONFIG_GLOBAL");
	unsetenv("GIT_DIR");
	unsetenv("GIT_WORK_TREE");
	unsetenv("GIT_INDEX_FILE");
	return system("git --version >/dev/null 2>&1") == 0;
}

static void
test_ignore_git_differential(void)
{
	char base[] = "/tmp/isogrep-ignore-git-XXXXXX";
	size_t files = 0, paths = 0, ignored = 0;
	int mismatched = 0;

	assert_ptr_not_null(mkdtemp(base));
	if (!git_setup(base)) {
		unit_note("git is not available: skipped");
		nftw(base, git_rm_one, 16, FTW_DEPTH | FTW_PHYS);
		return;
	}
	git_rng = GIT_SEED;
	for (int t = 0; t < GIT_TREES; t++) {
		char tree[4200], cmd[4400];
		struct outbuf rules = OUTBUF_INIT;
		struct git_paths listed = { 0 }, judged = { 0 };
		int budget = 20 + (int)git_rand(21);
		bool ok;

		snprintf(tree, sizeof(tree), "%s/t%02d", base, t);
		ok = mkdir(tree, 0755) == 0 &&
		    git_gen_dir(tree, "", 0, &budget, &rules);
		snprintf(cmd, sizeof(cmd), "cd '%s' && git -c "
		    "init.defaultBranch=main init -q", tree);
		ok = ok && system(cmd) == 0;
		ok = ok && git_walk(tree, "", NULL, false, &listed, &judged);
		if (!ok) {
			unit_fail(__FILE__, __LINE__, "tree set-up",
			    "tree %d", t);
		} else {
			git_paths_sort(&listed);
			if (!git_compare_listing(tree, &listed, &rules, t) ||
			    !git_compare_check_ignore(base, tree, &judged,
			    &rules, t))
				mismatched++;
			git_compare_samples(tree, &judged, &rules, t);
			files += listed.n;
			paths += judged.n;
			for (size_t i = 0; i < judged.n; i++)
				ignored += judged.ignored[i];
		}
		git_paths_free(&listed);
		git_paths_free(&judged);
		outbuf_free(&rules);
		if (mismatched >= 3)
			break; /* enough to go on */
	}
	unit_note("%d trees, %zu paths, %zu ignored, %zu files listed",
	    GIT_TREES, paths, ignored, files);
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
