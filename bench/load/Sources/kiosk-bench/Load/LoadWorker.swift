import CNetwork
import Foundation
import Histogram

/// How participants pace their saves.
enum Pacing: Sendable {
    /// One save every `interval` seconds each, on a schedule that does not wait for the server
    /// (a late answer delays the next save, and its latency counts from when it was due).
    case openLoop(interval: Double)
    /// Each connection saves again as soon as the last save is acknowledged.
    case closedLoop
}

/// What one worker thread counted.
struct WorkerTally: Sendable {
    var saveLatency = WorkerTally.histogram()
    var loginLatency = WorkerTally.histogram()
    var fetchLatency = WorkerTally.histogram()
    var submitLatency = WorkerTally.histogram()
    /// Saves acknowledged while measuring.
    var measuredSaves = 0
    var errors: [String: Int] = [:]
    /// Connections opened again after the server closed one (gunicorn's sync workers do each time).
    var reconnects = 0
    var failedParticipants = 0
    var submitted = 0

    /// Latencies in microseconds, up to a minute, three significant digits.
    static func histogram() -> Histogram<UInt64> {
        Histogram(lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
    }

    mutating func add(_ other: WorkerTally) {
        saveLatency.add(other.saveLatency)
        loginLatency.add(other.loginLatency)
        fetchLatency.add(other.fetchLatency)
        submitLatency.add(other.submitLatency)
        measuredSaves += other.measuredSaves
        errors.merge(other.errors, uniquingKeysWith: +)
        reconnects += other.reconnects
        failedParticipants += other.failedParticipants
        submitted += other.submitted
    }
}

/// One thread of the load generator: an epoll loop over its share of the participants'
/// connections, following the coordinator's phases.
// `@unchecked Sendable`: handed to its thread at start and read by the coordinator only after
// that thread has finished.
final class LoadWorker: @unchecked Sendable {
    private let control: RunControl
    private let connections: [ClientConnection]
    private let requests: Requests
    private let plan: AnswerPlan
    private let pacing: Pacing
    private let port: UInt16
    /// Where this worker's participants fall in the open-loop schedule: their share of one interval.
    private let scheduleOffsets: [Double]
    private let epoll: Int32
    private(set) var tally = WorkerTally()

    /// Open loop: the next due time of each connection, visited in a fixed cyclic order.
    private var due: [UInt64] = []
    private var scheduleCursor = 0
    private var savesInFlight = 0
    private var reportedDrained = false
    private static let maxSetupAttempts = 3
    private static let maxConsecutiveFailures = 5

    init(control: RunControl, participants: [(participant: Participant, scheduleOffset: Double)], requests: Requests,
         plan: AnswerPlan, pacing: Pacing, port: UInt16) {
        self.control = control
        connections = participants.enumerated().map { ClientConnection(participant: $0.element.participant, slot: $0.offset) }
        scheduleOffsets = participants.map(\.scheduleOffset)
        self.requests = requests
        self.plan = plan
        self.pacing = pacing
        self.port = port
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
    }

    deinit {
        Glibc.close(epoll)
    }

    /// The highest acknowledged seq of each participant, by storage key.
    var acknowledged: [(key: String, seq: Int64)] {
        connections.map { ($0.participant.storageKey, $0.acknowledgedSeq) }
    }

    func run() {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { scratch.deallocate() }
        var events = [epoll_event](repeating: epoll_event(), count: 256)
        var phase = Phase.setup
        for connection in connections { beginSetup(connection) }
        while !(phase == .finishing && connections.allSatisfy(\.finished)) {
            let current = control.phase
            if current != phase {
                phase = current
                enter(phase)
            }
            var timeout = timespec(tv_sec: 0, tv_nsec: Int(waitNanoseconds(in: phase)))
            let count = epoll_pwait2(epoll, &events, Int32(events.count), &timeout, nil)
            for index in 0..<max(0, Int(count)) {
                let event = events[index]
                let connection = connections[Int(event.data.u64 & 0xFFFF_FFFF)]
                // An event of a socket closed earlier in this batch is stale.
                guard connection.isOpen, UInt32(event.data.u64 >> 32) == connection.generation else { continue }
                handle(event: event.events, on: connection, scratch: scratch, phase: phase)
            }
            if phase == .warmup || phase == .measuring { sendDueSaves() }
            if phase == .draining, savesInFlight == 0, !reportedDrained {
                reportedDrained = true
                control.drainedWorkers.add(1, ordering: .releasing)
            }
        }
        for connection in connections { connection.close() }
    }

    // MARK: - Phases

    private func enter(_ phase: Phase) {
        switch phase {
        case .setup, .measuring:
            break
        case .warmup:
            let start = monotonicNanoseconds()
            switch pacing {
            case .openLoop(let interval):
                due = scheduleOffsets.map { start + UInt64($0 * interval * 1e9) }
            case .closedLoop:
                for connection in connections where connection.ready { sendSave(on: connection, startedAt: start) }
            }
        case .draining:
            for connection in connections { connection.overdue.removeAll() }
        case .finishing:
            for connection in connections where !connection.finished {
                if connection.ready, case .accessCode = connection.participant.login {
                    send(.submit, on: connection)
                } else {
                    finish(connection)
                }
            }
        }
    }

    /// How long epoll may wait: until the next save falls due, and never long enough to miss a phase change.
    private func waitNanoseconds(in phase: Phase) -> UInt64 {
        let poll: UInt64 = 10_000_000
        guard phase == .warmup || phase == .measuring, case .openLoop = pacing, !due.isEmpty else { return poll }
        let next = due[scheduleCursor]
        let now = monotonicNanoseconds()
        return next <= now ? 0 : min(poll, next - now)
    }

    /// Open loop: sends every save that has fallen due; one still in flight delays the next.
    private func sendDueSaves() {
        guard case .openLoop(let interval) = pacing, !due.isEmpty else { return }
        let now = monotonicNanoseconds()
        while due[scheduleCursor] <= now {
            let connection = connections[scheduleCursor]
            let dueAt = due[scheduleCursor]
            due[scheduleCursor] += UInt64(interval * 1e9)
            scheduleCursor = (scheduleCursor + 1) % due.count
            guard connection.ready, !connection.finished else { continue }
            if connection.inFlight == nil {
                // Idle: the save leaves now, and any lateness of this loop is not the server's.
                sendSave(on: connection, startedAt: now)
            } else {
                connection.overdue.append(dueAt)
            }
        }
    }

    // MARK: - Requests

    private func beginSetup(_ connection: ClientConnection) {
        connection.setupAttempts += 1
        switch connection.participant.login {
        case .accessCode:
            send(.login, on: connection)
        case .token:
            // Nothing to set up: the first save opens the connection, as a browser's first request
            // does (an idle connection opened early would hold one of gunicorn's sync workers).
            becomeReady(connection)
        }
    }

    private func sendSave(on connection: ClientConnection, startedAt: UInt64) {
        savesInFlight += 1
        send(.save(seq: connection.nextSeq), startedAt: startedAt, on: connection)
    }

    private func send(_ step: ClientConnection.Step, startedAt: UInt64 = monotonicNanoseconds(), on connection: ClientConnection) {
        connection.inFlight = step
        connection.startedAt = startedAt
        do {
            if !connection.isOpen {
                try connection.open(port: port, epoll: epoll)
            }
            try connection.send(request(for: step, on: connection), epoll: epoll)
        } catch {
            failRequest(on: connection, error.description)
        }
    }

    private func request(for step: ClientConnection.Step, on connection: ClientConnection) -> [UInt8] {
        let token = connection.token ?? ""
        switch step {
        case .login:
            guard case .accessCode(let id, let code) = connection.participant.login else { return [] }
            return requests.login(id: id, code: code)
        case .fetchAttempt: return requests.fetchAttempt(token: token)
        case .save(let seq): return requests.save(token: token, seq: seq, plan: plan)
        case .submit: return requests.submit(token: token)
        }
    }

    // MARK: - Events and responses

    private func handle(event: UInt32, on connection: ClientConnection, scratch: UnsafeMutableRawBufferPointer, phase: Phase) {
        guard connection.isOpen else { return }
        do {
            if event & EPOLLOUT.rawValue != 0 {
                if connection.connecting { try connection.finishConnecting() }
                try connection.flush(epoll: epoll)
            }
            guard event & (EPOLLIN.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0 else { return }
            let generation = connection.generation
            let open = try connection.receive(into: scratch)
            // Handling a response may close this socket and open the next one: stop reading there.
            while connection.isOpen, connection.generation == generation, let response = try connection.reader.next() {
                guard let step = connection.inFlight else { throw ConnectionFailure.protocolError("unexpected response") }
                connection.inFlight = nil
                if response.closes {
                    connection.close()
                    tally.reconnects += 1
                }
                complete(step, with: response, on: connection, phase: phase)
            }
            if !open, connection.isOpen, connection.generation == generation {
                connection.close()
                if connection.inFlight != nil { throw ConnectionFailure.closedByServer }
            }
        } catch let failure as ConnectionFailure {
            failRequest(on: connection, failure.description)
        } catch {
            failRequest(on: connection, "\(error)")
        }
    }

    private func complete(_ step: ClientConnection.Step, with response: ResponseReader.Response,
                          on connection: ClientConnection, phase: Phase) {
        let now = monotonicNanoseconds()
        let microseconds = min((now - connection.startedAt) / 1000, 60_000_000)
        guard (200..<300).contains(response.status) else {
            countError("HTTP \(response.status)")
            retry(step, on: connection)
            return
        }
        connection.consecutiveFailures = 0
        switch step {
        case .login:
            _ = tally.loginLatency.record(microseconds)
            guard let token = Self.field("token", in: response.body) else {
                countError("login without a token")
                return failSetup(connection)
            }
            connection.token = token
            send(.fetchAttempt, on: connection)
        case .fetchAttempt:
            _ = tally.fetchLatency.record(microseconds)
            guard Self.field("state", in: response.body) == "open" else {
                countError("attempt not open")
                return failSetup(connection)
            }
            becomeReady(connection)
        case .save(let seq):
            savesInFlight -= 1
            connection.acknowledgedSeq = seq
            connection.nextSeq = seq + 1
            if phase == .measuring {
                _ = tally.saveLatency.record(microseconds)
                tally.measuredSaves += 1
            }
            continueSaving(on: connection, phase: phase)
        case .submit:
            _ = tally.submitLatency.record(microseconds)
            tally.submitted += 1
            finish(connection)
        }
    }

    /// After a save: the next one at once (closed loop), or the oldest overdue one (open loop).
    private func continueSaving(on connection: ClientConnection, phase: Phase) {
        guard phase == .warmup || phase == .measuring else { return }
        switch pacing {
        case .closedLoop:
            sendSave(on: connection, startedAt: monotonicNanoseconds())
        case .openLoop:
            if !connection.overdue.isEmpty {
                sendSave(on: connection, startedAt: connection.overdue.removeFirst())
            }
        }
    }

    /// A request failed on the connection: closed, and tried again as a browser would
    /// (a save with the same seq), unless the connection keeps failing.
    private func failRequest(on connection: ClientConnection, _ reason: String) {
        connection.close()
        guard let step = connection.inFlight else { return }
        connection.inFlight = nil
        countError(reason)
        retry(step, on: connection)
    }

    private func retry(_ step: ClientConnection.Step, on connection: ClientConnection) {
        connection.consecutiveFailures += 1
        let givingUp = connection.consecutiveFailures >= Self.maxConsecutiveFailures
        switch step {
        case .login, .fetchAttempt:
            if connection.setupAttempts >= Self.maxSetupAttempts || givingUp {
                failSetup(connection)
            } else {
                beginSetup(connection)
            }
        case .save:
            savesInFlight -= 1
            let phase = control.phase
            if givingUp {
                finish(connection)
            } else if phase == .warmup || phase == .measuring {
                sendSave(on: connection, startedAt: monotonicNanoseconds())
            }
        case .submit:
            if givingUp { finish(connection) } else { send(.submit, on: connection) }
        }
    }

    private func becomeReady(_ connection: ClientConnection) {
        connection.ready = true
        control.settledParticipants.add(1, ordering: .releasing)
    }

    private func failSetup(_ connection: ClientConnection) {
        tally.failedParticipants += 1
        finish(connection)
        control.settledParticipants.add(1, ordering: .releasing)
    }

    private func finish(_ connection: ClientConnection) {
        connection.finished = true
        connection.close()
    }

    private func countError(_ kind: String) {
        tally.errors[kind, default: 0] += 1
    }

    /// A top-level string field of a JSON body.
    private static func field(_ name: String, in body: [UInt8]) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return nil }
        return object[name] as? String
    }
}
