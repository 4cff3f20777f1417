// The owner's pages: day log and exports, holding list and sales, upload queue and alerts, users, audit log.
// Live: alerts (a late hit found by any process, a rejected upload) raise a badge on the owner's tab.
import { api } from "./api.js";
import { $, $$, el, lang, showError, t, toast } from "./dom.js";
import { date, dateTime, money, time } from "./format.js";
import { loadSearch, showEntry } from "./search.js";

const owner = { openAlerts: 0 };

/** An owner-page event from the server. */
export function onOwnerEvent(event) {
  if (event.type === "alert") {
    owner.openAlerts += 1;
    renderBadge();
    if (showTab.current === "uploads") loadUploads();
  }
  if (event.type === "registered" && showTab.current === "day") loadDay();
}

/** The owner's tab shows how many new alerts came in since they were last looked at. */
export function renderBadge() {
  const badge = $("#owner-badge");
  badge.textContent = owner.openAlerts > 0 ? String(owner.openAlerts) : "";
  badge.hidden = owner.openAlerts === 0;
}


export function showTab(name) {
  showTab.current = name;
  if (name !== "police") api("GET", "/api/police").then(renderPolice, () => {});
  api("GET", "/api/owner/health").then(renderHealth, () => {});
  for (const pane of $$(".tabpane")) pane.hidden = pane.id !== `tab-${name}`;
  for (const tab of $$(".tab")) tab.classList.toggle("active", tab.dataset.tab === name);
  ({ day: loadDay, search: loadSearch, holding: loadHolding, police: loadPolice, uploads: loadUploads, users: loadUsers, audit: loadAudit,
     register: loadRegister })[name]();
}
for (const tab of $$(".tab")) tab.addEventListener("click", () => showTab(tab.dataset.tab));

$("#day-date").addEventListener("change", loadDay);

/**
 * The PC's health as the server judges it (`counter-kiosk doctor`'s lines): what is not OK above the tabs (a backup
 * older than 24 hours, a full disk, an old stolen-goods list), every line on the register tab.
 */
export function renderHealth({ lines }) {
  const en = lang() === "en";
  const item = (line) => el("li", { class: `health-${line.level}`, "data-health": line.id,
    text: en ? line.message.messageEN : line.message.message });
  const problems = lines.filter((line) => line.level !== "ok");
  $("#pc-health-problems").replaceChildren(...problems.map(item));
  $("#pc-health-problems").hidden = problems.length === 0;
  $("#pc-health").replaceChildren(...lines.map(item));
}

/** The register page: whole or not, and when not, what happened and what to do (the server's words). */
async function loadRegister(verify = false) {
  try {
    const view = verify ? await api("POST", "/api/owner/register/verify", {}) : await api("GET", "/api/owner/register");
    const en = lang() === "en";
    const entry = (h) => (h ? t("register.entry", { number: h.entryNumber, hash: h.hash }) : t("register.none"));
    $("#register-summary").textContent = en ? view.summaryEN : view.summary;
    $("#register-summary").className = view.health.whole ? "ok" : "damage";
    const steps = (en ? view.whatToDoEN : view.whatToDo) || "";
    $("#register-steps").replaceChildren(...steps.split("\n").filter(Boolean)
      .map((line) => el("li", { text: line.replace(/^\d+\.\s*/, "") })));
    $("#register-steps").hidden = !steps;
    $("#register-head").textContent = entry(view.health.head);
    $("#register-anchored").textContent = entry(view.health.anchored);
    $("#register-files").textContent = `${view.health.registerPath} · ${view.health.anchorPath}`;
    $("#register-verified").textContent = view.verifiedEntries === undefined || view.verifiedEntries === null
      ? "" : t("register.verified", { count: view.verifiedEntries });
  } catch (error) { toast(error.message); }
}
$("#register-verify").addEventListener("click", () => loadRegister(true));

async function loadDay() {
  loadMetalPrices();
  const input = $("#day-date");
  try {
    // An empty field asks for the shop's today as the server counts it (Amsterdam), never the browser's clock.
    const log = await api("GET", `/api/log?date=${encodeURIComponent(input.value.trim())}`);
    if (!input.value) input.value = date(log.day);
    const day = encodeURIComponent(input.value.trim());
    $("#export-csv").href = `/export/log.csv?date=${day}`;
    $("#export-csv").setAttribute("download", `inkoopregister-${day}.csv`);
    $("#export-pdf").href = `/export/log.pdf?date=${day}`;
    $("#export-pdf").setAttribute("download", `inkoopregister-${day}.pdf`);
    $("#print-day").href = `/print/log?date=${day}`;
    // A row opens the entry's detail (and its reprint) on the search tab.
    const rows = log.rows.map((r) => el("tr", { "data-entry": r.entryNumber, class: "clickable",
      onclick: () => { showTab("search"); showEntry(r.entryNumber); } },
      el("td", { class: "num" }, el("button", { type: "button", class: "link", text: r.entryNumber,
        "aria-label": t("search.open", { number: r.entryNumber }) })), el("td", { text: r.time }), el("td", { text: r.clerk }),
      el("td", { text: `${r.sellerName} (${r.idDocument})` }), el("td", { text: r.items.join("; ") }),
      el("td", { class: "num", text: money(r.priceCents, lang()) }),
      el("td", { class: `status ${r.checkStatus}`, text: t(`status.${r.checkStatus}`) })));
    $("#day-table tbody").replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colspan: 7, text: t("log.empty") }))]));
    $("#day-totals").textContent = t("totals.day", { count: log.count, total: money(log.totalCents, lang()) });
    $("#clerk-totals").replaceChildren(...log.perClerk.map((c) =>
      el("li", { text: t("totals.clerk", { clerk: c.clerk, count: c.count, total: money(c.totalCents, lang()) }) })));
  } catch (error) { toast(error.message); }
}

/** The owner's day prices of precious metals: the counter shows each gold or silver item's metal value. */
function renderMetalPrices(prices) {
  for (const hint of $$("#metal-form [data-metal]")) {
    const p = prices.find((x) => x.metal === hint.dataset.metal);
    hint.textContent = p ? t("metal.current", { price: `€ ${p.price}`, day: date(p.day), by: p.setBy }) : t("metal.none");
  }
}

async function loadMetalPrices() {
  try { renderMetalPrices(await api("GET", "/api/metal-prices")); } catch (error) { toast(error.message); }
}

$("#metal-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  $("#metal-error").hidden = true;
  const body = Object.fromEntries(["gold", "silver", "platinum", "palladium"].map((m) => [m, form[m].value]));
  try {
    renderMetalPrices(await api("POST", "/api/metal-prices", body));
    form.reset();
    toast(t("police.saved"));
  } catch (error) { showError("#metal-error", error); }
});

async function loadHolding() {
  try {
    const held = await api("GET", "/api/holding");
    $("#holding-table tbody").replaceChildren(...held.map((h) => el("tr", {},
      el("td", {}, el("code", { text: h.itemID }), el("div", { text: `${h.category}: ${h.summary}` })),
      el("td", { class: "num", text: h.entryNumber }), el("td", { text: date(h.acquiredOn) }),
      el("td", { text: date(h.keptUntil) || "—" }),
      el("td", { class: "police", text: [h.policeFlagOpen ? t("hold.open") : "",
        h.holdOrder ? t("hold.order", { reference: h.holdOrder.reference, until: date(h.holdOrder.until) }) : ""].filter(Boolean).join("; ") }),
      el("td", {}, el("button", { type: "button", text: h.policeFlagOpen ? t("hold.unflag") : t("hold.flag"),
        onclick: () => policeFlag(h.itemID, !h.policeFlagOpen) })))));
  } catch (error) { toast(error.message); }
}

/** The police page: unanswered information requests with their deadline, running hold orders, open notices.
 *  The deadline also shows as a badge on the tab, from the first page load, until the request is answered. */
export async function loadPolice() {
  try { renderPolice(await api("GET", "/api/police")); } catch (error) { toast(error.message); }
}

function renderPolice(view) {
  const none = (columns) => el("tr", {}, el("td", { colspan: columns, text: t("police.none") }));
  const note = () => window.prompt(t("alert.note"));
  const action = (label, path) => el("button", { type: "button", text: label, onclick: async () => {
    const text = note();
    if (text === null) return;
    try { renderPolice(await api("POST", path, { note: text })); } catch (error) { toast(error.message); }
  } });
  const deadline = (r) => r.overdue ? t("police.overdue", { deadline: date(r.request.deadline) })
    : r.daysLeft === 0 ? t("police.today", { deadline: date(r.request.deadline) })
      : t("police.daysLeft", { deadline: date(r.request.deadline), days: r.daysLeft });
  $("#police-requests tbody").replaceChildren(...(view.requests.length ? view.requests.map((r) => el("tr", { "data-request": r.request.id },
    el("td", { text: r.request.reference }), el("td", { text: r.request.officer }),
    el("td", { class: r.overdue ? "deadline overdue" : "deadline", text: deadline(r) }), el("td", { text: r.selection }),
    el("td", { class: "num", text: r.entries }),
    el("td", {}, el("a", { href: `/export/police-request/${r.request.id}/csv`, download: `informatieverzoek-${r.request.id}.csv`, text: "CSV" }),
      " ", el("a", { href: `/export/police-request/${r.request.id}/pdf`, download: `informatieverzoek-${r.request.id}.pdf`, text: "PDF" }),
      " ", action(t("police.answered"), `/api/police/requests/${r.request.id}/answer`)))) : [none(6)]));
  $("#police-holds tbody").replaceChildren(...(view.holdOrders.length ? view.holdOrders.map((h) => el("tr", { "data-hold": h.id },
    el("td", {}, el("code", { text: h.itemID })), el("td", { text: h.reference }), el("td", { text: h.officer }),
    el("td", { text: date(h.until) }), el("td", {}, action(t("police.lift"), `/api/police/hold-orders/${h.id}/lift`)))) : [none(5)]));
  $("#police-notices tbody").replaceChildren(...(view.notices.length ? view.notices.map((n) => el("tr", { "data-notice": n.id },
    el("td", { text: n.reference }), el("td", {}, el("code", { text: n.identifier || "" })), el("td", { text: n.brand || "" }),
    el("td", { text: n.description }), el("td", {}, action(t("police.close"), `/api/police/notices/${n.id}/close`)))) : [none(5)]));
  const badge = $("#police-badge");
  badge.textContent = view.requests.length ? String(view.requests.length) : "";
  badge.hidden = view.requests.length === 0;
  // On every owner page, until answered: which request, by when.
  $("#police-deadlines").replaceChildren(...view.requests.map((r) => el("li", { class: r.overdue ? "overdue" : "",
    text: t("police.deadlineLine", { reference: r.request.reference, deadline: deadline(r) }) })));
  $("#police-deadlines").hidden = view.requests.length === 0;
}

/** Sends one police form; the server's refusal (in the user's language) shows under the forms. */
function policeForm(selector, path, body) {
  $(selector).addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.target;
    $("#police-error").hidden = true;
    const value = (name) => form[name]?.value.trim() || null;
    try {
      renderPolice(await api("POST", path, body(value)));
      form.reset();
      toast(t("police.saved"));
    } catch (error) { showError("#police-error", error); }
  });
}
policeForm("#police-request-form", "/api/police/requests", (v) => ({ reference: v("reference"), officer: v("officer"),
  deadline: v("deadline"), selection: { identifier: v("identifier"), documentNumber: v("documentNumber"), from: v("from"), to: v("to") } }));
policeForm("#police-hold-form", "/api/police/hold-orders", (v) => ({ itemID: v("itemID"), reference: v("reference"),
  officer: v("officer"), until: v("until") }));
policeForm("#police-notice-form", "/api/police/notices", (v) => ({ reference: v("reference"), officer: v("officer"),
  identifier: v("identifier"), brand: v("brand"), description: v("description") }));

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
    await api("POST", "/api/sales", { itemID: form.itemID.value.trim(), buyerName: form.buyerName.value.trim(),
      price: form.price.value, paymentMethod: form.paymentMethod.value || null });
    form.reset();
    toast(t("msg.sale"));
    loadHolding();
  } catch (error) { showError("#sale-error", error); }
});

async function loadUploads() {
  owner.openAlerts = 0;
  renderBadge();
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
        el("strong", { text: dateTime(a.raisedAt) + " " }),
        el("span", { text: lang() === "en" ? a.messageEN : a.message }));
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
  const send = async (body) => {
    try { loadUsers(await api("POST", "/api/users", body)); } catch (error) { showError("#user-error", error); }
  };
  try {
    const list = accounts || await api("GET", "/api/users");
    $("#user-table tbody").replaceChildren(...list.map((u) => u.role === "integration" ? integrationRow(u, send) : el("tr", { "data-user": u.name },
      el("td", { text: u.name }), el("td", { text: t(`role.${u.role}`) }),
      el("td", { class: u.lockedUntil ? "error" : "", text: [u.disabled ? t("users.disabled") : t("users.active"),
        u.lockedUntil ? t("users.locked", { until: time(u.lockedUntil) }) : ""].filter(Boolean).join(" · ") }),
      el("td", { class: "inline" },
        el("button", { type: "button", text: u.disabled ? t("users.enable") : t("users.disable"),
          onclick: () => send({ name: u.name, disabled: !u.disabled }) }),
        // A forgotten PIN: the owner types a new one for the clerk (it also lifts a lockout).
        el("button", { type: "button", class: "reset-pin", text: t("users.resetPIN"), onclick: (event) => {
          const input = el("input", { type: "password", inputmode: "numeric", autocomplete: "new-password", name: "new-pin",
            "aria-label": t("users.newPIN", { name: u.name }), placeholder: t("users.newPIN", { name: u.name }) });
          const form = el("form", { class: "inline" }, input, el("button", { type: "submit", text: t("users.savePIN") }));
          form.addEventListener("submit", (submit) => { submit.preventDefault(); send({ name: u.name, pin: input.value }); });
          event.target.replaceWith(form);
          input.focus();
        } }),
        u.lockedUntil ? el("button", { type: "button", class: "unlock", text: t("users.unlock"),
          onclick: () => send({ name: u.name, unlock: true }) }) : null))));
  } catch (error) { toast(error.message); }
}

/** An integration's row: it has a token, not a PIN; revoking it is for good (the server refuses to enable it again). */
function integrationRow(u, send) {
  return el("tr", { "data-user": u.name, "data-role": "integration" },
    el("td", { text: u.name }), el("td", { text: t("role.integration") }),
    el("td", { text: u.disabled ? t("users.revoked") : t("users.active") }),
    el("td", { class: "inline" }, u.disabled ? null : el("button", { type: "button", class: "revoke", text: t("users.revoke"),
      onclick: () => send({ name: u.name, disabled: true }) })));
}

$("#integration-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  $("#user-error").hidden = true;
  try {
    const answer = await api("POST", "/api/integrations", { name: form.name.value.trim() });
    form.reset();
    $("#integration-token").hidden = false;
    $("#integration-token input").value = answer.token;
    $("#integration-token input").select();
    $("#integration-token").scrollIntoView({ block: "center" });
    loadUsers(answer.users);
  } catch (error) { showError("#user-error", error); }
});

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
      el("td", { text: dateTime(e.at) }), el("td", { text: e.actor }),
      el("td", { "data-action": e.action, text: lang() === "en" ? e.actionTextEN : e.actionText }),
      el("td", { text: lang() === "en" ? e.subjectEN : e.subject }), el("td", { text: (lang() === "en" ? e.detailEN : e.detail) || "" }))));
  } catch (error) { toast(error.message); }
}

