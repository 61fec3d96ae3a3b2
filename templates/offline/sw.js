// The offline copy (docs/architecture.md, "Offline copy"). Pages whose head says
// they may be kept (KEEP: the programme, an event, its sessions, a participant's
// agenda and the sessions in it) are kept as they are read; the site's CSS and JS too. With no network, a kept page is
// served with a note of when it was kept. Kept pages belong to one reader: every page
// names its reader's scope (X-Offline-Scope: "public", or a code for a signed-in
// reader), and a new scope empties the pages of the old one before anything is served.
"use strict";
const PAGES = "offline-pages";
const STATIC = "offline-static";
const SCOPE_KEY = "/__offline-scope__";
const MAX_PAGES = 80;
const MAX_AGENDA_SESSIONS = 40;
// What a page that may be kept says in its head (the programme, an event, a session,
// the agenda); private pages never say it.
const KEEP = '<meta name="offline-copy" content="keep">';
// What the worker says, in each of the site's languages (one worker serves them all;
// the texts are in templates/offline/words.html, where makemessages finds them): a
// page's language is the prefix of its address ("/fr/…"), English has none (`at` is
// "/"). {time} is filled in here.
const LANGUAGES = [{% include "offline/words.html" %}].map(
  ([code, at, direction, note, title, heading, notKept, kept, noneKept]) =>
    ({ code, at, direction, note, title, heading, notKept, kept, noneKept }),
);

function wordsFor(url) {
  const path = new URL(url).pathname;
  return LANGUAGES.find((words) => words.at !== "/" && path.startsWith(words.at))
    || LANGUAGES.find((words) => words.at === "/")
    || LANGUAGES[0];
}

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));
// A page read before the worker ran (offline.js) asks to be kept, with its CSS and JS.
self.addEventListener("message", (event) => {
  const url = event.data && event.data.keep;
  if (typeof url !== "string" || new URL(url).origin !== location.origin) return;
  const assets = (event.data.assets || []).filter((asset) => typeof asset === "string"
    && new URL(asset).origin === location.origin && new URL(asset).pathname.startsWith("/static/"));
  // The browser's own cache answers first (force-cache): the page and its files
  // were just downloaded, and on a slow line a second download would double the
  // visit's weight.
  const again = { credentials: "same-origin", cache: "force-cache" };
  event.waitUntil((async () => {
    try {
      await store(url, await fetch(url, again));
      const files = await caches.open(STATIC);
      await Promise.all(assets.map(async (asset) => {
        const response = await fetch(asset, again);
        if (response.ok) await files.put(asset, response);
      }));
    } catch (offline) {
      // Kept at the next visit instead.
    }
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== location.origin) return;
  if (request.mode === "navigate" && !url.pathname.startsWith("/admin/")) {
    event.respondWith(page(event));
  } else if (url.pathname.startsWith("/static/")) {
    event.respondWith(asset(request));
  }
});

// Pages: the network first; a kept copy only when there is none. Keeping happens
// after the page is on its way, never before.
async function page(event) {
  const request = event.request;
  let response;
  try {
    response = await fetch(request);
  } catch (offline) {
    const kept = await (await caches.open(PAGES)).match(request);
    return kept ? withNote(kept, request.url) : await offlinePage(request.url);
  }
  event.waitUntil(store(request.url, response.clone()));
  return response;
}

async function store(url, response) {
  await follow(response.headers.get("X-Offline-Scope"));
  const type = response.headers.get("Content-Type") || "";
  if (!response.ok || !type.startsWith("text/html")) return;
  const body = await response.text();
  if (!body.includes(KEEP)) return;
  await keep(url, response.headers, body);
  if (new URL(url).pathname === "/me/agenda/") await keepAgenda(body);
}

// A different reader (signed in, out, or someone else): forget the old one's pages.
async function follow(scope) {
  if (!scope) return;
  const pages = await caches.open(PAGES);
  const known = await pages.match(SCOPE_KEY);
  if (known && (await known.text()) === scope) return;
  await caches.delete(PAGES);
  await (await caches.open(PAGES)).put(SCOPE_KEY, new Response(scope));
}

async function keep(url, responseHeaders, body) {
  const title = (body.match(/<title>([^<]*)<\/title>/) || [, url])[1];
  const headers = new Headers(responseHeaders);
  headers.delete("Content-Encoding");
  headers.delete("Content-Length");
  headers.set("X-Kept-At", new Date().toISOString());
  headers.set("X-Kept-Title", encodeURIComponent(title.trim()));
  const pages = await caches.open(PAGES);
  await pages.put(url, new Response(body, { status: 200, headers }));
  const keys = (await pages.keys()).filter((key) => !key.url.endsWith(SCOPE_KEY));
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_PAGES))) await pages.delete(old);
}

// The sessions of an agenda are kept with it, read or not.
async function keepAgenda(body) {
  const links = [...body.matchAll(/<a href="([^"]+)" data-offline>/g)].map((m) => m[1]);
  for (const path of links.slice(0, MAX_AGENDA_SESSIONS)) {
    try {
      const session = await fetch(path, { credentials: "same-origin" });
      const text = session.ok ? await session.text() : "";
      if (text.includes(KEEP)) {
        await keep(new URL(path, location.origin).href, session.headers, text);
      }
    } catch (offline) {
      return;
    }
  }
}

// The page as kept, with a note of when, said first in its main content.
async function withNote(kept, url) {
  const when = new Date(kept.headers.get("X-Kept-At"));
  const shown = when.toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
  const note = `<p class="offline-note" role="status">${wordsFor(url).note.replace("{time}", shown)}</p>`;
  const body = (await kept.text()).replace('<main id="main" class="wrap">', (main) => main + note);
  const headers = new Headers(kept.headers);
  headers.delete("Content-Length");
  return new Response(body, { status: 200, headers });
}

// No kept copy of this page: say so, and list the ones there are.
async function offlinePage(url) {
  const words = wordsFor(url);
  const pages = await caches.open(PAGES);
  const items = [];
  for (const key of await pages.keys()) {
    if (key.url.endsWith(SCOPE_KEY)) continue;
    const kept = await pages.match(key);
    const title = escape(decodeURIComponent(kept.headers.get("X-Kept-Title") || key.url));
    items.push(`<li><a href="${escape(new URL(key.url).pathname + new URL(key.url).search)}">${title}</a></li>`);
  }
  const styles = (await (await caches.open(STATIC)).keys()).find((key) => key.url.endsWith(".css"));
  const body = `<!DOCTYPE html><html lang="${words.code}" dir="${words.direction}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${words.title}</title>
${styles ? `<link rel="stylesheet" href="${escape(styles.url)}">` : ""}</head>
<body><main id="main" class="wrap"><h1>${words.heading}</h1>
<p class="offline-note" role="status">${words.notKept}</p>
${items.length ? `<h2>${words.kept}</h2><ul>${items.join("")}</ul>` : `<p>${words.noneKept}</p>`}
</main></body></html>`;
  return new Response(body, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

// Static files: the network (and the browser's own cache) first, so a new release
// is never hidden behind a kept copy.
async function asset(request) {
  const cache = await caches.open(STATIC);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (offline) {
    const kept = await cache.match(request);
    if (kept) return kept;
    throw offline;
  }
}

function escape(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
