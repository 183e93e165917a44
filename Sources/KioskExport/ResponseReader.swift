import Foundation
import GRDB
import KioskCore
import KioskStorage

/// One row of the wide data before it is laid out: who, in which session, how far they went, and
/// their answers. A sampled participant who never started has a row too, with every answer
/// missing as not administered.
public struct ResponseRecord: Sendable {
    public var participant: RosterEntry
    public var sessionID: String
    public var status: RosterStatus
    public var startedAt: Date?
    public var endedAt: Date?
    public var progress: AttemptProgress
    /// The current answers by the variable's position in the instrument; nil where there is none.
    public var answers: [AnswerValue?]
}

/// Reads an instrument's rows session by session, participant by participant, inside one read
/// transaction: one attempt's answers in memory at a time.
struct ResponseReader {
    let db: Database
    let now: Date
    /// Only this session, when set.
    let sessionFilter: String?

    /// The delivered, non-practice sessions of the instrument that have opened, in timetable order.
    /// A session not yet open is left out: its instrument's text (in the codebook, the labels of
    /// the SPSS and Stata files) must not leave the kiosk before participants see it.
    func sessions(of instrumentID: String) throws -> [ScheduledSession] {
        try ScheduledSession.all(db).filter { scheduled in
            let state = scheduled.timeline.state(at: now)
            return scheduled.session.instrumentID == instrumentID && !scheduled.session.practice
                && state != .scheduled && state != .awaitingStart
                && (sessionFilter == nil || scheduled.session.id == sessionFilter)
        }
    }

    /// How many rows ``forEachRecord(of:_:)`` gives.
    func count(of instrumentID: String) throws -> Int {
        let participants = try allParticipants()
        return try sessions(of: instrumentID).reduce(0) { total, scheduled in
            total + participants.filter(scheduled.session.audience.includes).count
        }
    }

    /// Calls `body` with each row of the instrument, sessions in timetable order and participants
    /// in roster order; `answers` reads the answers into the instrument's positions.
    func forEachRecord(of instrumentID: String, answers: PositionedAnswers, _ body: (ResponseRecord) throws -> Void) throws {
        let participants = try allParticipants()
        for scheduled in try sessions(of: instrumentID) {
            let sessionID = scheduled.session.id
            let attempts = try AttemptRecord.all(sessionID: sessionID, db)
                .reduce(into: [String: AttemptRecord]()) { $0[$1.participantID.lowercased()] = $1 }
            let marks = try ParticipantMarks.forSession(sessionID, db)
            for participant in participants where scheduled.session.audience.includes(participant) {
                let key = participant.id.lowercased()
                let attempt = attempts[key]
                let state = attempt?.timeline.state(at: now)
                let timeline = attempt?.timeline
                try body(ResponseRecord(
                    participant: participant, sessionID: sessionID,
                    status: RosterStatus(attempt: state, mark: marks[key]?.mark.kind),
                    startedAt: timeline?.openedAt,
                    endedAt: timeline?.submittedAt ?? timeline?.timedOutAt ?? (state == .timedOut ? timeline?.deadline : nil),
                    progress: AttemptProgress(
                        opened: timeline?.openedAt != nil, furthestPage: attempt?.furthestPosition ?? 0,
                        timedOut: state == .timedOut),
                    answers: try attempt.map { try answers.read(attemptID: $0.id, db) }
                        ?? Array(repeating: nil, count: answers.count)))
            }
        }
    }

    private func allParticipants() throws -> [RosterEntry] {
        try ParticipantRecord.allEntries(db)
    }
}
