/*
 * version.h - what --version prints.
 *
 * isogrep's version and those of the libraries it runs on, with the
 * features in use (PCRE2's JIT, the SIMD level), so a bug report says
 * exactly what was running.
 */
#ifndef ISOGREP_VERSION_H
#define ISOGREP_VERSION_H

#include <stdio.h>

void version_write(FILE *out);

#endif
