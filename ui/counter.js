// The counter screen of one till. It draws the till's state as the server sends it (till-state.js) and sends
// what the clerk does to the server; it decides no rule itself: checks, the hit, age and expiry, what may be
// registered are all the engine's answers.
import { api, newKey } from "./api.js";
import { $, $$, el, lang, parseCents, showError, t, toast } from "./dom.js";
import { date, money } from "./format.js";
import { applyEvent, banners, emptyTill, fromSnapshot, hitItem, listTooOld, statusOf } from "./till-state.js";

const counter = {
  till: emptyTill(),
  /** What the clerk typed per item id (description, brand, price, photos, …): the page's own, until confirmed. */
  fields: new Map(),
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
  if (event.type === "snapshot" && counter.till.seller) showDocument(counter.till.seller, { keepForm: true });
  if (event.type === "cleared") clearLocal({ keepDone: true });
  render();
}

/** Reloads the till from the server (after a reconnect). */
export async function reload() {
  try { onTillEvent({ type: "snapshot", data: await api("GET", "/api/till") }); } catch (error) { toast(error.message); }
}

export function setCategories(categories) { counter.categories = categories; fillCategories(); }

export function render() {
  renderWarning();   // first: a hit must show before anything else is drawn
  renderItems();
  renderBanners();
  renderApproval();
  renderHotlist();
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

function showDocument(doc, { keepForm = false } = {}) {
  if (!doc.valid) {
    setDocumentStatus(t("doc.invalid", { errors: (lang() === "en" ? doc.errorsEN : doc.errors).join("; ") }), "bad");
    return;
  }
  const form = $("#seller-form");
  if (!keepForm || !form.documentNumber.value) {
    form.surname.value = doc.surname || "";
    form.givenNames.value = doc.givenNames || "";
    form.birthDate.value = doc.birthDate || "";
    form.documentKind.value = doc.documentKind || "other";
    form.documentNumber.value = doc.documentNumber || "";
    form.issuingCountry.value = doc.issuingCountry || "";
    form.expiryDate.value = doc.expiryDate || "";
  }
  let text = t("doc.valid", { kind: t(`doc.${doc.documentKind}`), number: doc.documentNumber, country: doc.issuingCountry,
    expiry: doc.expiryDate || "—" });
  if (doc.bsnRemoved) text += " " + t("doc.bsnRemoved");
  setDocumentStatus(text, doc.expired || doc.minor ? "bad" : "ok");
  if (!keepForm) { counter.approvalID = null; counter.approvalOwner = null; }
  renderApproval();
  showReturning(doc.returning);
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
  const form = $("#seller-form");
  form.street.value = a.street; form.houseNumber.value = a.houseNumber; form.postcode.value = a.postcode; form.city.value = a.city;
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
  for (const select of $$("select[name=category]")) fillCategorySelect(select, select.value);
}

function fillCategorySelect(select, selected) {
  select.replaceChildren(...counter.categories.map((c) =>
    el("option", { value: c.id, text: lang() === "en" ? c.en : c.nl })));
  select.value = selected || "other";
}

function fieldsOf(item) {
  let fields = counter.fields.get(item.id);
  if (!fields) {
    fields = { category: item.imei ? "mobilePhone" : "other", serialNumber: item.serialNumber || "", imei: item.imei || "",
      photos: [] };
    counter.fields.set(item.id, fields);
  }
  return fields;
}

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
  for (const id of counter.fields.keys()) if (!ids.has(id)) counter.fields.delete(id);
  $("#items-empty").hidden = items.length > 0;
  if (items.length) $("#intake-done").hidden = true;
  updateTotal();
}

function field(label, name, fields, { wide = false, ...attrs } = {}) {
  const input = el("input", { name, value: fields[name] ?? "", ...attrs });
  input.addEventListener("input", () => { fields[name] = input.value; if (name === "price") updateTotal(); });
  return el("label", { class: wide ? "wide" : undefined }, el("span", { text: t(label) }), input);
}

/** The clerk changed a serial or IMEI: the till checks it now, and shows the answer on the card. */
async function sendIdentifiers(id, fields) {
  try {
    const item = await api("POST", `/api/till/items/${encodeURIComponent(id)}`, {
      serialNumber: fields.serialNumber.trim() || null, imei: fields.imei.trim() || null });
    onTillEvent({ type: "item", data: item });
  } catch (error) { toast(error.message); }
}

function itemCard(item) {
  const fields = fieldsOf(item);
  const category = el("select", { name: "category" });
  fillCategorySelect(category, fields.category);
  fields.category = category.value;
  const jewellery = el("div", { class: "fields jewellery wide" },
    field("item.material", "material", fields), field("item.fineness", "fineness", fields),
    field("item.weight", "weight", fields, { inputmode: "decimal" }), field("item.engraving", "engraving", fields),
    field("item.stoneColour", "stoneColour", fields));
  const showJewellery = () => {
    const info = counter.categories.find((c) => c.id === category.value);
    jewellery.hidden = !info?.jewellery;
  };
  category.addEventListener("change", () => { fields.category = category.value; showJewellery(); });
  showJewellery();

  const serial = field("item.serial", "serialNumber", fields);
  const imei = field("item.imei", "imei", fields, { inputmode: "numeric" });
  for (const label of [serial, imei]) $("input", label).addEventListener("change", () => sendIdentifiers(item.id, fields));

  const photos = el("div", { class: "photos" });
  const fileInput = el("input", { type: "file", accept: "image/jpeg,image/png,image/webp", name: "photo", capture: "environment" });
  fileInput.addEventListener("change", async () => {
    for (const file of fileInput.files) await uploadPhoto(fields, file, photos);
    fileInput.value = "";
  });
  const camera = el("button", { type: "button", text: t("item.camera"), onclick: () => takePhoto(fields, photos) });
  photos.append(el("span", { text: t("item.photo") }), fileInput, camera);

  return el("li", { class: "item", "data-item-id": item.id },
    el("div", { class: "head" },
      el("span", {}, el("span", { text: `${t("item.scanned")}: ` }), el("span", { class: "scanned", text: item.scanned ?? t("item.typed") })),
      el("span", { class: "badge" })),
    el("div", { class: "ids hint" }),
    el("div", { class: "records" }),
    el("div", { class: "fields" },
      el("label", {}, el("span", { text: t("item.category") }), category),
      field("item.brand", "brand", fields), field("item.model", "model", fields), field("item.colour", "colour", fields),
      serial, imei,
      field("item.description", "description", fields, { wide: true }),
      field("item.price", "price", fields, { inputmode: "decimal" }),
      jewellery),
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
  const fields = fieldsOf(item);
  fields.server ||= { serialNumber: item.serialNumber ?? "", imei: item.imei ?? "" };
  for (const name of ["serialNumber", "imei"]) {
    const input = $(`input[name=${name}]`, card);
    const stored = item[name] ?? "";
    if (stored !== fields.server[name] && document.activeElement !== input) {
      input.value = stored;
      fields[name] = stored;
    }
    fields.server[name] = stored;
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
  for (const node of document.body.children) if (node.id !== "hit-warning" && node.id !== "toast") node.inert = inert;
}

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
  const warning = $("#hit-warning");
  if (warning.hidden) return;
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

async function uploadPhoto(fields, blob, box) {
  try {
    const ref = await api("POST", "/api/photos", blob, { raw: true, contentType: blob.type || "image/jpeg" });
    fields.photos.push(ref);
    box.append(el("img", { src: `/photos/${ref.sha256}`, alt: t("item.photo") }));
  } catch (error) { toast(error.message); }
}

async function takePhoto(fields, box) {
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
    await uploadPhoto(fields, blob, box);
  } catch (error) {
    toast(error.message || String(error));
  } finally {
    if (stream) for (const track of stream.getTracks()) track.stop();
  }
}

function updateTotal() {
  let total = 0;
  for (const item of counter.till.items) {
    const cents = parseCents(fieldsOf(item).price);
    if (Number.isFinite(cents)) total += cents;
  }
  $("#total").textContent = money(total, lang());
  return total;
}

// ---------------------------------------------------------------- Confirm

function buildIntake() {
  const s = $("#seller-form");
  const p = $("#payment-form");
  const items = counter.till.items.map((d) => {
    const f = fieldsOf(d);
    const item = {
      category: f.category, description: (f.description || "").trim(),
      brand: f.brand || undefined, model: f.model || undefined, colour: f.colour || undefined,
      serialNumber: (f.serialNumber || "").trim() || undefined, imei: (f.imei || "").trim() || undefined,
      gtin: d.gtin || undefined, priceCents: parseCents(f.price) ?? undefined, photos: f.photos,
    };
    const info = counter.categories.find((c) => c.id === f.category);
    if (info?.jewellery) {
      const grams = parseCents(f.weight);
      item.jewellery = { material: f.material || undefined, fineness: f.fineness || undefined,
        weightMilligrams: Number.isFinite(grams) && grams !== null ? grams * 10 : undefined,
        engraving: f.engraving || undefined, stoneColour: f.stoneColour || undefined };
    }
    return item;
  });
  return {
    kind: p.kind.value, paymentMethod: p.paymentMethod.value, priceCents: updateTotal(),
    seller: {
      surname: s.surname.value.trim(), givenNames: s.givenNames.value.trim() || undefined, birthDate: s.birthDate.value,
      address: { street: s.street.value.trim(), houseNumber: s.houseNumber.value.trim(), postcode: s.postcode.value.trim(),
        city: s.city.value.trim() },
      document: { kind: s.documentKind.value, number: s.documentNumber.value.trim().toUpperCase(),
        issuingCountry: s.issuingCountry.value.trim().toUpperCase(), expiryDate: s.expiryDate.value || undefined },
    },
    items,
  };
}

$("#payment-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("#intake-error").hidden = true;
  const button = $("#confirm");
  button.disabled = true;
  counter.intakeKey ||= newKey();
  try {
    const answer = await api("POST", "/api/intakes",
      { intake: buildIntake(), approvalID: counter.approvalID, idempotencyKey: counter.intakeKey });
    $("#entry-number").textContent = answer.entryNumber;
    $("#hold-until").textContent = answer.holdUntil ? t("done.holdUntil", { date: date(answer.holdUntil) }) : "";
    $("#print-entry").href = `/print/entry/${answer.entryNumber}`;
    clearLocal({ keepDone: true });
    $("#intake-done").hidden = false;
  } catch (error) {
    const code = error.code || "";
    if (code.startsWith("needsOwner:")) { counter.needsOwner = code.slice("needsOwner:".length); counter.approvalID = null; renderApproval(); }
    showError("#intake-error", error);
  } finally {
    button.disabled = false;
  }
});

/** Forgets what this page typed for the customer; the till's own state comes from the server. */
function clearLocal({ keepDone = false } = {}) {
  counter.fields.clear();
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
  updateTotal();
}

/**
 * The next customer: the till clears (over an open hit only with the owner, so the button is behind the
 * warning). The page clears on the till's own "cleared" event, in order with the till's other events: a
 * document read just after the till cleared must not be wiped when this request's answer comes in later.
 * The button stays disabled until the till answered.
 */
export async function newCustomer() {
  const button = $("#new-seller");
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
