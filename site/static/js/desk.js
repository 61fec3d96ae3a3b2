// The check-in desk (participants/attendance): the list of badges is kept on the
// device, so a badge is checked in at once, with a network or without; check-ins
// wait in a queue kept on the device and are sent when the network allows. The
// server counts one check-in a person and day, whichever device sends it first.
"use strict";
(() => {
  const desk = document.querySelector(".desk");
  if (!desk || !window.localStorage || !window.fetch) return;
  const form = desk.querySelector("[data-check-in]");
  const input = form.querySelector("#code");
  const outcome = desk.querySelector("[data-outcome]");
  const state = desk.querySelector("[data-sync-state]");
  const csrf = form.querySelector("[name=csrfmiddlewaretoken]").value;
  const key = (name) => `desk:${desk.dataset.event}:${name}`;
  const load = (name, empty) => JSON.parse(localStorage.getItem(key(name)) || "null") || empty;
  const save = (name, value) => localStorage.setItem(key(name), JSON.stringify(value));
  const ALPHABET = /^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{8}$/;
  // What the desk says comes from the page, in its language (the <template> in
  // templates/participants/attendance/desk.html); {name} marks are filled in here.
  const texts = {};
  const counted = {};
  for (const item of desk.querySelector("template[data-desk-texts]").content.querySelectorAll("[data-text]")) {
    if ("count" in item.dataset) {
      (counted[item.dataset.text] = counted[item.dataset.text] || []).push([Number(item.dataset.count), item.textContent]);
    } else {
      texts[item.dataset.text] = item.textContent;
    }
  }
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (mark, name) => (name in values ? values[name] : mark));
  const phrase = (name, values = {}) => fill(texts[name], values);
  // A count's sentence: the form of the sample number that is counted alike in the
  // page's language (1 and 21 in Russian, say), as gettext chose it for that number.
  let rules = null;
  try {
    rules = new Intl.PluralRules(document.documentElement.lang || undefined);
  } catch (unknown) {
    // An older browser: the English rule below.
  }
  const kind = (n) => (rules ? rules.select(n) : n === 1 ? "one" : "other");
  function sayCount(name, count, values = {}) {
    const forms = counted[name];
    const form = forms.find(([sample]) => sample === count)
      || forms.find(([sample]) => kind(sample) === kind(count))
      || forms[forms.length - 1];
    return fill(form[1], { ...values, count });
  }
  let device = localStorage.getItem("desk:device");
  if (!device) {
    device = `device-${Math.random().toString(36).slice(2, 10)}`;
    localStorage.setItem("desk:device", device);
  }
  let list = load("list", { day: "", people: [] });
  let queue = load("queue", []);
  let refused = [];
  let problem = "";
  let syncing = false;
  let soon = null;
  // At most this many a request (the server takes 1,000), one request at a time,
  // and a scan waits WAIT ms for the next: a busy desk sends a few a request.
  const CHUNK = 500;
  const WAIT = 2000;

  // As the server reads it (participants/attendance/tokens.py): a scanned token is
  // "CODE:signature"; a typed code may have spaces, dashes, O for 0, I or L for 1.
  function codeOf(text) {
    text = text.trim();
    if (text.includes(":")) return text.split(":")[0];
    return text.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  }

  function show(kind, text) {
    outcome.replaceChildren();
    const line = document.createElement("p");
    line.className = `outcome-${kind}`;
    line.textContent = text;
    outcome.append(line);
  }

  function count() {
    desk.querySelector("[data-count-in]").textContent = list.people.filter((p) => p.in).length;
    desk.querySelector("[data-count-expected]").textContent = list.people.length;
  }

  function say() {
    state.hidden = false;
    let text = queue.length
      ? sayCount(navigator.onLine === false ? "waiting-offline" : "waiting", queue.length)
      : phrase("all-sent");
    if (refused.length) text += ` ${phrase("refused", { refused: refused.join("; ") })}`;
    if (problem) text += ` ${problem}`;
    state.textContent = text;
  }

  async function refresh() {
    try {
      const response = await fetch(desk.dataset.list, { credentials: "same-origin" });
      if (!response.ok) return;
      list = await response.json();
      // Check-ins still queued here are in, whatever the server knew.
      const waiting = new Set(queue.map((item) => codeOf(item.code)));
      list.people.forEach((p) => { if (waiting.has(p.code)) p.in = true; });
      save("list", list);
      count();
    } catch (offline) {
      // The list kept on the device serves meanwhile.
    }
  }

  function syncSoon() {
    if (!soon) soon = setTimeout(() => { soon = null; sync(); }, WAIT);
  }

  async function sync() {
    if (syncing || !queue.length) return say();
    syncing = true;
    const sending = queue.slice(0, CHUNK);
    let more = false;
    try {
      const response = await fetch(desk.dataset.sync, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
        body: JSON.stringify({ device, items: sending }),
      });
      if (response.ok) {
        const answer = await response.json();
        const sent = new Set(sending.map((item) => item.id));
        queue = load("queue", []).filter((item) => !sent.has(item.id));
        save("queue", queue);
        for (const item of sending) {
          const result = answer.results[item.id];
          if (result && result.status === "refused") refused.push(`${item.code}: ${result.message}`);
        }
        problem = "";
        more = queue.length > 0;
      } else {
        // Said by the server (too many syncs in a minute, say); the queue is kept.
        const answer = await response.json().catch(() => ({}));
        problem = answer.error || phrase("server", { status: response.status });
      }
    } catch (offline) {
      // Kept in the queue; sent when the network returns.
    } finally {
      syncing = false;
      say();
      if (more) syncSoon();
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value;
    const code = codeOf(text);
    if (!text.includes(":") && !ALPHABET.test(code)) {
      show("refused", phrase("bad-code"));
      return;
    }
    const person = list.people.find((p) => p.code === code);
    const where = form.querySelector("[data-where]");
    const session = where ? where.value : "";
    if (session) {
      // The room's seats are counted by the server: its answer comes with the sync.
      const label = where.options[where.selectedIndex].text;
      show("in", phrase("sent-for", { name: person ? person.name : code, place: label }));
      queue.push({ id: `${device}-${Date.now()}-${queue.length}`, code: text.trim(), at: new Date().toISOString(), session });
      save("queue", queue);
      say();
      syncSoon();
    } else if (person && person.in) {
      show("already", phrase("already", person));
    } else {
      if (person) {
        person.in = true;
        save("list", list);
        show("in", phrase("checked-in", person));
      } else {
        show("refused", phrase("not-listed", { code }));
      }
      queue.push({ id: `${device}-${Date.now()}-${queue.length}`, code: text.trim(), at: new Date().toISOString() });
      save("queue", queue);
      count();
      say();
      syncSoon();
    }
    input.value = "";
    input.focus();
  });

  // Finding by name reads the list kept here, so it works offline too; each match
  // has its own button, which checks in as typing the code would.
  const search = desk.querySelector(".desk-search");
  const plain = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  search.addEventListener("submit", (event) => {
    const words = plain(search.querySelector("input").value.trim());
    if (!list.people.length || words.length < 2) return;  // the server answers
    event.preventDefault();
    let found = desk.querySelector(".desk-found");
    if (!found) {
      found = document.createElement("ul");
      found.className = "desk-found";
      search.after(found);
    }
    found.replaceChildren();
    const matches = list.people.filter((p) => plain(p.name).includes(words)).slice(0, 20);
    for (const person of matches) {
      const item = document.createElement("li");
      const row = document.createElement("form");
      const label = document.createElement("span");
      label.textContent = person.in
        ? phrase("found-in", person)
        : `${person.name}, ${person.organisation} (${person.group})`;
      const button = document.createElement("button");
      button.type = "submit";
      button.textContent = phrase("check-in");
      button.setAttribute("aria-label", phrase("check-in-name", person));
      row.append(label, button);
      row.addEventListener("submit", (submitted) => {
        submitted.preventDefault();
        input.value = person.code;
        form.requestSubmit();
        found.replaceChildren();
      });
      item.append(row);
      found.append(item);
    }
    if (!matches.length) {
      const item = document.createElement("li");
      item.textContent = phrase("none-found");
      found.append(item);
    }
  });

  // The camera, where the browser reads QR codes itself.
  if ("BarcodeDetector" in window && navigator.mediaDevices) {
    const scan = desk.querySelector("[data-scan]");
    const video = desk.querySelector("[data-scan-video]");
    scan.hidden = false;
    scan.querySelector("button").addEventListener("click", async () => {
      try {
        video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
      } catch (refusedCamera) {
        show("refused", phrase("no-camera"));
        return;
      }
      video.hidden = false;
      await video.play();
      const detector = new BarcodeDetector({ formats: ["qr_code"] });
      const look = async () => {
        const found = await detector.detect(video).catch(() => []);
        if (found.length) {
          input.value = found[0].rawValue;
          form.requestSubmit();
          setTimeout(look, 1500);  // the same badge is not read twice at once
        } else {
          setTimeout(look, 250);
        }
      };
      look();
    });
  }

  window.addEventListener("online", () => { sync(); refresh(); });
  window.addEventListener("offline", say);
  setInterval(() => { sync(); }, 30000);
  setInterval(refresh, 120000);
  count();
  say();
  sync().then(refresh);
})();
