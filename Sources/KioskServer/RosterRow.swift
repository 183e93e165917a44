import Foundation
import KioskCore
import KioskStorage

/// One participant on the console's live roster.
struct RosterRow: Encodable {
    struct Machine: Encodable {
        var address: String
        /// The name the machine gave on the readiness check page, from that address.
        var label: String?
    }

    struct Mark: Encodable {
        var kind: ParticipantMark.Kind
        var reason: String
        var note: String?
        var by: String
        var at: Int64
    }

    var id: String
    var name: String
    var grade: Int?
    var className: String?
    var status: RosterStatus
    /// 1-based; nil before the first look at the instrument.
    var page: Int?
    var pages: Int?
    var answered: Int
    var answerable: Int?
    var remainingMs: Int64?
    var deadlineAt: Int64?
    var lastSeenAt: Int64?
    var machine: Machine?
    var extraMinutes: Int
    var loggedIn: Bool
    var mark: Mark?

    init(_ line: RosterLine, instrument: PreparedInstrument?, machineLabels: [String: String], now: Date) {
        let attempt = line.attempt
        let state = attempt?.timeline.state(at: now)
        id = line.participant.id
        name = line.participant.name
        grade = line.participant.grade
        className = line.participant.className
        status = RosterStatus(attempt: state, mark: line.mark?.mark.kind)
        let opened = attempt?.timeline.openedAt != nil
        page = opened ? (attempt?.position ?? 0) + 1 : nil
        pages = instrument?.pageCount
        if let instrument {
            let progress = instrument.progress(of: line.answers)
            answered = progress.answered
            answerable = progress.answerable
        } else {
            answered = line.answers.count
        }
        remainingMs = attempt?.timeline.remainingMilliseconds(at: now)
        deadlineAt = attempt?.timeline.deadline?.millisecondsSince1970
        lastSeenAt = attempt?.lastSeenAt?.millisecondsSince1970
        machine = line.liveLoginAddress.map { Machine(address: $0, label: machineLabels[$0]) }
        extraMinutes = Int(((attempt?.timeline.extraTime ?? 0) / 60).rounded())
        loggedIn = line.liveLoginAddress != nil
        mark = line.mark.map {
            Mark(kind: $0.mark.kind, reason: $0.mark.reason, note: $0.mark.note, by: $0.markedBy, at: $0.markedAt.millisecondsSince1970)
        }
    }
}
