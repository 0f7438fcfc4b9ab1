/*
 * main.c - glue: parse, resolve the inputs, search, return the status.
 *
 * One file or standard input is searched directly in this thread, with
 * output streamed as it is found.  Anything more (directories, several
 * paths) goes to the isolates: this thread becomes the coordinator and
 * walks, N worker isolates search, and a printer isolate writes.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "collector.h"
#include "diag.h"
#include "isolate.h"
#include "matcher.h"
#include "options.h"
#include "port.h"
#include "searcher.h"
#include "walker.h"
#include "worker.h"

/* Global so the parsed options stay reachable (and leak-checker quiet). */
static struct options opts;
static const char *stdin_roots[] = {"-"};
static const char *dot_roots[] = {"."};

/*
 * With no path: standard input when it is a pipe, file or socket, as
 * ripgrep does; a terminal or a closed stdin means the current directory.
 */
static void
resolve_default_inputs(struct options *o)
{
	struct stat st;

	if (o->npaths > 0)
		return;
	if (fstat(STDIN_FILENO, &st) == 0 && (S_ISFIFO(st.st_mode) ||
	    S_ISREG(st.st_mode) || S_ISSOCK(st.st_mode))) {
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

static unsigned long long
search_direct(const struct options *o, const struct matcher *m,
    bool with_filename)
{
	struct searcher s;
	struct outbuf out = OUTBUF_INIT;
	struct search_result res;

	if (!searcher_init(&s, o, m, with_filename))
		diag_fatal("out of memory");
	s.flush = flush_stdout;
	if (strcmp(o->paths[0], "-") == 0)
		searcher_search_fd(&s, STDIN_FILENO, "(standard input)", true,
		    &out, &res);
	else
		searcher_search_path(&s, o->paths[0], true, &out, &res);
	outbuf_write_fd(&out, STDOUT_FILENO);
	outbuf_free(&out);
	searcher_free(&s);
	return res.selected;
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

static unsigned long long
search_parallel(const struct options *o, const struct matcher *m,
    bool with_filename)
{
	unsigned n = worker_count(o);
	struct port *work = port_create(2 * (size_t)n + 2);
	struct port *reply = port_create(256);
	struct worker_shared shared = {o, m, with_filename, work, reply};
	struct worker *workers = calloc(n, sizeof(*workers));
	struct isolate **isolates = calloc(n, sizeof(*isolates));
	struct isolate *printer;
	struct walker_config wc = {o->paths, o->npaths, o->implicit_root};
	unsigned long long selected = 0;

	if (work == NULL || reply == NULL || workers == NULL ||
	    isolates == NULL)
		diag_fatal("out of memory");
	printer = isolate_spawn(collector_main, reply, 0);
	if (printer == NULL)
		diag_fatal("cannot start the printer thread");
	for (unsigned i = 0; i < n; i++) {
		workers[i].shared = &shared;
		isolates[i] = isolate_spawn(worker_main, &workers[i], 0);
		if (isolates[i] == NULL)
			diag_fatal("cannot start worker thread %u", i + 1);
	}

	walker_run(&wc, work);
	port_close(work);
	for (unsigned i = 0; i < n; i++) {
		isolate_join(isolates[i]);
		selected += workers[i].selected;
	}
	port_close(reply);
	isolate_join(printer);

	port_destroy(work, NULL);
	port_destroy(reply, NULL);
	free(isolates);
	free(workers);
	return selected;
}

int
main(int argc, char **argv)
{
	struct matcher *m;
	bool single, with_filename;
	unsigned long long selected;

	/* A closed pipe ends us quietly; SIGPIPE may arrive ignored. */
	signal(SIGPIPE, SIG_DFL);
	cli_parse(argc, argv, &opts);
	m = matcher_compile(&opts);
	resolve_default_inputs(&opts);
	single = is_single_input(&opts);
	with_filename = opts.with_filename >= 0 ? opts.with_filename == 1 :
	    !single;

	if (single)
		selected = search_direct(&opts, m, with_filename);
	else
		selected = search_parallel(&opts, m, with_filename);
	matcher_free(m);

	if (opts.output == OUTPUT_QUIET && selected > 0)
		return EXIT_MATCH;
	if (diag_had_error())
		return EXIT_TROUBLE;
	return selected > 0 ? EXIT_MATCH : EXIT_NO_MATCH;
}
