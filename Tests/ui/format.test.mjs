// The page's formatting agrees with the server's on every sample (issue 14: one formatting module). node --test.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import test from "node:test";
import { amount, date, dateTime, money, time, weight } from "../../ui/format.js";

const samples = JSON.parse(readFileSync(new URL("../Fixtures/format/samples.json", import.meta.url)));

test("money, amounts and weights in Dutch and English", () => {
  for (const [cents, nl, en] of samples.money) { assert.equal(money(cents, "nl"), nl); assert.equal(money(cents, "en"), en); }
  for (const [cents, nl, en] of samples.amount) { assert.equal(amount(cents, "nl"), nl); assert.equal(amount(cents, "en"), en); }
  for (const [mg, nl, en] of samples.weight) { assert.equal(weight(mg, "nl"), nl); assert.equal(weight(mg, "en"), en); }
});

test("dates are dd-mm-jjjj and times are the shop's, whatever the browser's time zone", () => {
  for (const [iso, text] of samples.date) assert.equal(date(iso), text);
  for (const [stamp, text] of samples.dateTime) assert.equal(dateTime(stamp), text);
  for (const [stamp, text] of samples.time) assert.equal(time(stamp), text);
  assert.equal(date(null), "");
});
