#ifndef DEDUP_INTERSECT_H
#define DEDUP_INTERSECT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// How many elements of `a` are missing from `b`, two sorted (ascending), duplicate-free arrays
/// of 32-bit shingle hashes; or -1 as soon as more are missing than allowed: more than
/// `sample_misses` among the first `sample` elements of `a`, or more than `max_misses` in all.
///
/// Why: verifying containment of long paragraphs in long kept ones was a fifth of a licenses run,
/// in a merge that decides one element per step and mispredicts a branch on most. This compares
/// four elements of each array at once (SSE2, part of every x86-64; a scalar merge elsewhere), so
/// a step settles four. The answer is the scalar merge's exactly: the counts are exact and the
/// limits are checked at least at every fourth element of `a`, and misses only grow.
/// - Complexity: O(|a| + |b|).
int64_t dedup_sorted_misses(const uint32_t *a, int64_t na, const uint32_t *b, int64_t nb,
                            int64_t sample, int64_t sample_misses, int64_t max_misses);

/// |a ∩ b| for two sorted, duplicate-free arrays of 32-bit hashes, or -1 as soon as it can no
/// longer reach `needed` (the same four-at-a-time merge as `dedup_sorted_misses`).
/// - Complexity: O(|a| + |b|).
int64_t dedup_sorted_intersection(const uint32_t *a, int64_t na, const uint32_t *b, int64_t nb,
                                  int64_t needed);

#ifdef __cplusplus
}
#endif

#endif
