// Match key: NFKC_Casefold with ICU's UTF-8 C++ API (the fastest path measured, ~735 MB/s),
// then an in-place filter by general category. The filter only ever shortens the text, so it can
// run over the normalizer's output buffer without a second allocation.
#include "dedup_icu.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unicode/uversion.h>

#include <cstring>
#include <string>

namespace {

/// Categories that survive in a key: letters, marks, numbers, symbols.
/// Dropped: punctuation (P*), separators (Z*), controls, format, surrogates, private use.
constexpr uint32_t kKeptCategories =
    U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK | U_GC_S_MASK | U_GC_CN_MASK;
constexpr uint32_t kSignificantCategories = U_GC_L_MASK | U_GC_N_MASK;

/// Keeps only characters of kKeptCategories in dest[0, length), in place; returns the new length
/// and sets `count` to the number of significant characters kept.
int32_t filterKeptCategories(uint8_t *dest, int32_t length, int32_t &count) {
    int32_t read = 0, write = 0;
    count = 0;
    while (read < length) {
        const int32_t start = read;
        UChar32 c;
        U8_NEXT(dest, read, length, c);
        if (c < 0) continue;  // ill-formed input is repaired before this point; skip defensively
        const uint32_t mask = U_MASK(u_charType(c));
        if ((mask & kKeptCategories) == 0) continue;
        if (mask & kSignificantCategories) ++count;
        const int32_t n = read - start;
        if (write != start) std::memmove(dest + write, dest + start, n);
        write += n;
    }
    return write;
}

}  // namespace

extern "C" int32_t dedup_icu_match_key(const uint8_t *src, int32_t src_length,
                                       uint8_t *dest, int32_t dest_capacity,
                                       int32_t *significant) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2 *nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) return INT32_MIN;

    icu::CheckedArrayByteSink sink(reinterpret_cast<char *>(dest), dest_capacity);
    icu::StringPiece input(reinterpret_cast<const char *>(src), src_length);
    nfkc_cf->normalizeUTF8(0, input, sink, nullptr, status);
    if (U_FAILURE(status)) return INT32_MIN;
    if (sink.Overflowed()) {
        int32_t needed = sink.NumberOfBytesAppended();
        // NumberOfBytesAppended counts what would have been written; guard against overflow of int32.
        return needed > 0 ? -needed : INT32_MIN;
    }
    const int32_t length = sink.NumberOfBytesWritten();

    int32_t count = 0;
    int32_t write = filterKeptCategories(dest, length, count);
    // Dropping a character can leave a combining mark next to a base it composes with
    // ("o'\u0308" → "o\u0308", not "ö"), so the key would differ from the key of "ö" and from
    // its own key. When something was dropped and the rest is not normalized, normalize and filter
    // once more (composition only makes letters, so the second filter drops nothing new).
    if (write != length) {
        icu::StringPiece filtered(reinterpret_cast<const char *>(dest), write);
        UErrorCode check = U_ZERO_ERROR;
        if (!nfkc_cf->isNormalizedUTF8(filtered, check) && U_SUCCESS(check)) {
            std::string again;
            icu::StringByteSink<std::string> againSink(&again);
            nfkc_cf->normalizeUTF8(0, filtered, againSink, nullptr, check);
            if (U_FAILURE(check)) return INT32_MIN;
            const int32_t againLength = static_cast<int32_t>(again.size());
            if (againLength > dest_capacity) return -againLength;
            std::memcpy(dest, again.data(), again.size());
            write = filterKeptCategories(dest, againLength, count);
        }
    }
    if (significant) *significant = count;
    return write;
}

extern "C" int32_t dedup_icu_is_invisible_or_space(uint32_t code_point) {
    const UChar32 c = static_cast<UChar32>(code_point);
    return (u_hasBinaryProperty(c, UCHAR_WHITE_SPACE) ||
            u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) ? 1 : 0;
}

extern "C" void dedup_icu_version(char *dest, int32_t dest_capacity) {
    if (dest_capacity <= 0) return;
    UVersionInfo info;
    u_getVersion(info);
    char buffer[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(info, buffer);
    std::strncpy(dest, buffer, dest_capacity - 1);
    dest[dest_capacity - 1] = '\0';
}
