#define _GNU_SOURCE
#include "dedup_pages.h"

#include <sys/mman.h>

static void advise_huge(void *pages, size_t bytes) {
#ifdef MADV_HUGEPAGE
    // A hint: with THP disabled it is refused, and the memory works with small pages.
    (void)madvise(pages, bytes, MADV_HUGEPAGE);
#endif
}

void *dedup_pages_allocate(size_t bytes) {
    void *pages = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (pages == MAP_FAILED) return NULL;
    advise_huge(pages, bytes);
    return pages;
}

void *dedup_pages_resize(void *pages, size_t old_bytes, size_t new_bytes) {
    void *moved = mremap(pages, old_bytes, new_bytes, MREMAP_MAYMOVE);
    if (moved == MAP_FAILED) return NULL;
    advise_huge(moved, new_bytes);
    return moved;
}

void dedup_pages_free(void *pages, size_t bytes) {
    if (pages != NULL) (void)munmap(pages, bytes);
}
