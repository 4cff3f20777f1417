import Foundation

/// Opens the kiosk page in Chromium's kiosk mode: full screen, no address bar, no tabs.
enum KioskBrowser {
    /// Starts the browser if one is installed; prints why not otherwise. The kiosk keeps serving either way.
    static func open(url: String, profile: String, language: String = "nl") {
        guard let browser = PDFExporter.browserPath else {
            print("  --kiosk: Chromium is not installed (apt install chromium); open \(url) by hand.")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = arguments(url: url, profile: profile, language: language)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { print("  --kiosk: Chromium could not be started.") }
    }

    /// Chromium's arguments: kiosk mode, and the page's language (`--lang`), so the browser's own texts (a file
    /// button, a date picker, a print dialog) and its number and date handling are Dutch, not Debian's en-US.
    static func arguments(url: String, profile: String, language: String) -> [String] {
        [
            "--kiosk", "--app=\(url)", "--no-first-run", "--noerrdialogs", "--disable-translate",
            "--disable-features=TranslateUI", "--overscroll-history-navigation=0", "--user-data-dir=\(profile)",
            "--lang=\(language == "en" ? "en-GB" : "nl")", "--accept-lang=\(language == "en" ? "en-GB,en,nl" : "nl-NL,nl")",
        ]
    }
}
