import Foundation
import KioskCore
import Testing

/// The server's clock decides: state and deadline from the window, the duration and what happened.
@Suite struct AttemptTimelineTests {
    let opens = Date(timeIntervalSince1970: 1_000_000)
    var window: SessionWindow { SessionWindow(start: opens, end: opens.addingTimeInterval(1800)) }

    @Test func waitsBeforeTheWindowAndOpensInIt() {
        let timeline = AttemptTimeline(window: window, proctorStart: false, duration: 1800)
        #expect(timeline.state(at: opens.addingTimeInterval(-1)) == .waiting)
        #expect(timeline.state(at: opens) == .open)
    }

    @Test func aProctorStartedSessionWaitsForTheProctor() {
        var timeline = AttemptTimeline(window: window, proctorStart: true, duration: 1800)
        #expect(timeline.state(at: opens.addingTimeInterval(60)) == .waiting)
        timeline.startedByProctorAt = opens.addingTimeInterval(120)
        #expect(timeline.state(at: opens.addingTimeInterval(120)) == .open)
    }

    @Test func theDeadlineIsTheDurationButNeverPastTheWindow() {
        let timeline = AttemptTimeline(window: window, proctorStart: false, duration: 1200)
        #expect(timeline.deadline(openingAt: opens) == opens.addingTimeInterval(1200))
        #expect(timeline.deadline(openingAt: opens.addingTimeInterval(900)) == opens.addingTimeInterval(1800))
        let openEnded = AttemptTimeline(window: SessionWindow(start: opens, end: nil), proctorStart: false)
        #expect(openEnded.deadline(openingAt: opens) == nil)
    }

    @Test func timesOutAtTheDeadlineAndCountsDownToIt() {
        let deadline = opens.addingTimeInterval(600)
        let timeline = AttemptTimeline(window: window, proctorStart: false, duration: 600, openedAt: opens, deadline: deadline)
        #expect(timeline.remainingMilliseconds(at: opens.addingTimeInterval(100)) == 500_000)
        #expect(timeline.state(at: deadline.addingTimeInterval(-0.001)) == .open)
        #expect(timeline.state(at: deadline) == .timedOut)
        #expect(timeline.remainingMilliseconds(at: deadline) == nil)
    }

    @Test func submittedAndClosedAreFinal() {
        var timeline = AttemptTimeline(window: window, proctorStart: false, duration: 600, openedAt: opens, deadline: opens.addingTimeInterval(600))
        timeline.submittedAt = opens.addingTimeInterval(60)
        #expect(timeline.state(at: opens.addingTimeInterval(9999)) == .submitted)
        let unopened = AttemptTimeline(window: window, proctorStart: false, duration: 600)
        #expect(unopened.state(at: opens.addingTimeInterval(1800)) == .closed)
    }
}
