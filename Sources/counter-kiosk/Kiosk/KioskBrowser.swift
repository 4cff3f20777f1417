import Foundation

/// Opens the kiosk page in Chromium's kiosk mode: full screen, no address bar, no tabs.
enum KioskBrowser {
    /// Starts the browser if one is installed; prints why not otherwise. The kiosk keeps serving either way.
    static func open(url: String, profile: String) {
        guard let browser = PDFExporter.browserPath else {
            print("  --kiosk: Chromium is not installed (apt install chromium); open \(url) by hand.")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = [
            "--kiosk", "--app=\(url)", "--no-first-run", "--noerrdialogs", "--disable-translate",
            "--disable-features=TranslateUI", "--overscroll-history-navigation=0", "--user-data-dir=\(profile)",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { print("  --kiosk: Chromium could not be started.") }
    }
}
