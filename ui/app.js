// Counter kiosk page: sign-in, counter screen, owner pages, technician page.
// Everything a scan or the server sends is put into the page as text (textContent, input values), never as HTML.
"use strict";

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));
const t = (key, values) => I18N.t(key, values);

/** Makes an element with text content and attributes (no HTML parsing anywhere). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "text") node.textContent = value;
    else if (name === "class") node.className = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name === "value") node.value = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

const euro = (cents) => ((cents ?? 0) / 100).toLocaleString(I18N.lang === "en" ? "en-GB" : "nl-NL",
  { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const parseCents = (text) => {
  const clean = String(text ?? "").trim().replace(/\s/g, "").replace(/\.(?=\d{3}(\D|$))/g, "").replace(",", ".");
  if (clean === "") return null;
  const value = Number(clean);
  return Number.isFinite(value) && value >= 0 ? Math.round(value * 100) : NaN;
};
const todayISO = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};
const message = (body) => (I18N.lang === "en" ? body.errorEN : body.error) || body.error || "?";

const state = {
  session: null,
  view: "counter",
  items: new Map(),     // draft id → { draft, fields }
  order: [],            // draft ids in scan order
  document: null,
  approvalID: null,
  approvalOwner: null,
  returning: null,
  events: null,
};

// ---------------------------------------------------------------- API

class APIError extends Error {
  constructor(status, body) { super(message(body)); this.status = status; this.body = body; }
}

async function api(method, path, body, { raw = false, contentType } = {}) {
  const headers = {};
  if (state.session) headers["X-CSRF-Token"] = state.session.csrf;
  let payload;
  if (body !== undefined) {
    if (raw) { payload = body; headers["Content-Type"] = contentType || "application/octet-stream"; }
    else { payload = JSON.stringify(body); headers["Content-Type"] = "application/json"; }
  }
  const response = await fetch(path, { method, headers, body: payload, credentials: "same-origin", cache: "no-store" });
  let answer = {};
  try { answer = await response.json(); } catch { answer = { error: `HTTP ${response.status}` }; }
  if (!response.ok) {
    if (answer.code === "signedOut") showLogin();
    throw new APIError(response.status, answer);
  }
  return answer;
}

function toast(text) {
  const box = $("#toast");
  box.textContent = text;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, 4000);
}

function showError(target, error) {
  const box = typeof target === "string" ? $(target) : target;
  box.textContent = error instanceof APIError ? error.message : String(error.message || error);
  box.hidden = false;
}

// ---------------------------------------------------------------- Sign-in and navigation

function showLogin() {
  state.session = null;
  if (state.events) { state.events.close(); state.events = null; }
  $("#topbar").hidden = true;
  $("#training-banner").hidden = true;
  $("#hit-warning").hidden = true;
  for (const view of $$(".view")) view.hidden = view.id !== "view-login";
  $("#login-pin").value = "";
  $("#login-user").focus();
  // First start: no accounts yet, so offer the owner's account instead of a sign-in nobody can pass.
  api("GET", "/api/setup").then((answer) => {
    $("#setup-form").hidden = !answer.needed;
    $("#login-form").hidden = answer.needed;
    if (answer.needed) $("#setup-user").focus();
  }, () => {});
}

function startSession(info) {
  state.session = info;
  I18N.setDefault(info.language);
  $("#shop-name").textContent = info.shop;
  $("#who-name").textContent = info.user;
  $("#who-role").textContent = t(`role.${info.role}`);
  $("#training-banner").hidden = !info.training;
  $("#topbar").hidden = false;
  const allowed = { staff: ["counter"], owner: ["counter", "owner", "technician"], technician: ["technician"] }[info.role];
  for (const button of $$("#topbar .nav")) button.hidden = !allowed.includes(button.dataset.view);
  fillCategories();
  connectEvents();
  show(allowed[0]);
}

function show(view) {
  state.view = view;
  for (const section of $$(".view")) section.hidden = section.id !== `view-${view}`;
  for (const button of $$("#topbar .nav")) button.classList.toggle("active", button.dataset.view === view);
  if (view === "counter") { renderCounter(); $("#scan-input").focus(); }
  if (view === "owner") showTab(showTab.current || "day");
  if (view === "technician") loadTechnician();
}

$("#login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("#login-error").hidden = true;
  try {
    const info = await api("POST", "/api/login", { user: $("#login-user").value.trim(), pin: $("#login-pin").value });
    $("#login-pin").value = "";
    startSession(info);
  } catch (error) {
    $("#login-pin").value = "";
    showError("#login-error", error);
  }
});

$("#setup-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const error = $("#setup-error");
  error.hidden = true;
  if ($("#setup-pin").value !== $("#setup-repeat").value) {
    error.textContent = t("setup.mismatch");
    error.hidden = false;
    $("#setup-pin").value = "";
    $("#setup-repeat").value = "";
    $("#setup-pin").focus();
    return;
  }
  try {
    const info = await api("POST", "/api/setup", { user: $("#setup-user").value.trim(), pin: $("#setup-pin").value });
    $("#setup-form").hidden = true;
    $("#login-form").hidden = false;
    startSession(info);
  } catch (failure) {
    showError("#setup-error", failure);
  } finally {
    $("#setup-pin").value = "";
    $("#setup-repeat").value = "";
  }
});

$("#logout").addEventListener("click", async () => {
  try { await api("POST", "/api/logout", {}); } catch { /* signed out anyway */ }
  resetCounter();
  showLogin();
});

for (const button of $$("#topbar .nav")) button.addEventListener("click", () => show(button.dataset.view));
for (const button of $$(".lang")) {
  button.addEventListener("click", () => {
    I18N.set(I18N.lang === "en" ? "nl" : "en");
    if (state.session) { $("#who-role").textContent = t(`role.${state.session.role}`); fillCategories(); show(state.view); }
  });
}

// ---------------------------------------------------------------- Live events (WebSocket)

const eventHandlers = {
  item: upsertItem,
  check: upsertItem,
  document: (document) => showDocument(document),
  scan: (line) => consoleLine(line),
  registered: () => { if (state.view === "owner" && showTab.current === "day") loadDay(); },
};

function connectEvents() {
  if (state.events) { state.events.onclose = null; state.events.close(); }
  const socket = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/api/ws`);
  socket.onmessage = (message) => {
    const event = JSON.parse(message.data);
    const handler = eventHandlers[event.type];
    if (handler) handler(event.data);
  };
  socket.onclose = async () => {
    if (state.events !== socket) return;
    // A signed-out session shows the sign-in form (api() does that); otherwise reconnect shortly.
    try { await api("GET", "/api/session"); setTimeout(() => { if (state.events === socket) connectEvents(); }, 1000); }
    catch { /* signed out */ }
  };
  state.events = socket;
}

// ---------------------------------------------------------------- Counter: scans

$("#scan-input").addEventListener("keydown", async (event) => {
  if (event.key !== "Enter") return;
  event.preventDefault();
  const input = event.target;
  const text = input.value;
  input.value = "";
  if (!text.trim()) return;
  try {
    const answer = await api("POST", "/api/scan", { text });
    if (answer.kind === "item" && answer.item) upsertItem(answer.item);
    else if (answer.kind === "document" && answer.document) showDocument(answer.document);
    else if (answer.kind === "partialDocument") setDocumentStatus(t("doc.partial"), "ok");
  } catch (error) { toast(error.message); }
});

// Keep the scan field ready: a keyboard-wedge scanner types into whatever has focus.
document.addEventListener("click", (event) => {
  if (state.view !== "counter" || !$("#hit-warning").hidden) return;
  if (!event.target.closest("input, select, textarea, button, a, summary")) $("#scan-input").focus();
});

// ---------------------------------------------------------------- Counter: seller

function setDocumentStatus(text, kind) {
  const box = $("#document-status");
  box.textContent = text;
  box.className = `docstatus ${kind}`;
  box.hidden = false;
}

function showDocument(doc) {
  state.document = doc;
  if (!doc.valid) {
    setDocumentStatus(t("doc.invalid", { errors: (I18N.lang === "en" ? doc.errorsEN : doc.errors).join("; ") }), "bad");
    return;
  }
  const form = $("#seller-form");
  form.surname.value = doc.surname || "";
  form.givenNames.value = doc.givenNames || "";
  form.birthDate.value = doc.birthDate || "";
  form.documentKind.value = doc.documentKind || "other";
  form.documentNumber.value = doc.documentNumber || "";
  form.issuingCountry.value = doc.issuingCountry || "";
  form.expiryDate.value = doc.expiryDate || "";
  let text = t("doc.valid", { kind: t(`doc.${doc.documentKind}`), number: doc.documentNumber, country: doc.issuingCountry,
    expiry: doc.expiryDate || "—" });
  if (doc.bsnRemoved) text += " " + t("doc.bsnRemoved");
  setDocumentStatus(text, doc.expired || doc.minor ? "bad" : "ok");
  state.approvalID = null;
  state.approvalOwner = null;
  updateApproval();
  showReturning(doc.returning);
}

function updateApproval() {
  const form = $("#seller-form");
  const today = todayISO();
  const birth = form.birthDate.value;
  let minor = false;
  if (birth) {
    const [y, m, d] = birth.split("-").map(Number);
    const [ty, tm, td] = today.split("-").map(Number);
    minor = ty - y - ((tm < m || (tm === m && td < d)) ? 1 : 0) < 18;
  }
  const expired = form.expiryDate.value !== "" && form.expiryDate.value < today;
  const box = $("#approval");
  if (!(minor || expired)) { box.hidden = true; return; }
  box.hidden = false;
  box.dataset.kind = minor ? "minor" : "expiredDocument";
  $("#approval-text").textContent = state.approvalID
    ? t("doc.approved", { owner: state.approvalOwner })
    : t(minor ? "doc.minor" : "doc.expired");
  $("#approval-form").hidden = Boolean(state.approvalID);
}
for (const name of ["birthDate", "expiryDate"]) $("#seller-form")[name].addEventListener("change", updateApproval);

$("#approval-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  try {
    const answer = await api("POST", "/api/approvals", {
      owner: form.owner.value.trim(), pin: form.pin.value, reason: form.reason.value, kind: $("#approval").dataset.kind });
    state.approvalID = answer.approvalID;
    state.approvalOwner = answer.owner;
    form.reset();
    updateApproval();
  } catch (error) {
    form.pin.value = "";
    toast(error.message);
  }
});

function showReturning(returning) {
  state.returning = returning || null;
  const box = $("#returning");
  if (!returning) { box.hidden = true; return; }
  const a = returning.address;
  $("#returning-text").textContent = t("returning.text", {
    date: returning.lastVisit, number: returning.lastEntryNumber,
    address: `${a.street} ${a.houseNumber}, ${a.postcode} ${a.city}` });
  box.hidden = false;
}

$("#returning-use").addEventListener("click", () => {
  const a = state.returning?.address;
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
  try { showDocument(await api("POST", "/api/document", { text: $("#mrz-text").value })); }
  catch (error) { toast(error.message); }
});

// ---------------------------------------------------------------- Counter: items

function fillCategories() {
  if (!state.session) return;
  for (const select of $$("select[name=category]")) fillCategorySelect(select, select.value);
}

function fillCategorySelect(select, selected) {
  select.replaceChildren(...state.session.categories.map((c) =>
    el("option", { value: c.id, text: I18N.lang === "en" ? c.en : c.nl })));
  select.value = selected || "other";
}

function upsertItem(draft) {
  const known = state.items.get(draft.id);
  if (known) known.draft = draft;
  else {
    state.items.set(draft.id, { draft, fields: { category: draft.imei ? "mobilePhone" : "other", serialNumber: draft.serialNumber || "",
      imei: draft.imei || "", photos: [] } });
    state.order.push(draft.id);
  }
  $("#intake-done").hidden = true;
  renderItems();
}

function statusOf(draft) {
  if (draft.checking || !draft.check) return "checking";
  return draft.check.status;
}

function renderCounter() { renderItems(); updateApproval(); }

function renderItems() {
  const list = $("#item-list");
  // Keep cards (and what the clerk typed) for items already shown; add new ones in order.
  for (const id of state.order) {
    const entry = state.items.get(id);
    let card = list.querySelector(`li[data-item-id="${CSS.escape(id)}"]`);
    if (!card) { card = itemCard(id, entry); list.append(card); }
    updateCard(card, entry.draft);
  }
  for (const card of $$("li[data-item-id]", list)) if (!state.items.has(card.dataset.itemId)) card.remove();
  $("#items-empty").hidden = state.order.length > 0;
  renderBanners();
  renderWarning();
  updateTotal();
}

function field(label, name, entry, { wide = false, ...attrs } = {}) {
  const input = el("input", { name, value: entry.fields[name] ?? "", ...attrs });
  input.addEventListener("input", () => { entry.fields[name] = input.value; if (name === "price") updateTotal(); });
  return el("label", { class: wide ? "wide" : undefined }, el("span", { text: t(label) }), input);
}

function itemCard(id, entry) {
  const d = entry.draft;
  const category = el("select", { name: "category" });
  fillCategorySelect(category, entry.fields.category);
  entry.fields.category = category.value;
  const jewellery = el("div", { class: "fields jewellery wide" },
    field("item.material", "material", entry), field("item.fineness", "fineness", entry),
    field("item.weight", "weight", entry, { inputmode: "decimal" }), field("item.engraving", "engraving", entry),
    field("item.stoneColour", "stoneColour", entry));
  const showJewellery = () => {
    const info = state.session.categories.find((c) => c.id === category.value);
    jewellery.hidden = !info?.jewellery;
  };
  category.addEventListener("change", () => { entry.fields.category = category.value; showJewellery(); });
  showJewellery();

  const serial = field("item.serial", "serialNumber", entry);
  const checkButton = el("button", { type: "button", text: t("item.check"), onclick: async () => {
    try {
      upsertItem(await api("POST", "/api/items/check", {
        itemID: id, serial: entry.fields.serialNumber || entry.fields.imei || "", brand: entry.fields.brand || null }));
    } catch (error) { toast(error.message); }
  } });

  const photos = el("div", { class: "photos" });
  const fileInput = el("input", { type: "file", accept: "image/jpeg,image/png,image/webp", name: "photo", capture: "environment" });
  fileInput.addEventListener("change", async () => {
    for (const file of fileInput.files) await uploadPhoto(entry, file, photos);
    fileInput.value = "";
  });
  const camera = el("button", { type: "button", text: t("item.camera"), onclick: () => takePhoto(entry, photos) });
  photos.append(el("span", { text: t("item.photo") }), fileInput, camera);

  return el("li", { class: "item", "data-item-id": id },
    el("div", { class: "head" },
      el("span", {}, el("span", { text: `${t("item.scanned")}: ` }), el("span", { class: "scanned", text: d.scanned })),
      el("span", { class: "badge" })),
    el("div", { class: "ids hint" }),
    el("div", { class: "records" }),
    el("div", { class: "fields" },
      el("label", {}, el("span", { text: t("item.category") }), category),
      field("item.brand", "brand", entry), field("item.model", "model", entry), field("item.colour", "colour", entry),
      serial, field("item.imei", "imei", entry, { inputmode: "numeric" }),
      el("div", { class: "wide inline" }, checkButton),
      field("item.description", "description", entry, { wide: true }),
      field("item.price", "price", entry, { inputmode: "decimal" }),
      jewellery),
    photos,
    el("button", { type: "button", text: t("item.remove"), onclick: () => {
      state.items.delete(id);
      state.order = state.order.filter((x) => x !== id);
      renderItems();
    } }));
}

function updateCard(card, draft) {
  const status = statusOf(draft);
  card.dataset.checkStatus = status;
  const badge = $(".badge", card);
  badge.className = `badge ${status}`;
  badge.textContent = t(`status.${status}`);
  const ids = [];
  if (draft.gtin) ids.push(`${t("item.gtin")} ${draft.gtin}`);
  if (draft.imei) ids.push(`${t("item.imei")} ${draft.imei}`);
  if (draft.dismissedBy) ids.push(t("item.dismissed", { owner: draft.dismissedBy, reason: draft.dismissReason }));
  if (draft.check && status === "notChecked") ids.push(I18N.lang === "en" ? draft.check.reasonEN : draft.check.reason);
  $(".ids", card).textContent = ids.join(" · ");
  const records = $(".records", card);
  records.replaceChildren(...(draft.check?.records || []).map((r) =>
    el("div", { class: "hint", text: `${t("item.records")}: ${[r.brand, r.model, r.object, r.serial, r.reportedOn, r.source].filter(Boolean).join(" · ")}` })));
}

function renderBanners() {
  const box = $("#check-banners");
  const banners = [];
  for (const id of state.order) {
    const d = state.items.get(id).draft;
    const status = statusOf(d);
    const serial = d.checkTerm || d.scanned;
    if (status === "possibleMatch") {
      banners.push(el("div", { class: "banner", role: "alert", "data-check-result": "possible", "data-item-id": id,
        text: t("banner.possible", { serial }) }));
    } else if (status === "notChecked") {
      banners.push(el("div", { class: "banner", role: "status", "data-check-result": "not-checked", "data-item-id": id,
        text: t("banner.notChecked", { serial, reason: ((I18N.lang === "en" ? d.check.reasonEN : d.check.reason) || "").replace(/\.$/, "") }) }));
    }
  }
  box.replaceChildren(...banners);
}

/** The first undismissed hit, if any: it takes the whole screen until the owner closes it. */
function renderWarning() {
  const warning = $("#hit-warning");
  const hit = state.order.map((id) => state.items.get(id).draft)
    .find((d) => d.check?.status === "hit" && !d.dismissedBy);
  if (!hit) {
    if (!warning.hidden) { warning.hidden = true; $("#scan-input").focus(); }
    return;
  }
  const wasHidden = warning.hidden || warning.dataset.itemId !== hit.id;
  warning.dataset.itemId = hit.id;
  $("#hit-serial").textContent = hit.checkTerm || hit.scanned;
  $("#hit-records").replaceChildren(...(hit.check.records || []).map((r) =>
    el("li", { text: [r.object, r.brand, r.model, r.serial, r.reportedOn, r.source].filter(Boolean).join(" · ") })));
  warning.hidden = false;
  if (wasHidden) {
    window.counterWarningShownAt = Date.now();
    $("#dismiss-error").hidden = true;
    $("#dismiss-form").owner.focus();
  }
}

// The warning cannot be closed with Escape, a click outside or the browser's back key.
document.addEventListener("keydown", (event) => {
  if (!$("#hit-warning").hidden && event.key === "Escape") { event.preventDefault(); event.stopPropagation(); }
}, true);

$("#dismiss-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  try {
    const item = await api("POST", "/api/items/dismiss", {
      itemID: $("#hit-warning").dataset.itemId, owner: form.owner.value.trim(), pin: form.pin.value, reason: form.reason.value });
    form.reset();
    upsertItem(item);
  } catch (error) {
    form.pin.value = "";
    showError("#dismiss-error", error);
  }
});

$("#item-add").addEventListener("click", async () => {
  try { upsertItem(await api("POST", "/api/items/check", { itemID: null, serial: "", brand: null })); }
  catch (error) { toast(error.message); }
});

async function uploadPhoto(entry, blob, box) {
  try {
    const ref = await api("POST", "/api/photos", blob, { raw: true, contentType: blob.type || "image/jpeg" });
    entry.fields.photos.push(ref);
    box.append(el("img", { src: `/photos/${ref.sha256}`, alt: t("item.photo") }));
  } catch (error) { toast(error.message); }
}

async function takePhoto(entry, box) {
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
    await uploadPhoto(entry, blob, box);
  } catch (error) {
    toast(error.message || String(error));
  } finally {
    if (stream) for (const track of stream.getTracks()) track.stop();
  }
}

function updateTotal() {
  let total = 0;
  for (const id of state.order) {
    const cents = parseCents(state.items.get(id).fields.price);
    if (Number.isFinite(cents)) total += cents;
  }
  $("#total").textContent = euro(total);
  return total;
}

// ---------------------------------------------------------------- Counter: confirm

function buildIntake() {
  const s = $("#seller-form");
  const p = $("#payment-form");
  const items = state.order.map((id) => {
    const f = state.items.get(id).fields;
    const d = state.items.get(id).draft;
    const item = {
      category: f.category, description: (f.description || "").trim(),
      brand: f.brand || undefined, model: f.model || undefined, colour: f.colour || undefined,
      serialNumber: (f.serialNumber || "").trim() || undefined, imei: (f.imei || "").trim() || undefined,
      gtin: d.gtin || undefined, priceCents: parseCents(f.price) ?? undefined, photos: f.photos,
    };
    const info = state.session.categories.find((c) => c.id === f.category);
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
  try {
    const answer = await api("POST", "/api/intakes", { intake: buildIntake(), draftIDs: state.order, approvalID: state.approvalID });
    $("#entry-number").textContent = answer.entryNumber;
    $("#hold-until").textContent = answer.holdUntil ? t("done.holdUntil", { date: answer.holdUntil }) : "";
    $("#print-entry").href = `/print/entry/${answer.entryNumber}`;
    clearCustomer();
    $("#intake-done").hidden = false;
  } catch (error) {
    const code = error.body?.code || "";
    if (code.startsWith("needsOwner:")) { state.approvalID = null; updateApproval(); }
    showError("#intake-error", error);
  } finally {
    button.disabled = false;
  }
});

function clearCustomer() {
  state.items.clear();
  state.order = [];
  state.document = null;
  state.approvalID = null;
  state.returning = null;
  $("#seller-form").reset();
  $("#payment-form").reset();
  $("#mrz-text").value = "";
  $("#document-status").hidden = true;
  $("#returning").hidden = true;
  $("#intake-error").hidden = true;
  $("#item-list").replaceChildren();
  renderCounter();
  $("#scan-input").focus();
}

function resetCounter() { clearCustomer(); $("#intake-done").hidden = true; }
$("#new-seller").addEventListener("click", resetCounter);

// ---------------------------------------------------------------- Owner pages

function showTab(name) {
  showTab.current = name;
  for (const pane of $$(".tabpane")) pane.hidden = pane.id !== `tab-${name}`;
  for (const tab of $$(".tab")) tab.classList.toggle("active", tab.dataset.tab === name);
  ({ day: loadDay, holding: loadHolding, uploads: loadUploads, users: loadUsers, audit: loadAudit })[name]();
}
for (const tab of $$(".tab")) tab.addEventListener("click", () => showTab(tab.dataset.tab));

$("#day-date").addEventListener("change", loadDay);

async function loadDay() {
  const input = $("#day-date");
  if (!input.value) input.value = todayISO();
  const date = input.value;
  $("#export-csv").href = `/export/log.csv?date=${date}`;
  $("#export-csv").setAttribute("download", `inkoopregister-${date}.csv`);
  $("#export-pdf").href = `/export/log.pdf?date=${date}`;
  $("#export-pdf").setAttribute("download", `inkoopregister-${date}.pdf`);
  $("#print-day").href = `/print/log?date=${date}`;
  try {
    const log = await api("GET", `/api/log?date=${encodeURIComponent(date)}`);
    const rows = log.rows.map((r) => el("tr", { "data-entry": r.entryNumber },
      el("td", { class: "num", text: r.entryNumber }), el("td", { text: r.time }), el("td", { text: r.clerk }),
      el("td", { text: `${r.sellerName} (${r.idDocument})` }), el("td", { text: r.items.join("; ") }),
      el("td", { class: "num", text: `€ ${euro(r.priceCents)}` }),
      el("td", { class: `status ${r.checkStatus}`, text: t(`status.${r.checkStatus}`) })));
    $("#day-table tbody").replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colspan: 7, text: t("log.empty") }))]));
    $("#day-totals").textContent = t("totals.day", { count: log.count, total: euro(log.totalCents) });
    $("#clerk-totals").replaceChildren(...log.perClerk.map((c) =>
      el("li", { text: t("totals.clerk", { clerk: c.clerk, count: c.count, total: euro(c.totalCents) }) })));
  } catch (error) { toast(error.message); }
}

async function loadHolding() {
  try {
    const held = await api("GET", "/api/holding");
    $("#holding-table tbody").replaceChildren(...held.map((h) => el("tr", {},
      el("td", {}, el("code", { text: h.itemID }), el("div", { text: `${h.category}: ${h.summary}` })),
      el("td", { class: "num", text: h.entryNumber }), el("td", { text: h.acquiredOn }),
      el("td", { text: h.releaseDate || "—" }), el("td", { text: h.policeFlagOpen ? t("hold.open") : "" }),
      el("td", {}, el("button", { type: "button", text: h.policeFlagOpen ? t("hold.unflag") : t("hold.flag"),
        onclick: () => policeFlag(h.itemID, !h.policeFlagOpen) })))));
  } catch (error) { toast(error.message); }
}

async function policeFlag(itemID, open) {
  const note = window.prompt(t("alert.note"));
  if (note === null) return;
  try { await api("POST", "/api/police-flags", { itemID, open, note }); loadHolding(); }
  catch (error) { toast(error.message); }
}

$("#sale-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  $("#sale-error").hidden = true;
  try {
    const cents = parseCents(form.price.value);
    await api("POST", "/api/sales", { itemID: form.itemID.value.trim(), buyerName: form.buyerName.value.trim(),
      priceCents: Number.isFinite(cents) ? cents : null });
    form.reset();
    toast(t("msg.sale"));
    loadHolding();
  } catch (error) { showError("#sale-error", error); }
});

async function loadUploads() {
  try {
    const view = await api("GET", "/api/uploads");
    const s = view.summary;
    const age = s.oldestQueuedAgeSeconds;
    const pairs = [["up.queued", s.queued], ["up.sent", s.sent], ["up.acknowledged", s.acknowledged], ["up.rejected", s.rejected],
      ["up.oldest", age == null ? "—" : `${Math.floor(age / 3600)} h ${Math.floor((age % 3600) / 60)} min`],
      ["up.register", view.registerURL || t("up.none")]];
    $("#upload-summary").replaceChildren(...pairs.flatMap(([k, v]) => [el("dt", { text: t(k) }), el("dd", { text: v })]));
    const rejected = view.rejected.map((r) => el("tr", { "data-entry": r.entryNumber },
      el("td", { class: "num", text: r.entryNumber }), el("td", { text: t(`up.kind.${r.kind}`) }),
      el("td", { text: r.reason }), el("td", { class: "num", text: r.attempts })));
    $("#rejected-table tbody").replaceChildren(...(rejected.length ? rejected
      : [el("tr", {}, el("td", { colspan: 4, text: t("up.noneRejected") }))]));
    $("#alert-list").replaceChildren(...view.alerts.map((a) => {
      const li = el("li", { class: a.acknowledgedAt ? "acknowledged" : "open" },
        el("strong", { text: new Date(a.raisedAt).toLocaleString(I18N.lang === "en" ? "en-GB" : "nl-NL") + " " }),
        el("span", { text: a.message }));
      if (a.acknowledgedAt) li.append(el("span", { text: ` — ${a.acknowledgedBy}: ${a.acknowledgementNote || ""}` }));
      else li.append(" ", el("button", { type: "button", text: t("alert.ack"), onclick: async () => {
        const note = window.prompt(t("alert.note"));
        if (note === null) return;
        try { await api("POST", `/api/alerts/${a.id}/ack`, { note }); toast(t("msg.ack")); loadUploads(); }
        catch (error) { toast(error.message); }
      } }));
      return li;
    }));
  } catch (error) { toast(error.message); }
}

$("#upload-retry").addEventListener("click", async () => {
  try {
    const answer = await api("POST", "/api/uploads/retry", {});
    toast(t("msg.retried", { count: answer.retried }));
    loadUploads();
  } catch (error) { toast(error.message); }
});

async function loadUsers(accounts) {
  try {
    const list = accounts || await api("GET", "/api/users");
    $("#user-table tbody").replaceChildren(...list.map((u) => el("tr", {},
      el("td", { text: u.name }), el("td", { text: t(`role.${u.role}`) }),
      el("td", { text: u.disabled ? t("users.disabled") : t("users.active") }),
      el("td", {}, el("button", { type: "button", text: u.disabled ? t("users.enable") : t("users.disable"), onclick: async () => {
        try { loadUsers(await api("POST", "/api/users", { name: u.name, disabled: !u.disabled })); }
        catch (error) { showError("#user-error", error); }
      } })))));
  } catch (error) { toast(error.message); }
}

$("#user-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  $("#user-error").hidden = true;
  try {
    const accounts = await api("POST", "/api/users", { name: form.name.value.trim(), role: form.role.value, pin: form.pin.value });
    form.reset();
    toast(t("msg.added"));
    loadUsers(accounts);
  } catch (error) { form.pin.value = ""; showError("#user-error", error); }
});

async function loadAudit() {
  try {
    const events = await api("GET", "/api/audit");
    $("#audit-table tbody").replaceChildren(...events.map((e) => el("tr", {},
      el("td", { text: new Date(e.at).toLocaleString(I18N.lang === "en" ? "en-GB" : "nl-NL") }), el("td", { text: e.actor }),
      el("td", { text: e.action }), el("td", { text: e.subject || "" }), el("td", { text: e.detail || "" }))));
  } catch (error) { toast(error.message); }
}

// ---------------------------------------------------------------- Technician page

async function loadTechnician() {
  try {
    const scanners = await api("GET", "/api/scanners");
    $("#scanner-table tbody").replaceChildren(...(scanners.length ? scanners.map((s) => el("tr", {},
      el("td", {}, el("code", { text: s.spec })), el("td", { text: s.state }), el("td", { class: "num", text: s.scans }),
      el("td", { class: "num", text: s.incomplete }),
      el("td", { text: s.lastScanAt ? `${new Date(s.lastScanAt).toLocaleTimeString()} (${s.lastLength})` : "—" })))
      : [el("tr", {}, el("td", { colspan: 5, text: t("tech.noScanners") }))]));
    const devices = await api("GET", "/api/devices");
    $("#device-table tbody").replaceChildren(...(devices.length ? devices.map((d) => el("tr", { "data-node": d.node },
      el("td", {}, el("code", { text: d.node })), el("td", { text: d.transport }),
      el("td", { text: d.usbID }), el("td", { text: d.product || "—" }),
      el("td", { text: d.profile || t("tech.noProfile") }), el("td", { text: t(d.mayOpen ? "tech.yes" : "tech.no") }),
      el("td", {}, el("code", { text: d.spec }))))
      : [el("tr", {}, el("td", { colspan: 7, text: t("tech.noDevices") }))]));
    const config = await api("GET", "/api/config");
    $("#config-path").textContent = config.path;
    if (!$("#config-text").dataset.edited) $("#config-text").value = config.text;
  } catch (error) { toast(error.message); }
}

$("#config-text").addEventListener("input", () => { $("#config-text").dataset.edited = "1"; });

async function configAction(path) {
  const result = $("#config-result");
  try {
    const answer = await api("POST", path, { text: $("#config-text").value });
    result.textContent = answer.ok ? t(answer.saved ? "msg.saved" : "msg.valid") : answer.error;
    result.className = answer.ok ? "" : "error";
    if (answer.saved) delete $("#config-text").dataset.edited;
  } catch (error) { result.textContent = error.message; result.className = "error"; }
}
$("#config-validate").addEventListener("click", () => configAction("/api/config/validate"));
$("#config-save").addEventListener("click", () => configAction("/api/config"));

function consoleLine(line) {
  const list = $("#console");
  const text = line.text == null ? `[${line.length} tekens]` : line.text;
  list.append(el("li", { text: `${new Date().toLocaleTimeString()}  ${line.source}  ${line.kind}  ${text}` }));
  while (list.children.length > 200) list.firstChild.remove();
  list.scrollTop = list.scrollHeight;
  if (state.view === "technician") loadTechnicianSoon();
}
function loadTechnicianSoon() {
  clearTimeout(loadTechnicianSoon.timer);
  loadTechnicianSoon.timer = setTimeout(loadTechnician, 300);
}

// ---------------------------------------------------------------- Start

I18N.apply();
api("GET", "/api/session").then(startSession, () => showLogin());
