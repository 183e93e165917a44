import GRDB
import KioskHTTP
import KioskStorage
import Logging

/// What a client is told when a write did not reach the disk.
enum StorageFailure {
    static func apiError(for error: any Error, logger: Logger) -> APIError {
        if let refusal = error as? APIError { return refusal }
        if let error = error as? DatabaseError, error.resultCode == .SQLITE_FULL {
            logger.critical("the disk is full: answers cannot be saved", metadata: ["error": "\(error)"])
            return APIError(
                .serviceUnavailable, code: "storage_full",
                message: "服务器磁盘已满，答案暂未保存，请通知监测员",
                messageEn: "The server's disk is full; the answer was not saved. Tell the proctor")
        }
        if error is WriterStopped {
            return .serviceUnavailable
        }
        logger.error("a write failed", metadata: ["error": "\(error)"])
        return .internalError
    }
}
