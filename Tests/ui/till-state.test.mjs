// The page's till state: what the server says, applied in order; nothing re-derived. node --test.
import assert from "node:assert/strict";
import test from "node:test";
import { applyEvent, banners, emptyTill, fromSnapshot, hitItem, listTooOld, statusOf } from "../../ui/till-state.js";

const item = (id, status, extra = {}) => ({ id, scanned: id, check: { status, final: true, term: id }, checking: false, ...extra });

test("a snapshot restores seller, items and the open hit (a reload shows the hit again)", () => {
  const till = fromSnapshot({ seller: { surname: "DE VRIES" }, items: [item("a", "hit")], openHit: { itemID: "a" },
    hotlist: { tooOld: false } });
  assert.equal(till.seller.surname, "DE VRIES");
  assert.equal(hitItem(till).id, "a");
  assert.equal(listTooOld(till), false);
});

test("item events add and replace by id, keeping scan order", () => {
  let till = emptyTill();
  till = applyEvent(till, { type: "item", data: item("a", "clear") });
  till = applyEvent(till, { type: "item", data: item("b", "clear") });
  till = applyEvent(till, { type: "item", data: item("a", "hit") });
  assert.deepEqual(till.items.map((i) => [i.id, i.check.status]), [["a", "hit"], ["b", "clear"]]);
});

test("the hit closes only by the server's hitClosed, itemRemoved or cleared for that item", () => {
  let till = applyEvent(emptyTill(), { type: "item", data: item("a", "hit") });
  till = applyEvent(till, { type: "hit", data: { itemID: "a", identifier: "a" } });
  assert.equal(applyEvent(till, { type: "hitClosed", data: { id: "other" } }).openHit.itemID, "a");
  assert.equal(applyEvent(till, { type: "hitClosed", data: { id: "a" } }).openHit, null);
  assert.equal(applyEvent(till, { type: "itemRemoved", data: { id: "a" } }).openHit, null);
  assert.equal(applyEvent(till, { type: "cleared", data: {} }).openHit, null);
  // Events the page does not know change nothing.
  assert.equal(applyEvent(till, { type: "whatever", data: {} }), till);
});

test("a check still running is 'checking'; possible match and not checked are banners, never clear", () => {
  assert.equal(statusOf(item("a", "clear", { checking: true })), "checking");
  assert.equal(statusOf({ id: "x" }), "checking");
  const till = { ...emptyTill(), items: [item("a", "clear"), item("b", "possibleMatch"),
    item("c", "notChecked", { check: { status: "notChecked", reason: "lijst te oud", reasonEN: "list too old", term: "c" } })] };
  assert.deepEqual(banners(till).map((b) => [b.itemID, b.kind]), [["b", "possible"], ["c", "not-checked"]]);
  assert.equal(banners(till)[1].reason, "lijst te oud");
});

test("a refusal and a document replace each other; cleared keeps the list's age", () => {
  let till = applyEvent({ ...emptyTill(), hotlist: { tooOld: true } }, { type: "refused", data: { code: "scan.bsn" } });
  assert.equal(till.refusal.code, "scan.bsn");
  till = applyEvent(till, { type: "document", data: { valid: true } });
  assert.equal(till.refusal, null);
  till = applyEvent(till, { type: "cleared", data: {} });
  assert.equal(till.seller, null);
  assert.equal(listTooOld(till), true);
});
