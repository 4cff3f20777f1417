// Counter kiosk page: sign-in (to a till), navigation, live events. The screens are modules: counter.js
// (one till), owner.js, technician.js; till-state.js is the pure state of a till.
import { api, session } from "./api.js";
import { $, $$, showError, t } from "./dom.js";
import * as counter from "./counter.js";
import { onOwnerEvent, renderBadge, showTab } from "./owner.js";
import { loadTechnician, onTechnicianEvent } from "./technician.js";

const I18N = globalThis.I18N;
const page = { view: "counter", events: null };

// ---------------------------------------------------------------- Sign-in and navigation

function showLogin() {
  session.info = null;
  closeEvents();
  counter.forget();
  $("#topbar").hidden = true;
  $("#training-banner").hidden = true;
  for (const view of $$(".view")) view.hidden = view.id !== "view-login";
  $("#login-pin").value = "";
  $("#login-user").focus();
  // First start: no accounts yet, so offer the owner's account instead of a sign-in nobody can pass.
  api("GET", "/api/setup").then((answer) => {
    $("#setup-form").hidden = !answer.needed;
    $("#login-form").hidden = answer.needed;
    if (answer.needed) $("#setup-user").focus();
  }, () => {});
  // A shop with several tills: the page signs in to one of them.
  api("GET", "/api/tills").then((answer) => {
    const select = $("#login-till");
    const remembered = localStorage.getItem("counter.till");
    select.replaceChildren(...answer.tills.map((name) => Object.assign(document.createElement("option"), { value: name, textContent: name })));
    if (remembered && answer.tills.includes(remembered)) select.value = remembered;
    $("#login-till-label").hidden = answer.tills.length < 2;
  }, () => {});
}
session.onSignedOut = showLogin;

function startSession(info) {
  session.info = info;
  I18N.setDefault(info.language);
  $("#shop-name").textContent = info.shop;
  $("#who-name").textContent = info.user;
  $("#who-role").textContent = t(`role.${info.role}`);
  $("#who-till").textContent = info.till && info.tills.length > 1 ? info.till : "";
  $("#training-banner").hidden = !info.training;
  showDamage(info);
  $("#topbar").hidden = false;
  const allowed = { staff: ["counter"], owner: ["counter", "owner", "technician"], technician: ["technician"] }[info.role];
  for (const button of $$("#topbar .nav")) button.hidden = !allowed.includes(button.dataset.view);
  counter.setCategories(info.categories);
  renderBadge();
  showShopState(info);
  // First start: the owner (or technician) sets the shop up before anything else.
  if (!info.shopReady && info.role !== "staff") { showShopForm(); return; }
  show(allowed[0]);
}

/** Until the shop is set up, every page says so (the server's words); the counter cannot register. */
function showShopState(info) {
  const text = info.shopReady ? "" : (I18N.lang === "en" ? info.shopNotReady?.messageEN : info.shopNotReady?.message);
  $("#shop-banner").textContent = text || "";
  $("#shop-banner").hidden = !text;
}

async function showShopForm() {
  page.view = "shop";
  for (const section of $$(".view")) section.hidden = section.id !== "view-shop";
  try {
    const view = await api("GET", "/api/shop");
    const form = $("#shop-form");
    for (const name of ["name", "kvkNumber", "branch", "municipality"]) form[name].value = view[name] || "";
    $("#municipalities").replaceChildren(...view.municipalities.map((m) => Object.assign(document.createElement("option"), { value: m })));
    form.name.focus();
  } catch (error) { showError("#shop-error", error); }
}

$("#shop-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  $("#shop-error").hidden = true;
  const body = Object.fromEntries(["name", "kvkNumber", "branch", "municipality"].map((n) => [n, form[n].value]));
  try {
    await api("POST", "/api/shop", body);
    startSession(await api("GET", "/api/session"));
  } catch (error) {
    // Each problem under its field, in the user's language.
    for (const input of $$("[data-field]", form)) {
      const problem = (error.body?.problems || []).find((p) => p.key === input.dataset.field);
      if (problem) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
      let note = input.parentElement.querySelector(":scope > .field-error");
      if (problem) {
        if (!note) { note = document.createElement("span"); note.className = "field-error"; input.parentElement.append(note); }
        note.textContent = I18N.lang === "en" ? problem.message.messageEN : problem.message.message;
      } else note?.remove();
    }
    if (!error.body?.problems) showError("#shop-error", error);
  }
});

/** A register that cannot prove it is whole: every page says so, with what to do (the server's words). */
function showDamage(info) {
  const text = I18N.lang === "en" ? info.registerDamageEN : info.registerDamage;
  $("#damage-banner").textContent = text || "";
  $("#damage-banner").hidden = !text;
  page.damaged = Boolean(text);
  // The owner gets the register page, which says what to do.
  if (page.damaged && page.view === "owner") showTab("register");
}

function show(view) {
  page.view = view;
  for (const section of $$(".view")) section.hidden = section.id !== `view-${view}`;
  for (const button of $$("#topbar .nav")) button.classList.toggle("active", button.dataset.view === view);
  connectEvents(view);
  if (view === "counter") { counter.render(); $("#scan-input").focus(); }
  else counter.render();
  if (view === "owner") showTab(showTab.current || (page.damaged ? "register" : "day"));
  if (view === "technician") loadTechnician();
}

// ---------------------------------------------------------------- Live events (WebSocket), one per view

function closeEvents() {
  if (page.events) { page.events.onclose = null; page.events.close(); page.events = null; }
}

/** A counter page gets its till's snapshot, then its events; an owner's page alerts; a technician's scanners. */
function connectEvents(view) {
  closeEvents();
  const socket = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/api/ws?view=${view}`);
  socket.onmessage = (message) => {
    const event = JSON.parse(message.data);
    if (event.type === "connected" || event.type === "ping") return;
    if (view === "counter") counter.onTillEvent(event);
    else if (view === "owner") {
      if (event.type === "registerDamaged") api("GET", "/api/session").then(showDamage, () => {});
      onOwnerEvent(event);
    }
    else if (view === "technician") onTechnicianEvent(event, page.view === "technician");
  };
  socket.onclose = async () => {
    if (page.events !== socket) return;
    // A signed-out session shows the sign-in form (api() does that); otherwise reconnect shortly.
    try { await api("GET", "/api/session"); setTimeout(() => { if (page.events === socket) connectEvents(view); }, 1000); }
    catch { /* signed out */ }
  };
  page.events = socket;
}

// ---------------------------------------------------------------- Forms

$("#login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("#login-error").hidden = true;
  const till = $("#login-till-label").hidden ? undefined : $("#login-till").value;
  try {
    const info = await api("POST", "/api/login", { user: $("#login-user").value.trim(), pin: $("#login-pin").value, till });
    $("#login-pin").value = "";
    if (till) localStorage.setItem("counter.till", till);
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
  showLogin();
});

for (const button of $$("#topbar .nav")) button.addEventListener("click", () => show(button.dataset.view));
for (const button of $$(".lang")) {
  button.addEventListener("click", () => {
    I18N.set(I18N.lang === "en" ? "nl" : "en");
    if (session.info) {
      $("#who-role").textContent = t(`role.${session.info.role}`);
      counter.setCategories(session.info.categories);
      show(page.view);
    }
  });
}

// ---------------------------------------------------------------- Start

I18N.apply();
api("GET", "/api/session").then(startSession, () => showLogin());
