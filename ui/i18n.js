// Texts of the kiosk UI: Dutch (default) and English. Elements carry data-i18n="key" (text) or
// data-i18n-placeholder="key"; app.js calls I18N.apply() after a language switch.
"use strict";

const I18N = (() => {
  const en = {
    "training.banner": "TRAINING MODE — practice register, nothing is really registered",
    "nav.counter": "Counter", "nav.owner": "Owner", "nav.technician": "Technician", "nav.logout": "Sign out",
    "login.title": "Sign in", "login.user": "Name", "login.pin": "PIN", "login.submit": "Sign in",
    "setup.title": "First start", "setup.hint": "There are no users yet. Create the owner's account; the owner then adds staff.",
    "setup.pin": "PIN (4–12 digits)", "setup.repeat": "Repeat the PIN", "setup.submit": "Create owner and sign in",
    "setup.mismatch": "The two PINs differ.",
    "counter.scanLabel": "Scan or type (Enter)",
    "counter.scanHint": "Scan the ID document, then each item.",
    "seller.title": "1. Seller", "seller.typeMRZ": "Type the MRZ", "seller.readMRZ": "Read",
    "seller.surname": "Surname", "seller.givenNames": "Given names", "seller.birthDate": "Date of birth",
    "seller.documentKind": "Document", "seller.documentNumber": "Document number",
    "seller.issuingCountry": "Issuing country", "seller.expiryDate": "Valid until",
    "seller.useAddress": "Use this address", "seller.street": "Street", "seller.houseNumber": "House number",
    "seller.postcode": "Postcode", "seller.city": "City",
    "doc.identityCard": "identity card", "doc.passport": "passport", "doc.drivingLicence": "driving licence",
    "doc.residencePermit": "residence permit", "doc.other": "other",
    "owner.name": "Owner's name", "owner.pin": "Owner's PIN", "owner.reason": "Reason",
    "approval.submit": "Allow",
    "items.title": "2. Items", "items.empty": "No items yet: scan a barcode, serial number or IMEI.",
    "items.add": "Add an item without a scan",
    "payment.title": "3. Price and payment", "payment.kind": "Kind", "payment.method": "Payment",
    "kind.purchase": "purchase", "kind.tradeIn": "trade-in", "kind.pledge": "pledge", "kind.consignment": "consignment",
    "kind.gift": "gift",
    "pay.choose": "choose…", "pay.cash": "cash", "pay.bankTransfer": "bank transfer", "pay.card": "card", "pay.voucher": "voucher", "pay.none": "none",
    "payment.total": "Total", "payment.confirm": "Confirm and register", "payment.reset": "Next customer",
    "payment.registered": "Registered as number", "payment.print": "Print",
    "hit.title": "STOLEN-GOODS REPORT — DO NOT BUY", "hit.item": "Item",
    "hit.step1": "Do not buy this item, and do not hand it back if the seller has already handed it over.",
    "hit.step2": "Stay calm and friendly: do not let the seller notice there is a report.",
    "hit.step3": "Call the owner. Call the police on 0900-8844 (in danger: 112).",
    "hit.step4": "Note what the seller says and what they look like; do not keep the ID document.",
    "hit.ownerOnly": "Only the owner decides, with PIN and reason:", "hit.decide": "Record the decision",
    "hit.notBought": "Not bought", "hit.notBoughtPoliceCalled": "Not bought, police called",
    "hit.boughtOnPoliceInstruction": "Bought on police instruction", "hit.policeReference": "Police reference",
    "login.till": "Till",
    "hotlist.none": "No stolen-goods list loaded: checks are \"not checked\".",
    "hotlist.age": "Stolen-goods list: {hours} h old", "hotlist.tooOld": "Stolen-goods list {hours} h old: too old, checks are \"not checked\"",
    "tech.tillKind": "Till · kind", "tech.kindReader": "document reader", "tech.kindBarcode": "barcode",
    "tech.length": "{length} characters", "tech.incompleteScan": "(incomplete)",
    "item.typed": "(typed)", "item.duplicate": "This number is already on this customer's list.",
    "item.decision": "owner {owner}: {outcome}",
    "owner.day": "Day log", "owner.holding": "Holding period", "owner.uploads": "Upload and alerts",
    "owner.users": "Users", "owner.audit": "Audit log", "owner.date": "Date", "owner.exportCSV": "CSV",
    "owner.exportPDF": "PDF", "owner.print": "Print", "owner.register": "Register",
    "register.head": "Last entry in the file", "register.anchored": "Anchored outside the file", "register.files": "Files",
    "register.verify": "Full check", "register.verified": "Checked just now: {count} entries.",
    "register.entry": "entry {number}, hash {hash}", "register.none": "none",
    "log.number": "No.", "log.time": "Time", "log.clerk": "Clerk", "log.seller": "Seller", "log.items": "Items",
    "log.price": "Price", "log.check": "Check",
    "hold.item": "Item", "hold.entry": "Entry", "hold.acquired": "Bought", "hold.release": "Free from",
    "hold.police": "Police",
    "sale.title": "Record a sale (sales register)", "sale.itemID": "Item number", "sale.buyer": "Buyer's name",
    "sale.price": "Price (€)", "sale.submit": "Record sale",
    "alerts.title": "Alerts",
    "users.name": "Name", "users.role": "Role", "users.state": "State", "users.add": "Add a user",
    "users.pin": "PIN (4–12 digits)", "users.submit": "Add",
    "role.staff": "staff", "role.owner": "owner", "role.technician": "technician",
    "audit.at": "Time", "audit.actor": "Who", "audit.action": "What", "audit.subject": "On", "audit.detail": "Detail",
    "tech.scanners": "Scanners and readers", "tech.spec": "Device", "tech.state": "State", "tech.scans": "Scans",
    "tech.incomplete": "Incomplete", "tech.last": "Last scan", "tech.console": "Live test console",
    "tech.consoleHint": "Scan something: each scan shows here with its kind and length. MRZ lines are not shown (personal data).",
    "tech.config": "Configuration", "tech.configPath": "File",
    "tech.configHint": "Secrets are masked (••••) and kept when saving. Changes apply after a restart.",
    "tech.validate": "Validate", "tech.save": "Save",
    // Texts built by app.js
    "status.checking": "checking…", "status.clear": "clear", "status.possibleMatch": "possible match",
    "status.hit": "HIT", "status.notChecked": "not checked", "status.notYetChecked": "not checked yet",
    "banner.possible": "Possible match on the stolen-goods list for {serial}: compare the record with the item. Ask the owner if in doubt.",
    "banner.notChecked": "NOT CHECKED: {serial} — {reason}. This is not \"clear\": check again or type the serial.",
    "item.scanned": "Scanned", "item.category": "Category", "item.brand": "Brand", "item.model": "Model",
    "item.colour": "Colour", "item.serial": "Serial number", "item.imei": "IMEI", "item.gtin": "GTIN",
    "item.description": "Description", "item.price": "Price (€)", "item.material": "Material",
    "item.fineness": "Fineness", "item.weight": "Weight (g)", "item.engraving": "Engraving",
    "item.stoneColour": "Stone colour", "item.photo": "Photo", "item.camera": "Camera",
    "item.remove": "Remove", "item.records": "Record",
    "doc.valid": "Document read: {kind} {number} ({country}), valid until {expiry}.",
    "doc.invalid": "Document not readable: {errors}",
    "doc.expired": "The ID document has EXPIRED. Do not buy, unless the owner allows it with PIN and reason.",
    "doc.minor": "The seller is UNDER 18. Do not buy, unless the owner allows it with PIN and reason.",
    "doc.partial": "Reading document…", "doc.approved": "Allowed by {owner}.",
    "doc.bsnRemoved": "The citizen service number (BSN) was removed; it is never stored.",
    "returning.text": "Returning seller (last visit {date}, entry {number}): {address}",
    "done.holdUntil": "On hold until {date}.",
    "msg.saved": "Saved.", "msg.valid": "Configuration is valid.", "msg.added": "User added.",
    "msg.sale": "Sale recorded.", "msg.ack": "Alert acknowledged.",
    "users.active": "active", "users.disabled": "disabled", "users.disable": "Disable", "users.enable": "Enable",
    "users.locked": "locked until {time}",
    "up.queued": "Queued", "up.sent": "Sent, awaiting answer", "up.acknowledged": "Acknowledged by the register",
    "up.rejected": "Rejected", "up.oldest": "Oldest queued entry", "up.register": "Register URL", "up.none": "(not set)",
    "tech.devices": "Connected devices", "tech.devicesHint": "Found on USB and serial ports, with the profile that fits. Not allowed to open? Run \"counter-kiosk scanners install-udev\" once as root and plug the device in again.",
    "tech.node": "Node", "tech.transport": "Kind", "tech.product": "Product", "tech.profile": "Profile",
    "tech.mayOpen": "May open", "tech.specToUse": "Setting (scanners)", "tech.yes": "yes", "tech.no": "NO",
    "tech.noProfile": "(no profile: generic settings)", "tech.noDevices": "No scanners or readers found.",
    "up.rejectedTitle": "Rejected by the register", "up.kind": "Kind", "up.reason": "Register's reason", "up.attempts": "Attempts",
    "up.retry": "Send again", "up.kind.entry": "entry", "up.kind.correction": "correction", "up.kind.sale": "sale",
    "up.noneRejected": "Nothing rejected.", "msg.retried": "{count} queued again.",
    "alert.ack": "Acknowledge", "alert.note": "Note",
    "hold.open": "open report", "hold.flag": "Police report", "hold.unflag": "Close report",
    "totals.day": "{count} entries, total € {total}", "totals.clerk": "{clerk}: {count} entries, € {total}",
    "totals.day.one": "1 entry, total € {total}", "totals.clerk.one": "{clerk}: 1 entry, € {total}",
    "log.empty": "No entries on this day.", "tech.noScanners": "No scanners configured (see config.json, \"scanners\").",
  };
  const nl = {
    "hit.ownerOnly": "Alleen de eigenaar beslist, met pincode en reden:", "hit.decide": "Beslissing vastleggen",
    "hit.notBought": "Niet gekocht", "hit.notBoughtPoliceCalled": "Niet gekocht, politie gebeld",
    "hit.boughtOnPoliceInstruction": "Gekocht op aanwijzing van de politie", "hit.policeReference": "Registratienummer politie",
    "login.till": "Kassa",
    "hotlist.none": "Geen lijst met gestolen goederen geladen: controles zijn \"niet gecontroleerd\".",
    "hotlist.age": "Lijst gestolen goederen: {hours} uur oud", "hotlist.tooOld": "Lijst gestolen goederen {hours} uur oud: te oud, controles zijn \"niet gecontroleerd\"",
    "tech.tillKind": "Kassa · soort", "tech.kindReader": "documentlezer", "tech.kindBarcode": "barcode",
    "tech.length": "{length} tekens", "tech.incompleteScan": "(onvolledig)",
    "item.typed": "(getypt)", "item.duplicate": "Dit nummer staat al bij deze klant.",
    "item.decision": "eigenaar {owner}: {outcome}",
    "status.checking": "controleren…", "status.clear": "geen melding", "status.possibleMatch": "mogelijke treffer",
    "status.hit": "TREFFER", "status.notChecked": "niet gecontroleerd", "status.notYetChecked": "nog niet gecontroleerd",
    "banner.possible": "Mogelijke treffer op de lijst met gestolen goederen voor {serial}: vergelijk de melding met het voorwerp. Twijfel? Vraag de eigenaar.",
    "banner.notChecked": "NIET GECONTROLEERD: {serial} — {reason}. Dit is geen \"geen melding\": controleer opnieuw of typ het serienummer.",
    "item.scanned": "Gescand", "item.category": "Soort", "item.brand": "Merk", "item.model": "Type",
    "item.colour": "Kleur", "item.serial": "Serienummer", "item.imei": "IMEI", "item.gtin": "GTIN",
    "item.description": "Omschrijving", "item.price": "Prijs (€)", "item.material": "Materiaal",
    "item.fineness": "Gehalte", "item.weight": "Gewicht (g)", "item.engraving": "Gravering",
    "item.stoneColour": "Kleur steen", "item.photo": "Foto", "item.camera": "Camera",
    "item.remove": "Verwijderen", "item.records": "Melding",
    "doc.valid": "Document gelezen: {kind} {number} ({country}), geldig tot {expiry}.",
    "doc.invalid": "Document niet leesbaar: {errors}",
    "doc.expired": "Het identiteitsbewijs is VERLOPEN. Niet kopen, tenzij de eigenaar toestemming geeft met pincode en reden.",
    "doc.minor": "De verkoper is JONGER DAN 18. Niet kopen, tenzij de eigenaar toestemming geeft met pincode en reden.",
    "doc.partial": "Document wordt gelezen…", "doc.approved": "Toegestaan door {owner}.",
    "doc.bsnRemoved": "Het burgerservicenummer (BSN) is verwijderd; het wordt nooit opgeslagen.",
    "returning.text": "Terugkerende verkoper (laatst {date}, inschrijving {number}): {address}",
    "done.holdUntil": "Bewaren tot en met {date}.",
    "msg.saved": "Opgeslagen.", "msg.valid": "Configuratie is in orde.", "msg.added": "Gebruiker toegevoegd.",
    "msg.sale": "Verkoop vastgelegd.", "msg.ack": "Melding afgehandeld.",
    "users.active": "actief", "users.disabled": "uitgeschakeld", "users.disable": "Uitschakelen", "users.enable": "Inschakelen",
    "users.locked": "geblokkeerd tot {time}",
    "up.queued": "In de wachtrij", "up.sent": "Verstuurd, wacht op antwoord", "up.acknowledged": "Bevestigd door het register",
    "up.rejected": "Geweigerd", "up.oldest": "Oudste inschrijving in de wachtrij", "up.register": "Register-URL",
    "up.none": "(niet ingesteld)",
    "tech.yes": "ja", "tech.no": "NEE", "tech.noProfile": "(geen profiel: algemene instellingen)",
    "tech.noDevices": "Geen scanners of lezers gevonden.",
    "up.kind.entry": "inschrijving", "up.kind.correction": "correctie", "up.kind.sale": "verkoop",
    "up.noneRejected": "Niets geweigerd.", "msg.retried": "{count} opnieuw in de wachtrij gezet.",
    "alert.ack": "Afhandelen", "alert.note": "Notitie",
    "hold.open": "open melding", "hold.flag": "Politiemelding", "hold.unflag": "Melding sluiten",
    "totals.day": "{count} inschrijvingen, totaal € {total}", "totals.clerk": "{clerk}: {count} inschrijvingen, € {total}",
    "totals.day.one": "1 inschrijving, totaal € {total}", "totals.clerk.one": "{clerk}: 1 inschrijving, € {total}",
    "setup.mismatch": "De twee pincodes verschillen.",
    "role.staff": "medewerker", "role.owner": "eigenaar", "role.technician": "technicus",
    "doc.identityCard": "identiteitskaart", "doc.passport": "paspoort", "doc.drivingLicence": "rijbewijs",
    "doc.residencePermit": "verblijfsdocument", "doc.other": "ander document",
    "pay.choose": "kies…",
    "register.entry": "volgnummer {number}, hash {hash}", "register.none": "geen",
    "register.verified": "Zojuist gecontroleerd: {count} inschrijvingen.",
    "log.empty": "Geen inschrijvingen op deze dag.", "tech.noScanners": "Geen scanners ingesteld (zie config.json, \"scanners\").",
  };
  let lang = localStorage.getItem("counter.lang") || document.documentElement.lang || "nl";
  const original = new Map();

  function t(key, values = {}) {
    const table = lang === "en" ? en : nl;
    if (values.count === 1 && `${key}.one` in table) key = `${key}.one`;
    let text = table[key] ?? en[key] ?? key;
    for (const [name, value] of Object.entries(values)) text = text.split(`{${name}}`).join(String(value ?? ""));
    return text;
  }

  // Switches the static texts; the Dutch originals are kept from the HTML.
  function apply() {
    document.documentElement.lang = lang;
    for (const el of document.querySelectorAll("[data-i18n]")) {
      if (!original.has(el)) original.set(el, el.textContent);
      el.textContent = lang === "en" ? (en[el.dataset.i18n] ?? original.get(el)) : original.get(el);
    }
    for (const el of document.querySelectorAll("[data-i18n-placeholder]")) {
      if (!original.has(el)) original.set(el, el.placeholder);
      el.placeholder = lang === "en" ? (en[el.dataset.i18nPlaceholder] ?? original.get(el)) : original.get(el);
    }
    for (const button of document.querySelectorAll(".lang")) button.textContent = lang === "en" ? "Nederlands" : "English";
  }

  return {
    t, apply,
    get lang() { return lang; },
    set(next) { lang = next === "en" ? "en" : "nl"; localStorage.setItem("counter.lang", lang); apply(); },
    setDefault(next) { if (!localStorage.getItem("counter.lang")) { lang = next === "en" ? "en" : "nl"; apply(); } },
  };
})();
globalThis.I18N = I18N;
