/*
 * bytecount.c - the newline counter behind line numbers.
 *
 * -n needs the number of newlines before every printed line, and in a big
 * file that is most of the bytes read, so this loop is hot.  On x86-64
 * SSE2 (always present there) compares 16 bytes at a time and keeps
 * per-byte tallies that are summed every 255 blocks, before they can wrap.
 * Elsewhere an exact SWAR count of zero bytes does 8 at a time.
 */
#include "search/bytecount.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "base/cpu.h"

#ifdef __SSE2__
#include <immintrin.h>

/* AVX2 where the CPU has it: 32 bytes a step, same tally scheme. */
__attribute__((target("avx2"))) static size_t
count_avx2(const char *p, size_t n, bool *nul)
{
	const __m256i nl = _mm256_set1_epi8('\n');
	const __m256i zero = _mm256_setzero_si256();
	__m256i nuls = zero;
	size_t total = 0, i = 0;

	while (n - i >= 32) {
		__m256i tally = zero;
		size_t blocks = (n - i) / 32;

		if (blocks > 255)
			blocks = 255;
		for (size_t b = 0; b < blocks; b++, i += 32) {
			__m256i v = _mm256_loadu_si256(
			    (const __m256i *)(const void *)(p + i));

			tally = _mm256_sub_epi8(tally,
			    _mm256_cmpeq_epi8(v, nl));
			nuls = _mm256_or_si256(nuls, _mm256_cmpeq_epi8(v, zero));
		}
		tally = _mm256_sad_epu8(tally, zero);
		total += (size_t)_mm256_extract_epi64(tally, 0) +
		    (size_t)_mm256_extract_epi64(tally, 1) +
		    (size_t)_mm256_extract_epi64(tally, 2) +
		    (size_t)_mm256_extract_epi64(tally, 3);
	}
	*nul = !_mm256_testz_si256(nuls, nuls);
	for (; i < n; i++) {
		total += p[i] == '\n';
		*nul = *nul || p[i] == '\0';
	}
	return total;
}

static size_t
count_sse2(const char *p, size_t n, bool *nul)
{
	const __m128i nl = _mm_set1_epi8('\n');
	const __m128i zero = _mm_setzero_si128();
	__m128i nuls = zero;
	size_t total = 0, i = 0;

	while (n - i >= 16) {
		__m128i tally = zero;
		size_t blocks = (n - i) / 16;

		if (blocks > 255)
			blocks = 255;
		for (size_t b = 0; b < blocks; b++, i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(p + i));

			/* A match is -1: subtracting it adds one. */
			tally = _mm_sub_epi8(tally, _mm_cmpeq_epi8(v, nl));
			nuls = _mm_or_si128(nuls, _mm_cmpeq_epi8(v, zero));
		}
		tally = _mm_sad_epu8(tally, zero);
		total += (size_t)_mm_cvtsi128_si32(tally) +
		    (size_t)_mm_extract_epi16(tally, 4);
	}
	*nul = _mm_movemask_epi8(nuls) != 0;
	for (; i < n; i++) {
		total += p[i] == '\n';
		*nul = *nul || p[i] == '\0';
	}
	return total;
}

/* The NUL test rides along: one more compare per vector, no extra pass. */
size_t
bytecount_newlines_nul(const char *p, size_t n, bool *nul)
{
	return cpu_has_avx2() ? count_avx2(p, n, nul) : count_sse2(p, n, nul);
}


#else

static size_t
count_swar(const char *p, size_t n)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t low7 = 0x7f7f7f7f7f7f7f7fULL;
	size_t total = 0, i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t w, x, t, hits;

		memcpy(&w, p + i, 8);
		x = w ^ (ones * '\n');
		t = ((x & low7) + low7) | x;
		/* One high bit per zero byte of x; gather them and count. */
		hits = (~t & ~low7) >> 7;
		total += (size_t)((hits * ones) >> 56);
	}
	for (; i < n; i++)
		total += p[i] == '\n';
	return total;
}

size_t
bytecount_newlines_nul(const char *p, size_t n, bool *nul)
{
	*nul = memchr(p, '\0', n) != NULL;
	return count_swar(p, n);
}

#endif
