/* The public page's one script: the print button (no inline handlers: the page's CSP). */
(function () {
  "use strict";
  for (const button of document.querySelectorAll("[data-print]")) {
    button.addEventListener("click", () => window.print());
  }
})();
