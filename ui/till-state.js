// The state of one till as the server tells it: a snapshot on (re)connect, then events. Pure functions, no
// DOM, no fetch: the page draws what these return and never decides a rule itself (the engine does).
// Tested with `node --test Tests/ui/till-state.test.mjs`.

/** A till with nothing on it. */
export function emptyTill() {
  return { seller: null, items: [], openHit: null, hotlist: null, reading: false, refusal: null, registered: null, chip: null };
}

/** The till from the server's snapshot (`GET /api/till`, or the first WebSocket message). */
export function fromSnapshot(snapshot) {
  return { ...emptyTill(), seller: snapshot.seller ?? null, items: snapshot.items ?? [], openHit: snapshot.openHit ?? null,
    hotlist: snapshot.hotlist ?? null, chip: snapshot.chip ?? null };
}

/** The till after one event `{type, data}`. Unknown events change nothing. */
export function applyEvent(till, event) {
  const data = event.data ?? {};
  switch (event.type) {
    case "snapshot": return fromSnapshot(data);
    case "item": {
      const items = till.items.some((i) => i.id === data.id)
        ? till.items.map((i) => (i.id === data.id ? data : i))
        : [...till.items, data];
      return { ...till, items, refusal: null, registered: null };
    }
    case "itemRemoved": {
      const openHit = till.openHit?.itemID === data.id ? null : till.openHit;
      return { ...till, items: till.items.filter((i) => i.id !== data.id), openHit };
    }
    // A new document: the last one's chip check no longer applies (the engine dropped it too).
    case "document": return { ...till, seller: data, reading: false, refusal: null, chip: null };
    case "chip": return { ...till, chip: data };
    case "reading": return { ...till, reading: true };
    case "refused": return { ...till, refusal: data, reading: false };
    case "hit": return { ...till, openHit: data };
    case "hitClosed": return { ...till, openHit: till.openHit?.itemID === data.id ? null : till.openHit };
    case "registered": return { ...till, registered: data };
    case "cleared": return { ...emptyTill(), hotlist: till.hotlist, registered: till.registered };
    default: return till;
  }
}

/** What an item's badge says: `checking` while a slower source may still answer, else the server's status. */
export function statusOf(item) {
  if (!item || item.checking || !item.check) return "checking";
  return item.check.status;
}

/** The banners under the scan field: a possible match and "not checked" are never shown as clear. */
export function banners(till) {
  const out = [];
  for (const item of till.items) {
    const status = statusOf(item);
    const serial = item.check?.term || item.serialNumber || item.imei || item.scanned || "";
    if (status === "possibleMatch") out.push({ itemID: item.id, kind: "possible", serial });
    else if (status === "notChecked") {
      out.push({ itemID: item.id, kind: "not-checked", serial, reason: item.check.reason || "", reasonEN: item.check.reasonEN || "" });
    }
  }
  return out;
}

/** The item the open hit is about, if it is on the till. */
export function hitItem(till) {
  if (!till.openHit) return null;
  return till.items.find((i) => i.id === till.openHit.itemID) ?? null;
}

/** Whether the till's stolen-goods list is too old to prove anything clear (the server says so). */
export function listTooOld(till) {
  return Boolean(till.hotlist?.tooOld);
}
