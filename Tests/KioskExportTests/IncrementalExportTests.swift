import Foundation
import GRDB
import KioskExport
import KioskStorage
import KioskTestSupport
import Synchronization
import Testing

/// The event log exported again and again with the last cursor while participants keep saving:
/// every acknowledged answer arrives exactly once, with no gap and no repeat.
@Suite struct IncrementalExportTests {
    struct Event: Hashable {
        var attempt: Int
        var seq: Int
    }

    @Test func incrementalExportsUnderLoadLoseAndRepeatNothing() throws {
        let scenario = try ExportScenario()
        let savers = 8
        let exportsWhileSaving = 6
        let participants = try (10..<(10 + savers)).map { index -> ExportScenario.Participant in
            let participant = try scenario.participant("G4S0\(index)")
            try participant.open()
            return participant
        }
        let acknowledged = Mutex<Set<Event>>([])
        let attemptIDs = try scenario.kiosk.application.database.pool.read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT participant_id, id FROM attempt").map {
                ($0["participant_id"] as String, $0["id"] as Int)
            })
        }
        let saving = Atomic(true)
        var collected: [Event] = []
        var cursor: Int64 = 0
        let done = DispatchSemaphore(value: 0)
        Thread {
            concurrently(savers) { index in
                let participant = participants[index]
                let attempt = attemptIDs["G4S0\(10 + index)"]!
                var seq = 0
                while saving.load(ordering: .sequentiallyConsistent) {
                    seq += 1
                    let body: [String: Any] = ["answers": [["item": "S1Q06", "value": seq % 10 + 1, "seq": seq]]]
                    if let reply = try? participant.connection.json("PUT", "/api/v1/attempt/answers", body, headers: participant.headers),
                       reply.status == 200 {
                        acknowledged.withLock { _ = $0.insert(Event(attempt: attempt, seq: seq)) }
                    }
                }
            }
            done.signal()
        }.start()

        // Exports while the participants save, then, once they have stopped, one more for the rest.
        var exports = 0
        var savingStopped = false
        repeat {
            if exports == exportsWhileSaving {
                saving.store(false, ordering: .sequentiallyConsistent)
                done.wait()
                savingStopped = true
            }
            let (folder, manifest) = try scenario.export(ExportOptions(wideFormats: [], eventsSince: cursor))
            #expect(manifest.events.since == cursor)
            let lines = try String(contentsOfFile: folder.path + "/answer-events.ndjson", encoding: .utf8).split(separator: "\n")
            for line in lines {
                let event = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                collected.append(Event(attempt: event["attemptId"] as! Int, seq: event["seq"] as! Int))
                #expect((event["cursor"] as! Int) > Int(cursor))
            }
            cursor = manifest.events.next
            exports += 1
        } while !savingStopped

        let stored = try scenario.kiosk.application.database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT attempt_id, seq FROM answer_event").map { Event(attempt: $0["attempt_id"], seq: $0["seq"]) }
        }
        #expect(collected.count > 100, "too little was saved to tell")
        #expect(collected.count == Set(collected).count, "an event was exported twice")
        #expect(Set(collected) == Set(stored), "the incremental exports and the database differ")
        #expect(acknowledged.withLock { $0 }.isSubset(of: Set(collected)), "an acknowledged answer is missing")
    }
}

// Each saving thread uses its own participant's connection, never another's.
extension ExportScenario.Participant: @unchecked Sendable {}
