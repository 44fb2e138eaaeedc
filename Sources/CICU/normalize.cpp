// Design note: per-paragraph normalization in C++ so the per-scalar work never crosses into Swift.
// Representation: the paragraph is decoded once into an array of code points while its character
// classes are OR-ed together, so steps with nothing to do are skipped; each remaining step is one
// linear pass into a second array (the two are swapped), and the result is encoded straight into
// the caller's buffer while its shape (`dedup_paragraph_shape`) is measured. All arrays live in
// caller-provided scratch memory (`work`), so a paragraph costs no allocation.
// Character classes come from a 64 K-entry table of bit flags derived from ICU properties on first
// use (a function-local static, immutable after its thread-safe initialization, ~2 ms); code points
// beyond the BMP are classified with the same ICU calls on the fly. No Unicode data is written here
// by hand: every class is an ICU property or a combination of them.
// Worst case O(n) per step: the right-hand context of punctuation is found with a pointer that only
// moves forward, so runs of punctuation do not make it quadratic. Output is at most 3x the input
// (',' → '，') except after Traditional-Simplified, which uses its own allocation.
#include "dedup_icu_normalize.h"
#include "bmp_table.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace {

enum : uint16_t {
    kCJK = 1,          // letter or number of a CJK script: Han, Hiragana, Katakana, Bopomofo
    kAlnum = 2,        // any other letter, mark or number (Latin, Cyrillic, Hangul, digits...)
    kDigit = 4,        // decimal digit (Nd)
    kSpace = 8,        // White_Space other than LF and ' ' (tab, NBSP, U+3000...)
    kDrop = 16,        // Default_Ignorable format character removed everywhere (soft hyphen, BOM, WJ)
    kJoiner = 32,      // zero-width space and joiners: kept only where a script needs them
    kWide = 64,        // East_Asian_Width Wide or Fullwidth
    kFold = 128,       // full-width letter or digit with a one-scalar NFKC form
    kHalfKana = 256,   // half-width katakana or half-width CJK punctuation
    kOpen = 512,       // Ps or Pi
    kPunct = 1024,     // any punctuation (P*)
    kSTerm = 2048,     // Sentence_Terminal
    kPairMark = 4096,  // non-ASCII Ps Pe Pi Pf (quotes and brackets the balancer may look at)
    kAsciiMark = 8192, // ASCII , ; : ? ! ( ) " (context punctuation candidates)
    kPausePunct = 16384, // other punctuation (Po) that is not Sentence_Terminal: ，、；：…
};

static_assert(kCJK == 1 && kPairMark == 1 << 12, "decodeAndClassify adds these bits as counts");

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
    }
    if (type == U_DECIMAL_DIGIT_NUMBER) k |= kDigit;
    if (c != 0x0A && c != 0x20 && u_hasBinaryProperty(c, UCHAR_WHITE_SPACE)) k |= kSpace;
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
    if (mask & U_GC_P_MASK) k |= kPunct;
    if (u_hasBinaryProperty(c, UCHAR_S_TERM)) k |= kSTerm;
    else if (type == U_OTHER_PUNCTUATION) k |= kPausePunct;
    if (c >= 0x80 && (mask & (U_GC_PS_MASK | U_GC_PE_MASK | U_GC_PI_MASK | U_GC_PF_MASK))) k |= kPairMark;
    if (c < 0x80 && c != 0 && std::strchr(",;:?!()\"", static_cast<int>(c)) != nullptr) k |= kAsciiMark;
    if (width == U_EA_FULLWIDTH && (mask & (U_GC_L_MASK | U_GC_ND_MASK))) {
        UErrorCode s = U_ZERO_ERROR;
        const icu::Normalizer2 *nfkc = icu::Normalizer2::getNFKCInstance(s);
        icu::UnicodeString folded;
        if (U_SUCCESS(s) && nfkc->getDecomposition(c, folded) && folded.countChar32() == 1) k |= kFold;
    }
    if (width == U_EA_HALFWIDTH && uscript_hasScript(c, USCRIPT_KATAKANA)) k |= kHalfKana;
    return k;
}

/// Classes of the BMP and their ICU general categories (u_charType), built once from ICU (see
/// `BMPTable`): the categories are read for the first and last character of every paragraph and by
/// every punctuation mark's test for a dash.
struct ClassTable {
    BMPTable<uint16_t> classes{classify};
    BMPTable<int8_t> categories{[](UChar32 c) { return static_cast<int8_t>(u_charType(c)); }};
    std::vector<UChar32> fold;    // kFold targets, indexed by c - 0xFF00
    ClassTable() : fold(0x100, 0) {
        UErrorCode s = U_ZERO_ERROR;
        const icu::Normalizer2 *nfkc = icu::Normalizer2::getNFKCInstance(s);
        for (UChar32 c = 0xFF00; c < 0x10000; ++c) {
            if (!(bmp(c) & kFold) || U_FAILURE(s)) continue;
            icu::UnicodeString folded;
            nfkc->getDecomposition(c, folded);
            fold[c - 0xFF00] = folded.char32At(0);
        }
    }
    inline uint16_t bmp(UChar32 c) const { return classes[c]; }
    inline int32_t category(UChar32 c) const { return c < 0x10000 ? categories[c] : u_charType(c); }
};

const ClassTable &table() {
    static const ClassTable instance;
    return instance;
}

inline uint16_t klass(const ClassTable &t, UChar32 c) {
    return c < 0x10000 ? t.bmp(c) : classify(c);
}

inline bool isSpaceLike(const ClassTable &t, UChar32 c) { return c == ' ' || (klass(t, c) & kSpace); }

inline int32_t sideClass(uint16_t k) { return (k & (kCJK | kWide)) ? 1 : (k & kAlnum) ? 2 : 0; }

/// Whether a zero-width joiner/space at `i` is needed: between two letters or marks of a script
/// that shapes or separates words with it (not Latin, Greek, Cyrillic, CJK or Hangul), or a ZWJ
/// inside an emoji sequence.
bool joinerNeeded(const UChar32 *a, size_t n, size_t i) {
    if (i == 0 || i + 1 >= n) return false;
    const UChar32 prev = a[i - 1], next = a[i + 1];
    if (a[i] == 0x200D && u_hasBinaryProperty(next, UCHAR_EXTENDED_PICTOGRAPHIC) &&
        (u_hasBinaryProperty(prev, UCHAR_EXTENDED_PICTOGRAPHIC) ||
         u_hasBinaryProperty(prev, UCHAR_EMOJI_MODIFIER) ||
         u_hasBinaryProperty(prev, UCHAR_VARIATION_SELECTOR))) {
        return true;
    }
    const uint32_t lm = U_GC_L_MASK | U_GC_M_MASK;
    if (!(U_MASK(u_charType(prev)) & lm) || !(U_MASK(u_charType(next)) & lm)) return false;
    UErrorCode status = U_ZERO_ERROR;
    switch (uscript_getScript(next, &status)) {
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

/// The arrays one call works in: two code point buffers and the punctuation pass's arrays.
struct Work {
    UChar32 *a;           // current text
    UChar32 *b;           // next text
    size_t n = 0;         // length of `a`
    uint32_t *cjkBefore;  // per mark: CJK letters before it
    uint32_t *marks;      // positions of ASCII context marks
    uint32_t *decided;    // per mark: 0 undecided, 1 ASCII, 2 converted; the high bits hold its left context
    uint32_t *markByte;   // per mark: its byte offset in the source (valid while the text is unmodified)
    size_t markCount = 0;
    // Positions in `a` of the pair marks (kPairMark), in order, recorded by the decoding loop and
    // again by collectMarks after a change; `pairsOverflow` when there were more than fit.
    static constexpr size_t kPairCapacity = 64;
    uint32_t pairs[kPairCapacity];
    size_t pairCount = 0;
    bool pairsOverflow = false;
    inline void notePair(size_t at) {
        if (pairCount < kPairCapacity) pairs[pairCount++] = static_cast<uint32_t>(at);
        else pairsOverflow = true;
    }
    std::vector<uint32_t> owned;

    void carve(uint32_t *memory, size_t capacityChars) {
        a = reinterpret_cast<UChar32 *>(memory);
        b = a + capacityChars;
        cjkBefore = reinterpret_cast<uint32_t *>(b + capacityChars);
        marks = cjkBefore + capacityChars + 1;
        decided = marks + capacityChars;
        markByte = decided + capacityChars;
    }
    /// Points into `work` when it is big enough for `chars` characters, else allocates.
    void setUp(uint32_t *work, int64_t capacity, size_t chars) {
        const size_t needed = 6 * (chars + 8) + 1;
        if (work != nullptr && capacity >= static_cast<int64_t>(needed)) {
            carve(work, chars + 8);
        } else {
            owned.assign(needed, 0);
            carve(owned.data(), chars + 8);
        }
    }
    void swap() { std::swap(a, b); }
};

bool simplify(Work &w, int32_t *counts) {
    Simplifier &s = simplifier();
    if (!s.transliterator) return false;
    icu::UnicodeString text;
    for (size_t i = 0; i < w.n; ++i) text.append(w.a[i]);
    {
        std::lock_guard<std::mutex> guard(s.lock);
        s.transliterator->transliterate(text);
    }
    std::vector<UChar32> out;
    out.reserve(w.n);
    for (int32_t i = 0; i < text.length();) {
        const UChar32 c = text.char32At(i);
        out.push_back(c);
        i += U16_LENGTH(c);
    }
    int32_t changed = 0;
    const size_t common = std::min(w.n, out.size());
    for (size_t i = 0; i < common; ++i) changed += w.a[i] != out[i];
    changed += static_cast<int32_t>(std::max(w.n, out.size()) - common);
    counts[DEDUP_NORM_COUNT_SIMPLIFIED] += changed;
    w.owned.assign(6 * (out.size() + 8) + 1, 0);
    w.carve(w.owned.data(), out.size() + 8);
    std::copy(out.begin(), out.end(), w.a);
    w.n = out.size();
    return true;
}

/// Invisible characters removed, Unicode spaces → ' ' (whitespace step); full-width letters and
/// digits → ASCII, half-width katakana with its voicing marks → full-width (width step).
void cleanAndFold(const ClassTable &t, Work &w, bool whitespace, bool width, int32_t *counts) {
    const UChar32 *a = w.a;
    UChar32 *out = w.b;
    size_t m = 0;
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2 *nfkc = icu::Normalizer2::getNFKCInstance(status);
    for (size_t i = 0; i < w.n;) {
        const UChar32 c = a[i];
        const uint16_t k = klass(t, c);
        if (whitespace && (k & (kDrop | kJoiner | kSpace))) {
            if ((k & kDrop) || ((k & kJoiner) && !joinerNeeded(a, w.n, i))) {
                ++counts[DEDUP_NORM_COUNT_INVISIBLE];
                ++i;
                continue;
            }
            if (k & kSpace) {
                ++counts[DEDUP_NORM_COUNT_SPACES];
                out[m++] = ' ';
                ++i;
                continue;
            }
        }
        if (width && (k & kFold)) {
            out[m++] = t.fold[c - 0xFF00];
            ++counts[DEDUP_NORM_COUNT_WIDTH];
            ++i;
            continue;
        }
        if (width && (k & kHalfKana) && U_SUCCESS(status)) {
            icu::UnicodeString run;
            // A voicing mark after a full-width kana composes with it: normalize the pair.
            if (m > 0 && (c == 0xFF9E || c == 0xFF9F)) {
                UErrorCode e = U_ZERO_ERROR;
                const UScriptCode script = uscript_getScript(out[m - 1], &e);
                if (script == USCRIPT_KATAKANA || script == USCRIPT_HIRAGANA) run.append(out[--m]);
            }
            size_t j = i;
            while (j < w.n && (klass(t, a[j]) & kHalfKana)) run.append(a[j++]);
            counts[DEDUP_NORM_COUNT_WIDTH] += static_cast<int32_t>(j - i);
            UErrorCode s = U_ZERO_ERROR;
            const icu::UnicodeString composed = nfkc->normalize(run, s);
            const icu::UnicodeString &use = U_SUCCESS(s) ? composed : run;
            // NFKC never makes this run longer in code points than the input run (+1 carried).
            for (int32_t p = 0; p < use.length();) {
                const UChar32 d = use.char32At(p);
                out[m++] = d;
                p += U16_LENGTH(d);
            }
            i = j;
            continue;
        }
        out[m++] = c;
        ++i;
    }
    w.n = m;
    w.swap();
}

/// Hard-wrapped lines joined: no space next to CJK or wide characters, `letter-` + `lowercase`
/// rejoined without the hyphen, one space otherwise. Spaces around the break are dropped.
void joinLines(const ClassTable &t, Work &w, int32_t *counts) {
    const UChar32 *a = w.a;
    UChar32 *out = w.b;
    size_t m = 0;
    for (size_t i = 0; i < w.n; ++i) {
        const UChar32 c = a[i];
        if (c != 0x0A) { out[m++] = c; continue; }
        while (m > 0 && isSpaceLike(t, out[m - 1])) --m;
        size_t j = i + 1;
        while (j < w.n && (isSpaceLike(t, a[j]) || a[j] == 0x0A)) ++j;
        i = j - 1;
        ++counts[DEDUP_NORM_COUNT_LINES];
        if (m == 0 || j >= w.n) continue;
        const UChar32 before = out[m - 1], after = a[j];
        if ((before == '-' || before == 0x2010) && m >= 2 && u_isalpha(out[m - 2]) &&
            !(klass(t, out[m - 2]) & kCJK)) {
            // A hyphen ending a line after a letter: before a lowercase letter it only marks the
            // wrap (exam- + ple); otherwise it belongs to the word (well- + Known). No space either way.
            if (u_islower(after)) {
                --m;
                ++counts[DEDUP_NORM_COUNT_HYPHENS];
            }
            continue;
        }
        if ((klass(t, before) & (kCJK | kWide)) || (klass(t, after) & (kCJK | kWide))) continue;
        out[m++] = ' ';
    }
    w.n = m;
    w.swap();
}

/// Runs of spaces collapse to one; spaces at the start and end of the paragraph and of each line
/// are removed. A single space between two characters (also two Chinese ones) is kept.
void collapseSpaces(Work &w, int32_t *counts) {
    const UChar32 *a = w.a;
    UChar32 *out = w.b;
    size_t m = 0;
    for (size_t i = 0; i < w.n; ++i) {
        const UChar32 c = a[i];
        if (c != ' ') { out[m++] = c; continue; }
        size_t j = i;
        while (j < w.n && a[j] == ' ') ++j;
        const bool atLineStart = m == 0 || out[m - 1] == 0x0A;
        const bool atLineEnd = j >= w.n || a[j] == 0x0A;
        const size_t keep = (atLineStart || atLineEnd) ? 0 : 1;
        counts[DEDUP_NORM_COUNT_SPACES] += static_cast<int32_t>(j - i - keep);
        if (keep) out[m++] = ' ';
        i = j - 1;
    }
    w.n = m;
    w.swap();
}

inline bool isAsciiAlnum(UChar32 c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

inline bool isAsciiAlpha(UChar32 c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

/// URLs (scheme:// or www.) and e-mail addresses, ASCII only, without trailing punctuation,
/// as half-open ranges.
void findLinks(const UChar32 *a, size_t n, std::vector<std::pair<size_t, size_t>> &ranges) {
    auto urlChar = [](UChar32 c) {
        return c > 0x20 && c < 0x7F && c != '"' && c != '<' && c != '>' && c != '\'';
    };
    auto trailing = [](UChar32 c) {
        return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')';
    };
    // A scheme starts at a letter not preceded by a letter, `www.` anywhere: so removing a mark
    // next to a link (the quote balancer may) never changes what is protected.
    auto schemeChar = [](UChar32 c) { return isAsciiAlnum(c) || c == '+' || c == '.' || c == '-'; };
    // Every scheme start inside one run of scheme characters ends where the run ends: the end is
    // found once per run, so `1a1a1a…` costs O(n), not O(n²).
    size_t runEnd = 0;
    for (size_t i = 0; i < n; ++i) {
        size_t body = 0;
        if (i + 3 < n && (a[i] | 0x20) == 'w' && (a[i + 1] | 0x20) == 'w' && (a[i + 2] | 0x20) == 'w' &&
            a[i + 3] == '.') {
            body = i + 4;
        } else if (isAsciiAlpha(a[i]) && !(i > 0 && isAsciiAlpha(a[i - 1]))) {
            if (runEnd <= i) {
                runEnd = i;
                while (runEnd < n && schemeChar(a[runEnd])) ++runEnd;
            }
            const size_t j = runEnd;
            if (j + 2 < n && a[j] == ':' && a[j + 1] == '/' && a[j + 2] == '/') body = j + 3;
        }
        if (body == 0) continue;
        size_t end = body;
        while (end < n && urlChar(a[end])) ++end;
        while (end > body && trailing(a[end - 1])) --end;
        ranges.emplace_back(i, end);
        i = end > i ? end - 1 : i;
    }
    for (size_t i = 1; i + 1 < n; ++i) {
        if (a[i] != '@' || !isAsciiAlnum(a[i - 1]) || !isAsciiAlnum(a[i + 1])) continue;
        size_t start = i;
        while (start > 0 && (isAsciiAlnum(a[start - 1]) || a[start - 1] == '.' || a[start - 1] == '_' ||
                             a[start - 1] == '%' || a[start - 1] == '+' || a[start - 1] == '-')) --start;
        size_t end = i + 1;
        while (end < n && (isAsciiAlnum(a[end]) || a[end] == '.' || a[end] == '-')) ++end;
        while (end > i + 1 && a[end - 1] == '.') --end;
        ranges.emplace_back(start, end);
    }
}

enum Side : uint32_t { kNone = 0, kSideCJK = 1, kSideOther = 2 };

/// The side of the nearest letter or number after position `i`, for positions asked in
/// increasing order: a cursor that only moves forward, so all the questions of one pass cost
/// O(n) together.
struct RightContext {
    const ClassTable &t;
    const UChar32 *a;
    size_t n;
    size_t next = 0;  // the first letter or number after the last position asked
    uint32_t operator()(size_t i) {
        if (next <= i) {
            next = i + 1;
            while (next < n && !(klass(t, a[next]) & (kCJK | kAlnum))) ++next;
        }
        if (next >= n) return kNone;
        return (klass(t, a[next]) & kCJK) ? kSideCJK : kSideOther;
    }
};

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
///   followed by a space. A straight quote without a partner follows the single-mark rule; a
///   parenthesis without a partner stays ASCII (`:-)`, `1)`).
/// Finds the ASCII context marks of the current text with their left context, and the CJK prefix
/// counts (the decoding loop does the same for unmodified text).
void collectMarks(const ClassTable &t, Work &w) {
    const UChar32 *a = w.a;
    size_t marks = 0;
    uint32_t side = kNone, cjk = 0;
    w.pairCount = 0;
    w.pairsOverflow = false;
    for (size_t i = 0; i < w.n; ++i) {
        const uint16_t k = klass(t, a[i]);
        if (k & kPairMark) w.notePair(i);
        if (k & kAsciiMark) {
            w.cjkBefore[marks] = cjk;
            w.marks[marks] = static_cast<uint32_t>(i);
            w.decided[marks] = side << 8;
            ++marks;
        }
        if (k & kCJK) { side = kSideCJK; ++cjk; }
        else if (k & kAlnum) side = kSideOther;
    }
    w.markCount = marks;
}

/// Decides and applies the conversions for the collected marks. Returns how many were converted;
/// converted marks get bit 16 set in `decided`.
int32_t convertPunctuation(const ClassTable &t, Work &w, uint32_t flags, bool linkHint, int32_t *counts) {
    UChar32 *a = w.a;
    const size_t n = w.n;
    const size_t marks = w.markCount;
    if (marks == 0) return 0;
    std::vector<std::pair<size_t, size_t>> links;
    if (linkHint) findLinks(a, n, links);
    // Right context of the single marks, asked in order by the last loop below.
    RightContext rightOf{t, a, n};
    auto digit = [&](size_t i) { return i < n && (klass(t, a[i]) & kDigit); };
    auto spaceAfter = [&](size_t i) { return i + 1 < n && isSpaceLike(t, a[i + 1]); };
    auto leftOf = [&](size_t m) { return w.decided[m] >> 8; };
    auto single = [&](size_t m) {
        const size_t i = w.marks[m];
        if (i > 0 && digit(i - 1) && digit(i + 1)) return false;
        if (leftOf(m) == kSideCJK) return true;
        return rightOf(i) == kSideCJK && (leftOf(m) == kNone || !spaceAfter(i));
    };
    // Right context of closing marks, asked in order by the pairs loop (before `single` asks
    // again from the start): a cursor of its own, so that `a()()()…中` costs O(n), not a scan to
    // the end per pair.
    RightContext rightOfClose{t, a, n};
    auto pair = [&](size_t mo, size_t mc) {
        const size_t close = w.marks[mc];
        // Marks are ASCII, never CJK: the letters between them are the difference of the counts.
        if (w.cjkBefore[mc] - w.cjkBefore[mo] > 0) return true;
        if (leftOf(mo) == kSideCJK) return true;
        return !spaceAfter(close) && rightOfClose(close) == kSideCJK;
    };
    const bool punctuation = flags & DEDUP_NORM_PUNCTUATION;
    const bool quotes = flags & DEDUP_NORM_QUOTES;
    auto setDecision = [&](size_t m, uint32_t d) { w.decided[m] = (w.decided[m] & ~0xFFu) | d; };
    int32_t converted = 0;
    if (!links.empty()) {
        // Marks inside a link stay ASCII. Marks are in order; links may overlap (an e-mail address
        // inside a URL): sorted by start, a mark is inside one when the furthest end among the
        // links starting at or before it lies after it. O(marks + links log links).
        std::sort(links.begin(), links.end());
        size_t next = 0, furthestEnd = 0;
        for (size_t m = 0; m < marks; ++m) {
            const size_t i = w.marks[m];
            while (next < links.size() && links[next].first <= i) furthestEnd = std::max(furthestEnd, links[next++].second);
            if (i < furthestEnd) setDecision(m, 1);
        }
    }
    // Pairs: parentheses by nesting (the stack lives in `b`, free during this pass), quotes in order.
    uint32_t *stack = reinterpret_cast<uint32_t *>(w.b);
    size_t depth = 0;
    size_t openQuote = SIZE_MAX;
    for (size_t m = 0; m < marks; ++m) {
        if ((w.decided[m] & 0xFF) != 0) continue;
        const UChar32 c = a[w.marks[m]];
        if (punctuation && c == '(') stack[depth++] = static_cast<uint32_t>(m);
        else if (punctuation && c == ')' && depth > 0) {
            const size_t mo = stack[--depth];
            const uint32_t d = pair(mo, m) ? 2 : 1;
            setDecision(mo, d);
            setDecision(m, d);
        } else if (quotes && c == '"') {
            if (openQuote == SIZE_MAX) { openQuote = m; continue; }
            const uint32_t d = pair(openQuote, m) ? 2 : 1;
            setDecision(openQuote, d | 4);  // 4: opening quote
            setDecision(m, d);
            openQuote = SIZE_MAX;
        }
    }
    for (size_t m = 0; m < marks; ++m) {
        const size_t i = w.marks[m];
        const UChar32 c = a[i];
        const uint32_t d = w.decided[m] & 0xFF;
        if ((d & 3) == 1) continue;  // kept ASCII: numeric, Latin pair, or inside a link
        if (c == '"') {
            if (!quotes) continue;
            bool opening;
            if ((d & 3) == 2) {
                opening = d & 4;
            } else {
                if (!single(m)) continue;
                const UChar32 prev = i > 0 ? a[i - 1] : 0;
                opening = i == 0 || isSpaceLike(t, prev) || (klass(t, prev) & kOpen) ||
                          prev == ':' || prev == 0xFF1A || prev == ',' || prev == 0xFF0C;
            }
            a[i] = opening ? 0x201C : 0x201D;
            ++counts[DEDUP_NORM_COUNT_QUOTES];
            w.decided[m] |= 1u << 16;
            ++converted;
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
        // A parenthesis without a partner stays ASCII: smileys (`:-)`), list markers (`1)`).
        const bool convert = d ? (d & 3) == 2 : (c != '(' && c != ')' && single(m));
        if (!convert) continue;
        a[i] = wide;
        ++counts[DEDUP_NORM_COUNT_PUNCTUATION];
        w.decided[m] |= 1u << 16;
        ++converted;
    }
    return converted;
}

/// The source with the converted marks spliced in (each one ASCII byte → its 3-byte form):
/// used when punctuation was the only change, so the text need not be re-encoded.
int32_t splice(const uint8_t *src, int32_t src_length, const Work &w, int32_t converted,
               uint8_t *dest, int32_t capacity) {
    const int64_t length = static_cast<int64_t>(src_length) + 2 * static_cast<int64_t>(converted);
    if (length > capacity) return -static_cast<int32_t>(length);
    int64_t from = 0, to = 0;
    for (size_t m = 0; m < w.markCount; ++m) {
        if (!(w.decided[m] & (1u << 16))) continue;
        const int64_t at = w.markByte[m];
        std::memcpy(dest + to, src + from, at - from);
        to += at - from;
        const UChar32 c = w.a[w.marks[m]];
        dest[to++] = static_cast<uint8_t>(0xE0 | (c >> 12));
        dest[to++] = static_cast<uint8_t>(0x80 | ((c >> 6) & 0x3F));
        dest[to++] = static_cast<uint8_t>(0x80 | (c & 0x3F));
        from = at + 1;
    }
    std::memcpy(dest + to, src + from, src_length - from);
    return static_cast<int32_t>(length);
}


/// The balancer's family and form code of a pair mark (1 + family * 2 + form; opening marks get
/// bit 4), or 0 for any other code point. Families: quotes, corner brackets, book-title marks,
/// full-width parentheses, lenticular brackets (the same as QuotationMark.swift).
inline uint32_t pairCode(UChar32 c) {
    switch (c) {
        case 0x201C: return 16 | 1;  case 0x201D: return 1;   // “ ”
        case 0x2018: return 16 | 2;  case 0x2019: return 2;   // ‘ ’
        case 0x300C: return 16 | 3;  case 0x300D: return 3;   // 「 」
        case 0x300E: return 16 | 4;  case 0x300F: return 4;   // 『 』
        case 0x300A: return 16 | 5;  case 0x300B: return 5;   // 《 》
        case 0x3008: return 16 | 6;  case 0x3009: return 6;   // 〈 〉
        case 0xFF08: return 16 | 7;  case 0xFF09: return 7;   // （ ）
        case 0x3010: return 16 | 9;  case 0x3011: return 9;   // 【 】
        default: return 0;
    }
}

/// Whether the quote balancer would leave the text as it is without analysis (the test of
/// QuoteBalancer.isAlreadyBalanced, on code points): a nibble stack of open marks.
class BalanceCheck {
    uint64_t stack_ = 0;
    int depth_ = 0;
    bool ok_ = true;
public:
    /// Whether `c` may be a pair mark (a cheap range test before `feed`).
    static inline bool candidate(UChar32 c) {
        // One branch, not three: the tests are combined without short-circuiting.
        return (static_cast<uint32_t>(c - 0x2018) <= 5u) | (static_cast<uint32_t>(c - 0x3008) <= 9u) |
               (static_cast<uint32_t>(c - 0xFF08) <= 1u);
    }
    void feed(UChar32 c) {
        if (!ok_) return;
        const uint32_t code = pairCode(c);
        if (code == 0) return;
        const uint64_t mark = code & 15;
        if (code & 16) {
            if (depth_ == 16) { ok_ = false; return; }
            uint64_t probe = stack_;
            for (int d = 0; d < depth_; ++d, probe >>= 4) {
                if ((probe & 15) == mark) { ok_ = false; return; }
            }
            stack_ = stack_ << 4 | mark;
            ++depth_;
        } else {
            if (mark == 2 || depth_ == 0 || (stack_ & 15) != mark) { ok_ = false; return; }
            stack_ >>= 4;
            --depth_;
        }
    }
    bool balanced() const { return ok_ && depth_ == 0; }
};

int32_t pairsBalanced(const UChar32 *a, size_t n) {
    BalanceCheck check;
    size_t i = 0;
#if defined(__SSE2__)
    // Four code points a step: the candidate ranges as signed 32-bit compares (code points are
    // below 0x110000, so positive); only a step with a candidate goes one by one.
    const __m128i lo1 = _mm_set1_epi32(0x2018 - 1), hi1 = _mm_set1_epi32(0x201D + 1);
    const __m128i lo2 = _mm_set1_epi32(0x3008 - 1), hi2 = _mm_set1_epi32(0x3011 + 1);
    const __m128i lo3 = _mm_set1_epi32(0xFF08 - 1), hi3 = _mm_set1_epi32(0xFF09 + 1);
    for (; i + 4 <= n; i += 4) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(a + i));
        const __m128i in1 = _mm_and_si128(_mm_cmpgt_epi32(v, lo1), _mm_cmplt_epi32(v, hi1));
        const __m128i in2 = _mm_and_si128(_mm_cmpgt_epi32(v, lo2), _mm_cmplt_epi32(v, hi2));
        const __m128i in3 = _mm_and_si128(_mm_cmpgt_epi32(v, lo3), _mm_cmplt_epi32(v, hi3));
        if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(in1, in2), in3)) == 0) continue;
        for (size_t j = i; j < i + 4; ++j) {
            if (BalanceCheck::candidate(a[j])) check.feed(a[j]);
        }
    }
#endif
    for (; i < n; ++i) {
        if (BalanceCheck::candidate(a[i])) check.feed(a[i]);
    }
    return check.balanced() ? 1 : 0;
}

/// `pairsBalanced(w.a, w.n)` after context punctuation, from the recorded pair marks and the
/// converted marks (both in text order) instead of a pass over the text: every candidate of the
/// balance check is a pair mark, and a converted mark was ASCII before. `marks` and `pairs` must
/// describe the current text (the decoding loop's when nothing else changed it, else collectMarks').
int32_t pairsBalancedAfterConversion(const ClassTable &t, const Work &w) {
    if (w.pairsOverflow) return pairsBalanced(w.a, w.n);
    BalanceCheck check;
    size_t p = 0;
    for (size_t m = 0; m < w.markCount; ++m) {
        if (!(w.decided[m] & (1u << 16))) continue;
        const uint32_t at = w.marks[m];
        if (!(klass(t, w.a[at]) & kPairMark)) continue;
        while (p < w.pairCount && w.pairs[p] < at) check.feed(w.a[w.pairs[p++]]);
        check.feed(w.a[at]);
    }
    while (p < w.pairCount) check.feed(w.a[w.pairs[p++]]);
    return check.balanced() ? 1 : 0;
}

/// Encodes `a[0..<n]` into `dest`, measuring its shape. Returns the length, or the negated
/// length needed when `dest` is too small.
int32_t encode(const ClassTable &t, const UChar32 *a, size_t n, uint8_t *dest, int32_t capacity,
               dedup_paragraph_shape *shape) {
    dedup_paragraph_shape s = {-1, -1, -1, -1, -1, 0, 0, 0, -1, 1, -1, -1};
    int64_t length = 0;
    const bool roomy = static_cast<int64_t>(n) * 4 <= capacity;
    BalanceCheck check;
    for (size_t i = 0; i < n; ++i) {
        const UChar32 c = a[i];
        if (c >= 0x80 && (klass(t, c) & kPairMark)) {
            ++s.pair_marks;
            check.feed(c);
        }
        const int32_t bytes = U8_LENGTH(c);
        if (roomy || length + bytes <= capacity) {
            if (c < 0x80) {
                dest[length] = static_cast<uint8_t>(c);
            } else if (c < 0x10000 && c >= 0x800) {
                dest[length] = static_cast<uint8_t>(0xE0 | (c >> 12));
                dest[length + 1] = static_cast<uint8_t>(0x80 | ((c >> 6) & 0x3F));
                dest[length + 2] = static_cast<uint8_t>(0x80 | (c & 0x3F));
            } else {
                int32_t offset = 0;
                UBool error = false;
                U8_APPEND(dest + length, offset, 4, c, error);
                (void)error;  // every code point here is a scalar value (decoding replaced the rest)
            }
        }
        length += bytes;
    }
    if (n > 0) {
        s.first_category = t.category(a[0]);
        s.last_category = t.category(a[n - 1]);
        s.first_class = sideClass(klass(t, a[0]));
        s.last_class = sideClass(klass(t, a[n - 1]));
    }
    s.pairs_balanced = check.balanced() ? 1 : 0;
    if (length > capacity) return -static_cast<int32_t>(length);
    if (shape) *shape = s;
    return static_cast<int32_t>(length);
}

/// Encodes `a[0..<n]` into `dest` without measuring anything (the caller knows the shape).
/// Returns the length, or the negated length needed when `dest` is too small.
int32_t encodeText(const UChar32 *a, size_t n, uint8_t *dest, int32_t capacity) {
    if (static_cast<int64_t>(n) * 4 > capacity) {
        int64_t needed = 0;
        for (size_t i = 0; i < n; ++i) needed += U8_LENGTH(a[i]);
        if (needed > capacity) return -static_cast<int32_t>(needed);
    }
    uint8_t *out = dest;
    size_t i = 0;
    while (i < n) {
        const UChar32 c = a[i];
        if (c < 0x80) {
            // A run of ASCII (Latin prose, whose joined lines land here): eight at a time while a
            // whole block is ASCII, then the rest of the run one by one. Scalars are never
            // negative, so the OR is < 0x80 exactly when all eight are. Why: the one-by-one loop
            // alone ran at a speed that depended on where the linker placed it (6 % of
            // `dedup normalize` on licenses between two builds that differ elsewhere).
            while (i + 8 <= n) {
                UChar32 any = 0;
                for (size_t k = 0; k < 8; ++k) any |= a[i + k];
                if (any >= 0x80) break;
                for (size_t k = 0; k < 8; ++k) out[k] = static_cast<uint8_t>(a[i + k]);
                out += 8;
                i += 8;
            }
            while (i < n && a[i] < 0x80) *out++ = static_cast<uint8_t>(a[i++]);
            continue;
        }
        ++i;
        if (c < 0x10000 && c >= 0x800) {
            out[0] = static_cast<uint8_t>(0xE0 | (c >> 12));
            out[1] = static_cast<uint8_t>(0x80 | ((c >> 6) & 0x3F));
            out[2] = static_cast<uint8_t>(0x80 | (c & 0x3F));
            out += 3;
        } else {
            int32_t offset = 0;
            UBool error = false;
            U8_APPEND(out, offset, 4, c, error);
            (void)error;  // every code point here is a scalar value (decoding replaced the rest)
            out += offset;
        }
    }
    return static_cast<int32_t>(out - dest);
}

/// What the first pass over a paragraph found.
struct Decoded {
    size_t n = 0;            // code points written to `w.a`
    size_t marks = 0;        // ASCII context marks recorded
    uint32_t seen = 0;       // classes of all code points OR-ed together
    int32_t pairMarks = 0;   // non-ASCII quotes and brackets
    bool hasLF = false, needsCollapse = false, linkHint = false;
    bool pairsBalanced = true;  // BalanceCheck over the decoded text
};

/// Decodes `src` into `w.a`, OR-ing the classes together to know which steps have anything to
/// do, and records the ASCII context marks with their left context and CJK prefix counts. A
/// function of its own (not inlined) so that its loop keeps its state in registers.
/// Decodes the code point at `i` the slow way (U+FFFD for an ill-formed sequence, which the
/// caller's contract excludes); returns it with the offset after it. Out of line and by value:
/// it keeps the hot loop small and its index in a register.
__attribute__((noinline)) std::pair<UChar32, int32_t> decodeOther(const uint8_t *src, int32_t i, int32_t length) {
    UChar32 c;
    U8_NEXT(src, i, length, c);
    return {c < 0 ? 0xFFFD : c, i};
}

__attribute__((noinline)) Decoded decodeAndClassify(const ClassTable &t, const uint8_t *src, int32_t src_length, Work &w) {
    // Locals, so the compiler keeps them in registers.
    const uint16_t *const stage1 = t.classes.stage1;
    const uint16_t *const pages = t.classes.pages.data();
    UChar32 *const a = w.a;
    uint32_t seen = 0, side = kNone, cjk = 0;
    int32_t pairMarks = 0;
    size_t n = 0, marks = 0;
    bool hasLF = false, needsCollapse = false, linkHint = false;
    BalanceCheck check;
    for (int32_t i = 0; i < src_length;) {
        // Runs without ASCII marks, spaces or line breaks in loops of their own, so that a switch
        // between scripts costs one mispredicted branch, not several. Neither run can hold an
        // ASCII context mark (those are all below 'A'), and ASCII letters are never pair marks.
        if ((src[i] & 0xF0) == 0xE0) {
            // 3-byte sequences (most of Chinese text).
            while (i + 2 < src_length && (src[i] & 0xF0) == 0xE0 && (src[i + 1] & 0xC0) == 0x80 &&
                   (src[i + 2] & 0xC0) == 0x80) {
                const UChar32 c = ((src[i] & 0x0F) << 12) | ((src[i + 1] & 0x3F) << 6) | (src[i + 2] & 0x3F);
                i += 3;
                const uint16_t k = pages[stage1[c >> 8] + (c & 0xFF)];
                seen |= k;
                if (__builtin_expect(k & kPairMark, 0)) {
                    ++pairMarks;
                    check.feed(c);
                    w.notePair(n);
                }
                cjk += k & kCJK;  // kCJK is bit 0
                side = (k & kCJK) ? kSideCJK : (k & kAlnum) ? kSideOther : side;
                a[n++] = c;
            }
            if (i >= src_length) break;
        } else if (src[i] > '@' && src[i] < 0x80) {
            // ASCII letters and the symbols among them: no ASCII mark, never CJK.
            const uint16_t *const ascii = pages + stage1[0];
            do {
                const UChar32 c = src[i++];
                const uint16_t k = ascii[c];
                seen |= k;
                side = (k & kAlnum) ? kSideOther : side;
                a[n++] = c;
            } while (i < src_length && src[i] > '@' && src[i] < 0x80);
            if (i >= src_length) break;
        }
        const int32_t byteOffset = i;
        UChar32 c = src[i];
        uint16_t k;
        if ((c & 0xF0) == 0xE0 && i + 2 < src_length && (src[i + 1] & 0xC0) == 0x80 &&
            (src[i + 2] & 0xC0) == 0x80) {
            // The common case in Chinese text, decoded without U8_NEXT's full checks: the input is
            // well-formed (the contract above; UTF8InputDecoder replaced anything else).
            c = ((c & 0x0F) << 12) | ((src[i + 1] & 0x3F) << 6) | (src[i + 2] & 0x3F);
            i += 3;
            k = pages[stage1[c >> 8] + (c & 0xFF)];
        } else if (c < 0x80) {
            ++i;
            k = pages[stage1[0] + c];
            // Only a space, a line break and the link hints '@' '/' '.' matter here: a bit test
            // keeps digits and marks off the (indirect, mispredicted) switch.
            constexpr uint64_t kLinkOrBreak = (1ull << 0x0A) | (1ull << '/') | (1ull << '.');
            if (c == 0x20) {
                // A space that collapsing would touch: first, doubled, or next to a line break.
                needsCollapse |= n == 0 || a[n - 1] == 0x20 || a[n - 1] == 0x0A || i == src_length;
            } else if (c == '@') {
                linkHint = true;  // hints that a URL or e-mail address may be present
            } else if (c < 64 && ((kLinkOrBreak >> c) & 1)) {
                switch (c) {
                    case 0x0A:
                        hasLF = true;
                        needsCollapse |= n > 0 && a[n - 1] == 0x20;
                        break;
                    case '/': linkHint |= n > 0 && a[n - 1] == ':'; break;
                    case '.': linkHint |= n >= 3 && (a[n - 1] | 0x20) == 'w'; break;
                    default: break;
                }
            }
        } else {
            const auto decoded = decodeOther(src, i, src_length);
            c = decoded.first;
            i = decoded.second;
            k = klass(t, c);
        }
        seen |= k;
        if (__builtin_expect(k & kPairMark, 0)) {
            ++pairMarks;
            check.feed(c);
            w.notePair(n);
        }
        if (__builtin_expect(k & kAsciiMark, 0)) {
            w.cjkBefore[marks] = cjk;
            w.marks[marks] = static_cast<uint32_t>(n);
            w.markByte[marks] = static_cast<uint32_t>(byteOffset);
            w.decided[marks] = side << 8;
            ++marks;
        }
        cjk += k & kCJK;  // kCJK is bit 0
        side = (k & kCJK) ? kSideCJK : (k & kAlnum) ? kSideOther : side;
        a[n++] = c;
    }
    Decoded d;
    d.n = n;
    d.marks = marks;
    d.seen = seen;
    d.pairMarks = pairMarks;
    d.hasLF = hasLF;
    d.needsCollapse = needsCollapse;
    d.linkHint = linkHint;
    d.pairsBalanced = check.balanced();
    return d;
}

/// Whether every byte of the paragraph is ASCII (the OR of eight bytes at a time has no top bit).
bool isAscii(const uint8_t *src, int32_t length) {
    int32_t i = 0;
    for (; i + 8 <= length; i += 8) {
        uint64_t word;
        std::memcpy(&word, src + i, 8);
        if (word & 0x8080808080808080ull) return false;
    }
    uint8_t rest = 0;
    for (; i < length; ++i) rest |= src[i];
    return rest < 0x80;
}

/// The paragraph normalized as the general path below would, for text that is all ASCII and
/// without DEDUP_NORM_SIMPLIFIED, in place on bytes: no decoding to code points and back.
///
/// Why: Latin prose (86 % of the licenses corpus, 30 % of news-like) needs only the whitespace
/// and line steps — width folding, punctuation and quotes need full-width or CJK characters —
/// and decoding every byte to a 32-bit code point, passing over those twice and encoding them
/// back was most of its normalization time. The steps are the general path's, byte for byte
/// (`cleanAndFold`, `joinLines`, `collapseSpaces`, with the same counts; a test compares the two
/// on random ASCII text), with one simplification: spaces are collapsed whenever the whitespace
/// step is on, which changes nothing where the general path's `needsCollapse` would skip it
/// (no space at an edge of a line or next to another: collapsing is then the identity).
/// `dest` holds at least `length` bytes (no step makes ASCII text longer).
int32_t normalizeAscii(const ClassTable &t, const uint8_t *src, int32_t length, uint8_t *dest, uint32_t flags,
                       int32_t *counts, dedup_paragraph_shape *shape) {
    const uint16_t *const ascii = t.classes.pages.data() + t.classes.stage1[0];
    const bool whitespace = flags & DEDUP_NORM_WHITESPACE;
    int32_t local[DEDUP_NORM_COUNT_KINDS] = {0};
    // cleanAndFold: White_Space other than ' ' and LF (tab, VT, FF, CR) becomes ' '.
    // ASCII has no invisible (Default_Ignorable format) character and nothing to width-fold.
    // Every character either step looks at (LF, tab, VT, FF, CR) is below 0x20:
    // eight bytes with none of those are copied as they are (SWAR test for a byte < 0x20, exact
    // for ASCII).
    bool hasLF = false;
    int32_t i = 0;
    for (; i + 8 <= length; i += 8) {
        uint64_t word;
        std::memcpy(&word, src + i, 8);
        std::memcpy(dest + i, &word, 8);
        if (!((word - 0x2020202020202020ull) & ~word & 0x8080808080808080ull)) continue;
        for (int32_t b = i; b < i + 8; ++b) {
            const uint8_t c = src[b];
            hasLF |= c == 0x0A;
            if (whitespace && (ascii[c] & kSpace)) {
                dest[b] = ' ';
                ++local[DEDUP_NORM_COUNT_SPACES];
            }
        }
    }
    for (; i < length; ++i) {
        const uint8_t c = src[i];
        hasLF |= c == 0x0A;
        if (whitespace && (ascii[c] & kSpace)) {
            dest[i] = ' ';
            ++local[DEDUP_NORM_COUNT_SPACES];
        } else {
            dest[i] = c;
        }
    }
    int32_t n = length;
    // `isSpaceLike`, read from the ASCII page directly (calling it: `dedup normalize` on licenses +4 %).
    const auto spaceLike = [&](uint8_t c) { return c == ' ' || (ascii[c] & kSpace); };
    if ((flags & DEDUP_NORM_LINES) && hasLF) {
        // joinLines, in place (the write position never passes the read position): the lines
        // between breaks are moved as blocks.
        int32_t m = 0;
        for (int32_t i = 0; i < n;) {
            const auto *lf = static_cast<const uint8_t *>(std::memchr(dest + i, 0x0A, static_cast<size_t>(n - i)));
            const int32_t end = lf ? static_cast<int32_t>(lf - dest) : n;
            if (m != i) std::memmove(dest + m, dest + i, static_cast<size_t>(end - i));
            m += end - i;
            if (!lf) break;
            while (m > 0 && spaceLike(dest[m - 1])) --m;
            int32_t j = end + 1;
            while (j < n && (spaceLike(dest[j]) || dest[j] == 0x0A)) ++j;
            i = j;
            ++local[DEDUP_NORM_COUNT_LINES];
            if (m == 0 || j >= n) continue;
            const uint8_t before = dest[m - 1], after = dest[j];
            if (before == '-' && m >= 2 && isAsciiAlpha(dest[m - 2])) {
                if (after >= 'a' && after <= 'z') {
                    --m;
                    ++local[DEDUP_NORM_COUNT_HYPHENS];
                }
                continue;
            }
            dest[m++] = ' ';  // neither side is CJK or wide
        }
        n = m;
    }
    if (whitespace) {
        // collapseSpaces, in place and without a branch per space: a space is kept only after a
        // character other than a space or a line break (so not at a line's start, nor a second
        // one), and taken back when a line break or the end follows. Only spaces go.
        int32_t m = 0;
        uint8_t previous = 0x0A;  // the paragraph's start counts as a line's start
        for (int32_t i = 0; i < n; ++i) {
            const uint8_t c = dest[i];
            if (c == 0x0A && m > 0 && dest[m - 1] == ' ') --m;
            const bool drop = c == ' ' && (previous == ' ' || previous == 0x0A);
            dest[m] = c;
            m += drop ? 0 : 1;
            previous = drop ? previous : c;
        }
        if (m > 0 && dest[m - 1] == ' ') --m;
        local[DEDUP_NORM_COUNT_SPACES] += n - m;
        n = m;
    }
    bool changed = false;
    for (int k = 0; k < DEDUP_NORM_COUNT_KINDS; ++k) changed |= local[k] != 0;
    if (shape) {
        // As the general path measures it: no pair marks in ASCII (so balanced), the first and
        // last character's category and class.
        dedup_paragraph_shape measured = {-1, -1, -1, -1, -1, 0, 0, 0, -1, 1, -1, -1};
        if (n > 0) {
            const uint8_t *text = changed ? dest : src;
            measured.first_category = t.category(text[0]);
            measured.last_category = t.category(text[n - 1]);
            measured.first_class = sideClass(ascii[text[0]]);
            measured.last_class = sideClass(ascii[text[n - 1]]);
        }
        *shape = measured;
    }
    if (counts) {
        for (int k = 0; k < DEDUP_NORM_COUNT_KINDS; ++k) counts[k] += local[k];
    }
    // Every step counts each change it makes: nothing counted, nothing changed.
    if (!changed && (flags & DEDUP_NORM_KEEP_SOURCE)) return DEDUP_NORM_UNCHANGED;
    return n;
}

/// Whether `dedup_icu_normalize_paragraph` takes the ASCII path for this paragraph.
bool takesAsciiPath(const uint8_t *src, int32_t src_length, int32_t dest_capacity, uint32_t flags) {
    return !(flags & DEDUP_NORM_SIMPLIFIED) && dest_capacity >= src_length && isAscii(src, src_length);
}

/// The general path: every step, on decoded code points.
int32_t normalizeParagraph(const uint8_t *src, int32_t src_length,
                           uint8_t *dest, int32_t dest_capacity, uint32_t flags,
                           uint32_t *work, int64_t work_capacity,
                           int32_t *counts, dedup_paragraph_shape *shape) {
    const ClassTable &t = table();
    int32_t local[DEDUP_NORM_COUNT_KINDS] = {0};
    Work w;
    w.setUp(work, work_capacity, static_cast<size_t>(src_length));
    // Decode, OR-ing the classes together to know which steps have anything to do (decodeAndClassify).
    // The counts the rejoiner needs are measured by it on demand (dedup_icu_paragraph_shape), for
    // the few paragraphs that might be cut: -1 here means "not measured".
    dedup_paragraph_shape measured = {-1, -1, -1, -1, -1, 0, 0, 0, -1, 1, -1, -1};
    const Decoded decoded = decodeAndClassify(t, src, src_length, w);
    uint32_t seen = decoded.seen;
    const bool hasLF = decoded.hasLF;
    bool needsCollapse = decoded.needsCollapse, linkHint = decoded.linkHint;
    const size_t n = decoded.n, marks = decoded.marks;
    const int32_t pairMarks = decoded.pairMarks;
    measured.pair_marks = pairMarks;
    w.n = n;
    w.markCount = marks;
    bool modified = false;  // whether a step before punctuation changed the text
    if (flags & DEDUP_NORM_SIMPLIFIED) {
        if (!simplify(w, local)) return INT32_MIN;
        modified = true;
        seen = 0;
        for (size_t i = 0; i < w.n; ++i) seen |= klass(t, w.a[i]);
    }
    linkHint |= (seen & kFold) != 0;  // ｗｗｗ. becomes www. below
    const bool whitespace = (flags & DEDUP_NORM_WHITESPACE) && (seen & (kDrop | kJoiner | kSpace));
    const bool width = (flags & DEDUP_NORM_WIDTH) && (seen & (kFold | kHalfKana));
    // Traditional-Simplified and half-width forms (｢｣ become 「」) may change the pair marks.
    const bool pairsMayHaveChanged = (flags & DEDUP_NORM_SIMPLIFIED) || (width && (seen & kHalfKana));
    if (whitespace || width) {
        cleanAndFold(t, w, whitespace, width, local);
        needsCollapse |= local[DEDUP_NORM_COUNT_SPACES] > 0;
    }
    if ((flags & DEDUP_NORM_LINES) && hasLF) joinLines(t, w, local);
    // Removed invisibles and joined lines can leave spaces doubled or at an edge: collapse then too.
    bool changedSoFar = false;
    for (int k = 0; k < DEDUP_NORM_COUNT_KINDS; ++k) changedSoFar |= local[k] != 0;
    if ((flags & DEDUP_NORM_WHITESPACE) && (needsCollapse || changedSoFar)) collapseSpaces(w, local);
    for (int k = 0; k < DEDUP_NORM_COUNT_KINDS; ++k) modified |= local[k] != 0;
    int32_t converted = 0;
    // Every conversion needs a CJK letter or number in the paragraph (as context or between a
    // pair), and no step before this one makes one: Latin prose skips the mark passes.
    if ((flags & (DEDUP_NORM_PUNCTUATION | DEDUP_NORM_QUOTES)) && (seen & kAsciiMark) && (seen & kCJK)) {
        if (modified) collectMarks(t, w);
        converted = convertPunctuation(t, w, flags, linkHint, local);
    }
    int32_t length;
    if (!modified && converted > 0) {
        // Only marks changed: splice them into the source; the shape differs only in the marks
        // that became quotes or brackets, and maybe the first and last character's category.
        length = splice(src, src_length, w, converted, dest, dest_capacity);
        if (length < 0) return length;
        // The decoded text's balance holds unless a converted mark is a quote or bracket.
        bool pairConverted = false;
        for (size_t m = 0; m < w.markCount; ++m) {
            if ((w.decided[m] & (1u << 16)) && (klass(t, w.a[w.marks[m]]) & kPairMark)) {
                ++measured.pair_marks;
                pairConverted = true;
            }
        }
        measured.first_category = t.category(w.a[0]);
        measured.last_category = t.category(w.a[w.n - 1]);
        measured.first_class = sideClass(klass(t, w.a[0]));
        measured.last_class = sideClass(klass(t, w.a[w.n - 1]));
        measured.pairs_balanced = pairConverted ? pairsBalancedAfterConversion(t, w) : (decoded.pairsBalanced ? 1 : 0);
        if (shape) *shape = measured;
    } else if ((modified || converted > 0) && !pairsMayHaveChanged) {
        // Spaces, line breaks and invisible characters removed or replaced, letters and digits
        // folded, marks converted: none of it removes, adds or reorders a pair mark (those are
        // Ps/Pe/Pi/Pf, never White_Space, Default_Ignorable, letters or digits), so the decoded
        // text's pair marks and balance still hold, plus the converted marks. Encoding alone.
        length = encodeText(w.a, w.n, dest, dest_capacity);
        if (length < 0) return length;
        bool pairConverted = false;
        for (size_t m = 0; m < w.markCount; ++m) {
            if ((w.decided[m] & (1u << 16)) && (klass(t, w.a[w.marks[m]]) & kPairMark)) {
                ++measured.pair_marks;
                pairConverted = true;
            }
        }
        if (w.n > 0) {
            measured.first_category = t.category(w.a[0]);
            measured.last_category = t.category(w.a[w.n - 1]);
            measured.first_class = sideClass(klass(t, w.a[0]));
            measured.last_class = sideClass(klass(t, w.a[w.n - 1]));
        }
        measured.pairs_balanced = pairConverted ? pairsBalancedAfterConversion(t, w) : (decoded.pairsBalanced ? 1 : 0);
        if (shape) *shape = measured;
    } else if (modified || converted > 0) {
        length = encode(t, w.a, w.n, dest, dest_capacity, shape);
        if (length < 0) return length;
    } else {
        // Every step counts each change it makes: nothing counted, nothing changed.
        if (flags & DEDUP_NORM_KEEP_SOURCE) {
            length = DEDUP_NORM_UNCHANGED;  // the caller uses `src` itself: no copy
        } else {
            if (src_length > dest_capacity) return -src_length;
            if (src_length > 0) std::memcpy(dest, src, src_length);
            length = src_length;
        }
        if (n > 0) {
            measured.first_category = t.category(w.a[0]);
            measured.last_category = t.category(w.a[n - 1]);
            measured.first_class = sideClass(klass(t, w.a[0]));
            measured.last_class = sideClass(klass(t, w.a[n - 1]));
        }
        measured.pairs_balanced = decoded.pairsBalanced ? 1 : 0;
        if (shape) *shape = measured;
    }
    if (counts) {
        for (int k = 0; k < DEDUP_NORM_COUNT_KINDS; ++k) counts[k] += local[k];
    }
    return length;
}

}  // namespace

extern "C" int32_t dedup_icu_normalize_paragraph(const uint8_t *src, int32_t src_length,
                                                 uint8_t *dest, int32_t dest_capacity, uint32_t flags,
                                                 uint32_t *work, int64_t work_capacity,
                                                 int32_t *counts, dedup_paragraph_shape *shape) {
    if (takesAsciiPath(src, src_length, dest_capacity, flags)) {
        return normalizeAscii(table(), src, src_length, dest, flags, counts, shape);
    }
    return normalizeParagraph(src, src_length, dest, dest_capacity, flags, work, work_capacity, counts, shape);
}

extern "C" int32_t dedup_icu_normalize_paragraph_reference(const uint8_t *src, int32_t src_length,
                                                           uint8_t *dest, int32_t dest_capacity, uint32_t flags,
                                                           uint32_t *work, int64_t work_capacity,
                                                           int32_t *counts, dedup_paragraph_shape *shape) {
    return normalizeParagraph(src, src_length, dest, dest_capacity, flags, work, work_capacity, counts, shape);
}

extern "C" int32_t dedup_icu_normalize_takes_ascii_path(const uint8_t *src, int32_t src_length, uint32_t flags) {
    return takesAsciiPath(src, src_length, src_length, flags) ? 1 : 0;
}

extern "C" void dedup_icu_paragraph_shape(const uint8_t *src, int32_t src_length, dedup_paragraph_shape *shape) {
    const ClassTable &t = table();
    dedup_paragraph_shape s = {0, 0, 0, -1, -1, 0, 0, 0, 0, 1, 0, 0};
    bool lastWasDash = false;
    bool first = true;
    UChar32 last = 0;
    BalanceCheck check;
    for (int32_t i = 0; i < src_length;) {
        UChar32 c = src[i];
        if (c < 0x80) {
            ++i;
        } else if (c >= 0xE0 && c < 0xF0 && i + 2 < src_length && (src[i + 1] & 0xC0) == 0x80 &&
                   (src[i + 2] & 0xC0) == 0x80) {
            // The common case, as in dedup_icu_normalize_paragraph (the input is well-formed).
            c = ((c & 0x0F) << 12) | ((src[i + 1] & 0x3F) << 6) | (src[i + 2] & 0x3F);
            i += 3;
        } else {
            U8_NEXT(src, i, src_length, c);
            if (c < 0) c = 0xFFFD;
        }
        const uint16_t k = klass(t, c);
        s.significant += (k & (kCJK | kAlnum)) ? 1 : 0;
        s.cjk_letters += (k & kCJK) ? 1 : 0;
        s.inner_marks += (k & kPunct) ? 1 : 0;
        s.sentence_ends += (k & kSTerm) ? 1 : 0;
        s.pair_marks += (k & kPairMark) ? 1 : 0;
        if (BalanceCheck::candidate(c)) check.feed(c);
        if (k & kSTerm) {
            s.tail_pauses = 0;
            s.tail_dashes = 0;
        } else if (k & kPausePunct) {
            ++s.tail_pauses;
        }
        const bool dash = (k & kPunct) && t.category(c) == U_DASH_PUNCTUATION;
        if (dash && lastWasDash) ++s.tail_dashes;
        lastWasDash = dash;
        if (first) {
            s.first_category = t.category(c);
            s.first_class = sideClass(k);
            first = false;
        }
        last = c;
    }
    if (!first) {
        s.last_category = t.category(last);
        s.last_class = sideClass(klass(t, last));
    }
    s.pairs_balanced = check.balanced() ? 1 : 0;
    *shape = s;
}

extern "C" int32_t dedup_icu_has_tail_pause(const uint8_t *src, int32_t src_length) {
    // The nearest of a pause mark and a sentence end, from the end: the same classes as the
    // forward count of dedup_icu_paragraph_shape (kPausePunct is never set with kSTerm).
    const ClassTable &t = table();
    for (int32_t i = src_length; i > 0;) {
        UChar32 c;
        U8_PREV(src, 0, i, c);
        if (c < 0) c = 0xFFFD;
        const uint16_t k = klass(t, c);
        if (k & kSTerm) return 0;
        if (k & kPausePunct) return 1;
    }
    return 0;
}

extern "C" int32_t dedup_icu_is_sentence_terminal(uint32_t code_point) {
    return u_hasBinaryProperty(static_cast<UChar32>(code_point), UCHAR_S_TERM) ? 1 : 0;
}

extern "C" int32_t dedup_icu_is_non_cjk_alnum(uint32_t code_point) {
    const uint16_t k = klass(table(), static_cast<UChar32>(code_point));
    return (k & kAlnum) && !(k & kCJK) ? 1 : 0;
}

namespace {

/// The CJK letters at the end (`fromEnd`) or start of a UTF-8 text, at most `limit`, in order.
void cjkRun(const ClassTable &t, const uint8_t *src, int32_t length, bool fromEnd, int32_t limit,
            icu::UnicodeString &out) {
    std::vector<UChar32> run;
    if (fromEnd) {
        int32_t i = length;
        while (i > 0 && static_cast<int32_t>(run.size()) < limit) {
            UChar32 c;
            U8_PREV(src, 0, i, c);
            if (c < 0 || !(klass(t, c) & kCJK)) break;
            run.push_back(c);
        }
        std::reverse(run.begin(), run.end());
    } else {
        int32_t i = 0;
        while (i < length && static_cast<int32_t>(run.size()) < limit) {
            UChar32 c;
            U8_NEXT(src, i, length, c);
            if (c < 0 || !(klass(t, c) & kCJK)) break;
            run.push_back(c);
        }
    }
    for (UChar32 c : run) out.append(c);
}

}  // namespace

extern "C" int32_t dedup_icu_join_inside_word(const uint8_t *first, int32_t first_length,
                                              const uint8_t *second, int32_t second_length) {
    const ClassTable &t = table();
    icu::UnicodeString text;
    cjkRun(t, first, first_length, true, 16, text);
    const int32_t join = text.length();
    cjkRun(t, second, second_length, false, 16, text);
    if (join == 0 || join == text.length()) return 0;
    // One word iterator per thread: creating one loads the dictionary (slow), and an iterator
    // must not be used by two threads at once.
    thread_local std::unique_ptr<icu::BreakIterator> words;
    if (!words) {
        UErrorCode status = U_ZERO_ERROR;
        words.reset(icu::BreakIterator::createWordInstance(icu::Locale("zh"), status));
        if (U_FAILURE(status)) words.reset();
        if (!words) return 0;
    }
    words->setText(text);
    if (!words->isBoundary(join)) return 1;
    // A boundary between two one-letter words: the dictionary found no word on either side,
    // as when a word it does not know was cut (`育` + `种`, `新` + `区`).
    const int32_t before = words->preceding(join);
    const int32_t after = words->following(join);
    return before != icu::BreakIterator::DONE && after != icu::BreakIterator::DONE &&
                   text.countChar32(before, join - before) == 1 && text.countChar32(join, after - join) == 1
               ? 1 : 0;
}
