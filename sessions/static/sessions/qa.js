// Live Q&A (docs/architecture.md, "Live Q&A"). The page works without this file: its
// forms post and the wall refreshes itself. Here the forms go over the websocket and
// the lists follow every change. User text is only ever set with textContent.
// When the connection goes, the page says so, marks its counts as out of date, keeps
// a question typed meanwhile and sends it once the connection is back.
(() => {
  "use strict";
  const root = document.querySelector("[data-qa]");
  if (!root || !("WebSocket" in window)) return;

  const mode = root.dataset.qaMode; // page, wall or moderate
  // The words this file writes, in the page's language (words.js).
  const { phrase, counted } = window.liveWords;
  const itemTemplate = root.querySelector("template[data-qa-item]");
  const guiding = new Map(
    [...(root.querySelector("template[data-qa-guiding]")?.content.children ?? [])].map(
      (el) => [el.dataset.id, el.textContent],
    ),
  );
  const questions = new Map(); // id -> question dict, as last received
  const mine = new Set(); // ids of this participant's own questions
  const voted = new Set();
  let board = {
    status: root.dataset.boardStatus,
    premoderation: root.dataset.premoderation === "true",
    untaken_published: root.dataset.untaken === "true",
  };
  let socket = null;
  let lastSeq = -1;
  let retries = 0;
  let snapshotSeen = false;
  let resyncing = false; // asked for what a gap missed; one request is enough
  // Frames ahead of a missing seq, by seq: changes committed in one order may arrive
  // in another (two server processes publish them), so a gap waits GAP_WAIT ms for
  // its frame before the whole state is asked for again.
  const ahead = new Map();
  const GAP_WAIT = 1500;
  let gapTimer = null;
  let timer = null; // the next reconnection attempt
  let everLive = false; // once live, a form posted the plain way would meet no network
  let pending = null; // an ask frame kept until the server takes it
  const askForm = root.querySelector("form[data-qa-ask]");
  const draftKey = `qa-draft:${root.dataset.qaSocket}`;
  const UNAVAILABLE = 4503; // the server's close code while the live Q&A is down

  // Start from what the server rendered, so nothing flickers before the snapshot.
  for (const li of root.querySelectorAll("[data-qa-list] > li")) {
    if (li.closest("[data-qa-list]").dataset.qaList === "mine") mine.add(li.dataset.question);
    const button = li.querySelector("[aria-pressed]");
    if (button && button.getAttribute("aria-pressed") === "true") voted.add(li.dataset.question);
  }

  // Which list a question belongs in, for this view (none: not shown here). What the
  // public sees is the server's to decide (sessions/qa/visibility.py): it sends the
  // text of a question only when the public may read it, or to its asker, marked
  // `mine`; a switch of the board that changes the public's view comes as a snapshot.
  function listFor(q) {
    if (q.text === undefined) return null; // the public only learns it exists
    if (q.status === "withdrawn") return null; // kept on record, shown to nobody
    if (mode === "moderate") return { pending: "pending", approved: "open", answered: "answered", hidden: "hidden" }[q.status];
    if (q.mine) return mode === "page" ? "mine" : null;
    return q.status === "answered" ? "answered" : "open";
  }

  // The server's orders (sessions/qa/panel.py, SORTS): pinned first, then most votes
  // and oldest, or newest (ISO times compare as text).
  function order(a, b) {
    const age = a.created < b.created ? -1 : Number(a.created > b.created);
    if (root.dataset.sort === "recent") return (b.pinned - a.pinned) || -age || b.id - a.id;
    return (b.pinned - a.pinned) || (b.votes - a.votes) || age || a.id - b.id;
  }

  // The order links work without this file (?sort=); here they reorder in place.
  root.addEventListener("click", (event) => {
    const link = event.target.closest("[data-qa-sort]");
    if (!link) return;
    event.preventDefault();
    root.dataset.sort = link.dataset.qaSort;
    for (const other of root.querySelectorAll("[data-qa-sort]")) {
      if (other === link) other.setAttribute("aria-current", "true");
      else other.removeAttribute("aria-current");
    }
    history.replaceState(null, "", link.href);
    render();
    announce(link.textContent);
  });

  function fill(li, q) {
    const id = String(q.id);
    li.id = `question-${id}`;
    li.dataset.question = id;
    li.dataset.status = q.status;
    li.dataset.pinned = String(Boolean(q.pinned));
    li.dataset.edited = String(Boolean(q.edited));
    li.dataset.mine = String(mine.has(id)); // marked "Yours", and takes no vote from you
    const field = (name) => li.querySelector(`[data-field="${name}"]`);
    const text = field("text");
    text.id = `qa-text-${id}`;
    text.textContent = q.text;
    // Public views never show who asked anonymously, even to a moderator's screen.
    const anonymous = !q.author || (q.anonymous && mode !== "moderate");
    field("author").textContent = anonymous ? phrase("anonymous") : q.author;
    field("votes").textContent = String(q.votes);
    const about = guiding.get(String(q.guiding_question));
    field("about").hidden = !about;
    field("guiding").textContent = about || "";
    if ("anonymous" in li.dataset) li.dataset.anonymous = String(Boolean(q.anonymous));
    if (field("original")) field("original").textContent = q.original_text || "";
    if (field("reason")) field("reason").textContent = q.hidden_reason || "";
    for (const input of li.querySelectorAll('input[name="question"]')) input.value = id;
    for (const el of li.querySelectorAll("[aria-describedby]")) el.setAttribute("aria-describedby", text.id);
    const edit = li.querySelector('textarea[name="text"]');
    if (edit && document.activeElement !== edit) edit.value = q.text;
    const button = li.querySelector("form[data-qa-vote] button");
    if (button) {
      const pressed = voted.has(id);
      button.setAttribute("aria-pressed", String(pressed));
      button.form.setAttribute("action", pressed ? root.dataset.unvoteUrl : root.dataset.voteUrl);
    }
  }

  function render() {
    const focused = document.activeElement;
    const lists = {};
    for (const ol of root.querySelectorAll("[data-qa-list]")) lists[ol.dataset.qaList] = [];
    for (const q of questions.values()) {
      const name = listFor(q);
      if (name && lists[name]) lists[name].push(q);
    }
    const existing = new Map(
      [...root.querySelectorAll("[data-qa-list] > li")].map((li) => [li.dataset.question, li]),
    );
    for (const [name, items] of Object.entries(lists)) {
      const ol = root.querySelector(`[data-qa-list="${name}"]`);
      items.sort(order);
      let previous = null;
      for (const q of items) {
        let li = existing.get(String(q.id));
        existing.delete(String(q.id));
        if (!li) li = itemTemplate.content.firstElementChild.cloneNode(true);
        fill(li, q);
        const wanted = previous ? previous.nextElementSibling : ol.firstElementChild;
        if (li !== wanted) ol.insertBefore(li, wanted); // move only what changed place
        previous = li;
      }
      const section = ol.closest("[data-qa-section]");
      if (section) section.hidden = items.length === 0;
      const empty = root.querySelector(`[data-qa-empty="${name}"]`);
      if (empty) empty.hidden = items.length > 0;
    }
    for (const li of existing.values()) li.remove();
    // A move takes the focus away; give it back so keyboard users stay put.
    if (focused && focused !== document.activeElement && focused.isConnected) {
      focused.focus({ preventScroll: true });
    }
  }

  function showBoard(next, counts) {
    board = next;
    root.dataset.boardStatus = next.status;
    root.dataset.untaken = String(Boolean(next.untaken_published));
    if (counts) showCounts(counts);
  }

  function showCounts(counts) {
    for (const el of root.querySelectorAll("[data-count]")) {
      el.textContent = String(counts[el.dataset.count]);
    }
  }

  function announce(message) {
    const region = root.querySelector("[data-qa-announce]");
    if (!region) return; // the Q&A is off: polls.js and floor.js say their own
    region.textContent = "";
    // A fresh text node, so that screen readers read it even when it repeats.
    window.setTimeout(() => { region.textContent = message; }, 50);
  }

  // Connection states: the status line is a live region, so a change is announced;
  // the counts say since when they have not moved.
  function showConnection(state) {
    const was = root.dataset.connection;
    if (was === state) return;
    root.dataset.connection = state;
    if (state !== "connected" && was === "connected") {
      const time = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
      for (const el of root.querySelectorAll("[data-qa-stale]")) {
        el.textContent = ` ${phrase("stale", { time })}`;
      }
    }
    for (const el of root.querySelectorAll("[data-qa-stale]")) el.hidden = state === "connected";
    const status = root.querySelector("[data-qa-connection]");
    if (status) status.textContent = phrase(state); // connected, reconnecting, offline, unavailable
  }

  function showPending(message) {
    const note = root.querySelector("[data-qa-pending]");
    if (!note) return;
    note.textContent = message;
    note.hidden = !message;
  }

  // A question asked with no connection: kept, with its text still in the box.
  function keep(frame) {
    pending = frame;
    showPending(phrase("kept"));
  }

  function showError(message) {
    for (const el of root.querySelectorAll("[data-qa-error]")) {
      el.textContent = message;
      el.hidden = !message;
    }
  }

  const handlers = {
    snapshot(frame) {
      lastSeq = frame.seq;
      ahead.clear();
      window.clearTimeout(gapTimer);
      gapTimer = null;
      snapshotSeen = true;
      retries = 0; // live again (a socket that opens and closes at once is not)
      resyncing = false;
      root.dataset.live = "true"; // forms go over the websocket from now on
      everLive = true;
      showConnection("connected");
      const kept = [...questions.values()].filter((q) => mine.has(String(q.id)));
      questions.clear();
      for (const q of frame.questions) {
        questions.set(String(q.id), { ...q, voteSeq: frame.vote_seq });
      }
      // Own questions the public does not see come in the "mine" frame that follows a
      // greeting; until then (and after a board switch, which has none), one the public
      // no longer sees is the asker's alone.
      for (const q of kept) {
        if (!questions.has(String(q.id))) questions.set(String(q.id), { ...q, mine: true });
      }
      showBoard(frame.board, frame.counts);
      render();
      if (pending) send(pending); // kept while the connection was down
    },
    changes(frame) {
      resyncing = false;
      for (const change of frame.frames) take(change);
    },
    mine(frame) {
      voted.clear();
      for (const id of frame.voted) voted.add(String(id));
      for (const q of frame.questions) {
        mine.add(String(q.id));
        questions.set(String(q.id), q);
      }
      render();
    },
    question(frame) {
      const q = { ...frame.question, voteSeq: frame.vote_seq };
      const id = String(q.id);
      const was = questions.get(id);
      const known = was && listFor(was);
      // A count newer than the frame's came meanwhile (votes are sent apart).
      if (was && was.voteSeq > q.voteSeq) Object.assign(q, { votes: was.votes, voteSeq: was.voteSeq });
      if (q.text === undefined) questions.delete(id);
      else questions.set(id, q);
      if (q.mine) mine.add(id);
      showCounts(frame.counts);
      render();
      if (!known && listFor(q) && !mine.has(id)) announce(phrase("new_question", { text: q.text }));
    },
    // Counts of a storm of votes, sent together (sessions/qa/votes.py): per question,
    // the count with the highest vote_seq stands, whichever frame brought it.
    votes(frame) {
      for (const [id, votes] of Object.entries(frame.votes)) countVotes(id, votes, frame.vote_seq);
      render();
    },
    board(frame) {
      showBoard(frame.board, frame.counts);
      render();
    },
    role(frame) {
      // No longer a moderator: the public snapshot that follows replaces the lists.
      showError(frame.message);
    },
    asked(frame) {
      mine.add(String(frame.question));
      if (askForm) askForm.reset();
      pending = null;
      showPending("");
      sessionStorage.removeItem(draftKey);
      showError("");
      announce(phrase(board.premoderation ? "asked_premoderated" : "asked"));
    },
    voted(frame) {
      const id = String(frame.question);
      if (frame.voted) voted.add(id);
      else voted.delete(id);
      countVotes(id, frame.votes, frame.vote_seq); // the count as of this vote
      showError("");
      render(); // the focus stays on the button pressed
      const votes = counted("votes", frame.votes, { votes: frame.votes });
      announce(phrase(frame.voted ? "upvoted" : "unvoted", { votes }));
    },
    withdrawn() {
      showError("");
      announce(phrase("withdrawn"));
    },
    corrected(frame) {
      showError("");
      const li = document.getElementById(`question-${frame.question}`);
      const details = li && li.querySelector(".qa-own details");
      if (details) details.open = false;
      announce(phrase("corrected"));
    },
    error(frame) {
      // The live Q&A is down: the close that follows says so; a kept question stays.
      if (frame.code === "unavailable") return;
      // A poll's answer or an act on the speaking queue: polls.js or floor.js says why.
      if (["answer", "speak", "unspeak", "floor"].includes(frame.act)) return;
      resyncing = false; // a resync refused (too many frames) is asked again later
      // A kept question the server refused (closed meanwhile, too many): its text
      // stays in the box, and the reason is said.
      if (pending) {
        pending = null;
        showPending("");
      }
      showError(frame.message);
    },
  };

  function countVotes(id, votes, voteSeq) {
    const q = questions.get(id);
    if (!q || q.voteSeq > voteSeq) return;
    q.votes = votes;
    q.voteSeq = voteSeq;
  }

  function receive(event) {
    let frame;
    try {
      frame = JSON.parse(event.data);
    } catch {
      return;
    }
    take(frame);
  }

  function take(frame) {
    if (typeof frame.seq === "number" && frame.type !== "snapshot") {
      if (!snapshotSeen || frame.seq <= lastSeq) return; // seen already
      if (frame.seq > lastSeq + 1) {
        ahead.set(frame.seq, frame);
      } else {
        apply(frame);
        // The frames that waited for this one, in order; those a replay brought too
        // are behind now.
        while (ahead.has(lastSeq + 1)) {
          const next = ahead.get(lastSeq + 1);
          ahead.delete(lastSeq + 1);
          apply(next);
        }
        for (const seq of ahead.keys()) if (seq <= lastSeq) ahead.delete(seq);
      }
      if (!ahead.size) {
        window.clearTimeout(gapTimer);
        gapTimer = null;
      } else if (!gapTimer) {
        gapTimer = window.setTimeout(gapStayed, GAP_WAIT);
      }
      return;
    }
    handle(frame);
  }

  function apply(frame) {
    lastSeq = frame.seq;
    handle(frame);
  }

  // Every frame is passed on as a "qa:frame" event too: polls.js follows the polls.
  function handle(frame) {
    const handler = handlers[frame.type];
    if (handler) handler(frame);
    document.dispatchEvent(new CustomEvent("qa:frame", { detail: frame }));
  }

  // A change that did not come within GAP_WAIT went missing: ask for the changes
  // since the last one applied (the server sends them, or the whole state). The
  // frames ahead stay, to follow the replay.
  function gapStayed() {
    gapTimer = null;
    if (!ahead.size) return;
    if (!resyncing) resyncing = send({ type: "resync", since: lastSeq });
  }

  function connect() {
    timer = null;
    if (!navigator.onLine) {
      showConnection("offline"); // the "online" event brings it back
      return;
    }
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const ws = new WebSocket(`${scheme}//${location.host}${root.dataset.qaSocket}`);
    socket = ws;
    ws.addEventListener("message", receive);
    ws.addEventListener("close", (event) => {
      if (ws !== socket) return; // an older socket, already replaced
      root.dataset.live = "false";
      snapshotSeen = false;
      if (!navigator.onLine) {
        showConnection("offline");
        return;
      }
      if (event.code === UNAVAILABLE) showConnection("unavailable");
      else if (everLive) showConnection("reconnecting");
      // Back off with full jitter (anywhere within 2 s, 4 s, 8 s … 30 s): a room of
      // viewers whose server went away comes back spread out, not as one storm of
      // handshakes (bench/README.md, the kill phase).
      const delay = Math.random() * Math.min(30000, 2000 * 2 ** retries);
      retries += 1;
      timer = window.setTimeout(connect, delay);
    });
  }

  // The network back: try at once rather than wait for the back-off.
  window.addEventListener("online", () => {
    if (socket && socket.readyState <= WebSocket.OPEN) return; // connecting or open
    window.clearTimeout(timer);
    retries = 0;
    showConnection("reconnecting");
    connect();
  });
  // A link that died with the network may not say so for minutes: close it now.
  window.addEventListener("offline", () => {
    showConnection("offline");
    if (socket) socket.close();
  });

  function send(frame) {
    if (!socket || socket.readyState !== WebSocket.OPEN || !snapshotSeen) return false;
    socket.send(JSON.stringify(frame));
    return true;
  }

  // Frames from polls.js: taken (the event cancelled) when sent.
  document.addEventListener("qa:send", (event) => {
    if (send(event.detail)) event.preventDefault();
  });

  // The forms: over the websocket when it is up, posted the plain way otherwise.
  root.addEventListener("submit", (event) => {
    const form = event.target;
    let frame = null;
    if (form.matches("[data-qa-ask]")) {
      const data = new FormData(form);
      frame = {
        type: "ask",
        text: data.get("text"),
        anonymous: data.get("anonymous") === "on",
        guiding_question: data.get("guiding_question") ? Number(data.get("guiding_question")) : null,
      };
    } else if (form.matches("[data-qa-vote]")) {
      const id = form.elements.question.value;
      frame = { type: voted.has(id) ? "unvote" : "vote", question: Number(id) };
    } else if (form.matches("[data-qa-own]")) {
      // The asker's own question, while it awaits moderation: withdraw or correct.
      const data = new FormData(form);
      frame = { type: form.dataset.qaOwn, question: Number(data.get("question")) };
      if (frame.type === "correct") frame.text = data.get("text");
    } else if (form.matches("[data-qa-moderate]")) {
      const data = new FormData(form);
      const submitter = event.submitter;
      frame = {
        type: "moderate",
        question: Number(data.get("question")),
        action: submitter && submitter.name === "action" ? submitter.value : data.get("action"),
        reason: data.get("reason") || "",
        text: data.get("text") || "",
      };
    }
    if (!frame) return;
    if (send(frame)) {
      event.preventDefault();
    } else if (everLive || !navigator.onLine) {
      // Posted now, the form would end on the browser's error page.
      event.preventDefault();
      if (frame.type === "ask") keep(frame);
      else showError(phrase("not_sent"));
    }
  });

  // What is typed survives a reload (and the offline copy) until it is sent.
  if (askForm) {
    const box = askForm.elements.text;
    if (!box.value) box.value = sessionStorage.getItem(draftKey) || "";
    box.addEventListener("input", () => sessionStorage.setItem(draftKey, box.value));
  }

  connect();
})();
