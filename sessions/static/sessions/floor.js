// The speaking queue (sessions/floor/live.py) over the Q&A's socket, which qa.js
// holds: it passes every frame on as a "qa:frame" event and sends what a "qa:send"
// event carries. The page works without this file: its forms post, and the queue is
// that of the page's load. Here the queue follows every change, the speaking clock
// counts each second, and the forms go over the socket. Rows are clones of the
// page's own <template>s (sessions/floor/includes/entry.html); user text is only ever
// set with textContent.
(() => {
  "use strict";
  const section = document.querySelector("[data-floor]");
  const qa = document.querySelector("[data-qa]");
  if (!section || !qa) return;

  const mode = section.dataset.floorMode; // page, wall or moderate
  const body = section.querySelector("[data-floor-body]");
  const said = section.querySelector("[data-floor-said]");
  const speakForm = section.querySelector("form[data-floor-speak]");
  const unspeakForm = section.querySelector("form[data-floor-unspeak]");
  const yours = section.querySelector("[data-floor-yours]");
  const own = new Set(); // ids of this participant's requests waiting or speaking
  let state = null; // the floor as last received; null while it is off
  let overSaid = null; // the speaker whose time running out was announced

  // The words this file writes, in the page's language (words.js).
  const { phrase } = window.liveWords;

  const clock = (seconds) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  const one = (selector) => body.querySelector(selector);

  // The clock as the server keeps it: seconds counted while stopped, and since when
  // it runs (each device counts with its own clock).
  function elapsed(speaker) {
    if (!speaker) return 0;
    const since = speaker.clock_since ? Date.parse(speaker.clock_since) : null;
    return speaker.spoken + (since ? Math.max(0, Math.floor((Date.now() - since) / 1000)) : 0);
  }

  // As the floor_topic filter (sessions/templatetags/floor_tags.py) writes it.
  function topic(entry) {
    const about = entry.topic || entry.about || "";
    if (entry.reply) return about ? phrase("reply_about", { about }) : phrase("reply");
    return about;
  }

  const FIELDS = {
    number: (e) => `#${e.number}`,
    name: (e) => e.name,
    group: (e) => e.group || phrase("no_group"),
    mode: (e) => phrase(e.mode === "online" ? "online" : "onsite"),
    times: (e) => (e.times ? phrase("spoken_times", { times: e.times }) : phrase("not_heard")),
    spoken: (e) => clock(e.spoken || 0),
    topic,
  };

  function fill(node, entry) {
    for (const field of node.querySelectorAll("[data-field]")) {
      const text = FIELDS[field.dataset.field];
      if (text) field.textContent = text(entry);
    }
    for (const input of node.querySelectorAll('input[name="request"]')) input.value = entry.id;
  }

  // A list in the frame's order. Rows are kept (an open "Skip or move" keeps its typed
  // reason) and moved only when the order changed; the focus stays where it was.
  function showList(name, entries) {
    const ol = one(`[data-floor-list="${name}"]`);
    const template = one(`template[data-floor-row="${name}"]`);
    const kept = new Map([...ol.children].map((li) => [li.dataset.request, li]));
    const rows = entries.map((entry, index) => {
      const li = kept.get(String(entry.id)) || template.content.firstElementChild.cloneNode(true);
      li.dataset.request = String(entry.id);
      fill(li, entry);
      const call = li.querySelector("[data-floor-call]");
      if (call) call.hidden = index !== 0;
      return li;
    });
    const same = rows.length === ol.children.length && rows.every((li, i) => ol.children[i] === li);
    if (same) return;
    const focused = document.activeElement;
    ol.replaceChildren(...rows);
    if (focused && focused !== document.activeElement && focused.isConnected) focused.focus();
  }

  function showSpeaker(speaker) {
    const box = one("[data-floor-speaker]");
    box.hidden = !speaker;
    if (!speaker) return;
    fill(box, speaker);
    one("[data-floor-stopped]").hidden = Boolean(speaker.clock_since);
    const start = one("[data-floor-start]");
    const stop = one("[data-floor-stop]");
    if (start) start.hidden = Boolean(speaker.clock_since);
    if (stop) stop.hidden = !speaker.clock_since;
    tick();
  }

  function showBudgets(budgets) {
    const box = one("[data-floor-budgets]");
    box.hidden = !budgets.length;
    const running = state.speaker && state.speaker.clock_since ? elapsed(state.speaker) - state.speaker.spoken : 0;
    box.querySelector("ul").replaceChildren(...budgets.map((budget) => {
      const used = budget.used + (state.speaker && state.speaker.group === budget.group ? running : 0);
      const li = document.createElement("li");
      li.textContent = phrase("budget", { group: budget.group, used: clock(used), budget: clock(budget.seconds) });
      if (used > budget.seconds) {
        const over = document.createElement("strong");
        over.textContent = phrase("over_budget");
        li.append(" ", over);
      }
      return li;
    }));
  }

  // The balance line, as sessions/floor/includes/balance.html draws it.
  function showBalance(balance) {
    const box = section.querySelector("[data-floor-balance]");
    if (!box || !balance) return;
    const cell = (tag, text, attrs = {}) => {
      const node = document.createElement(tag);
      for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
      node.append(...[].concat(text));
      return node;
    };
    const tables = Object.entries(balance).map(([what, shares]) => {
      // what: group, region or gender
      const headings = [phrase(`col_${what}`), phrase("waiting"), phrase("heard")];
      if (what === "group") headings.push(phrase("quota"));
      return cell("table", [
        cell("caption", phrase(`by_${what}`)),
        cell("thead", cell("tr", headings.map((h) => cell("th", h, { scope: "col" })))),
        cell("tbody", shares.map((share) => {
          const label = share.unheard ? [share.label, " ", cell("strong", phrase("not_heard"))] : share.label;
          const row = [cell("th", label, { scope: "row" }), cell("td", String(share.queued)), cell("td", String(share.heard))];
          if (what === "group") row.push(cell("td", share.target ? `${share.target} %` : "–"));
          return cell("tr", row, share.unheard ? { class: "floor-unheard" } : {});
        })),
      ], { class: "floor-shares" });
    });
    box.replaceChildren(box.querySelector("h3"), ...tables);
  }

  // The participant's own forms: request, or decline while waiting, or nothing while
  // they have the floor.
  function showOwn() {
    if (!speakForm || !state) return;
    const waiting = state.queue.find((entry) => own.has(String(entry.id)));
    const speaking = Boolean(state.speaker && own.has(String(state.speaker.id)));
    unspeakForm.hidden = !waiting;
    if (waiting) {
      unspeakForm.elements.request.value = waiting.id;
      unspeakForm.querySelector("[data-floor-own]").textContent = `#${waiting.number}`;
    }
    yours.hidden = !speaking;
    speakForm.hidden = Boolean(waiting) || speaking || state.status !== "open";
  }

  function render() {
    if (mode === "moderate") body.hidden = !state;
    else section.hidden = !state;
    if (!state) return;
    one("[data-floor-status]").textContent = phrase(state.status === "open" ? "floor_open" : "floor_closed");
    for (const limit of body.querySelectorAll("[data-floor-limit]")) limit.textContent = clock(state.limit);
    showSpeaker(state.speaker);
    showList("queue", state.queue);
    one("[data-floor-count]").textContent = String(state.queue.length);
    one("[data-floor-empty]").hidden = state.queue.length > 0;
    showBudgets(state.budgets);
    showList("heard", state.heard);
    one("[data-floor-heard-count]").textContent = String(state.heard.length);
    showBalance(state.balance);
    showOwn();
  }

  // Each second: the speaker's clock, and the budgets it counts against.
  function tick() {
    if (!state || !state.speaker) return;
    const seconds = elapsed(state.speaker);
    one("[data-floor-clock]").textContent = clock(seconds);
    const over = seconds > state.limit;
    one("[data-floor-over]").hidden = !over;
    if (over && overSaid !== state.speaker.id && mode !== "page") {
      overSaid = state.speaker.id;
      say(phrase("over_time", { number: state.speaker.number }));
    }
    if (state.speaker.clock_since && state.budgets.length) showBudgets(state.budgets);
  }
  window.setInterval(tick, 1000);

  function say(text) {
    if (!said) return;
    said.textContent = "";
    window.setTimeout(() => { said.textContent = text; }, 50);
  }

  function showError(message) {
    const box = section.querySelector("[data-floor-error]");
    if (!box) return;
    box.textContent = message;
    box.hidden = !message;
  }

  const DONE = ["call", "skip", "move", "start", "stop", "finish"];

  const handlers = {
    snapshot(frame) {
      state = frame.floor || null;
      render();
    },
    floor(frame) {
      const before = state && state.speaker ? state.speaker.id : null;
      state = frame.floor || null;
      render();
      const speaker = state && state.speaker;
      if (speaker && speaker.id !== before) {
        say(own.has(String(speaker.id)) ? phrase("your_floor") : phrase("now_speaking", { number: speaker.number, name: speaker.name }));
      }
    },
    mine(frame) {
      own.clear();
      for (const id of frame.floor || []) own.add(String(id));
      showOwn();
    },
    requested(frame) {
      own.add(String(frame.request));
      if (speakForm) speakForm.reset();
      showError("");
      showOwn();
      say(phrase("requested", { number: frame.number }));
    },
    unrequested(frame) {
      own.delete(String(frame.request));
      showError("");
      showOwn();
      say(phrase("unrequested"));
    },
    floor_done(frame) {
      showError("");
      const row = frame.request && body.querySelector(`[data-request="${frame.request}"]`);
      const details = row && row.querySelector("details");
      if (details && frame.action !== "call") {
        details.open = false;
        details.querySelector("form").reset();
      }
      say(phrase(DONE.includes(frame.action) ? `done_${frame.action}` : "done"));
    },
    error(frame) {
      if (["speak", "unspeak", "floor"].includes(frame.act)) showError(frame.message);
    },
  };

  document.addEventListener("qa:frame", (event) => {
    const handle = handlers[event.detail.type];
    if (handle) handle(event.detail);
  });

  // Over the socket when it is up (qa.js says so by taking the event); otherwise the
  // form posts the plain way.
  section.addEventListener("submit", (event) => {
    const form = event.target;
    const data = new FormData(form);
    let frame = null;
    if (form.matches("[data-floor-speak]")) {
      frame = {
        type: "speak",
        topic: String(data.get("topic") || ""),
        reply: data.get("reply") === "on",
        name_public: data.get("name_public") === "on",
      };
      if (data.get("guiding_question")) frame.guiding_question = Number(data.get("guiding_question"));
    } else if (form.matches("[data-floor-unspeak]")) {
      frame = { type: "unspeak", request: Number(data.get("request")) };
    } else if (form.matches("[data-floor-act]")) {
      const submitter = event.submitter;
      frame = {
        type: "floor",
        action: submitter && submitter.name === "action" ? submitter.value : String(data.get("action")),
        reason: String(data.get("reason") || ""),
      };
      if (data.get("request")) frame.request = Number(data.get("request"));
      if (data.get("place")) frame.place = Number(data.get("place"));
    }
    if (!frame) return;
    const sending = new CustomEvent("qa:send", { detail: frame, cancelable: true });
    document.dispatchEvent(sending);
    if (sending.defaultPrevented) event.preventDefault();
  });
})();
