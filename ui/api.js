// The kiosk API: JSON with the session's CSRF token; errors carry the server's words in both languages.
import { lang } from "./dom.js";

export const session = { info: null, onSignedOut: () => {} };

const wording = (body) => (lang() === "en" ? body.errorEN : body.error) || body.error || "?";

export class APIError extends Error {
  constructor(status, body) { super(wording(body)); this.status = status; this.body = body; this.code = body.code || ""; }
}

export async function api(method, path, body, { raw = false, contentType } = {}) {
  const headers = {};
  if (session.info) headers["X-CSRF-Token"] = session.info.csrf;
  let payload;
  if (body !== undefined) {
    if (raw) { payload = body; headers["Content-Type"] = contentType || "application/octet-stream"; }
    else { payload = JSON.stringify(body); headers["Content-Type"] = "application/json"; }
  }
  const response = await fetch(path, { method, headers, body: payload, credentials: "same-origin", cache: "no-store" });
  let answer = {};
  try { answer = await response.json(); } catch { answer = unworded(response.status); }
  if (!response.ok && !answer.error) answer = { ...answer, ...unworded(response.status) };
  if (!response.ok) {
    if (answer.code === "signedOut") session.onSignedOut();
    throw new APIError(response.status, answer);
  }
  return answer;
}

/** A key for one customer's registration: the same key on a retry returns the same entry. */
export function newKey() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** An answer without the kiosk's words (a proxy, a body over the limit): said in both languages, never "HTTP 413". */
function unworded(status) {
  if (status === 413) {
    return { error: "Te groot om te versturen (bijvoorbeeld een foto): maak het kleiner en probeer het opnieuw.",
      errorEN: "Too large to send (a photo, say): make it smaller and try again." };
  }
  return { error: `De kiosk gaf een onverwacht antwoord (${status}). Probeer het opnieuw; niets van wat je invulde is verloren.`,
    errorEN: `The kiosk gave an unexpected answer (${status}). Try again; nothing you entered is lost.` };
}
