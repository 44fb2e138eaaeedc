// Design note: per-paragraph normalization in C++ so the per-scalar work never crosses into Swift.
// Representation: the paragraph is decoded once into a vector of code points; each step is one
// linear pass into a second vector (the two are swapped), then the result is encoded once.
// Character classes come from a 64 K-entry table of bit flags derived from ICU properties on first
// use (a function-local static, immutable after its thread-safe initialization); supplementary
// code points are classified with the same ICU calls on the fly. No Unicode data is written here
// by hand: every class below is an ICU property or a combination of them.
// Worst case O(n) per step (the context arrays are precomputed, so runs of punctuation do not make
// a scan quadratic). Output is at most 3x the input (',' → '，') except after Traditional-Simplified.
#include "dedup_icu_normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace {

enum : uint16_t {
    kCJK = 1,          // letter or number of a CJK script: Han, Hiragana, Katakana, Bopomofo
    kAlnum = 2,        // any other letter, mark or number (Latin, Cyrillic, Hangul, digits...)
    kDigit = 4,        // decimal digit (Nd)
    kSpace = 8,        // White_Space other than LF
    kDrop = 16,        // Default_Ignorable format character removed everywhere (soft hyphen, BOM, WJ)
    kJoiner = 32,      // zero-width space/joiners: kept only where a script needs them
    kWide = 64,        // East_Asian_Width Wide or Fullwidth
    kFold = 128,       // full-width letter or digit with a one-scalar NFKC form
    kHalfKana = 256,   // half-width katakana or half-width CJK punctuation
    kOpen = 512,       // Ps or Pi
    kLetterOrMark = 1024,
};

bool isCJKScript(UScriptCode script) {
    return script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA ||
           script == USCRIPT_BOPOMOFO;
}

uint16_t classify(UChar32 c) {
    uint16_t k = 0;
    const int8_t type = u_charType(c);
    const uint32_t mask = U_MASK(type);
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &status);
    if (mask & (U_GC_L_MASK | U_GC_N_MASK | U_GC_M_MASK)) {
        bool cjk = (mask & (U_GC_L_MASK | U_GC_N_MASK)) && isCJKScript(script);
        // The prolonged sound mark ー and iteration marks are Common script used by kana/Han only.
        if (!cjk && (mask & U_GC_L_MASK) && script == USCRIPT_COMMON) {
            cjk = uscript_hasScript(c, USCRIPT_HIRAGANA) || uscript_hasScript(c, USCRIPT_HAN);
        }
        k |= cjk ? kCJK : kAlnum;
        k |= kLetterOrMark;
    }
    if (type == U_DECIMAL_DIGIT_NUMBER) k |= kDigit;
    if (c != 0x0A && u_hasBinaryProperty(c, UCHAR_WHITE_SPACE)) k |= kSpace;
    if (type == U_FORMAT_CHAR && u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) &&
        !u_hasBinaryProperty(c, UCHAR_BIDI_CONTROL) && ublock_getCode(c) != UBLOCK_TAGS) {
        const bool joiner = u_hasBinaryProperty(c, UCHAR_JOIN_CONTROL) ||
                            u_getIntPropertyValue(c, UCHAR_LINE_BREAK) == U_LB_ZWSPACE ||
                            script == USCRIPT_MONGOLIAN;
        k |= joiner ? kJoiner : kDrop;
    }
    const int32_t width = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    if (width == U_EA_WIDE || width == U_EA_FULLWIDTH) k |= kWide;
    if (type == U_START_PUNCTUATION || type == U_INITIAL_PUNCTUATION) k |= kOpen;
    if (width == U_EA_FULLWIDTH && (mask & (U_GC_L_MASK | U_GC_ND_MASK))) {
        UErrorCode s = U_ZERO_ERROR;
        const icu::Normalizer2 *nfkc = icu::Normalizer2::getNFKCInstance(s);
        icu::UnicodeString folded;
        if (U_SUCCESS(s) && nfkc->getDecomposition(c, folded) && folded.countChar32() == 1) k |= kFold;
    }
    if (width == U_EA_HALFWIDTH && uscript_hasScript(c, USCRIPT_KATAKANA)) k |= kHalfKana;
    return k;
}

/// Classes of the BMP, built once from ICU.
struct ClassTable {
    std::vector<uint16_t> bmp;
    std::vector<UChar32> fold;  // kFold targets, indexed by c - 0xFF00
    ClassTable() : bmp(0x10000), fold(0x100, 0) {
        for (UChar32 c = 0; c < 0x10000; ++c) bmp[c] = classify(c);
        UErrorCode s = U_ZERO_ERROR;
        const icu::Normalizer2 *nfkc = icu::Normalizer2::getNFKCInstance(s);
        for (UChar32 c = 0xFF00; c < 0x10000; ++c) {
            if (!(bmp[c] & kFold) || U_FAILURE(s)) continue;
            icu::UnicodeString folded;
            nfkc->getDecomposition(c, folded);
            fold[c - 0xFF00] = folded.char32At(0);
        }
    }
};

const ClassTable &table() {
    static const ClassTable instance;
    return instance;
}

inline uint16_t klass(const ClassTable &t, UChar32 c) {
    return c < 0x10000 ? t.bmp[c] : classify(c);
}

inline bool isSignificant(uint16_t k) { return k & (kCJK | kAlnum); }

using Text = std::vector<UChar32>;

/// Whether a zero-width joiner/space at `i` is needed: between two letters or marks of a script
/// that shapes or separates words with it (not Latin, Greek, Cyrillic, CJK or Hangul), or a ZWJ
/// inside an emoji sequence.
bool joinerNeeded(const ClassTable &t, const Text &a, size_t i) {
    if (i == 0 || i + 1 >= a.size()) return false;
    const UChar32 prev = a[i - 1], next = a[i + 1];
    if (a[i] == 0x200D && u_hasBinaryProperty(next, UCHAR_EXTENDED_PICTOGRAPHIC) &&
        (u_hasBinaryProperty(prev, UCHAR_EXTENDED_PICTOGRAPHIC) ||
         u_hasBinaryProperty(prev, UCHAR_EMOJI_MODIFIER) ||
         u_hasBinaryProperty(prev, UCHAR_VARIATION_SELECTOR))) {
        return true;
    }
    if (!(klass(t, prev) & kLetterOrMark) || !(klass(t, next) & kLetterOrMark)) return false;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(next, &status);
    switch (script) {
        case USCRIPT_COMMON: case USCRIPT_INHERITED: case USCRIPT_LATIN: case USCRIPT_GREEK:
        case USCRIPT_CYRILLIC: case USCRIPT_HAN: case USCRIPT_HIRAGANA: case USCRIPT_KATAKANA:
        case USCRIPT_BOPOMOFO: case USCRIPT_HANGUL:
            return false;
        default:
            return true;
    }
}

/// ICU's Traditional-Simplified transliterator, created once. `transliterate` is not documented as
/// safe for concurrent use, so calls are serialized (the option is off by default).
struct Simplifier {
    std::unique_ptr<icu::Transliterator> transliterator;
    std::mutex lock;
    Simplifier() {
        UErrorCode status = U_ZERO_ERROR;
        transliterator.reset(icu::Transliterator::createInstance(
            icu::UnicodeString("Traditional-Simplified"), UTRANS_FORWARD, status));
        if (U_FAILURE(status)) transliterator.reset();
    }
};

Simplifier &simplifier() {
    static Simplifier instance;
    return instance;
}

bool simplify(Text &a, int32_t *counts) {
    Simplifier &s = simplifier();
    if (!s.transliterator) return false;
    icu::UnicodeString text;
    for (UChar32 c : a) text.append(c);
    {
        std::lock_guard<std::mutex> guard(s.lock);
        s.transliterator->transliterate(text);
    }
    Text out;
    out.reserve(a.size());
    for (int32_t i = 0; i < text.length();) {
        const UChar32 c = text.char32At(i);
        out.push_back(c);
        i += U16_LENGTH(c);
    }
    int32_t changed = 0;
    const size_t common = std::min(a.size(), out.size());
    for (size_t i = 0; i < common; ++i) changed += a[i] != out[i];
    changed += static_cast<int32_t>(std::max(a.size(), out.size()) - common);
    counts[DEDUP_NORM_COUNT_SIMPLIFIED] += changed;
    a.swap(out);
    return true;
}

/// Invisible characters removed; every Unicode space (NBSP, U+3000, tab...) becomes ' '.
void cleanInvisibles(const ClassTable &t, const Text &a, Text &out, int32_t *counts) {
    out.clear();
    for (size_t i = 0; i < a.size(); ++i) {
        const UChar32 c = a[i];
        const uint16_t k = klass(t, c);
        if (k & kDrop) { ++counts[DEDUP_NORM_COUNT_INVISIBLE]; continue; }
        if ((k & kJoiner) && !joinerNeeded(t, a, i)) { ++counts[DEDUP_NORM_COUNT_INVISIBLE]; continue; }
        if ((k & kSpace) && c != ' ') { ++counts[DEDUP_NORM_COUNT_SPACES]; out.push_back(' '); continue; }
        out.push_back(c);
    }
}

/// Full-width letters and digits → ASCII; half-width katakana (with its voicing marks) → full-width.
void foldWidth(const ClassTable &t, const Text &a, Text &out, int32_t *counts) {
    out.clear();
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2 *nfkc = icu::Normalizer2::getNFKCInstance(status);
    for (size_t i = 0; i < a.size();) {
        const UChar32 c = a[i];
        const uint16_t k = klass(t, c);
        if (k & kFold) {
            out.push_back(t.fold[c - 0xFF00]);
            ++counts[DEDUP_NORM_COUNT_WIDTH];
            ++i;
            continue;
        }
        if ((k & kHalfKana) && U_SUCCESS(status)) {
            icu::UnicodeString run;
            // A voicing mark after a full-width kana composes with it: normalize the pair.
            if (!out.empty() && (u_getCombiningClass(c) != 0 || c == 0xFF9E || c == 0xFF9F)) {
                run.append(out.back());
                out.pop_back();
            }
            size_t j = i;
            while (j < a.size() && (klass(t, a[j]) & kHalfKana)) run.append(a[j++]);
            counts[DEDUP_NORM_COUNT_WIDTH] += static_cast<int32_t>(j - i);
            UErrorCode s = U_ZERO_ERROR;
            const icu::UnicodeString composed = nfkc->normalize(run, s);
            const icu::UnicodeString &use = U_SUCCESS(s) ? composed : run;
            for (int32_t p = 0; p < use.length();) {
                const UChar32 d = use.char32At(p);
                out.push_back(d);
                p += U16_LENGTH(d);
            }
            i = j;
            continue;
        }
        out.push_back(c);
        ++i;
    }
}

inline bool isSpaceLike(const ClassTable &t, UChar32 c) { return c == ' ' || (klass(t, c) & kSpace); }

/// Hard-wrapped lines joined: no space next to CJK or wide characters, `letter-` + `lowercase`
/// rejoined without the hyphen, one space otherwise. Spaces around the break are dropped.
void joinLines(const ClassTable &t, const Text &a, Text &out, int32_t *counts) {
    out.clear();
    for (size_t i = 0; i < a.size(); ++i) {
        const UChar32 c = a[i];
        if (c != 0x0A) { out.push_back(c); continue; }
        while (!out.empty() && isSpaceLike(t, out.back())) out.pop_back();
        size_t j = i + 1;
        while (j < a.size() && (isSpaceLike(t, a[j]) || a[j] == 0x0A)) ++j;
        i = j - 1;
        if (out.empty() || j >= a.size()) continue;
        ++counts[DEDUP_NORM_COUNT_LINES];
        const UChar32 before = out.back(), after = a[j];
        if ((before == '-' || before == 0x2010) && out.size() >= 2 && u_isalpha(out[out.size() - 2]) &&
            !(klass(t, out[out.size() - 2]) & kCJK) && u_islower(after)) {
            out.pop_back();
            ++counts[DEDUP_NORM_COUNT_HYPHENS];
            continue;
        }
        const uint16_t kb = klass(t, before), ka = klass(t, after);
        if ((kb & (kCJK | kWide)) || (ka & (kCJK | kWide))) continue;
        out.push_back(' ');
    }
}

/// Runs of spaces collapse to one; spaces at the start and end of the paragraph and of each line
/// are removed. A single space between two characters (also two Chinese ones) is kept.
void collapseSpaces(const Text &a, Text &out, int32_t *counts) {
    out.clear();
    for (size_t i = 0; i < a.size(); ++i) {
        const UChar32 c = a[i];
        if (c == ' ') {
            const bool atLineStart = out.empty() || out.back() == 0x0A || out.back() == ' ';
            const bool atLineEnd = i + 1 >= a.size() || a[i + 1] == 0x0A;
            if (atLineStart || atLineEnd) { ++counts[DEDUP_NORM_COUNT_SPACES]; continue; }
        }
        out.push_back(c);
    }
}

inline bool isAsciiAlnum(UChar32 c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/// Marks URLs (scheme:// or www.) and e-mail addresses, ASCII only, without trailing punctuation.
void protectLinks(const Text &a, std::vector<uint8_t> &protect) {
    const size_t n = a.size();
    auto urlChar = [](UChar32 c) {
        return c > 0x20 && c < 0x7F && c != '"' && c != '<' && c != '>' && c != '\'';
    };
    auto trimEnd = [&](size_t start, size_t end) {
        while (end > start && std::strchr(".,;:!?)", static_cast<int>(a[end - 1])) != nullptr &&
               a[end - 1] < 0x80) --end;
        return end;
    };
    for (size_t i = 0; i < n; ++i) {
        if (i > 0 && isAsciiAlnum(a[i - 1])) continue;
        size_t start = i, body = 0;
        if (a[i] < 0x80 && std::isalpha(static_cast<int>(a[i]))) {
            size_t j = i;
            while (j < n && a[j] < 0x80 && (isAsciiAlnum(a[j]) || a[j] == '+' || a[j] == '.' || a[j] == '-')) ++j;
            if (j + 2 < n && a[j] == ':' && a[j + 1] == '/' && a[j + 2] == '/') body = j + 3;
            else if (j - i >= 4 && (a[i] | 0x20) == 'w' && (a[i + 1] | 0x20) == 'w' && (a[i + 2] | 0x20) == 'w' &&
                     a[i + 3] == '.') body = i + 4;
        }
        if (body == 0) continue;
        size_t end = body;
        while (end < n && urlChar(a[end])) ++end;
        end = trimEnd(start, end);
        for (size_t p = start; p < end; ++p) protect[p] = 1;
        i = end > i ? end - 1 : i;
    }
    for (size_t i = 1; i + 1 < n; ++i) {
        if (a[i] != '@' || !isAsciiAlnum(a[i - 1]) || !isAsciiAlnum(a[i + 1])) continue;
        size_t start = i;
        while (start > 0 && a[start - 1] < 0x80 &&
               (isAsciiAlnum(a[start - 1]) || std::strchr("._%+-", static_cast<int>(a[start - 1])))) --start;
        size_t end = i + 1;
        while (end < n && a[end] < 0x80 && (isAsciiAlnum(a[end]) || a[end] == '.' || a[end] == '-')) ++end;
        while (end > i + 1 && a[end - 1] == '.') --end;
        for (size_t p = start; p < end; ++p) protect[p] = 1;
    }
}

enum Side : uint8_t { kNone = 0, kSideCJK = 1, kSideOther = 2 };

/// Context punctuation and quotes. The rule (also in the README):
/// - Only ASCII `, ; : ? ! ( ) "` outside URLs and e-mail addresses are considered.
/// - The context of a mark is the nearest letter or number on each side, skipping spaces,
///   punctuation and symbols: CJK (Han, kana, bopomofo, by ICU script) or other.
/// - A mark between two digits (`1,000`, `12:30`) is numeric and stays ASCII.
/// - A single mark is Chinese when the context on its left is CJK, or when the context on its
///   right is CJK and either nothing but punctuation is on its left or it is not followed by a
///   space (`Python,然后` → `，`; `Hello, 世界` stays).
/// - Parentheses and straight double quotes go by pairs (brackets by nesting, quotes in order):
///   a pair is Chinese when its content holds a CJK character, when the context left of the
///   opening mark is CJK, or when the context right of the closing mark is CJK and it is not
///   followed by a space. A mark without a partner follows the single-mark rule.
void convertPunctuation(const ClassTable &t, Text &a, uint32_t flags, int32_t *counts) {
    const size_t n = a.size();
    bool any = false;
    for (UChar32 c : a) {
        if (c < 0x80 && std::strchr(",;:?!()\"", static_cast<int>(c)) && c != 0) { any = true; break; }
    }
    if (!any) return;
    std::vector<uint8_t> protect(n, 0), left(n, kNone), right(n, kNone);
    std::vector<uint32_t> cjkBefore(n + 1, 0);
    protectLinks(a, protect);
    uint8_t side = kNone;
    for (size_t i = 0; i < n; ++i) {
        left[i] = side;
        const uint16_t k = klass(t, a[i]);
        cjkBefore[i + 1] = cjkBefore[i] + ((k & kCJK) ? 1 : 0);
        if (k & kCJK) side = kSideCJK;
        else if (k & kAlnum) side = kSideOther;
    }
    side = kNone;
    for (size_t i = n; i-- > 0;) {
        right[i] = side;
        const uint16_t k = klass(t, a[i]);
        if (k & kCJK) side = kSideCJK;
        else if (k & kAlnum) side = kSideOther;
    }
    auto digit = [&](size_t i) { return i < n && (klass(t, a[i]) & kDigit); };
    auto spaceAfter = [&](size_t i) { return i + 1 < n && isSpaceLike(t, a[i + 1]); };
    auto single = [&](size_t i) {
        if (i > 0 && digit(i - 1) && digit(i + 1)) return false;
        if (left[i] == kSideCJK) return true;
        return right[i] == kSideCJK && (left[i] == kNone || !spaceAfter(i));
    };
    auto pair = [&](size_t open, size_t close) {
        if (cjkBefore[close] - cjkBefore[open + 1] > 0) return true;
        if (left[open] == kSideCJK) return true;
        return right[close] == kSideCJK && !spaceAfter(close);
    };
    const bool punctuation = flags & DEDUP_NORM_PUNCTUATION;
    const bool quotes = flags & DEDUP_NORM_QUOTES;
    std::vector<uint8_t> decided(n, 0);  // 1 ASCII kept, 2 converted
    if (punctuation) {
        std::vector<size_t> stack;
        for (size_t i = 0; i < n; ++i) {
            if (protect[i]) continue;
            if (a[i] == '(') stack.push_back(i);
            else if (a[i] == ')' && !stack.empty()) {
                const size_t open = stack.back();
                stack.pop_back();
                const uint8_t d = pair(open, i) ? 2 : 1;
                decided[open] = d;
                decided[i] = d;
            }
        }
    }
    std::vector<size_t> straight;
    if (quotes) {
        for (size_t i = 0; i < n; ++i) if (a[i] == '"' && !protect[i]) straight.push_back(i);
        for (size_t p = 0; p + 1 < straight.size(); p += 2) {
            const uint8_t d = pair(straight[p], straight[p + 1]) ? 2 : 1;
            decided[straight[p]] = d;
            decided[straight[p + 1]] = d;
        }
    }
    for (size_t i = 0; i < n; ++i) {
        const UChar32 c = a[i];
        if (c >= 0x80 || protect[i]) continue;
        if (c == '"') {
            if (!quotes) continue;
            const bool paired = decided[i] != 0;
            if (paired ? decided[i] != 2 : !single(i)) continue;
            bool opening;
            if (paired) {
                size_t index = 0;
                while (straight[index] != i) ++index;
                opening = index % 2 == 0;
            } else {
                const UChar32 prev = i > 0 ? a[i - 1] : 0;
                opening = i == 0 || isSpaceLike(t, prev) || (klass(t, prev) & kOpen) ||
                          prev == ':' || prev == 0xFF1A || prev == ',' || prev == 0xFF0C;
            }
            a[i] = opening ? 0x201C : 0x201D;
            ++counts[DEDUP_NORM_COUNT_QUOTES];
            continue;
        }
        if (!punctuation) continue;
        UChar32 wide = 0;
        switch (c) {
            case ',': wide = 0xFF0C; break;
            case ';': wide = 0xFF1B; break;
            case ':': wide = 0xFF1A; break;
            case '?': wide = 0xFF1F; break;
            case '!': wide = 0xFF01; break;
            case '(': wide = 0xFF08; break;
            case ')': wide = 0xFF09; break;
            default: continue;
        }
        const bool convert = decided[i] ? decided[i] == 2 : single(i);
        if (!convert) continue;
        a[i] = wide;
        ++counts[DEDUP_NORM_COUNT_PUNCTUATION];
    }
}

void encode(const Text &a, std::string &out) {
    out.clear();
    out.reserve(a.size() * 3);
    for (UChar32 c : a) {
        char buffer[4];
        int32_t length = 0;
        UBool error = false;
        U8_APPEND(reinterpret_cast<uint8_t *>(buffer), length, 4, c, error);
        if (!error) out.append(buffer, length);
    }
}

}  // namespace

extern "C" int32_t dedup_icu_normalize_paragraph(const uint8_t *src, int32_t src_length,
                                                 uint8_t *dest, int32_t dest_capacity,
                                                 uint32_t flags, int32_t *counts) {
    const ClassTable &t = table();
    int32_t local[DEDUP_NORM_COUNT_KINDS] = {0};
    Text a, b;
    a.reserve(src_length);
    b.reserve(src_length + 8);
    for (int32_t i = 0; i < src_length;) {
        UChar32 c;
        U8_NEXT(src, i, src_length, c);
        a.push_back(c < 0 ? 0xFFFD : c);
    }
    if (flags & DEDUP_NORM_SIMPLIFIED) {
        if (!simplify(a, local)) return INT32_MIN;
    }
    if (flags & DEDUP_NORM_WHITESPACE) { cleanInvisibles(t, a, b, local); a.swap(b); }
    if (flags & DEDUP_NORM_WIDTH) { foldWidth(t, a, b, local); a.swap(b); }
    if (flags & DEDUP_NORM_LINES) { joinLines(t, a, b, local); a.swap(b); }
    if (flags & DEDUP_NORM_WHITESPACE) { collapseSpaces(a, b, local); a.swap(b); }
    if (flags & (DEDUP_NORM_PUNCTUATION | DEDUP_NORM_QUOTES)) convertPunctuation(t, a, flags, local);
    std::string out;
    encode(a, out);
    const int32_t length = static_cast<int32_t>(out.size());
    if (length > dest_capacity) return -length;
    if (length > 0) std::memcpy(dest, out.data(), length);
    if (counts) {
        for (int k = 0; k < DEDUP_NORM_COUNT_KINDS; ++k) counts[k] += local[k];
    }
    return length;
}

extern "C" void dedup_icu_paragraph_shape(const uint8_t *src, int32_t src_length, dedup_paragraph_shape *shape) {
    const ClassTable &t = table();
    dedup_paragraph_shape s = {0, 0, 0, -1, -1, 0, 0};
    bool first = true;
    for (int32_t i = 0; i < src_length;) {
        UChar32 c;
        U8_NEXT(src, i, src_length, c);
        if (c < 0) c = 0xFFFD;
        const uint16_t k = klass(t, c);
        const int8_t type = u_charType(c);
        if (isSignificant(k)) ++s.significant;
        if (U_MASK(type) & U_GC_P_MASK) ++s.inner_marks;
        if (u_hasBinaryProperty(c, UCHAR_S_TERM)) ++s.sentence_ends;
        const int32_t cls = (k & (kCJK | kWide)) ? 1 : (k & kAlnum) ? 2 : 0;
        if (first) { s.first_category = type; s.first_class = cls; first = false; }
        s.last_category = type;
        s.last_class = cls;
    }
    *shape = s;
}

extern "C" int32_t dedup_icu_is_sentence_terminal(uint32_t code_point) {
    return u_hasBinaryProperty(static_cast<UChar32>(code_point), UCHAR_S_TERM) ? 1 : 0;
}

extern "C" int32_t dedup_icu_is_non_cjk_alnum(uint32_t code_point) {
    const UChar32 c = static_cast<UChar32>(code_point);
    const uint16_t k = klass(table(), c);
    return (k & kAlnum) && !(k & kCJK) ? 1 : 0;
}
