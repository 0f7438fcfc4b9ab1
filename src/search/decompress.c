/*
 * decompress.c - the decompressing byte source, over libarchive.
 *
 * This is the only file that knows libarchive.  libarchive drives zlib,
 * bzip2, liblzma, zstd and lz4 in the process, reads the archive formats
 * with the same calls as a single compressed stream (its "raw" format),
 * and hands out data in pieces of the size asked for: the reader's
 * buffer bounds the memory, not the size the input inflates to.
 *
 * Which filters and formats are enabled is listed here one by one, not
 * with archive_read_support_filter_all: that one also enables lzop, lrzip
 * and grzip, which libarchive runs as external programs.
 *
 * An input goes to libarchive only when its first bytes carry one of the
 * signatures below (decompress_sniff), so a plain file is read as it is,
 * whatever its name, and a compressed one is recognised whatever its name.
 *
 * A compressed file searched alone is decompressed ahead, by an isolate
 * of its own, into a few chunks that go back and forth through two ports
 * (full ones to the reader, empty ones back): decompressing and searching
 * then take two cores, as `gzip -dc | grep` would, with no process
 * started.  In a walk every core is already busy with a file of its own,
 * and archives are read in one thread, since libarchive's headers and
 * data come from one object in order.
 *
 * libarchive does not check a gzip stream's CRC-32, so a .gz file is
 * checked here: the CRC of what it inflated to against its trailer.
 */
#include "search/decompress.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "base/diag.h"
#include "base/xmalloc.h"
#include "runtime/isolate.h"
#include "runtime/port.h"

enum {
	READ_BLOCK = 128 * 1024, /* compressed bytes read at a time */
	HEADER_FAILURES = 16,    /* bad member headers in a row: give up */
	AHEAD_CHUNK = 256 * 1024, /* decompressed bytes per chunk ahead */
	AHEAD_CHUNKS = 4,        /* chunks in flight */
};

/* A piece of decompressed data, moved between the two isolates. */
struct chunk {
	size_t len;
	size_t pos;          /* the reader's place in it */
	int status;          /* 1: data, 0: the end, -1: error */
	char data[AHEAD_CHUNK];
};

/* Decompressing ahead: the isolate and its two ports. */
struct ahead {
	struct isolate *iso;
	struct port *empty;  /* chunks to fill */
	struct port *full;   /* chunks filled, in order */
	struct chunk *cur;   /* the chunk being read */
	const char *error;   /* libarchive's message, once the isolate ended */
};

struct decompressor {
	struct archive *a;
	struct archive_entry *entry;
	const char *path;    /* the input, for messages */
	bool archive;
	bool pending;        /* the first header is read but not handed out */
	bool failed;         /* an error ended the whole input */
	bool want_ahead;     /* decompress a stream ahead, in an isolate */
	struct ahead *ahead;
	/* A .gz file: the CRC-32 and length of what it inflated to. */
	bool check_gzip;
	int fd;
	off_t trailer_at;    /* where the last 8 bytes start, when opened */
	uLong crc;
	unsigned long long out_len;
};

struct signature {
	size_t offset;
	size_t len;
	const char *bytes;
};

/* Signatures a text file does not begin with. */
static const struct signature signatures[] = {
	{0, 2, "\x1f\x8b"},                     /* gzip */
	{0, 2, "\x1f\x9d"},                     /* compress (.Z) */
	{0, 6, "\xfd" "7zXZ\0"},                /* xz */
	{0, 4, "\x28\xb5\x2f\xfd"},             /* zstd */
	{0, 4, "\x04\x22\x4d\x18"},             /* lz4 */
	{0, 4, "\x02\x21\x4c\x18"},             /* lz4, legacy */
	{0, 5, "LZIP\x01"},                     /* lzip */
	{0, 4, "PK\x03\x04"},                   /* zip */
	{0, 4, "PK\x05\x06"},                   /* zip, empty */
	{0, 6, "7z\xbc\xaf\x27\x1c"},           /* 7z */
	{0, 2, "\xc7\x71"},                     /* cpio, binary */
	{257, 6, "ustar\0"},                    /* tar, POSIX */
	{257, 8, "ustar  \0"},                  /* tar, GNU */
};

static bool
has_signature(const unsigned char *head, size_t len, const struct signature *s)
{
	return len >= s->offset + s->len &&
	    memcmp(head + s->offset, s->bytes, s->len) == 0;
}

/* "BZh", a block size digit, then a block's or the end's magic. */
static bool
is_bzip2(const unsigned char *h, size_t len)
{
	return len >= 10 && memcmp(h, "BZh", 3) == 0 && h[3] >= '1' &&
	    h[3] <= '9' && (memcmp(h + 4, "\x31\x41\x59\x26\x53\x59", 6) == 0 ||
	    memcmp(h + 4, "\x17\x72\x45\x38\x50\x90", 6) == 0);
}

/*
 * The .lzma ("alone") header has no magic: the usual properties byte,
 * a dictionary size of 2^n or 2^n + 2^(n-1), and an uncompressed size
 * that is unknown (all ones) or below 2^48.
 */
static bool
is_lzma(const unsigned char *h, size_t len)
{
	unsigned long dict;
	unsigned long low;

	if (len < 13 || h[0] != 0x5d)
		return false;
	dict = (unsigned long)h[1] | (unsigned long)h[2] << 8 |
	    (unsigned long)h[3] << 16 | (unsigned long)h[4] << 24;
	low = dict & (~dict + 1);
	if (dict < 4096 || (dict != low && dict != (low | low << 1)))
		return false;
	if (memcmp(h + 5, "\xff\xff\xff\xff\xff\xff\xff\xff", 8) == 0)
		return true;
	return h[11] == 0 && h[12] == 0;
}

/* cpio's portable formats: "070707" and octal, "07070[12]" and hex. */
static bool
is_cpio_ascii(const unsigned char *h, size_t len)
{
	const char *digits;
	size_t n;

	if (len < 6 || memcmp(h, "07070", 5) != 0)
		return false;
	if (h[5] == '7') {
		digits = "01234567";
		n = 76;
	} else if (h[5] == '1' || h[5] == '2') {
		digits = "0123456789abcdefABCDEF";
		n = 110;
	} else {
		return false;
	}
	if (len < n)
		return false;
	for (size_t i = 6; i < n; i++)
		if (strchr(digits, h[i]) == NULL || h[i] == '\0')
			return false;
	return true;
}

bool
decompress_sniff(const unsigned char *head, size_t len)
{
	for (size_t i = 0; i < sizeof(signatures) / sizeof(signatures[0]); i++)
		if (has_signature(head, len, &signatures[i]))
			return true;
	return is_bzip2(head, len) || is_lzma(head, len) ||
	    is_cpio_ascii(head, len);
}

bool
decompress_sniff_fd(int fd)
{
	unsigned char head[DECOMPRESS_HEAD];
	off_t at = lseek(fd, 0, SEEK_CUR);
	ssize_t n;

	if (at < 0)
		return false;
	do
		n = pread(fd, head, sizeof(head), at);
	while (n < 0 && errno == EINTR);
	return n > 0 && decompress_sniff(head, (size_t)n);
}

/* What libarchive says went wrong. */
static const char *
error_message(const struct decompressor *d)
{
	const char *msg = archive_error_string(d->a);

	return msg != NULL ? msg : "cannot decompress (unknown error)";
}

/* "PATH: what libarchive says". */
static void
report(const struct decompressor *d, const char *path)
{
	diag_file_message(path, error_message(d));
}

/* The filters and formats, one by one: none of them runs a program. */
static void
enable_formats(struct archive *a, bool archives)
{
	archive_read_support_filter_gzip(a);
	archive_read_support_filter_bzip2(a);
	archive_read_support_filter_xz(a);
	archive_read_support_filter_lzma(a);
	archive_read_support_filter_lzip(a);
	archive_read_support_filter_zstd(a);
	archive_read_support_filter_lz4(a);
	archive_read_support_filter_compress(a);
	if (archives) {
		archive_read_support_format_tar(a);
		archive_read_support_format_cpio(a);
		archive_read_support_format_zip(a);
		archive_read_support_format_7zip(a);
	}
	/* Last resorts: one compressed stream that is no archive. */
	archive_read_support_format_empty(a);
	archive_read_support_format_raw(a);
}

/*
 * Open d->a on fd and read the first header: ARCHIVE_EOF when there is
 * no entry at all.
 */
static int
open_first(struct decompressor *d, int fd, bool archives)
{
	int rc;

	d->a = xnonnull(archive_read_new());
	enable_formats(d->a, archives);
	rc = archive_read_open_fd(d->a, fd, READ_BLOCK);
	if (rc == ARCHIVE_OK)
		rc = archive_read_next_header(d->a, &d->entry);
	return rc;
}

/*
 * A regular file that is one gzip stream (not an archive, not a pipe,
 * whose trailer cannot be read after it) gets its CRC checked.
 */
static void
gzip_check_start(struct decompressor *d, int fd)
{
	struct stat st;

	if (d->archive || archive_filter_count(d->a) != 2 ||
	    archive_filter_code(d->a, 0) != ARCHIVE_FILTER_GZIP ||
	    fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 18)
		return;
	d->check_gzip = true;
	d->fd = fd;
	d->trailer_at = st.st_size - 8;
	d->crc = crc32(0, NULL, 0);
}

/* n more bytes of inflated data. */
static void
gzip_check_add(struct decompressor *d, const char *buf, size_t n)
{
	if (!d->check_gzip)
		return;
	d->crc = crc32(d->crc, (const Bytef *)buf, (uInt)n);
	d->out_len += n;
}

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/*
 * At the end of the stream: does the trailer (CRC-32, then the length
 * mod 2^32) disagree?  A file of several gzip members (cat a.gz b.gz,
 * bgzip) ends in the last one's trailer: where the length differs, the
 * CRC cannot be compared, and the check says nothing.
 */
static bool
gzip_check_fails(const struct decompressor *d)
{
	unsigned char t[8];

	if (!d->check_gzip ||
	    pread(d->fd, t, sizeof(t), d->trailer_at) != (ssize_t)sizeof(t))
		return false;
	return le32(t + 4) == (uint32_t)d->out_len && le32(t) != d->crc;
}

static const char GZIP_CRC_ERROR[] = "gzip CRC error: the data is corrupt";

struct decompressor *
decompress_open(int fd, const char *path, bool ahead)
{
	struct decompressor *d = xcalloc(1, sizeof(*d));
	off_t start = lseek(fd, 0, SEEK_CUR);
	int rc;

	d->path = path;
	d->want_ahead = ahead;
	rc = open_first(d, fd, true);
	/*
	 * No entry: an archive without members, or data that begins with a
	 * block of NUL bytes, which tar takes for its end.  Read it again
	 * as one stream; nothing there either is an empty file.
	 */
	if (rc == ARCHIVE_EOF && start >= 0 &&
	    lseek(fd, start, SEEK_SET) == start) {
		archive_read_free(d->a);
		rc = open_first(d, fd, false);
	}
	if (rc == ARCHIVE_EOF) {
		d->failed = true;
		return d;
	}
	if (rc < ARCHIVE_WARN) {
		report(d, path);
		decompress_close(d);
		return NULL;
	}
	d->archive = (archive_format(d->a) & ARCHIVE_FORMAT_BASE_MASK) !=
	    ARCHIVE_FORMAT_RAW;
	d->pending = true;
	gzip_check_start(d, fd);
	return d;
}

bool
decompress_is_archive(const struct decompressor *d)
{
	return d->archive;
}

/* Read the next header; false at the end or when the archive is lost. */
static bool
next_header(struct decompressor *d)
{
	for (int failures = 0; failures < HEADER_FAILURES; failures++) {
		int rc = archive_read_next_header(d->a, &d->entry);

		if (rc == ARCHIVE_EOF)
			return false;
		if (rc >= ARCHIVE_WARN)
			return true;
		report(d, d->path);
		if (rc == ARCHIVE_FATAL)
			break;
	}
	d->failed = true;
	return false;
}

bool
decompress_next_member(struct decompressor *d, const char **name)
{
	while (!d->failed) {
		const char *path;

		if (!d->pending && !next_header(d))
			return false;
		d->pending = false;
		/* Directories, links, devices: nothing to search. */
		if (archive_entry_filetype(d->entry) != AE_IFREG)
			continue;
		/* A tar hard link names an earlier member; it has no data. */
		if (archive_entry_hardlink(d->entry) != NULL &&
		    archive_entry_size(d->entry) == 0)
			continue;
		path = archive_entry_pathname(d->entry);
		if (path == NULL)
			path = archive_entry_pathname_utf8(d->entry);
		*name = path != NULL ? path : "?";
		return true;
	}
	return false;
}

static ssize_t
decompress_read(struct byte_source *src, char *buf, size_t cap)
{
	struct decompressor *d = src->ctx;
	la_ssize_t n;

	if (src->ended || cap == 0)
		return 0;
	n = archive_read_data(d->a, buf, cap);
	if (n > 0) {
		gzip_check_add(d, buf, (size_t)n);
		src->total += n;
		return (ssize_t)n;
	}
	src->ended = true;
	if (n == 0 && gzip_check_fails(d)) {
		d->failed = true;
		src->error = GZIP_CRC_ERROR;
		errno = EIO;
		return -1;
	}
	if (n == 0)
		return 0;
	/*
	 * The lines before the damage were searched; the one it cuts is
	 * not (a cut line could match where the whole would not).  The
	 * searcher reports the error with the member's name.
	 */
	if (n == ARCHIVE_FATAL || !d->archive)
		d->failed = true;
	src->error = error_message(d);
	errno = EIO;
	return -1;
}

/*
 * The isolate that decompresses ahead: fill each empty chunk it gets and
 * send it back full, until the end, an error, or the ports close.  The
 * archive is only touched here until the isolate is joined.
 */
static void
ahead_main(struct isolate *self, void *arg)
{
	struct decompressor *d = arg;
	struct ahead *ah = d->ahead;
	void *msg;

	(void)self;
	while (port_recv(ah->empty, &msg)) {
		struct chunk *c = msg;
		la_ssize_t n = archive_read_data(d->a, c->data, AHEAD_CHUNK);

		c->pos = 0;
		c->len = n > 0 ? (size_t)n : 0;
		c->status = n > 0 ? 1 : n == 0 ? 0 : -1;
		if (n > 0)
			gzip_check_add(d, c->data, (size_t)n);
		if (n < 0)
			ah->error = error_message(d);
		else if (n == 0 && gzip_check_fails(d)) {
			c->status = -1;
			ah->error = GZIP_CRC_ERROR;
		}
		if (!port_send(ah->full, c)) {
			free(c);
			break;
		}
		if (n <= 0)
			break;
	}
}

/* Start decompressing ahead; false (read in place) if it cannot start. */
static bool
ahead_start(struct decompressor *d)
{
	struct ahead *ah = xcalloc(1, sizeof(*ah));

	ah->empty = port_create(AHEAD_CHUNKS);
	ah->full = port_create(AHEAD_CHUNKS);
	for (int i = 0; i < AHEAD_CHUNKS; i++)
		(void)port_send(ah->empty, xmalloc(sizeof(struct chunk)));
	d->ahead = ah;
	ah->iso = isolate_spawn(ahead_main, d);
	if (ah->iso != NULL)
		return true;
	port_destroy(ah->empty, free);
	port_destroy(ah->full, free);
	free(ah);
	d->ahead = NULL;
	return false;
}

/* Stop the isolate (it may be mid-stream: the search ended early). */
static void
ahead_stop(struct decompressor *d)
{
	struct ahead *ah = d->ahead;

	port_close(ah->empty);
	port_close(ah->full);
	isolate_join(ah->iso);
	free(ah->cur);
	port_destroy(ah->empty, free);
	port_destroy(ah->full, free);
	free(ah);
	d->ahead = NULL;
}

/* decompress_read, from the chunks the isolate fills. */
static ssize_t
ahead_read(struct byte_source *src, char *buf, size_t cap)
{
	struct decompressor *d = src->ctx;
	struct ahead *ah = d->ahead;
	struct chunk *c = ah->cur;
	size_t n;

	if (src->ended || cap == 0)
		return 0;
	if (c == NULL) {
		void *msg;

		if (!port_recv(ah->full, &msg)) {
			src->ended = true;
			return 0;
		}
		c = ah->cur = msg;
	}
	if (c->status <= 0) {
		src->ended = true;
		d->failed = c->status < 0;
		if (c->status == 0)
			return 0;
		/* Read after the isolate sent its last chunk: no race. */
		src->error = ah->error;
		errno = EIO;
		return -1;
	}
	n = c->len - c->pos < cap ? c->len - c->pos : cap;
	memcpy(buf, c->data + c->pos, n);
	c->pos += n;
	src->total += (long long)n;
	if (c->pos == c->len) {
		ah->cur = NULL;
		if (!port_send(ah->empty, c))
			free(c);
	}
	return (ssize_t)n;
}

void
decompress_source(struct decompressor *d, struct byte_source *src)
{
	memset(src, 0, sizeof(*src));
	src->fd = -1;
	src->size = -1;
	src->ctx = d;
	src->read = decompress_read;
	/* The stream's data was not read: the search finds it empty. */
	if (d->failed)
		src->ended = true;
	else if (!d->archive && d->want_ahead && d->ahead == NULL &&
	    ahead_start(d))
		src->read = ahead_read;
}

void
decompress_close(struct decompressor *d)
{
	if (d == NULL)
		return;
	if (d->ahead != NULL)
		ahead_stop(d);
	archive_read_free(d->a);
	free(d);
}
