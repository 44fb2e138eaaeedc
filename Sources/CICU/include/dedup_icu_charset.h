// The plain-C face of ICU's charset detection (ucsdet_*) and conversion (ucnv_*) for the Read stage.
// Only fixed-width integer types cross this boundary (see ICU-NOTES.md): ICU's headers are
// included by charset.cpp alone.
#ifndef DEDUP_ICU_CHARSET_H
#define DEDUP_ICU_CHARSET_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Runs ICU's charset detector over `src` and writes up to `max_matches` candidates, best first:
/// each name NUL-terminated in a slot of `name_capacity` bytes of `names`, its confidence (0-100)
/// in `confidences`. Returns the number of candidates written, or -1 when the detector failed.
int32_t dedup_icu_detect_charsets(const uint8_t *src, int32_t src_length,
                                  char *names, int32_t name_capacity,
                                  int32_t *confidences, int32_t max_matches);

/// 1 when ICU has a converter for `charset` (an ICU name or alias, e.g. "GB18030", "big5",
/// "Shift_JIS", "UTF-16LE"), 0 otherwise. Writes ICU's canonical name to `canonical` when not null.
int32_t dedup_icu_charset_exists(const char *charset, char *canonical, int32_t canonical_capacity);

/// What a conversion found besides its output.
typedef struct dedup_icu_conversion {
    /// Byte sequences that were illegal, irregular or unassigned in the source charset.
    int64_t invalid_sequences;
    /// Byte offset in the source of the first one, -1 when there was none.
    int64_t first_invalid_source_offset;
    /// 1-based line (in the converted text, LF, CRLF or CR ending a line) of the first one, 0 when none.
    int64_t first_invalid_line;
    /// 0 success; 1 `dest` too small (call again with more); 2 stopped at an invalid sequence
    /// (strict mode); 3 the charset has no converter; 4 another ICU failure.
    int32_t status;
} dedup_icu_conversion;

/// Converts `src` from `charset` to UTF-8 into `dest`. A byte-order mark the charset defines
/// (UTF-16, UTF-32) is consumed. With `strict` = 0 every invalid sequence becomes U+FFFD and is
/// counted; with `strict` = 1 conversion stops at the first one (status 2) and reports where.
/// Returns the number of bytes written (when status is 0). `3 * src_length + 16` bytes of `dest`
/// suffice for every charset this project reads; status 1 says when they do not.
/// - Complexity: O(n), converting in fixed-size chunks through a UTF-16 pivot buffer.
int64_t dedup_icu_convert_to_utf8(const char *charset, const uint8_t *src, int64_t src_length,
                                  uint8_t *dest, int64_t dest_capacity, int32_t strict,
                                  dedup_icu_conversion *result);

#ifdef __cplusplus
}
#endif

#endif
