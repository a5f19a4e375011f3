#ifndef CHORUS_CSHA256_H
#define CHORUS_CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// The 64 round constants of SHA-256 (FIPS 180-4, 4.2.2).
extern const uint32_t chorus_sha256_k[64];

/// 1 when this CPU has the x86 SHA extensions (with SSSE3 and SSE4.1), so
/// chorus_sha256_blocks can be used; 0 otherwise (other CPUs and architectures), and the
/// caller compresses in portable code. Decided once, when the program is loaded.
int chorus_sha256_accelerated(void);

/// Runs the SHA-256 compression function over `count` 64-byte blocks at `data`, updating
/// `state` (H0...H7 in order). Only call it when chorus_sha256_accelerated() returned 1.
void chorus_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t count);

#endif
