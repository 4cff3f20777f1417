// How the page writes money, weights, dates and times: the same as the server's ShopFormat (Sources/Counter/
// Support/ShopFormat.swift), by hand, so nothing depends on the browser's locale or time zone. Both are
// checked against Tests/Fixtures/format/samples.json. Pure functions, no DOM.
//
// Dates are dd-mm-jjjj in both languages; times come from the server already in the shop's time zone
// (`2026-12-02T14:05:09+01:00`) and are shown as they are, 24-hour, never converted to the browser's zone.
// Reading what a clerk types (prices, weights, dates) is the server's: the page sends the text as typed.

function grouped(digits, separator) {
  let out = "";
  while (digits.length > 3) { out = separator + digits.slice(-3) + out; digits = digits.slice(0, -3); }
  return digits + out;
}

/** `value / 10^scale` with `fractionDigits` decimals, grouped in thousands unless `grouping` is false. */
export function decimal(value, scale, fractionDigits, lang = "nl", { grouping = true } = {}) {
  const [point, group] = lang === "en" ? [".", ","] : [",", "."];
  const drop = 10 ** (scale - fractionDigits);
  const rounded = Math.round(Math.abs(value) / drop);
  const unit = 10 ** fractionDigits;
  const whole = String(Math.floor(rounded / unit));
  const sign = value < 0 && rounded > 0 ? "-" : "";
  const text = grouping ? grouped(whole, group) : whole;
  if (fractionDigits === 0) return sign + text;
  return sign + text + point + String(rounded % unit).padStart(fractionDigits, "0");
}

/** `€ 1.234,50` (nl) or `€1,234.50` (en). */
export const money = (cents, lang = "nl") => (lang === "en" ? "€" : "€ ") + decimal(cents ?? 0, 2, 2, lang);

/** `1234,50`: an amount for a form field. */
export const amount = (cents, lang = "nl") => decimal(cents ?? 0, 2, 2, lang, { grouping: false });

/** `3,2 g` from milligrams, with the decimals the weight has. */
export function weight(milligrams, lang = "nl") {
  let digits = 3;
  while (digits > 0 && milligrams % 10 ** (3 - digits + 1) === 0) digits -= 1;
  return `${decimal(milligrams, 3, digits, lang)} g`;
}

/** `09-12-2026` from `2026-12-09` (or from a shop timestamp); "" for nothing. */
export function date(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
  return m ? `${m[3]}-${m[2]}-${m[1]}` : "";
}

/** `14:05` from the server's `2026-12-02T14:05:09+01:00`: the shop's time as written, not the browser's. */
export function time(stamp) {
  const m = /T(\d{2}):(\d{2})/.exec(stamp || "");
  return m ? `${m[1]}:${m[2]}` : "";
}

/** `02-12-2026 14:05`. */
export const dateTime = (stamp) => (stamp ? `${date(stamp)} ${time(stamp)}` : "");
