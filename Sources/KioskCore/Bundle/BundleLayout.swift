/// The files of a deployment bundle, relative to its folder.
public enum BundleLayout {
    /// The site: name, code, time zone, languages.
    public static let siteFile = "kiosk.json"
    /// One questionnaire per `.json` file.
    public static let instrumentsFolder = "instruments"
    /// The day's sessions.
    public static let timetableFile = "timetable.json"
    /// The sampled participants.
    public static let rosterFile = "roster.csv"
}
