// An answer without the kiosk's words is worded in both languages, never "HTTP 413" (issue 14, point 8). node --test.
import assert from "node:assert/strict";
import test from "node:test";

globalThis.I18N = { lang: "nl", t: (key) => key };
const { api, APIError } = await import("../../ui/api.js");

function answer(status, body) {
  globalThis.fetch = async () => ({ ok: status < 400, status, json: async () => JSON.parse(body) });
}

test("a 413 without JSON says what to do, in Dutch and in English", async () => {
  answer(413, "<html>Payload Too Large</html>");
  const error = await api("POST", "/api/photos", {}).catch((e) => e);
  assert.ok(error instanceof APIError);
  assert.equal(error.status, 413);
  assert.match(error.message, /^Te groot om te versturen/);
  assert.match(error.body.errorEN, /^Too large to send/);
  assert.doesNotMatch(error.message, /HTTP/);
});

test("a 502 from something in between is worded, and the kiosk's own words pass unchanged", async () => {
  answer(502, "Bad Gateway");
  const error = await api("GET", "/api/till").catch((e) => e);
  assert.match(error.message, /onverwacht antwoord \(502\)/);
  answer(422, JSON.stringify({ error: "Prijs: Geen geldig bedrag.", errorEN: "Price: not an amount.", code: "format.notAnAmount" }));
  const worded = await api("POST", "/api/intakes", {}).catch((e) => e);
  assert.equal(worded.message, "Prijs: Geen geldig bedrag.");
  assert.equal(worded.code, "format.notAnAmount");
});
