"""Live Q&A coming back after the network: VIEWERS session pages in Debian's Chromium
(qa.js as a participant's phone runs it) are live, the browser goes offline (each page
closes its socket and says "offline"), then comes back online. Each page's time from
the network's return until its snapshot is in and it says "live" again, against the
same page's first connect (from navigation start to live) as the floor.

Chromium is the one `make browsers` installs (CHROMIUM names another); without it the
figures are VOID."""

import os
import time
from pathlib import Path

from bench.environment import daphne, free_port
from bench.qa_driver import percentile
from bench.report import Figure

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# Pages share a few renderer processes, as many tabs of one site would.
ARGS = ["--no-sandbox", "--disable-gpu", "--renderer-process-limit=4"]
# Each page notes, by the system clock, when its Q&A panel says it is live.
WATCH = """
window.__live = [];
document.addEventListener("DOMContentLoaded", () => {
  const root = document.querySelector("[data-qa]");
  new MutationObserver(() => {
    if (root.dataset.connection === "connected") window.__live.push(Date.now());
  }).observe(root, { attributes: true, attributeFilter: ["data-connection"] });
});
"""
FIRST_LIVE = """() => new Promise((done) => {
  const check = () => window.__live.length
    ? done(window.__live[0] - performance.timeOrigin) : setTimeout(check, 20);
  check();
})"""
BACK_LIVE = """(count) => new Promise((done) => {
  const check = () => window.__live.length > count
    ? done(window.__live[count]) : setTimeout(check, 20);
  check();
})"""


def stage():
    """A live session with its Q&A open, which anyone may follow."""
    from sessions.qa.models import QABoard
    from tests.factories import EventPageFactory, SessionPageFactory

    event = EventPageFactory(slug="bench-reconnect")
    session = SessionPageFactory(event=event, slug="bench-reconnect-live")
    QABoard.objects.create(session=session, status=QABoard.Status.OPEN)
    return session.url


def run(env, *, quick):
    from playwright.sync_api import sync_playwright

    viewers = 50 if quick else 200
    name = f"qa.reconnect.{viewers}"
    if not CHROMIUM.exists():
        void = f"no Chromium at {CHROMIUM} (make browsers)"
        return [Figure(f"{name}.p50", 0, "ms", 0, "first connect", void=void)]
    path = stage()
    port = free_port()
    # The pages' origin, which the websocket's origin check accepts.
    env = {**env, "SITE_URL": f"http://127.0.0.1:{port}"}
    with daphne(env, port=port) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context()
        context.add_init_script(WATCH)
        pages, first = [], []
        for _ in range(viewers):
            page = context.new_page()
            page.goto(base + path)
            first.append(page.evaluate(FIRST_LIVE))
            pages.append(page)
        context.set_offline(True)
        for page in pages:
            page.wait_for_function(
                "document.querySelector('[data-qa]').dataset.connection === 'offline'"
            )
        time.sleep(1)
        back_at = time.time() * 1000
        context.set_offline(False)
        back = [page.evaluate(BACK_LIVE, 1) - back_at for page in pages]
        browser.close()
    return [
        Figure(
            f"{name}.p50", percentile(back, 0.5), "ms", percentile(first, 0.5), "first"
        ),
        # Before qa.js listened for the network, a page came back 11-29 s later.
        Figure(
            f"{name}.p99",
            percentile(back, 0.99),
            "ms",
            percentile(first, 0.99),
            "first",
            max_value=10_000,
        ),
    ]
