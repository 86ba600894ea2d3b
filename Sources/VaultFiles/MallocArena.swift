#if canImport(Glibc)
    import Glibc
#endif

/// How malloc grows the memory that loaded notes live in.
///
/// glibc grows a thread's arena one page at a time, each time with an
/// `mprotect` call: about 15,000 system calls for a 10,000-note vault, whose
/// notes stay in memory, and 73,000 for 100,000 notes. Asking it to pad every
/// growth (`M_TOP_PAD`) makes each arena heap writable in one call when it is
/// made. Padding reserves address space only: untouched pages take no memory.
/// The price: up to that much freed at the top of an arena stays with the
/// process instead of going back to the system (after a vault is closed, say).
enum MallocArena {
    /// Call before the threads that will allocate are started (it is process-wide, and done once).
    static func growInLargeSteps() {
        #if canImport(Glibc)
            configureOnce
        #endif
    }

    #if canImport(Glibc)
        /// An arena heap's 64 MiB: a heap is made writable whole.
        private static let configureOnce: Void = {
            _ = mallocOption(topPad, 64 << 20)
        }()
        private static let topPad: Int32 = -2  // M_TOP_PAD in malloc.h
    #endif
}

#if canImport(Glibc)
    /// `mallopt(3)`: malloc.h is not part of the Glibc module.
    @_silgen_name("mallopt")
    private func mallocOption(_ option: Int32, _ value: Int32) -> Int32
#endif
