import Foundation

/// Where the bench finds its sources and puts what it builds, installs and measures, all under
/// the repository's bench/ folder (the build folders, the peer's venv and results/ are ignored by git).
struct Workspace {
    let repository: String

    var bench: String { repository + "/bench" }
    var ceilingSources: String { bench + "/ceilings" }
    var ceilingBinaries: String { bench + "/.build-ceilings" }
    var peerSources: String { bench + "/peer" }
    var peerEnvironment: String { bench + "/.venv-peer" }
    /// Bundles, databases and logs of the latest run, on the repository's disk (a kiosk's data
    /// folder is on a real disk, not in memory: fsync must cost what it costs).
    var runs: String { bench + "/.build-runs" }
    var results: String { bench + "/results" }

    /// Starts an empty runs folder.
    func clearRuns() throws {
        if FileManager.default.fileExists(atPath: runs) { try FileManager.default.removeItem(atPath: runs) }
        try FileManager.default.createDirectory(atPath: runs, withIntermediateDirectories: true)
    }
}

/// The C ceilings, compiled by the bench with gcc from bench/ceilings.
struct CeilingPrograms {
    let http: String
    let durable: String
    let commitRate: String

    private static let programs: [(name: String, sources: [String], libraries: [String])] = [
        ("http_ceiling", ["http_ceiling.c", "ceiling_server.c", "options.c"], ["-lmicrohttpd", "-lpthread"]),
        ("durable_ceiling", ["durable_ceiling.c", "ceiling_server.c", "kiosk_answers.c", "options.c"],
         ["-lmicrohttpd", "-lsqlite3", "-lpthread"]),
        ("commit_rate", ["commit_rate.c", "kiosk_answers.c", "options.c"], ["-lsqlite3"]),
    ]

    init(compilingIn workspace: Workspace) throws {
        try FileManager.default.createDirectory(atPath: workspace.ceilingBinaries, withIntermediateDirectories: true)
        for program in Self.programs {
            try Command.run("/usr/bin/gcc", ["-O2", "-Wall", "-Wextra", "-o", workspace.ceilingBinaries + "/" + program.name]
                + program.sources.map { workspace.ceilingSources + "/" + $0 } + program.libraries)
        }
        http = workspace.ceilingBinaries + "/http_ceiling"
        durable = workspace.ceilingBinaries + "/durable_ceiling"
        commitRate = workspace.ceilingBinaries + "/commit_rate"
    }
}

/// The peer's Python environment: Flask and gunicorn from PyPI, installed once into bench/.venv-peer.
struct PeerEnvironment {
    let python: String
    let gunicorn: String

    init(installingIn workspace: Workspace) throws {
        let environment = workspace.peerEnvironment
        python = environment + "/bin/python"
        gunicorn = environment + "/bin/gunicorn"
        guard !FileManager.default.isExecutableFile(atPath: gunicorn) else { return }
        try Command.run("/usr/bin/env", ["python3", "-m", "venv", environment])
        try Command.run(environment + "/bin/pip", ["install", "-q", "-r", workspace.peerSources + "/requirements.txt"])
    }
}
