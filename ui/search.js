// The owner's register search: criteria, results, an entry's detail with its reprint, a correction with the
// owner's PIN, and the inspector's register for a period. Every rule is the server's; values go as typed.
import { api, session } from "./api.js";
import { $, $$, el, lang, showError, t, toast } from "./dom.js";
import { date, dateTime, money, weight } from "./format.js";

const criteria = ["serial", "seller", "document", "from", "to", "clerk", "category", "status"];
const statuses = ["hit", "possibleMatch", "notChecked", "notYetChecked", "clear"];

/** Fills the category and check selects (the session knows the categories, in both languages). */
function fillSelects() {
  const form = $("#search-form");
  const keep = { category: form.category.value, status: form.status.value };
  form.category.replaceChildren(el("option", { value: "", text: t("search.any") }),
    ...(session.info?.categories || []).map((c) => el("option", { value: c.id, text: lang() === "en" ? c.en : c.nl })));
  form.status.replaceChildren(el("option", { value: "", text: t("search.any") }),
    ...statuses.map((s) => el("option", { value: s, text: t(`status.${s}`) })));
  form.category.value = keep.category;
  form.status.value = keep.status;
}

/** The search tab: the form as it was, and the last results. */
export function loadSearch() {
  fillSelects();
  syncExportLinks();
  if (!$("#entry-detail").hidden) return;
  $("#search-form").serial.focus();
}

async function search(event) {
  event?.preventDefault();
  const form = $("#search-form");
  $("#search-error").hidden = true;
  const query = new URLSearchParams();
  for (const name of criteria) if (form[name].value.trim()) query.set(name, form[name].value.trim());
  try {
    const result = await api("GET", `/api/search?${query}`);
    $("#entry-detail").hidden = true;
    const rows = result.hits.map((h) => el("tr", { "data-entry": h.row.entryNumber, class: "clickable",
      onclick: () => showEntry(h.row.entryNumber) },
    el("td", { class: "num" }, el("button", { type: "button", class: "link", text: h.row.entryNumber,
      "aria-label": t("search.open", { number: h.row.entryNumber }) })),
    el("td", { text: `${date(h.day)} ${h.row.time.slice(0, 5)}` }), el("td", { text: h.row.clerk }),
    el("td", { text: `${h.row.sellerName} (${h.row.idDocument})` }),
    el("td", { text: h.row.items.join("; ") + (h.matchedItems.length && !h.exactMatch ? ` — ${t("search.alike")}` : "") }),
    el("td", { class: "num", text: money(h.row.priceCents, lang()) }),
    el("td", { class: `status ${h.row.checkStatus}`, text: t(`status.${h.row.checkStatus}`) }),
    el("td", { text: [h.row.corrects ? t("search.corrects", { number: h.row.corrects }) : "",
      h.correctedBy.length ? t("search.correctedBy", { numbers: h.correctedBy.join(", ") }) : ""].filter(Boolean).join(" · ") })));
    $("#search-table tbody").replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colspan: 8, text: t("search.none") }))]));
    $("#search-count").textContent = result.more ? t("search.more", { count: result.hits.length })
      : t("search.count", { count: result.hits.length });
  } catch (error) { showError("#search-error", error); }
}

/** One entry with everything around it; the owner can reprint it and correct the newest of its chain. */
export async function showEntry(number) {
  try {
    renderEntry(await api("GET", `/api/entries/${number}`));
  } catch (error) { toast(error.message); }
}

function field(label, value) {
  return value ? [el("dt", { text: label }), el("dd", { text: value })] : [];
}

function marks(item) {
  const j = item.jewellery || {};
  return [item.brand && `${t("detail.brand")} ${item.brand}`, item.model && `${t("detail.model")} ${item.model}`,
    item.colour && `${t("detail.colour")} ${item.colour}`, item.serialNumber && `${t("detail.serial")} ${item.serialNumber}`,
    item.imei && `IMEI ${item.imei}`, item.frameNumber && `${t("detail.frame")} ${item.frameNumber}`,
    j.material && `${t("detail.material")} ${j.material}`, j.fineness && `${t("detail.fineness")} ${j.fineness}`,
    j.weightMilligrams && `${t("detail.weight")} ${weight(j.weightMilligrams, lang())}`,
    j.engraving && `${t("detail.engraving")} ${j.engraving}`].filter(Boolean).join("; ");
}

function renderEntry(view) {
  const { detail } = view;
  const e = detail.entry;
  const s = e.seller;
  const box = $("#entry-detail");
  const erased = e.identityErasedOn ? t("detail.erased", { date: date(e.identityErasedOn) }) : "";
  const items = detail.items.map((i) => el("tr", { "data-item": i.itemID },
    el("td", {}, el("code", { text: i.itemID })), el("td", { text: `${i.item.description}` }), el("td", { text: marks(i.item) }),
    el("td", { class: "num", text: i.item.priceCents === undefined || i.item.priceCents === null ? "" : money(i.item.priceCents, lang()) }),
    el("td", { text: i.checks.map((c) => `${t(`status.${c.status}`)} (${dateTime(c.checkedAt)})`).join("; ") || t("status.notYetChecked") }),
    el("td", { text: [date(i.keptUntil), i.holdOrder ? t("hold.order", { reference: i.holdOrder.reference, until: date(i.holdOrder.until) }) : "",
      i.policeFlagOpen ? t("hold.open") : ""].filter(Boolean).join("; ") }),
    el("td", { text: i.sale ? `${date(i.sale.soldOn)} · ${i.sale.buyerName}` : "" })));
  const chain = detail.corrections.map((c) => el("li", { "data-chain": c.entryNumber, class: c.entryNumber === e.entryNumber ? "current" : "" },
    el("button", { type: "button", class: "link", text: t("detail.chainEntry", { number: c.entryNumber, date: date(c.day), clerk: c.clerk }),
      onclick: () => showEntry(c.entryNumber) }),
    c.corrects ? ` — ${t("detail.chainReason", { number: c.corrects, reason: c.reason || "" })}` : ` — ${t("detail.original")}`));
  box.replaceChildren(
    el("div", { class: "inline" }, el("h3", { text: t("detail.title", { number: e.entryNumber }) }),
      el("a", { class: "button", href: `/print/entry/${e.entryNumber}`, target: "_blank", id: "entry-reprint", text: t("detail.reprint") }),
      el("button", { type: "button", text: t("detail.back"), onclick: () => { box.hidden = true; $("#search-form").serial.focus(); } })),
    el("dl", { class: "summary" },
      ...field(t("detail.when"), dateTime(e.recordedAt)), ...field(t("detail.clerk"), e.clerk),
      ...field(t("detail.kind"), t(`kind.${e.kind}`)), ...field(t("detail.price"), money(e.priceCents, lang())),
      ...field(t("detail.payment"), t(`pay.${e.paymentMethod}`)), ...field(t("detail.conditions"), e.conditions),
      ...field(t("detail.seller"), s ? [s.givenNames, s.surname].filter(Boolean).join(" ") : erased),
      ...field(t("detail.address"), s ? `${s.address.street} ${s.address.houseNumber}, ${s.address.postcode} ${s.address.city}` : ""),
      ...field(t("detail.birthDate"), s ? date(s.birthDate) : ""),
      ...field(t("detail.document"), s ? `${t(`doc.${s.document.kind}`)} ${s.document.number} (${s.document.issuingCountry})` : ""),
      ...field(t("detail.override"), e.override ? `${e.override.owner}: ${e.override.reason}` : ""),
      ...field(t("detail.corrects"), e.corrects ? t("detail.chainReason", { number: e.corrects, reason: e.correctionReason || "" }) : ""),
      ...field(t("detail.hash"), e.hash)),
    el("table", { id: "entry-items" }, el("thead", {}, el("tr", {}, ...["detail.item", "detail.description", "detail.marks",
      "detail.price", "detail.checks", "detail.kept", "detail.sale"].map((k) => el("th", { text: t(k) })))), el("tbody", {}, ...items)),
    el("h4", { text: t("detail.uploads") }),
    el("ul", { id: "entry-uploads" }, ...(detail.uploads.length ? detail.uploads.map((u) => el("li", {
      text: `${t(`up.kind.${u.kind}`)}: ${t(`upload.${u.status}`)}${u.attempts ? ` (${u.attempts}×)` : ""}${u.lastError ? ` — ${u.lastError}` : ""}` }))
      : [el("li", { text: t("police.none") })])),
    ...(chain.length ? [el("h4", { text: t("detail.chain") }), el("ol", { id: "entry-chain" }, ...chain)] : []),
    ...(view.correctable ? [correctionForm(e, view.correctionForm)] : []));
  box.hidden = false;
  box.scrollIntoView({ block: "start" });
}

/** The correction form: the entry's fields as the server gave them, the reason and the owner's PIN. */
function correctionForm(entry, values) {
  const input = (name, label, value, attrs = {}) => el("label", {}, el("span", { text: label }),
    el("input", { name, value: value ?? "", ...attrs }));
  const sellerFields = [["surname", "seller.surname"], ["givenNames", "seller.givenNames"],
    ["birthDate", "seller.birthDate", { inputmode: "numeric", placeholder: t("date.placeholder") }],
    ["documentNumber", "seller.documentNumber"], ["street", "seller.street"], ["houseNumber", "seller.houseNumber"],
    ["postcode", "seller.postcode"], ["city", "seller.city"]];
  const itemFields = [["description", "detail.description"], ["brand", "detail.brand"], ["model", "detail.model"],
    ["serialNumber", "detail.serial"], ["imei", "IMEI"], ["frameNumber", "detail.frame"], ["price", "detail.price", { inputmode: "decimal" }]];
  const jewelleryFields = [["material", "detail.material"], ["fineness", "detail.fineness"], ["weight", "detail.weight", { inputmode: "decimal" }]];
  const form = el("form", { id: "correction-form", class: "card" },
    el("h4", { text: t("correction.title", { number: entry.entryNumber }) }),
    el("p", { class: "hint", text: t("correction.hint") }),
    el("fieldset", { class: "grid" }, ...sellerFields.map(([name, key, attrs]) =>
      input(`seller.${name}`, t(key), values.seller[name], attrs))),
    ...values.items.map((item, i) => el("fieldset", { class: "grid", "data-correction-item": i },
      el("legend", { text: `${entry.entryNumber}-${i + 1}` }),
      ...itemFields.map(([name, key, attrs]) => input(`items.${i}.${name}`, key === "IMEI" ? "IMEI" : t(key), item[name], attrs)),
      ...(entry.items[i].jewellery ? jewelleryFields.map(([name, key, attrs]) => input(`items.${i}.${name}`, t(key), item[name], attrs)) : []))),
    el("fieldset", { class: "grid" },
      input("reason", t("correction.reason"), "", { required: true }),
      input("owner", t("owner.name"), session.info?.user || "", { required: true, autocomplete: "off" }),
      input("pin", t("owner.pin"), "", { type: "password", inputmode: "numeric", required: true, autocomplete: "off" })),
    el("button", { type: "submit", class: "primary", text: t("correction.submit") }),
    el("p", { id: "correction-error", class: "error", role: "alert", hidden: true }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    $("#correction-error").hidden = true;
    const seller = { ...values.seller };
    for (const [name] of sellerFields) seller[name] = form.elements[`seller.${name}`].value;
    const items = values.items.map((item, i) => {
      const next = { ...item };
      for (const [name] of [...itemFields, ...jewelleryFields]) {
        const input = form.elements[`items.${i}.${name}`];
        if (input) next[name] = input.value;
      }
      return next;
    });
    const button = $("button[type=submit]", form);
    button.disabled = true;
    try {
      const view = await api("POST", `/api/entries/${entry.entryNumber}/correction`, {
        form: { ...values, seller, items }, reason: form.elements.reason.value,
        owner: form.elements.owner.value.trim(), pin: form.elements.pin.value });
      toast(t("correction.done", { number: view.detail.entry.entryNumber, old: entry.entryNumber }));
      renderEntry(view);
    } catch (error) {
      form.elements.pin.value = "";
      showError("#correction-error", error);
    } finally { button.disabled = false; }
  });
  return form;
}

/** The inspector's register: the links follow the period typed (the server reads the dates). */
function syncExportLinks() {
  const form = $("#register-export-form");
  const query = new URLSearchParams({ from: form.from.value.trim(), to: form.to.value.trim() });
  $("#register-csv").href = `/export/register.csv?${query}`;
  $("#register-csv").setAttribute("download", `inkoopregister-${form.from.value.trim()}-${form.to.value.trim()}.csv`);
  $("#register-pdf").href = `/export/register.pdf?${query}`;
  $("#register-pdf").setAttribute("download", `inkoopregister-${form.from.value.trim()}-${form.to.value.trim()}.pdf`);
  $("#register-print").href = `/print/register?${query}`;
}

/** Fetches an export first: a refusal (a period too long, a date that does not read) shows in the user's
 *  language under the form instead of downloading an error; a good answer is saved or opened. */
async function exportPeriod(event) {
  event.preventDefault();
  const link = event.currentTarget;
  $("#register-export-error").hidden = true;
  try {
    const response = await fetch(link.href, { credentials: "same-origin", cache: "no-store" });
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      throw new Error((lang() === "en" ? body.errorEN : body.error) || t("export.failed", { status: response.status }));
    }
    if (link.id === "register-print") { window.open(link.href, "_blank"); return; }
    const url = URL.createObjectURL(await response.blob());
    const save = el("a", { href: url, download: link.getAttribute("download") });
    document.body.append(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (error) { showError("#register-export-error", error); }
}

$("#search-form").addEventListener("submit", search);
for (const id of ["#register-csv", "#register-pdf", "#register-print"]) $(id).addEventListener("click", exportPeriod);
for (const input of $$("#register-export-form input")) input.addEventListener("input", syncExportLinks);
