import Counter
import Foundation
import Hummingbird
import IDScan

/// The counter screen's API: scans, the seller's document, item checks, owner approvals, photos, the intake.
extension KioskServer {
    struct ScanRequest: Decodable { var text: String }
    struct ScanAnswer: Encodable {
        var kind: String
        var item: DraftItem?
        var document: SellerDocument?
    }
    struct LookupRequest: Decodable {
        var documentNumber: String
        var issuingCountry: String
    }
    struct CheckRequest: Decodable {
        var itemID: String?
        var serial: String
        var brand: String?
    }
    struct OwnerPINRequest: Decodable {
        var itemID: String?
        var owner: String
        var pin: String
        var reason: String
        /// For approvals: `expiredDocument` or `minor`.
        var kind: String?
    }
    struct IntakeAnswer: Encodable {
        var entryNumber: Int
        var itemIDs: [String]
        var holdUntil: String?
    }

    func addCounterRoutes(_ router: Router<BasicRequestContext>) {
        router.post("/api/scan") { request, _ -> Response in
            _ = try await session(request, roles: Self.counterRoles)
            let scan = try await KioskJSON.decode(ScanRequest.self, from: request, limit: 8192)
            switch await scans.handleTyped(scan.text) {
            case .item(let item): return try KioskJSON.response(ScanAnswer(kind: "item", item: item))
            case .document(let document): return try KioskJSON.response(ScanAnswer(kind: "document", document: document))
            case .partialDocument: return try KioskJSON.response(ScanAnswer(kind: "partialDocument"))
            }
        }

        router.post("/api/document") { request, _ -> Response in
            _ = try await session(request, roles: Self.counterRoles)
            let scan = try await KioskJSON.decode(ScanRequest.self, from: request, limit: 8192)
            let document = await scans.readDocument(lines: MRZNormalizer.lines(from: Array(scan.text.utf8)))
            return try KioskJSON.response(document)
        }

        router.post("/api/sellers/lookup") { request, _ -> Response in
            _ = try await session(request, roles: Self.counterRoles)
            let lookup = try await KioskJSON.decode(LookupRequest.self, from: request, limit: 4096)
            let returning = scans.returningSeller(documentNumber: lookup.documentNumber, issuingCountry: lookup.issuingCountry)
            return try KioskJSON.response(["returning": returning])
        }

        router.post("/api/items/check") { request, _ -> Response in
            _ = try await session(request, roles: Self.counterRoles)
            let check = try await KioskJSON.decode(CheckRequest.self, from: request, limit: 4096)
            return try KioskJSON.response(await scans.checkTyped(itemID: check.itemID, serial: check.serial, brand: check.brand))
        }

        // A stolen-goods warning goes away only with an owner's PIN and a reason, both recorded.
        router.post("/api/items/dismiss") { request, _ -> Response in
            let session = try await session(request, roles: Self.counterRoles)
            let form = try await KioskJSON.decode(OwnerPINRequest.self, from: request, limit: 4096)
            guard let itemID = form.itemID, await ledger.get(itemID) != nil else {
                throw KioskError.badRequest("Onbekend voorwerp.", en: "Unknown item.")
            }
            let reason = form.reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard reason.count >= 3 else {
                throw KioskError.badRequest("Geef een reden op.", en: "Give a reason.")
            }
            let owner = try verifyOwner(name: form.owner, pin: form.pin, purpose: "dismiss warning")
            let item = await ledger.update(itemID) { draft in
                draft.dismissedBy = owner.name
                draft.dismissReason = reason
            }
            try staff.audit.record(.warningDismissed, actor: owner.name, subject: "item \(itemID)",
                                   detail: "at counter of \(session.account.name): \(reason)", at: clock())
            if let item { await events.publish(KioskEvent(type: "check", payload: item)) }
            return try KioskJSON.response(item)
        }

        // An owner allows an expired document or an under-18 seller for one intake.
        router.post("/api/approvals") { request, _ -> Response in
            let session = try await session(request, roles: Self.counterRoles)
            let form = try await KioskJSON.decode(OwnerPINRequest.self, from: request, limit: 4096)
            let reason = form.reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard reason.count >= 3 else { throw KioskError.badRequest("Geef een reden op.", en: "Give a reason.") }
            let kind = form.kind == "minor" ? "minor" : "expiredDocument"
            let owner = try verifyOwner(name: form.owner, pin: form.pin, purpose: "approve \(kind)")
            let approval = OwnerApproval(owner: owner.name, reason: reason, kind: kind, at: clock())
            guard let id = await sessions.addApproval(approval, token: session.token) else { throw KioskError.signedOut }
            return try KioskJSON.response(["approvalID": id, "owner": owner.name])
        }

        router.post("/api/photos") { request, _ -> Response in
            _ = try await session(request, roles: Self.counterRoles)
            var request = request
            let buffer = try await request.collectBody(upTo: 15 * 1_048_576)
            do {
                return try KioskJSON.response(try photos.put(Data(buffer.readableBytesView)))
            } catch let error as PhotoStore.PhotoError {
                throw KioskError.badRequest(error.description)
            }
        }

        router.get("/photos/:hash") { request, context -> Response in
            _ = try await session(request, roles: Self.counterRoles)
            let hash = context.parameters.get("hash") ?? ""
            guard hash.count == 64, hash.allSatisfy(\.isHexDigit) else { throw KioskError(.notFound, "Foto niet gevonden.") }
            for type in ["image/jpeg", "image/png", "image/webp"] {
                if let data = try? photos.data(for: PhotoReference(sha256: hash, mediaType: type)) {
                    return Response(status: .ok, headers: [.contentType: type, .cacheControl: "private, max-age=3600"],
                                    body: .init(byteBuffer: ByteBuffer(bytes: data)))
                }
            }
            throw KioskError(.notFound, "Foto niet gevonden.", en: "Photo not found.")
        }

        router.post("/api/intakes") { request, _ -> Response in
            let session = try await session(request, roles: Self.counterRoles)
            return try await registerIntake(request, session: session)
        }

        router.get("/print/entry/:number") { request, context -> Response in
            _ = try await session(request, roles: Self.counterRoles)
            guard let number = context.parameters.get("number", as: Int.self), let entry = try store.entry(number: number) else {
                throw KioskError(.notFound, "Geen inschrijving met dit nummer.", en: "No entry with this number.")
            }
            let checks = try store.latestChecks(entryNumbers: [number])
            return PrintPages.html(PrintPages.entry(entry, checks: checks, shop: config.shop, training: settings.training))
        }
    }

    /// Validates and writes one intake: the clerk is the signed-in account, the checks come from the scans.
    func registerIntake(_ request: Request, session: KioskSession) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 1 << 20)
        guard var object = (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any],
              var intakeObject = object["intake"] as? [String: Any] else {
            throw KioskError.badRequest("Onleesbaar verzoek.", en: "Unreadable request.")
        }
        let draftIDs = (object["draftIDs"] as? [Any])?.map { $0 as? String } ?? []
        let approvalID = object["approvalID"] as? String
        object = [:]
        intakeObject["clerk"] = session.account.name
        intakeObject["override"] = nil
        let validator = IntakeValidator(requirePhotoWithoutSerial: config.requirePhotoWithoutSerial)
        var intake: Intake
        guard let intakeJSON = try? JSONSerialization.data(withJSONObject: intakeObject) else {
            throw KioskError.badRequest("Onleesbaar verzoek.", en: "Unreadable request.")
        }
        do {
            intake = try validator.decode(intakeJSON)
        } catch {
            throw KioskError(.unprocessableContent, Self.dutch(error), en: error.description, code: "intake:\(error.field ?? "")")
        }
        // A hit that no owner dismissed stops the purchase here too, not only on the screen.
        var drafts: [DraftItem?] = []
        for id in draftIDs { drafts.append(id == nil ? nil : await ledger.get(id!)) }
        if drafts.contains(where: { $0?.blocksPurchase == true }) {
            throw KioskError(
                .conflict, "TREFFER op de lijst met gestolen goederen: niet kopen. Alleen de eigenaar kan de waarschuwing opheffen.",
                en: "HIT on the stolen-goods list: do not buy. Only the owner can lift the warning.", code: "hit")
        }
        var approval: OwnerApproval?
        if let approvalID {
            approval = await sessions.approval(approvalID, token: session.token)
            if let approval { intake.override = OwnerOverride(owner: approval.owner, reason: approval.reason) }
        }
        let now = clock()
        let entry: RegisterEntry
        do {
            entry = try store.append(intake, at: now)
            if let approvalID { _ = await sessions.takeApproval(approvalID, token: session.token) }
        } catch let error as IntakeError {
            // An approval stays good for the corrected intake: it is used up only by a registered one.
            let code = switch error {
            case .sellerUnderage: "needsOwner:minor"
            case .documentExpired: "needsOwner:expiredDocument"
            default: "intake:\(error.field ?? "")"
            }
            throw KioskError(.unprocessableContent, Self.dutch(error), en: error.description, code: code)
        } catch let error as RegisterStoreError {
            throw KioskError(.serviceUnavailable, error.description, code: "store")
        }
        for i in entry.items.indices {
            let draft = i < drafts.count ? drafts[i] : nil
            let check = draft?.check ?? .nothingToCheck
            let dismissal = draft?.dismissedBy.map { "\($0): \(draft?.dismissReason ?? "")" }
            try store.record(check.itemCheck(itemID: entry.itemID(i), term: draft?.checkTerm ?? "",
                                             at: draft?.checkedAt ?? now, dismissal: dismissal))
        }
        try staff.audit.record(.intakeRegistered, actor: session.account.name, subject: "entry \(entry.entryNumber)",
                               detail: settings.training ? "training" : "", at: now)
        if let approval {
            try staff.audit.record(.sellerOverride, actor: approval.owner, subject: "entry \(entry.entryNumber)",
                                   detail: "\(approval.kind): \(approval.reason)", at: now)
        }
        await events.publish(KioskEvent(type: "registered", payload: ["entryNumber": entry.entryNumber], audience: ["owner"]))
        return try KioskJSON.response(IntakeAnswer(
            entryNumber: entry.entryNumber, itemIDs: entry.items.indices.map(entry.itemID),
            holdUntil: entry.items.first?.holdUntil?.iso))
    }

    /// The store's intake errors in the words a Dutch clerk reads.
    static func dutch(_ error: IntakeError) -> String {
        switch error {
        case .sellerUnderage: "De verkoper is jonger dan 18: niet kopen, tenzij de eigenaar toestemming geeft met pincode en reden."
        case .documentExpired: "Het identiteitsbewijs is verlopen: niet kopen, tenzij de eigenaar toestemming geeft met pincode en reden."
        case .missingField(let f): "\(fieldName(f)): verplicht voor het register."
        case .invalidField(let f, let reason): "\(fieldName(f)): \(reason)."
        default: error.description
        }
    }

    static func fieldName(_ path: String) -> String {
        let names = [
            "seller.surname": "Achternaam", "seller.address.street": "Straat", "seller.address.houseNumber": "Huisnummer",
            "seller.address.postcode": "Postcode", "seller.address.city": "Plaats", "seller.document.number": "Documentnummer",
            "seller.document.issuingCountry": "Land van afgifte", "seller.birthDate": "Geboortedatum", "items": "Voorwerpen",
            "priceCents": "Prijs",
        ]
        if let name = names[path] { return name }
        if path.hasPrefix("items["), let close = path.firstIndex(of: "]") {
            let index = Int(path[path.index(path.startIndex, offsetBy: 6)..<close]).map { $0 + 1 } ?? 0
            let rest = path[path.index(after: close)...].dropFirst()
            let field = ["description": "omschrijving", "photos": "foto (verplicht zonder serienummer)", "imei": "IMEI",
                         "gtin": "GTIN", "priceCents": "prijs"][String(rest)] ?? String(rest)
            return "Voorwerp \(index): \(field)"
        }
        return path
    }
}
