import Foundation

/// Runs `body` on `count` threads of their own at once, and returns when all have finished.
///
/// Unlike `DispatchQueue.concurrentPerform`, which runs only as many iterations at a time as the
/// machine has cores, every body really is in flight together: 64 browsers saving at once.
public func concurrently(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let finished = DispatchGroup()
    for index in 0..<count {
        finished.enter()
        let thread = Thread {
            body(index)
            finished.leave()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
    finished.wait()
}
