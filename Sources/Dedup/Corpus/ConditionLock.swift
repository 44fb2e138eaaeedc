import Glibc

/// A mutex with one condition variable (POSIX threads), for `WindowScheduler`'s workers to wait
/// for their next task.
///
/// Why not `NSCondition`: it is the only thing the library needed from Foundation, and linking
/// Foundation (with its own copy of ICU) cost every run about 3 ms of start-up in the dynamic
/// loader — a fifth of a one-file run, and time that two jobs cannot share.
///
/// The mutex and condition live in memory allocated once, since POSIX forbids moving them.
/// Unchecked Sendable: that memory is only touched through the pthread calls, which synchronize.
final class ConditionLock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>

    init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        condition = .allocate(capacity: 1)
        condition.initialize(to: pthread_cond_t())
        // Default attributes: these fail only on invalid attributes or exhausted memory.
        precondition(pthread_mutex_init(mutex, nil) == 0, "pthread_mutex_init failed")
        precondition(pthread_cond_init(condition, nil) == 0, "pthread_cond_init failed")
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }

    func unlock() { pthread_mutex_unlock(mutex) }

    /// Releases the lock, sleeps until `broadcast()` (or a spurious wake-up: callers re-check
    /// their condition in a loop), and takes the lock again.
    /// - Precondition: the calling thread holds the lock.
    func wait() { pthread_cond_wait(condition, mutex) }

    /// Wakes every waiting thread.
    func broadcast() { pthread_cond_broadcast(condition) }
}
