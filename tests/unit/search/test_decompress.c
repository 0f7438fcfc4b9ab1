/*
 * test_decompress.c - the signature check: compressed headers are known,
 * text that starts like one is not.  (Real files made by the real tools
 * are tested in tests/zip.bats.)
 */
#include <string.h>

#include "search/decompress.h"
#include "unit.h"

static bool
sniff(const char *s, size_t len)
{
	return decompress_sniff((const unsigned char *)s, len);
}

static bool
sniff_str(const char *s)
{
	return sniff(s, strlen(s));
}

static void
test_decompress_known_headers(void)
{
	unsigned char tar[DECOMPRESS_HEAD];
	char newc[111];

	expect_true(sniff("\x1f\x8b\x08\x00", 4));
	expect_true(sniff("\x1f\x9d\x90", 3));
	expect_true(sniff("\xfd" "7zXZ\0\0\4", 8));
	expect_true(sniff("\x28\xb5\x2f\xfd\x24", 5));
	expect_true(sniff("\x04\x22\x4d\x18\x64", 5));
	expect_true(sniff("PK\x03\x04\x14\0", 6));
	expect_true(sniff("7z\xbc\xaf\x27\x1c\0\4", 8));
	expect_true(sniff("BZh91AY&SY", 10));
	/* xz --format=lzma: properties 0x5d, 8 MiB dictionary, size unknown. */
	expect_true(sniff("\x5d\0\0\x80\0\xff\xff\xff\xff\xff\xff\xff\xff", 13));
	/* ... 3 * 2^20 dictionary, known size. */
	expect_true(sniff("\x5d\0\0\x30\0\x10\0\0\0\0\0\0\0", 13));
	memset(tar, 0, sizeof(tar));
	memcpy(tar + 257, "ustar\0" "00", 8);
	expect_true(decompress_sniff(tar, sizeof(tar)));
	memset(newc, '0', sizeof(newc) - 1);
	newc[110] = '\0';
	memcpy(newc, "070701", 6);
	expect_true(sniff(newc, 110));
}

static void
test_decompress_text_is_not_compressed(void)
{
	char newc[111];

	expect_false(sniff_str(""));
	expect_false(sniff_str("hello world\n"));
	expect_false(sniff_str("PK is a name\n"));
	expect_false(sniff_str("BZh9 not bzip2 at all\n"));
	expect_false(sniff_str("7z archive notes\n"));
	expect_false(sniff_str("]\n"));
	expect_false(sniff_str("LZIP is a compressor\n"));
	/* A log line with a date that reads like a cpio magic. */
	expect_false(sniff_str("070701 12:00:00 started\n"));
	memset(newc, '0', sizeof(newc) - 1);
	newc[110] = '\0';
	memcpy(newc, "070701", 6);
	newc[50] = 'x';
	expect_false(sniff(newc, 110));
	/* Too short to hold the signature whole. */
	expect_false(sniff("\x1f", 1));
	expect_false(sniff("BZh91AY", 7));
	/* A tar magic needs its place: not at the start. */
	expect_false(sniff_str("ustar\n"));
}

int
main(int argc, char **argv)
{
	static const struct unit_test tests[] = {
		UNIT_TEST(test_decompress_known_headers),
		UNIT_TEST(test_decompress_text_is_not_compressed),
	};

	return unit_run(argc, argv, tests, UNIT_COUNT(tests));
}
