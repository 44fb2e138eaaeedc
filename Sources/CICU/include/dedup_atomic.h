#ifndef DEDUP_ATOMIC_H
#define DEDUP_ATOMIC_H

#include <stdint.h>

/// Relaxed atomic load and store of one 64-bit word, for tables that several threads read and
/// write without a lock, where a lost or stale word only costs speed (`SharedKeyTags`). Relaxed:
/// no ordering with other memory is needed, only that no read sees half of a write.
static inline uint64_t dedup_atomic_load_u64(const uint64_t *address) {
    return __atomic_load_n(address, __ATOMIC_RELAXED);
}

static inline void dedup_atomic_store_u64(uint64_t *address, uint64_t value) {
    __atomic_store_n(address, value, __ATOMIC_RELAXED);
}

#endif
