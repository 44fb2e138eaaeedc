// The plain-C face of the ICU calls the Dedup library needs.
// Only fixed-width integer types cross this boundary: ICU's own headers are included by the .cpp
// files alone, because Swift code that imports Foundation must never see them (ICU-NOTES.md).
#ifndef DEDUP_ICU_H
#define DEDUP_ICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Builds the match key of a UTF-8 paragraph: NFKC_Casefold, then only letters, marks, digits and
/// symbols are kept (punctuation, separators, controls and format characters are dropped).
/// Writes at most `dest_capacity` bytes to `dest`. Returns the key length in bytes, or, when the
/// buffer is too small, the negated capacity that would suffice (call again with that much).
/// `significant` receives the number of letters and digits (ideographs are letters) in the key.
/// Returns INT32_MIN on an ICU failure other than overflow.
int32_t dedup_icu_match_key(const uint8_t *src, int32_t src_length,
                            uint8_t *dest, int32_t dest_capacity,
                            int32_t *significant);

/// `dedup_icu_match_key`, and when the key is built by table (see match_key.cpp), its code points
/// as well: written to `scalars` (which holds at least `src_length` of them), their number to
/// `*scalar_count`. `*scalar_count` is -1 when the key took ICU's path or is all ASCII (where
/// decoding is a copy): decode its bytes then.
/// Why: the shingle hasher works on code points, and decoding the key it was just given was
/// 2 % of a zh run.
int32_t dedup_icu_match_key_with_scalars(const uint8_t *src, int32_t src_length,
                                         uint8_t *dest, int32_t dest_capacity,
                                         int32_t *significant, uint32_t *scalars,
                                         int32_t scalars_capacity, int32_t *scalar_count);

/// Returned by `dedup_icu_match_key_by_table` for a text it cannot key by table.
enum { DEDUP_MATCH_KEY_NOT_BY_TABLE = -2147483647 };  // INT32_MIN + 1

/// `dedup_icu_match_key_with_scalars` by table only: for a text with a character off the table's
/// path (see match_key.cpp) it returns DEDUP_MATCH_KEY_NOT_BY_TABLE instead of taking ICU's path.
/// `scalars` may be NULL (then `*scalar_count` is -1).
/// Why: every step of paragraph normalization (without Traditional-Simplified) maps a text keyed
/// by table to one with the same key, so such a paragraph's key can be taken before it is
/// normalized, and only a kept paragraph need be normalized (see DocumentAnalyzer).
int32_t dedup_icu_match_key_by_table(const uint8_t *src, int32_t src_length,
                                     uint8_t *dest, int32_t dest_capacity,
                                     int32_t *significant, uint32_t *scalars,
                                     int32_t scalars_capacity, int32_t *scalar_count);

/// `dedup_icu_match_key` by ICU alone: normalizes the whole text with ICU's NFKC_Casefold and
/// filters it. `dedup_icu_match_key` gives the same bytes; it takes a table-driven path for text
/// whose characters allow it (see match_key.cpp). For tests that check the two agree.
int32_t dedup_icu_match_key_reference(const uint8_t *src, int32_t src_length,
                                      uint8_t *dest, int32_t dest_capacity,
                                      int32_t *significant);

/// 1 when `dedup_icu_match_key` builds the key of this text by table, without calling ICU.
int32_t dedup_icu_match_key_takes_fast_path(const uint8_t *src, int32_t src_length);

/// 1 when a reader would see nothing at this code point: Unicode White_Space or
/// Default_Ignorable_Code_Point (zero-width spaces and joiners, BOM, soft hyphen). 0 otherwise.
int32_t dedup_icu_is_invisible_or_space(uint32_t code_point);

/// The ICU version this binary is linked against, e.g. "72.1", written as a NUL-terminated string.
void dedup_icu_version(char *dest, int32_t dest_capacity);

#ifdef __cplusplus
}
#endif

#endif
