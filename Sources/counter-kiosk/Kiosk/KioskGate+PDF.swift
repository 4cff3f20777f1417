import Counter
import Foundation
import Hummingbird

extension KioskGate {
    /// One of the kiosk's print pages as a PDF attachment: a one-time print ticket lets headless Chromium fetch
    /// `path` (with `query`, `a=1&b=2`) without a session, through the print stylesheet(s) of that page.
    func pdf(origin: String, path: String, query: String = "", filename: String) async throws -> Response {
        let ticket = await sessions.issuePrintTicket(path: path, now: clock())
        let pdf: Data
        do {
            pdf = try await PDFExporter.render(url: "\(origin)\(path)?\(query.isEmpty ? "" : query + "&")ticket=\(ticket)")
        } catch let error as PDFExporter.Failure {
            throw KioskError(.serviceUnavailable, error.description, code: "pdf")
        }
        return Response(
            status: .ok,
            headers: [.contentType: "application/pdf", .contentDisposition: "attachment; filename=\"\(filename)\""],
            body: .init(byteBuffer: ByteBuffer(bytes: pdf)))
    }

    /// Who may see a print page: a signed-in page with one of `roles`, or once the PDF renderer with the ticket
    /// ``pdf(origin:path:query:filename:)`` issued for this `path`.
    func printAccess(_ request: Request, path: String, roles: Set<StaffRole>) async throws {
        if let ticket = request.uri.queryParameters.get("ticket") {
            guard await sessions.redeemPrintTicket(String(ticket), path: path, now: clock()) else { throw KioskError.signedOut }
        } else {
            _ = try await session(request, roles: roles)
        }
    }
}
