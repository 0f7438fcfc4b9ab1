/*
 * signals.h - SIGINT, SIGTERM and SIGHUP end a search cleanly.
 */
#ifndef ISOGREP_SIGNALS_H
#define ISOGREP_SIGNALS_H

/*
 * Block the signals in the calling thread (so in every thread it starts
 * later) and start a thread that waits for them.  On a signal it asks
 * everyone to stop (cancel.h) and stops output after the record being
 * written (outbuf.h); if the program has not ended 100 ms later it ends
 * it, once no record is half written (or after 400 ms more at most).
 * Call before starting any other thread.
 */
void signals_start(void);

/* The signal that stopped the run, or 0. */
int signals_caught(void);

#endif
