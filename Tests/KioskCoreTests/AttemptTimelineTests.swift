import Foundation
import KioskCore
import Testing

/// The server's clock decides: state and deadline from the window, the duration and what happened.
@Suite struct AttemptTimelineTests {
    let opens = Date(timeIntervalSince1970: 1_000_000)
    var window: SessionWindow { SessionWindow(start: opens, end: opens.addingTimeInterval(1800)) }

    func timeline(
        proctorStart: Bool = false, control: SessionControl = SessionControl(), duration: TimeInterval? = 600,
        openedAt: Date? = nil, deadline: Date? = nil
    ) -> AttemptTimeline {
        AttemptTimeline(
            session: SessionTimeline(window: window, proctorStart: proctorStart, control: control),
            duration: duration, openedAt: openedAt, deadline: deadline)
    }

    @Test func waitsBeforeTheWindowAndOpensInIt() {
        let timeline = timeline(duration: 1800)
        #expect(timeline.state(at: opens.addingTimeInterval(-1)) == .waiting)
        #expect(timeline.state(at: opens) == .open)
    }

    @Test func aProctorStartedSessionWaitsForTheProctor() {
        var timeline = timeline(proctorStart: true, duration: 1800)
        #expect(timeline.state(at: opens.addingTimeInterval(60)) == .waiting)
        timeline.session.control.startedAt = opens.addingTimeInterval(120)
        #expect(timeline.state(at: opens.addingTimeInterval(120)) == .open)
    }

    @Test func theDeadlineIsTheDurationButNeverPastTheWindow() {
        let timeline = timeline(duration: 1200)
        #expect(timeline.deadline(openingAt: opens) == opens.addingTimeInterval(1200))
        #expect(timeline.deadline(openingAt: opens.addingTimeInterval(900)) == opens.addingTimeInterval(1800))
        let openEnded = AttemptTimeline(session: SessionTimeline(window: SessionWindow(start: opens, end: nil), proctorStart: false))
        #expect(openEnded.deadline(openingAt: opens) == nil)
    }

    @Test func extraTimeGoesOnTopEvenPastTheWindow() {
        var timeline = timeline(duration: 1200)
        timeline.extraTime = 300
        #expect(timeline.deadline(openingAt: opens) == opens.addingTimeInterval(1500))
        #expect(timeline.deadline(openingAt: opens.addingTimeInterval(900)) == opens.addingTimeInterval(2100))
    }

    @Test func timesOutAtTheDeadlineAndCountsDownToIt() {
        let deadline = opens.addingTimeInterval(600)
        let timeline = timeline(openedAt: opens, deadline: deadline)
        #expect(timeline.remainingMilliseconds(at: opens.addingTimeInterval(100)) == 500_000)
        #expect(timeline.state(at: deadline.addingTimeInterval(-0.001)) == .open)
        #expect(timeline.state(at: deadline) == .timedOut)
        #expect(timeline.remainingMilliseconds(at: deadline) == nil)
    }

    @Test func aPauseFreezesTheClockEvenPastTheDeadline() {
        let deadline = opens.addingTimeInterval(600)
        let pausedAt = opens.addingTimeInterval(500)
        let timeline = timeline(control: SessionControl(pausedAt: pausedAt), openedAt: opens, deadline: deadline)
        #expect(timeline.state(at: opens.addingTimeInterval(900)) == .paused)
        #expect(timeline.remainingMilliseconds(at: opens.addingTimeInterval(900)) == 100_000)
        #expect(timeline.remainingMilliseconds(at: opens.addingTimeInterval(550)) == 100_000)
        let unopened = self.timeline(control: SessionControl(pausedAt: pausedAt))
        #expect(unopened.state(at: opens.addingTimeInterval(900)) == .waiting)
    }

    @Test func anEndedSessionTimesOutWhoeverWasAnswering() {
        let ended = SessionControl(endedAt: opens.addingTimeInterval(300))
        #expect(timeline(control: ended, openedAt: opens, deadline: opens.addingTimeInterval(600))
            .state(at: opens.addingTimeInterval(301)) == .timedOut)
        #expect(timeline(control: ended).state(at: opens.addingTimeInterval(301)) == .closed)
    }

    @Test func submittedAndClosedAreFinal() {
        var submitted = timeline(openedAt: opens, deadline: opens.addingTimeInterval(600))
        submitted.submittedAt = opens.addingTimeInterval(60)
        #expect(submitted.state(at: opens.addingTimeInterval(9999)) == .submitted)
        #expect(timeline().state(at: opens.addingTimeInterval(1800)) == .closed)
    }
}
