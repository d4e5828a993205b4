// Allies: progressive enhancement only; every page works without this file.
(function () {
  "use strict";
  // A second click on a submit button while the first POST is on its way would send
  // the form twice: disable the button until the page (or the htmx swap) answers.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== "post") return;
    // A download leaves the page where it is: nothing to wait for.
    if (event.submitter && event.submitter.hasAttribute("data-download")) return;
    var buttons = form.querySelectorAll("button[type=submit], button:not([type])");
    window.setTimeout(function () {
      buttons.forEach(function (b) { b.disabled = true; b.setAttribute("aria-busy", "true"); });
    }, 0);
  });
  function enable() {
    document.querySelectorAll("button[aria-busy=true]").forEach(function (b) {
      b.disabled = false; b.removeAttribute("aria-busy");
    });
  }
  document.addEventListener("htmx:afterRequest", enable);
  window.addEventListener("pageshow", enable);
  // After a quick add, put the cursor back in the first field for the next one.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "quick-add") {
      // Ready for the next one: back to "Who" (the status line is announced anyway).
      var first = document.querySelector("#quick-add select, #quick-add input:not([type=hidden])");
      var invalid = document.querySelector("#quick-add [aria-invalid=true]");
      if (invalid || first) (invalid || first).focus();
    }
  });
})();
// Escape closes an open menu and gives focus back to its button.
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape") return;
  document.querySelectorAll("details.dropdown[open]").forEach(function (menu) {
    menu.open = false;
    var summary = menu.querySelector("summary");
    if (summary) summary.focus();
  });
});

// Compose: keep "Open in my mail app" in step with the draft, and offer "Copy".
(function () {
  "use strict";
  var link = document.querySelector("[data-mailto]");
  var subject = document.querySelector(".compose-form [name=subject]");
  var body = document.querySelector(".compose-form [name=body]");
  if (!link || !subject || !body) return;
  var emails = JSON.parse(link.getAttribute("data-emails") || "{}");
  var boxes = document.querySelectorAll(".compose-form [name=recipients]");
  function crlf(text) { return text.replace(/\r\n|\r|\n/g, "\r\n"); }
  function update() {
    var to = [];
    boxes.forEach(function (box) {
      if (box.checked && emails[box.value]) to.push(encodeURIComponent(emails[box.value]).replace(/%40/g, "@"));
    });
    link.setAttribute("href", "mailto:" + to.join(",") + "?subject=" + encodeURIComponent(subject.value) +
      "&body=" + encodeURIComponent(crlf(body.value)));
  }
  subject.addEventListener("input", update);
  body.addEventListener("input", update);
  boxes.forEach(function (box) { box.addEventListener("change", update); });
  var copy = document.querySelector("[data-copy]");
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    var label = copy.textContent;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(subject.value + "\n\n" + body.value).then(function () {
        copy.textContent = copy.getAttribute("data-done") || label;
        window.setTimeout(function () { copy.textContent = label; }, 2000);
      });
    });
  }
})();
