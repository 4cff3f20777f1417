// The technician's page: scanners and readers, connected devices, the live console, the configuration.
import { api } from "./api.js";
import { $, el, t, toast } from "./dom.js";
import { time } from "./format.js";


export async function loadTechnician() {
  try {
    const scanners = await api("GET", "/api/scanners");
    $("#scanner-table tbody").replaceChildren(...(scanners.length ? scanners.map((s) => el("tr", {},
      el("td", {}, el("code", { text: s.spec })), el("td", { text: `${s.till} · ${t(s.kind === "documentReader" ? "tech.kindReader" : "tech.kindBarcode")}` }),
      el("td", { text: s.state }), el("td", { class: "num", text: s.scans }),
      el("td", { class: "num", text: s.incomplete }),
      el("td", { text: s.lastScanAt ? `${time(s.lastScanAt)} (${s.lastLength})` : "—" })))
      : [el("tr", {}, el("td", { colspan: 6, text: t("tech.noScanners") }))]));
    const devices = await api("GET", "/api/devices");
    $("#device-table tbody").replaceChildren(...(devices.length ? devices.map((d) => el("tr", { "data-node": d.node },
      el("td", {}, el("code", { text: d.node })), el("td", { text: d.transport }),
      el("td", { text: d.usbID }), el("td", { text: d.product || "—" }),
      el("td", { text: d.profile || t("tech.noProfile") }), el("td", { text: t(d.mayOpen ? "tech.yes" : "tech.no") }),
      el("td", {}, el("code", { text: d.spec }))))
      : [el("tr", {}, el("td", { colspan: 7, text: t("tech.noDevices") }))]));
    const chip = await api("GET", "/api/chip-readers");
    $("#chip-readers").replaceChildren(...(!chip.running ? [el("li", { text: t("tech.noPCSC") })]
      : chip.readers.length ? chip.readers.map((name) => el("li", {}, el("code", { text: name })))
        : [el("li", { text: t("tech.noChipReaders") })]));
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

/** A technician-page event: a scan's device, kind and length (never its text), or a scanner's counters. */
export function onTechnicianEvent(event, visible) {
  if (event.type === "scan") consoleLine(event.data);
  if (visible) loadTechnicianSoon();
}

function consoleLine(scan) {
  const list = $("#console");
  const kind = t(scan.kind === "documentReader" ? "tech.kindReader" : "tech.kindBarcode");
  const state = scan.complete ? "" : ` ${t("tech.incompleteScan")}`;
  list.append(el("li", { text: `${time(scan.at)}  ${scan.till}  ${scan.device}  ${kind}  ${t("tech.length", { length: scan.length })}${state}` }));
  while (list.children.length > 200) list.firstChild.remove();
  list.scrollTop = list.scrollHeight;
}

function loadTechnicianSoon() {
  clearTimeout(loadTechnicianSoon.timer);
  loadTechnicianSoon.timer = setTimeout(loadTechnician, 300);
}
