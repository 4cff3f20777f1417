// The head office's page (counter-kiosk head-office): every branch at a glance, a branch's day, its alerts and
// upload backlog, and a search across branches. It shows what the server answers; it decides nothing.
import { $, el, t, lang, showError } from "./dom.js";
import { api } from "./api.js";
import { money, date, time } from "./format.js";

const state = { day: "", branch: null };

function cell(text) { return el("td", { text: text ?? "" }); }

async function loadBranches() {
  $("#ho-error").hidden = true;
  try {
    const query = state.day ? `?date=${encodeURIComponent(state.day)}` : "";
    const view = await api("GET", `/api/branches${query}`);
    $("#ho-day").value = date(view.day);
    $("#ho-branches tbody").replaceChildren(...view.branches.map((b) => el("tr", { class: "clickable", "data-branch": b.branchID,
      onclick: () => openBranch(b) },
      cell(b.branchID), cell(`${b.name} (${b.municipality})`), cell(String(b.entries)), cell(String(b.entriesOnDay)),
      cell(String(b.uploadsWaiting)), cell(String(b.uploadsRejected)), cell(String(b.openAlerts)))));
    if (state.branch) {
      const again = view.branches.find((b) => b.branchID === state.branch.branchID);
      if (again) openBranch(again);
    }
  } catch (error) { showError("#ho-error", error); }
}

async function openBranch(branch) {
  state.branch = branch;
  $("#ho-detail").hidden = false;
  $("#ho-detail-title").textContent = `${branch.name} (${branch.branchID})`;
  const id = encodeURIComponent(branch.branchID);
  const day = state.day ? `&date=${encodeURIComponent(state.day)}` : "";
  try {
    const [log, alerts, uploads] = await Promise.all([
      api("GET", `/api/branch/log?branch=${id}${day}`), api("GET", `/api/branch/alerts?branch=${id}`),
      api("GET", `/api/branch/uploads?branch=${id}`)]);
    $("#ho-log tbody").replaceChildren(...log.map((e) => el("tr", {},
      cell(String(e.entryNumber)), cell(time(e.recordedAt)), cell(e.clerk), cell(money(e.priceCents, lang())),
      cell(e.items.join("; ")), cell(date(e.keptUntil)))));
    $("#ho-alerts").replaceChildren(...(alerts.length ? alerts.map((a) => el("li", { text: lang() === "en" ? a.messageEN : a.message }))
      : [el("li", { text: t("ho.noAlerts") })]));
    $("#ho-uploads tbody").replaceChildren(...uploads.map((u) => el("tr", {},
      cell(String(u.entryNumber)), cell(t(`ho.status.${u.status}`)), cell(String(u.attempts)), cell(u.lastError))));
  } catch (error) { showError("#ho-error", error); }
}

$("#ho-day").addEventListener("change", (event) => { state.day = event.target.value.trim(); loadBranches(); });

$("#ho-find").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("#ho-find-error").hidden = true;
  const identifier = event.target.identifier.value.trim();
  try {
    const found = await api("GET", `/api/find?identifier=${encodeURIComponent(identifier)}`);
    $("#ho-found tbody").replaceChildren(...found.map((f) => el("tr", {},
      cell(date(f.day)), cell(f.branchID), cell(String(f.entryNumber)), cell(f.itemID), cell(f.category), cell(date(f.holdUntil)))));
    $("#ho-found").hidden = found.length === 0;
    $("#ho-none").hidden = found.length !== 0;
  } catch (error) { showError("#ho-find-error", error); }
});

$("#lang-switch").addEventListener("click", () => {
  globalThis.I18N.set(lang() === "en" ? "nl" : "en");
  if (state.branch) openBranch(state.branch);
});

globalThis.I18N.apply();
loadBranches();
setInterval(loadBranches, 30_000);
