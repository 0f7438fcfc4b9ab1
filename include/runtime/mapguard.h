/*
 * mapguard.h - surviving a mapped file that shrinks while it is searched.
 *
 * Reading a mapped page past the end of a file that was truncated after
 * it was mapped raises SIGBUS.  A thread that reads a mapping arms the
 * guard with a jump buffer; the SIGBUS handler jumps back there, and the
 * search of that file ends with an error instead of the program dying.
 * SIGBUS anywhere else keeps its default action.
 */
#ifndef ISOGREP_MAPGUARD_H
#define ISOGREP_MAPGUARD_H

#include <setjmp.h>

/* Install the SIGBUS handler (once, before the isolates start). */
void mapguard_install(void);

/* While armed, SIGBUS in this thread jumps to *jb (sigsetjmp'd by it). */
void mapguard_arm(sigjmp_buf *jb);
void mapguard_disarm(void);

#endif
