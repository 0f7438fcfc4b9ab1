/*
 * walker.c - the coordinator: walk the roots, batch the files, send them.
 *
 * The fts loop switches on fts_info: regular files are batched, directories
 * descended, errors reported with fts_errno (the walk goes on), and
 * anything else inside a tree -- symlinks (a physical walk does not follow
 * them), FIFOs, sockets, devices -- is skipped before it is ever opened.
 * What the user named is always searched, whatever it is.
 *
 * Batches start small, so the first files reach every worker quickly, and
 * grow so that a big tree costs few messages; a batch of large files is
 * sent early so one worker does not get all of them.
 */
#include "walker.h"

#include <errno.h>
#include <fts.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include "batch.h"
#include "cancel.h"
#include "diag.h"

enum {
	BATCH_BYTES = 32 * 1024,
	BATCH_FIRST = 4,      /* files in the first batch */
	BATCH_MOST = 256,     /* files in a batch, at most */
	BATCH_DATA = 8 << 20, /* file bytes in a batch, at most */
};

struct walk {
	struct port *work;
	struct batch *batch;
	size_t target;      /* files in the current batch before it is sent */
	uint64_t data;      /* bytes of the files in the current batch */
	uint64_t seq;
	bool strip_dot_slash;
};

static void
walk_send(struct walk *w)
{
	if (w->batch == NULL || batch_count(w->batch) == 0)
		return;
	if (!port_send(w->work, w->batch))
		batch_free(w->batch);
	w->batch = NULL;
	w->data = 0;
	if (w->target < BATCH_MOST)
		w->target *= 2;
}

static void
walk_add(struct walk *w, const char *path, uint64_t size, bool named)
{
	size_t len = strlen(path);

	if (w->strip_dot_slash && len > 2 && path[0] == '.' && path[1] == '/') {
		path += 2;
		len -= 2;
	}
	for (;;) {
		if (w->batch == NULL) {
			size_t bytes = len + 64 > BATCH_BYTES ? len + 64 :
			    BATCH_BYTES;

			w->batch = batch_new(bytes);
			if (w->batch == NULL)
				diag_fatal("out of memory");
		}
		if (batch_add(w->batch, path, len, w->seq, named))
			break;
		walk_send(w);
	}
	w->seq++;
	w->data += size;
	if (batch_count(w->batch) >= w->target || w->data >= BATCH_DATA)
		walk_send(w);
}

/* Walk one root that is not "-". */
static void
walk_root(struct walk *w, const char *root)
{
	char *argv[2] = {(char *)root, NULL};
	FTS *fts = fts_open(argv, FTS_PHYSICAL | FTS_COMFOLLOW | FTS_NOCHDIR,
	    NULL);
	FTSENT *e;

	if (fts == NULL) {
		diag_file_error(root, errno);
		return;
	}
	while (!cancel_requested() && (errno = 0, e = fts_read(fts)) != NULL) {
		bool named = e->fts_level == FTS_ROOTLEVEL;

		switch (e->fts_info) {
		case FTS_F:
			if (named || S_ISREG(e->fts_statp->st_mode))
				walk_add(w, e->fts_path,
				    (uint64_t)e->fts_statp->st_size, named);
			break;
		case FTS_DEFAULT:
			/* A FIFO or device is read only when named. */
			if (named)
				walk_add(w, e->fts_path, 0, true);
			break;
		case FTS_SLNONE:
			/* A dangling link named as a root. */
			if (named)
				diag_file_error(e->fts_path, ENOENT);
			break;
		case FTS_DNR:
		case FTS_ERR:
		case FTS_NS:
			diag_file_error(e->fts_path, e->fts_errno);
			break;
		default:
			/* Directories, symlinks inside the tree. */
			break;
		}
	}
	if (e == NULL && errno != 0)
		diag_file_error(root, errno);
	fts_close(fts);
}

void
walker_run(const struct walker_config *cfg, struct port *work)
{
	struct walk w = {
		.work = work,
		.target = BATCH_FIRST,
		.strip_dot_slash = cfg->strip_dot_slash,
	};

	for (size_t i = 0; i < cfg->nroots && !cancel_requested(); i++) {
		if (strcmp(cfg->roots[i], "-") == 0)
			walk_add(&w, "-", 0, true);
		else
			walk_root(&w, cfg->roots[i]);
	}
	walk_send(&w);
}
