import Foundation
import Synchronization

/// An exclusive lock on a data folder (`kiosk.lock`, `flock`): one server per folder, and no restore
/// under a running server. The kernel drops the lock when the process ends, however it ends.
public final class DataDirectoryLock: Sendable {
    /// The lock file's descriptor while the lock is held.
    private let descriptor: Mutex<Int32?>

    /// Takes the lock, or throws ``DataDirectoryLockError/inUse`` when another process holds it.
    public init(dataDirectory: String) throws {
        let path = dataDirectory + "/kiosk.lock"
        let file = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard file >= 0 else { throw DataDirectoryLockError.cannotOpen(path) }
        guard flock(file, LOCK_EX | LOCK_NB) == 0 else {
            close(file)
            throw DataDirectoryLockError.inUse(dataDirectory)
        }
        descriptor = Mutex(file)
    }

    /// Lets go of the lock; later calls do nothing.
    public func release() {
        descriptor.withLock { file in
            guard let held = file else { return }
            flock(held, LOCK_UN)
            close(held)
            file = nil
        }
    }

    deinit {
        release()
    }
}

public enum DataDirectoryLockError: Error, Equatable, CustomStringConvertible {
    case inUse(String)
    case cannotOpen(String)

    public var description: String {
        switch self {
        case .inUse(let folder):
            "数据目录 \(folder) 正被另一个问卷机进程使用，请先停止它 / another kiosk process is using \(folder): stop it first"
        case .cannotOpen(let path):
            "无法创建锁文件 \(path) / cannot create the lock file \(path)"
        }
    }
}
