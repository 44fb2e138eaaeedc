// Intersection counts of sorted 32-bit hash arrays, four elements of each side per step.
//
// Design note: a block of four of `a` is compared with a block of four of `b` in all four
// rotations (SSE2 compare-equal and shuffle); each of `a`'s elements matches at most one of `b`'s
// (both are duplicate-free), so the hits of a block pair are the set bits of one mask. Then the
// block with the smaller last element moves on (both when equal): every element of `b` that
// could equal one of the remaining block's elements is still ahead. What is left when either
// side has fewer than four elements is merged one element at a time. Without SSE2 the whole
// merge is the scalar one.
#include "dedup_intersect.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// Matches between a[i..<i+4] and b[j..<j+4] (all four rotations of b's block).
#if defined(__SSE2__)
static inline int64_t blockHits(const uint32_t *a, const uint32_t *b) {
    const __m128i va = _mm_loadu_si128((const __m128i *)a);
    const __m128i vb = _mm_loadu_si128((const __m128i *)b);
    __m128i m = _mm_cmpeq_epi32(va, vb);
    m = _mm_or_si128(m, _mm_cmpeq_epi32(va, _mm_shuffle_epi32(vb, _MM_SHUFFLE(0, 3, 2, 1))));
    m = _mm_or_si128(m, _mm_cmpeq_epi32(va, _mm_shuffle_epi32(vb, _MM_SHUFFLE(1, 0, 3, 2))));
    m = _mm_or_si128(m, _mm_cmpeq_epi32(va, _mm_shuffle_epi32(vb, _MM_SHUFFLE(2, 1, 0, 3))));
    return __builtin_popcount((unsigned)_mm_movemask_ps(_mm_castsi128_ps(m)));
}
#endif

int64_t dedup_sorted_misses(const uint32_t *a, int64_t na, const uint32_t *b, int64_t nb,
                            int64_t sample, int64_t sample_misses, int64_t max_misses) {
    int64_t i = 0, j = 0, hits = 0;
#if defined(__SSE2__)
    while (i + 4 <= na && j + 4 <= nb) {
        hits += blockHits(a + i, b + j);
        const uint32_t lastA = a[i + 3], lastB = b[j + 3];
        if (lastB <= lastA) j += 4;
        if (lastA <= lastB) {
            i += 4;
            // a[0..<i] is settled: its misses are final.
            if (i - hits > (i <= sample ? sample_misses : max_misses)) return -1;
        }
    }
#endif
    while (i < na) {
        const uint32_t x = a[i];
        while (j < nb && b[j] < x) ++j;
        if (j < nb && b[j] == x) {
            ++hits;
            ++j;
        }
        ++i;
        if (i - hits > (i <= sample ? sample_misses : max_misses)) return -1;
    }
    return na - hits;
}

int64_t dedup_sorted_intersection(const uint32_t *a, int64_t na, const uint32_t *b, int64_t nb,
                                  int64_t needed) {
    int64_t i = 0, j = 0, shared = 0;
    if ((na < nb ? na : nb) < needed) return -1;
#if defined(__SSE2__)
    int64_t steps = 0;
    while (i + 4 <= na && j + 4 <= nb) {
        shared += blockHits(a + i, b + j);
        const uint32_t lastA = a[i + 3], lastB = b[j + 3];
        i += lastA <= lastB ? 4 : 0;
        j += lastB <= lastA ? 4 : 0;
        // Every 16 steps: can the rest still reach `needed`? (An upper bound: the blocks in hand
        // may have counted some of their hits already.)
        if ((++steps & 15) == 0) {
            const int64_t left = na - i < nb - j ? na - i : nb - j;
            if (shared + left < needed) return -1;
        }
    }
#endif
    while (i < na && j < nb) {
        const uint32_t x = a[i], y = b[j];
        shared += x == y;
        i += x <= y;
        j += y <= x;
    }
    return shared >= needed ? shared : -1;
}
