import Counter
import Foundation
import Hummingbird
import IDScan

/// The counter screen's API, over the page's till (``CounterSession``): scans, the seller's document, item
/// identifiers, the hit and the owner's decision, approvals, photos, the intake. Every rule is the engine's;
/// these routes only decode, call the till, and word its answer.
struct CounterRoutes: Sendable {
    let gate: KioskGate
    let engine: CounterEngine
    let photos: any PhotoArchive
    let requirePhotoWithoutSerial: Bool
    let shop: ShopBox
    let training: Bool

    struct ScanRequest: Decodable { var text: String }
    struct ScanAnswer: Encodable {
        /// `item`, `document`, `reading` or `refused`.
        var kind: String
        var item: TillItem?
        var document: SellerDocument?
        var refusal: TillRefusal?
    }
    struct LookupRequest: Decodable {
        var documentNumber: String
        var issuingCountry: String
    }
    struct OwnerForm: Decodable {
        var owner: String?
        var pin: String?
        var reason: String?
        var itemID: String?
        var outcome: HitDecision.Outcome?
        var policeReference: String?
        /// For approvals: `expiredDocument` or `minor`.
        var kind: OwnerApproval.Kind?

        var authorization: OwnerAuthorization? {
            guard let owner, !owner.isEmpty, let pin else { return nil }
            return OwnerAuthorization(name: owner, pin: pin)
        }
    }

    /// The page's till, for a counter role.
    func till(_ request: Request) async throws -> (KioskSession, CounterSession) {
        let session = try await gate.session(request, roles: KioskGate.counterRoles)
        guard let name = session.till else { throw KioskError.forbidden("medewerker aan een kassa") }
        do { return (session, try engine.session(name)) } catch { throw KioskError(error) }
    }

    /// Runs a till call, wording the engine's refusals for the page.
    func answer(_ body: () async throws -> some Encodable) async throws -> Response {
        do {
            return try KioskJSON.response(try await body())
        } catch let error as CounterError {
            throw KioskError(error)
        } catch let error as ScanRefusal {
            throw KioskError(error)
        } catch let error as StaffError {
            throw KioskError(error)
        }
    }

    func add(to router: Router<BasicRequestContext>) {
        // The page's scan field: a keyboard-wedge scanner types into it, so this is a scan like any other.
        router.post("/api/scan") { request, _ -> Response in
            let (_, till) = try await till(request)
            let scan = try await KioskJSON.decode(ScanRequest.self, from: request, limit: 8192)
            let outcome = await till.scan(Array(scan.text.utf8), from: .page).last ?? .reading
            return try KioskJSON.response(Self.answer(outcome))
        }

        // An MRZ typed or pasted into the page's document field.
        router.post("/api/document") { request, _ -> Response in
            let (_, till) = try await till(request)
            let scan = try await KioskJSON.decode(ScanRequest.self, from: request, limit: 8192)
            return try KioskJSON.response(await till.readDocument(lines: MRZNormalizer.lines(from: Array(scan.text.utf8))))
        }

        router.post("/api/sellers/lookup") { request, _ -> Response in
            let (_, till) = try await till(request)
            let lookup = try await KioskJSON.decode(LookupRequest.self, from: request, limit: 4096)
            return try await KioskJSON.response(["returning": till.returningSeller(
                documentNumber: lookup.documentNumber, issuingCountry: lookup.issuingCountry)])
        }

        // What the page draws after (re)loading: the till's seller, items and open hit.
        router.get("/api/till") { request, _ -> Response in
            let (_, till) = try await till(request)
            return try KioskJSON.response(await till.snapshot())
        }

        // A new item typed by hand, checked at once.
        router.post("/api/till/items") { request, _ -> Response in
            let (_, till) = try await till(request)
            let edit = try await KioskJSON.decode(ItemEdit.self, from: request, limit: 4096)
            return try await answer { try await till.addTyped(edit) }
        }

        // The clerk typed or corrected an item's serial, IMEI or frame number: checked now.
        router.post("/api/till/items/:id") { request, context -> Response in
            let (_, till) = try await till(request)
            let edit = try await KioskJSON.decode(ItemEdit.self, from: request, limit: 4096)
            let id = context.parameters.get("id") ?? ""
            return try await answer { try await till.edit(id, edit) }
        }

        // Removing an item; an item with an open hit needs the owner's PIN and a reason.
        router.post("/api/till/items/:id/remove") { request, context -> Response in
            let (_, till) = try await till(request)
            let form = try await KioskJSON.decode(OwnerForm.self, from: request, limit: 4096)
            let id = context.parameters.get("id") ?? ""
            return try await answer {
                try await till.removeItem(id, owner: form.authorization, reason: form.reason)
                return ["ok": true]
            }
        }

        // The owner's decision on the open hit: one of the named outcomes, with PIN and reason.
        router.post("/api/till/hit") { request, _ -> Response in
            let (_, till) = try await till(request)
            let form = try await KioskJSON.decode(OwnerForm.self, from: request, limit: 4096)
            return try await answer {
                guard let auth = form.authorization else { throw CounterError(.ownerRequired) }
                guard let id = form.itemID, let outcome = form.outcome else { throw CounterError(.noOpenHit) }
                return try await till.decide(itemID: id, outcome: outcome, owner: auth, reason: form.reason ?? "",
                                             policeReference: form.policeReference)
            }
        }

        // The next customer; over an open hit only with the owner.
        router.post("/api/till/new-customer") { request, _ -> Response in
            let (_, till) = try await till(request)
            let form = try await KioskJSON.decode(OwnerForm.self, from: request, limit: 4096)
            return try await answer {
                try await till.newCustomer(owner: form.authorization, reason: form.reason)
                return ["ok": true]
            }
        }

        // An owner allows an expired document or an under-18 seller for one intake.
        router.post("/api/approvals") { request, _ -> Response in
            let (_, till) = try await till(request)
            let form = try await KioskJSON.decode(OwnerForm.self, from: request, limit: 4096)
            return try await answer {
                guard let auth = form.authorization else { throw CounterError(.ownerRequired) }
                let id = try await till.approve(form.kind ?? .expiredDocument, owner: auth, reason: form.reason ?? "")
                return ["approvalID": id, "owner": auth.name]
            }
        }

        // The chip of the document on this till's reader (the scanned MRZ is the key, or the CAN typed here).
        router.post("/api/chip") { request, _ -> Response in
            let (_, till) = try await till(request)
            struct Form: Decodable { var can: String? }
            let form = try await KioskJSON.decode(Form.self, from: request, limit: 1024)
            return try await answer { try await till.readChip(can: form.can.flatMap { $0.isEmpty ? nil : $0 }) }
        }

        // The owner decides on a chip check that needs it (a chip that differs from the print; an unverified chip
        // where the shop requires one).
        router.post("/api/chip/approve") { request, _ -> Response in
            let (_, till) = try await till(request)
            let form = try await KioskJSON.decode(OwnerForm.self, from: request, limit: 4096)
            return try await answer {
                guard let auth = form.authorization else { throw CounterError(.ownerRequired) }
                return try await till.approveChip(owner: auth, reason: form.reason ?? "")
            }
        }

        router.post("/api/photos") { request, _ -> Response in
            _ = try await till(request)
            var request = request
            let data = try await PhotoUpload.body(&request, limits: photos.limits)
            let reference: PhotoReference
            do throws(PhotoStore.PhotoError) {
                reference = try await photos.store(data, day: CalendarDate(engine.parts.clock()))
            } catch {
                throw KioskError(error)
            }
            return try KioskJSON.response(reference)
        }

        router.get("/photos/:hash") { request, context -> Response in
            _ = try await gate.session(request, roles: KioskGate.counterRoles)
            let hash = context.parameters.get("hash") ?? ""
            guard hash.count == 64, hash.allSatisfy(\.isHexDigit) else { throw KioskError(.notFound, "Foto niet gevonden.") }
            for type in ["image/jpeg", "image/png", "image/webp"] {
                if let data = try? await photos.photo(PhotoReference(sha256: hash, mediaType: type)) {
                    return Response(status: .ok, headers: [.contentType: type, .cacheControl: "private, max-age=3600"],
                                    body: .init(byteBuffer: ByteBuffer(bytes: data)))
                }
            }
            throw KioskError(.notFound, "Foto niet gevonden.", en: "Photo not found.")
        }

        // The clerk changed fields of the customer's draft (kept by the till: a reload finds it again).
        router.post("/api/till/draft") { request, _ -> Response in
            let (session, till) = try await till(request)
            let patch = try await KioskJSON.decode(TillDraftPatch.self, from: request, limit: 1 << 16)
            return try KioskJSON.response(await till.updateDraft(patch, clerk: session.account.name))
        }

        router.post("/api/intakes") { request, _ -> Response in
            let (session, till) = try await till(request)
            return try await registerIntake(request, session: session, till: till)
        }

    }

    static func answer(_ outcome: CounterSession.ScanOutcome) -> ScanAnswer {
        switch outcome {
        case .item(let item): ScanAnswer(kind: "item", item: item)
        case .document(let document): ScanAnswer(kind: "document", document: document)
        case .reading: ScanAnswer(kind: "reading")
        case .refused(let refusal): ScanAnswer(kind: "refused", refusal: refusal)
        }
    }

    /// Decodes the intake (the clerk is the signed-in account) and registers it through the till.
    func registerIntake(_ request: Request, session: KioskSession, till: CounterSession) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 1 << 20)
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] else {
            throw KioskError.badRequest("Onleesbaar verzoek.", en: "Unreadable request.")
        }
        guard let key = object["idempotencyKey"] as? String, (8...100).contains(key.count) else {
            throw KioskError.badRequest("Verzoek zonder sleutel: herlaad de pagina.", en: "Request without a key: reload the page.")
        }
        guard var intakeObject = object["intake"] as? [String: Any] else {
            // The counter page: the till's own draft, with the page's last changes.
            let patch = try? object["draft"].map { try JSONSerialization.data(withJSONObject: $0) }
                .map { try JSONDecoder().decode(TillDraftPatch.self, from: $0) }
            guard let patch else { throw KioskError.badRequest("Onleesbaar verzoek.", en: "Unreadable request.") }
            _ = await till.updateDraft(patch, clerk: session.account.name)
            return try await registering {
                try await till.registerDraft(clerk: session.account.name, approvalID: object["approvalID"] as? String,
                                             idempotencyKey: "\(till.till)/\(key)")
            }
        }
        intakeObject["clerk"] = session.account.name
        intakeObject["override"] = nil
        guard let intakeJSON = try? JSONSerialization.data(withJSONObject: intakeObject) else {
            throw KioskError.badRequest("Onleesbaar verzoek.", en: "Unreadable request.")
        }
        let intake: Intake
        do {
            intake = try IntakeValidator(requirePhotoWithoutSerial: requirePhotoWithoutSerial).decode(intakeJSON)
        } catch {
            throw KioskError(.unprocessableContent, error.message(.nl), en: error.message(.en), code: "intake:\(error.field ?? "")")
        }
        let draft = CounterDraft(intake: intake, approvalID: object["approvalID"] as? String)
        // The key is the page's, per customer; scoped to the till so two tills cannot collide.
        return try await registering { try await till.register(draft, idempotencyKey: "\(till.till)/\(key)") }
    }

    /// Registers through the till, wording its refusals for the page.
    func registering(_ body: () async throws -> RegisteredEntry) async throws -> Response {
        do {
            return try KioskJSON.response(try await body())
        } catch let error as CounterError {
            throw KioskError(error)
        } catch let error as IntakeError {
            let code = error == .sellerUnderage ? "needsOwner:minor"
                : error == .documentExpired ? "needsOwner:expiredDocument" : "intake:\(error.field ?? "")"
            throw KioskError(error, code: code)
        } catch let error as RegisterStoreError {
            throw KioskError(error)
        }
    }
}
