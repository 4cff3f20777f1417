import Foundation

/// The fallback when the register cannot be reached or has no machine interface: writes each waiting entry
/// as the DOR portal's fields, to `dor-invoer.txt` (copy field by field) and `dor-invoer.html` (print it and
/// tick entries off), both mode 0600 because they hold the sellers' details.
///
/// As a ``RegisterGateway`` it never acknowledges anything: an entry counts as registered only once a person
/// has typed it into the portal, which this program cannot see. ``upload(_:)`` writes the files and throws
/// ``RegisterGatewayError/manualEntryRequired(folder:)``, so the jobs stay queued.
package struct ManualRegisterGateway: RegisterGateway {
    /// The folder the files go to (created if needed).
    package let folder: String
    let clock: @Sendable () -> Date

    package init(folder: String, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.folder = folder
        self.clock = clock
    }

    /// What an export wrote.
    package struct Export: Sendable, Hashable {
        package var textPath: String
        package var htmlPath: String
        /// Jobs written.
        package var count: Int
        /// Jobs whose payload could not be read (by idempotency key): enter these from the register's log.
        package var unreadable: [String]
    }

    /// Writes the jobs, in the order given, replacing an earlier export.
    @discardableResult
    package func export(_ jobs: [RegisterUpload], shopName: String = "") throws -> Export {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        var forms: [ManualEntryForm] = []
        var unreadable: [String] = []
        for job in jobs {
            if let form = ManualEntryForm(job: job) { forms.append(form) } else { unreadable.append(job.idempotencyKey) }
        }
        let stamp = RegisterEntry.timestampFormatter.string(from: clock())
        let text = "DOR-invoer \(shopName) — \(forms.count) te registreren, gemaakt \(stamp)\n\n"
            + forms.map(\.text).joined(separator: "\n")
        let html = """
            <!doctype html>
            <html lang="nl"><head><meta charset="utf-8"><title>DOR-invoer</title>
            <style>body{font:11pt sans-serif;margin:1.5cm}section{page-break-inside:avoid;border-top:1px solid #888;
            margin-top:1em}th{text-align:left;font-weight:normal;color:#444;padding-right:1em}.key{color:#666;font-size:9pt}
            h2::before{content:"☐ "}</style></head><body>
            <h1>DOR-invoer \(ManualEntryForm.escape(shopName))</h1>
            <p>\(forms.count) te registreren in het Digitaal Opkopers Register, gemaakt \(stamp). Vink elke inkoop af
            zodra hij in het portaal staat.</p>
            \(forms.map(\.html).joined())</body></html>
            """
        let textPath = folder + "/dor-invoer.txt", htmlPath = folder + "/dor-invoer.html"
        for (path, content) in [(textPath, text), (htmlPath, html)] {
            guard PrivateFiles.replace(path, with: Data(content.utf8)) else { throw CocoaError(.fileWriteUnknown) }
        }
        return Export(textPath: textPath, htmlPath: htmlPath, count: forms.count, unreadable: unreadable)
    }

    package func upload(_ batch: [RegisterUpload]) async throws(RegisterGatewayError) -> [RegisterUploadResult] {
        do { try export(batch) } catch { throw .unreachable("cannot write the manual export to \(folder)") }
        throw .manualEntryRequired(folder: folder)
    }

    package func status(idempotencyKey: String) async throws(RegisterGatewayError) -> RegisterEntryStatus? {
        throw .manualEntryRequired(folder: folder)
    }
}
