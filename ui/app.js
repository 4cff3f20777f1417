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
  show(allowed[0]);
}

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
