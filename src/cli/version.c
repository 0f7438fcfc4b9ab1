/*
 * version.c - the --version report.
 *
 * The one place that asks every library for its version: each is
 * queried at run time, so the report names the library actually loaded,
 * not the headers the build saw.
 */
#include "cli/version.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <archive.h>
#include <hs/hs.h>
#include <pcre2.h>

#include "base/cpu.h"
#include "runtime/arena.h"

#define ISOGREP_VERSION "0.1.0"

/* The widest vector code the search loops use on this CPU. */
static const char *
simd_level(void)
{
#if defined(__x86_64__)
	return cpu_has_avx2() ? "AVX2" : "SSE2";
#else
	return "none (portable C)";
#endif
}

void
version_write(FILE *out)
{
	char pcre2[64] = "unknown";
	uint32_t jit = 0;
	const char *alloc = arena_allocator_version();

	pcre2_config(PCRE2_CONFIG_VERSION, pcre2);
	if (pcre2_config(PCRE2_CONFIG_JIT, &jit) < 0)
		jit = 0;
	fprintf(out, "isogrep %s\n", ISOGREP_VERSION);
	fprintf(out, "PCRE2 %s (JIT %s)\n", pcre2,
	    jit ? "available" : "unavailable");
	if (alloc != NULL)
		fprintf(out, "jemalloc %s\n", alloc);
	else
		fprintf(out, "allocator: libc malloc (sanitizer build)\n");
	/* "5.4.0 2021-01-26": the version, then the build date. */
	fprintf(out, "Hyperscan %s\n", hs_version());
	fprintf(out, "%s\n", archive_version_details());
	fprintf(out, "SIMD: %s\n", simd_level());
}
