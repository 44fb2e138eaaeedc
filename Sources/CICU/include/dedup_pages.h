#ifndef DEDUP_PAGES_H
#define DEDUP_PAGES_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Anonymous memory for the index's large tables, asking the kernel for transparent huge pages.
///
/// Why: the kept-paragraph index is hundreds of MB of tables read at random. With 4 KiB pages a
/// run spent ~17 % of its time in page faults and the random probes miss the TLB; with 2 MiB
/// pages both nearly vanish. Debian's default THP mode is `madvise`, so the memory has to ask.
/// Memory from here is zero-filled. Returns NULL on failure (errno set).
void *dedup_pages_allocate(size_t bytes);

/// Grows (or shrinks) a mapping from `dedup_pages_allocate`, keeping its contents and moving it
/// if needed without copying (mremap). Returns NULL on failure; the old mapping is then intact.
void *dedup_pages_resize(void *pages, size_t old_bytes, size_t new_bytes);

/// Unmaps memory from `dedup_pages_allocate` / `dedup_pages_resize`.
void dedup_pages_free(void *pages, size_t bytes);

#ifdef __cplusplus
}
#endif

#endif
