/*
 * cpu.c - one answer to "may AVX2 code run here?" for every vector loop.
 *
 * The build targets baseline x86-64 (SSE2); hot loops carry an AVX2 form
 * compiled with a target attribute and ask here before using it.  The
 * answer is computed once; threads that race to compute it agree.
 */
#include "base/cpu.h"

#include <stdatomic.h>

bool
cpu_has_avx2(void)
{
#if defined(__x86_64__) || defined(__i386__)
	static atomic_int known = -1;
	int v = atomic_load_explicit(&known, memory_order_relaxed);

	if (v < 0) {
		v = __builtin_cpu_supports("avx2") ? 1 : 0;
		atomic_store_explicit(&known, v, memory_order_relaxed);
	}
	return v == 1;
#else
	return false;
#endif
}
