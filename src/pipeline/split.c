/*
 * split.c - one big file searched by several workers at once.
 *
 * A single big file named on the command line (a log, say) would keep one
 * core busy while the others idle.  Instead it is cut into segments of
 * whole lines (it is mapped to find the cuts, and only the pages around
 * them are read); worker isolates take the segments in order, each reads
 * its segment whole with pread, and the printer isolate writes their
 * outputs in segment order, so the output is byte for byte what one
 * worker would print.
 *
 * A segment's output depends on what came before it in two ways: the
 * number of its first line, and whether binary data (a NUL byte) began
 * earlier.  So each worker first makes a quick pass over its segment,
 * counting newlines and looking for NUL, and publishes the result in the
 * ledger; then it waits until every earlier segment is published (they
 * were taken first, so the wait is short) and searches with that start.
 *
 * With --json one more thing depends on the segments before: the begin
 * record goes before the file's first record, so the first segment with
 * records opens with it.  Each worker publishes whether its segment made
 * records and waits for the earlier ones' word before it sends; the
 * file's end record, written last, gets the segments' summed counts.
 *
 * Not split: -m (a cap over the whole file), -l, -L and -q (they stop at
 * the first match anyway), context lines (a segment's first lines may be
 * the context of the one before), and files with lines too long to cut
 * between.  Standard input is split too when it is a big file read from
 * its start.
 */
#include "pipeline/split.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/xmalloc.h"
#include "pipeline/collector.h"
#include "pipeline/pipeline.h"
#include "print/json.h"
#include "print/printer.h"
#include "runtime/cancel.h"
#include "search/bytecount.h"
#include "search/decompress.h"
#include "search/filecheck.h"
#include "search/searcher.h"

/* What is known of the segments before each one. */
struct ledger {
	pthread_mutex_t lock;
	pthread_cond_t grew;
	size_t nseg;
	unsigned long long *lines; /* per segment: its newlines */
	bool *nul;                 /* per segment: holds a NUL */
	bool *published;
	size_t known;              /* segments [0, known) are all published */
	unsigned long long *lines_before; /* per segment, once known */
	bool *nul_before;
	bool aborted;
	/* --json: which segments made records, once searched. */
	bool *had_output;
	bool *output_published;
	size_t output_known;      /* segments [0, output_known) published */
};

enum {
	FAULT_AROUND = 64 * 1024, /* Linux's fault_around_bytes default */
};

struct split_shared {
	const struct search_setup *setup;
	const char *path;
	const char *map;  /* for cutting: only around the cuts is read */
	int fd;           /* the segments are read from it with pread */
	bool own_fd;
	size_t *bounds;   /* segment k is map[bounds[k], bounds[k + 1]) */
	size_t nseg;
	size_t longest;   /* the longest segment's length */
	bool send;        /* OUTPUT_LINES: every segment sends its output */
	bool json;        /* --json: segs holds each segment's counts */
	struct json_split *segs;
	struct ledger ledger;
	atomic_size_t next; /* the next segment to take */
	atomic_bool shrank; /* a read came short: the file was cut short */
	atomic_int read_error; /* errno of a failed read, or 0 */
};

struct split_worker {
	struct split_shared *sh;
	struct collector *reply; /* NULL: nothing is printed per segment */
	size_t taken;            /* the segment it holds, or SIZE_MAX */
	struct region_result total;
	struct print_stats stats; /* --stats: its sink's counts */
	char *buf;               /* the segment it searches, read whole */
};

static void
ledger_init(struct ledger *l, size_t nseg)
{
	memset(l, 0, sizeof(*l));
	pthread_mutex_init(&l->lock, NULL);
	pthread_cond_init(&l->grew, NULL);
	l->nseg = nseg;
	l->lines = xcalloc(nseg, sizeof(*l->lines));
	l->nul = xcalloc(nseg, sizeof(*l->nul));
	l->published = xcalloc(nseg, sizeof(*l->published));
	l->lines_before = xcalloc(nseg + 1, sizeof(*l->lines_before));
	l->nul_before = xcalloc(nseg + 1, sizeof(*l->nul_before));
	l->had_output = xcalloc(nseg, sizeof(*l->had_output));
	l->output_published = xcalloc(nseg, sizeof(*l->output_published));
}

static void
ledger_free(struct ledger *l)
{
	free(l->lines);
	free(l->nul);
	free(l->published);
	free(l->lines_before);
	free(l->nul_before);
	free(l->had_output);
	free(l->output_published);
	pthread_mutex_destroy(&l->lock);
	pthread_cond_destroy(&l->grew);
}

static void
ledger_publish(struct ledger *l, size_t k, unsigned long long lines, bool nul)
{
	pthread_mutex_lock(&l->lock);
	l->lines[k] = lines;
	l->nul[k] = nul;
	l->published[k] = true;
	while (l->known < l->nseg && l->published[l->known]) {
		size_t j = l->known++;

		l->lines_before[j + 1] = l->lines_before[j] + l->lines[j];
		l->nul_before[j + 1] = l->nul_before[j] || l->nul[j];
	}
	pthread_cond_broadcast(&l->grew);
	pthread_mutex_unlock(&l->lock);
}

/*
 * Wait until segments [0, k) are published; false when the search was
 * abandoned.
 */
static bool
ledger_wait(struct ledger *l, size_t k, unsigned long long *lines_before,
    bool *nul_before)
{
	bool ok;

	pthread_mutex_lock(&l->lock);
	while (l->known < k && !l->aborted)
		pthread_cond_wait(&l->grew, &l->lock);
	ok = !l->aborted;
	*lines_before = l->lines_before[k];
	*nul_before = l->nul_before[k];
	pthread_mutex_unlock(&l->lock);
	return ok;
}

/*
 * --json: segment k made records (had) or not; then wait until segments
 * [0, k) have said so, and tell whether one of them did (so that the
 * begin record is already before).  False when the search was abandoned.
 */
static bool
ledger_output(struct ledger *l, size_t k, bool had, bool *before)
{
	bool ok;

	pthread_mutex_lock(&l->lock);
	l->had_output[k] = had;
	l->output_published[k] = true;
	while (l->output_known < l->nseg &&
	    l->output_published[l->output_known])
		l->output_known++;
	pthread_cond_broadcast(&l->grew);
	while (l->output_known < k && !l->aborted)
		pthread_cond_wait(&l->grew, &l->lock);
	ok = !l->aborted;
	*before = false;
	for (size_t j = 0; j < k && ok; j++)
		*before |= l->had_output[j];
	pthread_mutex_unlock(&l->lock);
	return ok;
}

static void
ledger_abort(struct ledger *l)
{
	pthread_mutex_lock(&l->lock);
	l->aborted = true;
	pthread_cond_broadcast(&l->grew);
	pthread_mutex_unlock(&l->lock);
}

/*
 * Give back the pages around p[0, len) that a look at it mapped in (the
 * kernel maps up to 64 KiB around a faulting page): cutting a 1 GiB file
 * would otherwise hold 16 MiB of them from the start.
 */
static void
give_back(const char *p, size_t len)
{
	uintptr_t from = (uintptr_t)p / FAULT_AROUND * FAULT_AROUND;
	uintptr_t to = ((uintptr_t)(p + len) + FAULT_AROUND - 1) /
	    FAULT_AROUND * FAULT_AROUND;

	(void)madvise((void *)from, to - from, MADV_DONTNEED);
}

/*
 * Read segment k into w->buf.  Read, not searched in the mapping: on
 * Linux 6 a page of a mapping costs more to map in and give back than
 * its copy by pread costs (perf: 1 GiB with -j1, 320 ms mapped against
 * 275 ms read), and the copy lands in the cache the two passes over the
 * segment (the count, the search) then read.  False when the file was
 * cut short or could not be read (sh says which).
 */
static bool
read_segment(struct split_worker *w, size_t k, size_t *len)
{
	struct split_shared *sh = w->sh;
	size_t want = sh->bounds[k + 1] - sh->bounds[k];
	size_t got = 0;

	if (w->buf == NULL)
		w->buf = xmalloc(sh->longest > 0 ? sh->longest : 1);
	while (got < want) {
		ssize_t n = pread(sh->fd, w->buf + got, want - got,
		    (off_t)(sh->bounds[k] + got));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			atomic_store(&sh->read_error, errno);
		else if (n == 0)
			atomic_store(&sh->shrank, true);
		if (n <= 0)
			return false;
		got += (size_t)n;
	}
	*len = want;
	return true;
}

/* Stop every worker: this one cannot go on (the file or a read failed). */
static void
abandon(struct split_shared *sh)
{
	atomic_store(&sh->next, sh->nseg);
	ledger_abort(&sh->ledger);
}

/*
 * Send segment k's output.  The printer writes segments in order and
 * holds back later ones only so far (collector.h), so every segment a
 * worker takes is sent, if only empty, or the ones after it would wait.
 */
static void
send_segment(struct split_worker *w, size_t k, const struct outbuf *out)
{
	if (w->reply != NULL)
		(void)collector_send(w->reply, k, k, true, out);
	w->taken = SIZE_MAX;
}

/*
 * --json: note what segment k's sink counted, and open the file's
 * records with the begin record when k is the first segment that has
 * any.  False when the search was abandoned.
 */
static bool
json_segment(struct split_shared *sh, struct searcher *s, size_t k,
    struct outbuf *out)
{
	struct json_split *seg = &sh->segs[k];
	struct outbuf head = OUTBUF_INIT;
	bool before;

	json_sink_take_segment(s->sink, seg);
	if (!ledger_output(&sh->ledger, k, out->len > 0, &before))
		return false;
	if (out->len == 0 || before)
		return true;
	json_write_begin(&head, sh->path);
	seg->records.bytes_printed += head.len;
	seg->begun = true;
	outbuf_append(&head, out->data, out->len);
	outbuf_clear(out);
	outbuf_append(out, head.data, head.len);
	outbuf_free(&head);
	return true;
}

/* Take segments until none is left or the run is abandoned. */
static void
search_segments(struct split_worker *w, struct searcher *s, struct outbuf *out)
{
	struct split_shared *sh = w->sh;

	while (!cancel_requested()) {
		size_t k = atomic_fetch_add(&sh->next, 1);
		const char *seg;
		size_t len;
		struct region_start at;
		struct region_result res;
		struct input in;
		unsigned long long lines, lines_before;
		bool nul;

		if (k >= sh->nseg)
			break;
		w->taken = k;
		outbuf_clear(out);
		if (!read_segment(w, k, &len)) {
			abandon(sh);
			send_segment(w, k, out);
			break;
		}
		seg = w->buf;
		lines = bytecount_newlines_nul(seg, len, &nul);
		ledger_publish(&sh->ledger, k, lines, nul);
		if (!ledger_wait(&sh->ledger, k, &lines_before, &nul)) {
			send_segment(w, k, out);
			break;
		}
		at.offset = sh->bounds[k];
		at.line_no = lines_before + 1;
		at.binary = nul && !sh->setup->select->text;
		input_open_region(&in, sh->path, seg, len);
		searcher_search_region(s, &in, &at, &res);
		input_close(&in);
		if (sh->json && !json_segment(sh, s, k, out)) {
			send_segment(w, k, out);
			break;
		}
		w->total.selected += res.selected;
		w->total.binary_lines += res.binary_lines;
		w->total.binary_matched |= res.binary_matched;
		w->total.bytes_searched += res.bytes_searched;
		send_segment(w, k, out);
	}
}

static void
split_worker_main(struct pipeline_worker *pw)
{
	struct split_worker *w = pw->arg;
	struct split_shared *sh = w->sh;
	struct searcher s;
	struct outbuf out = OUTBUF_INIT;
	struct sink *sink = printer_sink_new(sh->setup->print,
	    sh->setup->with_filename, &out);

	w->reply = pw->reply;
	w->taken = SIZE_MAX;
	searcher_init(&s, sh->setup->select, sh->setup->matcher, sink);
	if (sh->setup->print->stats)
		sink->stats = &w->stats;
	if (sh->json)
		json_sink_segments(sink);
	/* Segments are read, not mapped: a file cut short is a short read. */
	search_segments(w, &s, &out);
	free(w->buf);
	w->buf = NULL;
	searcher_free(&s);
	printer_sink_free(sink);
	outbuf_free(&out);
}

/*
 * Cut map[0, len) into segments of whole lines, each but the last at least
 * SPLIT_SEGMENT bytes; false when a line is too long to cut after (over
 * SPLIT_SEGMENT bytes: looking further would map in too much of the file,
 * and such files are better read in order).
 */
static bool
cut_segments(struct split_shared *sh, size_t len)
{
	size_t start = 0;
	size_t k = 0;

	sh->bounds = xreallocarray(NULL, len / SPLIT_SEGMENT + 2,
	    sizeof(*sh->bounds));
	sh->bounds[k++] = 0;
	while (len - start > SPLIT_SEGMENT) {
		size_t from = start + SPLIT_SEGMENT;
		size_t limit = len - from < SPLIT_SEGMENT ? len - from :
		    SPLIT_SEGMENT;
		const char *nl = memchr(sh->map + from, '\n', limit);

		if (nl == NULL && limit == SPLIT_SEGMENT)
			return false;
		/* No newline left: the rest is the last line. */
		if (nl == NULL || (size_t)(nl - sh->map) + 1 >= len)
			break;
		start = (size_t)(nl - sh->map) + 1;
		sh->bounds[k++] = start;
		give_back(sh->map + from, start - from);
	}
	sh->bounds[k] = len;
	sh->nseg = k;
	for (size_t j = 0; j < k; j++)
		if (sh->bounds[j + 1] - sh->bounds[j] > sh->longest)
			sh->longest = sh->bounds[j + 1] - sh->bounds[j];
	return true;
}

static bool
qualifies(const struct search_setup *setup, unsigned workers)
{
	enum output_mode mode = setup->print->output;

	/*
	 * -I may drop the whole file at its end, and grep mode's encoding
	 * check reports at the end what it hid: one searcher decides.
	 */
	return workers >= 2 && !setup->select->has_max_count &&
	    !(mode == OUTPUT_LINES && (setup->select->context_breaks ||
	    setup->select->passthru)) &&
	    setup->select->binary_files != BINARY_FILES_WITHOUT_MATCH &&
	    setup->print->encoding == ENCODING_IGNORE &&
	    !setup->print->initial_tab && /* its width is the file's size */
	    !setup->select->null_data && /* read, not mapped (reader.h) */
	    !matcher_multiline(setup->matcher) && /* matches cross segments */
	    (mode == OUTPUT_LINES || mode == OUTPUT_COUNT ||
	    mode == OUTPUT_JSON);
}

/* A regular file worth splitting, without holes, that is not our output. */
static bool
big_enough(const struct stat *st, const struct stat *out_st)
{
	return S_ISREG(st->st_mode) && st->st_size >= SPLIT_MIN &&
	    (uintmax_t)st->st_size <= SIZE_MAX && !filecheck_is_sparse(st) &&
	    !filecheck_is_output(out_st, st);
}

/*
 * Map path when it is a big regular file that is not our output, and
 * leave it open in *fd.  It is checked before it is opened: opening a
 * FIFO, even to close it at once, would disturb its writer.
 */
static const char *
map_file(const char *path, const struct stat *out_st, size_t *len, int *fd_out)
{
	struct stat st;
	void *map = MAP_FAILED;
	int fd;

	if (stat(path, &st) != 0 || !big_enough(&st, out_st))
		return NULL;
	fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return NULL;
	/* Still the same kind of file once open. */
	if (fstat(fd, &st) == 0 && big_enough(&st, out_st)) {
		map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE,
		    fd, 0);
		*len = (size_t)st.st_size;
	}
	if (map == MAP_FAILED) {
		close(fd);
		return NULL;
	}
	*fd_out = fd;
	return map;
}

/*
 * Standard input, when it is a big regular file read from its start
 * (`isogrep x < big.log`): mapped like a named file.
 */
static const char *
map_stdin(const struct stat *out_st, size_t *len, int *fd)
{
	struct stat st;
	void *map;

	if (fstat(STDIN_FILENO, &st) != 0 || !big_enough(&st, out_st) ||
	    lseek(STDIN_FILENO, 0, SEEK_CUR) != 0)
		return NULL;
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE,
	    STDIN_FILENO, 0);
	if (map == MAP_FAILED)
		return NULL;
	*len = (size_t)st.st_size;
	*fd = STDIN_FILENO;
	return map;
}

/* The mapping and the descriptor are done with. */
static void
drop_input(struct split_shared *sh, size_t len)
{
	munmap((void *)(uintptr_t)sh->map, len);
	if (sh->own_fd)
		close(sh->fd);
}

/* Run the workers (and the printer), then sum up what they found. */
static void
run_workers(struct split_shared *sh, unsigned workers,
    struct region_result *total, struct print_stats *stats)
{
	struct split_worker *w = xcalloc(workers, sizeof(*w));
	struct pipeline_config pc = {
		.workers = workers, .worker = split_worker_main,
		.args = w, .arg_size = sizeof(*w),
		.print = sh->send, .sorted = true,
		.reply_capacity = 2 * (size_t)workers + 2,
	};

	for (unsigned i = 0; i < workers; i++)
		w[i].sh = sh;
	pipeline_run(&pc);
	memset(total, 0, sizeof(*total));
	for (unsigned i = 0; i < workers; i++) {
		total->selected += w[i].total.selected;
		total->binary_lines += w[i].total.binary_lines;
		total->binary_matched |= w[i].total.binary_matched;
		total->bytes_searched += w[i].total.bytes_searched;
		if (stats != NULL)
			print_stats_add(stats, &w[i].stats);
	}
	free(w);
}

/*
 * --json: the file's end record counts what all its segments printed.
 * Binary data is found lazily, where a selected line needs it; when only
 * a later segment had one (it knew from the ledger), the offset is the
 * first NUL byte's.
 */
static void
preset_json_end(const struct split_shared *sh, struct sink *sink,
    const struct region_result *total, unsigned long long started)
{
	struct json_split file;

	memset(&file, 0, sizeof(file));
	file.started = started;
	for (size_t k = 0; k < sh->nseg; k++) {
		const struct json_split *seg = &sh->segs[k];

		print_stats_add(&file.records, &seg->records);
		file.begun |= seg->begun;
		if (seg->binary && !file.binary) {
			file.binary = true;
			file.binary_offset = seg->binary_offset;
		}
	}
	for (size_t k = 0; total->binary_matched && !file.binary &&
	    k < sh->nseg; k++) {
		const char *seg = sh->map + sh->bounds[k];
		const char *nul = sh->ledger.nul[k] ? memchr(seg, '\0',
		    sh->bounds[k + 1] - sh->bounds[k]) : NULL;

		if (nul != NULL) {
			file.binary = true;
			file.binary_offset = (unsigned long long)(nul - sh->map);
		}
	}
	json_sink_preset(sink, &file);
}

bool
split_search(const struct search_setup *setup, const char *path,
    unsigned workers, unsigned long long *selected, struct print_stats *stats)
{
	const struct stat *out_st = setup->input.out;
	struct split_shared sh;
	struct region_result total;
	unsigned long long started;
	size_t len = 0;
	bool is_stdin = strcmp(path, "-") == 0;

	if (!qualifies(setup, workers))
		return false;
	memset(&sh, 0, sizeof(sh));
	sh.map = is_stdin ? map_stdin(out_st, &len, &sh.fd) :
	    map_file(path, out_st, &len, &sh.fd);
	if (sh.map == NULL)
		return false;
	sh.own_fd = !is_stdin;
	/* -z: a compressed file is read through its decompressor, whole. */
	if (setup->input.search_zip && decompress_sniff((const void *)sh.map,
	    len < DECOMPRESS_HEAD ? len : DECOMPRESS_HEAD)) {
		drop_input(&sh, len);
		return false;
	}
	if (is_stdin)
		path = setup->input.stdin_label ? setup->input.stdin_label :
		    "(standard input)";
	if (!cut_segments(&sh, len)) {
		drop_input(&sh, len);
		free(sh.bounds);
		return false;
	}
	sh.setup = setup;
	sh.path = path;
	sh.json = setup->print->output == OUTPUT_JSON;
	sh.send = setup->print->output == OUTPUT_LINES || sh.json;
	atomic_init(&sh.next, 0);
	atomic_init(&sh.shrank, false);
	atomic_init(&sh.read_error, 0);
	ledger_init(&sh.ledger, sh.nseg);
	if (sh.json)
		sh.segs = xcalloc(sh.nseg, sizeof(*sh.segs));
	started = print_stats_clock();
	if (workers > sh.nseg)
		workers = (unsigned)sh.nseg;

	run_workers(&sh, workers, &total, stats);
	if (atomic_load(&sh.read_error) != 0)
		diag_file_error(path, atomic_load(&sh.read_error));
	else if (atomic_load(&sh.shrank))
		diag_file_message(path, "file shrank while it was read");
	else if (!cancel_requested()) {
		struct searcher s;
		struct outbuf out = OUTBUF_INIT;
		struct sink *sink = printer_sink_new(setup->print,
		    setup->with_filename, &out);

		searcher_init(&s, setup->select, setup->matcher, sink);
		sink->stats = stats;
		if (sh.json)
			preset_json_end(&sh, sink, &total, started);
		searcher_finish_regions(&s, path, &total);
		outbuf_write_fd(&out, STDOUT_FILENO);
		searcher_free(&s);
		printer_sink_free(sink);
		outbuf_free(&out);
	}
	*selected = total.selected;
	/* Where reading it to the end would have left it, for the next reader. */
	if (is_stdin)
		(void)lseek(STDIN_FILENO, 0, SEEK_END);
	free(sh.segs);
	ledger_free(&sh.ledger);
	drop_input(&sh, len);
	free(sh.bounds);
	return true;
}
