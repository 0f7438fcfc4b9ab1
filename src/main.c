/*
 * main.c - glue: parse, resolve the inputs, search, return the status.
 *
 * One file or standard input is searched directly in this thread, with
 * output streamed as it is found.  Anything more (directories, several
 * paths) goes to the isolates: this thread becomes the coordinator and
 * walks, N worker isolates search, and a printer isolate writes.  Listing
 * files (--files) needs no isolates: the walk prints as it goes.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/outbuf.h"
#include "base/xmalloc.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "cli/options.h"
#include "match/matcher.h"
#include "pipeline/dispatch.h"
#include "pipeline/listing.h"
#include "pipeline/order.h"
#include "pipeline/pipeline.h"
#include "pipeline/search_setup.h"
#include "pipeline/split.h"
#include "pipeline/worker.h"
#include "print/json.h"
#include "print/printer.h"
#include "print/stats.h"
#include "runtime/mapguard.h"
#include "runtime/signals.h"
#include "search/decompress.h"
#include "search/members.h"
#include "search/searcher.h"
#include "walk/filetype.h"
#include "walk/filter.h"
#include "walk/walker.h"

/* Global so the parsed options stay reachable (and leak-checker quiet). */
static struct options opts;
static const char *stdin_roots[] = {"-"};
static const char *dot_roots[] = {"."};

/*
 * With no path: standard input when it is a pipe, file or socket, as
 * ripgrep does; a terminal or a closed stdin means the current directory.
 * Listing files (--files) and -r always mean the current directory.
 */
static void
resolve_default_inputs(struct options *o)
{
	struct stat st;

	if (o->npaths > 0)
		return;
	/* grep -r: a script's loop may be feeding us its own input. */
	/* grep mode reads standard input as grep does, even a terminal. */
	if (!o->files_mode && !o->recursive && (o->grep_mode ||
	    (fstat(STDIN_FILENO, &st) == 0 && (S_ISFIFO(st.st_mode) ||
	    S_ISREG(st.st_mode) || S_ISSOCK(st.st_mode))))) {
		o->paths = stdin_roots;
	} else {
		o->paths = dot_roots;
		o->implicit_root = true;
	}
	o->npaths = 1;
}

/* One input that is not a directory: no walk, no isolates. */
static bool
is_single_input(const struct options *o)
{
	struct stat st;

	if (o->npaths != 1)
		return false;
	if (strcmp(o->paths[0], "-") == 0)
		return true;
	/* A path that cannot be stat'ed is reported by the direct search. */
	return stat(o->paths[0], &st) != 0 || !S_ISDIR(st.st_mode);
}

static void
flush_stdout(struct outbuf *out)
{
	outbuf_write_fd(out, STDOUT_FILENO);
}

/*
 * Standard output as it was at start: closed is an error unless nothing
 * will be written (-q); a regular file is remembered so that it is never
 * searched.  Closed descriptors 0-2 get /dev/null so no file we open takes
 * their number (and our output with it).
 */
static const struct stat *
check_standard_streams(const struct options *o)
{
	static struct stat out;
	bool have_out = fstat(STDOUT_FILENO, &out) == 0;
	int err = errno;

	for (int fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", fd == 0 ?
		    O_RDONLY : O_WRONLY) < 0)
			diag_fatal("cannot open /dev/null: %s", strerror(errno));
	if (!have_out) {
		if (o->print.output != OUTPUT_QUIET)
			diag_fatal("standard output: %s", strerror(err));
		return NULL;
	}
	return &out;
}

/*
 * Does the environment let a terminal have colors?  As ripgrep: TERM set
 * and not "dumb", and NO_COLOR not set at all.
 */
static bool
env_allows_color(void)
{
	const char *term = getenv("TERM");

	return term != NULL && strcmp(term, "dumb") != 0 &&
	    getenv("NO_COLOR") == NULL;
}

/*
 * What a terminal changes, as in ripgrep: headings, line numbers and
 * colors by default (not in grep mode, which prints as grep does).
 */
static void
terminal_defaults(struct print_config *pc, bool grep_mode)
{
	bool tty = pc->escape;

	if (grep_mode) {
		pc->heading = 0;
		pc->color = false;
		return;
	}
	if (pc->heading < 0)
		pc->heading = tty;
	if (tty && !pc->no_line_number)
		pc->line_number = true;
	pc->color = pc->color_when == COLOR_WHEN_ALWAYS ||
	    (pc->color_when == COLOR_WHEN_AUTO && tty && env_allows_color());
	if (pc->color)
		outbuf_set_interrupt_trailer(COLOR_RESET, tty);
}

/*
 * grep prints its context separator between the groups of different
 * files too: each file's output then starts with it (one record).
 */
static void
set_file_lead(struct search_setup *setup, const struct options *o)
{
	/* Lives as long as the program (volatile: the leak checker sees it). */
	static char *volatile lead_store;
	char *lead;
	const struct print_config *pc = &o->print;

	if (!o->select.context_breaks || pc->group_sep == NULL ||
	    pc->output != OUTPUT_LINES)
		return;
	/* The separator's line, as the printer ends it (--crlf: "\r\n"). */
	lead = lead_store = xmalloc(pc->group_sep_len + 2);
	memcpy(lead, pc->group_sep, pc->group_sep_len);
	setup->file_lead_len = pc->group_sep_len;
	if (pc->crlf)
		lead[setup->file_lead_len++] = '\r';
	lead[setup->file_lead_len++] = '\n';
	setup->file_lead = lead;
}

static unsigned
worker_count(const struct options *o)
{
	long n;

	if (o->threads > 0)
		return o->threads;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}

/* What a whole run saw, for --stats and the "nothing searched" hint. */
struct run_totals {
	struct walker_stats walk;
	unsigned long long selected; /* lines */
	unsigned long long searched; /* files */
	unsigned long long matched;  /* files */
	struct print_stats print;    /* --stats, --json: the sinks' counts */
	unsigned long long started;  /* print_stats_clock() at the start */
};

static unsigned long long
search_direct(const struct options *o, const struct search_setup *setup,
    struct run_totals *t)
{
	struct searcher s;
	struct outbuf out = OUTBUF_INIT;
	struct search_result res = {0};
	struct search_setup direct = *setup;
	struct sink *sink;
	struct input in;
	unsigned long long selected;

	/*
	 * A big file: all workers on it at once -- but not under a heading,
	 * which each segment's sink would repeat.
	 */
	if (!(setup->print->heading == 1 && setup->with_filename) &&
	    !o->select.all_match && /* --all-match: one file's verdict */
	    split_search(setup, o->paths[0], worker_count(o), &selected,
	    setup->print->stats ? &t->print : NULL))
		return selected;
	/* Searched alone, a big file is mapped rather than read. */
	direct.input.may_map = !o->select.null_data; /* reader.h */
	if (!input_open_path(&in, o->paths[0], true, 0, &direct.input))
		return 0;
	/* An archive's members are named, unless -h says no. */
	if (o->print.with_filename < 0 && in.zip != NULL &&
	    decompress_is_archive(in.zip))
		direct.with_filename = true;
	sink = printer_sink_new(setup->print, direct.with_filename, &out);
	searcher_init(&s, setup->select, setup->matcher, sink);
	if (setup->print->stats)
		sink->stats = &t->print;
	s.flush = flush_stdout;
	s.flush_when = setup->flush_when;
	members_search(&s, &in, &setup->members, &res);
	/*
	 * As GNU grep: after -m NUM, a shared standard input is left just
	 * after the last selected line, for the next reader; else at the
	 * end, as a read (not a mapping) leaves it.
	 */
	if (res.stopped)
		input_leave_at(&in, res.stop_offset);
	else if (in.src.map != NULL)
		input_leave_at(&in, in.src.map_len);
	input_close(&in);
	outbuf_write_fd(&out, STDOUT_FILENO);
	searcher_free(&s);
	printer_sink_free(sink);
	outbuf_free(&out);
	return res.selected;
}

static void
fill_walker_config(struct walker_config *wc, const struct options *o,
    const struct filter_plan *plan, unsigned workers)
{
	memset(wc, 0, sizeof(*wc));
	wc->walk = &o->walk;
	wc->roots = o->paths;
	wc->nroots = o->npaths;
	wc->strip_dot_slash = o->implicit_root;
	wc->plan = plan;
	wc->workers = workers;
}

/*
 * Walk, handing each selected entry to emit(ctx, ...) in the order
 * --sort/--sortr ask: as found, or for a sort by metadata (or reversed)
 * the whole walk held and sorted first (order.h).
 */
static void
walk_in_order(struct walker_config *wc, struct walker_stats *stats,
    walker_emit emit, void *ctx)
{
	struct order *o;

	if (!order_needs_walk(wc->walk)) {
		wc->emit = emit;
		wc->ctx = ctx;
		walker_run(wc, stats);
		return;
	}
	o = order_new(wc->walk, wc->workers);
	wc->emit = order_add;
	wc->ctx = o;
	walker_run(wc, stats);
	order_replay(o, emit, ctx);
	order_free(o);
}

/* The walk, feeding the workers' work port. */
struct walk_feed {
	struct walker_config wc;
	struct walker_stats *stats;
};

static void
feed_walk(struct port *work, void *ctx)
{
	struct walk_feed *f = ctx;
	struct dispatch d;

	dispatch_init(&d, work);
	walk_in_order(&f->wc, f->stats, dispatch_emit, &d);
	dispatch_flush(&d);
}

static void
search_parallel(const struct options *o, const struct search_setup *setup,
    const struct filter_plan *plan, struct run_totals *t)
{
	unsigned n = worker_count(o);
	struct worker_shared shared = {
		.setup = setup, .sorted = o->walk.sort != SORT_NONE,
	};
	struct worker *workers = xcalloc(n, sizeof(*workers));
	struct walk_feed feed = {.stats = &t->walk};
	struct pipeline_config pc = {
		.workers = n, .worker = worker_main,
		.args = workers, .arg_size = sizeof(*workers),
		.work_capacity = 2 * (size_t)n + 2,
		.feed = feed_walk, .feed_ctx = &feed,
		.print = true, .sorted = o->walk.sort != SORT_NONE,
		.reply_capacity = 256,
		.lead = setup->file_lead, .lead_len = setup->file_lead_len,
	};

	for (unsigned i = 0; i < n; i++)
		workers[i].shared = &shared;
	fill_walker_config(&feed.wc, o, plan, n);
	feed.wc.note_short_reads = input_reads_unchecked(&setup->input);
	pipeline_run(&pc);
	for (unsigned i = 0; i < n; i++) {
		t->selected += workers[i].selected;
		t->searched += workers[i].searched;
		t->matched += workers[i].matched;
		t->walk.skipped[SKIP_BINARY] += workers[i].binary;
		print_stats_add(&t->print, &workers[i].stats);
	}
	free(workers);
}

static void
list_files(const struct options *o, const struct filter_plan *plan,
    struct run_totals *t)
{
	struct listing l;
	struct walker_config wc;

	listing_init(&l, o->print.null_sep, o->print.escape);
	fill_walker_config(&wc, o, plan, 0);
	walk_in_order(&wc, &t->walk, listing_emit, &l);
	listing_finish(&l);
	t->selected = t->walk.selected;
}

/* isogrep's reasons for skipping files, for --stats and --json. */
static size_t
skip_counts(const struct run_totals *t, struct print_skip *skips)
{
	size_t n = 0;

	for (int r = SKIP_NONE + 1; r < SKIP_REASONS; r++) {
		skips[n].reason = skip_reason_names[r];
		skips[n++].count = t->walk.skipped[r];
	}
	return n;
}

/*
 * The end of the run's output: --json's summary record, or --stats in
 * ripgrep's words on standard output after a blank line (with --files,
 * the count of names listed), then the reasons files were skipped.
 */
static void
print_run_stats(const struct options *o, const struct run_totals *t)
{
	struct print_skip skips[SKIP_REASONS];
	size_t nskips = skip_counts(t, skips);
	unsigned long long total = print_stats_clock() - t->started;
	struct outbuf out = OUTBUF_INIT;

	if (o->json_summary) {
		json_write_summary(&out, &t->print, total, skips, nskips);
	} else if (o->files_mode) {
		outbuf_putc(&out, '\n');
		outbuf_put_uint(&out, t->walk.selected);
		outbuf_puts(&out, " files listed\n");
		print_stats_skips(&out, skips, nskips);
	} else {
		outbuf_putc(&out, '\n');
		print_stats_text(&out, &t->print, total, skips, nskips);
	}
	outbuf_write_fd(&out, STDOUT_FILENO);
	outbuf_free(&out);
}

/*
 * When filters left nothing to search in the directories given, say why
 * with the numbers, instead of a bare "no match".
 */
static void
hint_nothing_searched(const struct run_totals *t)
{
	char reasons[1024];
	int len = 0;
	unsigned long long skipped = 0;

	if (t->walk.selected > 0)
		return;
	for (int r = SKIP_NONE + 1; r < SKIP_REASONS; r++) {
		if (t->walk.skipped[r] == 0)
			continue;
		skipped += t->walk.skipped[r];
		len += snprintf(reasons + len, sizeof(reasons) - (size_t)len,
		    "%s%llu %s", len ? ", " : "", t->walk.skipped[r],
		    skip_reason_names[r]);
	}
	if (skipped > 0)
		diag_notice("no files were searched: %s (see --stats; -u, -uu "
		    "and --hidden loosen the rules)", reasons);
}

/* Any directory among the inputs (the hint is for walks only). */
static bool
has_directory_input(const struct options *o)
{
	for (size_t i = 0; i < o->npaths; i++) {
		struct stat st;

		if (stat(o->paths[i], &st) == 0 && S_ISDIR(st.st_mode))
			return true;
	}
	return false;
}

static struct filetype_db *
load_types(const struct options *o)
{
	struct filetype_db *db = filetype_db_new();

	for (size_t i = 0; i < o->ntype_adds; i++) {
		char err[FILETYPE_ERR_SIZE];

		if (!filetype_add(db, o->type_adds[i], err, sizeof(err)))
			diag_fatal("%s", err);
	}
	return db;
}

/* -z: globs and types select an archive's members too. */
static bool
keep_member(const void *plan, const char *path, size_t len)
{
	return filter_plan_keeps_member(plan, path, len);
}

static void
print_type_list(const struct filetype_db *db)
{
	struct outbuf out = OUTBUF_INIT;

	filetype_list(db, &out);
	outbuf_write_fd(&out, STDOUT_FILENO);
	outbuf_free(&out);
}

int
main(int argc, char **argv)
{
	struct matcher *m = NULL;
	struct filetype_db *db;
	struct filter_plan *plan;
	struct run_totals totals;
	struct search_setup setup;
	bool single;
	char err[512];
	struct matcher_error merr;

	/* A closed pipe ends us quietly; SIGPIPE may arrive ignored. */
	signal(SIGPIPE, SIG_DFL);
	memset(&totals, 0, sizeof(totals));
	totals.started = print_stats_clock();
	/* A script run through a grep link must not see isogrep's config. */
	if (!cli_grep_mode(argc, argv))
		argv = config_apply(argc, argv, &argc, err, sizeof(err));
	if (argv == NULL)
		diag_fatal("%s", err);
	cli_parse(argc, argv, &opts);
	db = load_types(&opts);
	if (opts.type_list) {
		print_type_list(db);
		filetype_db_free(db);
		return EXIT_MATCH;
	}
	/*
	 * Only now, so that --help, --version and --type-list, which a
	 * completion function may call on every TAB, start no thread.
	 */
	signals_start();
	mapguard_install();
	/* Everything that can be wrong with the arguments fails here. */
	if (!opts.files_mode)
		m = matcher_compile(&opts.match, &merr);
	if (!opts.files_mode && m == NULL)
		diag_fatal("%s", merr.message);
	plan = filter_plan_new(&opts.filter, db);
	/*
	 * -m 0 selects no line anywhere: as GNU grep and ripgrep, end here
	 * with no output (not even -c's zeros) and no file opened.  With -L
	 * every file is listed, as grep does.
	 */
	if (opts.select.has_max_count && opts.select.max_count == 0 &&
	    !opts.files_mode && opts.print.output != OUTPUT_FILES_WITHOUT) {
		filter_plan_free(plan);
		filetype_db_free(db);
		matcher_free(m);
		return EXIT_NO_MATCH;
	}
	/* The one place that asks whether output goes to a terminal. */
	opts.print.escape = isatty(STDOUT_FILENO);
	terminal_defaults(&opts.print, opts.grep_mode);
	memset(&setup, 0, sizeof(setup));
	setup.input.out = check_standard_streams(&opts);
	/* Lists of names with -0 end each record with a NUL, not a newline. */
	if (opts.print.null_sep && (opts.files_mode ||
	    opts.print.output == OUTPUT_FILES_WITH ||
	    opts.print.output == OUTPUT_FILES_WITHOUT))
		outbuf_set_record_end('\0');
	resolve_default_inputs(&opts);
	single = !opts.files_mode && is_single_input(&opts);
	setup.matcher = m;
	setup.select = &opts.select;
	setup.print = &opts.print;
	setup.with_filename = opts.print.with_filename >= 0 ?
	    opts.print.with_filename == 1 : !single;
	/*
	 * Headings part files by a blank line (none before the first);
	 * without them, context groups of different files by the separator.
	 */
	if (opts.print.heading == 1 && setup.with_filename &&
	    opts.print.output == OUTPUT_LINES && !opts.print.vimgrep)
		outbuf_drop_first('\n');
	else
		set_file_lead(&setup, &opts);
	setup.input.follow = opts.walk.follow;
	setup.input.stdin_label = opts.input_label;
	/* JSON readers written for ripgrep know standard input by its name. */
	if (opts.input_label == NULL && opts.print.output == OUTPUT_JSON)
		setup.input.stdin_label = "<stdin>";
	setup.input.skip_devices = opts.skip_devices;
	/* Line by line to a terminal, as grep and ripgrep. */
	if (opts.line_buffered < 0 ? isatty(STDOUT_FILENO) :
	    opts.line_buffered)
		setup.flush_when = SEARCHER_FLUSH_LINE;
	else if (opts.line_buffered == 0)
		setup.flush_when = SEARCHER_FLUSH_BLOCK;
	setup.input.search_zip = opts.search_zip;
	setup.input.stat_lazily = !opts.print.initial_tab;
	setup.members.keep = keep_member;
	setup.members.ctx = plan;
	setup.members.first_only = opts.print.output == OUTPUT_QUIET;
	/* -q, -l, -L and -m 1 stop before they could read their output. */
	setup.input.refuse_output = opts.print.output == OUTPUT_LINES &&
	    !(opts.select.has_max_count && opts.select.max_count <= 1);

	if (opts.files_mode)
		list_files(&opts, plan, &totals);
	else if (single && strcmp(opts.paths[0], "-") != 0 &&
	    filter_plan_skips_operand(plan, opts.paths[0], false))
		; /* --include/--exclude left out the one file named */
	else if (single)
		totals.selected = search_direct(&opts, &setup, &totals);
	else
		search_parallel(&opts, &setup, plan, &totals);

	if (opts.stats || opts.json_summary)
		print_run_stats(&opts, &totals);
	else if (!single && !opts.grep_mode && has_directory_input(&opts))
		hint_nothing_searched(&totals);
	filter_plan_free(plan);
	filetype_db_free(db);
	matcher_free(m);

	if (signals_caught() != 0) {
		outbuf_write_interrupt_trailer();
		return 128 + signals_caught();
	}
	if (opts.print.output == OUTPUT_QUIET && totals.selected > 0)
		return EXIT_MATCH;
	if (diag_had_error())
		return EXIT_TROUBLE;
	return totals.selected > 0 ? EXIT_MATCH : EXIT_NO_MATCH;
}
