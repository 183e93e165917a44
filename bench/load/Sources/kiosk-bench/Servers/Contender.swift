import Foundation

/// A server the bench measures: the kiosk, one of the C ceilings, or the peer.
struct Contender {
    var name: String
    /// Starts the server for `participants` participants, with its files in `directory`.
    var launch: (_ directory: String, _ port: UInt16, _ participants: Int) throws -> ServerProcess
    var participants: (_ count: Int) throws -> [Participant]
    /// Where its answers are stored (after it stops) and the column that keys its attempts; nil
    /// for the HTTP ceiling, which stores nothing.
    var storage: (database: (_ directory: String) -> String, keyColumn: String)?
    /// It prints {"commits":...,"rows":...} when it stops (the durable ceiling).
    var reportsCommits = false
    /// Its participants log in and submit (the kiosk).
    var submits = false
}

extension Contender {
    /// `kiosk serve` on a fresh copy of the loaded data folder, as a lab runs it; `wrapper`, when
    /// given, is the command it runs under (valgrind).
    static func kiosk(executable: String, data: KioskData, threads: Int, wrapper: [String] = []) -> Contender {
        Contender(
            name: "kiosk",
            launch: { directory, port, _ in
                try data.copy(to: directory)
                let command = wrapper + [executable, "serve", "--data", directory, "--port", String(port), "--threads", String(threads)]
                return try ServerProcess(
                    name: "kiosk", executable: command[0], arguments: Array(command.dropFirst()),
                    port: port, logPath: directory + "/kiosk.log")
            },
            participants: data.participants,
            storage: ({ $0 + "/kiosk.sqlite" }, "a.participant_id"),
            submits: true)
    }

    static func durableCeiling(_ programs: CeilingPrograms, threads: Int) -> Contender {
        Contender(
            name: "durable ceiling (C)",
            launch: { directory, port, participants in
                try ServerProcess(
                    name: "durable ceiling", executable: programs.durable,
                    arguments: ["--port", String(port), "--threads", String(threads),
                                "--database", directory + "/ceiling.sqlite", "--attempts", String(participants)],
                    port: port, logPath: directory + "/ceiling.log")
            },
            participants: Participant.withTokens,
            storage: ({ $0 + "/ceiling.sqlite" }, "a.id"),
            reportsCommits: true)
    }

    static func httpCeiling(_ programs: CeilingPrograms, threads: Int) -> Contender {
        Contender(
            name: "HTTP ceiling (C)",
            launch: { directory, port, _ in
                try ServerProcess(
                    name: "HTTP ceiling", executable: programs.http,
                    arguments: ["--port", String(port), "--threads", String(threads)],
                    port: port, logPath: directory + "/ceiling.log")
            },
            participants: Participant.withTokens,
            storage: nil)
    }

    /// Flask under gunicorn with its default sync workers, as many as gunicorn's docs advise
    /// (two per core plus one).
    static func peer(_ environment: PeerEnvironment, workspace: Workspace, cores: Int) -> Contender {
        Contender(
            name: "peer (Flask)",
            launch: { directory, port, participants in
                let database = directory + "/peer.sqlite"
                try Command.run(environment.python, [workspace.peerSources + "/autosave.py", "create", database, String(participants)])
                return try ServerProcess(
                    name: "peer", executable: environment.gunicorn,
                    arguments: ["--workers", String(2 * cores + 1), "--bind", "127.0.0.1:\(port)",
                                "--chdir", workspace.peerSources, "autosave:app"],
                    environment: ["PEER_DATABASE": database, "PYTHONDONTWRITEBYTECODE": "1"],
                    port: port, logPath: directory + "/peer.log")
            },
            participants: Participant.withTokens,
            storage: ({ $0 + "/peer.sqlite" }, "a.id"))
    }
}
