// The counter screen of one till. It draws the till's state as the server sends it (till-state.js) and sends
// what the clerk does to the server; it decides no rule itself: checks, the hit, age and expiry, what may be
// registered are all the engine's answers.
import { api, newKey } from "./api.js";
import { $, $$, el, lang, showError, t, toast } from "./dom.js";
import { date, money, weight } from "./format.js";
import { applyEvent, banners, emptyTill, fromSnapshot, hitItem, listTooOld, statusOf } from "./till-state.js";

const counter = {
  till: emptyTill(),
  /** The customer's draft as the till keeps it (seller, items by id, payment): a reload finds it again. */
  draft: { seller: {}, items: {}, payment: {} },
  /** The engine's reading of the draft: fields that do not read, what is still needed, the total. */
  review: null,
  approvalID: null,
  approvalOwner: null,
  /** `minor` or `expiredDocument` when the server said the intake needs the owner. */
  needsOwner: null,
  /** One key per customer: a retried confirm gets the same entry back. */
  intakeKey: null,
  returning: null,
  categories: [],
};

const reason = (check) => (lang() === "en" ? check?.reasonEN : check?.reason) || "";

// ---------------------------------------------------------------- State from the server

/** A till event from the WebSocket (or an answer that carries one). */
export function onTillEvent(event) {
  counter.till = applyEvent(counter.till, event);
  if (event.type === "document") showDocument(event.data);
  if (event.type === "reading") setDocumentStatus(t("doc.partial"), "ok");
  if (event.type === "refused") toast(lang() === "en" ? event.data.messageEN : event.data.message);
  if (event.type === "draft") setDraft(event.data);
  if (event.type === "snapshot") {
    setDraft(event.data.draft);
    if (counter.till.seller) showDocument(counter.till.seller, { focus: false });
    sendDraft({});
  }
  if (event.type === "cleared") clearLocal({ keepDone: true });
  if (event.type === "chip") $("#chip-warning-error").hidden = true;
  if (event.type === "item" || event.type === "document") $("#intake-done").hidden = true;
  render();
}

/** Reloads the till from the server (after a reconnect). */
export async function reload() {
  try { onTillEvent({ type: "snapshot", data: await api("GET", "/api/till") }); } catch (error) { toast(error.message); }
}

export function setCategories(categories) { counter.categories = categories; fillCategories(); }

export function render() {
  renderWarning();   // first: a hit must show before anything else is drawn
  renderChip();
  renderItems();
  fillFromDraft();
  renderBanners();
  renderApproval();
  renderHotlist();
}

// ---------------------------------------------------------------- The draft, kept by the till

/** Changes not yet sent, by section; sent together a moment after the last keystroke. */
const pending = { seller: {}, payment: {}, items: {} };
let pendingTimer = null;

function queueChange(section, name, value, itemID) {
  if (section === "items") {
    const item = (pending.items[itemID] ||= {});
    if (name === "photos") item.photos = value;
    else (item.fields ||= {})[name] = value;
  } else pending[section][name] = value;
  clearTimeout(pendingTimer);
  pendingTimer = setTimeout(() => sendDraft(takePending()), 150);
}

function takePending() {
  const patch = { seller: pending.seller, payment: pending.payment, items: pending.items };
  pending.seller = {}; pending.payment = {}; pending.items = {};
  clearTimeout(pendingTimer);
  return patch;
}

async function sendDraft(patch) {
  try { showReview(await api("POST", "/api/till/draft", patch)); } catch (error) { toast(error.message); }
}

function setDraft(draft) {
  counter.draft = { seller: draft?.seller || {}, items: draft?.items || {}, payment: draft?.payment || {} };
  fillFromDraft();
}

/** The engine's answer: problems at their fields, the total as the entry will have it. */
function showReview(review) {
  counter.review = review;
  setDraft(review.draft);
  markFields(review.problems || []);
  $("#total").textContent = money(review.totalCents, lang());
  showMetalValues(review.metalValues || {});
  return review;
}

/** Next to the offer: the metal's worth at the owner's day price (the server computes it). */
function showMetalValues(values) {
  for (const card of $$("#item-list li[data-item-id]")) {
    const box = $(".metal-value", card);
    const v = values[card.dataset.itemId];
    if (!box) continue;
    box.hidden = !v;
    if (!v) continue;
    const metal = t(`metal.${v.metal}`);
    box.textContent = t("metal.value", { value: money(v.cents, lang()), metal, fineness: v.perMille,
      weight: weight(v.weightMilligrams, lang()), price: money(v.price.centsPerGram, lang()) })
      + (v.priceIsOld ? ` — ${t("metal.old", { day: date(v.price.day) })}` : "");
    box.classList.toggle("old", v.priceIsOld);
  }
}

/** Shows each problem under its field (by the intake's field path), and clears the others. */
function markFields(problems) {
  const byField = new Map(problems.map((p) => [p.field, lang() === "en" ? p.message.messageEN : p.message.message]));
  for (const input of $$("[data-field]")) {
    const message = byField.get(input.dataset.field);
    // The message goes next to its own field: in the field's label, or inside a box (an item's photos).
    const label = input.matches("input, select") ? input.closest("label") || input.parentElement : input;
    let note = label.querySelector(":scope > .field-error");
    if (message) {
      input.setAttribute("aria-invalid", "true");
      if (!note) { note = el("span", { class: "field-error", role: "alert" }); label.append(note); }
      note.textContent = message;
    } else {
      input.removeAttribute("aria-invalid");
      note?.remove();
    }
  }
}

/** Puts the draft's values into the form, except in the field the clerk is typing in or has not sent yet. */
function fillFromDraft() {
  const put = (input, value, unsent) => {
    if (!input || document.activeElement === input || unsent) return;
    if (input.value !== (value ?? "")) input.value = value ?? "";
  };
  const seller = $("#seller-form");
  for (const input of $$("input, select", seller)) put(input, counter.draft.seller[input.name], input.name in pending.seller);
  const payment = $("#payment-form");
  for (const input of $$("select, input", payment)) {
    if (input.name) put(input, counter.draft.payment[input.name] || (input.name === "kind" ? "purchase" : ""), input.name in pending.payment);
  }
  for (const card of $$("#item-list li[data-item-id]")) {
    const id = card.dataset.itemId;
    const item = counter.draft.items[id] || { fields: {}, photos: [] };
    const unsent = pending.items[id]?.fields || {};
    for (const input of $$(".draft-field", card)) put(input, item.fields?.[input.name], input.name in unsent);
    const category = $("select[name=category]", card);
    if (category && item.fields?.category && document.activeElement !== category) category.value = item.fields.category;
    showJewellery(card);
    renderPhotos(card, item.photos || []);
  }
}

/** Moves the focus to the first field the register still needs (after a document read). */
function focusNext(review) {
  const input = review?.next && $(`[data-field="${CSS.escape(review.next.field)}"]`);
  if (input && input.offsetParent !== null) input.focus();
}

for (const [form, section] of [["#seller-form", "seller"], ["#payment-form", "payment"]]) {
  $(form).addEventListener("input", (event) => {
    if (event.target.name) queueChange(section, event.target.name, event.target.value);
  });
}

// ---------------------------------------------------------------- Scans

$("#scan-input").addEventListener("keydown", async (event) => {
  if (event.key !== "Enter") return;
  event.preventDefault();
  const input = event.target;
  const text = input.value;
  input.value = "";
  if (!text.trim()) return;
  try {
    const answer = await api("POST", "/api/scan", { text });
    if (answer.kind === "item" && answer.item) onTillEvent({ type: "item", data: answer.item });
    else if (answer.kind === "document" && answer.document) onTillEvent({ type: "document", data: answer.document });
    else if (answer.kind === "reading") setDocumentStatus(t("doc.partial"), "ok");
    else if (answer.kind === "refused") toast(lang() === "en" ? answer.refusal.messageEN : answer.refusal.message);
  } catch (error) { toast(error.message); }
});

// Keep the scan field ready: a keyboard-wedge scanner types into whatever has focus.
document.addEventListener("click", (event) => {
  if ($("#view-counter").hidden || !$("#hit-warning").hidden) return;
  if (!event.target.closest("input, select, textarea, button, a, summary, label")) $("#scan-input").focus();
});

// ---------------------------------------------------------------- Seller

function setDocumentStatus(text, kind) {
  const box = $("#document-status");
  box.textContent = text;
  box.className = `docstatus ${kind}`;
  box.hidden = false;
}

/** The document as read: its status and warnings (the form's fields come with the till's draft). */
function showDocument(doc, { focus = true } = {}) {
  if (!doc.valid) {
    setDocumentStatus(t("doc.invalid", { errors: (lang() === "en" ? doc.errorsEN : doc.errors).join("; ") }), "bad");
    return;
  }
  const text = t("doc.valid", { kind: t(`doc.${doc.documentKind}`), number: doc.documentNumber, country: doc.issuingCountry,
    expiry: date(doc.expiryDate) || "—" });
  setDocumentStatus(text, doc.expired || doc.minor || doc.specimen ? "bad" : "ok");
  const warnings = doc.warnings || [];
  if (warnings.length) {
    $("#document-status").append(el("ul", { class: "doc-warnings" },
      ...warnings.map((w) => el("li", { "data-code": w.code, text: lang() === "en" ? w.messageEN : w.message }))));
  }
  if (focus) { counter.approvalID = null; counter.approvalOwner = null; }
  renderApproval();
  showReturning(doc.returning);
  if (focus) sendDraft({}).then(() => focusNext(counter.review));
}

/** The owner's approval box: shown when the server says the seller is under 18 or the document expired. */
function renderApproval() {
  const doc = counter.till.seller;
  const kind = counter.needsOwner || (doc?.minor ? "minor" : doc?.expired ? "expiredDocument" : null);
  const box = $("#approval");
  if (!kind) { box.hidden = true; return; }
  box.hidden = false;
  box.dataset.kind = kind;
  $("#approval-text").textContent = counter.approvalID
    ? t("doc.approved", { owner: counter.approvalOwner })
    : t(kind === "minor" ? "doc.minor" : "doc.expired");
  $("#approval-form").hidden = Boolean(counter.approvalID);
}

$("#approval-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  try {
    const answer = await api("POST", "/api/approvals", {
      owner: form.owner.value.trim(), pin: form.pin.value, reason: form.reason.value, kind: $("#approval").dataset.kind });
    counter.approvalID = answer.approvalID;
    counter.approvalOwner = answer.owner;
    form.reset();
    renderApproval();
  } catch (error) {
    form.pin.value = "";
    toast(error.message);
  }
});

function showReturning(returning) {
  counter.returning = returning || null;
  const box = $("#returning");
  if (!returning) { box.hidden = true; return; }
  const a = returning.address;
  $("#returning-text").textContent = t("returning.text", {
    date: date(returning.lastVisit), number: returning.lastEntryNumber,
    address: `${a.street} ${a.houseNumber}, ${a.postcode} ${a.city}` });
  box.hidden = false;
}

$("#returning-use").addEventListener("click", () => {
  const a = counter.returning?.address;
  if (!a) return;
  sendDraft({ seller: { street: a.street, houseNumber: a.houseNumber, postcode: a.postcode, city: a.city } });
});

// A returning seller is offered their last address also when the document is typed.
$("#seller-form").documentNumber.addEventListener("change", lookupReturning);
$("#seller-form").issuingCountry.addEventListener("change", lookupReturning);
async function lookupReturning() {
  const form = $("#seller-form");
  const documentNumber = form.documentNumber.value.trim().toUpperCase();
  const issuingCountry = form.issuingCountry.value.trim().toUpperCase();
  if (!documentNumber || issuingCountry.length !== 3) return;
  try { showReturning((await api("POST", "/api/sellers/lookup", { documentNumber, issuingCountry })).returning); } catch { /* none */ }
}

$("#mrz-read").addEventListener("click", async () => {
  try { onTillEvent({ type: "document", data: await api("POST", "/api/document", { text: $("#mrz-text").value }) }); }
  catch (error) { toast(error.message); }
});

// ---------------------------------------------------------------- Items

function fillCategories() {
  for (const select of $$("#item-list select[name=category]")) fillCategorySelect(select, select.value);
}

function fillCategorySelect(select, selected) {
  select.replaceChildren(...counter.categories.map((c) =>
    el("option", { value: c.id, text: lang() === "en" ? c.en : c.nl })));
  select.value = selected || "other";
}

/** The intake's field path of an item card's input, by its position on the counter. */
const itemPaths = { price: "priceCents", weight: "jewellery.weightMilligrams", fineness: "jewellery.fineness",
  description: "description", brand: "brand", model: "model", serialNumber: "serialNumber", imei: "imei" };

function renderItems() {
  const list = $("#item-list");
  const items = counter.till.items;
  for (const item of items) {
    let card = list.querySelector(`li[data-item-id="${CSS.escape(item.id)}"]`);
    if (!card) { card = itemCard(item); list.append(card); }
    updateCard(card, item);
  }
  const ids = new Set(items.map((i) => i.id));
  for (const card of $$("li[data-item-id]", list)) if (!ids.has(card.dataset.itemId)) card.remove();
  items.forEach((item, index) => {
    const card = list.querySelector(`li[data-item-id="${CSS.escape(item.id)}"]`);
    for (const input of $$("input[name], select[name]", card)) {
      if (itemPaths[input.name]) input.dataset.field = `items[${index}].${itemPaths[input.name]}`;
    }
    $(".photos", card).dataset.field = `items[${index}].photos`;
  });
  $("#items-empty").hidden = items.length > 0;
  if (counter.review) markFields(counter.review.problems || []);
}

/** An input of an item card that belongs to the till's draft. */
function field(label, name, itemID, { wide = false, ...attrs } = {}) {
  const input = el("input", { name, class: "draft-field", value: counter.draft.items[itemID]?.fields?.[name] ?? "", ...attrs });
  input.addEventListener("input", () => queueChange("items", name, input.value, itemID));
  return el("label", { class: wide ? "wide" : undefined }, el("span", { text: t(label) }), input);
}

/** An identifier input: the till's own value, checked when it changes. */
function identifier(label, name, item, attrs = {}) {
  const input = el("input", { name, value: item[name] ?? "", ...attrs });
  input.addEventListener("change", () => sendIdentifiers(item.id, input.closest("li")));
  return el("label", {}, el("span", { text: t(label) }), input);
}

function showJewellery(card) {
  const info = counter.categories.find((c) => c.id === $("select[name=category]", card)?.value);
  const box = $(".jewellery", card);
  if (box) box.hidden = !info?.jewellery;
}

/** The item's photos as the draft holds them, each with a button that takes it off again. */
function renderPhotos(card, photos) {
  const box = $(".photo-list", card);
  const key = photos.map((p) => p.sha256).join(",");
  if (!box || box.dataset.key === key) return;
  box.dataset.key = key;
  box.replaceChildren(...photos.map((ref) => el("span", { class: "photo" },
    el("img", { src: `/photos/${ref.sha256}`, alt: t("item.photo") }),
    el("button", { type: "button", class: "photo-remove", "aria-label": t("item.removePhoto"), title: t("item.removePhoto"), text: "×",
      onclick: () => setPhotos(card.dataset.itemId, photos.filter((p) => p.sha256 !== ref.sha256)) }))));
}

function setPhotos(itemID, photos) {
  const item = (counter.draft.items[itemID] ||= { fields: {}, photos: [] });
  item.photos = photos;
  const card = $(`#item-list li[data-item-id="${CSS.escape(itemID)}"]`);
  if (card) renderPhotos(card, photos);
  sendDraft({ items: { [itemID]: { photos } } });
}

/** The clerk changed a serial or IMEI: the till checks it now, and shows the answer on the card. */
async function sendIdentifiers(id, card) {
  const value = (name) => $(`input[name=${name}]`, card).value.trim() || null;
  try {
    const item = await api("POST", `/api/till/items/${encodeURIComponent(id)}`, {
      serialNumber: value("serialNumber"), imei: value("imei") });
    onTillEvent({ type: "item", data: item });
  } catch (error) { toast(error.message); }
}

function itemCard(item) {
  const id = item.id;
  const category = el("select", { name: "category" });
  fillCategorySelect(category, counter.draft.items[id]?.fields?.category || (item.imei ? "mobilePhone" : "other"));
  const jewellery = el("div", { class: "fields jewellery wide" },
    field("item.material", "material", id), field("item.fineness", "fineness", id),
    field("item.weight", "weight", id, { inputmode: "decimal" }), field("item.engraving", "engraving", id),
    field("item.stoneColour", "stoneColour", id));
  category.addEventListener("change", () => {
    queueChange("items", "category", category.value, id);
    showJewellery(category.closest("li"));
  });

  const serial = identifier("item.serial", "serialNumber", item);
  const imei = identifier("item.imei", "imei", item, { inputmode: "numeric" });

  const photos = el("div", { class: "photos" });
  const fileInput = el("input", { type: "file", accept: "image/jpeg,image/png,image/webp", name: "photo", capture: "environment" });
  fileInput.addEventListener("change", async () => {
    for (const file of fileInput.files) await uploadPhoto(id, file);
    fileInput.value = "";
  });
  const camera = el("button", { type: "button", text: t("item.camera"), onclick: () => takePhoto(id) });
  // The browser's own file button speaks the browser's language (English on Debian's Chromium): ours is worded.
  fileInput.className = "visually-hidden";
  photos.append(el("label", { class: "button" }, el("span", { text: t("item.addPhoto") }), fileInput), camera,
    el("span", { class: "photo-list" }));

  return el("li", { class: "item", "data-item-id": item.id },
    el("div", { class: "head" },
      el("span", {}, el("span", { text: `${t("item.scanned")}: ` }), el("span", { class: "scanned", text: item.scanned ?? t("item.typed") })),
      el("span", { class: "badge" })),
    el("div", { class: "ids hint" }),
    el("div", { class: "records" }),
    el("div", { class: "fields" },
      el("label", {}, el("span", { text: t("item.category") }), category),
      field("item.brand", "brand", id), field("item.model", "model", id), field("item.colour", "colour", id),
      serial, imei,
      field("item.description", "description", id, { wide: true }),
      field("item.price", "price", id, { inputmode: "decimal" }),
      jewellery,
      el("p", { class: "metal-value wide", role: "status", hidden: true })),
    photos,
    el("button", { type: "button", class: "remove", text: t("item.remove"), onclick: async () => {
      try { await api("POST", `/api/till/items/${encodeURIComponent(item.id)}/remove`, {}); }
      catch (error) { toast(error.message); }
    } }));
}

function updateCard(card, item) {
  const status = statusOf(item);
  card.dataset.checkStatus = status;
  const badge = $(".badge", card);
  badge.className = `badge ${status}`;
  badge.textContent = t(`status.${status}`);
  const ids = [];
  if (item.gtin) ids.push(`${t("item.gtin")} ${item.gtin}`);
  if (item.imei) ids.push(`${t("item.imei")} ${item.imei}`);
  if (item.decision) ids.push(t("item.decision", { owner: item.decision.owner, outcome: t(`hit.${item.decision.outcome}`) }));
  if (status === "notChecked") ids.push(reason(item.check));
  $(".ids", card).textContent = ids.join(" · ");
  card.classList.toggle("is-duplicate", Boolean(item.duplicate));
  const records = $(".records", card);
  const lines = (item.check?.records || []).map((r) =>
    el("div", { class: "hint", text: `${t("item.records")}: ${[r.brand, r.model, r.object, r.serial, r.reportedOn, r.source].filter(Boolean).join(" · ")}` }));
  if (item.duplicate) lines.unshift(el("div", { class: "duplicate", text: t("item.duplicate") }));
  records.replaceChildren(...lines);
  // A value the till changed (another page of this till, a scan) shows here, unless the clerk is typing in
  // that field; what the clerk typed and has not sent yet is never overwritten.
  card.server ||= { serialNumber: item.serialNumber ?? "", imei: item.imei ?? "" };
  for (const name of ["serialNumber", "imei"]) {
    const input = $(`input[name=${name}]`, card);
    const stored = item[name] ?? "";
    if (stored !== card.server[name] && document.activeElement !== input) input.value = stored;
    card.server[name] = stored;
  }
}

function renderBanners() {
  $("#check-banners").replaceChildren(...banners(counter.till).map((b) => b.kind === "possible"
    ? el("div", { class: "banner", role: "alert", "data-check-result": "possible", "data-item-id": b.itemID,
      text: t("banner.possible", { serial: b.serial }) })
    : el("div", { class: "banner", role: "status", "data-check-result": "not-checked", "data-item-id": b.itemID,
      text: t("banner.notChecked", { serial: b.serial, reason: (lang() === "en" ? b.reasonEN : b.reason).replace(/\.$/, "") }) })));
}

function renderHotlist() {
  const box = $("#hotlist-age");
  const list = counter.till.hotlist;
  if (!list) { box.textContent = ""; return; }
  box.textContent = !list.loaded ? t("hotlist.none")
    : t(list.tooOld ? "hotlist.tooOld" : "hotlist.age", { hours: String(list.ageHours ?? 0).replace(".", lang() === "en" ? "." : ",") });
  box.classList.toggle("too-old", !list.loaded || listTooOld(counter.till));
}

// ---------------------------------------------------------------- The hit: the whole screen until the owner decides

/** Everything but the warning is inert while it shows: Tab, clicks and the scan field cannot reach behind it. */
function setBehindInert(inert) {
  const open = ["hit-warning", "chip-warning", "toast"];
  for (const node of document.body.children) if (!open.includes(node.id)) node.inert = inert;
}

// ---------------------------------------------------------------- The chip check (issue 17)

/** Draws the engine's chip verdict: green, a warning, a plain message, or the full-screen warning. */
function renderChip() {
  const chip = counter.till.chip;
  const status = $("#chip-status");
  const warning = $("#chip-warning");
  const words = (m) => (lang() === "en" ? m?.messageEN : m?.message) || "";
  if (!chip) { status.hidden = true; if (!warning.hidden) { warning.hidden = true; setBehindInert(false); } return; }
  status.hidden = false;
  status.dataset.level = chip.level;
  status.dataset.chipVerdict = chip.verdict;
  $("#chip-text").textContent = words(chip.message) + (chip.owner ? " — " + t("chip.allowedBy", { owner: chip.owner }) : "");
  for (const img of [$("#chip-face"), $("#chip-warning-face")]) {
    img.hidden = !chip.face;
    if (chip.face) img.src = chip.face; else img.removeAttribute("src");
  }
  $("#chip-approve").hidden = !chip.needsOwner || chip.level === "owner";
  const full = chip.level === "owner" && chip.needsOwner && !$("#view-counter").hidden && !counter.till.openHit;
  if (!full) { if (!warning.hidden) { warning.hidden = true; setBehindInert(false); } return; }
  $("#chip-warning-text").textContent = words(chip.message);
  $("#chip-differences").textContent = (chip.differences || []).map((f) => t(`field.${f}`)).join(", ");
  if (warning.hidden) {
    warning.hidden = false;
    setBehindInert(true);
    $("#chip-warning-form").owner.focus();
  }
}

$("#chip-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  try {
    onTillEvent({ type: "chip", data: await api("POST", "/api/chip", { can: form.can.value.trim() || null }) });
    form.can.value = "";
  } catch (error) { toast(error.message); }
});

async function approveChip(form, errorBox) {
  try {
    onTillEvent({ type: "chip", data: await api("POST", "/api/chip/approve", {
      owner: form.owner.value.trim(), pin: form.pin.value, reason: form.reason.value }) });
    form.reset();
  } catch (error) {
    form.pin.value = "";
    if (errorBox) { errorBox.textContent = error.message; errorBox.hidden = false; } else toast(error.message);
  }
}
$("#chip-approve").addEventListener("submit", (event) => { event.preventDefault(); approveChip(event.target); });
$("#chip-warning-form").addEventListener("submit", (event) => { event.preventDefault(); approveChip(event.target, $("#chip-warning-error")); });
$("#chip-refuse").addEventListener("click", async () => {
  try { await api("POST", "/api/till/new-customer", {}); } catch (error) { $("#chip-warning-error").textContent = error.message; $("#chip-warning-error").hidden = false; }
});

function renderWarning() {
  const warning = $("#hit-warning");
  const hit = counter.till.openHit;
  if (!hit || $("#view-counter").hidden) {
    if (!warning.hidden) { warning.hidden = true; setBehindInert(false); if (!$("#view-counter").hidden) $("#scan-input").focus(); }
    return;
  }
  const wasHidden = warning.hidden || warning.dataset.itemId !== hit.itemID;
  warning.dataset.itemId = hit.itemID;
  const item = hitItem(counter.till);
  $("#hit-serial").textContent = hit.identifier || item?.scanned || "";
  $("#hit-records").replaceChildren(...(hit.records || []).map((r) =>
    el("li", { text: [r.object, r.brand, r.model, r.serial, r.reportedOn, r.source].filter(Boolean).join(" · ") })));
  warning.hidden = false;
  setBehindInert(true);
  if (wasHidden) {
    window.counterWarningShownAt = Date.now();
    $("#hit-error").hidden = true;
    $("#hit-form").owner.focus();
  }
}

// The warning cannot be closed with Escape; Tab stays inside it.
document.addEventListener("keydown", (event) => {
  const warning = [$("#hit-warning"), $("#chip-warning")].find((w) => !w.hidden);
  if (!warning) return;
  if (event.key === "Escape") { event.preventDefault(); event.stopPropagation(); }
  if (event.key === "Tab") {
    const focusable = $$("input, button, select, textarea, a[href]", warning).filter((e) => !e.disabled && e.offsetParent !== null);
    if (!focusable.length) return;
    const [first, last] = [focusable[0], focusable[focusable.length - 1]];
    if (!warning.contains(document.activeElement)) { event.preventDefault(); first.focus(); }
    else if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
    else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
  }
}, true);

// Counter shortcuts (issue 14): Ctrl+Enter confirms, Alt+N adds an item without a scan. Never behind an open
// warning (the server refuses anyway: the hit holds the till), and only on the counter's own view.
document.addEventListener("keydown", (event) => {
  if (!$("#hit-warning").hidden || $("#view-counter")?.hidden) return;
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    const confirm = $("#confirm");
    if (!confirm.disabled) confirm.click();
  } else if (event.altKey && !event.ctrlKey && (event.key === "n" || event.key === "N" || event.code === "KeyN")) {
    event.preventDefault();
    $("#item-add").click();
  }
});

$("#hit-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  try {
    await api("POST", "/api/till/hit", {
      itemID: $("#hit-warning").dataset.itemId, outcome: form.outcome.value, owner: form.owner.value.trim(),
      pin: form.pin.value, reason: form.reason.value, policeReference: form.policeReference.value.trim() || null });
    form.reset();
  } catch (error) {
    form.pin.value = "";
    showError("#hit-error", error);
  }
});

$("#item-add").addEventListener("click", async () => {
  try { onTillEvent({ type: "item", data: await api("POST", "/api/till/items", {}) }); }
  catch (error) { toast(error.message); }
});

// ---------------------------------------------------------------- Photos

async function uploadPhoto(itemID, blob) {
  try {
    const ref = await api("POST", "/api/photos", blob, { raw: true, contentType: blob.type || "image/jpeg" });
    setPhotos(itemID, [...(counter.draft.items[itemID]?.photos || []), ref]);
  } catch (error) { toast(error.message); }
}

async function takePhoto(itemID) {
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: true });
    const video = el("video", { autoplay: true, playsinline: true });
    video.srcObject = stream;
    await video.play();
    await new Promise((r) => setTimeout(r, 400));
    const canvas = el("canvas");
    canvas.width = video.videoWidth; canvas.height = video.videoHeight;
    canvas.getContext("2d").drawImage(video, 0, 0);
    const blob = await new Promise((r) => canvas.toBlob(r, "image/jpeg", 0.85));
    await uploadPhoto(itemID, blob);
  } catch (error) {
    toast(error.message || String(error));
  } finally {
    if (stream) for (const track of stream.getTracks()) track.stop();
  }
}

// ---------------------------------------------------------------- Confirm

/** Every field of the form as it stands: at confirm, what the clerk sees is what the till registers. */
function wholeForm() {
  const patch = takePending();
  for (const input of $$("input[name], select[name]", $("#seller-form"))) patch.seller[input.name] = input.value;
  for (const input of $$("input[name], select[name]", $("#payment-form"))) patch.payment[input.name] = input.value;
  for (const card of $$("#item-list li[data-item-id]")) {
    const fields = {};
    for (const input of $$(".draft-field, select[name=category]", card)) fields[input.name] = input.value;
    const item = (patch.items[card.dataset.itemId] ||= {});
    item.fields = { ...(item.fields || {}), ...fields };
  }
  return patch;
}

$("#payment-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("#intake-error").hidden = true;
  const button = $("#confirm");
  button.disabled = true;
  counter.intakeKey ||= newKey();
  try {
    const answer = await api("POST", "/api/intakes",
      { draft: wholeForm(), approvalID: counter.approvalID, idempotencyKey: counter.intakeKey });
    $("#entry-number").textContent = answer.entryNumber;
    $("#hold-until").textContent = answer.holdUntil ? t("done.holdUntil", { date: date(answer.holdUntil) }) : "";
    $("#print-entry").href = `/print/entry/${answer.entryNumber}`;
    clearLocal({ keepDone: true });
    $("#intake-done").hidden = false;
  } catch (error) {
    const code = error.code || "";
    if (code.startsWith("needsOwner:")) { counter.needsOwner = code.slice("needsOwner:".length); counter.approvalID = null; renderApproval(); }
    showError("#intake-error", error);
    // The refused field gets the message too, and the focus.
    if (code.startsWith("intake:")) {
      const field = code.slice("intake:".length);
      markFields([...(counter.review?.problems || []), { field, message: { message: error.body.error, messageEN: error.body.errorEN } }]);
      $(`[data-field="${CSS.escape(field)}"]`)?.focus();
    }
  } finally {
    button.disabled = false;
  }
});

/** Forgets what this page typed for the customer; the till's own state comes from the server. */
function clearLocal({ keepDone = false } = {}) {
  takePending();
  counter.draft = { seller: {}, items: {}, payment: {} };
  counter.review = null;
  markFields([]);
  counter.approvalID = null;
  counter.approvalOwner = null;
  counter.needsOwner = null;
  counter.intakeKey = null;
  counter.returning = null;
  $("#seller-form").reset();
  $("#payment-form").reset();
  $("#mrz-text").value = "";
  $("#document-status").hidden = true;
  $("#returning").hidden = true;
  $("#intake-error").hidden = true;
  if (!keepDone) $("#intake-done").hidden = true;
  $("#item-list").replaceChildren();
  $("#total").textContent = money(0, lang());
}

/**
 * The next customer: the till clears (over an open hit only with the owner, so the button is behind the
 * warning). The page clears on the till's own "cleared" event, in order with the till's other events: a
 * document read just after the till cleared must not be wiped when this request's answer comes in later.
 * The button stays disabled until the till answered.
 */
export async function newCustomer() {
  const button = $("#new-seller");
  // Everything typed for this customer goes: ask first when there is something to lose.
  if (counter.till.items.length && !window.confirm(t("newCustomer.confirm"))) return;
  button.disabled = true;
  try {
    await api("POST", "/api/till/new-customer", {});
    $("#intake-done").hidden = true;
    $("#scan-input").focus();
  } catch (error) { toast(error.message); } finally { button.disabled = false; }
}
$("#new-seller").addEventListener("click", newCustomer);

/** Signing out: nothing of this customer stays in the page. */
export function forget() {
  counter.till = emptyTill();
  clearLocal();
  setBehindInert(false);
  $("#hit-warning").hidden = true;
}
