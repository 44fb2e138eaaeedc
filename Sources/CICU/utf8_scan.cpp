// Design note: the input decoder's hot loop in C++. Input that needs no change is the common case
// (well-formed UTF-8, LF line ends). A byte-at-a-time loop mispredicts a branch at every switch
// between ASCII and Chinese; here 16-byte blocks are checked at once (SSE2, part of x86-64) when
// they hold only ASCII without CR and complete sequences with lead bytes E1–EC/EE–EF, whose
// continuation bytes may be any of 80–BF: byte masks of leads and continuation bytes, and the
// continuation mask must equal the leads shifted by one and two. Every other block (and other
// CPUs) goes one character at a time with the exact ranges of Unicode's table 3-7. The encoding
// detector's question "valid UTF-8 without NUL bytes?" is the same scan with NUL in the place of
// CR (it was a byte-at-a-time Swift loop, 2–3 % of a run); the detector asks both at once
// (`dedup_utf8_plain_prefix`: stop at NUL or CR), so a plain file is scanned once. No ICU here.
#include "dedup_utf8_scan.h"

#include <algorithm>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace {

inline bool isContinuation(uint8_t b) { return (b & 0xC0) == 0x80; }

}  // namespace

/// Advances `i` past 16-byte blocks that hold only ASCII other than `Stop` and complete 3-byte
/// sequences with a lead byte that allows any continuation bytes (E1–EC, EE–EF): most Chinese text.
/// Stops at a character boundary before the first block with anything else; the caller checks
/// from there one character at a time. `Stop` is CR for the decoder (it rewrites line ends) and
/// NUL for the validator (a NUL makes input binary).
template <uint8_t Stop, uint8_t OtherStop = Stop>
inline int64_t skipCommonBlocks(const uint8_t *bytes, int64_t count, int64_t i) {
#if defined(__SSE2__)
    unsigned carry = 0;  // positions at the start of this block that must be continuation bytes
    while (i + 16 <= count) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(bytes + i));
        const unsigned high = static_cast<unsigned>(_mm_movemask_epi8(v));
        __m128i stops = _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(Stop)));
        if (OtherStop != Stop) stops = _mm_or_si128(stops, _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(OtherStop))));
        const unsigned cr = static_cast<unsigned>(_mm_movemask_epi8(stops));
        if (high == 0) {
            if (cr != 0 || carry != 0) break;
            i += 16;
            continue;
        }
        // As signed bytes: continuation 80–BF is below -64 (C0); the leads E1–EF are -31…-17.
        const unsigned continuation = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8(-64))));
        const __m128i leadRange = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-32)), _mm_cmplt_epi8(v, _mm_set1_epi8(-16)));
        const unsigned lead = static_cast<unsigned>(_mm_movemask_epi8(leadRange)) &
                              ~static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xED)))));
        const unsigned expected = (lead << 1) | (lead << 2) | carry;
        if (cr != 0 || (high & ~continuation & ~lead) != 0 || continuation != (expected & 0xFFFF)) break;
        carry = expected >> 16;
        i += 16;
    }
    // Back to the start of a sequence the last block left open.
    if (carry & 2) i -= 1;
    else if (carry & 1) i -= 2;
#endif
    (void)bytes;
    (void)count;
    return i;
}

/// The length of the longest prefix of well-formed UTF-8 without the ASCII bytes `Stop` and
/// `OtherStop`: it ends before the first of them, the first ill-formed sequence, or a sequence
/// cut by the end.
template <uint8_t Stop, uint8_t OtherStop = Stop>
inline int64_t wellFormedPrefix(const uint8_t *bytes, int64_t count) {
    int64_t i = 0;
    while (i < count) {
        i = skipCommonBlocks<Stop, OtherStop>(bytes, count, i);
        // One character at a time up to the next block (or the end).
        const int64_t stop = std::min(count, i + 16);
        while (i < stop) {
            const uint8_t b0 = bytes[i];
            if (b0 < 0x80) {
                if (b0 == Stop || b0 == OtherStop) return i;
                ++i;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                if (i + 2 >= count) return i;
                const uint8_t b1 = bytes[i + 1];
                const uint8_t low = b0 == 0xE0 ? 0xA0 : 0x80;
                const uint8_t high = b0 == 0xED ? 0x9F : 0xBF;
                if (b1 < low || b1 > high || !isContinuation(bytes[i + 2])) return i;
                i += 3;
            } else if (b0 >= 0xC2 && b0 <= 0xDF) {
                if (i + 1 >= count || !isContinuation(bytes[i + 1])) return i;
                i += 2;
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                if (i + 3 >= count) return i;
                const uint8_t b1 = bytes[i + 1];
                const uint8_t low = b0 == 0xF0 ? 0x90 : 0x80;
                const uint8_t high = b0 == 0xF4 ? 0x8F : 0xBF;
                if (b1 < low || b1 > high || !isContinuation(bytes[i + 2]) || !isContinuation(bytes[i + 3])) return i;
                i += 4;
            } else {
                return i;
            }
        }
    }
    return count;
}

extern "C" int64_t dedup_utf8_unchanged_prefix(const uint8_t *bytes, int64_t count) {
    return wellFormedPrefix<0x0D>(bytes, count);
}

extern "C" int32_t dedup_utf8_is_valid_without_nul(const uint8_t *bytes, int64_t count) {
    return wellFormedPrefix<0x00>(bytes, count) == count ? 1 : 0;
}

extern "C" int64_t dedup_utf8_plain_prefix(const uint8_t *bytes, int64_t count) {
    return wellFormedPrefix<0x00, 0x0D>(bytes, count);
}
