// Allies: progressive enhancement only; every page works without this file.
(function () {
  "use strict";
  // A second click on a submit button while the first POST is on its way would send
  // the form twice: disable the button until the page (or the htmx swap) answers.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== "post") return;
    // A page script that sends the form itself (and so cancelled it) keeps its buttons.
    if (event.defaultPrevented) return;
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
// The people are kept in the order they are ticked (the hidden "order" field), and the
// draft follows them: the server rewrites only what still reads as it wrote it.
(function () {
  "use strict";
  var form = document.querySelector(".compose-form");
  var link = document.querySelector("[data-mailto]");
  var subject = document.querySelector(".compose-form [name=subject]");
  var body = document.querySelector(".compose-form [name=body]");
  if (!form || !link || !subject || !body) return;
  var emails = JSON.parse(link.getAttribute("data-emails") || "{}");
  var boxes = form.querySelectorAll("[name=recipients]");
  var order = form.querySelector("[name=order]");
  function crlf(text) { return text.replace(/\r\n|\r|\n/g, "\r\n"); }
  // The ticked ids in tick order: as the page had them, then any others ticked (a
  // browser may restore ticks on Back), in the page's order.
  var ticked = (order ? order.value.split(",") : []).filter(function (id) {
    return Array.prototype.some.call(boxes, function (b) { return b.checked && b.value === id; });
  });
  boxes.forEach(function (box) {
    if (box.checked && ticked.indexOf(box.value) < 0) ticked.push(box.value);
  });
  function keepOrder() { if (order) order.value = ticked.join(","); }
  keepOrder();
  function update() {
    var to = [];
    ticked.forEach(function (id) {
      if (emails[id]) to.push(encodeURIComponent(emails[id]).replace(/%40/g, "@"));
    });
    link.setAttribute("href", "mailto:" + to.join(",") + "?subject=" + encodeURIComponent(subject.value) +
      "&body=" + encodeURIComponent(crlf(body.value)));
  }

  // Ask the server for the draft as it follows the form; apply its answer only if
  // nothing was typed meanwhile (else ask again), and only the latest answer.
  var notice = form.querySelector("[data-draft-notice]");
  var asked = 0;
  function follow() {
    var mine = ++asked;
    var sent = {subject: subject.value, body: body.value};
    var data = new FormData(form);
    data.set("action", "follow");
    window.fetch(form.getAttribute("action"), {
      method: "POST", body: data, credentials: "same-origin",
      headers: {"Accept": "application/json"}
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (answer) {
      if (!answer || mine !== asked) return;
      if (subject.value !== sent.subject || body.value !== sent.body) { follow(); return; }
      apply(answer);
    }).catch(function () { /* the draft stays as it is: the buttons still work */ });
  }
  function replaceKeepingCaret(field, text) {
    if (field.value === text) return;
    var start = field.selectionStart, end = field.selectionEnd, old = field.value;
    var same = 0;
    while (same < old.length && same < text.length && old[same] === text[same]) same++;
    var shift = text.length - old.length;
    field.value = text;
    if (document.activeElement === field) {
      field.setSelectionRange(start > same ? start + shift : start, end > same ? end + shift : end);
    }
    field.dispatchEvent(new Event("input", {bubbles: true}));  // the tone coach reads it again
  }
  function apply(answer) {
    replaceKeepingCaret(subject, answer.subject);
    replaceKeepingCaret(body, answer.body);
    var language = form.querySelector("[name=language]");
    if (language) language.value = answer.language;
    var month = form.querySelector("[name=month]");
    if (month) month.value = answer.month || "";
    Object.keys(answer.written || {}).forEach(function (name) {
      var field = form.querySelector("[name=" + name + "]");
      if (field) field.value = answer.written[name];
    });
    if (notice) {
      var said = answer.notice;
      notice.hidden = !said;
      if (said) {
        notice.querySelector("[data-notice-text]").textContent = said.text;
        notice.querySelector("[data-notice-button]").textContent = said.button;
        notice.querySelector("[data-notice-language]").value = said.language;
      }
    }
    update();
  }

  subject.addEventListener("input", update);
  body.addEventListener("input", update);
  boxes.forEach(function (box) {
    box.addEventListener("change", function () {
      ticked = ticked.filter(function (id) { return id !== box.value; });
      if (box.checked) ticked.push(box.value);
      keepOrder();
      update();
      follow();
    });
  });
  ["kind", "language", "student"].forEach(function (name) {
    var select = form.querySelector("[name=" + name + "]");
    if (select) select.addEventListener("change", follow);
  });
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

// A "Copy" button beside a read-only field (data-copy-field names the field's id): shown
// only where the browser can copy, which it does with the field's whole value.
document.querySelectorAll("[data-copy-field]").forEach(function (button) {
  var field = document.getElementById(button.getAttribute("data-copy-field"));
  if (!field || !navigator.clipboard) return;
  button.hidden = false;
  var label = button.textContent;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(field.value).then(function () {
      button.textContent = button.getAttribute("data-done") || label;
      window.setTimeout(function () { button.textContent = label; }, 2000);
    });
  });
});
