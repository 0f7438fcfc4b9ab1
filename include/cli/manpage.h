/*
 * manpage.h - the man page, printed by `isogrep --generate man`.
 */
#ifndef ISOGREP_MANPAGE_H
#define ISOGREP_MANPAGE_H

/* Write man/isogrep.1 (mdoc) to stdout. */
void manpage_write(void);

#endif
