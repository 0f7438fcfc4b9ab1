/*
 * cpu.h - what the processor offers beyond the build's baseline.
 */
#ifndef ISOGREP_CPU_H
#define ISOGREP_CPU_H

#include <stdbool.h>

/* True when AVX2 code may run (x86-64 only; false elsewhere). */
bool cpu_has_avx2(void);

#endif
