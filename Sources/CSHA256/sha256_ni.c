// SHA-256 block compression with the x86 SHA extensions (SHA256RNDS2, SHA256MSG1/2), written
// from FIPS 180-4 and Intel's instruction reference. The register layout the instructions
// want: one vector holds the working variables {A, B, E, F} (A in the highest dword), the other
// {C, D, G, H}; SHA256RNDS2 runs two rounds with the two low dwords of a third vector as W+K.
#include "CSHA256.h"

// The round constants (FIPS 180-4, 4.2.2); the portable Swift code reads them from here too.
const uint32_t chorus_sha256_k[64] __attribute__((aligned(16))) = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};


#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>

static int accelerated = 0;

__attribute__((constructor)) static void chorus_sha256_detect(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return;
    int ssse3 = (c >> 9) & 1, sse41 = (c >> 19) & 1;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return;
    int sha = (b >> 29) & 1;
    accelerated = ssse3 && sse41 && sha;
}

int chorus_sha256_accelerated(void) { return accelerated; }


__attribute__((target("sha,ssse3,sse4.1")))
void chorus_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t count) {
    // Big-endian message words: reverse the bytes of each dword.
    const __m128i swap = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
    // _mm_set_epi32 takes the highest dword first.
    __m128i abef = _mm_set_epi32((int)state[0], (int)state[1], (int)state[4], (int)state[5]);
    __m128i cdgh = _mm_set_epi32((int)state[2], (int)state[3], (int)state[6], (int)state[7]);

    for (size_t n = 0; n < count; n++, data += 64) {
        const __m128i abef0 = abef, cdgh0 = cdgh;
        __m128i w[4];
        for (int i = 0; i < 4; i++) {
            w[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * i)), swap);
        }
        #pragma clang loop unroll(full)
        for (int j = 0; j < 16; j++) {
            __m128i m;
            if (j < 4) {
                m = w[j];
            } else {
                // W[t..t+3] from the four previous groups (j-4 ... j-1).
                __m128i s = _mm_sha256msg1_epu32(w[(j - 4) & 3], w[(j - 3) & 3]);
                s = _mm_add_epi32(s, _mm_alignr_epi8(w[(j - 1) & 3], w[(j - 2) & 3], 4));
                m = _mm_sha256msg2_epu32(s, w[(j - 1) & 3]);
                w[j & 3] = m;
            }
            __m128i wk = _mm_add_epi32(m, _mm_load_si128((const __m128i *)&chorus_sha256_k[4 * j]));
            // Two rounds: cdgh receives {A, B, E, F}; the old {A, B, E, F} in abef is now
            // {C, D, G, H}. Two more rounds with the roles swapped put both back in place.
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);
            wk = _mm_shuffle_epi32(wk, 0x0E);               // W+K of the next two rounds
            abef = _mm_sha256rnds2_epu32(abef, cdgh, wk);
        }
        abef = _mm_add_epi32(abef, abef0);
        cdgh = _mm_add_epi32(cdgh, cdgh0);
    }
    uint32_t out[4] __attribute__((aligned(16)));
    _mm_store_si128((__m128i *)out, abef);   // out[0] is the lowest dword: F, E, B, A
    state[0] = out[3]; state[1] = out[2]; state[4] = out[1]; state[5] = out[0];
    _mm_store_si128((__m128i *)out, cdgh);   // H, G, D, C
    state[2] = out[3]; state[3] = out[2]; state[6] = out[1]; state[7] = out[0];
}

#else

int chorus_sha256_accelerated(void) { return 0; }

void chorus_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t count) {
    (void)state; (void)data; (void)count;
}

#endif
