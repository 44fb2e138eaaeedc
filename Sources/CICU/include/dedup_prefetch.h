#ifndef DEDUP_PREFETCH_H
#define DEDUP_PREFETCH_H

/// Asks the CPU to start loading the cache line holding `address` for reading. A hint only: it
/// never faults and never changes a result. Swift has no prefetch of its own; detection uses
/// this to overlap the memory latency of the next candidates with the verification of this one.
static inline void dedup_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
