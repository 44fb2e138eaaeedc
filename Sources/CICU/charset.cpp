// Charset detection and conversion to UTF-8 for the Read stage.
//
// Conversion runs ICU's converter over the whole source in chunks of at most kPivotUnits UTF-16
// code units (a pivot buffer on the stack), and each chunk is appended to the caller's buffer as
// UTF-8. A custom to-Unicode callback counts invalid sequences and writes U+FFFD (or, strict,
// stops at the first), remembering where the first one was so the caller can name its line.
// Worst case: O(n) time; memory beyond the output is the fixed pivot buffer.
#include "dedup_icu_charset.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include <climits>
#include <cstring>

namespace {

constexpr int32_t kPivotUnits = 1 << 15;

struct CallbackState {
    const char *sourceStart = nullptr;
    const UChar *chunkStart = nullptr;
    int64_t invalid = 0;
    int64_t firstSourceOffset = -1;
    /// Offset in UTF-16 units, within the current chunk, of the first invalid sequence; -1 once
    /// consumed or when none was seen yet.
    int64_t firstUnitOffsetInChunk = -1;
    bool strict = false;
    bool stopped = false;
};

void countingCallback(const void *context, UConverterToUnicodeArgs *args, const char *,
                      int32_t length, UConverterCallbackReason reason, UErrorCode *err) {
    if (reason > UCNV_IRREGULAR) return;  // reset, close, clone: nothing to do
    // The context pointer is the CallbackState owned by dedup_icu_convert_to_utf8's frame.
    auto *state = static_cast<CallbackState *>(const_cast<void *>(context));
    if (state->invalid == 0) {
        int64_t offset = static_cast<int64_t>(args->source - state->sourceStart) - length;
        state->firstSourceOffset = offset < 0 ? 0 : offset;
        state->firstUnitOffsetInChunk = static_cast<int64_t>(args->target - state->chunkStart);
    }
    state->invalid += 1;
    if (state->strict) {
        state->stopped = true;
        return;  // leave *err set: ucnv_toUnicode stops here
    }
    *err = U_ZERO_ERROR;
    static const UChar replacement = 0xFFFD;
    ucnv_cbToUWriteUChars(args, &replacement, 1, 0, err);
}

/// Counts line breaks (LF, CRLF, lone CR each count once) in units [0, end), carrying a CR that
/// ended the previous chunk in `previousWasCR`.
int64_t countLineBreaks(const UChar *units, int64_t end, bool &previousWasCR) {
    int64_t lines = 0;
    for (int64_t i = 0; i < end; ++i) {
        const UChar u = units[i];
        if (u == 0x0D) {
            ++lines;
            previousWasCR = true;
        } else {
            if (u == 0x0A && !previousWasCR) ++lines;
            previousWasCR = false;
        }
    }
    return lines;
}

}  // namespace

extern "C" int32_t dedup_icu_detect_charsets(const uint8_t *src, int32_t src_length,
                                             char *names, int32_t name_capacity,
                                             int32_t *confidences, int32_t max_matches) {
    if (name_capacity <= 0 || max_matches <= 0) return 0;
    UErrorCode status = U_ZERO_ERROR;
    UCharsetDetector *detector = ucsdet_open(&status);
    if (U_FAILURE(status)) return -1;
    ucsdet_setText(detector, reinterpret_cast<const char *>(src), src_length, &status);
    int32_t found = 0;
    const UCharsetMatch **matches = ucsdet_detectAll(detector, &found, &status);
    if (U_FAILURE(status)) {
        ucsdet_close(detector);
        return status == U_INVALID_CHAR_FOUND ? 0 : -1;  // no match at all is not a failure
    }
    int32_t written = 0;
    for (int32_t i = 0; i < found && written < max_matches; ++i) {
        UErrorCode s = U_ZERO_ERROR;
        const char *name = ucsdet_getName(matches[i], &s);
        const int32_t confidence = ucsdet_getConfidence(matches[i], &s);
        if (U_FAILURE(s) || name == nullptr) continue;
        char *slot = names + static_cast<int64_t>(written) * name_capacity;
        std::strncpy(slot, name, name_capacity - 1);
        slot[name_capacity - 1] = '\0';
        confidences[written] = confidence;
        ++written;
    }
    ucsdet_close(detector);
    return written;
}

extern "C" int32_t dedup_icu_charset_exists(const char *charset, char *canonical,
                                            int32_t canonical_capacity) {
    // ucnv_open(nullptr or "") opens the platform default converter: not a name the user gave.
    if (charset == nullptr || charset[0] == '\0') return 0;
    UErrorCode status = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(charset, &status);
    if (U_FAILURE(status) || converter == nullptr) return 0;
    if (canonical != nullptr && canonical_capacity > 0) {
        UErrorCode s = U_ZERO_ERROR;
        const char *name = ucnv_getName(converter, &s);
        std::strncpy(canonical, U_SUCCESS(s) && name ? name : charset, canonical_capacity - 1);
        canonical[canonical_capacity - 1] = '\0';
    }
    ucnv_close(converter);
    return 1;
}

extern "C" int64_t dedup_icu_convert_to_utf8(const char *charset, const uint8_t *src,
                                             int64_t src_length, uint8_t *dest,
                                             int64_t dest_capacity, int32_t strict,
                                             dedup_icu_conversion *result) {
    dedup_icu_conversion local = {0, -1, 0, 0};
    dedup_icu_conversion &out = result ? *result : local;
    out = {0, -1, 0, 0};
    if (charset == nullptr || charset[0] == '\0') {
        out.status = 3;
        return 0;
    }
    UErrorCode status = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(charset, &status);
    if (U_FAILURE(status) || converter == nullptr) {
        out.status = 3;
        return 0;
    }
    CallbackState state;
    state.sourceStart = reinterpret_cast<const char *>(src);
    state.strict = strict != 0;
    ucnv_setToUCallBack(converter, countingCallback, &state, nullptr, nullptr, &status);
    if (U_FAILURE(status)) {
        ucnv_close(converter);
        out.status = 4;
        return 0;
    }

    UChar pivot[kPivotUnits];
    int32_t carried = 0;  // a lead surrogate held back from the previous chunk
    const char *source = state.sourceStart;
    const char *const sourceLimit = source + src_length;
    int64_t written = 0;
    int64_t lineBreaks = 0;
    bool previousWasCR = false;
    bool done = false;
    while (!done) {
        UChar *target = pivot + carried;
        state.chunkStart = pivot;
        UErrorCode chunkStatus = U_ZERO_ERROR;
        ucnv_toUnicode(converter, &target, pivot + kPivotUnits, &source, sourceLimit, nullptr,
                       /*flush=*/1, &chunkStatus);
        int32_t produced = static_cast<int32_t>(target - pivot);
        const bool more = chunkStatus == U_BUFFER_OVERFLOW_ERROR;
        if (U_FAILURE(chunkStatus) && !more && !state.stopped) {
            ucnv_close(converter);
            out.status = 4;
            return 0;
        }
        if (state.firstUnitOffsetInChunk >= 0) {
            const int64_t at = state.firstUnitOffsetInChunk < produced ? state.firstUnitOffsetInChunk : produced;
            bool cr = previousWasCR;
            out.first_invalid_line = lineBreaks + countLineBreaks(pivot, at, cr) + 1;
            state.firstUnitOffsetInChunk = -1;
        }
        if (state.stopped) break;
        // Hold back a lead surrogate whose trail is still in the converter.
        int32_t convert = produced;
        if (more && convert > 0 && U16_IS_LEAD(pivot[convert - 1])) convert -= 1;
        lineBreaks += countLineBreaks(pivot, convert, previousWasCR);

        const int64_t room = dest_capacity - written;
        int32_t length = 0;
        UErrorCode utf8Status = U_ZERO_ERROR;
        u_strToUTF8WithSub(reinterpret_cast<char *>(dest + written),
                           static_cast<int32_t>(room > INT32_MAX ? INT32_MAX : room), &length,
                           pivot, convert, 0xFFFD, nullptr, &utf8Status);
        if (U_FAILURE(utf8Status)) {
            ucnv_close(converter);
            out.status = utf8Status == U_BUFFER_OVERFLOW_ERROR ? 1 : 4;
            return 0;
        }
        written += length;
        carried = produced - convert;
        if (carried > 0) pivot[0] = pivot[produced - 1];
        done = !more;
    }
    ucnv_close(converter);
    out.invalid_sequences = state.invalid;
    out.first_invalid_source_offset = state.firstSourceOffset;
    if (state.stopped) {
        out.status = 2;
        return 0;
    }
    out.status = 0;
    return written;
}
