/*
 * docgen.h - the man page and shell completions, made from the flag table.
 */
#ifndef ISOGREP_DOCGEN_H
#define ISOGREP_DOCGEN_H

#include <stdbool.h>

/*
 * Write the document kind ("man", "bash", "zsh" or "fish") to stdout.
 * False for an unknown kind.
 */
bool docgen_write(const char *kind);

#endif
