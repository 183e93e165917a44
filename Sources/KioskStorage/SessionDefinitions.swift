import Foundation
import KioskCore
import Synchronization

/// Sessions decoded from their stored definitions, each definition once: every request reads its
/// attempt's session, and a timetable has a handful of them.
enum SessionDefinitions {
    private static let decoded = Mutex<[String: Session]>([:])

    static func session(from definition: String) throws -> Session {
        if let session = decoded.withLock({ $0[definition] }) { return session }
        let session = try JSONDecoder().decode(Session.self, from: Data(definition.utf8))
        decoded.withLock { cache in
            // A reloaded timetable brings new definitions; old ones are dropped rather than kept forever.
            if cache.count >= 256 { cache.removeAll() }
            cache[definition] = session
        }
        return session
    }
}
