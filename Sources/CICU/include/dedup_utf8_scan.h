// Byte scans over raw input that Swift cannot do as fast (no portable word loads or SIMD there).
// Plain C types only (see dedup_icu.h).
#ifndef DEDUP_UTF8_SCAN_H
#define DEDUP_UTF8_SCAN_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The length of the longest prefix of `bytes[0..<count]` that `UTF8InputDecoder` leaves as it
/// is: ASCII bytes other than CR (0x0D) and well-formed UTF-8 sequences (Unicode's table 3-7:
/// no overlong forms, surrogates or code points above U+10FFFF). It stops before the first CR,
/// the first ill-formed sequence, or a sequence cut by the end. O(n); ASCII runs go 8 bytes a step.
int64_t dedup_utf8_unchanged_prefix(const uint8_t *bytes, int64_t count);

/// 1 when every byte of `bytes[0..<count]` is ASCII other than NUL or part of a well-formed UTF-8
/// sequence (the same table 3-7 ranges), else 0: the common answer of `ByteSurvey` (valid UTF-8,
/// no NUL byte) at the speed of the decoder's block scan. O(n).
int32_t dedup_utf8_is_valid_without_nul(const uint8_t *bytes, int64_t count);

/// The length of the longest prefix of `bytes[0..<count]` that is well-formed UTF-8 (the same
/// ranges) without a NUL or a CR byte: both questions above in one pass for the common file. When
/// it is `count`, the bytes are valid UTF-8 without NUL and, unless they start with a BOM, the
/// decoder leaves them as they are. O(n).
int64_t dedup_utf8_plain_prefix(const uint8_t *bytes, int64_t count);

#ifdef __cplusplus
}
#endif

#endif
