/*
 * track.h - free what a function left allocated when it was cut short.
 *
 * Fuzz targets longjmp out of diag_fatal (through diag_set_fatal_hook),
 * which leaves behind whatever the interrupted code had allocated.  Between
 * track_start and track_stop, a malloc hook records every block that is
 * allocated and not yet freed, so track_stop can free them: no false
 * leaks, and libFuzzer never sees more mallocs than frees for an input
 * that was refused.
 */
#ifndef ISOGREP_FUZZ_TRACK_H
#define ISOGREP_FUZZ_TRACK_H

#include <stdbool.h>

/* Install the hooks; once, from LLVMFuzzerInitialize. */
void track_init(void);

/* Start recording the blocks allocated from now on (forgets older ones). */
void track_start(void);

/* Stop recording; with free_left, free the blocks still allocated. */
void track_stop(bool free_left);

#endif
