import Foundation

/// Renders a page of the kiosk to PDF with headless Chromium (`--print-to-pdf`), using the page's print
/// stylesheet: the PDF looks exactly like the printed day log.
enum PDFExporter {
    /// Why no PDF could be made.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Browsers tried, in order.
    static let browsers = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/snap/bin/chromium"]

    static var browserPath: String? { browsers.first { FileManager.default.isExecutableFile(atPath: $0) } }

    /// The PDF of `url` (which must be reachable without a session: the caller adds a print ticket).
    static func render(url: String, timeout: Double = 60) async throws -> Data {
        guard let browser = browserPath else {
            throw Failure(description: "PDF maken kan niet: Chromium is niet geïnstalleerd (apt install chromium).")
        }
        let folder = NSTemporaryDirectory() + "counter-pdf-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = folder + "/out.pdf"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--disable-extensions", "--no-pdf-header-footer", "--user-data-dir=\(folder)/profile",
            "--print-to-pdf=\(output)", url,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: Failure(description: "Chromium kon niet starten."))
            }
            let pid = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                if process.isRunning { kill(pid, SIGKILL) }
            }
        }
        guard let data = FileManager.default.contents(atPath: output), data.starts(with: Array("%PDF".utf8)) else {
            throw Failure(description: "Chromium maakte geen PDF.")
        }
        return data
    }
}
