// A per-code-point value for the whole BMP, computed once from ICU properties and stored as a
// two-stage table: 256 pages of 256 entries, equal pages stored once (all CJK ideograph pages
// share one), so the part a text touches stays in L1/L2 cache. Internal to CICU (not in the
// module map): Swift never sees it.
#ifndef DEDUP_BMP_TABLE_H
#define DEDUP_BMP_TABLE_H

#include <unicode/umachine.h>

#include <algorithm>
#include <cstdint>
#include <vector>

template <typename T>
struct BMPTable {
    uint16_t stage1[256];   // page → offset of its 256 entries in `pages` (≤ 255 · 256: fits)
    std::vector<T> pages;

    /// Fills the table with `valueOf(c)` for every c in 0…0xFFFF.
    template <typename ValueOf>
    explicit BMPTable(ValueOf valueOf) {
        std::vector<T> page(256);
        for (int hi = 0; hi < 256; ++hi) {
            for (int lo = 0; lo < 256; ++lo) page[lo] = valueOf(static_cast<UChar32>((hi << 8) | lo));
            size_t found = pages.size();
            for (size_t offset = 0; offset < pages.size(); offset += 256) {
                if (std::equal(page.begin(), page.end(), pages.begin() + offset)) { found = offset; break; }
            }
            if (found == pages.size()) pages.insert(pages.end(), page.begin(), page.end());
            stage1[hi] = static_cast<uint16_t>(found);
        }
    }

    /// The value of `c`; c must be below 0x10000.
    inline T operator[](UChar32 c) const { return pages[stage1[c >> 8] + (c & 0xFF)]; }
};

#endif
