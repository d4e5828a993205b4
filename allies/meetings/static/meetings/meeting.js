// The meeting page: ticks, agenda order and notes without a page load each.
// Progressive enhancement only: every form here also works as a plain POST.
(function () {
  "use strict";

  function post(form, body) {
    return fetch(form.action, {
      method: "POST",
      body: body || new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
  }
  function csrf(form) {
    var field = form.querySelector("[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  // -- The checklist: a tick is sent at once, and the progress line follows.
  document.querySelectorAll("form[data-tick]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button");
      var done = form.querySelector("[name=done]");
      button.disabled = true;
      post(form)
        .then(function (answer) {
          if (!answer.ok) throw new Error(String(answer.status));
          return answer.json();
        })
        .then(function (data) {
          button.setAttribute("aria-pressed", data.done ? "true" : "false");
          done.value = data.done ? "0" : "1";
          Object.keys(data.summary || {}).forEach(function (phase) {
            var line = document.querySelector('[data-progress="' + phase + '"]');
            if (line) line.textContent = data.summary[phase];
          });
        })
        .catch(function () { form.submit(); })
        .finally(function () { button.disabled = false; });
    });
  });

  // -- The agenda: "Move up" / "Move down" by keyboard or pointer, and dragging.
  var agenda = document.querySelector("[data-agenda]");
  var agendaStatus = document.querySelector("[data-agenda-status]");
  var agendaMessages = document.querySelector("template[data-agenda-messages]");
  function arrange(order) {
    order.forEach(function (id) {
      var item = agenda.querySelector('[data-point="' + id + '"]');
      if (item) agenda.appendChild(item);
    });
  }
  function announce(id) {
    if (!agendaStatus || !agendaMessages) return;
    var items = Array.prototype.slice.call(agenda.querySelectorAll("[data-point]"));
    var at = items.findIndex(function (item) { return item.getAttribute("data-point") === String(id); });
    agendaStatus.textContent = agendaMessages.getAttribute("data-moved")
      .replace("{position}", String(at + 1)).replace("{total}", String(items.length));
  }
  if (agenda) {
    agenda.querySelectorAll("form[data-move]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var button = event.submitter;
        var body = new FormData(form);
        if (button && button.name) body.set(button.name, button.value);
        var id = form.closest("[data-point]").getAttribute("data-point");
        post(form, body)
          .then(function (answer) {
            if (!answer.ok) throw new Error(String(answer.status));
            return answer.json();
          })
          .then(function (data) {
            arrange(data.order);
            if (button) button.focus();
            announce(id);
          })
          .catch(function () { form.submit(); });
      });
    });

    var url = agenda.getAttribute("data-reorder");
    var dragged = null;
    if (url) {
      agenda.addEventListener("dragstart", function (event) {
        dragged = event.target.closest("[data-point]");
        if (!dragged) return;
        dragged.classList.add("is-dragged");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", dragged.getAttribute("data-point"));
      });
      agenda.addEventListener("dragover", function (event) {
        var over = event.target.closest && event.target.closest("[data-point]");
        if (!dragged || !over || over === dragged) return;
        event.preventDefault();
        var box = over.getBoundingClientRect();
        var after = event.clientY > box.top + box.height / 2;
        agenda.insertBefore(dragged, after ? over.nextSibling : over);
      });
      agenda.addEventListener("drop", function (event) { event.preventDefault(); });
      agenda.addEventListener("dragend", function () {
        if (!dragged) return;
        var moved = dragged;
        dragged = null;
        moved.classList.remove("is-dragged");
        var body = new FormData();
        body.set("csrfmiddlewaretoken", csrf(moved.querySelector("form")));
        agenda.querySelectorAll("[data-point]").forEach(function (item) {
          body.append("order", item.getAttribute("data-point"));
        });
        post({ action: url }, body)
          .then(function (answer) {
            if (!answer.ok) throw new Error(String(answer.status));
            return answer.json();
          })
          .then(function (data) { arrange(data.order); announce(moved.getAttribute("data-point")); })
          .catch(function () { window.location.reload(); });
      });
    }
  }

  // -- Notes: saved as you type. A failed save keeps the text in this tab (it survives a
  // reload) and is tried again; a save refused because the notes changed elsewhere shows
  // their version beside yours and waits for "Save the notes".
  var notes = document.querySelector("form[data-notes]");
  if (!notes) return;
  var box = notes.querySelector("textarea[name=notes]");
  var version = notes.querySelector("[name=notes_version]");
  var status = notes.querySelector("[data-notes-status]");
  var theirs = notes.querySelector("[data-notes-theirs]");
  var theirsText = notes.querySelector("[data-notes-theirs-text]");
  var words = notes.querySelector("template[data-notes-messages]");
  if (!box || !version || !words) return;
  var key = "allies-meeting-notes-" + notes.getAttribute("data-meeting");
  // What the server sent, not what the browser may have put back in the box on a reload.
  var saved = box.defaultValue;
  version.value = version.defaultValue;
  var timer = null;
  var retry = null;
  var busy = false;
  var waiting = false;     // refused as stale: only the button saves now
  function say(name, extra) { status.textContent = words.getAttribute("data-" + name) + (extra || ""); }
  function keep() {
    try {
      if (box.value === saved) window.sessionStorage.removeItem(key);
      else window.sessionStorage.setItem(key, JSON.stringify({ text: box.value, version: version.value }));
    } catch (e) { /* storage full or off: the text is still in the box */ }
  }
  function save() {
    window.clearTimeout(timer);
    window.clearTimeout(retry);
    retry = null;
    if (busy || box.value === saved) return;
    busy = true;
    var sent = box.value;
    say("saving");
    post(notes)
      .then(function (answer) {
        if (answer.status === 409) {
          return answer.json().then(function (data) {
            version.value = String(data.version);
            theirsText.textContent = data.notes;
            theirs.hidden = false;
            waiting = true;
            say("conflict");
          });
        }
        if (!answer.ok) {
          return answer.json().then(function (data) { status.textContent = data.error || ""; });
        }
        return answer.json().then(function (data) {
          version.value = String(data.version);
          saved = sent;
          waiting = false;
          theirs.hidden = true;
          say("saved", " " + data.saved_at);
        });
      })
      .catch(function () {
        say("offline");
        retry = window.setTimeout(save, 5000);
      })
      .finally(function () {
        busy = false;
        keep();
        // Typed on while this save was out: send that too. A save the server refused as
        // it stands (too long) waits for the next change, not a loop of the same refusal.
        if (!waiting && !retry && box.value !== sent) timer = window.setTimeout(save, 1500);
      });
  }
  box.addEventListener("input", function () {
    keep();
    if (waiting) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 1500);
  });
  box.addEventListener("blur", function () { if (!waiting) save(); });
  notes.addEventListener("submit", function (event) {
    event.preventDefault();
    waiting = false;
    if (box.value === saved) { say("saved", ""); return; }
    save();
  });
  window.addEventListener("online", function () { if (!waiting) save(); });
  window.addEventListener("beforeunload", function (event) {
    if (box.value !== saved) event.preventDefault();
  });
  // Text this tab typed and could not save before a reload: put it back and save it.
  try {
    var left = JSON.parse(window.sessionStorage.getItem(key) || "null");
    if (left && left.text !== saved) {
      box.value = left.text;
      if (left.version) version.value = left.version;
    }
  } catch (e) { /* nothing kept */ }
  if (box.value !== saved) {
    say("restored");
    save();
  }
})();
