// Print buttons of the entry and day-log pages (no inline script: the kiosk's CSP forbids it).
// The 80 mm receipt is its own page (?receipt=1, with the receipt stylesheet, whose page is 80 mm wide); opened
// from the "Bon" link it prints itself. "Afdrukken (A4)" on the receipt page goes back to the A4 page.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const a4 = document.getElementById("print-a4");
  const onReceipt = document.body.classList.contains("receipt");
  if (a4) a4.addEventListener("click", () => { if (onReceipt) location.search = "?print=1"; else window.print(); });
  if (new URLSearchParams(location.search).get("print") === "1") window.print();
});
