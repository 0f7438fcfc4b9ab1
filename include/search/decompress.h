/*
 * decompress.h - compressed files and archives, read through libarchive.
 *
 * With -z an input whose first bytes are those of a compressed stream
 * (gzip, bzip2, xz, lzma, zstd, lz4, compress, lzip) or of an archive
 * (tar, zip, cpio, 7z, also inside a compressed stream) is read through a
 * decompressor instead of as it is.  A decompressor is a byte source like
 * any other (source.h): the reader above sees plain bytes, in bounded
 * memory whatever the input inflates to.  An archive gives one source per
 * member, in turn.
 */
#ifndef ISOGREP_DECOMPRESS_H
#define ISOGREP_DECOMPRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "search/source.h"

enum {
	DECOMPRESS_HEAD = 512, /* bytes decompress_sniff looks at, at most */
};

/*
 * Do head[0, len), the first bytes of an input, start a format that a
 * decompressor reads?  Only signatures that text does not begin with
 * count: a plain file is never taken for a compressed one.
 */
bool decompress_sniff(const unsigned char *head, size_t len);

/*
 * The same for the bytes at fd's current offset, read with pread so the
 * offset does not move (a regular file only).
 */
bool decompress_sniff_fd(int fd);

struct decompressor;

/*
 * Start decompressing fd (not owned) from its current offset; path names
 * it in messages.  ahead: a compressed stream (not an archive) is
 * decompressed ahead by an isolate of its own while it is searched (for
 * a file searched alone).  NULL when the library cannot read it (the
 * error, with the path, is reported on stderr).
 */
struct decompressor *decompress_open(int fd, const char *path, bool ahead);

/* An archive of members (else one compressed stream)? */
bool decompress_is_archive(const struct decompressor *d);

/*
 * An archive: move on to its next member that is a regular file, whose
 * path in the archive goes to *name (valid until the next call).  False
 * at the end, or after an error that ends the archive (reported).
 */
bool decompress_next_member(struct decompressor *d, const char **name);

/*
 * Make src read the stream, or the archive's current member.  At damage
 * read fails with src->error saying why (libarchive's words), after the
 * bytes before it were delivered; a damaged member ends the archive only
 * when libarchive cannot go on.
 */
void decompress_source(struct decompressor *d, struct byte_source *src);

void decompress_close(struct decompressor *d);

#endif
