#if canImport(Glibc)
    import Glibc
#endif

/// Room reserved in a parsing thread's malloc arena before it reads notes.
///
/// glibc gives each thread an arena that grows one page at a time, each time
/// with an `mprotect` call: about 15,000 system calls for a 10,000-note vault,
/// whose notes stay in memory. Growing the arena once, by an allocation freed
/// at once, reserves address space only (untouched pages take no memory), so
/// the notes that follow are allocated without system calls.
enum MallocArena {
    /// What one parsing thread reserves, in two allocations below the largest
    /// size glibc still serves from an arena (32 MiB): together nearly all of
    /// an arena's first 64 MiB heap.
    private static let reserve = 30 << 20

    /// Call on the thread whose arena should grow.
    static func reserveRoom() {
        #if canImport(Glibc)
            configureOnce
            let first = malloc(reserve)
            let second = malloc(reserve)
            // Passed to a system call, so that the compiler cannot drop the pairs.
            _ = write(-1, first, 0)
            _ = write(-1, second, 0)
            free(second)
            free(first)
        #endif
    }

    #if canImport(Glibc)
        /// Large allocations come from arenas (not their own mappings) up to
        /// 32 MiB, and freed room stays in the arena (up to 64 MiB at its top)
        /// instead of going back to the system at once.
        private static let configureOnce: Void = {
            _ = mallocOption(mmapThreshold, 32 << 20)
            _ = mallocOption(trimThreshold, 64 << 20)
        }()
        private static let trimThreshold: Int32 = -1  // M_TRIM_THRESHOLD in malloc.h
        private static let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD in malloc.h
    #endif
}

#if canImport(Glibc)
    /// `mallopt(3)`: malloc.h is not part of the Glibc module.
    @_silgen_name("mallopt")
    private func mallocOption(_ option: Int32, _ value: Int32) -> Int32
#endif
