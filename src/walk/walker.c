/*
 * walker.c - the coordinator's walk over the roots.
 *
 * The walking layer (src/walk/): which files a search reads -- the walk,
 * ignore files with git's semantics, globs, types and the filter plan.
 * It never opens a file to search it (--files uses it alone).
 *
 * Each directory is read whole with getdents64 (dirlist.c): the kernel's
 * d_type classifies entries, so a plain walk makes no stat call per file.
 * (glibc's fts stats every entry -- FTS_NOSTAT loses the type -- which made
 * listing a tree 2.5 times slower than ripgrep's; this walk keeps fts's
 * useful properties: a physical walk by default, no chdir, loops detected
 * when links are followed, bounded descriptors however deep the tree.)
 *
 * Per directory the walker loads the ignore files it contains and pushes
 * them on the ignore stack (ignore.c), then judges each entry in turn:
 * hidden names, ignore rules, and the filter plan (filter.c).  Directories
 * judged out are never entered, which is how a rule on a directory covers
 * everything below it, as in git.
 *
 * Ignore rules are matched against a "virtual" path: the entry's path from
 * the top of its git work tree (or from '/' outside one), so rules in
 * ignore files above a root apply exactly as they would from there.
 */
#include "walk/walker.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/vfs.h>
#endif

#include "base/diag.h"
#include "base/xmalloc.h"
#include "runtime/cancel.h"
#include "walk/dirlist.h"
#include "walk/gitconfig.h"
#include "walk/ignore.h"

/* One directory being walked. */
struct frame {
	struct dirlist list;
	size_t next;            /* index of the next entry to judge */
	size_t path_len;        /* this directory's length in w->path */
	size_t vpath_len;       /* ... and in w->vpath */
	int fd;                 /* open, or -1 beyond the descriptor budget */
	int depth;              /* 0 for a root */
	bool in_repo;           /* inside a git work tree */
	struct ignore_dir *ign; /* pushed here, freed when popped; or NULL */
	const struct ignore_dir *rules; /* rules for this dir's entries */
	dev_t dev;
	ino_t ino;
	bool short_reads_end;   /* candidate.short_read_ends for its files */
};

/* A growable string. */
struct pathbuf {
	char *s;
	size_t len, cap;
};

struct walk {
	const struct walker_config *cfg;
	const struct walk_config *walk;
	struct walker_stats *stats;
	struct frame *frames;
	size_t nframes, frames_cap;
	struct pathbuf path;   /* the entry's path as printed and opened */
	struct pathbuf vpath;  /* its path for ignore matching */
	size_t root_len;       /* where the path below the root starts */
	int fd_budget;         /* directories deeper than this are closed */
	dev_t root_dev;
	bool use_vcs, use_dot, use_global, use_parent;
	char *global_excludes;
	bool root_in_repo;        /* the current root is in a git work tree */
	const struct ignore_dir *above; /* rules from above the current root */
	struct ignore_dir **above_nodes; /* owned, freed after the root */
	size_t nabove, above_cap;
};

static void
pathbuf_set_len(struct pathbuf *b, size_t len)
{
	if (len + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *s;

		while (cap < len + 1)
			cap *= 2;
		s = xrealloc(b->s, cap);
		b->s = s;
		b->cap = cap;
	}
	b->len = len;
	b->s[len] = '\0';
}

/* Set b to its first dir_len bytes plus "/name" (no '/' after "" or "/"). */
static void
pathbuf_join(struct pathbuf *b, size_t dir_len, const char *name,
    size_t name_len)
{
	bool slash = dir_len > 0 && b->s[dir_len - 1] != '/';
	size_t at = dir_len + (slash ? 1 : 0);

	pathbuf_set_len(b, at + name_len);
	if (slash)
		b->s[dir_len] = '/';
	memcpy(b->s + at, name, name_len);
}

static void
pathbuf_assign(struct pathbuf *b, const char *s, size_t len)
{
	pathbuf_set_len(b, len);
	memcpy(b->s, s, len);
}

/*
 * How many directory levels may keep their descriptor open: what the
 * descriptor limit leaves after stdio, the workers' files and a margin.
 */
static int
fd_budget(unsigned workers)
{
	struct rlimit rl;
	long spare = 64;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		spare = (long)rl.rlim_cur - 8 - 2 * (long)workers;
	if (spare > 64)
		spare = 64;
	return spare < 0 ? 0 : (int)spare;
}

/* Load one ignore file if present; report an unreadable one. */
static struct ignore_file *
load_ignore(const char *path)
{
	int err = 0;
	struct ignore_file *f = ignore_file_load(path, 0, &err);

	if (f == NULL && err != 0)
		diag_file_error(path, err);
	return f;
}

/* Names in a directory that matter to ignore rules. */
struct dir_marks {
	bool git, gitignore, ignore, isogrepignore;
};

static void
scan_marks(const struct dirlist *l, struct dir_marks *m)
{
	memset(m, 0, sizeof(*m));
	for (size_t i = 0; i < l->count; i++) {
		const char *n = l->entries[i].name;

		if (n[0] != '.')
			continue;
		if (strcmp(n, ".git") == 0)
			m->git = true;
		else if (strcmp(n, ".gitignore") == 0)
			m->gitignore = true;
		else if (strcmp(n, ".ignore") == 0)
			m->ignore = true;
		else if (strcmp(n, ".isogrepignore") == 0)
			m->isogrepignore = true;
	}
}

/*
 * The ignore files of the directory dir (a path usable with open), in
 * increasing precedence.  extra: --ignore-file rules, for a root.
 */
static struct ignore_dir *
push_dir_rules(struct walk *w, const struct ignore_dir *parent,
    const char *dir, const char *vdir, size_t vdir_len,
    const struct dir_marks *m, bool in_repo, bool extra)
{
	/*
	 * Every --ignore-file, then at most five files of the directory
	 * (global excludes, .git/info/exclude, .gitignore, .ignore,
	 * .isogrepignore).  Most directories need no allocation for them.
	 */
	size_t nextra = extra ? w->walk->nignore_files : 0;
	struct ignore_file *stack[16];
	struct ignore_file **files = stack;
	size_t n = 0;
	struct pathbuf p = {NULL, 0, 0};
	struct ignore_dir *node;

	if (nextra + 5 > sizeof(stack) / sizeof(stack[0])) {
		files = xmalloc((nextra + 5) * sizeof(*files));
	}

#define LOAD(name) do { \
		pathbuf_assign(&p, dir, strlen(dir)); \
		pathbuf_join(&p, p.len, name, strlen(name)); \
		files[n] = load_ignore(p.s); \
		if (files[n] != NULL) \
			n++; \
	} while (0)

	if (extra && !w->walk->no_ignore_files)
		for (size_t i = 0; i < nextra; i++) {
			files[n] = load_ignore(w->walk->ignore_files[i]);
			if (files[n] != NULL)
				n++;
		}
	if (m->git && w->use_global && w->global_excludes != NULL) {
		int err = 0;

		/* A missing or unreadable global file is git's silence too. */
		files[n] = ignore_file_load(w->global_excludes, 0, &err);
		if (files[n] != NULL)
			n++;
	}
	if (m->git && w->use_vcs)
		LOAD(".git/info/exclude");
	if (in_repo && w->use_vcs && m->gitignore)
		LOAD(".gitignore");
	if (w->use_dot && m->ignore)
		LOAD(".ignore");
	if (w->use_dot && m->isogrepignore)
		LOAD(".isogrepignore");
#undef LOAD
	free(p.s);
	node = n == 0 ? NULL : ignore_dir_push(parent, vdir, vdir_len, files,
	    n);
	if (files != stack)
		free(files);
	return node;
}

static void
push_above(struct walk *w, struct ignore_dir *node)
{
	if (w->nabove == w->above_cap) {
		size_t cap = w->above_cap ? w->above_cap * 2 : 8;
		struct ignore_dir **n = xrealloc(w->above_nodes,
		    cap * sizeof(*n));

		w->above_nodes = n;
		w->above_cap = cap;
	}
	w->above_nodes[w->nabove++] = node;
}

static void
count_skip(struct walk *w, enum skip_reason r)
{
	w->stats->skipped[r]++;
}

static struct frame *
top_frame(struct walk *w)
{
	return &w->frames[w->nframes - 1];
}

static struct frame *
new_frame(struct walk *w)
{
	struct frame *f;

	if (w->nframes == w->frames_cap) {
		size_t cap = w->frames_cap ? w->frames_cap * 2 : 16;
		struct frame *fr = xrealloc(w->frames, cap * sizeof(*fr));

		/* New slots start with empty lists, kept for reuse after. */
		memset(fr + w->frames_cap, 0,
		    (cap - w->frames_cap) * sizeof(*fr));
		w->frames = fr;
		w->frames_cap = cap;
	}
	f = &w->frames[w->nframes++];
	f->next = 0;
	f->fd = -1;
	f->ign = NULL;
	f->rules = NULL;
	return f;
}

static void
pop_frame(struct walk *w)
{
	struct frame *f = top_frame(w);

	if (f->fd >= 0)
		close(f->fd);
	ignore_dir_free(f->ign);
	w->nframes--;
}

/* Is (dev, ino) a directory already on the stack? (links followed) */
static bool
is_ancestor(const struct walk *w, dev_t dev, ino_t ino)
{
	for (size_t i = 0; i < w->nframes; i++)
		if (w->frames[i].dev == dev && w->frames[i].ino == ino)
			return true;
	return false;
}

/*
 * Is the directory fd on a local disk's file system, where a read of a
 * regular file returns less than it asked for only at the file's end?
 * Then a searcher need not stat a file to know it read all of it
 * (source_open_walked).  Not a network or FUSE file system, nor /proc or
 * /sys, where short reads are normal; those files are read until a read
 * returns nothing.  One call per directory, not per file.
 */
static bool
short_reads_end(int fd)
{
#ifdef __linux__
	struct statfs sf;

	if (fstatfs(fd, &sf) != 0)
		return false;
	switch ((uint32_t)sf.f_type) {
	case 0xEF53:     /* ext2, ext3, ext4 */
	case 0x58465342: /* xfs */
	case 0x9123683E: /* btrfs */
	case 0xF2F52010: /* f2fs */
	case 0x2FC12FC1: /* zfs */
	case 0xCA451A4E: /* bcachefs */
	case 0x01021994: /* tmpfs */
	case 0x858458F6: /* ramfs */
	case 0x794C7630: /* overlayfs (containers), over one of these */
		return true;
	default:
		return false;
	}
#else
	(void)fd;
	return false;
#endif
}

/*
 * Open and read the directory at w->path (parent: the frame it is in, or
 * NULL for a root) and push its frame.  False when it cannot be entered
 * (reported) or must not be (a loop, another file system).
 */
static bool
enter_dir(struct walk *w, struct frame *parent, const char *name, int depth,
    bool *empty)
{
	int flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOCTTY;
	int fd, err;
	struct frame *f;
	struct stat st;
	bool check_identity = w->walk->follow || w->walk->one_file_system;
	struct dir_marks marks;
	bool in_repo;
	const struct ignore_dir *inherited;
	size_t path_len = w->path.len, vpath_len = w->vpath.len;

	if (parent != NULL && !w->walk->follow)
		flags |= O_NOFOLLOW;
	if (parent != NULL && parent->fd >= 0)
		fd = openat(parent->fd, name, flags);
	else
		fd = open(w->path.len ? w->path.s : ".", flags);
	if (fd < 0) {
		diag_file_error(w->path.len ? w->path.s : ".", errno);
		return false;
	}
	if (check_identity && fstat(fd, &st) == 0) {
		if (parent == NULL)
			w->root_dev = st.st_dev;
		if (w->walk->one_file_system && st.st_dev != w->root_dev) {
			close(fd);
			return false;
		}
		if (w->walk->follow && is_ancestor(w, st.st_dev, st.st_ino)) {
			diag_file_message(w->path.s,
			    "symbolic link loop, not followed");
			close(fd);
			return false;
		}
	} else {
		st.st_dev = 0;
		st.st_ino = 0;
	}
	inherited = parent ? parent->rules : w->above;
	in_repo = parent ? parent->in_repo : w->root_in_repo;
	f = new_frame(w);
	parent = NULL; /* new_frame may have moved the stack */
	err = dirlist_read(&f->list, fd, w->walk->sort != SORT_NONE);
	if (err != 0) {
		diag_file_error(w->path.s, err);
		close(fd);
		w->nframes--;
		return false;
	}
	f->path_len = path_len;
	f->vpath_len = vpath_len;
	f->depth = depth;
	f->dev = st.st_dev;
	f->ino = st.st_ino;
	f->short_reads_end = w->cfg->note_short_reads && short_reads_end(fd);
	scan_marks(&f->list, &marks);
	f->in_repo = in_repo || marks.git;
	f->rules = inherited;
	if (w->use_vcs || w->use_dot || depth == 0) {
		f->ign = push_dir_rules(w, inherited, w->path.len ? w->path.s :
		    ".", w->vpath.s, w->vpath.len, &marks, f->in_repo,
		    depth == 0);
		if (f->ign != NULL)
			f->rules = f->ign;
	}
	if (depth < w->fd_budget) {
		f->fd = fd;
	} else {
		close(fd);
		f->fd = -1;
	}
	*empty = f->list.count == 0;
	return true;
}

static bool
is_hidden(const char *name)
{
	return name[0] == '.';
}

/* Fill in a candidate for the entry now in w->path. */
static void
make_candidate(struct walk *w, struct candidate *c, size_t name_len,
    unsigned char type)
{
	memset(c, 0, sizeof(*c));
	c->path = w->path.s;
	c->path_len = w->path.len;
	c->name = w->path.s + w->path.len - name_len;
	c->name_len = name_len;
	if (w->path.len > w->root_len) {
		size_t skip = w->root_len;

		if (skip > 0 && w->path.s[skip] == '/')
			skip++;
		c->rel = w->path.s + skip;
		c->rel_len = w->path.len - skip;
	} else {
		c->rel = "";
	}
	c->type = type;
	c->follow = w->walk->follow;
	c->dir_empty = -1;
}

static void
emit(struct walk *w, const struct candidate *c, bool named)
{
	w->stats->selected++;
	w->cfg->emit(w->cfg->ctx, c, named);
}

/* Run the filter plan on c: emit it, or count why not. */
static void
offer(struct walk *w, struct candidate *c)
{
	enum skip_reason r = filter_plan_eval(w->cfg->plan, c);

	if (r == SKIP_NONE)
		emit(w, c, false);
	else if (r != SKIP_KIND || filter_plan_typed(w->cfg->plan))
		count_skip(w, r); /* without --type-entry, kinds only drop links */
}

/* Judge one entry of the top frame and act on it. */
static void
visit_entry(struct walk *w, const struct dir_entry *e)
{
	struct frame *f = top_frame(w);
	unsigned kinds = filter_plan_kinds(w->cfg->plan);
	struct candidate c;
	unsigned char type = e->type;
	int depth = f->depth + 1;
	bool empty;

	if (w->walk->max_depth >= 0 && depth > w->walk->max_depth)
		return;
	if ((strcmp(e->name, ".git") == 0 && !w->walk->dot_git) ||
	    (is_hidden(e->name) && !w->walk->hidden)) {
		count_skip(w, SKIP_HIDDEN);
		return;
	}
	pathbuf_join(&w->path, f->path_len, e->name, e->len);
	pathbuf_join(&w->vpath, f->vpath_len, e->name, e->len);
	make_candidate(w, &c, e->len, type);
	c.short_read_ends = type == DT_REG && f->short_reads_end;
	if (type == DT_UNKNOWN || (type == DT_LNK && w->walk->follow)) {
		const struct stat *st = candidate_stat(&c);

		if (st == NULL) {
			/*
			 * With --follow, a dangling link is worth a word; a
			 * loop of links (ELOOP) or an unreadable target is
			 * not dangling, and says what it is.
			 */
			if (type == DT_LNK && (c.stat_errno == ENOENT ||
			    c.stat_errno == ENOTDIR))
				diag_file_message(c.path,
				    "broken symbolic link");
			else
				diag_file_error(c.path, c.stat_errno);
			return;
		}
		type = S_ISREG(st->st_mode) ? DT_REG : S_ISDIR(st->st_mode) ?
		    DT_DIR : S_ISLNK(st->st_mode) ? DT_LNK : DT_FIFO;
		c.type = type;
	}
	if (f->rules != NULL && ignore_dir_match(f->rules, w->vpath.s,
	    w->vpath.len, type == DT_DIR) == IGNORE_EXCLUDE) {
		count_skip(w, SKIP_IGNORED);
		return;
	}
	if (type == DT_DIR) {
		if (filter_plan_prunes_dir(w->cfg->plan, &c)) {
			count_skip(w, SKIP_GLOB);
			return;
		}
		if (w->walk->max_depth >= 0 && depth >= w->walk->max_depth) {
			if (kinds & ENTRY_DIR)
				offer(w, &c);
			return;
		}
		/* f is stale after this: entering pushes a frame. */
		if (!enter_dir(w, f, e->name, depth, &empty))
			return;
		if (kinds & ENTRY_DIR) {
			c.dir_empty = empty;
			offer(w, &c);
		}
		return;
	}
	/* FIFOs, sockets, devices and (unfollowed) links are never opened. */
	if (type == DT_REG || (type == DT_LNK && (kinds & ENTRY_SYMLINK)))
		offer(w, &c);
}

/* Drop trailing slashes ("dir/" prints as "dir/x"), keeping "/". */
static size_t
root_length(const char *root)
{
	size_t len = strlen(root);

	while (len > 1 && root[len - 1] == '/')
		len--;
	return len;
}

/*
 * Inside a git work tree, the ignore files from its top down to the root's
 * parent apply too.  Sets w->vpath to the root's path from the top ("" when
 * the root is the top, or outside a work tree) and w->above to the rules.
 */
static void
load_above(struct walk *w, const char *root)
{
	char *real = realpath(root, NULL);
	struct pathbuf dir = {NULL, 0, 0};
	const struct ignore_dir *parent = NULL;
	size_t len, top;

	w->above = NULL;
	w->root_in_repo = false;
	pathbuf_set_len(&w->vpath, 0);
	if (real == NULL)
		return;
	len = strlen(real);
	/* The nearest of the root and its ancestors that holds .git. */
	for (top = len;;) {
		struct stat st;

		pathbuf_assign(&dir, real, top);
		pathbuf_join(&dir, top, ".git", 4);
		if (lstat(dir.s, &st) == 0) {
			w->root_in_repo = true;
			break;
		}
		if (top <= 1)
			break;
		while (top > 1 && real[top - 1] != '/')
			top--;
		if (top > 1)
			top--;
	}
	if (w->root_in_repo && top < len) {
		size_t vstart = top == 1 ? 1 : top + 1;

		pathbuf_assign(&w->vpath, real + vstart, len - vstart);
		/* Each ancestor from the top down to the root's parent. */
		for (size_t end = top; end < len;) {
			struct dir_marks m = {end == top, true, true, true};
			struct ignore_dir *node;

			pathbuf_assign(&dir, real, end);
			node = w->use_parent ? push_dir_rules(w, parent, dir.s,
			    real + vstart, end > vstart ? end - vstart : 0, &m,
			    true, false) : NULL;
			if (node != NULL) {
				push_above(w, node);
				parent = node;
			}
			end++;
			while (end < len && real[end] != '/')
				end++;
		}
	}
	w->above = parent;
	free(dir.s);
	free(real);
}

static void
emit_named(struct walk *w, const char *path, unsigned char type)
{
	struct candidate c;

	pathbuf_assign(&w->path, path, strlen(path));
	w->root_len = w->path.len;
	make_candidate(w, &c, w->path.len, type);
	c.rel = c.path;
	c.rel_len = c.path_len;
	emit(w, &c, true);
}

/* Walk one root that is a directory. */
static void
walk_dir_root(struct walk *w, const char *root)
{
	bool empty;

	if (w->cfg->strip_dot_slash && strcmp(root, ".") == 0)
		pathbuf_set_len(&w->path, 0);
	else
		pathbuf_assign(&w->path, root, root_length(root));
	w->root_len = w->path.len;
	load_above(w, root);
	if (!enter_dir(w, NULL, NULL, 0, &empty))
		goto out;
	while (w->nframes > 0 && !cancel_requested()) {
		struct frame *f = top_frame(w);

		if (f->next == f->list.count)
			pop_frame(w);
		else
			visit_entry(w, &f->list.entries[f->next++]);
	}
	while (w->nframes > 0)
		pop_frame(w);
out:
	for (size_t i = 0; i < w->nabove; i++)
		ignore_dir_free(w->above_nodes[i]);
	w->nabove = 0;
	w->above = NULL;
}

static void
walk_root(struct walk *w, const char *root)
{
	struct stat st;

	if (strcmp(root, "-") == 0) {
		/* Standard input may block like a FIFO. */
		emit_named(w, "-", DT_FIFO);
		return;
	}
	/* A root is followed when it is a symlink, as the user named it. */
	if (stat(root, &st) != 0) {
		diag_file_error(root, errno);
		return;
	}
	/* grep's --exclude-dir spares the "." that no operand means. */
	if (filter_plan_skips_operand(w->cfg->plan, root, S_ISDIR(st.st_mode)) &&
	    !(w->cfg->strip_dot_slash && strcmp(root, ".") == 0)) {
		count_skip(w, SKIP_GLOB);
		return;
	}
	if (S_ISDIR(st.st_mode) && w->walk->directories == DIRS_READ)
		diag_file_error(root, EISDIR); /* grep's word for it */
	else if (S_ISDIR(st.st_mode) && w->walk->directories == DIRS_SKIP)
		return;
	else if (S_ISDIR(st.st_mode))
		walk_dir_root(w, root);
	else
		emit_named(w, root, S_ISREG(st.st_mode) ? DT_REG : DT_FIFO);
}

void
walker_run(const struct walker_config *cfg, struct walker_stats *stats)
{
	struct walk w;

	memset(&w, 0, sizeof(w));
	memset(stats, 0, sizeof(*stats));
	w.cfg = cfg;
	w.walk = cfg->walk;
	w.stats = stats;
	w.fd_budget = fd_budget(cfg->workers);
	w.use_vcs = !w.walk->no_ignore_vcs;
	w.use_dot = !w.walk->no_ignore_dot;
	w.use_global = !w.walk->no_ignore_global && w.use_vcs;
	w.use_parent = !w.walk->no_ignore_parent;
	if (w.use_global)
		w.global_excludes = gitconfig_excludes_file();

	for (size_t i = 0; i < cfg->nroots && !cancel_requested(); i++)
		walk_root(&w, cfg->roots[i]);

	for (size_t i = 0; i < w.frames_cap; i++)
		dirlist_free(&w.frames[i].list);
	free(w.frames);
	free(w.above_nodes);
	free(w.path.s);
	free(w.vpath.s);
	free(w.global_excludes);
}
