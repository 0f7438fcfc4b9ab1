/*
 * dispatch.c - turning the walk into path batches on the work port.
 *
 * Batches start small, so the first files reach every worker at once, and
 * grow so that a big tree costs few messages; a batch of large files (when
 * the walk knows sizes) is sent early so one worker does not get them all.
 * Each file gets a sequence number in walk order, which --sort uses.
 */
#include "pipeline/dispatch.h"

#include <dirent.h>
#include <string.h>

#include "base/diag.h"
#include "base/xmalloc.h"
#include "pipeline/batch.h"

enum {
	BATCH_BYTES = 32 * 1024,
	BATCH_FIRST = 4,      /* files in the first batch */
	BATCH_MOST = 256,     /* files in a batch, at most */
	BATCH_DATA = 8 << 20, /* file bytes in a batch, at most */
};

void
dispatch_init(struct dispatch *d, struct port *work)
{
	memset(d, 0, sizeof(*d));
	d->work = work;
	d->target = BATCH_FIRST;
}

void
dispatch_flush(struct dispatch *d)
{
	if (d->batch == NULL || batch_count(d->batch) == 0)
		return;
	if (!port_send(d->work, d->batch))
		batch_free(d->batch);
	d->batch = NULL;
	d->data = 0;
	if (d->target < BATCH_MOST)
		d->target *= 2;
}

void
dispatch_emit(void *ctx, const struct candidate *c, bool named)
{
	struct dispatch *d = ctx;
	/*
	 * A FIFO, device or stdin may block a worker for as long as it
	 * likes: it travels alone, so no file queued behind it waits too.
	 */
	bool alone = c->type != DT_REG && c->type != DT_DIR &&
	    c->type != DT_LNK;

	if (alone)
		dispatch_flush(d);
	for (;;) {
		if (d->batch == NULL) {
			size_t bytes = c->path_len + 64 > BATCH_BYTES ?
			    c->path_len + 64 : BATCH_BYTES;

			d->batch = batch_new(bytes);
		}
		if (batch_add(d->batch, c->path, c->path_len, d->seq, named,
		    c->short_read_ends))
			break;
		dispatch_flush(d);
	}
	d->seq++;
	if (c->stat_state == 1)
		d->data += (uint64_t)c->st.st_size;
	if (alone || batch_count(d->batch) >= d->target ||
	    d->data >= BATCH_DATA)
		dispatch_flush(d);
}
