/*
 * cancel.h - the one flag that stops a search early (-q found a line).
 */
#ifndef ISOGREP_CANCEL_H
#define ISOGREP_CANCEL_H

#include <stdbool.h>

/* Ask the walker and every worker to stop at their next check. */
void cancel_request(void);

/* True once a stop was asked for. */
bool cancel_requested(void);

#endif
