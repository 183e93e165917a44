import ArgumentParser

/// `kiosk`: the questionnaire kiosk a school lab runs on the day of the monitoring.
struct KioskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk",
        abstract: "问卷机：在学校机房为监测当天提供限时问卷 / The questionnaire kiosk for a school lab's monitoring day.",
        discussion: """
            The kiosk serves timed questionnaires to the lab's browsers, enforces the day's timetable,
            and stores every answer in one SQLite file the moment it is given.

            Start with `kiosk demo` to see it work, or `kiosk serve --data DIR` for the real day.
            """,
        version: KioskVersion.current,
        subcommands: [
            Serve.self, Check.self, Init.self, Seal.self, RosterCommand.self, StaffCommand.self, ExportCommand.self, ExportTokenCommand.self,
            BackupCommand.self, RestoreCommand.self, Demo.self, Version.self,
        ]
    )
}
