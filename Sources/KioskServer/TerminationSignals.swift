#if canImport(Glibc)
import Glibc
#endif

/// SIGINT and SIGTERM, received synchronously by the main thread with `sigwait`.
///
/// Blocked before any other thread starts, the signals stay pending until ``wait()`` takes one, so
/// no thread is interrupted mid-write and the kiosk can stop in order.
public enum TerminationSignals {
    private static let signals: sigset_t = {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        return set
    }()

    /// Blocks SIGINT and SIGTERM for the calling thread and every thread it starts afterwards.
    public static func block() {
        var set = signals
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Waits for SIGINT or SIGTERM and returns its number.
    public static func wait() -> Int32 {
        var set = signals
        var received: Int32 = 0
        sigwait(&set, &received)
        return received
    }
}
