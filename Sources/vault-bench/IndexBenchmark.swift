import Foundation
import TestSupport

/// Index time and peak memory of a whole-vault load, next to `grep -rc '\[\['`
/// on the same vault in the same run (both with a warm page cache).
enum IndexBenchmark {
    static func run(folder: String?, rounds: Int) {
        let root: String
        if let folder {
            root = folder
        } else {
            root = NSTemporaryDirectory() + "vault-bench-\(getpid())"
            try! GeneratedVault.write(to: root, notes: 10_000)
        }
        defer { if folder == nil { try? FileManager.default.removeItem(atPath: root) } }
        let vaultBytes = folderBytes(root)
        // The load runs in `vault-load`, built beside this benchmark: it links what vault-ls links.
        let loader = builtExecutable("vault-load")

        // grep's output is read through a pipe, as in a shell pipeline. Not
        // /dev/null: GNU grep notices it and stops reading each file at its
        // first match, which is no longer counting (10,000 reads instead of 20,000).
        _ = spawn("/bin/grep", ["-rc", "\\[\\[", root])  // Warm the page cache.
        var grepTimes: [Double] = []
        var loadTimes: [Double] = []
        var innerTimes: [Double] = []
        var peaks: [Int] = []
        for _ in 0..<rounds {
            grepTimes.append(spawn("/bin/grep", ["-rc", "\\[\\[", root]).seconds)
            let load = spawn(loader, [root])
            loadTimes.append(load.seconds)
            peaks.append(load.peakBytes)
            innerTimes.append(Double(load.output.split(separator: " ").first ?? "") ?? .nan)
        }
        let grep = median(grepTimes)
        let load = median(loadTimes)
        let peak = median(peaks.map(Double.init))
        print("vault: \(root), \(vaultBytes / 1_000_000) MB, medians of \(rounds) rounds")
        print(String(format: "grep -rc '\\[\\[':        %7.1f ms", grep * 1000))
        print(String(format: "vault-ls load (process): %7.1f ms  (%.2fx grep)", load * 1000, load / grep))
        print(String(format: "vault-ls load (in-process walk+read+parse+resolve): %7.1f ms", median(innerTimes) * 1000))
        print(String(format: "peak memory:             %7.1f MB  (%.2fx the vault's bytes)", peak / 1e6, peak / Double(vaultBytes)))
    }

    struct Run {
        let seconds: Double
        let peakBytes: Int
        let output: String
    }

    /// Runs a program to completion; its peak resident memory comes from wait4's rusage.
    static func spawn(_ program: String, _ arguments: [String]) -> Run {
        var pipe: [Int32] = [0, 0]
        _ = pipe.withUnsafeMutableBufferPointer { Foundation.pipe($0.baseAddress!) }
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now()
        guard posix_spawn(&pid, program, &actions, nil, argv, environ) == 0 else { fatalError("cannot run \(program)") }
        close(pipe[1])
        var output = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(pipe[0], &buffer, buffer.count)
            if n <= 0 { break }
            output.append(contentsOf: buffer[0..<n])
        }
        close(pipe[0])
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        posix_spawn_file_actions_destroy(&actions)
        return Run(seconds: seconds, peakBytes: Int(usage.ru_maxrss) * 1024, output: String(decoding: output, as: UTF8.self))
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }

    static func folderBytes(_ root: String) -> Int {
        var total = 0
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let path = enumerator?.nextObject() as? String {
            let attributes = try? FileManager.default.attributesOfItem(atPath: root + "/" + path)
            if attributes?[.type] as? FileAttributeType == .typeRegular { total += (attributes?[.size] as? Int) ?? 0 }
        }
        return total
    }
}
