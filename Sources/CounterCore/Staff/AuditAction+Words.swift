/// The audit log in words (issue 14: the owner's page showed code words such as "login.ok"). The codes stay
/// in the database and in exports; pages and print show these.
extension AuditAction {
    /// What was done, in `language`.
    public func words(_ language: CounterMessages.Language) -> String {
        switch language {
        case .nl: dutch
        case .en: english
        }
    }

    var dutch: String {
        switch self {
        case .signInOK: "aangemeld"
        case .signInFailed: "verkeerde pincode"
        case .signInWhileLocked: "aanmelden geweigerd (geblokkeerd)"
        case .signOut: "afgemeld"
        case .accountAdded: "gebruiker toegevoegd"
        case .accountDisabled: "gebruiker uitgeschakeld"
        case .accountEnabled: "gebruiker ingeschakeld"
        case .pinChanged: "nieuwe pincode ingesteld"
        case .accountUnlocked: "gebruiker gedeblokkeerd"
        case .intakeRegistered: "inschrijving gedaan"
        case .intakeCorrected: "correctie ingeschreven"
        case .sellerOverride: "toestemming eigenaar (verlopen document of minderjarige)"
        case .chipChecked: "chip van identiteitsbewijs gecontroleerd"
        case .chipOverride: "toestemming eigenaar (chipcontrole)"
        case .warningDismissed: "waarschuwing weggeklikt door de eigenaar"
        case .hitRaised: "TREFFER gestolen goederen getoond"
        case .hitDecided: "beslissing eigenaar over een treffer"
        case .hitOverrideRefused: "treffer wegklikken zonder eigenaar geweigerd"
        case .saleRecorded: "verkoop vastgelegd"
        case .alertAcknowledged: "melding afgehandeld"
        case .exportCSV: "CSV geëxporteerd"
        case .exportPDF: "PDF geëxporteerd of afgedrukt"
        case .configurationSaved: "instellingen opgeslagen"
        case .uploadRetried: "opnieuw verzonden naar het register"
        case .identitiesErased: "gegevens van verkopers gewist (bewaartermijn voorbij)"
        case .holdOrderAdded: "bewaarlast politie vastgelegd"
        case .holdOrderLifted: "bewaarlast politie opgeheven"
        case .policeNoticeAdded: "schriftelijke melding politie vastgelegd"
        case .policeNoticeClosed: "schriftelijke melding politie ingetrokken"
        case .informationRequestAdded: "informatieverzoek politie vastgelegd"
        case .informationRequestAnswered: "informatieverzoek politie beantwoord"
        case .informationRequestExported: "antwoord op informatieverzoek geëxporteerd"
        case .policeFlagOpened: "politiemelding op voorwerp geopend"
        case .policeFlagClosed: "politiemelding op voorwerp gesloten"
        case .shopSetUp: "winkelgegevens ingesteld"
        case .metalPriceSet: "dagkoers edelmetaal ingesteld"
        case .hotlistStored: "lijst gestolen goederen voor het filiaal opgeslagen"
        }
    }

    var english: String {
        switch self {
        case .signInOK: "signed in"
        case .signInFailed: "wrong PIN"
        case .signInWhileLocked: "sign-in refused (locked)"
        case .signOut: "signed out"
        case .accountAdded: "user added"
        case .accountDisabled: "user disabled"
        case .accountEnabled: "user enabled"
        case .pinChanged: "new PIN set"
        case .accountUnlocked: "user unlocked"
        case .intakeRegistered: "entry registered"
        case .intakeCorrected: "correction registered"
        case .sellerOverride: "owner's consent (expired document or minor)"
        case .chipChecked: "identity document chip checked"
        case .chipOverride: "owner's consent (chip check)"
        case .warningDismissed: "warning dismissed by the owner"
        case .hitRaised: "stolen-goods HIT shown"
        case .hitDecided: "owner's decision on a hit"
        case .hitOverrideRefused: "dismissing a hit without the owner refused"
        case .saleRecorded: "sale recorded"
        case .alertAcknowledged: "alert dealt with"
        case .exportCSV: "CSV exported"
        case .exportPDF: "PDF exported or printed"
        case .configurationSaved: "settings saved"
        case .uploadRetried: "sent to the register again"
        case .identitiesErased: "sellers' details erased (retention over)"
        case .holdOrderAdded: "police hold order recorded"
        case .holdOrderLifted: "police hold order lifted"
        case .policeNoticeAdded: "written police notice recorded"
        case .policeNoticeClosed: "written police notice withdrawn"
        case .informationRequestAdded: "police information request recorded"
        case .informationRequestAnswered: "police information request answered"
        case .informationRequestExported: "answer to an information request exported"
        case .policeFlagOpened: "police flag on an item opened"
        case .policeFlagClosed: "police flag on an item closed"
        case .shopSetUp: "shop details set"
        case .metalPriceSet: "day price of a precious metal set"
        case .hotlistStored: "stolen-goods list stored for the branch"
        }
    }
}

extension AuditEvent {
    /// What was done, in words; an action this version does not know is shown as stored.
    public func actionWords(_ language: CounterMessages.Language) -> String {
        AuditAction(rawValue: action)?.words(language) ?? action
    }

    /// What it was done to, in words: "entry 12" → "inschrijving 12", "item 12-1" → "voorwerp 12-1".
    public func subjectWords(_ language: CounterMessages.Language) -> String {
        guard let subject else { return "" }
        guard language == .nl else { return subject }
        for (code, word) in [("entry ", "inschrijving "), ("item ", "voorwerp "), ("alert ", "melding "),
                             ("request ", "verzoek "), ("upload queue", "wachtrij register"), ("number ", "nummer "), ("identifier", "nummer")]
        where subject.hasPrefix(code) {
            return word + subject.dropFirst(code.count)
        }
        return subject
    }

    /// The detail in words where the kiosk wrote it (a sign-in's purpose, a correction, an export's period);
    /// what a person typed (a reason, a note) stays as typed.
    public func detailWords(_ language: CounterMessages.Language) -> String {
        guard language == .nl else { return detail }
        var text = detail
        for (code, word) in [("sign-in", "aanmelden"), ("hit decision", "beslissing over een treffer"),
                             ("correction of entry ", "correctie van inschrijving "), ("corrects entry ", "corrigeert inschrijving "),
                             ("approve ", "toestemming "), ("new customer", "nieuwe klant"), ("remove", "voorwerp weghalen")]
        where text.hasPrefix(code) {
            text = word + text.dropFirst(code.count)
            break
        }
        if text.hasSuffix(" entries"), let space = text.dropLast(" entries".count).lastIndex(of: " "),
           Int(text[text.index(after: space)..<text.index(text.endIndex, offsetBy: -" entries".count)]) != nil {
            text = text.dropLast(" entries".count) + " inschrijvingen"
        }
        return text
    }
}

