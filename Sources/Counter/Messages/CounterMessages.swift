/// The counter's messages, worded once per language. Errors and refusals carry a stable ``Code``; the
/// kiosk, the CLI and embedders look the words up here (`nl` is what a clerk reads by default).
///
/// Placeholders are written `{name}` and filled from the parameters of the error.
public enum CounterMessages {
    /// The languages the catalog has.
    public enum Language: String, Sendable, CaseIterable, Codable {
        case nl, en
    }

    /// A message's stable key.
    public enum Code: String, Sendable, CaseIterable, Codable {
        case scanDocumentUnreadable = "scan.documentUnreadable"
        case scanBSN = "scan.bsn"
        case scanTooShort = "scan.tooShort"
        case scanTooLong = "scan.tooLong"
        case scanControlCharacters = "scan.controlCharacters"
        case scanDuplicate = "scan.duplicate"
        case documentReading = "document.reading"
        case hitOpen = "till.hitOpen"
        case hitAtRegistration = "till.hitAtRegistration"
        case ownerRequired = "till.ownerRequired"
        case ownerRefused = "till.ownerRefused"
        case reasonRequired = "till.reasonRequired"
        case policeReferenceRequired = "till.policeReferenceRequired"
        case itemNotFound = "till.itemNotFound"
        case noOpenHit = "till.noOpenHit"
        case unknownTill = "till.unknown"
        case unknownAlert = "alert.unknown"
        case registerDamaged = "register.damaged"
        case registerWhole = "register.whole"
        case registerWhatToDo = "register.whatToDo"
        case registerWhatToDoServer = "register.whatToDoServer"
        case intakeInvalid = "intake.invalid"
        case storeFailed = "store.failed"
        case checkListTooOld = "check.listTooOld"
        case checkRemoteNotAnswered = "check.remoteNotAnswered"
        case photoNotAnImage = "photo.notAnImage"
        case photoTooLarge = "photo.tooLarge"
        case photoDailyQuota = "photo.dailyQuota"
        case photoDiskFull = "photo.diskFull"
        case photoUnreadable = "photo.unreadable"
        case photoWriteFailed = "photo.writeFailed"
        case shopNameMissing = "shop.nameMissing"
        case shopKvKNumber = "shop.kvkNumber"
        case shopBranch = "shop.branch"
        case shopMunicipalityMissing = "shop.municipalityMissing"
        case shopNotSetUp = "shop.notSetUp"
        case documentSpecimen = "document.specimen"
        case documentNameTruncated = "document.nameTruncated"
        case documentRepaired = "document.repaired"
        case documentBSNRemoved = "document.bsnRemoved"
        case formatNotAnAmount = "format.notAnAmount"
        case formatNegative = "format.negative"
        case formatNotAWeight = "format.notAWeight"
        case formatNotADate = "format.notADate"
        case cashLimitPurchase = "cash.limitPurchase"
        case cashEarlierPurchase = "cash.earlierPurchase"
        case cashLimitSale = "cash.limitSale"
        case cashEarlierSale = "cash.earlierSale"
        case policeMissingField = "police.missingField"
        case policeHoldTooLong = "police.holdTooLong"
        case policeOrderedInTheFuture = "police.orderedInTheFuture"
        case policeNotFound = "police.notFound"
        case policeNoticeTooVague = "police.noticeTooVague"
        case policeDeadlineBeforeReceipt = "police.deadlineBeforeReceipt"
        case policeEmptySelection = "police.emptySelection"
        case saleHoldOrder = "sale.holdOrder"
        case alertHoldOrderEnded = "alert.holdOrderEnded"
        case alertPoliceNoticeMatch = "alert.policeNoticeMatch"
        case alertDORRequired = "alert.dorRequired"
        case alertLateHit = "alert.lateHit"
        case alertLatePossibleMatch = "alert.latePossibleMatch"
        case alertUploadRejected = "alert.uploadRejected"
        case alertUploadRejectedSale = "alert.uploadRejectedSale"
        case alertUploadBacklog = "alert.uploadBacklog"
        case searchNoCriteria = "search.noCriteria"
        case searchBadPeriod = "search.badPeriod"
        case entryNotFound = "entry.notFound"
        case exportPeriodTooLong = "export.periodTooLong"
        case correctedAlready = "entry.correctedAlready"
        case notOnPostgres = "storage.notOnPostgres"
    }

    /// The words for `code` in `language`, with `{name}` placeholders filled from `parameters`.
    public static func text(_ code: Code, _ language: Language = .nl, _ parameters: [String: String] = [:]) -> String {
        var text = template(code, language)
        for (name, value) in parameters { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// The template of `code` in `language`.
    public static func template(_ code: Code, _ language: Language) -> String {
        switch language {
        case .nl: dutch(code)
        case .en: english(code)
        }
    }

    static func dutch(_ code: Code) -> String {
        switch code {
        case .scanDocumentUnreadable: "Document niet leesbaar, opnieuw scannen."
        case .scanBSN: "Deze code bevat een burgerservicenummer en wordt niet gebruikt. Scan de code op het voorwerp."
        case .scanTooShort: "Scan te kort voor een serienummer: opnieuw scannen."
        case .scanTooLong: "Scan te lang voor een serienummer: opnieuw scannen of typ het nummer."
        case .scanControlCharacters: "Scan met onleesbare tekens: opnieuw scannen (controleer de instelling van de scanner)."
        case .scanDuplicate: "Dit nummer is al gescand bij deze klant."
        case .documentReading: "Document wordt gelezen…"
        case .hitOpen: "TREFFER op de lijst met gestolen goederen: eerst moet de eigenaar beslissen."
        case .hitAtRegistration: "TREFFER op de lijst met gestolen goederen ({identifier}): niet kopen. De eigenaar moet beslissen."
        case .ownerRequired: "Hiervoor is de pincode van de eigenaar nodig."
        case .ownerRefused: "Naam of pincode van de eigenaar klopt niet."
        case .reasonRequired: "Geef een reden op."
        case .policeReferenceRequired: "Kopen op aanwijzing van de politie: vul het registratienummer van de politie in."
        case .itemNotFound: "Onbekend voorwerp."
        case .noOpenHit: "Er staat geen treffer open."
        case .unknownTill: "Onbekende kassa: {till}."
        case .unknownAlert: "Er is geen melding met nummer {id}."
        case .registerDamaged: "Het register kan niet aantonen dat het compleet is ({problem}). Er kunnen geen nieuwe inschrijvingen bij; inzien en exporteren kan wel. Zet de laatste back-up terug en bewaar het beschadigde bestand voor de politie en de gemeente."
        case .registerWhole: "Het register is compleet en ongewijzigd: {count} inschrijvingen, de laatste met hash {hash}."
        case .registerWhatToDo: """
            1. Er worden geen nieuwe inschrijvingen gedaan; inzien, afdrukken en exporteren kan wel.
            2. Bewaar de beschadigde bestanden zoals ze zijn, voor de politie en de gemeente: {register} en {anchor}. Kopieer ze naar een USB-stick en verander er niets aan.
            3. Stop de kiosk, zet de laatste goede back-up terug (beide bestanden) en start de kiosk opnieuw: bij het starten wordt het register gecontroleerd (of met `counter-kiosk verify`).
            4. Meld het de politie en de gemeente als er inschrijvingen ontbreken of gewijzigd zijn, met de volgnummers hierboven.
            """
        case .registerWhatToDoServer: """
            1. Er worden geen nieuwe inschrijvingen gedaan; inzien, afdrukken en exporteren kan wel.
            2. Laat de technicus de database bewaren zoals die nu is, voor de politie en de gemeente: een kopie (pg_dump) van {register}, met {anchor} van deze pc. Verander er niets aan.
            3. Zet de laatste goede back-up van de database terug (of laat de standby het overnemen) en start de kiosken opnieuw: bij het starten wordt het register gecontroleerd (of met `counter-kiosk verify --database …`).
            4. Meld het de politie en de gemeente als er inschrijvingen ontbreken of gewijzigd zijn, met de volgnummers hierboven.
            """
        case .intakeInvalid: "{detail}"
        case .storeFailed: "Het register kon niet worden geschreven: {detail}"
        case .checkListTooOld: "De lijst met gestolen goederen is ouder dan {hours} uur: niet gecontroleerd. Importeer een nieuwe lijst."
        case .checkRemoteNotAnswered: "Stop Heling had nog niet geantwoord bij het inschrijven: niet gecontroleerd."
        case .photoNotAnImage: "Dit bestand is geen (volledige) JPEG-, PNG- of WebP-foto. Maak de foto opnieuw."
        case .photoTooLarge: "De foto is te groot ({megabytes} MB, hooguit {limit} MB). Maak een kleinere foto."
        case .photoDailyQuota: "Vandaag is het maximum aan foto's bereikt ({limit} MB). Inschrijven kan nog; de eigenaar kan de grens in de instellingen verhogen."
        case .photoDiskFull: "De schijf is bijna vol (nog {free} MB vrij): foto's worden niet meer opgeslagen, zodat het register ruimte houdt. Waarschuw de technicus."
        case .photoUnreadable: "Foto {photo}… ontbreekt of is gewijzigd na het opslaan."
        case .photoWriteFailed: "De foto kon niet worden opgeslagen: {detail}"
        case .shopNameMissing: "Vul de naam van de winkel in."
        case .shopKvKNumber: "Het KvK-nummer heeft 8 cijfers (zie het uittreksel van de Kamer van Koophandel)."
        case .shopBranch: "Het vestigingsnummer heeft 12 cijfers (zie het uittreksel van de Kamer van Koophandel)."
        case .shopMunicipalityMissing: "Kies de gemeente van de winkel: haar APV bepaalt de bewaartermijn."
        case .shopNotSetUp: "Er kan nog niet worden ingeschreven: de eigenaar moet eerst de naam, het KvK-nummer, het vestigingsnummer en de gemeente van de winkel invullen (pagina Eigenaar, of counter-kiosk shop set)."
        case .documentSpecimen: "SPECIMEN (UTO): dit is een voorbeelddocument, geen echt identiteitsbewijs. Niet kopen."
        case .documentNameTruncated: "De naam vult het hele MRZ-veld: hij kan zijn afgekapt. Neem de volledige naam over van de voorkant van het document."
        case .documentRepaired: "Leesfout hersteld in {field}: {from} werd {to} (de controlecijfers kloppen zo). Vergelijk met het document."
        case .documentBSNRemoved: "Het burgerservicenummer (BSN) is verwijderd; het wordt nooit opgeslagen."
        case .formatNotAnAmount: "Geen geldig bedrag: typ het zo: 12,50 of 1.250."
        case .formatNegative: "Kan niet negatief zijn."
        case .formatNotAWeight: "Geen geldig gewicht: typ de grammen zo: 3,2."
        case .formatNotADate: "Geen geldige datum: typ dd-mm-jjjj, bijvoorbeeld 01-02-1970."
        case .cashLimitPurchase: "Contant betalen van {limit} of meer mag niet (Wwft, sinds 1 januari 2026): {amount} nu{earlier}. Betaal per bankoverschrijving."
        case .cashEarlierPurchase: " + {amount} contant aan deze verkoper in de afgelopen 24 uur"
        case .cashLimitSale: "Contant ontvangen van {limit} of meer mag niet (Wwft, sinds 1 januari 2026): {amount} nu{earlier}. Vraag om een bankoverschrijving."
        case .cashEarlierSale: " + {amount} contant van deze koper in de afgelopen 24 uur"
        case .policeMissingField: "{field} is verplicht."
        case .policeHoldTooLong: "Een bewaarlast duurt hoogstens 14 dagen (art. 437 lid 1 onder f Sr): {from} t/m {until} is {days} dagen."
        case .policeOrderedInTheFuture: "De datum van de bewaarlast ({day}) ligt in de toekomst."
        case .policeNotFound: "Politiezaak {id} bestaat niet."
        case .policeNoticeTooVague: "Vul een serienummer in, of een merk met een omschrijving: anders kan de melding niet worden gecontroleerd."
        case .policeDeadlineBeforeReceipt: "De uiterste datum ligt voor de datum van ontvangst."
        case .policeEmptySelection: "Kies wat de politie vraagt: een serienummer, een documentnummer of een periode."
        case .alertDORRequired: "Sinds {from} geldt wetsvoorstel 36 036: elke inschrijving moet naar het DOR. Er is geen upload ingesteld: laat de technicus register.url en register.token instellen. De inschrijvingen staan klaar in de wachtrij."
        case .alertLateHit: "Nieuwe lijst met gestolen goederen: voorwerp {item} (volgnummer {entry}) staat erop. Bewaar het, verkoop of verander het niet, en bel de politie (0900-8844)."
        case .alertLatePossibleMatch: "Nieuwe lijst met gestolen goederen: voorwerp {item} (volgnummer {entry}) lijkt op een melding. Vergelijk de melding met het voorwerp; bij twijfel: bewaren en de politie bellen (0900-8844)."
        case .alertUploadRejected: "Het register weigerde inschrijving {entry}: {reason}. Maak een correctie-inschrijving en stuur daarna opnieuw (knop Opnieuw versturen)."
        case .alertUploadRejectedSale: "Het register weigerde de verkoop bij inschrijving {entry}: {reason}. Verbeter de verkoop en stuur daarna opnieuw (knop Opnieuw versturen)."
        case .alertUploadBacklog: "{count} inschrijvingen wachten op verzending naar het register, de oudste (volgnummer {entry}) al {hours} uur. Controleer de internetverbinding. Blijft het register onbereikbaar, voer ze dan in het DOR-portaal in (knop DOR-invoer afdrukken)."
        case .alertHoldOrderEnded: "De bewaarlast van de politie ({reference}) op voorwerp {item} is afgelopen ({until}). Na de gewone bewaartermijn mag het weer verkocht worden."
        case .alertPoliceNoticeMatch: "Schriftelijke melding van de politie ({reference}) past op voorwerp {item} (volgnummer {entry}): het heeft een politiemelding gekregen. Bewaren en de politie bellen."
        case .saleHoldOrder: "Voorwerp {item} valt onder een bewaarlast van de politie ({reference}) tot en met {until}: niet verkopen, omsmelten of veranderen."
        case .searchNoCriteria: "Vul minstens één zoekveld in: serienummer, naam, documentnummer, periode, medewerker, soort of controle."
        case .searchBadPeriod: "De periode klopt niet: de begindatum ligt na de einddatum."
        case .entryNotFound: "Er is geen inschrijving met volgnummer {entry}."
        case .exportPeriodTooLong: "Kies een periode van hoogstens {days} dagen (of exporteer in delen)."
        case .correctedAlready: "Inschrijving {entry} is al gecorrigeerd door inschrijving {by}: corrigeer die."
        case .notOnPostgres: "Dit ({what}) kan nog niet met het register op de PostgreSQL-server; het komt in een volgende versie. Het register zelf, de kassa's en de uploads werken wel."
        }
    }

    static func english(_ code: Code) -> String {
        switch code {
        case .scanDocumentUnreadable: "Document not readable, scan again."
        case .scanBSN: "This code holds a citizen service number (BSN) and is not used. Scan the code on the item."
        case .scanTooShort: "Scan too short for a serial number: scan again."
        case .scanTooLong: "Scan too long for a serial number: scan again or type the number."
        case .scanControlCharacters: "Scan with unreadable characters: scan again (check the scanner's settings)."
        case .scanDuplicate: "This number was already scanned for this customer."
        case .documentReading: "Reading the document…"
        case .hitOpen: "HIT on the stolen-goods list: the owner must decide first."
        case .hitAtRegistration: "HIT on the stolen-goods list ({identifier}): do not buy. The owner must decide."
        case .ownerRequired: "This needs the owner's PIN."
        case .ownerRefused: "The owner's name or PIN is wrong."
        case .reasonRequired: "Give a reason."
        case .policeReferenceRequired: "Bought on police instruction: fill in the police reference."
        case .itemNotFound: "Unknown item."
        case .noOpenHit: "There is no open hit."
        case .unknownTill: "Unknown till: {till}."
        case .unknownAlert: "There is no alert number {id}."
        case .registerDamaged: "The register cannot prove it is whole ({problem}). No new entries can be made; reading and exports still work. Restore the last backup, and keep the damaged file for the police and the municipality."
        case .registerWhole: "The register is whole and unchanged: {count} entries, the last with hash {hash}."
        case .registerWhatToDo: """
            1. No new entries are made; reading, printing and exports still work.
            2. Keep the damaged files as they are, for the police and the municipality: {register} and {anchor}. Copy them to a USB stick and change nothing in them.
            3. Stop the kiosk, put back the last good backup (both files) and start the kiosk again: the register is checked at start (or with `counter-kiosk verify`).
            4. Tell the police and the municipality if entries are missing or changed, with the entry numbers above.
            """
        case .registerWhatToDoServer: """
            1. No new entries are made; reading, printing and exports still work.
            2. Have the technician keep the database as it is now, for the police and the municipality: a copy (pg_dump) of {register}, with {anchor} of this PC. Change nothing in them.
            3. Put back the database's last good backup (or let the standby take over) and start the kiosks again: the register is checked at start (or with `counter-kiosk verify --database …`).
            4. Tell the police and the municipality if entries are missing or changed, with the entry numbers above.
            """
        case .intakeInvalid: "{detail}"
        case .storeFailed: "The register could not be written: {detail}"
        case .checkListTooOld: "The stolen-goods list is older than {hours} hours: not checked. Import a new list."
        case .checkRemoteNotAnswered: "Stop Heling had not answered when the entry was registered: not checked."
        case .photoNotAnImage: "This file is not a (complete) JPEG, PNG or WebP photo. Take the photo again."
        case .photoTooLarge: "The photo is too large ({megabytes} MB, at most {limit} MB). Take a smaller photo."
        case .photoDailyQuota: "Today's limit for photos is reached ({limit} MB). Entries can still be made; the owner can raise the limit in the settings."
        case .photoDiskFull: "The disk is almost full ({free} MB free): photos are no longer stored, so the register keeps room. Tell the technician."
        case .photoUnreadable: "Photo {photo}… is missing or was changed after it was stored."
        case .photoWriteFailed: "The photo could not be stored: {detail}"
        case .shopNameMissing: "Fill in the shop's name."
        case .shopKvKNumber: "The KvK (Chamber of Commerce) number has 8 digits (see the KvK extract)."
        case .shopBranch: "The branch number (vestigingsnummer) has 12 digits (see the KvK extract)."
        case .shopMunicipalityMissing: "Choose the shop's municipality: its APV sets the holding period."
        case .shopNotSetUp: "No entries yet: the owner must first fill in the shop's name, KvK number, branch number and municipality (Owner page, or counter-kiosk shop set)."
        case .documentSpecimen: "SPECIMEN (UTO): this is a sample document, not a real identity document. Do not buy."
        case .documentNameTruncated: "The name fills the whole MRZ field: it may be cut short. Copy the full name from the front of the document."
        case .documentRepaired: "Read error repaired in {field}: {from} became {to} (so the check digits hold). Compare with the document."
        case .documentBSNRemoved: "The citizen service number (BSN) was removed; it is never stored."
        case .formatNotAnAmount: "Not an amount: type it like 12.50 or 1250."
        case .formatNegative: "Cannot be negative."
        case .formatNotAWeight: "Not a weight: type the grams like 3.2."
        case .formatNotADate: "Not a date: type dd-mm-yyyy, for example 01-02-1970."
        case .cashLimitPurchase: "Cash of {limit} or more is not allowed (Wwft cash ban, since 1 January 2026): {amount} now{earlier}. Pay by bank transfer."
        case .cashEarlierPurchase: " + {amount} in cash to this seller in the last 24 hours"
        case .cashLimitSale: "Cash of {limit} or more is not allowed (Wwft cash ban, since 1 January 2026): {amount} now{earlier}. Ask for a bank transfer."
        case .cashEarlierSale: " + {amount} in cash from this buyer in the last 24 hours"
        case .policeMissingField: "{field} is required."
        case .policeHoldTooLong: "A police hold order lasts at most 14 days (art. 437(1)(f) Sr): {from} to {until} is {days} days."
        case .policeOrderedInTheFuture: "The hold order's date ({day}) is in the future."
        case .policeNotFound: "Police matter {id} does not exist."
        case .policeNoticeTooVague: "Give a serial number, or a brand with a description: otherwise the notice cannot be checked."
        case .policeDeadlineBeforeReceipt: "The deadline is before the day the request was received."
        case .policeEmptySelection: "Choose what the police ask about: a serial number, a document number or a period."
        case .alertDORRequired: "Bill 36 036 applies since {from}: every entry must reach the DOR. No upload is configured: have the technician set register.url and register.token. The entries wait in the queue."
        case .alertLateHit: "New stolen-goods list: item {item} (entry {entry}) is on it. Keep it, do not sell or alter it, and call the police (0900-8844)."
        case .alertLatePossibleMatch: "New stolen-goods list: item {item} (entry {entry}) looks like a report. Compare the report with the item; if in doubt, keep it and call the police (0900-8844)."
        case .alertUploadRejected: "The register refused entry {entry}: {reason}. Make a correction entry, then send it again (Send again button)."
        case .alertUploadRejectedSale: "The register refused the sale of entry {entry}: {reason}. Fix the sale, then send it again (Send again button)."
        case .alertUploadBacklog: "{count} entries wait to be sent to the register, the oldest (entry {entry}) for {hours} hours. Check the internet connection. If the register stays unreachable, enter them in the DOR portal (Print DOR entry button)."
        case .alertHoldOrderEnded: "The police hold order ({reference}) on item {item} has ended ({until}). After the usual holding period it may be sold again."
        case .alertPoliceNoticeMatch: "A written police notice ({reference}) matches item {item} (entry {entry}): it now has a police flag. Keep it and call the police."
        case .saleHoldOrder: "Item {item} is under a police hold order ({reference}) until {until}: do not sell, melt or alter it."
        case .searchNoCriteria: "Fill in at least one search field: serial number, name, document number, period, clerk, category or check."
        case .searchBadPeriod: "The period is wrong: the first day is after the last."
        case .entryNotFound: "There is no entry with number {entry}."
        case .exportPeriodTooLong: "Choose a period of at most {days} days (or export in parts)."
        case .correctedAlready: "Entry {entry} was already corrected by entry {by}: correct that one."
        case .notOnPostgres: "This ({what}) does not work yet with the register on the PostgreSQL server; it comes in a later version. The register itself, the tills and the uploads do work."
        }
    }
}
