/*
 * nul_records.h - a PCRE2 pattern rewritten for --null-data's buffers.
 *
 * With --null-data the reader swaps NUL and newline bytes (reader.h), so
 * the searcher's line machinery finds the records; a newline inside a
 * record is a NUL byte in the buffer.  What a pattern says about newlines
 * must then be said about NUL: `\n` and `\s` match the newline inside a
 * record (as in grep -z and ripgrep), `.` does not.
 */
#ifndef ISOGREP_NUL_RECORDS_H
#define ISOGREP_NUL_RECORDS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/outbuf.h"
#include "match/pattern.h"

/*
 * Append to out the PCRE2 pattern text[0, len) rewritten to match a
 * swapped buffer as the original matches the record: `\n` (and `\x0a`,
 * `\x{a}`, `\012`) becomes NUL and NUL becomes `\n`; `\s`, `\v`, `\R`
 * and `[[:space:]]` also match NUL, `\S`, `\V` and `\N` do not; `.` does
 * not match NUL unless dotall (--multiline-dotall), or the pattern sets
 * `(?s)` somewhere: then every `.` in it does.  `[\S]` inside a class
 * still matches a record's newline.
 */
void nul_records_rewrite(const char *text, size_t len, bool dotall,
    struct outbuf *out);

/*
 * The dotall of nul_records_rewrite for mc's (regex) patterns: in grep's
 * -E and -G, `.` matches a record's newline, as grep -z's does; in
 * PCRE2's syntax only with --multiline-dotall, as grep -zP's.
 */
bool nul_records_dotall(const struct match_config *mc);

#endif
