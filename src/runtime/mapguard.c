/*
 * mapguard.c - SIGBUS on a shrunken mapped file becomes a file error.
 *
 * SIGBUS from a mapped file is synchronous: it is delivered to the thread
 * that touched the page, so a per-thread jump buffer says where that
 * thread's search resumes.  The jump leaves only the searcher's own code
 * (reads from the mapping are never made inside malloc or a lock).
 */
#include "runtime/mapguard.h"

#include <signal.h>
#include <stddef.h>
#include <string.h>

static _Thread_local sigjmp_buf *armed;

static void
on_sigbus(int sig)
{
	sigjmp_buf *jb = armed;

	if (jb != NULL) {
		armed = NULL;
		siglongjmp(*jb, 1);
	}
	/* Not ours: the fault repeats on return and kills as it would. */
	signal(sig, SIG_DFL);
}

void
mapguard_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigbus;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_NODEFER;
	sigaction(SIGBUS, &sa, NULL);
}

void
mapguard_arm(sigjmp_buf *jb)
{
	armed = jb;
}

void
mapguard_disarm(void)
{
	armed = NULL;
}
