// Live polls (sessions/polls/live.py) over the Q&A's socket, which qa.js holds: it
// passes every frame on as a "qa:frame" event and sends what a "qa:send" event
// carries. The page works without this file: the poll's form posts, and the results
// are those of the page's load. Here the section follows launches, closes and reveals,
// the results follow the answers, and the form answers over the socket. User text is
// only ever set with textContent.
(() => {
  "use strict";
  const section = document.querySelector("[data-polls]");
  const qa = document.querySelector("[data-qa]");
  if (!section || !qa) return;

  const wall = section.dataset.pollsMode === "wall";
  const moderating = section.dataset.pollsMode === "moderate";
  const mayAnswer = section.dataset.mayAnswer === "true";
  const body = section.querySelector("[data-polls-body]");
  const said = section.querySelector("[data-poll-said]");
  const polls = new Map(); // id -> poll, as last received
  const answersSeq = new Map(); // poll id -> answers_seq of the results shown
  let shownKey = section.dataset.pollKey;
  let awaiting = null; // the poll id of an answer sent, until the server replies

  // The words this file writes, in the page's language (words.js).
  const { phrase, phraseNodes, counted } = window.liveWords;

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value);
    }
    node.append(...children.filter((c) => c !== null && c !== undefined));
    return node;
  }

  const percent = (n, total) => (total ? Math.round((100 * n) / total) : 0);

  function bar(label, count, total) {
    return el(
      "li",
      {},
      el("span", {}, label),
      " ",
      el("span", { class: "meta" }, `${count} (${percent(count, total)} %)`),
      " ",
      el("meter", { min: 0, max: total || 1, value: count }, `${percent(count, total)} %`),
    );
  }

  // The markup of sessions/polls/includes/results.html.
  function results(poll) {
    const r = poll.results;
    const box = el("div", { class: "poll-results", "data-poll-results": poll.id });
    box.append(el("p", { class: "meta" }, counted("answers", r.answers, { answers: r.answers }) + (poll.status === "closed" ? ` · ${phrase("closed")}` : "")));
    if (r.kind === "ranking") {
      box.append(el("ol", { class: "poll-ranking" }, ...r.options.map((o) =>
        el("li", {}, o.text, " ", el("span", { class: "meta" }, counted("points", o.points, { points: o.points, first: o.first }))))));
    } else if (r.kind === "rating") {
      box.append(el("p", {}, ...(r.mean === null ? [phrase("no_average")] : phraseNodes("average", { mean: r.mean, scale: r.scale }))));
      box.append(el("ul", { class: "poll-bars" }, ...r.counts.map((n, i) => bar(String(i + 1), n, r.answers))));
    } else if (r.kind === "words") {
      if (r.words.length && r.cloud) box.append(cloud(r.cloud));
      box.append(r.words.length
        ? el("ul", { class: "poll-words" }, ...r.words.map((w) => el("li", {}, w.text, " ", el("span", { class: "meta" }, String(w.count)))))
        : el("p", {}, phrase("no_words")));
    } else {
      box.append(el("ul", { class: "poll-bars" }, ...r.options.map((o) => bar(o.text, o.count, r.answers))));
    }
    return box;
  }

  // The cloud as the server laid it out (sessions/polls/cloud.py).
  function cloud(layout) {
    const NS = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(NS, "svg");
    svg.setAttribute("class", "poll-cloud");
    svg.setAttribute("viewBox", `0 0 ${layout.width} ${layout.height}`);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", phrase("cloud"));
    for (const w of layout.words) {
      const text = document.createElementNS(NS, "text");
      for (const [name, value] of [["x", w.x], ["y", w.y], ["font-size", w.size], ["text-anchor", "middle"]]) text.setAttribute(name, value);
      text.textContent = w.text;
      svg.append(text);
    }
    return svg;
  }

  // The answer form of sessions/polls/includes/poll.html, answering over the socket.
  function form(poll) {
    const f = el("form", { class: "poll-answer", method: "post", action: section.dataset.answerUrl, "data-poll-form": poll.id });
    f.append(el("p", { class: "error", role: "alert", "data-poll-error": "", hidden: "" }));
    const choice = (type, name, value, text, n) => {
      const id = `poll-${poll.id}-${name}-${n}`;
      return el("div", {}, el("input", { type, name, value, id }), " ", el("label", { for: id }, text));
    };
    if (poll.kind === "ranking") {
      f.append(el("fieldset", {}, el("legend", {}, phrase("your_order")), ...poll.options.map((o, i) => {
        const id = `poll-${poll.id}-place-${o.id}`;
        const select = el("select", { name: `place_${o.id}`, id }, ...poll.options.map((_, n) =>
          el("option", { value: n + 1, selected: n === i ? "" : null }, String(n + 1))));
        return el("p", { class: "form-field" }, el("label", { for: id }, o.text), " ", select);
      })));
    } else if (poll.kind === "words") {
      const id = `poll-${poll.id}-words`;
      f.append(el("p", { class: "form-field" }, el("label", { for: id }, phrase("your_answer")), " ",
        el("input", { type: "text", name: "words", id, maxlength: 40, required: "" }),
        el("span", { class: "help" }, phrase("words_help") + (poll.words_premoderated ? ` ${phrase("words_premoderated")}` : ""))));
    } else {
      let legend = phrase("your_answer");
      let items;
      if (poll.kind === "rating") {
        legend = phrase("your_rating", { scale: poll.scale });
        items = Array.from({ length: poll.scale }, (_, i) => choice("radio", "rating", i + 1, String(i + 1), i));
      } else {
        const multiple = poll.kind === "multiple";
        if (multiple) legend = poll.max_choices ? phrase("your_choices", { max: poll.max_choices }) : phrase("your_choices_any");
        items = poll.options.map((o, i) => choice(multiple ? "checkbox" : "radio", multiple ? "choices" : "choice", o.id, o.text, i));
      }
      f.append(el("fieldset", {}, el("legend", {}, legend), ...items));
    }
    f.append(el("p", {}, el("button", { type: "submit" }, phrase("answer"))));
    return f;
  }

  function livePoll() {
    return [...polls.values()].find((p) => p.status === "live") || null;
  }

  function earlier() {
    if (wall) return [];
    return [...polls.values()].filter((p) => p.status === "closed" && p.results).reverse();
  }

  // As sessions/polls/panel.py's `key` (the wall's: the live poll alone).
  function key() {
    const live = livePoll();
    return `${live ? `${live.id}-${live.results ? "r" : ""}` : ""}|${earlier().map((p) => p.id).join(",")}`;
  }

  function render() {
    const live = livePoll();
    const before = earlier();
    const parts = [];
    if (live && wall) {
      parts.push(el("h2", { id: "wall-poll-heading" }, phrase("wall_poll", { question: live.question })));
      parts.push(live.results ? results(live) : el("p", {}, ...phraseNodes("answer_at", { at: section.dataset.answerAt })));
    } else if (live) {
      const meta = [phrase(`kind_${live.kind}`)]; // single, multiple, rating, ranking or words
      meta.push(phrase(live.named ? "named" : "not_named"));
      const box = el("div", { class: "poll poll-live", "data-poll": live.id }, el("h3", {}, live.question), el("p", { class: "meta" }, meta.join(" · ")));
      if (mayAnswer) box.append(form(live));
      box.append(live.results ? results(live) : el("p", { class: "meta" }, phrase("results_later")));
      parts.push(box);
    }
    if (before.length) {
      parts.push(el("h3", {}, phrase("earlier_polls")));
      for (const poll of before) parts.push(el("div", { class: "poll" }, el("h4", {}, poll.question), results(poll)));
    }
    body.replaceChildren(...parts);
    section.hidden = !parts.length;
    shownKey = key();
  }

  // Results in place: the form and what a participant chose stay as they are.
  function showResults(poll) {
    const shown = section.querySelector(`[data-poll-results="${poll.id}"]`);
    if (shown && poll.results) shown.replaceWith(results(poll));
  }

  function say(text) {
    if (said) said.textContent = text;
  }

  const handlers = {
    snapshot(frame) {
      polls.clear();
      for (const poll of frame.polls || []) polls.set(String(poll.id), poll);
      if (moderating) return; // the moderators' page redraws on each of their acts
      if (key() !== shownKey) render();
      else for (const poll of polls.values()) showResults(poll);
    },
    poll(frame) {
      const before = polls.get(String(frame.poll.id));
      polls.set(String(frame.poll.id), frame.poll);
      if (moderating) return showResults(frame.poll);
      if (key() !== shownKey) render();
      else showResults(frame.poll);
      if (frame.poll.status === "live" && (!before || before.status !== "live")) say(phrase("poll_open", { question: frame.poll.question }));
      else if (frame.poll.status === "closed" && before && before.status === "live") say(phrase("poll_closed"));
    },
    poll_results(frame) {
      const id = String(frame.poll);
      const poll = polls.get(id);
      if (!poll || poll.status !== "live" || (answersSeq.get(id) || 0) > frame.answers_seq) return;
      answersSeq.set(id, frame.answers_seq);
      poll.results = frame.results;
      if (section.querySelector(`[data-poll-results="${id}"]`)) showResults(poll);
      else if (!moderating && key() !== shownKey) render();
    },
    answered(frame) {
      awaiting = null;
      const f = section.querySelector(`[data-poll-form="${frame.poll}"], form.poll-answer`);
      if (f) {
        const button = f.querySelector("button[type=submit]");
        if (button) button.textContent = phrase("change_answer");
        showError(f, "");
      }
      say(phrase(frame.changed ? "answer_changed" : "answer_counted"));
    },
    error(frame) {
      if (frame.act !== "answer" || awaiting === null) return;
      awaiting = null;
      const f = section.querySelector("form.poll-answer");
      if (f) showError(f, frame.message);
    },
  };

  function showError(f, message) {
    const p = f.querySelector("[data-poll-error]");
    if (!p) return;
    p.textContent = message;
    p.hidden = !message;
  }

  document.addEventListener("qa:frame", (event) => {
    const handle = handlers[event.detail.type];
    if (handle) handle(event.detail);
  });

  // The answer over the socket when it is up (qa.js says so by taking the event);
  // otherwise the form posts the plain way.
  section.addEventListener("submit", (event) => {
    const f = event.target;
    if (!f.matches("form.poll-answer")) return;
    const data = new FormData(f);
    const id = Number(data.get("poll") || f.dataset.pollForm);
    const frame = { type: "answer", poll: id };
    if (data.has("choice")) frame.chosen = String(data.get("choice"));
    else if (data.has("choices")) frame.chosen = data.getAll("choices").join(",");
    else if (data.has("rating")) frame.rating = Number(data.get("rating"));
    else if (data.has("words")) frame.words = String(data.get("words"));
    const places = [...data.keys()].filter((name) => name.startsWith("place_"));
    if (places.length) {
      // Two options in one place: sent empty, for the server to say why it refuses.
      const distinct = new Set(places.map((name) => data.get(name))).size === places.length;
      frame.chosen = distinct
        ? places
            .sort((a, b) => Number(data.get(a)) - Number(data.get(b)))
            .map((name) => name.slice("place_".length))
            .join(",")
        : "";
    }
    const sending = new CustomEvent("qa:send", { detail: frame, cancelable: true });
    document.dispatchEvent(sending);
    if (sending.defaultPrevented) {
      // qa.js sent it: wait for "answered" or the reason it was refused.
      event.preventDefault();
      awaiting = id;
    }
  });
})();
