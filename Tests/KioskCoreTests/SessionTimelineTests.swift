import Foundation
import KioskCore
import Testing

/// A proctor's start, pause, resume and end, decided against the timetable's window.
@Suite struct SessionTimelineTests {
    let opens = Date(timeIntervalSince1970: 2_000_000)
    var window: SessionWindow { SessionWindow(start: opens, end: opens.addingTimeInterval(3600)) }

    func session(proctorStart: Bool = true, delivered: Bool = true) -> SessionTimeline {
        SessionTimeline(window: window, delivered: delivered, proctorStart: proctorStart)
    }

    @Test func statesFollowTheWindowAndTheProctor() {
        var timeline = session()
        #expect(timeline.state(at: opens.addingTimeInterval(-1)) == .scheduled)
        #expect(timeline.state(at: opens) == .awaitingStart)
        #expect(timeline.state(at: opens.addingTimeInterval(3600)) == .closed)
        timeline.control.startedAt = opens
        #expect(timeline.state(at: opens.addingTimeInterval(10)) == .open)
        #expect(session(delivered: false).state(at: opens) == .notDelivered)
        #expect(session(proctorStart: false).state(at: opens) == .open)
    }

    @Test func startingInsideTheWindowNeedsNoReasonOutsideItDoes() throws {
        let inside = try session().starting(at: opens.addingTimeInterval(60), hasReason: false)
        #expect(inside.startedAt == opens.addingTimeInterval(60))
        #expect(throws: ProctorRefusal.reasonRequired) { try session().starting(at: opens.addingTimeInterval(-60), hasReason: false) }
        let early = try session().starting(at: opens.addingTimeInterval(-60), hasReason: true)
        #expect(early.rescheduledEnd == nil)
        var started = session()
        started.control = inside
        #expect(throws: ProctorRefusal.alreadyOpen) { try started.starting(at: opens.addingTimeInterval(90), hasReason: true) }
        #expect(throws: ProctorRefusal.notDelivered) { try session(delivered: false).starting(at: opens, hasReason: true) }
    }

    @Test func aLateStartGetsTheTimetableLengthFromThen() throws {
        let late = opens.addingTimeInterval(5000)
        var timeline = session()
        timeline.control = try timeline.starting(at: late, hasReason: true)
        #expect(timeline.effectiveEnd == late.addingTimeInterval(3600))
        #expect(timeline.state(at: late.addingTimeInterval(1)) == .open)
    }

    @Test func aPauseMovesTheEndByItsLength() throws {
        var timeline = session(proctorStart: false)
        #expect(throws: ProctorRefusal.notPaused) { try timeline.resuming(at: opens) }
        timeline.control = try timeline.pausing(at: opens.addingTimeInterval(600))
        #expect(timeline.state(at: opens.addingTimeInterval(4000)) == .paused)
        #expect(throws: ProctorRefusal.notOpen) { try timeline.pausing(at: opens.addingTimeInterval(700)) }
        let (control, pause) = try timeline.resuming(at: opens.addingTimeInterval(900))
        #expect(pause == 300)
        timeline.control = control
        #expect(timeline.effectiveEnd == opens.addingTimeInterval(3900))
        #expect(timeline.state(at: opens.addingTimeInterval(3800)) == .open)
    }

    @Test func endingIsFinal() throws {
        var timeline = session(proctorStart: false)
        timeline.control = try timeline.ending(at: opens.addingTimeInterval(100))
        #expect(timeline.state(at: opens.addingTimeInterval(200)) == .ended)
        #expect(throws: ProctorRefusal.ended) { try timeline.ending(at: opens.addingTimeInterval(200)) }
        #expect(throws: ProctorRefusal.ended) { try timeline.starting(at: opens.addingTimeInterval(200), hasReason: true) }
        #expect(throws: ProctorRefusal.ended) { try timeline.pausing(at: opens.addingTimeInterval(200)) }
    }
}
