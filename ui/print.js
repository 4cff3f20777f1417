// Print buttons of the entry and day-log pages (no inline script: the kiosk's CSP forbids it).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const a4 = document.getElementById("print-a4");
  const receipt = document.getElementById("print-receipt");
  if (a4) a4.addEventListener("click", () => { document.body.classList.remove("receipt"); window.print(); });
  if (receipt) receipt.addEventListener("click", () => { document.body.classList.add("receipt"); window.print(); });
});
