/* The month page, a little easier by touch: choosing "other" opens the number field, and
   choosing any new percent puts the cursor in "what was done". The page works without it. */
(function () {
  "use strict";
  for (const box of document.querySelectorAll("fieldset.action")) {
    const detail = box.querySelector("textarea");
    const other = box.querySelector("input.percent");
    box.addEventListener("change", (event) => {
      const input = event.target;
      if (input.type !== "radio") return;
      if (input.value === "other" && other) other.focus();
      else if (input.value !== "same" && detail) detail.focus();
    });
    if (other) {
      other.addEventListener("input", () => {
        const radio = box.querySelector("input[type=radio][value=other]");
        if (radio) radio.checked = true;
      });
    }
  }
})();
