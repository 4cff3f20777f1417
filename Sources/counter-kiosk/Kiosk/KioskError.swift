import Counter
import Foundation
import Hummingbird

/// An error answer of the kiosk API: a status and a message the page shows as it is (Dutch, with an English
/// version for the language switch). Never carries a seller's personal data.
struct KioskError: HTTPResponseError {
    var status: HTTPResponse.Status
    var message: String
    var messageEN: String
    /// A stable code the page can act on (`signedOut` shows the sign-in form again).
    var code: String
    /// The request's field that failed (`items[0].imei`), when there is one.
    var field: String?
    /// Headers of the answer (`Retry-After`, `WWW-Authenticate`).
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, _ message: String, en: String? = nil, code: String = "error", field: String? = nil) {
        self.status = status
        self.message = message
        self.messageEN = en ?? message
        self.code = code
        self.field = field
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        // A print page opens in its own tab: a refusal there is a page in words, not raw JSON (issue 14, point 8).
        if request.uri.path.hasPrefix("/print/") {
            let page = """
                <!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Counter</title>
                <link rel="stylesheet" href="/assets/print.css"></head><body class="print">
                <h1>\(HTMLText.escape(message))</h1><p lang="en">\(HTMLText.escape(messageEN))</p>
                <p><a href="/">Terug naar de kiosk</a></p></body></html>
                """
            return Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(string: page)))
        }
        var fields = ["error": message, "errorEN": messageEN, "code": code]
        if let field { fields["field"] = field }
        let body = try JSONEncoder().encode(fields)
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"]
        headers.append(contentsOf: self.headers)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    static let signedOut = KioskError(
        .unauthorized, "Niet (meer) aangemeld. Meld je opnieuw aan.", en: "Not signed in (any more). Please sign in again.",
        code: "signedOut")
    static let badCSRF = KioskError(
        .forbidden, "Verzoek geweigerd (beveiligingscode ontbreekt). Herlaad de pagina.",
        en: "Request refused (security token missing). Reload the page.", code: "csrf")

    static let internalError = KioskError(
        .internalServerError, "Er ging iets mis in de kiosk. Niets van wat je invulde is verloren: probeer het opnieuw.",
        en: "Something went wrong in the kiosk. Nothing you entered is lost: try again.", code: "internal")

    /// The engine's refusal, worded from the message catalog.
    init(_ error: CounterError) {
        let status: HTTPResponse.Status = switch error.code {
        case .hitOpen, .hitAtRegistration, .apiIdempotencyKeyReused: .conflict
        case .ownerRequired, .ownerRefused: .forbidden
        case .apiTokenMissing, .apiTokenRefused: .unauthorized
        case .apiTokenInURL, .apiBadRequest, .apiIdempotencyKeyMissing: .badRequest
        case .apiRateLimited: .tooManyRequests
        case .apiMethodNotAllowed: .methodNotAllowed
        case .itemNotFound, .noOpenHit, .unknownTill, .unknownAlert, .entryNotFound: .notFound
        case .storeFailed: .serviceUnavailable
        default: .unprocessableContent
        }
        self.init(status, error.message(.nl), en: error.message(.en), code: error.code.rawValue, field: error.field)
    }

    /// An intake the register's rules refused (422), with its field; `code` is the page's own form of it (the
    /// page reads `intake:FIELD`), the catalog's stable code (`intake.required`) when nil.
    init(_ error: IntakeError, code: String? = nil) {
        self.init(.unprocessableContent, error.message(.nl), en: error.message(.en), code: code ?? error.code, field: error.field)
    }

    /// The register could not be written; a damaged register says what happened and what to do.
    init(_ error: RegisterStoreError) {
        if let problem = error.problem {
            let parameters = ["problem": problem.description]
            self.init(.serviceUnavailable, CounterMessages.text(.registerDamaged, .nl, parameters),
                      en: CounterMessages.text(.registerDamaged, .en, parameters), code: "register.damaged")
        } else if error == .shopNotSetUp {
            self.init(.conflict, CounterMessages.text(.shopNotSetUp, .nl), en: CounterMessages.text(.shopNotSetUp, .en),
                      code: CounterMessages.Code.shopNotSetUp.rawValue)
        } else {
            self.init(.serviceUnavailable, error.description, code: error.code)
        }
    }

    /// A scan or typed identifier the router refused.
    init(_ refusal: ScanRefusal) {
        self.init(.unprocessableContent, CounterMessages.text(refusal.messageCode, .nl),
                  en: CounterMessages.text(refusal.messageCode, .en), code: refusal.messageCode.rawValue)
    }

    /// A photo the store refused, worded from the message catalog.
    init(_ error: PhotoStore.PhotoError) {
        let status: HTTPResponse.Status = switch error {
        case .notAnImage: .unsupportedMediaType
        case .tooLarge: .contentTooLarge
        case .dailyQuotaReached: .tooManyRequests
        case .diskAlmostFull: .init(code: 507, reasonPhrase: "Insufficient Storage")
        case .missing, .altered: .notFound
        case .writeFailed: .serviceUnavailable
        }
        self.init(status, error.message(.nl), en: error.message(.en), code: error.code.rawValue)
    }

    /// A typed number or date that does not read, named by its field (Dutch, English).
    init(_ problem: FormatProblem, field: (nl: String, en: String)) {
        self.init(.unprocessableContent, "\(field.nl): \(problem.message(.nl))", en: "\(field.en): \(problem.message(.en))",
                  code: problem.code.rawValue)
    }

    static func forbidden(_ role: String) -> KioskError {
        KioskError(.forbidden, "Hiervoor moet je aangemeld zijn als \(role).", en: "This needs a \(role) sign-in.",
                   code: "forbidden")
    }

    static func badRequest(_ message: String, en: String? = nil) -> KioskError {
        KioskError(.badRequest, message, en: en, code: "badRequest")
    }
}
