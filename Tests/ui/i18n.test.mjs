// Parity of the page's two languages (issue 14: no English on a Dutch screen, no Dutch on an English one).
// Every key the scripts look up with t("…") has a Dutch and an English text in the tables (t() reads only
// those); a family a script builds (t(`status.${…}`)) has Dutch words for every member, in the table or, for
// members only the HTML shows, as the element's Dutch original. node --test.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import test from "node:test";
import vm from "node:vm";

const ui = new URL("../../ui/", import.meta.url);
const source = readFileSync(new URL("i18n.js", ui), "utf8");
// Every page: the kiosk's and the head office's.
const html = readdirSync(ui).filter((f) => f.endsWith(".html")).map((f) => readFileSync(new URL(f, ui), "utf8")).join("\n");

// i18n.js's tables, read without a browser.
const tables = {};
const sandbox = { localStorage: { getItem: () => null }, document: { documentElement: {}, querySelectorAll: () => [] }, globalThis: {} };
sandbox.globalThis = sandbox;
vm.runInNewContext(source.replace("const en = {", "const en = globalThis.__en = {").replace("const nl = {", "const nl = globalThis.__nl = {"), sandbox);
tables.en = sandbox.__en;
tables.nl = sandbox.__nl;
const htmlKeys = new Set([...html.matchAll(/data-i18n(?:-placeholder)?="([^"]+)"/g)].map((m) => m[1]));

const scripts = readdirSync(ui).filter((f) => f.endsWith(".js") && f !== "i18n.js").map((f) => readFileSync(new URL(f, ui), "utf8"));
const literal = new Set();
const prefixes = new Set();
for (const text of scripts) {
  for (const m of text.matchAll(/\bt\("([a-zA-Z]+\.[\w.]+)"/g)) literal.add(m[1]);
  for (const m of text.matchAll(/\bt\(`([a-zA-Z.]+\.)\$\{/g)) prefixes.add(m[1]);
}

test("the tables were read", () => {
  assert.ok(Object.keys(tables.en).length > 100 && Object.keys(tables.nl).length > 50);
  assert.ok(literal.size > 50 && prefixes.size > 3);
});

test("every key a script asks for has English and Dutch words", () => {
  const missing = [];
  for (const key of literal) {
    if (!(key in tables.en)) missing.push(`${key}: no English`);
    // t() reads the tables only: a Dutch original in the HTML does not help a script's text.
    if (!(key in tables.nl)) missing.push(`${key}: no Dutch`);
  }
  assert.deepEqual(missing, []);
});

test("every key of a family a script builds (status.…, kind.…, pay.…) has Dutch words in the Dutch table", () => {
  const missing = [];
  for (const prefix of prefixes) {
    for (const key of Object.keys(tables.en).filter((k) => k.startsWith(prefix))) {
      if (!(key in tables.nl) && !htmlKeys.has(key)) missing.push(key);
    }
  }
  assert.deepEqual(missing, []);
});
