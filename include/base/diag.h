/*
 * diag.h - diagnostics on stderr and the error flag behind exit status 2.
 */
#ifndef ISOGREP_DIAG_H
#define ISOGREP_DIAG_H

#include <stdbool.h>

/* Exit statuses, as GNU grep. */
enum {
	EXIT_MATCH = 0,
	EXIT_NO_MATCH = 1,
	EXIT_TROUBLE = 2,
};

/*
 * The name messages start with, "isogrep" until set (grep mode: the name
 * it was called by).  Set once, before any thread starts.
 */
void diag_set_program(const char *name);

/* With quiet set, file errors are not printed (-s); the flag is still set. */
void diag_set_quiet_files(bool quiet);

/*
 * Name what the following messages are about ("config file F line 3"),
 * put between the program's name and the message; NULL: nothing.  Set
 * while the arguments are read, in one thread.
 */
void diag_set_context(const char *what);

/* "isogrep: PATH: strerror(errnum)"; sets the error flag. */
void diag_file_error(const char *path, int errnum);

/* "isogrep: PATH: MESSAGE"; sets the error flag (printed even with -s). */
void diag_file_message(const char *path, const char *message);

/* "isogrep: PATH:LINE: MESSAGE"; sets the error flag. */
void diag_line_message(const char *path, unsigned long long line,
    const char *message);

/* "isogrep: PATH: MESSAGE" as a notice: the error flag is not set. */
void diag_file_notice(const char *path, const char *message);

/*
 * Paths in all of these, and every message, have their control
 * characters made visible (escape.h).
 */

/* "isogrep: MESSAGE" printf-style; sets the error flag. */
void diag_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* "isogrep: MESSAGE" printf-style; a notice, not an error. */
void diag_notice(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* "isogrep: MESSAGE" printf-style, then exit(EXIT_TROUBLE). */
_Noreturn void diag_fatal(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* diag_fatal, with the lines of usage (as they are) after the message. */
_Noreturn void diag_usage_fatal(const char *usage, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Call hook instead of ending the program in diag_fatal (for fuzz targets,
 * which must survive bad input: the hook longjmps back).  NULL restores.
 */
void diag_set_fatal_hook(void (*hook)(void));

/* True once any error was reported. */
bool diag_had_error(void);

/*
 * A write to standard output failed with errnum.  A closed pipe ends the
 * program quietly at once; anything else is reported and exits with 2.
 */
_Noreturn void diag_output_failed(int errnum);

/*
 * For what is printed with stdio (--help, --version, --generate): flush
 * stdout and report a write error now or earlier as diag_output_failed.
 */
void diag_flush_stdout(void);

#endif
