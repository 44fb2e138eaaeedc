// The plain-C face of the per-paragraph normalizer (normalize.cpp). Only fixed-width integer
// types cross this boundary (see dedup_icu.h for why).
#ifndef DEDUP_ICU_NORMALIZE_H
#define DEDUP_ICU_NORMALIZE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Steps of `dedup_icu_normalize_paragraph`, combined as bit flags.
enum {
    DEDUP_NORM_WHITESPACE = 1u << 0,   ///< invisible characters removed, Unicode spaces → ' ', runs collapsed, trimmed
    DEDUP_NORM_WIDTH = 1u << 1,        ///< full-width letters/digits → half-width, half-width katakana → full-width
    DEDUP_NORM_PUNCTUATION = 1u << 2,  ///< , ; : ? ! ( ) → ，；：？！（） in Chinese context
    DEDUP_NORM_QUOTES = 1u << 3,       ///< straight " → “ ” in Chinese context
    DEDUP_NORM_LINES = 1u << 4,        ///< hard-wrapped lines inside the paragraph joined
    DEDUP_NORM_SIMPLIFIED = 1u << 5,   ///< ICU Traditional-Simplified transliteration
    DEDUP_NORM_KEEP_SOURCE = 1u << 6,  ///< not a step: when nothing changes, write nothing to `dest` and
                                       ///< return DEDUP_NORM_UNCHANGED (the text is `src` as it is)
};

/// What `dedup_icu_normalize_paragraph` returns with DEDUP_NORM_KEEP_SOURCE for a paragraph that
/// needs no change.
enum { DEDUP_NORM_UNCHANGED = -2147483647 };

/// Indexes into the `counts` array of `dedup_icu_normalize_paragraph`.
enum {
    DEDUP_NORM_COUNT_INVISIBLE = 0,    ///< invisible characters removed
    DEDUP_NORM_COUNT_SPACES = 1,       ///< spaces converted to ' ', collapsed or trimmed
    DEDUP_NORM_COUNT_WIDTH = 2,        ///< characters width-folded
    DEDUP_NORM_COUNT_PUNCTUATION = 3,  ///< ASCII punctuation made full-width
    DEDUP_NORM_COUNT_QUOTES = 4,       ///< straight double quotes made curly
    DEDUP_NORM_COUNT_LINES = 5,        ///< line breaks joined
    DEDUP_NORM_COUNT_HYPHENS = 6,      ///< wrap hyphens removed (exam- + ple)
    DEDUP_NORM_COUNT_SIMPLIFIED = 7,   ///< characters changed by Traditional-Simplified
    DEDUP_NORM_COUNT_KINDS = 8
};

/// What the cut-paragraph rejoiner and the quote balancer need to know about a paragraph.
typedef struct {
    int32_t significant;      ///< letters and numbers (ideographs are letters); -1 when not measured
    int32_t inner_marks;      ///< punctuation (P*) anywhere in the paragraph; -1 when not measured
    int32_t sentence_ends;    ///< Sentence_Terminal characters (。！？.!?); -1 when not measured
    int32_t first_category;   ///< ICU general category (UCharCategory) of the first scalar, -1 when empty
    int32_t last_category;    ///< ... of the last scalar
    int32_t first_class;      ///< 1 CJK (Han/kana/bopomofo letter or a wide character), 2 other letter/number, 0 other
    int32_t last_class;       ///< ... of the last scalar
    int32_t pair_marks;       ///< non-ASCII opening/closing quotes and brackets (Ps Pe Pi Pf)
    int32_t tail_pauses;      ///< Po marks (，、；： …) after the last Sentence_Terminal; -1 when not measured
    int32_t pairs_balanced;   ///< 1 when the quote balancer has nothing to do: every pair mark closes the innermost
                              ///< open one of the same family and form, none nests in its own family and form, no
                              ///< closing ’ (apostrophes need the full analysis), at most 16 levels; else 0
    int32_t cjk_letters;      ///< letters and numbers of CJK scripts (part of `significant`); -1 when not measured
    int32_t tail_dashes;      ///< dashes (Pd) right after another dash (`--`, `——`) after the last Sentence_Terminal:
                              ///< the mark of an attribution (`-- 论语，为政篇`); -1 when not measured
} dedup_paragraph_shape;

/// Words of `work` that `dedup_icu_normalize_paragraph` needs for a paragraph of `src_length` bytes.
#define DEDUP_NORM_WORK_WORDS(src_length) (6 * (int64_t)(src_length) + 64)

/// Normalizes one paragraph of well-formed UTF-8 (LF line ends) with the steps in `flags`.
/// `work` is scratch memory of at least DEDUP_NORM_WORK_WORDS(src_length) words (with less, the
/// function allocates its own). Writes at most `dest_capacity` bytes to `dest`; on success adds
/// what changed to `counts` (DEDUP_NORM_COUNT_KINDS entries) and describes the output in `shape`
/// (either may be NULL; its three counts are left unmeasured, -1, for speed: measure them with
/// dedup_icu_paragraph_shape when needed). Returns the output length, or, when `dest` is too small, the negated
/// capacity that suffices (counts untouched), or DEDUP_NORM_UNCHANGED (see DEDUP_NORM_KEEP_SOURCE). 3 * src_length + 16 always suffices without
/// DEDUP_NORM_SIMPLIFIED. Returns INT32_MIN on an ICU failure.
int32_t dedup_icu_normalize_paragraph(const uint8_t *src, int32_t src_length,
                                      uint8_t *dest, int32_t dest_capacity, uint32_t flags,
                                      uint32_t *work, int64_t work_capacity,
                                      int32_t *counts, dedup_paragraph_shape *shape);

/// `dedup_icu_normalize_paragraph` without its ASCII path: every paragraph decoded to code points.
/// The definition the ASCII path must match; for tests.
int32_t dedup_icu_normalize_paragraph_reference(const uint8_t *src, int32_t src_length,
                                                uint8_t *dest, int32_t dest_capacity, uint32_t flags,
                                                uint32_t *work, int64_t work_capacity,
                                                int32_t *counts, dedup_paragraph_shape *shape);

/// 1 when `dedup_icu_normalize_paragraph` normalizes this paragraph on bytes (all ASCII, no
/// DEDUP_NORM_SIMPLIFIED, `dest` at least as long as the paragraph); for tests.
int32_t dedup_icu_normalize_takes_ascii_path(const uint8_t *src, int32_t src_length, uint32_t flags);

/// The shape of a paragraph as it is (no normalization).
void dedup_icu_paragraph_shape(const uint8_t *src, int32_t src_length, dedup_paragraph_shape *shape);

/// 1 when the paragraph has a pause mark (`tail_pauses` > 0 in its shape) after its last
/// Sentence_Terminal character, found by reading from the end; else 0.
int32_t dedup_icu_has_tail_pause(const uint8_t *src, int32_t src_length);

/// 1 when ICU's word segmentation ("zh" dictionary) of the run of CJK letters that ends `first`
/// followed by the run that starts `second` (up to 16 characters of each) reads across the join:
/// a word spans it (`中小` + `企业` → `中小企业`), or the words on both sides of it are single
/// letters (the dictionary knows no word there, as when a word it lacks was cut: `育` + `种`).
/// 0 when either side does not end or start with a CJK letter, or ICU fails.
int32_t dedup_icu_join_inside_word(const uint8_t *first, int32_t first_length,
                                   const uint8_t *second, int32_t second_length);

/// 1 when `code_point` has ICU's Sentence_Terminal property (。！？.!? and others).
int32_t dedup_icu_is_sentence_terminal(uint32_t code_point);

/// 1 when `code_point` is an ASCII-range or other letter/number that is not CJK (apostrophe context).
int32_t dedup_icu_is_non_cjk_alnum(uint32_t code_point);

#ifdef __cplusplus
}
#endif

#endif
