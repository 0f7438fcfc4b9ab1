/*
 * escape.h - control characters made visible.
 */
#ifndef ISOGREP_ESCAPE_H
#define ISOGREP_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/outbuf.h"

/* Does s[0, len) hold a byte escape_append would change? */
bool escape_needed(const char *s, size_t len);

/*
 * Append s[0, len) with C0 controls except tab (and DEL) in caret notation
 * ("^[" for ESC, "^J" for a newline, "^?" for DEL) and the C1 controls
 * (UTF-8 C2 80 to C2 9F) as "\u0080".."\u009f"; every other byte as is.
 */
void escape_append(struct outbuf *b, const char *s, size_t len);

#endif
